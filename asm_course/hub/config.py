"""``configure(c, settings)``: the whole JupyterHub configuration of a workshop hub
(``deploy/jupyterhub/jupyterhub_config.py`` calls it)."""

from __future__ import annotations

import sys
from pathlib import Path

from asm_course.hub.classlist import read_class_list
from asm_course.hub.settings import HubSettings
from asm_course.i18n import available_languages, t
from asm_course.nbgrader_settings import COURSE_ID

CULLER_SCOPES = ["list:users", "read:users:activity", "read:servers", "delete:servers"]


def singleuser_config_dir(settings: HubSettings) -> Path:
    """Jupyter config read by every single-user server (added to JUPYTER_CONFIG_PATH)."""
    return settings.state / "singleuser-config"


def write_singleuser_config(settings: HubSettings) -> Path:
    """nbgrader settings of every user: the course id and the shared exchange."""
    folder = singleuser_config_dir(settings)
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)
    config = folder / "nbgrader_config.py"
    config.write_text(
        "# Written by `asm-course hub start`; every single-user server reads it.\n"
        "c = get_config()  # noqa: F821\n"
        f"c.CourseDirectory.course_id = {COURSE_ID!r}\n"
        f"c.Exchange.root = {str(settings.exchange)!r}\n")
    config.chmod(0o644)
    return folder


def configure(c, settings: HubSettings) -> None:
    """Fill the JupyterHub config object ``c`` for the workshop described by ``settings``."""
    people = read_class_list(settings.classlist, available_languages())
    languages = {p.username: p.lang for p in people}

    c.JupyterHub.bind_url = f"http://{settings.ip}:{settings.port}"
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.hub_port = settings.hub_port
    c.JupyterHub.db_url = f"sqlite:///{settings.state / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(settings.state / "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = str(settings.state / "jupyterhub.pid")
    c.ConfigurableHTTPProxy.command = [str(settings.proxy)]
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.proxy_api_port}"
    c.JupyterHub.template_vars = {"announcement_login": t("hub.login_note", lang=settings.lang)}

    c.JupyterHub.authenticator_class = "asm_course.hub.jupyterhub_classes.ClassListAuthenticator"
    c.ClassListAuthenticator.password_file = str(settings.state / "passwords.json")
    c.ClassListAuthenticator.languages = languages
    c.Authenticator.allowed_users = set(languages)
    c.Authenticator.admin_users = {p.username for p in people if p.is_trainer}
    c.LocalAuthenticator.create_system_users = True
    c.LocalAuthenticator.add_user_cmd = ["useradd", "--create-home", "--base-dir", str(settings.home_base),
                                         "--key", "HOME_MODE=0700", "--shell", "/bin/bash"]

    c.JupyterHub.spawner_class = "asm_course.hub.jupyterhub_classes.CourseSpawner"
    c.CourseSpawner.languages = languages
    c.CourseSpawner.memory_mb = settings.memory_mb
    c.CourseSpawner.nproc = settings.nproc
    c.Spawner.cmd = [str(settings.python), "-m", "jupyterhub.singleuser"]
    c.Spawner.mem_limit = f"{settings.memory_mb}M"   # shown to the user as MEM_LIMIT
    c.Spawner.cpu_limit = settings.cpu_limit         # advisory only without cgroups (see the guide)
    c.Spawner.environment = {
        "PATH": f"{settings.python.parent}:/usr/local/bin:/usr/bin:/bin",
        "JUPYTER_CONFIG_PATH": str(write_singleuser_config(settings)),
        # one BLAS thread and two malloc arenas per process: a small address space, which is what
        # the per-process memory limit (RLIMIT_AS) counts
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MALLOC_ARENA_MAX": "2",
    }
    c.Spawner.start_timeout = 180
    c.Spawner.http_timeout = 180
    # servers and the idle culler stop on SIGINT; do not wait 10 s per process before SIGTERM
    c.LocalProcessSpawner.interrupt_timeout = 3
    c.LocalProcessSpawner.term_timeout = 3

    c.JupyterHub.services = [{
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                    f"--timeout={settings.cull_timeout}", f"--cull-every={settings.cull_every}"],
    }]
    c.JupyterHub.load_roles = [{"name": "idle-culler", "scopes": CULLER_SCOPES, "services": ["idle-culler"]}]
