"""``asm-course formgrade``: nbgrader's formgrader on the course folder that the
``asm-course`` commands lay out, for grading the reflections (and any other manually
graded answer) by hand. Scores and comments go into the same gradebook, so
``asm-course grades`` and ``report`` show them.

The server listens on 127.0.0.1 only, with a random token; the nbgrader settings are
written to ``nbgrader_config.py`` in the course folder (formgrader reads them there).
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

from asm_course.grading.paths import CourseDir, package_root

CONFIG = '''# Written by `asm-course formgrade`: nbgrader settings of this course folder.
import sys
sys.path.insert(0, {repo!r})
from asm_course.nbgrader_settings import course_config

c = get_config()  # noqa: F821
c.merge(course_config({lang!r}))
c.CourseDirectory.root = {root!r}
c.CourseDirectory.source_directory = {source!r}
c.CourseDirectory.release_directory = {release!r}
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"
c.CourseDirectory.db_url = {db_url!r}
'''
EXTENSION = "nbgrader.server_extensions.formgrader"


def write_config(course: CourseDir, source: Path, db_url: str, lang: str) -> Path:
    """``nbgrader_config.py`` in the course folder (replaced atomically)."""
    path = course.root / "nbgrader_config.py"
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(CONFIG.format(repo=str(package_root()), lang=lang, root=str(course.root),
                                 source=str(source), release=str(course.release / lang),
                                 db_url=db_url), encoding="utf-8")
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    return path


def server_command(course: CourseDir, port: int, token: str) -> tuple[list[str], dict[str, str]]:
    """The Jupyter server command line and environment serving only formgrader."""
    private = course.root / ".trainer-lab"
    config_dir = private / "config"
    config_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(private, 0o700)
    (config_dir / "jupyter_server_config.json").write_text(json.dumps(
        {"ServerApp": {"jpserver_extensions": {EXTENSION: True}}}), encoding="utf-8")
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(config_dir),
           "JUPYTER_RUNTIME_DIR": str(private / "runtime"),
           "JUPYTER_DATA_DIR": str(private / "data")}
    env.pop("ASM_COURSE_DB_URL", None)  # the config file says which gradebook
    argv = [sys.executable, "-m", "jupyter_server", f"--ServerApp.root_dir={course.root}",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}", "--ServerApp.open_browser=False"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # a course container: formgrader runs no code
        argv.append("--allow-root")
    return argv, env


def url(port: int, token: str) -> str:
    return f"http://127.0.0.1:{port}/formgrader?token={token}"


def serve(course: CourseDir, source: Path, db_url: str, lang: str, port: int,
          token: str | None = None) -> int:
    """Run formgrader until Ctrl-C; returns the server's exit code."""
    from asm_course.i18n import t

    token = token or secrets.token_urlsafe(24)
    write_config(course, source, db_url, lang)
    argv, env = server_command(course, port, token)
    print(t("grading.formgrade.open", url=url(port, token)), flush=True)
    proc = subprocess.Popen(argv, env=env, cwd=str(course.root))
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        proc.wait(timeout=30)
        return 0
