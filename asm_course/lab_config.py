"""The configuration of one ``asm-course lab`` server: its port and the files it reads.

Everything JupyterLab reads for this server is written into one state folder made for it
(a fresh temporary folder each start): the server settings, the page configuration that
switches extensions off, the settings overrides that choose the interface language, the
custom style sheet (a visible focus outline on widget controls), the notary that marks the
course notebooks trusted (so their stored widgets render before the first run), and empty
user-settings and workspace folders (so no tab of an earlier session is restored).
The child process finds them through ``JUPYTER_CONFIG_DIR`` / ``JUPYTER_CONFIG_PATH`` (and
keeps its run-time files under ``JUPYTER_RUNTIME_DIR`` there); nothing is written into the
user's home.
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path

DEFAULT_PORT = 8888
PORT_RANGE = 100

# Course language -> JupyterLab interface locale (the language packs the environment installs).
UI_LOCALES = {"en": "en", "es": "es_ES", "pt": "pt_BR"}

# Participants see neither JupyterLab's news pop-up nor nbgrader's tools.
NEWS_PLUGIN = "@jupyterlab/apputils-extension:announcements"
NBGRADER_LAB_EXTENSION = "@jupyter/nbgrader"
NBGRADER_SERVER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.validate_assignment",
    "nbgrader.server_extensions.assignment_list",
    "nbgrader.server_extensions.course_list",
)
TRANSLATION_PLUGIN = "@jupyterlab/translation-extension:plugin"
NOTEBOOK_PLUGIN = "@jupyterlab/notebook-extension:tracker"

# A clear outline on the widget control that has the keyboard focus (JupyterLab's own is a
# 1 px line, or none on slider handles): 3 px in the Okabe-Ito blue of the course's charts,
# with a white ring so that it shows on the blue of a selected button too; and the chosen
# button of a row of options in that blue with white bold text (ipywidgets marks it only by a
# slightly darker grey).
FOCUS_COLOUR = "#0072B2"
CUSTOM_CSS = f"""/* asm-course: a visible focus outline on widget controls (keyboard users) */
.jupyter-widgets button:focus-visible,
.jupyter-widgets input:focus-visible,
.jupyter-widgets textarea:focus-visible,
.jupyter-widgets select:focus-visible,
.jupyter-widgets summary:focus-visible,
.jupyter-widgets .noUi-handle:focus,
.jupyter-widgets .lm-AccordionPanel-title:focus-visible,
.jupyter-widgets .jupyter-widget-Collapse-header:focus-visible {{
  outline: 3px solid {FOCUS_COLOUR} !important;
  outline-offset: 2px !important;
  box-shadow: 0 0 0 2px #ffffff !important;
}}
/* the chosen option of a row of buttons */
.jupyter-widgets .widget-toggle-button.mod-active {{
  background-color: {FOCUS_COLOUR} !important;
  color: #ffffff !important;
  font-weight: bold;
}}
"""


def port_is_free(port: int) -> bool:
    """True when a server could listen on 127.0.0.1:``port`` now (nothing else holds it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Jupyter's own server does
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port(start: int = DEFAULT_PORT) -> int:
    """The first port from ``start`` on which a server can listen on 127.0.0.1."""
    for port in range(start, start + PORT_RANGE):
        if port_is_free(port):
            return port
    raise RuntimeError(f"no free port between {start} and {start + PORT_RANGE - 1}")


@dataclass(frozen=True)
class LabSettings:
    """What one lab server is asked to do."""

    root: Path          # the folder the file browser and the contents API show
    start_page: str     # path of the page to open, relative to ``root``
    port: int
    token: str
    locale: str         # JupyterLab interface locale, e.g. "es_ES"
    trainer: bool       # nbgrader's tools on (trainers), off (participants)
    open_browser: bool


@dataclass(frozen=True)
class StateFolders:
    """The folders and files of one server's state, all inside ``base``."""

    base: Path
    config: Path         # JUPYTER_CONFIG_DIR: server config, labconfig/page_config.json
    app_settings: Path   # overrides.json
    user_settings: Path  # empty at start: settings changed in this session only
    workspaces: Path     # empty at start: no tab of an earlier session is restored
    runtime: Path        # JUPYTER_RUNTIME_DIR: cookie secret, server info, kernel connection files
    log: Path            # the server's output
    ipython: Path        # IPYTHONDIR of the kernels: plain-language errors from their first cell
    notary: Path         # NotebookNotary.data_dir: the signing secret and the trusted-notebooks database

    @classmethod
    def inside(cls, base: Path) -> StateFolders:
        return cls(base, base / "config", base / "app-settings", base / "user-settings", base / "workspaces",
                   base / "runtime", base / "jupyterlab.log", base / "notary", base / "ipython")

    @property
    def custom_css(self) -> Path:
        """The style sheet JupyterLab loads with ``LabApp.custom_css`` (``<config>/custom/custom.css``)."""
        return self.config / "custom" / "custom.css"


def server_config(settings: LabSettings, state: StateFolders) -> dict:
    """``jupyter_server_config.json`` of this server."""
    server: dict = {
        "root_dir": str(settings.root),
        "ip": "127.0.0.1",
        "port": settings.port,
        "port_retries": 0,
        "open_browser": settings.open_browser,
        "default_url": f"/lab/tree/{settings.start_page}",
        # containers and training servers often run as root; Jupyter refuses without this
        "allow_root": hasattr(os, "geteuid") and os.geteuid() == 0,
    }
    if not settings.trainer:
        server["jpserver_extensions"] = {name: False for name in NBGRADER_SERVER_EXTENSIONS}
    return {
        "ServerApp": server,
        "IdentityProvider": {"token": settings.token},
        # this server's own notary (not the one in the user's data folder): see trust_notebooks
        "NotebookNotary": {"data_dir": str(state.notary)},
        "LabApp": {
            "custom_css": True,
            "app_settings_dir": str(state.app_settings),
            "user_settings_dir": str(state.user_settings),
            "workspaces_dir": str(state.workspaces),
            "news_url": None,
            "check_for_updates_class": "jupyterlab.NeverCheckForUpdate",
        },
    }


def page_config(trainer: bool) -> dict:
    """``labconfig/page_config.json``: the lab extensions switched off for this server."""
    disabled = {NEWS_PLUGIN: True}
    if not trainer:
        disabled[NBGRADER_LAB_EXTENSION] = True
    return {"disabledExtensions": disabled}


def overrides(locale: str) -> dict:
    """``overrides.json``: default settings of this server: the interface language, and a
    notebook opens with its own kernel at once (no "Select Kernel" question: with a fresh
    settings folder each start, JupyterLab would otherwise ask for every notebook)."""
    return {TRANSLATION_PLUGIN: {"locale": locale}, NOTEBOOK_PLUGIN: {"autoStartDefaultKernel": True}}


def kernel_config() -> dict:
    """``ipython_kernel_config.json`` of the server's kernels: every notebook, teaching ones
    included, starts with the course session (the notebook's language, plain-language errors)
    without a cell that loads it."""
    return {"IPKernelApp": {"extensions": ["asm_course.session"]}}


def write_state(settings: LabSettings, state: StateFolders) -> None:
    """Write every file the server reads into ``state`` (empty settings and workspaces)."""
    profile = state.ipython / "profile_default"
    for folder in (state.config / "labconfig", state.custom_css.parent, state.app_settings, state.user_settings,
                   state.workspaces, state.notary, profile):
        folder.mkdir(parents=True, exist_ok=True)
    files = {
        profile / "ipython_kernel_config.json": kernel_config(),
        state.config / "jupyter_server_config.json": server_config(settings, state),
        state.config / "labconfig" / "page_config.json": page_config(settings.trainer),
        state.app_settings / "overrides.json": overrides(settings.locale),
    }
    for path, content in files.items():
        path.write_text(json.dumps(content, indent=1), encoding="utf-8")
        path.chmod(0o600)  # the server config holds the token
    state.custom_css.write_text(CUSTOM_CSS, encoding="utf-8")
    state.notary.chmod(0o700)  # the signing secret


def trust_notebooks(state: StateFolders, notebooks: list[Path]) -> list[Path]:
    """Mark ``notebooks`` trusted in this server's notary, the way ``jupyter trust`` does for
    the user's own; returns those signed.

    JupyterLab shows a widget's stored state (and any HTML output) only in a trusted notebook;
    an untrusted one shows ``VBox(children=…`` text until its cells run again. The course
    notebooks are stored executed with their widget state, so signing them lets every app
    appear (static) as soon as a notebook opens. The signature covers the file as it is now: a
    notebook changed on disk afterwards is untrusted again until it is saved from the lab."""
    from nbformat import read
    from nbformat.sign import NotebookNotary

    notary = NotebookNotary(data_dir=str(state.notary))
    signed = []
    for path in notebooks:
        try:
            notebook = read(path, as_version=4)
        except (OSError, ValueError):
            continue   # not a readable notebook: left as it is
        notary.sign(notebook)
        signed.append(path)
    notary.store.close()
    return signed


def child_environment(state: StateFolders, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of the server process: its configuration comes first, from ``state``."""
    env = dict(os.environ if base is None else base)
    env["JUPYTER_CONFIG_DIR"] = str(state.config)
    env["JUPYTER_RUNTIME_DIR"] = str(state.runtime)
    env["IPYTHONDIR"] = str(state.ipython)
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
        [str(state.config)] + [p for p in env.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep) if p])
    return env
