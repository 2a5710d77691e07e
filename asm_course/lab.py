"""``asm-course lab``: open JupyterLab on the course start page."""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import socket
import subprocess
import sys
from pathlib import Path

from asm_course import layout
from asm_course.i18n import t


def add_command(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("lab", help=t("lab.help"), description=t("lab.help"))
    parser.add_argument("--port", type=int, default=0, help=t("lab.port"))
    parser.add_argument("--no-browser", action="store_true", help=t("lab.no_browser"))
    parser.add_argument("--dir", type=Path, default=None, help=t("lab.dir"))
    parser.add_argument("--lang", default="en", help=t("lab.lang"))
    parser.set_defaults(run=run)


def free_port(start: int = 8888) -> int:
    """The first port from ``start`` on which nothing listens on 127.0.0.1."""
    for port in range(start, start + 100):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port between 8888 and 8987")


def work_folder(requested: Path | None) -> Path:
    """The folder to serve: ``--dir`` (filled from the packaged copy when empty), else
    the repository clone, else ``./asm-course``."""
    if requested is None:
        repo = layout.repository_root()
        if repo is not None:
            return repo
        requested = Path.cwd() / "asm-course"
    source = layout.repository_root() or layout.packaged_content()
    missing = [name for name in layout.CONTENT_FOLDERS
               if not (requested / name).exists() and (source / name).is_dir()]
    if missing:
        print(t("lab.copying", folder=requested))
    for name in missing:
        shutil.copytree(source / name, requested / name)
    return requested


def lab_command(folder: Path, port: int, token: str, lang: str, open_browser: bool) -> list[str]:
    """The ``jupyter lab`` command line serving ``folder`` on 127.0.0.1."""
    return [
        sys.executable, "-m", "jupyterlab",
        f"--ServerApp.root_dir={folder}",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.default_url=/lab/tree/{layout.start_page(lang)}",
        f"--ServerApp.open_browser={open_browser}",
        # containers and training servers often run as root; Jupyter refuses without this
        f"--ServerApp.allow_root={os.geteuid() == 0}",
    ]


def run(args: argparse.Namespace) -> int:
    folder = work_folder(args.dir)
    if not (folder / layout.start_page(args.lang)).is_file():
        print(t("lab.no_course", folder=folder), file=sys.stderr)
        return 2
    port = args.port or free_port()
    token = secrets.token_hex(16)
    print(t("lab.open", url=f"http://127.0.0.1:{port}/lab/tree/{layout.start_page(args.lang)}?token={token}"),
          flush=True)
    return subprocess.call(lab_command(folder, port, token, args.lang, not args.no_browser))
