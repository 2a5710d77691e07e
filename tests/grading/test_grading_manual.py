"""Manual grading of a reflection in the browser: ``asm-course formgrade`` serves
nbgrader's formgrader on the course folder; headless Chromium opens a submission,
enters a score and a comment; ``grades.csv`` and the report show them."""

from __future__ import annotations

import csv
import io
import os
import secrets
import subprocess
import sys
import urllib.request
from pathlib import Path

import grading_fixtures as gf
import pytest

pytestmark = [pytest.mark.grading, pytest.mark.slow]
COMMENT = "Names one concrete change; say also why it matters."


@pytest.fixture
def graded_course(tmp_path, monkeypatch):
    gf.private_jupyter_dirs(tmp_path, monkeypatch)
    source, course, common, cases = gf.released_fixture(tmp_path)
    export = gf.write_flat_export({"ana": cases["correct"], "bo": cases["wrong"]},
                                  tmp_path / "export", gf.FIXTURE_NB, "m99")
    assert gf.cli("collect", *common, export) == 0
    assert gf.cli("autograde", *common, "--jobs", 2) == 0
    return course, source, common


def _manual(course: Path, student: str) -> tuple[float | None, str | None]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "asm_course") as gb:
        nb = gb.find_submission_notebook(gf.FIXTURE_NB[:-6], gf.FIXTURE_ID, student)
        grade = next(g for g in nb.grades if g.name == "reflection")
        comment = next(c for c in nb.comments if c.name == "reflection")
        return grade.manual_score, comment.manual_comment


def _notebook_id(course: Path, student: str) -> str:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "asm_course") as gb:
        return gb.find_submission_notebook(gf.FIXTURE_NB[:-6], gf.FIXTURE_ID, student).id


def test_a_reflection_graded_in_formgrader_shows_in_grades_and_report(graded_course):
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("/usr/bin/chromium not installed")
    from playwright.sync_api import sync_playwright

    course, source, common = graded_course
    port, token = gf._free_port(), secrets.token_urlsafe(16)
    server = subprocess.Popen([sys.executable, "-m", "asm_course.cli", "formgrade",
                               *map(str, common), "--port", str(port)],
                              env={**os.environ, "ASM_COURSE_FORMGRADE_TOKEN": token},
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def up() -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/formgrader?token={token}", timeout=5) as r:
                return r.status == 200
        except OSError:
            return server.poll() is not None

    try:
        printed = server.stdout.readline()  # "Open http://127.0.0.1:PORT/formgrader?token=... in ..."
        link = next(w for w in printed.split() if w.startswith("http://127.0.0.1"))
        assert gf.wait_for(up, timeout=90) and server.poll() is None, server.stdout.read()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
            page = browser.new_page()
            page.goto(link)  # what the trainer opens: logs in, shows the assignments
            page.wait_for_load_state("networkidle")
            assert gf.FIXTURE_ID in page.content()
            page.goto(f"http://127.0.0.1:{port}/formgrader/submissions/{_notebook_id(course, 'ana')}/")
            page.wait_for_load_state("networkidle")  # the grade models are fetched after load
            score = page.locator("input.score#reflection")
            score.fill("1.5")
            score.press("Tab")
            comment = page.locator("textarea#reflection-comment")
            comment.fill(COMMENT)
            comment.press("Tab")
            saved = gf.wait_for(lambda: _manual(course, "ana") == (1.5, COMMENT), timeout=30)
            browser.close()
        assert saved, _manual(course, "ana")
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert gf.cli("grades", *common) == 0 and gf.cli("report", *common) == 0
    rows = list(csv.DictReader(io.StringIO((course / "grades.csv").read_text(encoding="utf-8-sig"))))
    mine = {r["question"]: r for r in rows if r["participant"] == "ana"}
    assert mine["reflection"]["score"] == "1.5" and mine["reflection"]["comment"] == COMMENT
    assert mine["reflection"]["needs_manual_grade"] == "false"
    assert float(mine["TOTAL"]["score"]) == gf.FIXTURE_MAX_AUTO + 1.5
    assert {r["question"]: r for r in rows if r["participant"] == "bo"}["reflection"]["comment"] == ""
    report = (course / "class_report.html").read_text()
    assert COMMENT in report
