"""`asm-course plans` on submissions of two country teams (and one without a plan): documents,
an offline gallery, and the gallery opened in headless Debian Chromium without console errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from test_plan import complete_plan

from asm_course import answers
from asm_course.cli import main
from asm_course.plan import FORM_ID

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


@pytest.fixture(autouse=True)
def _keep_language(monkeypatch):
    """`--lang es` switches the session's language; put it back for the tests that follow."""
    from asm_course import i18n

    monkeypatch.setattr(i18n, "_current", i18n._current)


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """submitted/<participant>/<assignment>/ as `asm-course collect` lays it out."""
    submitted = tmp_path / "course" / "submitted"
    bolivia = submitted / "ana" / "m09_monitoring"
    bolivia.mkdir(parents=True)
    answers.save_answer(FORM_ID, complete_plan("BOL").to_dict(), bolivia)
    (submitted / "ana" / "m02_organising_government").mkdir()
    answers.save_answer("m02.plan1", "The Ministry of Mining leads.", submitted / "ana" / "m02_organising_government")
    honduras = complete_plan("HND")
    honduras.lead_agency = ""
    honduras.actions[0].end = "2028-09-30"
    (submitted / "luis" / "m09_monitoring").mkdir(parents=True)
    answers.save_answer(FORM_ID, honduras.to_dict(), submitted / "luis" / "m09_monitoring")
    (submitted / "zoe" / "m00_getting_started").mkdir(parents=True)      # submitted, but no plan answer
    answers.save_answer("m00.q6", "b", submitted / "zoe" / "m00_getting_started")
    return tmp_path / "course"


def test_plans_command_writes_documents_and_a_gallery(course: Path, capsys):
    assert main(["plans", "--course-dir", str(course), "--lang", "en"]) == 0
    out = course / "plans"
    assert "2 plan(s) written" in capsys.readouterr().out
    assert sorted(p.name for p in (out / "documents").glob("*.docx")) == ["ana_BOL.docx", "luis_HND.docx"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Bolivia" in index and "Honduras" in index and "zoe" not in index
    honduras = (out / "luis_HND.html").read_text(encoding="utf-8")
    assert "Name the agency that leads the plan." in honduras and "after the 12 months" in honduras
    assert "The Ministry of Mining leads." in (out / "ana_BOL.html").read_text(encoding="utf-8")


def test_gallery_opens_in_chromium_without_console_errors(course: Path):
    assert Path(CHROMIUM).exists(), "Debian chromium is not installed (apt-get install chromium)"
    assert main(["plans", "--course-dir", str(course), "--lang", "es"]) == 0
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
        page.goto((course / "plans" / "index.html").as_uri())
        assert page.locator("h1").inner_text() == "Planes de acción al regreso: sesión de cierre"
        rows = page.locator("tbody tr")
        assert rows.count() == 2
        assert "8 / 8" in rows.nth(0).inner_text() and "0" in rows.nth(0).inner_text()
        page.get_by_role("link", name="Honduras").click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == "Plan de acción al regreso: Honduras"
        summary = page.locator("table").first
        assert "Sección" in summary.inner_text() and "Indique la entidad que lidera el plan." in page.content()
        page.get_by_role("link", name="Todos los planes").click()
        page.wait_for_load_state()
        assert page.locator("tbody tr").count() == 2
        browser.close()
    assert problems == []


def test_grades_and_report_show_how_complete_each_plan_is(course: Path):
    from asm_course.grading.grades import PLAN, TOTAL, plan_rows
    from asm_course.grading.paths import CourseDir
    from asm_course.grading.report import build

    rows = {r.participant: r for r in plan_rows(CourseDir(course))}
    assert set(rows) == {"ana", "luis"}                       # zoe saved no plan answer
    assert rows["ana"].score == 8 and rows["ana"].max_score == 8 and rows["ana"].reason == ""
    assert rows["luis"].score < 8 and rows["luis"].reason == "Name the agency that leads the plan."
    assert all(r.module == PLAN and r.question == TOTAL for r in rows.values())
    assert PLAN in build(list(rows.values()), {"assignments": {}})
