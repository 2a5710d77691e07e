"""What the browser tests share: headless Debian Chromium through Playwright (never a
downloaded browser), `asm-course lab` on 127.0.0.1 for a test module (the fixtures ``browser``
and ``lab``, offered to every test module by conftest.py), opening a notebook in a fresh
workspace, and Run All that waits until the run has really finished.

Without Chromium the tests that use the ``browser`` fixture skip with a reason, except under
CI (CI=true), where they fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from asm_course.lab import free_port

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"]
TIMEOUT_MS = 240_000  # generous: a cold JupyterLab on a busy 2-core machine


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def lab(tmp_path_factory) -> Iterator[dict]:
    """`asm-course lab` on an empty work folder (it copies the course in) on 127.0.0.1."""
    work = tmp_path_factory.mktemp("lab-work")
    port = free_port(9100)
    env = dict(os.environ, ASM_COURSE_ANSWERS_DIR="")  # answers go beside each notebook
    env.pop("ASM_COURSE_ANSWERS_DIR")
    process = subprocess.Popen(
        [sys.executable, "-m", "asm_course.cli", "lab", "--dir", str(work), "--port", str(port), "--no-browser"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    url = None
    lines = []
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and url is None:
        line = process.stdout.readline()
        lines.append(line)
        match = re.search(r"(http://127\.0\.0\.1:\d+/lab/tree/\S+\?token=(\w+))", line)
        if match:
            url, token = match[1], match[2]
    assert url, "asm-course lab printed no address:\n" + "".join(lines)
    base = f"http://127.0.0.1:{port}"
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    try:
        yield {"base": base, "token": token, "url": url, "work": work}
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


def shut_down_kernels(lab: dict) -> int:
    """Shut down every kernel the lab runs (closing a tab leaves its kernel running: twenty
    notebooks opened one after the other would otherwise keep twenty kernels busy on two cores).
    Returns how many were shut down."""
    def call(path: str, method: str = "GET") -> bytes:
        request = urllib.request.Request(f"{lab['base']}{path}?token={lab['token']}", method=method)
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read()

    sessions = json.loads(call("/api/sessions"))
    for session in sessions:
        call(f"/api/sessions/{session['id']}", "DELETE")
    return len(sessions)


def open_notebook(browser, lab: dict, path: str):
    """Open ``path`` in a fresh workspace, on a lab with no other kernel running."""
    shut_down_kernels(lab)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    workspace = re.sub(r"\W", "-", path)  # a fresh workspace: no tab restored from another test
    page.goto(f"{lab['base']}/lab/workspaces/{workspace}/tree/{path}?token={lab['token']}&reset",
              timeout=TIMEOUT_MS)
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=TIMEOUT_MS)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=TIMEOUT_MS)
    return page, errors


WATCH_KERNEL = """() => {
  const indicator = document.querySelector('.jp-Notebook-ExecutionIndicator');
  window.__kernelWasBusy = false;
  new MutationObserver(() => { if (indicator.dataset.status === 'busy') window.__kernelWasBusy = true; })
    .observe(indicator, {attributes: true});
}"""
RUN_FINISHED = """() => window.__kernelWasBusy
  && document.querySelector('.jp-Notebook-ExecutionIndicator').dataset.status === 'idle'
  && [...document.querySelectorAll('.jp-InputArea-prompt')].every(p => !p.textContent.includes('*'))"""


NOT_RUN = """() => [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
  .filter(p => p.textContent.trim() === '[ ]:').length"""


def run_all(page, menu: tuple[str, str] = ("Run", "Run All Cells")) -> None:
    """Run > Run All Cells, then wait until the kernel has been busy and is idle again
    (stored execution counts cannot tell a finished run from one not started yet).

    A menu click made while JupyterLab is still settling can be lost, as a person's can, and a
    run can be cut short while the notebook's kernel is still connecting (the cells after the
    first are left as "[ ]"). Then the command is given again, at most three times in all.
    ``menu`` names the menu and its item in the interface's language."""
    for _attempt in range(3):
        page.evaluate(WATCH_KERNEL)
        page.get_by_role("menuitem", name=menu[0], exact=True).click()
        page.get_by_role("menuitem", name=menu[1], exact=True).click()
        try:
            page.wait_for_function("() => window.__kernelWasBusy", timeout=30_000)
        except PlaywrightTimeout:
            continue
        page.wait_for_function(RUN_FINISHED, timeout=TIMEOUT_MS)
        if page.evaluate(NOT_RUN) == 0:
            return
    raise AssertionError(f"Run All left {page.evaluate(NOT_RUN)} code cells unexecuted, three times")


def summary_text(page, words: str) -> str:
    """The text of the app summary that holds ``words``, once it is shown."""
    summary = page.locator(".widget-html-content", has_text=words).last
    summary.wait_for(timeout=TIMEOUT_MS)
    return summary.text_content()


def changed_summary(page, words: str, before: str) -> str:
    """Wait until the widget text holding ``words`` differs from ``before``; its new text."""
    page.wait_for_function(
        "([words, old]) => [...document.querySelectorAll('.widget-html-content')].some("
        "e => e.textContent.includes(words) && e.textContent !== old)", arg=[words, before], timeout=TIMEOUT_MS)
    return page.locator(".widget-html-content", has_text=words).last.text_content()
