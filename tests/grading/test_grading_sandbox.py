"""The grading sandbox finds Python wherever it is installed.

Environments are built here the way trainers' machines have them: a venv whose base
interpreter is a copy placed under the (hidden) home folder, reached through symlinks,
with its packages added by a ``.pth`` file from the home folder too (as pyenv / uv /
a clone in ``~`` give); and a venv of the Debian system Python placed under the home.
Each grades real submissions through ``asm-course autograde`` run by that interpreter.
A sandbox that cannot give the kernel what it needs is caught by the pre-flight
check, before any participant is marked failed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import grading_fixtures as gf
import pytest

from asm_course.grading import interpreter, jobs, sandbox
from asm_course.grading.paths import package_root

pytestmark = pytest.mark.grading
ROOT_ONLY = pytest.mark.skipif(not sandbox.can_isolate(), reason="file-system isolation needs root on Linux")
SECRET = "TRAINER-SECRET-5b1e"


def _covered(path: str, needs: list[str]) -> bool:
    return any(path == n or path.startswith(n.rstrip("/") + "/") for n in needs)


def in_child(look) -> dict:
    """Run ``look()`` in a forked child (it may build a private mount namespace and drop
    privileges); returns what it reported, or ``{"error": ...}``."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            seen = look()
        except BaseException as exc:  # noqa: BLE001
            seen = {"error": repr(exc)}
        os.write(write, json.dumps(seen).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as fh:
        seen = json.loads(fh.read())
    os.waitpid(pid, 0)
    return seen


# ------------------------------------------------------------------ pure parts
def test_symlink_chain_lists_every_link_and_the_target(tmp_path):
    real = tmp_path / "versions" / "3.11" / "bin"
    real.mkdir(parents=True)
    (real / "python3.11").write_text("")
    (tmp_path / "current").symlink_to("versions/3.11")  # a relative directory symlink
    (tmp_path / "venv").mkdir()
    (tmp_path / "venv" / "python").symlink_to(tmp_path / "current" / "bin" / "python3.11")
    chain = interpreter.symlink_chain(str(tmp_path / "venv" / "python"))
    assert chain == [str(tmp_path / "venv" / "python"), str(tmp_path / "current"),
                     str(real / "python3.11")]


def test_python_needs_covers_the_interpreter_and_nothing_of_the_checkout():
    needs = interpreter.python_needs(str(package_root()))
    for path in (os.path.realpath(sys.executable), sysconfig.get_path("stdlib"),
                 sysconfig.get_path("purelib"), os.path.realpath(sys.base_prefix)):
        assert _covered(os.path.realpath(path), [os.path.realpath(n) for n in needs]), path
    assert str(package_root()) not in needs
    assert not any(_covered(n, [str(package_root() / d)]) for n in needs
                   for d in ("solutions", "tests", ".git"))


def test_kernel_deaths_are_told_apart():
    ok = {"started": True}
    assert jobs.explain_death(None, None, 2048)[0] == "never_started"
    kind, text = jobs.explain_death({"started": False, "error": "MemoryError: x"}, None, 2048)
    assert kind == "never_started" and "MemoryError" in text and "not of the submission" in text
    assert jobs.explain_death(ok, {"signal": 9, "peak_mb": 300}, 2048) == (
        "signal", "the kernel died: killed by signal SIGKILL")
    assert jobs.explain_death(ok, {"code": 3, "signal": None, "peak_mb": 300}, 2048)[1].endswith(
        "exit code 3 (os._exit)")
    kind, text = jobs.explain_death(ok, {"signal": 11, "peak_mb": 1900}, 2048)
    assert kind == "memory" and "1900 MB of 2048 MB" in text


@ROOT_ONLY
def test_isolation_binds_back_symlinked_paths_and_hides_the_rest(tmp_path):
    home = tmp_path / "home"
    base = home / ".pythons" / "3.11.9"
    (base / "bin").mkdir(parents=True)
    (base / "bin" / "python3.11").write_text("interpreter")
    (base / "include").mkdir()
    (base / "include" / "other.h").write_text("not needed")
    (home / ".pythons" / "3.11").symlink_to("3.11.9")
    (home / "secret.txt").write_text(SECRET)
    exe = home / ".pythons" / "3.11" / "bin" / "python3.11"
    keep = interpreter.symlink_chain(str(exe))

    def look() -> dict:
        sandbox.isolate_filesystem([str(home)], keep)
        return {"exe": exe.read_text(), "listing": sorted(os.listdir(home)),
                "secret": (home / "secret.txt").exists(),
                "other": (base / "include" / "other.h").exists()}

    assert in_child(look) == {"exe": "interpreter", "listing": [".pythons"], "secret": False, "other": False}


# ------------------------------------------------------------------ real interpreters
def _deps_pth(site_dir: Path, home: Path) -> None:
    """Give an empty venv the course packages the way a second site folder in the home
    does: a symlink under the home and a ``.pth`` that adds it as a site folder."""
    ours = Path(sysconfig.get_path("purelib"))
    (home / "shared-site").symlink_to(ours)
    (site_dir / "course-deps.pth").write_text(
        f"import site; site.addsitedir({str(home / 'shared-site')!r})\n")


def relocated_base_venv(home: Path) -> Path:
    """A base interpreter COPIED under the home folder (stdlib reached through a symlink
    from there), a venv made from it inside a clone in the home, packages added from
    the home: everything the kernel needs is under the folder the sandbox hides."""
    real_exe = Path(os.path.realpath(getattr(sys, "_base_executable", sys.executable)))
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    pythons = home / ".local" / "share" / "pythons"
    base = pythons / "cpython-3.11-linux"
    (base / "bin").mkdir(parents=True)
    (base / "lib").mkdir()
    shutil.copy2(real_exe, base / "bin" / version)
    (base / "lib" / version).symlink_to(Path(sysconfig.get_path("stdlib")))
    (pythons / "cpython-3.11").symlink_to(base.name)  # the venv is made through a symlink
    venv = home / "asm-course" / ".venv"
    subprocess.run([str(pythons / "cpython-3.11" / "bin" / version), "-m", "venv", "--without-pip",
                    str(venv)], check=True, capture_output=True)
    _deps_pth(next((venv / "lib").glob("python3*/site-packages")), home)
    return venv / "bin" / "python"


def debian_system_venv(home: Path) -> Path:
    """A venv of Debian's /usr/bin/python3.11 placed in the home folder."""
    venv = home / "asm-course" / ".venv"
    subprocess.run(["/usr/bin/python3.11", "-m", "venv", "--without-pip", str(venv)],
                   check=True, capture_output=True)
    _deps_pth(venv / "lib" / "python3.11" / "site-packages", home)
    return venv / "bin" / "python"


@pytest.fixture
def small_course(tmp_path, monkeypatch):
    """A released fixture assignment with three collected participants: correct, wrong,
    and one that tries to read a secret file in the (hidden) home folder."""
    gf.private_jupyter_dirs(tmp_path, monkeypatch)
    home = tmp_path / "home"
    home.mkdir()
    (home / "secret.txt").write_text(SECRET)
    source, course, common, cases = gf.released_fixture(tmp_path)
    released = course / "release" / "en" / gf.FIXTURE_ID / gf.FIXTURE_NB
    peek = gf.fill(gf.nbformat.read(str(released), as_version=4), {
        **gf.FIXTURE_ANSWERS,
        "q1_answer": f"total = 12\ntry:\n    print(open({str(home / 'secret.txt')!r}).read())\n"
                     "except OSError as exc:\n    print('hidden', type(exc).__name__)"})
    chosen = {"correct": cases["correct"], "wrong": cases["wrong"],
              "peek_home": {"nb": gf.nbformat.writes(peek).encode(), "answers": {"m99.q3": "b"}}}
    export = gf.write_flat_export(chosen, tmp_path / "export", gf.FIXTURE_NB, "m99")
    assert gf.cli("collect", *common, export) == 0
    return home, source, course


def _grade_with(python: Path, home: Path, source: Path, course: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(HOME=str(home), PATH=f"{python.parent}:/usr/bin:/bin")
    return subprocess.run([str(python), "-m", "asm_course.cli", "autograde", "--course-dir", str(course),
                           "--source", str(source), "--jobs", "2", "--cell-timeout", "20"],
                          env=env, capture_output=True, text=True, timeout=600, cwd=str(home))


def _assert_graded(done: subprocess.CompletedProcess, course: Path, home: Path) -> None:
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    saved = json.loads((course / "grading_status.json").read_text())["assignments"][gf.FIXTURE_ID]
    assert {k: (v["status"], v["score"]) for k, v in saved.items()} == {
        "correct": ("graded", 6.0), "wrong": ("graded", 0.0), "peek_home": ("graded", 6.0)}
    graded = (course / "autograded" / "peek_home" / gf.FIXTURE_ID / gf.FIXTURE_NB).read_text()
    if sandbox.can_isolate():
        assert SECRET not in graded and "hidden FileNotFoundError" in graded


@ROOT_ONLY
@pytest.mark.slow
def test_grades_through_a_base_interpreter_copied_under_the_hidden_home(small_course):
    home, source, course = small_course
    python = relocated_base_venv(home)
    probe = subprocess.run([str(python), "-c", "import sys; print(sys.base_prefix)"],
                           capture_output=True, text=True, check=True)
    assert probe.stdout.strip().startswith(str(home))  # really a base under the home
    _assert_graded(_grade_with(python, home, source, course), course, home)


@ROOT_ONLY
@pytest.mark.slow
@pytest.mark.skipif(not Path("/usr/bin/python3.11").exists(), reason="Debian python3.11 not installed")
def test_grades_through_a_debian_system_python_venv_in_the_home(small_course):
    home, source, course = small_course
    _assert_graded(_grade_with(debian_system_venv(home), home, source, course), course, home)


# ------------------------------------------------------------------ pre-flight
def _no_trace(course: Path) -> None:
    from nbgrader.api import Gradebook

    assert not (course / "grading_status.json").exists()
    assert not (course / "autograded").exists()
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "asm_course") as gb:
        assert not [s for a in gb.assignments for s in a.submissions]


@pytest.mark.slow
def test_preflight_stops_before_marking_anyone_when_no_kernel_can_start(small_course, capsys):
    _home, source, course = small_course
    code = gf.cli("autograde", "--course-dir", course, "--source", source, "--memory-mb", "40")
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Grading cannot start" in err and "never started" in err and "--memory-mb" in err
    assert "No participant was marked failed" in err
    _no_trace(course)


@ROOT_ONLY
@pytest.mark.slow
def test_preflight_names_the_path_the_sandbox_hides(small_course, capsys, monkeypatch):
    """A sandbox that hides a folder the interpreter needs (what happened with pyenv
    under the home) is caught before the batch, naming the folder and the way out."""
    from asm_course.grading import autograde as ag
    _home, source, course = small_course
    site_dir = os.path.realpath(sysconfig.get_path("purelib"))
    real = ag.sandbox_paths

    def hiding_site_packages(*args):
        hide, keep = real(*args)
        return hide + [site_dir], [k for k in keep if not _covered(os.path.realpath(k), [site_dir])]

    monkeypatch.setattr(ag, "sandbox_paths", hiding_site_packages)
    code = gf.cli("autograde", "--course-dir", course, "--source", source)
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Grading cannot start" in err and "--no-isolation" in err
    assert site_dir in err or "never started" in err
    _no_trace(course)


@ROOT_ONLY
def test_a_closed_folder_above_the_interpreter_is_opened_with_only_the_interpreter(tmp_path):
    """pyenv in a 0700 home that is NOT the hidden one (HOME=/ in a container, or sudo
    keeping another HOME): the unprivileged kernel could not enter it at all."""
    closed = tmp_path / "closed-home"
    (closed / ".pyenv" / "bin").mkdir(parents=True)
    (closed / ".pyenv" / "bin" / "python3.11").write_text("interpreter")
    (closed / "secret.txt").write_text(SECRET)
    os.chmod(tmp_path, 0o755)
    os.chmod(closed, 0o700)
    keep = [str(closed / ".pyenv")]
    closed_ones = sandbox.closed_ancestors(keep)  # pytest's own folders are 0700 too
    assert str(closed) in closed_ones and all(_covered(str(closed), [c]) for c in closed_ones)

    def look() -> dict:
        sandbox.isolate_filesystem(closed_ones, keep)
        sandbox.drop_privileges(sandbox.UID_BASE + 4242)
        return {"exe": (closed / ".pyenv" / "bin" / "python3.11").read_text(),
                "listing": os.listdir(closed)}

    assert in_child(look) == {"exe": "interpreter", "listing": [".pyenv"]}
