"""``asm-course lab``: open JupyterLab on the course start page.

The command chooses a free port, writes the server's own configuration (see
``lab_config``), starts JupyterLab with its log in a file, waits until it answers, prints
the address last in a box, and stops the server when it is stopped itself.
"""

from __future__ import annotations

import argparse
import secrets
import shutil
import sys
import tempfile
from pathlib import Path

from asm_course import i18n, lab_server, layout
from asm_course.i18n import t
from asm_course.lab_config import (
    DEFAULT_PORT,
    UI_LOCALES,
    LabSettings,
    StateFolders,
    free_port,
    port_is_free,
    trust_notebooks,
    write_state,
)
from asm_course.lab_folder import LabError, participant_view, start_page, work_folder


def add_command(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("lab", help=t("lab.help"), description=t("lab.help"))
    parser.add_argument("--port", type=int, default=0, help=t("lab.port"))
    parser.add_argument("--no-browser", action="store_true", help=t("lab.no_browser"))
    parser.add_argument("--dir", type=Path, default=None, help=t("lab.dir"))
    parser.add_argument("--lang", default=layout.LANG.get(), help=t("lab.lang"))
    parser.add_argument("--trainer", action="store_true", help=t("lab.trainer"))
    parser.set_defaults(run=run)


def choose_port(requested: int) -> tuple[int, str | None]:
    """The port to serve on and, when the one asked for is busy, the note saying so."""
    if not requested:
        return free_port(DEFAULT_PORT), None
    if port_is_free(requested):
        return requested, None
    chosen = free_port(requested + 1)
    return chosen, t("lab.port_busy", port=requested, chosen=chosen)


def ready_box(lines: list[str]) -> str:
    """``lines`` framed, so the address stands out at the end of the output."""
    width = max(len(line) for line in lines)
    rule = "─" * (width + 2)
    body = [f"│ {line.ljust(width)} │" for line in lines]
    return "\n".join([f"╭{rule}╮", *body, f"╰{rule}╯"])


def _ready_lines(url: str, work: Path, log: Path, trainer: bool, browser: bool) -> list[str]:
    lines = [t("lab.ready_title"), "", t("lab.ready_open_browser" if browser else "lab.ready_open"),
             f"  {url}", "", t("lab.ready_saved", folder=work)]
    if trainer:
        lines.append(t("lab.ready_trainer"))
    return lines + [t("lab.ready_stop"), t("lab.ready_log", log=log)]


def run(args: argparse.Namespace) -> int:
    lang = args.lang.strip().lower()
    if lang not in UI_LOCALES:
        print(t("lab.unknown_lang", name=args.lang, choices=", ".join(UI_LOCALES)), file=sys.stderr)
        return 2
    if lang in i18n.available_languages():
        i18n.set_language(lang)
    try:
        work = work_folder(args.dir, trainer=args.trainer)
        root = work if args.trainer else participant_view(work)
        page = start_page(root, lang, shown=work)
    except LabError as problem:
        print(problem, file=sys.stderr)
        return 2
    if page.note:
        print(page.note, flush=True)
    port, busy = choose_port(args.port)
    if busy:
        print(busy, flush=True)
    state = StateFolders.inside(Path(tempfile.mkdtemp(prefix="asm-course-lab-")))
    settings = LabSettings(root=root, start_page=page.path, port=port, token=secrets.token_hex(16),
                           locale=UI_LOCALES[lang], trainer=args.trainer, open_browser=not args.no_browser)
    write_state(settings, state)
    trust_notebooks(state, course_notebooks(root))
    return _serve(settings, state, work)


def course_notebooks(root: Path) -> list[Path]:
    """The teaching notebooks the lab serves (``course/<lang>/*.ipynb``): stored executed, with
    their widget state, and trusted by this server so that their apps show before a first run."""
    return sorted((root / "course").glob("*/*.ipynb"))


def _serve(settings: LabSettings, state: StateFolders, work: Path) -> int:
    """Run the server until it ends or a stop signal arrives; 0 unless it failed."""
    print(t("lab.starting", log=state.log), flush=True)
    lab_server.catch_stop_signals()
    process = None
    failed = False
    try:
        process = lab_server.start(state, settings.root)
        if not lab_server.wait_until_serving(process, settings.port):
            failed = True
            print(t("lab.failed", code=process.returncode, log=state.log), file=sys.stderr)
            print(lab_server.log_tail(state.log), file=sys.stderr)
            return 1
        url = f"http://127.0.0.1:{settings.port}/lab/tree/{settings.start_page}?token={settings.token}"
        print(ready_box(_ready_lines(url, work, state.log, settings.trainer, settings.open_browser)), flush=True)
        process.wait()
    except lab_server.Stop:
        print("\n" + t("lab.stopping"), flush=True)
    finally:
        if process is not None:
            lab_server.stop(process)
        if not failed:
            shutil.rmtree(state.base, ignore_errors=True)
    print(t("lab.stopped"), flush=True)
    return 0
