"""``asm-course hub start`` (the workshop server) and ``asm-course hub reset-password``."""

from __future__ import annotations

import argparse
import importlib.util
import os
import pwd
import shutil
import subprocess
import sys
from pathlib import Path

from asm_course import layout
from asm_course.hub.classlist import ClassListError, read_class_list
from asm_course.hub.passwords import PasswordStore
from asm_course.hub.settings import HubSettings
from asm_course.i18n import available_languages, t

DEFAULT_STATE = Path("/srv/asm-course/hub")
DEFAULT_EXCHANGE = Path("/srv/asm-course/exchange")
FIRST_REGULAR_UID = 1000


def deploy_folder() -> Path | None:
    """``deploy/jupyterhub`` of the clone this package runs from, or None."""
    root = layout.repository_root()
    return root / "deploy" / "jupyterhub" if root else None


def add_command(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("hub", help=t("hub.help"), description=t("hub.help_long"))
    actions = parser.add_subparsers(dest="hub_command", required=True, metavar="ACTION")
    start = actions.add_parser("start", help=t("hub.start.help"), description=t("hub.start.help"))
    start.add_argument("--classlist", type=Path, required=True, metavar="CSV", help=t("hub.opt.classlist"))
    start.add_argument("--ip", default="0.0.0.0", help=t("hub.opt.ip"))
    start.add_argument("--port", type=int, default=8000, help=t("hub.opt.port"))
    start.add_argument("--state", type=Path, default=DEFAULT_STATE, metavar="DIR", help=t("hub.opt.state"))
    start.add_argument("--exchange", type=Path, default=DEFAULT_EXCHANGE, metavar="DIR", help=t("hub.opt.exchange"))
    start.add_argument("--home-base", type=Path, default=Path("/home"), metavar="DIR", help=t("hub.opt.home_base"))
    start.add_argument("--python", type=Path, default=Path(sys.executable), metavar="PATH", help=t("hub.opt.python"))
    start.add_argument("--lang", default="en", choices=available_languages(), help=t("hub.opt.lang"))
    start.add_argument("--memory-mb", type=int, default=1536, metavar="M", help=t("hub.opt.memory"))
    start.add_argument("--cpu", type=float, default=1.0, metavar="N", help=t("hub.opt.cpu"))
    start.add_argument("--cull-timeout", type=int, default=3600, metavar="S", help=t("hub.opt.cull_timeout"))
    start.add_argument("--cull-every", type=int, default=300, metavar="S", help=t("hub.opt.cull_every"))
    start.set_defaults(run=run_start)
    give_back = actions.add_parser("return-feedback", help=t("hub.return.help"), description=t("hub.return.help"))
    give_back.add_argument("assignment", metavar="ASSIGNMENT", help=t("hub.return.assignment"))
    give_back.add_argument("--course-dir", type=Path, default=Path.cwd(), metavar="DIR", help=t("hub.return.course_dir"))
    give_back.set_defaults(run=run_return_feedback)
    reset = actions.add_parser("reset-password", help=t("hub.reset.help"), description=t("hub.reset.help"))
    reset.add_argument("username")
    reset.add_argument("--state", type=Path, default=DEFAULT_STATE, metavar="DIR", help=t("hub.opt.state"))
    reset.set_defaults(run=run_reset)


def _free_port(start: int) -> int:
    from asm_course.lab import free_port

    return free_port(start)


def clashes_with_system_accounts(usernames: list[str]) -> list[str]:
    """Class-list names that are already system accounts (uid below 1000): never spawn as those."""
    clashes = []
    for name in usernames:
        try:
            if pwd.getpwnam(name).pw_uid < FIRST_REGULAR_UID:
                clashes.append(name)
        except KeyError:
            continue
    return clashes


def unusable_by_participants(python: Path) -> str:
    """'' when an unprivileged user can run ``python`` and import the course stack with it,
    else what went wrong (e.g. the environment lives under root's home folder)."""
    probe = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", str(python), "-c",
             "import jupyterhub.singleuser, asm_course"]
    try:
        result = subprocess.run(probe, capture_output=True, text=True, timeout=120, cwd="/",
                                env={"PATH": "/usr/bin:/bin", "HOME": "/nonexistent"})
    except (OSError, subprocess.TimeoutExpired) as exc:
        return str(exc)
    return "" if result.returncode == 0 else (result.stderr.strip().splitlines() or ["?"])[-1]


def preflight(args: argparse.Namespace) -> tuple[HubSettings, Path] | str:
    """Settings and config file, or the message that says what is missing and how to fix it."""
    if os.geteuid() != 0:
        return t("hub.error.not_root")
    if importlib.util.find_spec("jupyterhub") is None or importlib.util.find_spec("jupyterhub_idle_culler") is None:
        return t("hub.error.no_jupyterhub")
    folder = deploy_folder()
    if folder is None or not (folder / "jupyterhub_config.py").is_file():
        return t("hub.error.no_deploy")
    proxy = folder / "node_modules" / ".bin" / "configurable-http-proxy"
    if not proxy.exists():
        return t("hub.error.no_proxy", folder=folder)
    try:
        people = read_class_list(args.classlist, available_languages())
    except ClassListError as exc:
        return str(exc)
    clashes = clashes_with_system_accounts([p.username for p in people])
    if clashes:
        return t("hub.error.system_account", file=args.classlist, names=", ".join(clashes))
    problem = unusable_by_participants(args.python)
    if problem:
        return t("hub.error.python_unusable", python=args.python, problem=problem)
    settings = HubSettings(
        classlist=args.classlist.resolve(), state=args.state.resolve(), exchange=args.exchange.resolve(),
        home_base=args.home_base.resolve(), proxy=proxy, python=args.python, ip=args.ip, port=args.port,
        hub_port=_free_port(8081), proxy_api_port=_free_port(8001 if args.port != 8001 else 8002),
        lang=args.lang, memory_mb=args.memory_mb, cpu_limit=args.cpu,
        cull_timeout=args.cull_timeout, cull_every=args.cull_every)
    return settings, folder / "jupyterhub_config.py"


def prepare_folders(settings: HubSettings) -> None:
    """State only root reads; an exchange everyone can write (nbgrader keeps inbound unlistable);
    homes that everyone can traverse into their own (each home itself is 0700)."""
    settings.state.mkdir(parents=True, exist_ok=True)
    settings.state.chmod(0o711)  # users traverse to the single-user config, nothing else
    settings.exchange.mkdir(parents=True, exist_ok=True)
    settings.exchange.chmod(0o1777)
    settings.home_base.mkdir(parents=True, exist_ok=True)


def run_start(args: argparse.Namespace) -> int:
    checked = preflight(args)
    if isinstance(checked, str):
        print(checked, file=sys.stderr)
        return 2
    settings, config = checked
    prepare_folders(settings)
    print(t("hub.start.open", url=f"http://{settings.ip}:{settings.port}/"), flush=True)
    os.chdir(settings.state)
    # the hub replaces this process: signals (Ctrl+C, a service manager's stop) reach it directly
    os.execve(sys.executable, [sys.executable, "-m", "jupyterhub", "-f", str(config)],
              {**os.environ, **settings.to_environment()})


EXCHANGE_RECEIPTS = ("timestamp.txt", "submission_secret.txt")


def carry_receipts(course_dir: Path, assignment: str) -> int:
    """Copy the exchange's receipts (timestamp, submission secret) of each collected submission
    into its feedback folder, where ``nbgrader release_feedback`` looks for them; returns how
    many feedback folders are ready."""
    ready = 0
    for feedback in sorted((course_dir / "feedback").glob(f"*/{assignment}")):
        submitted = course_dir / "submitted" / feedback.parent.name / assignment
        for name in EXCHANGE_RECEIPTS:
            if (submitted / name).is_file() and not (feedback / name).is_file():
                shutil.copy2(submitted / name, feedback / name)
        ready += all((feedback / name).is_file() for name in EXCHANGE_RECEIPTS)
    return ready


def run_return_feedback(args: argparse.Namespace) -> int:
    """The feedback pages of ``asm-course feedback`` back to the participants, via the exchange."""
    course_dir = args.course_dir.resolve()
    ready = carry_receipts(course_dir, args.assignment)
    if not ready:
        print(t("hub.return.nothing", assignment=args.assignment, folder=course_dir / "feedback"), file=sys.stderr)
        return 2
    code = subprocess.call([sys.executable, "-m", "nbgrader", "release_feedback", args.assignment,
                            f"--CourseDirectory.root={course_dir}"], cwd=course_dir)
    if code == 0:
        print(t("hub.return.done", n=ready, assignment=args.assignment))
    return code


def run_reset(args: argparse.Namespace) -> int:
    store = PasswordStore(args.state / "passwords.json")
    print(t("hub.reset.done" if store.clear(args.username) else "hub.reset.none", username=args.username))
    return 0
