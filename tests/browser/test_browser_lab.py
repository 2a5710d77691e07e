"""The lab a participant gets from `asm-course lab`, seen in a real browser (headless Debian
Chromium through Playwright): no news pop-up and none of nbgrader's authoring tools, which
the trainer's lab keeps; with `--lang es`, JupyterLab's own menus in Spanish.

A bare JupyterLab started by the test is the control that shows the news pop-up exists, so
its absence in the participant's lab means something.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator

import pytest
from browser_support import TIMEOUT_MS, changed_summary, open_notebook, run_all, summary_text
from test_lab import LabRun, start_lab, stop_and_check_nothing_is_left

from asm_course import layout
from asm_course.authoring import REPO
from asm_course.lab_config import free_port
from asm_course.lab_server import wait_until_serving

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NEWS = "Would you like to get notified about official Jupyter news?"


@pytest.fixture(scope="module")
def participant_lab(tmp_path_factory) -> Iterator[LabRun]:
    run = start_lab("--dir", str(tmp_path_factory.mktemp("participant")), "--lang", "en")
    yield run
    stop_and_check_nothing_is_left(run, signal.SIGTERM)


@pytest.fixture(scope="module")
def trainer_lab(tmp_path_factory) -> Iterator[LabRun]:
    run = start_lab("--trainer", "--dir", str(tmp_path_factory.mktemp("trainer")), "--lang", "en")
    yield run
    stop_and_check_nothing_is_left(run, signal.SIGTERM)


@pytest.fixture(scope="module")
def spanish_lab(tmp_path_factory) -> Iterator[LabRun]:
    run = start_lab("--dir", str(tmp_path_factory.mktemp("spanish")), "--lang", "es")
    yield run
    stop_and_check_nothing_is_left(run, signal.SIGTERM)


def open_start_page(browser, url: str):  # noqa: F811
    """The printed address, opened as a person would; waits until the notebook is ready."""
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(url, timeout=TIMEOUT_MS)
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=TIMEOUT_MS)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=TIMEOUT_MS)
    return page


def menu_labels(page) -> list[str]:
    return [label.strip() for label in page.locator(".lm-MenuBar-itemLabel").all_text_contents()]


def nbgrader_tools(page) -> dict[str, int]:
    """How many of nbgrader's authoring tools the page shows."""
    return {
        "Nbgrader menu": menu_labels(page).count("Nbgrader"),
        "Validate button": page.locator(".jp-NotebookPanel-toolbar .validate-button").count(),
        "Create Assignment sidebar": page.locator(".jp-SideBar [title*='Create Assignment']").count()
        + page.locator("#nbgrader-create_assignemnt").count(),
    }


def test_the_participant_lab_has_no_news_pop_up_and_no_nbgrader_tools(browser, participant_lab):  # noqa: F811
    page = open_start_page(browser, participant_lab.url)
    assert "File" in menu_labels(page)
    assert nbgrader_tools(page) == {"Nbgrader menu": 0, "Validate button": 0, "Create Assignment sidebar": 0}
    assert page.get_by_text(NEWS).count() == 0
    page.locator(".jp-BreadCrumbs-home").first.click()  # the top of the file browser
    page.locator(".jp-DirListing-item[title^='Name: exercises']").wait_for(timeout=TIMEOUT_MS)
    listed = {name.strip() for name in page.locator(".jp-DirListing-itemName").all_text_contents()}
    assert listed == {"course", "exercises"}
    page.close()


def test_the_trainer_lab_keeps_nbgrader_tools(browser, trainer_lab):  # noqa: F811
    page = open_start_page(browser, trainer_lab.url)
    page.locator(".jp-NotebookPanel-toolbar .validate-button").first.wait_for(timeout=TIMEOUT_MS)
    tools = nbgrader_tools(page)
    assert tools["Nbgrader menu"] == 1 and tools["Validate button"] >= 1 and tools["Create Assignment sidebar"] >= 1
    assert page.get_by_text(NEWS).count() == 0
    page.close()


@pytest.fixture(scope="module")
def bare_lab(tmp_path_factory) -> Iterator[str]:
    """JupyterLab as installed, without asm-course's configuration (the control)."""
    home = tmp_path_factory.mktemp("bare")
    (home / layout.start_page("en")).parent.mkdir(parents=True)
    (home / layout.start_page("en")).write_text((REPO / layout.start_page("en")).read_text())
    port, token = free_port(9600), "control"
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_RUNTIME_DIR=str(home / "runtime"))
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", f"--ServerApp.port={port}", "--ServerApp.ip=127.0.0.1",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={home}", "--allow-root",
         f"--LabApp.user_settings_dir={home / 'settings'}", f"--LabApp.workspaces_dir={home / 'workspaces'}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_until_serving(process, port), "the control JupyterLab did not start"
        yield f"http://127.0.0.1:{port}/lab/tree/{layout.start_page('en')}?token={token}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_control_a_bare_jupyterlab_shows_the_news_pop_up(browser, bare_lab):  # noqa: F811
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(bare_lab, timeout=TIMEOUT_MS)
    page.get_by_text(NEWS).wait_for(timeout=TIMEOUT_MS)
    page.close()


def test_with_lang_es_the_menus_are_in_spanish(browser, spanish_lab):  # noqa: F811
    spanish_pages = (REPO / layout.start_page("es")).is_file()
    expected = layout.start_page("es" if spanish_pages else "en")
    assert spanish_lab.url.endswith(f"/lab/tree/{expected}?token={spanish_lab.token}")
    printed = "".join(spanish_lab.lines)
    assert spanish_pages or "todavía no existe course/es/start_here.ipynb" in printed
    assert "El curso está abierto en JupyterLab." in printed
    page = open_start_page(browser, spanish_lab.url)
    labels = menu_labels(page)
    assert "Archivo" in labels and "Editar" in labels, labels
    assert "File" not in labels
    page.close()


def run_menu(page) -> tuple[str, str]:
    """The Run menu and its Run All item as this interface names them: the Spanish language pack
    (4.x) translates "Archivo", "Editar", "Ver", but leaves some labels, such as the Run menu's
    own title, in English."""
    menu = "Ejecutar" if "Ejecutar" in menu_labels(page) else "Run"
    page.get_by_role("menuitem", name=menu, exact=True).click()
    spanish = page.get_by_role("menuitem", name="Ejecutar todas las celdas", exact=True)
    item = "Ejecutar todas las celdas" if spanish.count() else "Run All Cells"
    page.keyboard.press("Escape")
    return menu, item


def test_a_spanish_module_runs_in_the_spanish_lab_and_speaks_spanish(browser, spanish_lab):  # noqa: F811
    """A participant of the Spanish lab runs the m00 lesson from its Spanish menu: the explorer
    answers a key press with Spanish words (and Spanish thousands), then a blank Spanish exercise
    notebook says "Sin intentar" under each question."""
    lab = {"base": f"http://127.0.0.1:{spanish_lab.port}", "token": spanish_lab.token}
    page, errors = open_notebook(browser, lab, "course/es/m00_getting_started.ipynb")
    assert {"Archivo", "Editar"} <= set(menu_labels(page))
    run_all(page, run_menu(page))
    before = summary_text(page, "valen aproximadamente")
    assert "USD 1\u00a0113 millones" in before, before
    page.locator(".widget-slider .noUi-handle").nth(1).focus()  # the price slider
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    assert changed_summary(page, "valen aproximadamente", before) != before
    assert errors == []
    page.close()

    page, errors = open_notebook(browser, lab, "exercises/es/m00_getting_started/m00_exercises.ipynb")
    run_all(page, run_menu(page))
    outputs = page.locator(".jp-OutputArea-output")
    outputs.filter(has_text="Sin intentar").first.wait_for(timeout=TIMEOUT_MS)
    assert outputs.filter(has_text="Not attempted").count() == 0
    assert errors == []
    page.close()
