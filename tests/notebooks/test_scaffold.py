"""The module scaffold: `make new-module` writes a stub the suite accepts, and `remove` takes it
all out again (checked in a throw-away copy of the repository, never in this checkout)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from asm_course.scaffold import NewModule, planned_files

pytestmark = [pytest.mark.hygiene, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env={**os.environ, **env})


def test_names_are_checked_before_anything_is_written():
    with pytest.raises(ValueError, match="two digits"):
        NewModule("5", "mercury", "mercury", "Mercury")
    with pytest.raises(ValueError, match="SLUG must be lower-case"):
        NewModule("05", "Mercury-NAP", "mercury", "Mercury")


def test_a_scaffolded_module_passes_the_suite_and_removing_it_leaves_the_tree_clean(tmp_path):
    copy = tmp_path / "repo"
    listed = run(["git", "ls-files", "-co", "--exclude-standard"], REPO).stdout.split("\n")
    for name in filter(None, listed):
        if (REPO / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, copy / name)
    for step in (["git", "init", "-q"], ["git", "add", "-A"],
                 ["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "copy"]):
        assert run(step, copy).returncode == 0
    here = {"PYTHONPATH": str(copy)}  # the copy's package, not this checkout's

    made = run([sys.executable, "-m", "asm_course.scaffold", "new", "98", "trial_topic", "--concept", "trial_topic",
                "--title", "Trial topic"], copy, **here)
    assert made.returncode == 0, made.stderr
    spec = NewModule("98", "trial_topic", "trial_topic", "Trial topic")
    assert all(p.is_file() for p in planned_files(spec, copy))
    for lang in ("en", "es"):  # every language of the course
        assert (copy / f"exercises/{lang}/m98_trial_topic/m98_exercises.ipynb").is_file()
        assert (copy / f"course/{lang}/m98_trial_topic.ipynb").is_file()
    again = run([sys.executable, "-m", "asm_course.scaffold", "new", "98", "trial_topic"], copy, **here)
    assert again.returncode == 2 and "exists already" in again.stderr

    suite = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
                 "--nbval", "--nbval-current-env", "--nbval-sanitize-with", "tests/notebooks/nbval_sanitize.cfg",
                 "tests/notebooks/test_hygiene.py", "tests/unit/test_contracts.py",
                 "tests/notebooks/test_graded_notebooks.py", "tests/unit/test_structure.py",
                 "tests/unit/test_trial_topic.py", "tests/notebooks/test_translation.py",
                 "course/en/m98_trial_topic.ipynb", "course/es/m98_trial_topic.ipynb",
                 "-k", "(m98 or trial_topic or start_page or cycle) and not same_answers"], copy, **here)
    assert suite.returncode == 0, suite.stdout[-3000:]
    passed = int(re.search(r"(\d+) passed", suite.stdout)[1])
    assert passed >= 45, suite.stdout[-2000:]  # hygiene, contracts, Validator, nbval, parity and units of m98
    assert "m98" in run(["git", "status", "--porcelain"], copy).stdout

    gone = run([sys.executable, "-m", "asm_course.scaffold", "remove", "98"], copy, **here)
    assert gone.returncode == 0, gone.stderr
    assert run(["git", "status", "--porcelain", "--untracked-files=all"], copy).stdout == ""


def test_maintaining_names_every_file_the_scaffold_writes():
    guide = (REPO / "MAINTAINING.md").read_text(encoding="utf-8")
    spec = NewModule("05", "slug", "concept", "Title")
    generic = {str(p.relative_to(REPO)).replace("m05", "mNN").replace("concept", "<concept>")
               for p in planned_files(spec, REPO)}
    generic |= {f"{tree}/<lang>/{name}" for tree, name in (("course", "mNN_<slug>.ipynb"),
                ("solutions", "mNN_<slug>/mNN_exercises.ipynb"), ("exercises", "mNN_<slug>/mNN_exercises.ipynb"))}
    missing = sorted(name for name in generic if f"`{name}`" not in guide)
    assert not missing, f"MAINTAINING.md does not name {missing}"
