"""Faults on the trainer's side never fail a participant and never lose a grade.

``asm-course autograde`` is killed midway (kill -9, SIGTERM, Ctrl-C) and run again, on
SQLite and on a real PostgreSQL server: every participant ends graded exactly once,
those graded before the kill are not graded again, the gradebook holds one submission
per participant. A corrupt gradebook, a read-only course folder, a full disk and a
missing ``release/`` each stop the command with one message before anything is written.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import grading_fixtures as gf
import pytest

from asm_course.grading import sandbox

pytestmark = [pytest.mark.grading, pytest.mark.slow]
ROOT_ONLY = pytest.mark.skipif(not sandbox.can_isolate(), reason="needs root (mounts)")
KINDS = {"correct": 6.0, "wrong": 0.0, "blank": 0.0}
PEOPLE = 8


@pytest.fixture
def jupyter_dirs(tmp_path, monkeypatch):
    gf.private_jupyter_dirs(tmp_path, monkeypatch)


def make_course(base: Path, db_url: str | None = None, release: bool = True):
    """Source, course folder and ``PEOPLE`` collected participants (p00..): correct,
    wrong and blank in turn. Returns (source, course, common CLI options, scores)."""
    source = gf.build_fixture_source(base / "solutions")
    course = base / "course"
    common = ["--course-dir", course, "--source", source] + (["--db", db_url] if db_url else [])
    released = gf.release_notebook(source, gf.FIXTURE_ID, gf.FIXTURE_NB, base / "rel")
    if release:
        assert gf.cli("release", *common) == 0
    cases = gf.fixture_submissions(released, course, source)
    kinds = list(KINDS)
    people = {f"p{i:02d}": kinds[i % len(kinds)] for i in range(PEOPLE)}
    export = gf.write_flat_export({p: cases[k] for p, k in people.items()}, base / "export",
                                  gf.FIXTURE_NB, "m99")
    assert gf.cli("collect", *common, export) == 0
    return source, course, common, {p: KINDS[k] for p, k in people.items()}


def graded_entries(course: Path) -> dict[str, dict]:
    try:
        saved = json.loads((course / "grading_status.json").read_text())
    except (OSError, ValueError):
        return {}
    return {p: e for p, e in saved["assignments"].get(gf.FIXTURE_ID, {}).items()
            if e["status"] == "graded"}


def zygotes_of(work: Path) -> list[int]:
    """Processes of the grading run whose work folders live in ``work``."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                cmd = Path(f"/proc/{entry}/cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if str(work) in cmd and "asm_course.grading.zygote" in cmd:
                found.append(int(entry))
    return found


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT],
                         ids=["kill-9", "sigterm", "ctrl-c"])
def test_killed_midway_then_rerun_grades_everyone_exactly_once(backend, signum, tmp_path,
                                                               jupyter_dirs, request):
    db_url = gf.database(backend, tmp_path, request)
    source, course, common, scores = make_course(tmp_path, db_url)
    work = Path(tempfile.mkdtemp(prefix="asmw-"))  # short: kernel sockets live below it
    request.addfinalizer(lambda: shutil.rmtree(work, ignore_errors=True))
    env = {**os.environ, "ASM_COURSE_WORK_DIR": str(work)}
    proc = subprocess.Popen([sys.executable, "-m", "asm_course.cli", "autograde",
                             *map(str, common), "--jobs", "2"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert gf.wait_for(lambda: len(graded_entries(course)) >= 2 or proc.poll() is not None,
                           timeout=400)
        assert proc.poll() is None, "ended before the signal: " + proc.communicate()[1][-3000:]
        proc.send_signal(signum)
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    if signum == signal.SIGKILL:
        assert proc.returncode == -signal.SIGKILL
    else:
        assert proc.returncode == 130, err[-2000:]
        assert "Interrupted:" in err and "Run the same command again" in err
        assert not list(work.iterdir())  # the run cleaned up after itself
    assert gf.wait_for(lambda: not zygotes_of(work), timeout=30)  # no factory/job/kernel left
    before = graded_entries(course)
    assert 2 <= len(before) < PEOPLE
    environ = os.environ.copy()
    os.environ["ASM_COURSE_WORK_DIR"] = str(work)
    try:
        assert gf.cli("autograde", *common, "--jobs", 2) == 0
    finally:
        os.environ.clear()
        os.environ.update(environ)
    assert not list(work.iterdir())  # a killed run's folder is removed by the next one
    after = graded_entries(course)
    assert {p: e["score"] for p, e in after.items()} == scores
    for person, entry in before.items():  # graded before the kill: not graded again
        assert after[person]["time"] == entry["time"]
    from nbgrader.api import Gradebook

    with Gradebook(db_url, "asm_course") as gb:
        subs = [s for a in gb.assignments for s in a.submissions]
        assert sorted(s.student.id for s in subs) == sorted(scores)  # once each
        assert {s.student.id: s.score for s in subs} == scores
        # one grade row per graded cell (4 tests, the reflection, the task): none duplicated
        assert all(len(nb.grades) == len(gf.FIXTURE_POINTS) + 2 for s in subs for nb in s.notebooks)


def _untouched(course: Path, snapshot: dict[str, bytes]) -> None:
    assert not (course / "grading_status.json").exists()
    assert not (course / "autograded").exists()
    assert gf_snapshot(course) == snapshot


def gf_snapshot(course: Path) -> dict[str, bytes]:
    return {str(p.relative_to(course)): p.read_bytes() for p in sorted(course.rglob("*"))
            if p.is_file()}


def test_corrupt_gradebook_gives_one_message_and_writes_nothing(tmp_path, jupyter_dirs, capsys):
    source, course, common, _ = make_course(tmp_path)
    (course / "gradebook.db").write_bytes(b"this is not a database\n" * 200)
    snapshot = gf_snapshot(course)
    capsys.readouterr()
    assert gf.cli("autograde", *common) == 2
    err = capsys.readouterr().err
    assert "gradebook" in err and "cannot be read" in err and "restore a copy" in err
    assert "Traceback" not in err
    _untouched(course, snapshot)


def test_missing_release_gives_one_message_and_writes_nothing(tmp_path, jupyter_dirs, capsys):
    source, course, common, _ = make_course(tmp_path, release=False)
    snapshot = gf_snapshot(course)
    capsys.readouterr()
    assert gf.cli("autograde", *common) == 2
    err = capsys.readouterr().err
    assert gf.FIXTURE_ID in err and "never released" in err and "asm-course release" in err
    _untouched(course, snapshot)


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True)


@ROOT_ONLY
def test_read_only_course_folder_gives_one_message_and_writes_nothing(tmp_path, jupyter_dirs,
                                                                      capsys, request):
    source, course, common, _ = make_course(tmp_path)
    snapshot = gf_snapshot(course)
    _mount("--bind", str(course), str(course))
    request.addfinalizer(lambda: subprocess.run(["umount", str(course)], check=False))
    _mount("-o", "remount,bind,ro", str(course))
    capsys.readouterr()
    assert gf.cli("autograde", *common) == 2
    err = capsys.readouterr().err
    assert "Cannot write in" in err and str(course) in err and "read-only" in err
    _untouched(course, snapshot)


@ROOT_ONLY
def test_full_disk_gives_one_message_and_writes_nothing(tmp_path, jupyter_dirs, capsys, request):
    disk = tmp_path / "small-disk"
    disk.mkdir()
    _mount("-t", "tmpfs", "-o", "size=12m", "tmpfs", str(disk))
    request.addfinalizer(lambda: subprocess.run(["umount", "-l", str(disk)], check=False))
    source, course, common, _ = make_course(disk)
    with open(disk / "filler.bin", "wb") as fh:  # leave about 3 MB free
        while os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize > 3 * 1024 * 1024:
            fh.write(b"\0" * (256 * 1024))
            fh.flush()
    snapshot = gf_snapshot(course)
    capsys.readouterr()
    assert gf.cli("autograde", *common) == 2
    err = capsys.readouterr().err
    assert "almost full" in err and "MB free" in err and "Nothing was written" in err
    _untouched(course, snapshot)
