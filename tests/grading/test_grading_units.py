"""Fast unit tests of the trainer pipeline pieces (no kernels)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import nbformat
import pytest
from grading_fixtures import FIXTURE_ID, FIXTURE_NB, fixture_source_notebook

from asm_course.grading import collect as col
from asm_course.grading import feedback, grades, notebooks, report, status, tamper
from asm_course.grading.paths import Assignment, CourseDir, answers_filename, module_id

pytestmark = pytest.mark.grading

A = Assignment("m00_getting_started", Path("/nowhere"), ("m00_exercises.ipynb",))
B = Assignment("m01_legal", Path("/nowhere"), ("m01_exercises.ipynb",))


def _nb(path: Path) -> Path:
    nbformat.write(nbformat.v4.new_notebook(), str(path))
    return path


# ----------------------------------------------------------------- paths
def test_module_and_answers_names():
    assert module_id("m00_getting_started") == "m00"
    assert answers_filename("m03_mercury_use") == "m03_answers.json"


# ----------------------------------------------------------------- collect
def test_collect_flat_export(tmp_path):
    _nb(tmp_path / "ana_lopez_m00_exercises.ipynb")
    (tmp_path / "ana_lopez_m00_answers.json").write_text('{"m00.q3": "b"}')
    _nb(tmp_path / "bo_m01_legal.ipynb")  # by assignment id
    _nb(tmp_path / "cy_m00.ipynb")  # by module id
    (tmp_path / ".DS_Store").write_text("x")
    items = col.plan(tmp_path, [A, B])
    got = {(i.participant, i.assignment, i.notebook, i.answers is not None) for i in items}
    assert got == {("ana_lopez", A.id, "m00_exercises.ipynb", True),
                   ("bo", B.id, "m01_exercises.ipynb", False),
                   ("cy", A.id, "m00_exercises.ipynb", False)}


def test_collect_folder_per_participant(tmp_path):
    (tmp_path / "ana" / "deep").mkdir(parents=True)
    _nb(tmp_path / "ana" / "deep" / "m00_exercises.ipynb")
    (tmp_path / "ana" / "deep" / "m00_answers.json").write_text("{}")
    items = col.plan(tmp_path, [A])
    assert [(i.participant, i.assignment, bool(i.answers)) for i in items] == [("ana", A.id, True)]


def test_collect_refuses_duplicates_and_unknown_names(tmp_path):
    _nb(tmp_path / "ana_m00_exercises.ipynb")
    _nb(tmp_path / "ANA_m00.ipynb")
    _nb(tmp_path / "homework.ipynb")
    _nb(tmp_path / "bad name!_m00_exercises.ipynb")
    with pytest.raises(col.CollectError) as err:
        col.plan(tmp_path, [A])
    text = str(err.value)
    assert "ana_m00_exercises.ipynb" in text and "ANA_m00.ipynb" in text
    assert "homework.ipynb" in text and "bad name!" in text


def test_collect_zip_and_replace_keeps_backup(tmp_path):
    export = tmp_path / "export"
    export.mkdir()
    _nb(export / "ana_m00_exercises.ipynb")
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(export / "ana_m00_exercises.ipynb", "ana_m00_exercises.ipynb")
    course = CourseDir(tmp_path / "course")
    items, _ = col.collect(archive, course, [A], dry_run=True)
    assert len(items) == 1 and not course.submitted.exists()
    col.collect(archive, course, [A])
    dest = course.submitted / "ana" / A.id
    assert (dest / "m00_exercises.ipynb").is_file() and (dest / "timestamp.txt").is_file()
    with pytest.raises(col.CollectError, match="--replace"):
        col.collect(archive, course, [A])
    col.collect(archive, course, [A], replace=True)
    assert list((course.backups / "submitted" / "ana").iterdir())


def test_collect_rejects_path_traversal_in_zip(tmp_path):
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("../../evil_m00_exercises.ipynb", "{}")
    with pytest.raises(col.CollectError, match="unsafe"):
        col.collect(archive, CourseDir(tmp_path / "c"), [A], dry_run=True)


# ----------------------------------------------------------------- pre-clean
def test_invalid_json_names_line_and_column(tmp_path):
    path = tmp_path / "x.ipynb"
    path.write_text('{\n  "cells": [\n    {"cell_type": }\n')
    with pytest.raises(notebooks.NotebookError, match=r"JSON error at line 3 col 19"):
        notebooks.load_submission(path)


def test_old_format_is_upgraded_and_duplicates_deduplicated(tmp_path):
    nb = fixture_source_notebook()
    dup = nbformat.from_dict(json.loads(json.dumps(nb.cells[3])))
    dup["id"] = "dupe0001"
    nb.cells.insert(3, dup)
    path = tmp_path / "dup.ipynb"
    nbformat.write(nb, str(path))
    cleaned = notebooks.load_submission(path)
    ids = [notebooks.grade_id(c) for c in cleaned.nb.cells]
    assert ids.count("q1_answer") == 1 and ids.index("q1_answer") == 4  # the last copy kept
    assert any("q1_answer" in n for n in cleaned.notes)
    v3 = nbformat.convert(fixture_source_notebook(), 3)
    path3 = tmp_path / "v3.ipynb"
    path3.write_text(json.dumps(v3))
    cleaned3 = notebooks.load_submission(path3)
    assert cleaned3.nb.nbformat == 4 and any("format 3" in n for n in cleaned3.notes)


# ----------------------------------------------------------------- tampering
@pytest.mark.parametrize("code, hit", [
    ("m00.q1.grade = lambda x: None", "m00"),
    ("setattr(m00.q1, 'grade', print)", "m00"),
    ("import builtins\nbuiltins.abs = len", "builtins"),
    ("__builtins__.__dict__['round'] = len", "__builtins__"),
    ("AssertionError = ValueError", "AssertionError"),
    ("import sys\nsys.modules['asm_course.checks'] = object()", "sys.modules"),
    ("from asm_course.checks import m00 as mm\nmm.q2.grade_hidden = print", "mm"),
    ("%xmode Plain\nm00.q1.grade = print", "m00"),
])
def test_scan_source_flags_tampering(code, hit):
    guarded = tamper.GUARDED_NAMES | {"m00", "setup_notebook"}
    assert hit in tamper.scan_source(code, guarded)


@pytest.mark.parametrize("code", ["answer = m00.q1", "x = sum([1, 2])\nprint(abs(-1))",
                                  "m00_value = 3", "import sys\nprint(sys.version)"])
def test_scan_source_ignores_normal_code(code):
    assert tamper.scan_source(code, tamper.GUARDED_NAMES | {"m00"}) == []


def test_grade_calls_found_in_source_tests():
    calls = tamper.grade_calls(fixture_source_notebook())
    assert ("q2_test", "m99", "q2", "grade_hidden", "share") in {
        (c.grade_id, c.alias, c.question, c.method, c.expr) for c in calls}
    assert tamper.checker_imports(fixture_source_notebook())["m99"] == ("fxcheck", "m99")


def test_safe_read_refuses_symlinks(tmp_path):
    target = tmp_path / "secret"
    target.write_text("s")
    (tmp_path / "link").symlink_to(target)
    with pytest.raises(OSError):
        tamper.safe_read(tmp_path / "link", 100)


# ----------------------------------------------------------------- feedback
def test_scrub_removes_hidden_source():
    page = "<pre>m99.q2.grade(share)\nm99.q2.grade_hidden(share)  # HIDDEN-CHECK</pre>"
    out, n = feedback.scrub(page, ["m99.q2.grade_hidden(share)  # HIDDEN-CHECK", "m99.q2.grade_hidden(share)"])
    assert "grade_hidden" not in out and "m99.q2.grade(share)" in out and n >= 1


def test_widget_keys():
    assert feedback.widget_keys("pick = m00.q3.widget()\npick") == ["m00.q3"]


# ----------------------------------------------------------------- grades/report
ROWS = [
    grades.Row("Ana Núñez", "m00_x", "q1", 1.0, 1.0, "graded", False),
    grades.Row("Ana Núñez", "m00_x", grades.TOTAL, 1.0, 1.0, "graded", False),
    grades.Row("bo", "m00_x", "q1", None, 1.0, "failed", None, "not a valid notebook"),
    grades.Row("bo", "m00_x", grades.TOTAL, None, 1.0, "failed", None, "not a valid notebook"),
    grades.Row("cy", "m00_x", "q1", None, 1.0, "not_submitted"),
    grades.Row("cy", "m00_x", grades.TOTAL, None, 1.0, "not_submitted"),
]


def test_csv_has_bom_and_distinct_statuses(tmp_path):
    out = grades.write_csv(ROWS, tmp_path / "g.csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0]["participant"] == "Ana Núñez" and rows[0]["score"] == "1"
    assert {r["status"] for r in rows} == {"graded", "failed", "not_submitted"}
    assert all(r["score"] == "" for r in rows if r["status"] != "graded")


def test_report_is_self_contained_and_escaped():
    saved = {"assignments": {"m00_x": {"<script>x</script>": status.entry(
        "failed", reason="<b>bad</b>")}}}
    page = report.build(ROWS, saved)
    assert "<script>x" not in page and "&lt;script&gt;" in page
    assert "data:image/png;base64," in page and 'alt="' in page
    assert "http://" not in page and "https://" not in page and "<link" not in page


def test_status_file_is_atomic_and_private(tmp_path):
    data = status.load(tmp_path / "s.json")
    status.record(data, "m00_x", "ana", status.entry("graded", score=1, max_score=2))
    status.save(tmp_path / "s.json", data)
    assert status.load(tmp_path / "s.json")["assignments"]["m00_x"]["ana"]["score"] == 1
    assert (tmp_path / "s.json").stat().st_mode & 0o077 == 0


# ----------------------------------------------------------------- i18n
def test_catalogues_have_the_same_keys():
    root = Path(__file__).resolve().parents[2] / "asm_course" / "i18n"
    en = json.loads((root / "en" / "grading.json").read_text(encoding="utf-8"))
    es = json.loads((root / "es" / "grading.json").read_text(encoding="utf-8"))
    assert en.keys() == es.keys() and all(k.startswith("grading.") for k in en)


def test_every_key_used_exists():
    import re

    root = Path(__file__).resolve().parents[2] / "asm_course"
    en = json.loads((root / "i18n" / "en" / "grading.json").read_text(encoding="utf-8"))
    used = set()
    for path in (root / "grading").glob("*.py"):
        used |= set(re.findall(r"t\(f?[\"'](grading\.[a-z_.]+)[\"']", path.read_text()))
    assert used - en.keys() == set()


def test_fixture_constants():
    assert FIXTURE_ID.startswith("m99_") and FIXTURE_NB.endswith(".ipynb")


def test_release_without_solutions_switches_solution_off_in_the_release_and_its_zip(tmp_path, monkeypatch):
    import argparse
    import json
    import zipfile

    import grading_fixtures as gf

    from asm_course.grading.commands import add_commands
    from asm_course.layout import SETTINGS_FILE, solutions_enabled

    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    source = gf.build_fixture_source(tmp_path / "solutions")
    parser = argparse.ArgumentParser()
    add_commands(parser.add_subparsers(required=True))
    args = parser.parse_args(["release", "--course-dir", str(tmp_path / "course"), "--source", str(source),
                              "--db", f"sqlite:///{tmp_path / 'gb.db'}", "--zip", "--no-solutions"])
    assert args.run(args) == 0
    folder = tmp_path / "course" / "release" / "en" / gf.FIXTURE_ID
    assert json.loads((folder / SETTINGS_FILE).read_text()) == {"solutions": False}
    assert not solutions_enabled(folder)
    with zipfile.ZipFile(folder.with_suffix(".zip")) as zipped:
        assert f"{gf.FIXTURE_ID}/{SETTINGS_FILE}" in zipped.namelist()
    assert (tmp_path / "course" / "answer_keys" / "en" / gf.FIXTURE_ID).is_dir()  # the trainer keeps the keys
