"""JupyterLab and a real browser: `asm-course lab` serves the course on 127.0.0.1, headless
Debian Chromium (driven by Playwright, never a downloaded browser) runs the m00 notebooks,
sees widgets render and respond, and finds a widget answer still there after a reload.

Without Chromium these tests skip with a reason, except under CI (CI=true), where they fail.
The fixtures (``lab``, ``browser``) and helpers they share with the other browser tests are in
browser_support.py.
"""

from __future__ import annotations

import json
import re
import time
import urllib.request
from pathlib import Path

import pytest
from browser_support import TIMEOUT_MS, changed_summary, open_notebook, run_all, summary_text

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_lab_serves_the_course_start_page(lab):
    with urllib.request.urlopen(f"{lab['base']}/lab?token={lab['token']}", timeout=10) as response:
        assert response.status == 200
    assert lab["url"].endswith(f"/lab/tree/course/en/start_here.ipynb?token={lab['token']}")
    api = f"{lab['base']}/api/contents/course/en/m00_getting_started.ipynb?token={lab['token']}"
    with urllib.request.urlopen(api, timeout=10) as response:
        assert json.load(response)["type"] == "notebook"
    assert (lab["work"] / "exercises/en/m00_getting_started/m00_exercises.ipynb").is_file()


def test_course_notebook_runs_and_its_widget_responds(browser, lab):
    page, errors = open_notebook(browser, lab, "course/en/m00_getting_started.ipynb")
    run_all(page)
    before = summary_text(page, "is worth about")
    assert "USD 1,113 million" in before
    page.locator(".widget-slider .noUi-handle").nth(1).focus()  # the price slider
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    assert changed_summary(page, "is worth about", before) != before
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    assert page.locator(".widget-toggle-buttons").count() >= 1  # the estimates explorer rendered
    assert errors == []
    page.close()


TEACHING = sorted(p.relative_to(p.parents[2]).as_posix()  # course/<lang>/mNN_*.ipynb, every language
                  for p in (Path(__file__).resolve().parents[2] / "course").glob("*/m[0-9][0-9]_*.ipynb"))


@pytest.mark.parametrize("path", TEACHING)
def test_every_course_notebook_runs_in_the_browser_and_renders_its_widgets(browser, lab, path):
    page, errors = open_notebook(browser, lab, path)
    run_all(page)
    page.locator(".jp-OutputArea-output .jupyter-widgets").first.wait_for(timeout=TIMEOUT_MS)
    assert page.locator(".jp-OutputArea-output .jupyter-widgets").count() >= 2
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    assert page.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.error']").count() == 0
    assert errors == []
    page.close()


def test_widget_answer_survives_save_and_reload(browser, lab):
    notebook = "exercises/en/m00_getting_started/m00_exercises.ipynb"
    answers_file = lab["work"] / "exercises/en/m00_getting_started/m00_answers.json"
    page, errors = open_notebook(browser, lab, notebook)
    run_all(page)
    option = page.get_by_role("radio", name=re.compile("Give the range"))
    option.check(timeout=TIMEOUT_MS)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not answers_file.exists():
        time.sleep(0.2)
    assert json.loads(answers_file.read_text()) == {"m00.q6": "c"}
    page.keyboard.press("Control+s")
    page.wait_for_timeout(1000)
    page.reload()
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=TIMEOUT_MS)
    run_all(page)
    restored = page.get_by_role("radio", name=re.compile("Give the range"))
    restored.wait_for(timeout=TIMEOUT_MS)
    assert restored.is_checked()
    assert page.get_by_text(re.compile(r"^Saved: c")).count() >= 1
    assert errors == []
    page.close()


def test_m05_and_m06_explorers_respond_to_the_keyboard(browser, lab):
    """The practice-mix sliders and the risk-matrix controls are reachable and change the
    result by keyboard alone, at a 1366 px wide screen."""
    page, errors = open_notebook(browser, lab, "course/en/m05_mercury.ipynb")
    page.set_viewport_size({"width": 1366, "height": 900})
    run_all(page)
    before = summary_text(page, "Mercury used:")
    page.locator(".widget-slider .noUi-handle").first.focus()  # the share of whole-ore amalgamation
    for _ in range(10):
        page.keyboard.press("ArrowLeft")
    page.wait_for_function(
        "(old) => [...document.querySelectorAll('.widget-html-content')].some("
        "e => e.textContent.includes('Mercury used:') && e.textContent !== old)", arg=before, timeout=TIMEOUT_MS)
    assert page.locator(".widget-slider .noUi-target").first.bounding_box()["width"] >= 200
    page.close()

    page, more = open_notebook(browser, lab, "course/en/m06_health_safety.ipynb")
    page.set_viewport_size({"width": 1366, "height": 900})
    run_all(page)
    summary = page.locator(".widget-html-content", has_text="The five highest risks").last
    summary.wait_for(timeout=TIMEOUT_MS)
    assert "control: No new control" in summary.text_content()
    radio = page.locator(".widget-radio-box input[type='radio']").last  # protective equipment
    radio.focus()
    page.keyboard.press("Space")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.widget-html-content')].some("
        "e => e.textContent.includes('control: 5. Protective equipment'))", timeout=TIMEOUT_MS)
    assert page.locator(".widget-html-content", has_text="before)").count() >= 1  # the matrix marks the move
    assert errors == [] and more == []
    page.close()
