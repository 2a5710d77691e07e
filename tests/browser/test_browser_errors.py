"""Plain-language errors in a real browser: `asm-course lab` on 127.0.0.1 and headless Debian
Chromium (Playwright with executable_path), as a participant sees them.

A misspelt name in an exercise notebook (set up by ``setup_notebook``) and text added to a
number in a teaching notebook (``%load_ext asm_course.session``) show the plain message;
Python's traceback is in a collapsed section that opens with one click; no raw error output.
The JupyterLab and browser fixtures are those of browser_support.py (through conftest.py).
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import nbformat
import pytest
from browser_support import TIMEOUT_MS, open_notebook, run_all
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = [pytest.mark.browser, pytest.mark.slow]


REPO = Path(__file__).resolve().parents[2]


def new_notebook(lab: dict, path: str, *cells: str) -> None:
    """A notebook of code cells in the lab's folder, with its kernel already started through
    the server's sessions API: JupyterLab then attaches to that kernel instead of asking
    which one to start (its kernel chooser pops up now and then for a new file)."""
    model = nbformat.read(REPO / "course/en/m00_getting_started.ipynb", as_version=4)
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    notebook.metadata.update(kernelspec=model.metadata.kernelspec, language_info=model.metadata.language_info)
    nbformat.write(notebook, lab["work"] / path)
    body = json.dumps({"path": path, "name": Path(path).name, "type": "notebook", "kernel": {"name": "python3"}})
    request = urllib.request.Request(f"{lab['base']}/api/sessions?token={lab['token']}", data=body.encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=120) as response:
        assert response.status == 201


EVERY_CELL_RAN = """() => [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
  .every(p => /\\[\\d+\\]/.test(p.textContent))"""


def run_every_cell(page) -> None:
    """Run All Cells and wait until every cell shows its execution number. The kernel may
    also be busy for reasons of its own (start-up, widgets), which test_browser's run_all
    takes for the run itself; a Run All lost that way is given once more."""
    for attempt in range(2):
        try:
            run_all(page)
        except PlaywrightTimeout as timeout:
            dialogs = [d.inner_text() for d in page.locator(".jp-Dialog").all()]
            raise AssertionError(f"Run All did not go through; dialogs open: {dialogs}") from timeout
        try:
            page.wait_for_function(EVERY_CELL_RAN, timeout=60_000)
            return
        except PlaywrightTimeout:
            if attempt:
                raise


def shown_error(page):
    """The plain message of the failed cell, once it is rendered."""
    error = page.locator(".jp-OutputArea-output .asm-friendly-error")
    error.wait_for(timeout=TIMEOUT_MS)
    return error


def assert_traceback_one_click_away(page, error, words: str) -> None:
    full = error.locator("details pre")
    assert not full.is_visible(), "the full traceback should start collapsed"
    error.locator("details summary").click()
    full.wait_for(state="visible", timeout=10_000)
    assert words in full.text_content()
    assert page.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.error']").count() == 0
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0


def test_a_misspelt_name_shows_the_plain_message(browser, lab):
    folder = "exercises/en/m00_getting_started"
    new_notebook(lab, f"{folder}/typo_check.ipynb",
                   "from asm_course.checks import m00, setup_notebook\nsetup_notebook('m00')\nperu_gold_t = 27.7",
                   "peru_gold_t * 2\nperu_gold * 2")
    page, errors = open_notebook(browser, lab, f"{folder}/typo_check.ipynb")
    run_every_cell(page)
    error = shown_error(page)
    text = error.inner_text()
    assert "Python does not know this name" in text
    assert "Did you mean peru_gold_t?" in text
    assert "line 2: peru_gold * 2" in text
    assert "NameError" not in text  # jargon only inside the collapsed part
    assert_traceback_one_click_away(page, error, "NameError: name 'peru_gold' is not defined")
    assert errors == []
    page.close()


def test_a_teaching_notebook_gets_the_same_messages_from_the_extension(browser, lab):
    new_notebook(lab, "course/en/typo_check.ipynb",
                   "%load_ext asm_course.session",
                   'price = "1250"\nvalue = price * 2 + 4')
    page, errors = open_notebook(browser, lab, "course/en/typo_check.ipynb")
    run_every_cell(page)
    error = shown_error(page)
    assert "Text and a number are combined with +" in error.inner_text()
    assert_traceback_one_click_away(page, error, "TypeError")
    assert errors == []
    page.close()
