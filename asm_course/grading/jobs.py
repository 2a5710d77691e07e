"""Grading ONE participant in a throwaway course folder (runs in its own process).

The job folder holds a copy of the template gradebook (assignment already seeded, so no
gradebook creation per notebook), the pre-cleaned submission, a kernel spec that asks
the warm kernel factory for a sandboxed kernel, and, at the end, ``result.json``.
The real gradebook is never opened here: the parent merges the job's gradebook.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat

from asm_course import layout
from asm_course.grading import notebooks as nbs
from asm_course.grading import tamper
from asm_course.grading.paths import Assignment, package_root
from asm_course.i18n import t
from asm_course.nbgrader_settings import make_config

KERNEL_NAME = "asm-course-sandbox"


@dataclass
class Template:
    """A seeded mini course for one assignment: source copy, release, gradebook."""

    assignment: Assignment
    root: Path

    @property
    def source(self) -> Path:
        return self.root / "source"

    @property
    def gradebook(self) -> Path:
        return self.root / "gradebook.db"

    def source_nb(self, name: str) -> nbformat.NotebookNode:
        return nbs.read(self.source / self.assignment.id / name)

    def release_nb(self, name: str) -> nbformat.NotebookNode:
        return nbs.read(self.root / "release" / self.assignment.id / name)


def build_template(assignment: Assignment, root: Path, lang: str) -> Template:
    """Copy the source assignment and seed a SQLite gradebook with real nbgrader."""
    from nbgrader.apps import NbGraderAPI

    template = Template(assignment, root)
    shutil.copytree(assignment.folder, template.source / assignment.id,
                    ignore=shutil.ignore_patterns("*_answers.json", ".ipynb_checkpoints", "__pycache__"))
    config = make_config(root, template.source, f"sqlite:///{template.gradebook}", lang,
                         release_dir=root / "release")
    result = NbGraderAPI(config=config).generate_assignment(assignment.id)
    if not result["success"]:
        raise RuntimeError(t("grading.error.template", assignment=assignment.id,
                             error=(result.get("error") or result.get("log", ""))[-2000:]))
    os.chmod(root, 0o700)
    return template


@dataclass
class Job:
    """Everything a worker needs to grade one participant's submission."""

    assignment: str
    student: str
    folder: Path
    template: Path
    factory_socket: str
    policy: dict
    cell_timeout: int
    lang: str = "en"
    notes: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    preflight: bool = False  # only start one kernel and run a trivial cell (``run_preflight``)

    @property
    def course(self) -> Path:
        return self.folder / "course"

    @property
    def workdir(self) -> Path:
        return self.course / "autograded" / self.student / self.assignment

    @property
    def result_file(self) -> Path:
        return self.folder / "result.json"


def write_kernel_spec(job: Job) -> Path:
    """A kernel spec whose command is the factory proxy with this job's policy."""
    share = job.folder / "share"
    spec_dir = share / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True, exist_ok=True)
    policy_path = job.folder / "policy.json"
    policy_path.write_text(json.dumps(job.policy), encoding="utf-8")
    spec = {
        "argv": [sys.executable, "-m", "asm_course.grading.zygote", "client",
                 job.factory_socket, str(policy_path), "{connection_file}"],
        "display_name": "Python 3 (sandboxed grading)",
        "language": "python",
        "interrupt_mode": "signal",
        "env": {"PYTHONPATH": str(package_root())},
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    return share


def _job_environment(job: Job) -> Path:
    """Kernel spec, Jupyter folders and IPC socket folder of this job; returns the IPC
    socket path prefix. IPC sockets in the job's own folder instead of TCP ports: the
    ports are picked here but bound later by a kernel forked and sandboxed elsewhere,
    and with jobs running in parallel another kernel could take a port in between."""
    share = write_kernel_spec(job)
    private = job.folder / "private"
    for var, sub in (("JUPYTER_PATH", None), ("JUPYTER_RUNTIME_DIR", "runtime"),
                     ("JUPYTER_DATA_DIR", "data"), ("JUPYTER_CONFIG_DIR", "config"),
                     ("IPYTHONDIR", "ipython")):
        path = share if sub is None else private / sub
        path.mkdir(parents=True, exist_ok=True)
        os.environ[var] = str(path)
    ipc = Path(job.policy["home"]) / "ipc"
    ipc.mkdir(exist_ok=True)
    return ipc / "kernel"


def _write_result(job: Job, result: dict) -> None:
    layout.write_json_atomic(job.result_file, result, indent=None)


def run_job(job: Job) -> None:
    """Entry point of the worker process: autograde, analyse, write result.json."""
    if job.preflight:
        run_preflight(job)
        return
    ipc = _job_environment(job)
    os.environ[layout.LANG.name] = job.lang  # the kernel's checkers speak the release's language
    shutil.copy(job.template / "gradebook.db", job.course / "gradebook.db")
    os.chdir(job.course)
    result = {"success": False, "kind": "error", "message": "", "notes": list(job.notes),
              "flags": list(job.flags), "rechecked": {}}
    try:
        from nbgrader.apps import NbGraderAPI

        config = make_config(job.course, job.template / "source",
                             f"sqlite:///{job.course / 'gradebook.db'}", job.lang)
        config.Execute.kernel_name = KERNEL_NAME
        config.Execute.timeout = job.cell_timeout
        config.Execute.startup_timeout = 60
        config.KernelManager.transport = "ipc"
        config.KernelManager.ip = str(ipc)
        api = NbGraderAPI(config=config)
        outcome = api.autograde(job.assignment, job.student, force=True, create=True)
        log = (outcome.get("log") or "") + (outcome.get("error") or "")
        result["log"] = log[-4000:]
        if outcome["success"]:
            result.update(success=True, kind="graded")
            analyse(job, result)
        else:
            kind, message = explain_failure(job, log)
            result.update(kind=kind, message=message)
    except BaseException as exc:  # anything at all: report, never crash silently
        result.update(kind="error", message=f"{type(exc).__name__}: {exc}"[:500])
    _write_result(job, result)


PREFLIGHT_START = 30  # seconds: a kernel forked from the warm factory starts in about one
PREFLIGHT_CELL = """import importlib, os, sys
missing = [p for p in {keep!r} if not os.path.lexists(p)]
for name in ("zoneinfo", "sqlite3", "decimal", "json", "asm_course.i18n"):
    importlib.import_module(name)
print("PREFLIGHT-OK" if not missing else "PREFLIGHT-MISSING " + ", ".join(missing))"""


def run_preflight(job: Job) -> None:
    """Start one sandboxed kernel exactly as grading will and run a trivial cell that
    checks every path the interpreter needs is visible; ``result.json`` says whether it
    worked and, if not, what could not be reached."""
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from nbformat.v4 import new_code_cell, new_notebook

    ipc = _job_environment(job)
    run_dir = job.folder / "run"
    run_dir.mkdir(exist_ok=True)
    nb = new_notebook(cells=[new_code_cell(PREFLIGHT_CELL.format(keep=list(job.policy["keep"])))])
    result = {"success": False, "kind": "error", "message": ""}
    try:
        km = KernelManager(kernel_name=KERNEL_NAME, transport="ipc", ip=str(ipc))
        client = NotebookClient(nb, km=km, timeout=job.cell_timeout, startup_timeout=PREFLIGHT_START,
                                kernel_name=KERNEL_NAME, resources={"metadata": {"path": str(run_dir)}})
        client.execute()
        text = "".join(o.get("text", "") for o in nb.cells[0].outputs if o.get("output_type") == "stream")
        if "PREFLIGHT-OK" in text:
            result.update(success=True, kind="ok")
        else:
            missing = text.split("PREFLIGHT-MISSING", 1)[-1].strip() or text.strip()[-500:]
            result.update(kind="missing", message=t("grading.preflight.missing", paths=missing))
    except BaseException as exc:  # noqa: BLE001 -- any failure is the answer
        from asm_course.grading.zygote import START_FILE

        started = _read_json(Path(job.policy["home"]) / START_FILE)
        if not (started or {}).get("started"):  # died or hung before it could answer
            kind, message = explain_death(started, None, job.policy.get("memory_mb"))
        else:
            kind, message = explain_failure(job, f"{type(exc).__name__}: {exc}")
        if kind == "error":
            message = t("grading.preflight.error", error=f"{type(exc).__name__}: {exc}"[:500])
        result.update(kind=kind, message=message)
    _write_result(job, result)


def _read_json(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def explain_failure(job: Job, log: str) -> tuple[str, str]:
    """(cause, message) of a failed grading run, from nbgrader's log and what the kernel
    and the factory recorded about the last kernel of this job."""
    import time

    from asm_course.grading.zygote import EXIT_FILE, START_FILE

    kind = classify_failure(log)
    if kind != "kernel_died":
        return kind, failure_message(log)
    ended = None
    deadline = time.monotonic() + 3  # the factory records the exit as soon as it reaps
    while ended is None and time.monotonic() < deadline:
        ended = _read_json(job.folder / EXIT_FILE)
        if ended is None:
            time.sleep(0.05)
    started = _read_json(Path(job.policy["home"]) / START_FILE)
    return explain_death(started, ended, job.policy.get("memory_mb"))


def explain_death(started: dict | None, ended: dict | None, memory_mb: int | None) -> tuple[str, str]:
    """Tell apart: the kernel never started; the memory limit was reached; killed by a
    signal (which); ended with an exit code (``os._exit``)."""
    import signal

    if not started or not started.get("started"):
        error = (started or {}).get("error") or t("grading.fail.no_sign_of_life")
        return "never_started", t("grading.fail.never_started", error=error)
    if not ended:
        return "kernel_died", t("grading.fail.kernel_died")
    peak = ended.get("peak_mb") or 0
    if memory_mb and peak >= 0.9 * memory_mb:
        return "memory", t("grading.fail.memory_limit", peak=peak, limit=memory_mb)
    if ended.get("signal"):
        try:
            name = signal.Signals(ended["signal"]).name
        except ValueError:
            name = str(ended["signal"])
        return "signal", t("grading.fail.signal", signal=name)
    return "exit", t("grading.fail.exit_code", code=ended.get("code"))


def classify_failure(log: str) -> str:
    if "DeadKernelError" in log or "Kernel died" in log or "kernel died" in log:
        return "kernel_died"
    if "CellTimeoutError" in log or "TimeoutError" in log:
        return "timeout"
    return "error"


def failure_message(log: str) -> str:
    kind = classify_failure(log)
    if kind == "kernel_died":
        return t("grading.fail.kernel_died")
    if kind == "timeout":
        return t("grading.fail.kernel_timeout")
    lines = [line for line in log.strip().splitlines() if line.strip()]
    return t("grading.fail.nbgrader", detail=(lines[-1] if lines else "?")[:300])


def analyse(job: Job, result: dict) -> None:
    """After a successful run: notes on timeouts/memory, and the outside re-check."""
    from nbgrader.api import Gradebook

    assignment_dir = job.template / "source" / job.assignment
    names = sorted(p.name for p in assignment_dir.glob("*.ipynb"))
    errors: set[str] = set()
    for name in names:
        path = job.workdir / name
        if path.is_file():
            for cell in nbs.read(path).cells:
                for out in cell.get("outputs", []):
                    if out.get("output_type") == "error":
                        errors.add(out.get("ename", ""))
    if "CellTimeoutError" in errors:
        result["notes"].append(t("grading.note.cell_timeout", seconds=job.cell_timeout))
    if "MemoryError" in errors:
        result["notes"].append(t("grading.note.memory"))
    passed: dict[str, bool] = {}
    with Gradebook(f"sqlite:///{job.course / 'gradebook.db'}", "asm_course") as gb:
        submission = gb.find_submission(job.assignment, job.student)
        for nb in submission.notebooks:
            for grade in nb.grades:
                if grade.max_score and grade.auto_score is not None:
                    passed[grade.name] = grade.auto_score >= grade.max_score
    suspicious = []
    values = Path(job.policy["home"]) / tamper.VALUES_FILE
    for name in names:
        source_nb = nbs.read(assignment_dir / name)
        calls = tamper.grade_calls(source_nb)
        verdict = tamper.recheck(values, calls, tamper.checker_imports(source_nb), assignment_dir)
        result["rechecked"].update(verdict)
        suspicious += [gid for gid, ok in verdict.items() if passed.get(gid) and not ok]
    if suspicious:
        result["flags"].append(t("grading.flag.recheck", ids=", ".join(sorted(suspicious))))


def job_to_dict(job: Job) -> dict:
    data = asdict(job)
    return {k: str(v) if isinstance(v, Path) else v for k, v in data.items()}
