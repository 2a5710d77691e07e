"""``asm-course autograde``: every participant in its own process and sandboxed kernel,
in parallel, with time and memory limits; grades merged into the real gradebook one
participant at a time (all or nothing); failures recorded with their reason."""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from asm_course.grading import jobs as jobmod
from asm_course.grading import notebooks as nbs
from asm_course.grading import preflight, sandbox, status, tamper
from asm_course.grading.paths import Assignment, CourseDir, discover_assignments, package_root
from asm_course.i18n import t
from asm_course.nbgrader_settings import COURSE_ID, make_config, put_environment_on_path

MAX_ANSWERS_BYTES = 1024 * 1024
MAX_COPY_FILES = 500
MAX_COPY_BYTES = 60 * 1024 * 1024
MAX_WORK_PARENT = 48  # + "/asm-grading-*/jobs/NNNNN/home/ipc/kernel-*" stays under 108 bytes


@dataclass
class Limits:
    """Per-notebook resources; ``jobs`` notebooks run at the same time."""

    jobs: int = 2
    cell_timeout: int = 60
    notebook_timeout: int = 600
    memory_mb: int = 2048
    isolation: bool = True  # False: no private file-system view or uid (trusted submissions)


@dataclass
class Outcome:
    assignment: str
    participant: str
    status: str
    score: float | None = None
    max_score: float | None = None
    reason: str | None = None
    flags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: bool = False  # graded by an earlier run, same submission
    cause: str | None = None  # why it failed: never_started, memory, signal, exit, timeout...
    submission: str | None = None  # fingerprint of the graded submission


# ----------------------------------------------------------------- preparation
def sandbox_paths(course: CourseDir, source: Path, work: Path,
                  needs: list[str]) -> tuple[list[str], list[str]]:
    """(hide, keep): what participant code must not see, and what it needs to run
    (``needs``: the interpreter's paths, from the kernel factory)."""
    source = source.resolve()
    solutions = source.parent if source.parent.name == "solutions" else source
    home = Path(os.path.expanduser("~")).resolve()
    protected = [str(course.root.resolve()), str(solutions), str(package_root() / "solutions"),
                 str(work.resolve())]
    hide = [*protected, "/tmp", "/var/tmp", "/dev/shm"]
    if str(home) not in ("/", ""):
        hide.append(str(home))
    keep = sorted(k for k in needs
                  if not any(sandbox._under(os.path.realpath(k), p) for p in protected))
    hide += [c for c in sandbox.closed_ancestors(keep) if c not in hide]
    return hide, keep


def prepare_job(job: jobmod.Job, course: CourseDir, assignment: Assignment,
                template: jobmod.Template) -> None:
    """Pre-clean the submission into the job folder; raises NotebookError if ungradable."""
    src_dir = course.submitted / job.student / assignment.id
    dest = job.course / "submitted" / job.student / assignment.id
    dest.mkdir(parents=True, exist_ok=True)
    present = [n for n in assignment.notebooks if (src_dir / n).is_file()]
    if not present:
        raise nbs.NotebookError(t("grading.fail.no_notebook", names=", ".join(assignment.notebooks)))
    for name in present:
        cleaned = nbs.load_submission(src_dir / name)
        job.notes += cleaned.notes
        flags, notes = tamper.scan_cells(cleaned.nb, template.release_nb(name))
        job.flags += flags
        job.notes += notes
        calls = tamper.grade_calls(template.source_nb(name))
        if calls:
            cleaned.nb.cells.append(nbs.nbformat.v4.new_code_cell(tamper.values_cell_source(calls)))
        nbs.write(cleaned.nb, dest / name)
    answers = src_dir / assignment.answers_file
    if answers.is_file():
        try:
            data = json.loads(tamper.safe_read(answers, MAX_ANSWERS_BYTES).decode("utf-8"))
            if not isinstance(data, dict):
                raise ValueError
            (dest / assignment.answers_file).write_text(json.dumps(data), encoding="utf-8")
        except (OSError, ValueError, UnicodeDecodeError):
            job.notes.append(t("grading.note.bad_answers", name=assignment.answers_file))
    stamp = src_dir / "timestamp.txt"
    if stamp.is_file():
        shutil.copy(stamp, dest / "timestamp.txt")


# ----------------------------------------------------------------- after a job
def stage_results(job: jobmod.Job, course: CourseDir, assignment: Assignment) -> Path:
    """Copy the autograded folder beside its place in the course (regular files only,
    bounded), without our values cell; returns the staged folder (``install_results``)."""
    target = course.autograded / job.student / assignment.id
    tmp = target.with_name(target.name + ".incoming")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    copied = size = 0
    for root, _dirs, files in os.walk(job.workdir, followlinks=False):
        for name in files:
            path = Path(root) / name
            info = path.lstat()
            if not stat.S_ISREG(info.st_mode) or name == tamper.VALUES_FILE:
                continue
            size += info.st_size
            copied += 1
            if copied > MAX_COPY_FILES or size > MAX_COPY_BYTES:
                break
            out = tmp / path.relative_to(job.workdir)
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, out)
    for name in assignment.notebooks:
        path = tmp / name
        if path.is_file():
            nb = nbs.read(path)
            nb.cells = [c for c in nb.cells if not c.source.startswith(tamper.VALUES_MARK)]
            nbs.write(nb, path)
    return tmp


def install_results(staged: Path) -> None:
    """Replace the previous autograded folder by ``staged`` (two renames)."""
    target = staged.with_name(staged.name[:-len(".incoming")])
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staged.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def finish_job(job: jobmod.Job, exitcode: int | None, timed_out: bool, gb, course: CourseDir,
               assignment: Assignment, limits: Limits) -> Outcome:
    """Turn a finished (or killed) job into an Outcome; merge grades if it succeeded.
    The autograded copy is staged before the gradebook commit, so a full disk or a
    read-only folder stops the batch (``TrainerFault``) with the gradebook unchanged."""
    from asm_course.grading import merge

    out = Outcome(assignment.id, job.student, status.FAILED, flags=list(job.flags),
                  notes=list(job.notes))
    if timed_out:
        out.reason = t("grading.fail.notebook_timeout", seconds=limits.notebook_timeout)
        out.cause = "timeout"
        return out
    if not job.result_file.is_file():
        out.reason = t("grading.fail.worker_crash", code=exitcode)
        out.cause = "worker"
        return out
    result = json.loads(job.result_file.read_text(encoding="utf-8"))
    out.flags, out.notes = result["flags"], result["notes"]
    if not result["success"]:
        out.reason = result["message"] or result["kind"]
        out.cause = result["kind"]
        return out
    try:
        data = merge.read_job(f"sqlite:///{job.course / 'gradebook.db'}", assignment.id, job.student)
        staged = stage_results(job, course, assignment)
    except OSError as exc:
        raise preflight.fault_from_os_error(exc, course.autograded) from exc
    try:
        out.score = merge.merge(gb, assignment.id, job.student, data)
        out.max_score = gb.find_assignment(assignment.id).max_score
    except Exception as exc:  # the gradebook transaction was rolled back
        shutil.rmtree(staged, ignore_errors=True)
        if "disk is full" in str(exc) or "No space left" in str(exc):
            raise preflight.TrainerFault(t("grading.fault.disk_full_now", folder=str(course.root),
                                           error=str(exc).splitlines()[0][:200])) from exc
        out.reason = t("grading.fail.merge", error=f"{type(exc).__name__}: {exc}"[:300])
        out.cause = "merge"
        return out
    try:
        install_results(staged)
    except OSError as exc:
        raise preflight.fault_from_os_error(exc, course.autograded) from exc
    out.status = status.GRADED
    out.submission = submission_hash(course, assignment.id, job.student)
    return out


# ----------------------------------------------------------------- progress
class Progress:
    """A plain-text progress bar on stderr (one line per update when not a terminal)."""

    def __init__(self, total: int, stream: TextIO):
        self.total, self.stream, self.done, self.failed = total, stream, 0, 0
        self.start = time.monotonic()
        self.tty = hasattr(stream, "isatty") and stream.isatty()

    def update(self, outcome: Outcome) -> None:
        self.done += 1
        self.failed += outcome.status == status.FAILED
        width = 30
        filled = int(width * self.done / max(self.total, 1))
        elapsed = time.monotonic() - self.start
        eta = elapsed / self.done * (self.total - self.done)
        line = t("grading.progress", bar="#" * filled + "." * (width - filled), done=self.done,
                 total=self.total, failed=self.failed, elapsed=int(elapsed), eta=int(eta),
                 who=f"{outcome.participant}/{outcome.assignment}")
        self.stream.write(("\r" + line) if self.tty else line + "\n")
        if self.tty and self.done == self.total:
            self.stream.write("\n")
        self.stream.flush()


# ----------------------------------------------------------------- orchestration
def seed_gradebook(assignment: Assignment, source: Path, db_url: str, work: Path, lang: str) -> None:
    """Make sure the real gradebook knows the assignment (nbgrader generate_assignment
    into a throwaway release folder)."""
    from nbgrader.apps import NbGraderAPI

    release = work / "seed-release"
    (work / "seed").mkdir(exist_ok=True)
    config = make_config(work / "seed", source, db_url, lang, release_dir=release)
    result = NbGraderAPI(config=config).generate_assignment(assignment.id)
    if not result["success"]:
        raise RuntimeError(t("grading.error.seed", assignment=assignment.id,
                             error=(result.get("error") or result.get("log", ""))[-1500:]))


class PreflightFailed(Exception):
    """The test kernel could not start or see what it needs: nobody was graded."""


class Interrupted(Exception):
    """Ctrl-C or SIGTERM during the batch; ``outcomes`` are saved, the rest not graded."""

    def __init__(self, outcomes: list[Outcome], remaining: int):
        super().__init__(f"{remaining} not graded")
        self.outcomes, self.remaining = outcomes, remaining


def submission_hash(course: CourseDir, assignment: str, student: str) -> str:
    """A fingerprint of a participant's submitted folder (names and contents)."""
    import hashlib

    digest = hashlib.sha256()
    folder = course.submitted / student / assignment
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def _already_graded(saved: dict, course: CourseDir, assignment: str, student: str) -> Outcome | None:
    entry = saved["assignments"].get(assignment, {}).get(student)
    if (entry and entry.get("status") == status.GRADED
            and entry.get("submission") == submission_hash(course, assignment, student)
            and (course.autograded / student / assignment).is_dir()):
        return Outcome(assignment, student, status.GRADED, entry.get("score"), entry.get("max_score"),
                       flags=entry.get("flags", []), notes=entry.get("notes", []), skipped=True)
    return None


def _stale_work_dirs(parent: Path) -> None:
    """Remove work folders left by a run that was killed (its process is gone)."""
    for folder in parent.glob("asm-grading-*"):
        try:
            pid = int((folder / "owner.pid").read_text())
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except (OSError, ValueError):
            continue


class _StopRequest:
    """Ctrl-C / SIGTERM during a batch only set a flag; the batch loop stops at its next
    turn, so no library in the middle of a gradebook commit can swallow the request and
    no merge is cut in half."""

    def __init__(self):
        self.requested = False

    def __call__(self, _signum, _frame) -> None:
        self.requested = True

    def check(self) -> None:
        if self.requested:
            raise KeyboardInterrupt


def autograde(course: CourseDir, source: Path, db_url: str, modules: list[str] | None = None,
              limits: Limits | None = None, lang: str = "en", stream: TextIO | None = None,
              preload: list[str] | None = None, regrade: bool = False) -> list[Outcome]:
    """Grade every submission of the chosen modules; returns one Outcome per participant
    (those graded before with the same submission are skipped unless ``regrade``).

    Raises ``TrainerFault`` / ``PreflightFailed`` before anything is written when the
    machine or the course folder is not fit, ``Interrupted`` on Ctrl-C or SIGTERM."""
    limits = limits or Limits()
    stream = stream or sys.stderr
    put_environment_on_path()
    fast_alembic_version()
    assignments = [a for a in discover_assignments(source, modules) if course.submissions(a.id)]
    tasks = [(a, s) for a in assignments for s in course.submissions(a.id)]
    if not tasks:
        return []
    preflight.check_course_folder(course.root, len(tasks))
    preflight.check_released(course.release, lang, [a.id for a in assignments])
    preflight.check_gradebook(db_url)
    saved = status.load(course.status_file)
    skipped = [] if regrade else [o for a, s in tasks if (o := _already_graded(saved, course, a.id, s))]
    done = {(o.assignment, o.participant) for o in skipped}
    tasks = [(a, s) for a, s in tasks if (a.id, s) not in done]
    if skipped:
        stream.write(t("grading.autograde.skipping", n=len(skipped)) + "\n")
    if not tasks:
        return skipped
    parent = Path(os.environ.get("ASM_COURSE_WORK_DIR") or tempfile.gettempdir())
    if len(str(parent)) > MAX_WORK_PARENT:  # kernel sockets live there: Unix paths are short
        parent = Path(tempfile.gettempdir())
    _stale_work_dirs(parent)
    work = Path(tempfile.mkdtemp(prefix="asm-grading-", dir=parent))
    os.chmod(work, 0o700)
    (work / "owner.pid").write_text(str(os.getpid()))
    outcomes: list[Outcome] = []
    stop = _StopRequest()
    previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        with _Factory(work, preload) as factory:
            _grade(course, source, db_url, assignments, tasks, limits, lang, stream, work, factory,
                   saved, outcomes, stop)
    except KeyboardInterrupt:
        raise Interrupted(skipped + outcomes, len(tasks) - len(outcomes)) from None
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if not os.environ.get("ASM_COURSE_KEEP_WORK"):  # debugging aid
            shutil.rmtree(work, ignore_errors=True)
    return skipped + outcomes


class _Factory:
    """The warm kernel factory for one run (``zygote``), stopped on exit."""

    def __init__(self, work: Path, preload: list[str] | None):
        self.work, self.preload, self.proc = work, preload, None
        self.needs: list[str] = []
        self.sock = str(work / "factory.sock")

    def __enter__(self) -> "_Factory":
        from asm_course.grading import zygote

        home = self.work / "factory"
        (home / "mpl").mkdir(parents=True)
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home),
               "PYTHONPATH": str(package_root()), "MPLCONFIGDIR": str(home / "mpl"),
               "IPYTHONDIR": str(home / "ipython"), "JUPYTER_CONFIG_DIR": str(home / "jc"),
               "JUPYTER_DATA_DIR": str(home / "jd"), "JUPYTER_RUNTIME_DIR": str(home / "jr"),
               "LANG": os.environ.get("LANG", "C.UTF-8"), **sandbox.THREAD_ENV}
        self.proc, self.needs = zygote.start_factory(self.sock, env, str(self.work / "factory.log"),
                                                     self.preload)
        return self

    def __exit__(self, *_exc) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()


def run_preflight(work: Path, factory: _Factory, limits: Limits, lang: str, hide: list[str],
                  keep: list[str], isolate: bool) -> None:
    """Start one kernel in the sandbox as grading will and run a trivial cell; raise
    ``PreflightFailed`` saying what could not be reached and how to go on."""
    from asm_course.grading import zygote

    folder = work / "jobs" / "preflight"
    folder.mkdir(parents=True)
    (folder / "home").mkdir()
    policy = sandbox.Policy(memory_mb=limits.memory_mb, cpu_seconds=limits.notebook_timeout,
                            uid=sandbox.job_uid(0) if isolate else None, home=str(folder / "home"),
                            pythonpath=[str(package_root())], hide=hide, keep=keep)
    job = jobmod.Job("preflight", "preflight", folder, folder, factory.sock, policy.to_dict(),
                     limits.cell_timeout, lang, preflight=True)
    proc = zygote.spawn_job(factory.sock, jobmod.job_to_dict(job))
    deadline = time.monotonic() + jobmod.PREFLIGHT_START + 30 + limits.cell_timeout
    while proc.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    if proc.is_alive():
        proc.kill()
    proc.close()
    if isolate and policy.uid is not None:
        sandbox.kill_uid(policy.uid)
    result = jobmod._read_json(job.result_file) or {}
    if not result.get("success"):
        detail = result.get("message") or t("grading.preflight.no_result")
        raise PreflightFailed(t("grading.preflight.failed", detail=detail,
                                fix=t("grading.preflight.fix_isolation" if isolate
                                      else "grading.preflight.fix_plain")))


def _grade(course: CourseDir, source: Path, db_url: str, assignments: list[Assignment],
           tasks: list, limits: Limits, lang: str, stream: TextIO, work: Path, factory: _Factory,
           saved: dict, outcomes: list[Outcome], stop: _StopRequest) -> None:
    """The batch itself: pre-flight, templates, then every task in ``limits.jobs`` slots."""
    from nbgrader.api import Gradebook

    from asm_course.grading import zygote

    hide, keep = sandbox_paths(course, source, work, factory.needs)
    isolate = limits.isolation and sandbox.probe_isolation()
    if not isolate:
        stream.write(t("grading.autograde.no_isolation" if limits.isolation
                       else "grading.autograde.isolation_off") + "\n")
    run_preflight(work, factory, limits, lang, hide, keep, isolate)
    stop.check()
    templates = {}
    for a in assignments:
        templates[a.id] = jobmod.build_template(a, work / "templates" / a.id, lang)
        seed_gradebook(a, source, db_url, work, lang)
    if db_url.startswith("sqlite:///"):
        db_file = Path(db_url[len("sqlite:///"):])
        if db_file.exists():
            os.chmod(db_file, 0o600)
    course.private(course.root / "autograded")
    progress = Progress(len(tasks), stream)
    pending = list(enumerate(tasks))
    running: dict[int, tuple] = {}  # slot -> (process, job, assignment, started)
    try:
        with Gradebook(db_url, COURSE_ID) as gb:
            while pending or running:
                stop.check()
                free = [s for s in range(limits.jobs) if s not in running]
                while pending and free:
                    index, (assignment, student) = pending.pop(0)
                    slot = free.pop(0)
                    job = _make_job(work, index, assignment, student, templates[assignment.id],
                                    slot, limits, lang, hide, keep, isolate, factory.sock)
                    try:
                        prepare_job(job, course, assignment, templates[assignment.id])
                    except nbs.NotebookError as exc:
                        outcome = Outcome(assignment.id, student, status.FAILED, reason=str(exc),
                                          flags=job.flags, notes=job.notes)
                        _record(saved, course, outcome, outcomes, progress)
                        free.insert(0, slot)
                        continue
                    proc = zygote.spawn_job(factory.sock, jobmod.job_to_dict(job))
                    running[slot] = (proc, job, assignment, time.monotonic())
                time.sleep(0.05)
                for slot, (proc, job, assignment, started) in list(running.items()):
                    timed_out = (time.monotonic() - started) > limits.notebook_timeout
                    if proc.is_alive() and not timed_out:
                        continue
                    if proc.is_alive():
                        proc.kill()
                    proc.close()
                    if isolate:
                        sandbox.kill_uid(job.policy["uid"])
                    del running[slot]
                    outcome = finish_job(job, None, timed_out, gb, course, assignment, limits)
                    _record(saved, course, outcome, outcomes, progress)
                    if not os.environ.get("ASM_COURSE_KEEP_WORK"):
                        shutil.rmtree(job.folder, ignore_errors=True)
    finally:
        for proc, job, _assignment, _started in running.values():
            proc.kill()
            proc.close()
            if isolate:
                sandbox.kill_uid(job.policy["uid"])


def _make_job(work: Path, index: int, assignment: Assignment, student: str,
              template: jobmod.Template, slot: int, limits: Limits, lang: str,
              hide: list[str], keep: list[str], isolate: bool, sock: str) -> jobmod.Job:
    folder = work / "jobs" / f"{index:05d}"
    folder.mkdir(parents=True)
    home = folder / "home"
    home.mkdir()
    policy = sandbox.Policy(
        memory_mb=limits.memory_mb, cpu_seconds=limits.notebook_timeout,
        uid=sandbox.job_uid(slot) if isolate else None, home=str(home),
        pythonpath=[str(package_root())], hide=hide, keep=keep)
    return jobmod.Job(assignment.id, student, folder, template.root, sock, policy.to_dict(),
                      limits.cell_timeout, lang)


def _record(saved: dict, course: CourseDir, outcome: Outcome, outcomes: list, progress) -> None:
    status.record(saved, outcome.assignment, outcome.participant, status.entry(
        outcome.status, reason=outcome.reason, flags=outcome.flags, notes=outcome.notes,
        score=outcome.score, max_score=outcome.max_score, cause=outcome.cause,
        submission=outcome.submission))
    try:
        status.save(course.status_file, saved)
    except OSError as exc:
        raise preflight.fault_from_os_error(exc, course.root) from exc
    outcomes.append(outcome)
    progress.update(outcome)


def fast_alembic_version() -> None:
    """nbgrader runs ``alembic heads`` in a subprocess for every new gradebook; compute the
    head once in-process instead (same answer, no extra process per gradebook)."""
    import nbgrader.api as nbapi

    if getattr(nbapi.get_alembic_version, "_asm_cached", False):
        return
    try:
        from alembic.script import ScriptDirectory
        from nbgrader.dbutil import ALEMBIC_DIR

        head = ScriptDirectory(ALEMBIC_DIR).get_current_head()
    except Exception:
        return

    def cached() -> str | None:
        return head

    cached._asm_cached = True  # type: ignore[attr-defined]
    nbapi.get_alembic_version = cached


def summary_table(outcomes: list[Outcome]) -> str:
    """The end-of-run table: participant, module, status, score, reason and flags."""
    rows = [(t("grading.col.participant"), t("grading.col.module"), t("grading.col.status"),
             t("grading.col.score"), t("grading.col.details"))]
    for o in sorted(outcomes, key=lambda o: (o.assignment, o.participant)):
        score = "" if o.score is None else f"{o.score:g}/{o.max_score:g}"
        details = "; ".join(filter(None, [o.reason, *o.flags]))
        rows.append((o.participant, o.assignment, t(f"grading.status.{o.status}"), score, details))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(r[i].ljust(widths[i]) for i in range(4)) + "  " + r[4] for r in rows]
    lines.insert(1, "-" * min(120, sum(widths) + 20))
    return "\n".join(line.rstrip() for line in lines)
