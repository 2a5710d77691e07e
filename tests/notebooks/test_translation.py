"""Every notebook in every language: the same cells, ids, nbgrader metadata and code as English,
a translation state that goes stale when English changes, and the same score through real
nbgrader for the same answers in either language."""

from __future__ import annotations

import copy
import json
import re

import grading_fixtures as gf
import nbformat
import pytest

from asm_course import translation
from asm_course.translation import ROOT

LANGS = translation.languages()
PAIRS = [(lang, source) for lang in LANGS for source in translation.english_notebooks()]


def _pair_id(pair: tuple) -> str:
    lang, source = pair
    return f"{lang}:{source.relative_to(ROOT)}"


def read(path):
    return nbformat.read(path, as_version=4)


@pytest.mark.hygiene
@pytest.mark.parametrize("pair", PAIRS, ids=[_pair_id(p) for p in PAIRS])
def test_every_notebook_exists_in_every_language_and_matches_english(pair):
    lang, source = pair
    path = translation.translated_path(source, lang)
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing: translate {source.relative_to(ROOT)}"
    problems = translation.differences(read(source), read(path))
    assert not problems, f"{path.relative_to(ROOT)}:\n" + "\n".join(problems)


@pytest.mark.hygiene
@pytest.mark.parametrize("pair", PAIRS, ids=[_pair_id(p) for p in PAIRS])
def test_every_translation_follows_the_current_english_source(pair):
    lang, source = pair
    path = translation.translated_path(source, lang)
    if not path.is_file():
        pytest.fail(f"{path.relative_to(ROOT)} is missing")
    found = translation.state(path)
    assert found.status == "current", found.message()


@pytest.mark.hygiene
@pytest.mark.parametrize("lang", LANGS)
def test_no_translated_notebook_without_an_english_source(lang):
    orphans = [p for p in translation.translated_notebooks(lang) if not translation.source_of(p).is_file()]
    assert not orphans, orphans


# --- the checks themselves can fail -------------------------------------------------------

@pytest.fixture
def english():
    """A real English exercise source (cells with nbgrader metadata, code and prose)."""
    return read(sorted((ROOT / "solutions" / "en").glob("*/*.ipynb"))[0])


def test_parity_accepts_other_words_and_refuses_other_cells_code_or_metadata(english):
    translated = copy.deepcopy(english)
    code = next(c for c in translated.cells if c.cell_type == "code" and '"' in c.source)
    code.source = re.sub(r'"[^"\n]*"', '"otras palabras"', code.source) + "\n# un comentario"
    for cell in translated.cells:
        if cell.cell_type == "markdown":
            cell.source = "Texto en español."
    assert translation.differences(english, translated) == []

    removed = copy.deepcopy(translated)
    gone = removed.cells.pop(3)
    assert f"missing ['{gone.id}']" in translation.differences(english, removed)[0]

    changed = copy.deepcopy(translated)
    cell = next(c for c in changed.cells if c.cell_type == "code")
    cell.source += "\nx = 1"
    assert "the code differs" in translation.differences(english, changed)[0]

    points = copy.deepcopy(translated)
    graded = next(c for c in points.cells if c.metadata.get("nbgrader", {}).get("points"))
    graded.metadata.nbgrader["points"] += 1
    assert "nbgrader metadata differs" in translation.differences(english, points)[0]

    emptied = copy.deepcopy(translated)
    next(c for c in emptied.cells if c.cell_type == "markdown").source = ""
    assert "empty here" in translation.differences(english, emptied)[0]


def test_translation_state_goes_stale_when_english_changes_and_not_when_it_is_re_executed(
        tmp_path, english):
    source = tmp_path / "course" / "en" / "m01_x.ipynb"
    path = tmp_path / "course" / "es" / "m01_x.ipynb"
    for p in (source, path):
        p.parent.mkdir(parents=True)
        nbformat.write(english, p)
    assert translation.state(path, tmp_path).status == "unrecorded"
    assert translation.refresh(path, tmp_path).status == "current"
    executed = read(source)
    code = next(c for c in executed.cells if c.cell_type == "code")
    code.outputs = [nbformat.v4.new_output("stream", name="stdout", text="42\n")]
    code.execution_count = 7
    nbformat.write(executed, source)
    assert translation.state(path, tmp_path).status == "current"
    next(c for c in executed.cells if c.cell_type == "markdown").source += " More."
    nbformat.write(executed, source)
    stale = translation.state(path, tmp_path)
    assert stale.status == "stale"
    assert "python -m asm_course.translation refresh course/es/m01_x.ipynb" in stale.message(tmp_path)
    assert translation.refresh(path, tmp_path).status == "current"


# --- the same answers score the same in every language -------------------------------------

PARITY_CASES = ("correct", "blank", "deleted_test")


@pytest.mark.grading
@pytest.mark.parametrize("lang", LANGS)
def test_the_same_answers_score_the_same_in_english_and_in_translation(lang, tmp_path, monkeypatch):
    """Real nbgrader: each module's release in English and in ``lang``, the same answers (the
    solutions of each language's source), blank, and one deleted test cell; the scores agree
    participant by participant and module by module, and feedback and class report speak ``lang``."""
    from asm_course import i18n
    from asm_course.grading.paths import discover_assignments
    from asm_course.i18n import t

    monkeypatch.setattr(i18n, "_current", None)  # `--lang` sets it; restored after the test
    gf.private_jupyter_dirs(tmp_path, monkeypatch)
    scores = {}
    for language in ("en", lang):
        course = tmp_path / language / "course"
        source = ROOT / "solutions" / language
        common = ["--course-dir", course, "--source", source, "--db", f"sqlite:///{course / 'gradebook.db'}",
                  "--lang", language]
        assert gf.cli("release", *common) in (0, 3)
        export = tmp_path / language / "export"
        for assignment in discover_assignments(source):
            cases = {name: case for name, case in
                     gf.generic_submissions(assignment, course / "release" / language / assignment.id).items()
                     if name in PARITY_CASES}
            gf.write_flat_export(cases, export, assignment.notebooks[0], assignment.module)
        assert gf.cli("collect", *common, gf.zip_folder(export, tmp_path / language / "export.zip")) == 0
        assert gf.cli("autograde", *common, "--jobs", 2) == 0
        saved = json.loads((course / "grading_status.json").read_text())["assignments"]
        scores[language] = {(a, who): entry["score"] for a, people in saved.items()
                            for who, entry in people.items()}
        assert gf.cli("feedback", *common) == 0
        blank = next((course / "feedback" / "blank").rglob("*.html")).read_text(encoding="utf-8")
        assert t("checks.label_not_attempted", lang=language) in blank, f"feedback not in {language}"
        assert gf.cli("grades", *common) == 0 and gf.cli("report", *common) == 0
        report = (course / "class_report.html").read_text(encoding="utf-8")
        assert f'<html lang="{language}">' in report and t("grading.report.title", lang=language) in report
    assert len(scores["en"]) == len(PARITY_CASES) * len(discover_assignments(ROOT / "solutions" / "en"))
    assert scores[lang] == scores["en"]
