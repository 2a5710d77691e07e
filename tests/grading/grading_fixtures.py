"""Test helpers for the trainer pipeline: a small fixture assignment that follows the
course conventions, synthetic submissions (correct, wrong, hostile...) built from its
release, and a throwaway PostgreSQL server.

The fixture assignment ``m99_fixture`` mirrors a real module: a read-only setup cell,
answer cells with a placeholder line above ``### BEGIN SOLUTION``, locked test cells
``m99.qN.grade(...)`` with one hidden test, an answer widget whose choice is saved to
``m99_answers.json``, a manually graded reflection and a task cell with a mark scheme.
Its checker ``fxcheck.py`` sits in the assignment folder (the real modules use
``asm_course.checks``).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import uuid
import zipfile
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

REPO = Path(__file__).resolve().parents[2]
FIXTURE_ID = "m99_fixture"
FIXTURE_NB = "m99_exercises.ipynb"
FIXTURE_POINTS = {"q1_test": 1.0, "q2_test": 2.0, "q3_test": 1.0, "q4_test": 2.0}
FIXTURE_MAX_AUTO = sum(FIXTURE_POINTS.values())
HIDDEN_MARK = "HIDDEN-CHECK-7f3a"  # appears only in the hidden test source

CHECKER = '''"""Checker for the m99 fixture (same interface as asm_course.checks)."""
import json
import os

ANSWERS = "m99_answers.json"


class Question:
    def __init__(self, qid, check, hidden=None, options=None):
        self.qid, self._check, self._hidden, self.options = qid, check, hidden, options

    def grade(self, value):
        if value is Ellipsis or value is None:
            raise AssertionError("Not attempted")
        if not self._check(value):
            raise AssertionError("Not yet: check your answer")

    def grade_hidden(self, value):
        self.grade(value)
        if self._hidden and not self._hidden(value):
            raise AssertionError("Not yet: a further check failed")

    def widget(self):
        import ipywidgets as w
        saved = _load().get("m99." + self.qid)
        pick = w.RadioButtons(options=self.options, value=saved if saved in self.options else None)

        def _save(change):
            data = _load()
            data["m99." + self.qid] = change["new"]
            with open(ANSWERS, "w", encoding="utf-8") as fh:
                json.dump(data, fh)
        pick.observe(_save, names="value")
        return pick


def _load():
    try:
        with open(ANSWERS, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return {}


class _Module:
    pass


m99 = _Module()
m99.q1 = Question("q1", lambda v: v == 12)
m99.q2 = Question("q2", lambda v: isinstance(v, (int, float)) and abs(v - 0.25) < 1e-9,
                  hidden=lambda v: round(v, 2) == 0.25)
m99.q3 = Question("q3", lambda v: v == "b", options=["a", "b", "c"])
m99.q4 = Question("q4", lambda f: callable(f) and f(2) == 4 and f(-1) == -2,
                  hidden=lambda f: f(10) == 20)


def setup_notebook(module):
    if os.environ.get("NBGRADER_EXECUTION") == "autograde":
        get_ipython().run_line_magic("xmode", "Minimal")  # noqa: F821
'''


def cli(*argv) -> int:
    """Run one ``asm-course`` trainer command in this process; returns its exit code."""
    import argparse

    from asm_course.grading.commands import add_commands

    parser = argparse.ArgumentParser()
    add_commands(parser.add_subparsers(required=True))
    args = parser.parse_args([str(a) for a in argv])
    return args.run(args)


def private_jupyter_dirs(base: Path, monkeypatch) -> None:
    """Jupyter/IPython folders of this test under ``base`` (never the user's), no
    gradebook URL from the environment."""
    for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
        (base / var.lower()).mkdir()
        monkeypatch.setenv(var, str(base / var.lower()))
    monkeypatch.delenv("ASM_COURSE_DB_URL", raising=False)


def released_fixture(base: Path):
    """The fixture assignment released with ``asm-course release`` into ``base/course``:
    (source, course, common CLI options, every synthetic case of ``fixture_submissions``)."""
    source = build_fixture_source(base / "solutions")
    course = base / "course"
    common = ["--course-dir", course, "--source", source]
    assert cli("release", *common) == 0
    released = course / "release" / "en" / FIXTURE_ID / FIXTURE_NB
    return source, course, common, fixture_submissions(released, course, source)


def _meta(grade_id: str, *, grade=False, solution=False, locked=False, points=0, task=False):
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution, "task": task}
    if grade or task:
        meta["points"] = points
    return {"nbgrader": meta}


def _code(source: str, **meta) -> nbformat.NotebookNode:
    return new_code_cell(source, metadata=_meta(**meta))


def _md(source: str, **meta) -> nbformat.NotebookNode:
    return new_markdown_cell(source, metadata=_meta(**meta))


def fixture_source_notebook() -> nbformat.NotebookNode:
    """The nbgrader SOURCE notebook of the fixture assignment."""
    cells = [
        _md("# m99 fixture exercises\n\nAnswer each question, then run the check.",
            grade_id="intro", locked=True),
        _code("import pandas as pd\nfrom fxcheck import setup_notebook, m99\nsetup_notebook(\"m99\")",
              grade_id="setup", locked=True),
        _md("**Question 1** (1 point): total of 3, 4 and 5.", grade_id="q1_prompt", locked=True),
        _code("total = ...\n### BEGIN SOLUTION\ntotal = int(pd.Series([3, 4, 5]).sum())\n### END SOLUTION",
              grade_id="q1_answer", solution=True),
        _code("m99.q1.grade(total)", grade_id="q1_test", grade=True, locked=True, points=1),
        _md("**Question 2** (2 points): the share of 1 in 4.", grade_id="q2_prompt", locked=True),
        _code("share = ...\n### BEGIN SOLUTION\nshare = 1 / 4\n### END SOLUTION",
              grade_id="q2_answer", solution=True),
        _code("m99.q2.grade(share)\n### BEGIN HIDDEN TESTS\n"
              f"m99.q2.grade_hidden(share)  # {HIDDEN_MARK}\n### END HIDDEN TESTS",
              grade_id="q2_test", grade=True, locked=True, points=2),
        _md("**Question 3** (1 point): choose b in the widget.", grade_id="q3_prompt", locked=True),
        _code("pick = m99.q3.widget()\npick", grade_id="q3_widget", locked=True),
        _code("m99.q3.grade(pick.value)", grade_id="q3_test", grade=True, locked=True, points=1),
        _md("**Question 4** (2 points): write `double(x)`.", grade_id="q4_prompt", locked=True),
        _code("def double(x):\n    ...\n### BEGIN SOLUTION\ndef double(x):\n    return 2 * x\n### END SOLUTION",
              grade_id="q4_answer", solution=True),
        _code("m99.q4.grade(double)\n### BEGIN HIDDEN TESTS\n"
              f"m99.q4.grade_hidden(double)  # {HIDDEN_MARK}\n### END HIDDEN TESTS",
              grade_id="q4_test", grade=True, locked=True, points=2),
        _md("**Reflection** (2 points): what would you change?", grade_id="reflection_prompt",
            locked=True),
        _md("### BEGIN SOLUTION\nA good answer names one concrete change.\n### END SOLUTION",
            grade_id="reflection", grade=True, solution=True, points=2),
        _md("**Task** (1 point): discuss with a colleague.\n\n=== BEGIN MARK SCHEME ===\n"
            "One point for a named colleague.\n=== END MARK SCHEME ===",
            grade_id="task", task=True, locked=True, points=1),
    ]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def build_fixture_source(root: Path, lang: str = "en") -> Path:
    """Write ``root/<lang>/m99_fixture/`` (notebook + checker); returns ``root/<lang>``."""
    folder = root / lang / FIXTURE_ID
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(fixture_source_notebook(), str(folder / FIXTURE_NB))
    (folder / "fxcheck.py").write_text(CHECKER, encoding="utf-8")
    return root / lang


def real_modules(lang: str = "en") -> list[Path]:
    """Real course modules present in the repository (``solutions/<lang>/mNN_*``)."""
    base = REPO / "solutions" / lang
    if not base.is_dir():
        return []
    return sorted(p for p in base.iterdir() if p.is_dir() and list(p.glob("*.ipynb")))


def release_notebook(source_dir: Path, assignment: str, notebook: str, out: Path) -> Path:
    """Release one assignment with real nbgrader into ``out``; returns the released notebook."""
    from nbgrader.apps import NbGraderAPI

    from asm_course.nbgrader_settings import make_config

    out.mkdir(parents=True, exist_ok=True)
    config = make_config(out, source_dir, f"sqlite:///{out / 'gradebook.db'}",
                         release_dir=out / "release")
    result = NbGraderAPI(config=config).generate_assignment(assignment)
    assert result["success"], result.get("error", "") + result.get("log", "")
    return out / "release" / assignment / notebook


# --------------------------------------------------------------------- submissions
FIXTURE_ANSWERS = {
    "q1_answer": "total = 12",
    "q2_answer": "share = 0.25",
    "q4_answer": "def double(x):\n    return 2 * x",
}
FIXTURE_WRONG = {
    "q1_answer": "total = 11",
    "q2_answer": "share = 0.5",
    "q4_answer": "def double(x):\n    return x",
}

# name -> (answer overrides or None for blank, extra code appended to q1_answer, widget
#          answer, expected outcome)
HOSTILE = {
    "infinite_loop": "while True:\n    pass",
    "unkillable_loop": ("while True:\n    try:\n        while True:\n            pass\n"
                        "    except BaseException:\n        pass"),
    "memory_hog": "blob = []\nwhile True:\n    blob.append(bytearray(50 * 1024 * 1024))",
    "sys_exit": "import sys\nsys.exit(3)",
    "os_exit": "import os\nos._exit(1)",
    "kernel_kill": "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)",
    "big_output": "for _ in range(4000):\n    print('x' * 1000)",
    "reads_others": (
        "import glob, os\nfound = []\n"
        "for pattern in ['../../*/*/*.ipynb', '../../../submitted/*/*/*.ipynb', '{course}/submitted/*/*/*.ipynb',\n"
        "                '{course}/gradebook.db', '{source}/*/*.ipynb', '/tmp/**/*.ipynb']:\n"
        "    found += glob.glob(pattern, recursive=True)\n"
        "leaked = []\nfor f in found:\n    try:\n        leaked.append(open(f, 'rb').read(100))\n    except OSError:\n        pass\n"
        "print('LEAKED', len(leaked), sorted(set(found)))"
    ),
    "writes_gradebook": (
        "import os, sqlite3\nfor path in ['{course}/gradebook.db', '../../../gradebook.db']:\n"
        "    try:\n        con = sqlite3.connect(path)\n        con.execute('UPDATE grade SET auto_score = 99')\n"
        "        con.commit()\n    except Exception as exc:\n        print('db', type(exc).__name__)\n"
        "for path in ['{source}/m99_fixture/fxcheck.py', '{source}/pwned.txt', '{course}/pwned.txt']:\n"
        "    try:\n        open(path, 'a').write('pwned')\n    except OSError as exc:\n        print('fs', type(exc).__name__)"
    ),
    "patch_checker": (
        "m99.q1.grade = lambda *a, **k: None\nm99.q2.grade = lambda *a, **k: None\n"
        "m99.q2.grade_hidden = lambda *a, **k: None\nsetattr(m99.q4, 'grade', lambda *a, **k: None)\n"
        "m99.q4.grade_hidden = lambda *a, **k: None"
    ),
    "patch_builtins": (
        "import builtins\nbuiltins.abs = lambda x: 0\nbuiltins.round = lambda *a: 0.25\n"
        "AssertionError = None"
    ),
}


def _answer_cells(nb) -> dict[str, nbformat.NotebookNode]:
    return {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("solution")}


def fill(nb, answers: dict[str, str]) -> nbformat.NotebookNode:
    """A copy of ``nb`` with answer cells replaced by ``answers`` (grade_id -> source)."""
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    cells = _answer_cells(nb)
    for gid, src in answers.items():
        cells[gid].source = src
    return nb


def fixture_submissions(release_nb: Path, course: Path, source: Path) -> dict[str, dict]:
    """Every synthetic case for the fixture: name -> {"nb": bytes, "answers": dict|None,
    "expect": expected outcome}. ``expect`` is ``("score", n)``, ``("failed", text)``,
    optionally with ``"flag"``."""
    base = nbformat.read(str(release_nb), as_version=4)
    good = {"m99.q3": "b"}
    cases: dict[str, dict] = {}

    def add(name, nb, answers=good, **expect):
        data = nb if isinstance(nb, bytes) else nbformat.writes(nb).encode()
        cases[name] = {"nb": data, "answers": answers, **expect}

    add("correct", fill(base, FIXTURE_ANSWERS), score=6.0)
    add("blank", base, answers=None, score=0.0)
    add("wrong", fill(base, FIXTURE_WRONG), answers={"m99.q3": "a"}, score=0.0)
    tampered = fill(base, FIXTURE_WRONG)
    for cell in tampered.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "q1_test":
            cell.source = "pass  # test removed"
    add("tampered_test", tampered, answers={"m99.q3": "a"}, score=0.0, flag="read-only")
    deleted = fill(base, FIXTURE_ANSWERS)
    deleted.cells = [c for c in deleted.cells
                     if c.metadata.get("nbgrader", {}).get("grade_id") != "q2_test"]
    add("deleted_test", deleted, score=6.0)
    dup = fill(base, FIXTURE_ANSWERS)
    idx = next(i for i, c in enumerate(dup.cells)
               if c.metadata.get("nbgrader", {}).get("grade_id") == "q1_answer")
    copy = nbformat.from_dict(json.loads(json.dumps(dup.cells[idx])))
    copy["id"] = uuid.uuid4().hex[:8]
    copy.source = "total = 0"
    dup.cells.insert(idx, copy)
    add("duplicated_cell", dup, score=6.0)
    add("invalid_json", nbformat.writes(fill(base, FIXTURE_ANSWERS)).encode()[:-40],
        failed="JSON error")
    v3 = nbformat.convert(fill(base, FIXTURE_ANSWERS), 3)
    add("old_nbformat", json.dumps(v3).encode(), score=6.0)
    for name, code in HOSTILE.items():
        code = code.format(course=course, source=source)
        if name.startswith("patch_"):  # tampering with wrong answers: must not go unnoticed
            nb = fill(base, {**FIXTURE_WRONG, "q1_answer": "total = 11\n" + code})
            add(name, nb, answers={"m99.q3": "a"})
        else:
            nb = fill(base, {**FIXTURE_ANSWERS, "q1_answer": "total = 12\n" + code})
            add(name, nb)
    # expectations of the hostile cases
    cases["infinite_loop"].update(score=6.0, note="interrupted")  # the cell timeout stops it
    cases["unkillable_loop"].update(failed="stopped responding")  # ignores interrupts
    cases["memory_hog"].update(score=6.0, note="memory")  # MemoryError at the limit
    cases["sys_exit"].update(score=6.0)  # SystemExit only ends that cell
    cases["os_exit"].update(failed="exit code 1 (os._exit)")
    cases["kernel_kill"].update(failed="killed by signal SIGKILL")
    cases["big_output"].update(score=6.0)
    cases["reads_others"].update(score=6.0)
    cases["writes_gradebook"].update(score=6.0)
    cases["deleted_test"].update(note="put back")
    cases["duplicated_cell"].update(note="duplicated")
    cases["old_nbformat"].update(note="format 3")
    # the patched checks pass in the kernel (nbgrader's score), the trainer is warned
    cases["patch_checker"].update(score=5.0, flag="tamper", recheck=["q1_test", "q2_test"])
    cases["patch_builtins"].update(score=2.0, flag="tamper", recheck=["q2_test"])
    return cases


def write_flat_export(cases: dict[str, dict], folder: Path, notebook: str, module: str) -> Path:
    """An LMS-style flat export: ``<participant>_<notebook>`` + ``<participant>_<module>_answers.json``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, case in cases.items():
        (folder / f"{name}_{notebook}").write_bytes(case["nb"])
        if case.get("answers") is not None:
            (folder / f"{name}_{module}_answers.json").write_text(json.dumps(case["answers"]))
    return folder


def zip_folder(folder: Path, out: Path) -> Path:
    with zipfile.ZipFile(out, "w") as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(folder).as_posix())
    return out


def tree_hash(root: Path) -> dict[str, str]:
    """File path -> sha256 of everything under ``root`` (to prove nothing changed)."""
    import hashlib

    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


# --------------------------------------------------------------------- environment
def isolated_env(base: Path) -> dict[str, str]:
    """Environment for subprocesses: Jupyter/IPython/matplotlib dirs under ``base``."""
    env = dict(os.environ)
    for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR",
                "MPLCONFIGDIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        path = base / var.lower()
        path.mkdir(parents=True, exist_ok=True)
        env[var] = str(path)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    return env


# --------------------------------------------------------------------- PostgreSQL
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database(kind: str, base: Path, request) -> str:
    """A gradebook URL: SQLite in ``base/course``, or a PostgreSQL server started for
    this test (stopped by ``request``'s finalizer)."""
    import pytest

    if kind == "sqlite":
        return f"sqlite:///{base / 'course' / 'gradebook.db'}"
    if not (PG_BIN / "initdb").exists() or shutil.which("setpriv") is None:
        pytest.skip("PostgreSQL 15 binaries not installed (apt-get install postgresql)")
    server = PostgresServer(base / "pg")
    url = server.start()
    request.addfinalizer(server.stop)
    return url


class PostgresServer:
    """A throwaway PostgreSQL 15 cluster in ``base``, run as the ``postgres`` user."""

    def __init__(self, base: Path):
        self.base, self.port = base, _free_port()
        self.data = base / "pgdata"

    def _as_postgres(self, *cmd: str) -> subprocess.CompletedProcess:
        prefix = ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups"] \
            if os.geteuid() == 0 else []
        return subprocess.run([*prefix, *cmd], check=True, capture_output=True, text=True,
                              env={"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"}, cwd="/")

    def start(self) -> str:
        self.base.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.base, "postgres", "postgres")
            os.chmod(self.base, 0o700)
            parent = self.base.parent
            while parent != parent.parent:  # the postgres user must reach its data dir
                os.chmod(parent, os.stat(parent).st_mode | 0o001)
                parent = parent.parent
        self._as_postgres(str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "grader",
                          "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        self._as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-w", "-t", "60",
                          "-l", str(self.base / "pg.log"), "-o",
                          f"-c listen_addresses=127.0.0.1 -p {self.port} "
                          f"-c unix_socket_directories={self.base} -c fsync=off", "start")
        self._as_postgres(str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
                          "-U", "grader", "gradebook")
        return f"postgresql+psycopg2://grader@127.0.0.1:{self.port}/gradebook"

    def stop(self) -> None:
        try:
            self._as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                              "-w", "stop")
        except subprocess.CalledProcessError:
            pass


def wait_for(predicate, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


# --------------------------------------------------------------------- real modules
def _strip_markers(source: str) -> str:
    return "\n".join(line for line in source.splitlines()
                     if not line.strip().startswith(("### BEGIN SOLUTION", "### END SOLUTION")))


def generic_submissions(assignment, release_folder: Path) -> dict[str, dict]:
    """Synthetic submissions for ANY module (12 participants): correct answers taken from
    the source, blank, edited/deleted/duplicated cells, broken files and hostile code.
    Widget answers are not known in general, so ``correct`` may miss widget points."""
    name = assignment.notebooks[0]
    release = nbformat.read(str(release_folder / name), as_version=4)
    source = nbformat.read(str(assignment.folder / name), as_version=4)
    solutions = {c.metadata["nbgrader"]["grade_id"]: _strip_markers(c.source)
                 for c in source.cells if c.metadata.get("nbgrader", {}).get("solution")
                 and c.cell_type == "code"}
    correct = fill(release, solutions)

    def with_cell(nb, code):
        nb = nbformat.from_dict(json.loads(json.dumps(nb)))
        at = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code") + 1
        nb.cells.insert(at, new_code_cell(code))
        return nb

    def enc(nb):
        return nbformat.writes(nb).encode()

    tests = [c for c in release.cells if c.metadata.get("nbgrader", {}).get("grade")
             and c.cell_type == "code"]
    tampered = nbformat.from_dict(json.loads(json.dumps(correct)))
    deleted = nbformat.from_dict(json.loads(json.dumps(correct)))
    if tests:
        first = tests[0].metadata["nbgrader"]["grade_id"]
        for cell in tampered.cells:
            if cell.metadata.get("nbgrader", {}).get("grade_id") == first:
                cell.source = "pass"
        deleted.cells = [c for c in deleted.cells
                         if c.metadata.get("nbgrader", {}).get("grade_id") != first]
    duplicated = nbformat.from_dict(json.loads(json.dumps(correct)))
    answer_at = next((i for i, c in enumerate(duplicated.cells)
                      if c.metadata.get("nbgrader", {}).get("solution")), None)
    if answer_at is not None:
        copy = nbformat.from_dict(json.loads(json.dumps(duplicated.cells[answer_at])))
        copy["id"] = uuid.uuid4().hex[:8]
        duplicated.cells.insert(answer_at, copy)
    v3 = nbformat.convert(nbformat.from_dict(json.loads(json.dumps(correct))), 3)
    return {
        "correct": {"nb": enc(correct), "answers": None},
        "blank": {"nb": enc(release), "answers": None},
        "tampered_test": {"nb": enc(tampered), "answers": None, "flag": "read-only"},
        "deleted_test": {"nb": enc(deleted), "answers": None},
        "duplicated_cell": {"nb": enc(duplicated), "answers": None},
        "invalid_json": {"nb": enc(correct)[:-30], "answers": None, "failed": "JSON error"},
        "old_nbformat": {"nb": json.dumps(v3).encode(), "answers": None},
        "hostile_osexit": {"nb": enc(with_cell(correct, "import os\nos._exit(1)")),
                           "answers": None, "failed": "kernel died"},
        "hostile_kill": {"nb": enc(with_cell(correct, "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)")),
                         "answers": None, "failed": "kernel died"},
        "hostile_sysexit": {"nb": enc(with_cell(correct, "import sys\nsys.exit(2)")), "answers": None},
        "hostile_bigout": {"nb": enc(with_cell(correct, "for _ in range(3000):\n    print('y' * 1000)")),
                           "answers": None},
        "hostile_patch": {"nb": enc(with_cell(release, "import builtins\nbuiltins.abs = lambda x: 0")),
                          "answers": None, "flag": "tampering"},
    }
