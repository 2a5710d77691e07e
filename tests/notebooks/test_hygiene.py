"""Hygiene of the course files: notebook skeletons, alt text, stored outputs, points in
prompts, test-cell shape, absolute paths, network use, and environment parity."""

from __future__ import annotations

import ast
import importlib
import re
import subprocess
import tomllib
from pathlib import Path

import nbformat
import pytest

from asm_course import headings, layout
from asm_course.authoring import REPO
from asm_course.i18n import tree_language

pytestmark = pytest.mark.hygiene

TEACHING = sorted((REPO / "course").glob("*/m[0-9][0-9]_*.ipynb"))
ALL_COURSE = sorted((REPO / "course").glob("*/*.ipynb"))
SOURCES = sorted((REPO / "solutions").glob("*/*/*.ipynb"))
RELEASES = sorted((REPO / "exercises").glob("*/*/*.ipynb"))


def lang_id(path: Path) -> str:
    """``es/m01_exercises.ipynb``: the same file names exist in every language."""
    return f"{tree_language(path)}/{path.name}"


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def markdown(nb: nbformat.NotebookNode) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


@pytest.mark.parametrize("path", ALL_COURSE + SOURCES, ids=lang_id)
def test_one_title_and_alt_text_on_every_image(path):
    text = markdown(read(path))
    assert len(re.findall(r"^# ", text, re.M)) == 1, "exactly one H1 title"
    assert not re.search(r"!\[\s*\]\(", text), "an image without alt text"
    assert not re.search(r"<img(?![^>]*\balt=\"[^\"]+\")", text), "an <img> without alt text"


@pytest.mark.parametrize("path", TEACHING, ids=lang_id)
def test_teaching_notebooks_follow_the_skeleton_and_are_stored_executed(path):
    nb = read(path)
    text = markdown(nb)
    skeleton = headings.skeleton(tree_language(path))
    positions = [text.find(heading) for heading in skeleton]
    assert all(p >= 0 for p in positions), f"missing sections: {[h for h, p in zip(skeleton, positions, strict=True) if p < 0]}"
    assert positions == sorted(positions), "skeleton sections out of order"
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1)), "run top to bottom in a fresh kernel before committing"


@pytest.mark.parametrize("path", SOURCES + RELEASES, ids=lambda p: f"{p.parts[-4]}/{lang_id(p)}")
def test_graded_notebooks_are_stored_without_outputs(path):
    for cell in read(path).cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


def _questions(path: Path) -> dict[str, dict]:
    """Per question number: points stated in its prompt (the language's heading, e.g.
    ``## Pregunta 3 (2 puntos)``) and points of its graded cells."""
    found: dict[str, dict] = {}
    for cell in read(path).cells:
        meta = cell.metadata.get("nbgrader", {})
        title = headings.parse_question(cell.source, tree_language(path))
        if title:
            found[str(title[0])] = {"stated": title[1], "points": 0}
        if meta.get("grade"):
            number = re.match(r"q(\d+)_", meta["grade_id"])[1]
            assert number in found, f"{meta['grade_id']}: no heading {headings.question(int(number), 1, tree_language(path))!r} above it"
            found[number]["points"] += meta["points"]
    return found


@pytest.mark.parametrize("path", SOURCES, ids=lang_id)
def test_exercise_notebooks_state_points_and_have_enough_questions(path):
    nb = read(path)
    questions = _questions(path)
    assert all(q["stated"] == q["points"] for q in questions.values()), questions
    graded = [c.metadata.nbgrader for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    ids = [c.metadata.nbgrader["grade_id"] for c in nb.cells if "nbgrader" in c.metadata]
    assert len(ids) == len(set(ids)), "duplicate grade_id"
    auto = [m for m in graded if not m["solution"]]
    manual = [m for m in graded if m["solution"]]
    assert len(auto) >= 5 and len(manual) >= 1
    assert any(".widget()" in c.source for c in nb.cells if c.cell_type == "code"), "no answer widget"


@pytest.mark.parametrize("lang", sorted({p.parent.name for p in TEACHING}))
def test_readme_and_start_page_list_every_module(lang):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = "\n".join(c.source for c in read(REPO / layout.start_page(lang)).cells)
    for path in (p for p in TEACHING if p.parent.name == lang):
        assert f"| {layout.module_of(path.name)} " in readme, f"README.md's module table lacks {path.stem}"
        assert f"({path.name})" in start, f"{layout.start_page(lang)} has no link to {path.name}"


@pytest.mark.parametrize("path", SOURCES, ids=lang_id)
def test_points_agree_across_the_question_bank_the_metadata_and_the_prompt(path):
    """One number per question: ``Question.points`` in the bank, the prompt's "(N points)"
    and the nbgrader points of its graded cells."""
    from asm_course.checks import module_questions

    bank = importlib.import_module(f"asm_course.checks.{layout.module_of(path.name)}")
    in_bank = {q.id.split(".q")[1]: q.points for q in module_questions(bank)}
    in_notebook = _questions(path)
    assert in_bank == {n: q["stated"] for n, q in in_notebook.items()}
    assert in_bank == {n: q["points"] for n, q in in_notebook.items()}


@pytest.mark.parametrize("path", SOURCES, ids=lang_id)
def test_test_cells_end_in_a_grading_call_and_never_in_a_value(path):
    """A trailing expression would be read by nbgrader as partial credit."""
    for cell in read(path).cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and cell.cell_type == "code":
            last = ast.parse(cell.source).body[-1]
            assert isinstance(last, ast.Expr) and isinstance(last.value, ast.Call), cell.source
            assert last.value.func.attr in ("grade", "grade_hidden"), cell.source
            assert meta["locked"], f"{meta['grade_id']} must be locked"


TEXT_SUFFIXES = {".py", ".ipynb", ".md", ".toml", ".yml", ".yaml", ".json", ".cfg", ".txt", ".csv", ".sh",
                 ".js", ".html", ".css", ".tmpl"}
TEXT_NAMES = {"Makefile", "Dockerfile", "run"}  # .ci/run


def tracked_text_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                            cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    return [REPO / f for f in listed
            if (Path(f).suffix in TEXT_SUFFIXES or Path(f).name in TEXT_NAMES)
            and not f.startswith("tests/") and (REPO / f).is_file()]


def test_no_absolute_machine_paths():
    pattern = re.compile(r"(?<![\w.])/(?:work|tmp|root|home|Users)/[\w.-]+|[A-Z]:\\\\Users")
    offenders = [f"{p.relative_to(REPO)}: {m[0]}" for p in tracked_text_files()
                 for m in [pattern.search(p.read_text(encoding="utf-8", errors="ignore"))] if m]
    assert offenders == []


def test_nothing_reaches_the_network():
    network = re.compile(r"\b(requests\.|urllib\.request|http\.client|urlopen|pip install|wget|curl )")
    package = [p for p in (REPO / "asm_course").rglob("*.py") if network.search(p.read_text())]
    assert package == []
    for path in ALL_COURSE + SOURCES:
        for cell in read(path).cells:
            if cell.cell_type == "code":
                assert not re.search(r"https?://", cell.source) and not network.search(cell.source), path.name


def _requirements(items: list[str]) -> dict[str, str]:
    out = {}
    for item in items:
        match = re.match(r"([A-Za-z0-9_.-]+)\s*(.*)", item.strip())
        name = match[1].lower().replace("_", "-").replace("psycopg2-binary", "psycopg2")
        out[name] = match[2].replace(" ", "")
    return out


def test_environment_yml_has_the_same_packages_as_pyproject():
    import yaml

    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    wanted = _requirements(project["dependencies"] + project["optional-dependencies"]["test"])
    wanted["python"] = project["requires-python"]
    conda = yaml.safe_load((REPO / "environment.yml").read_text())["dependencies"]
    listed = _requirements([d for d in conda if isinstance(d, str) and d != "pip"])
    assert listed == wanted
    assert {"pip": ["-e ."]} in conda


def test_constraints_pin_every_package_the_project_names():
    pins = _requirements([line.replace("==", " ==") for line in (REPO / "constraints.txt").read_text().splitlines()
                          if line and not line.startswith("#")])
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    for name in _requirements(project["dependencies"] + project["optional-dependencies"]["test"]):
        assert name.replace("psycopg2", "psycopg2-binary") in pins or name in pins, f"{name} not pinned"


def test_every_pin_installs_on_the_oldest_python_the_project_accepts():
    """A pin whose Requires-Python excludes the oldest Python that pyproject accepts stops the
    install there (soupsieve 4.1.3 needs 3.11.5; Debian 12's Python is 3.11.2): such a pin needs an
    environment marker and a second pin for the older Pythons."""
    from importlib import metadata

    from packaging.requirements import Requirement
    from packaging.specifiers import SpecifierSet

    accepted = SpecifierSet(tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["requires-python"])
    oldest = next(f"3.{minor}.0" for minor in range(8, 20) if f"3.{minor}.0" in accepted)
    unmarked = [Requirement(line.split("#")[0]) for line in (REPO / "constraints.txt").read_text().splitlines()
                if line and not line.startswith("#") and ";" not in line]
    excluded = []
    for pin in unmarked:
        try:
            needs = metadata.metadata(pin.name).get("Requires-Python")
        except metadata.PackageNotFoundError:
            continue  # not installed here (nothing to read); the install of the pin itself checks it
        if needs and oldest not in SpecifierSet(needs):
            excluded.append(f"{pin} (Requires-Python {needs})")
    assert excluded == [], (f"these pins do not install on Python {oldest}, which pyproject accepts: {excluded}; "
                            f'pin an older version for it with a marker (; python_full_version < "...")')
