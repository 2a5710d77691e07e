"""Graded notebooks through real nbgrader: the sources pass every test, the releases fail
every test, releases are in sync with their sources and leak nothing, and a blank
exercise notebook runs top to bottom without an error, saying "Not attempted"."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from asm_course.authoring import REPO, assignments, execute_notebook, generate_release
from asm_course.i18n import available_languages, t, tree_language

LANG = "en"  # the language of the tests that need one tree only
LANGS = available_languages()
ASSIGNMENTS = assignments(LANG)
PAIRS = [(lang, a) for lang in LANGS for a in assignments(lang)]
SOURCES = sorted((REPO / "solutions").glob("*/*/*.ipynb"))
RELEASES = sorted((REPO / "exercises").glob("*/*/*.ipynb"))
LEAK_MARKERS = re.compile(r"BEGIN SOLUTION|END SOLUTION|BEGIN HIDDEN TESTS|END HIDDEN TESTS|BEGIN MARK SCHEME")


def _ids(paths: list[Path]) -> list[str]:
    return [f"{tree_language(p)}/{p.parent.name}" for p in paths]


def nbgrader_cells(path: Path) -> list[dict]:
    return [c for c in nbformat.read(path, as_version=4).cells if "nbgrader" in c.metadata]


@pytest.fixture
def grading_env(monkeypatch, tmp_path):
    """nbgrader's Validator runs kernels; answers must not land in solutions/."""
    monkeypatch.setenv("ASM_COURSE_ANSWERS_DIR", str(tmp_path))
    monkeypatch.setenv("PATH", os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])


@pytest.mark.parametrize("lang", LANGS)
def test_every_assignment_has_a_release(lang):
    assert assignments(lang) == ASSIGNMENTS, f"solutions/{lang} has other assignments than solutions/{LANG}"
    assert [p.parent.name for p in RELEASES if tree_language(p) == lang] == ASSIGNMENTS


@pytest.mark.graded
@pytest.mark.parametrize("source", SOURCES, ids=_ids(SOURCES))
def test_validator_passes_on_the_source(source, grading_env):
    from nbgrader.validator import Validator

    assert Validator().validate(str(source)) == {}


@pytest.mark.graded
@pytest.mark.parametrize("release", RELEASES, ids=_ids(RELEASES))
def test_validator_fails_every_test_of_the_blank_release(release, grading_env):
    from nbgrader.validator import Validator

    assert Validator(invert=True).validate(str(release)) == {}


@pytest.mark.release
@pytest.mark.parametrize("lang, assignment", PAIRS, ids=[f"{lang}/{a}" for lang, a in PAIRS])
def test_release_is_what_nbgrader_generates_from_the_source(lang, assignment, tmp_path):
    fresh = generate_release(assignment, tmp_path, lang)
    committed = REPO / "exercises" / lang / assignment
    assert sorted(p.name for p in fresh.iterdir()) == sorted(p.name for p in committed.iterdir())
    for notebook in fresh.glob("*.ipynb"):
        new = json.loads(notebook.read_text(encoding="utf-8"))
        old = json.loads((committed / notebook.name).read_text(encoding="utf-8"))
        assert new == old, (f"exercises/{lang}/{assignment}/{notebook.name} is out of date: "
                            f"run `python -m asm_course.authoring release --lang {lang}`")


@pytest.mark.release
@pytest.mark.parametrize("release", RELEASES, ids=_ids(RELEASES))
def test_release_leaks_no_solution_hidden_test_or_mark_scheme(release):
    source = REPO / "solutions" / tree_language(release) / release.parent.name / release.name
    text = release.read_text(encoding="utf-8")
    assert not LEAK_MARKERS.search(text)
    released = "\n".join("".join(c.source) for c in nbformat.read(release, as_version=4).cells)
    for cell in nbformat.read(source, as_version=4).cells:
        for region in re.findall(r"### BEGIN (?:SOLUTION|HIDDEN TESTS)\n(.*?)### END", cell.source, re.S):
            for line in filter(None, (x.strip() for x in region.splitlines())):
                assert line not in released, f"{release.name}: solution/hidden text leaked: {line!r}"


@pytest.mark.release
def test_no_answers_file_or_stray_file_sits_in_solutions_or_exercises():
    for tree in ("solutions", "exercises"):
        for path in (REPO / tree).rglob("*"):
            assert not path.name.endswith("_answers.json"), f"{path} would be copied into releases"
            assert ".ipynb_checkpoints" not in path.parts, path


@pytest.mark.graded
@pytest.mark.parametrize("release", RELEASES, ids=_ids(RELEASES))
def test_blank_release_runs_without_error_and_every_question_says_not_attempted(release, tmp_path, monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.setenv("ASM_COURSE_ANSWERS_DIR", str(tmp_path))
    lang = tree_language(release)
    work = tmp_path / "exercises" / lang / release.parent.name / release.name  # the tree gives the language
    work.parent.mkdir(parents=True)
    shutil.copy(release, work)
    executed = execute_notebook(work)  # raises CellExecutionError on any error
    answer_outputs = [
        "".join(o.get("text", "") for o in cell.outputs)
        for cell in executed.cells
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("solution")
    ]
    assert answer_outputs
    for output in answer_outputs:
        assert output.startswith(t("checks.label_not_attempted", lang=lang)), output
    streams = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs if o.get("name") == "stderr"]
    assert streams == []


@pytest.mark.graded
def test_nbgrader_cli_generates_the_release_with_the_repository_config(tmp_path):
    """The top-level nbgrader_config.py works with the real `nbgrader` command."""
    shutil.copytree(REPO / "solutions", tmp_path / "solutions")
    shutil.copy(REPO / "nbgrader_config.py", tmp_path)
    env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])
    result = subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", ASSIGNMENTS[0], "--force"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    generated = tmp_path / "exercises" / LANG / ASSIGNMENTS[0]
    committed = REPO / "exercises" / LANG / ASSIGNMENTS[0]
    for notebook in committed.glob("*.ipynb"):
        assert json.loads((generated / notebook.name).read_text()) == json.loads(notebook.read_text())


@pytest.mark.graded
def test_real_nbgrader_autograde_grades_the_widget_answer_file(tmp_path):
    """What a participant picked in the answer widget (saved to m00_answers.json beside the
    notebook) is what `nbgrader autograde` grades; a pick that is wrong scores 0 and a
    notebook handed in without its answers file scores 0 on that question."""
    from nbgrader.api import Gradebook

    assignment, module = "m00_getting_started", "m00"
    shutil.copytree(REPO / "solutions", tmp_path / "solutions")
    shutil.copy(REPO / "nbgrader_config.py", tmp_path)
    picks = {"ana": "c", "ben": "a", "cai": None}
    for student, pick in picks.items():
        folder = tmp_path / "submitted" / student / assignment
        shutil.copytree(REPO / "exercises" / LANG / assignment, folder)
        if pick:
            (folder / f"{module}_answers.json").write_text(json.dumps({f"{module}.q6": pick}))
    env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])
    env.pop("ASM_COURSE_ANSWERS_DIR", None)
    for command in (["generate_assignment", assignment, "--force"], ["autograde", assignment, "--force"]):
        result = subprocess.run([sys.executable, "-m", "nbgrader", *command], cwd=tmp_path, env=env,
                                capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr[-3000:]
    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as gradebook:
        scores = {s: gradebook.find_grade("q6_test", "m00_exercises", assignment, s).auto_score for s in picks}
        blank = gradebook.find_grade("q1_test", "m00_exercises", assignment, "ana").auto_score
    assert scores == {"ana": 1.0, "ben": 0.0, "cai": 0.0}
    assert blank == 0.0  # the rest of the notebook is blank: nothing else is given away
    graded = (tmp_path / "autograded" / "ana" / assignment / f"{module}_answers.json")
    assert json.loads(graded.read_text()) == {"m00.q6": "c"}  # grading never rewrites answers
