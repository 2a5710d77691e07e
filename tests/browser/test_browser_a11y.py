"""Accessible widgets in a real browser: `asm-course lab` on 127.0.0.1 and headless Debian
Chromium (Playwright with executable_path), at a 1366 px wide screen.

- keyboard only (Tab, arrows, Space) changes the result of an option app (m00's estimates
  explorer: Tab to the next country, Space) and of a slider app (m00's gold value: Tab to the
  price slider, arrow keys), starting from a click on the text above the app;
- the control with the keyboard focus has a visible outline (computed style);
- every slider track of every course notebook is at least 200 px wide;
- a course notebook never run in this session shows its widgets at once (stored widget
  state in a notebook the lab trusts), not ``VBox(children=…`` text, with its charts as
  images that carry alt text.

The fixtures (``lab``, ``browser``) and helpers are those of browser_support.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from browser_support import TIMEOUT_MS, changed_summary, open_notebook, run_all, summary_text

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
TEACHING = sorted(p.name for p in (REPO / "course" / "en").glob("m[0-9][0-9]_*.ipynb"))


def _slider_models(name: str) -> int:
    notebook = json.loads((REPO / "course" / "en" / name).read_text(encoding="utf-8"))
    state = notebook["metadata"].get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    return sum(m["model_name"] in ("FloatSliderModel", "IntSliderModel") for m in state.get("state", {}).values())


# the lessons whose stored widgets include a slider (m06 and m07 have none: their controls are choices)
WITH_SLIDERS = [name for name in TEACHING if _slider_models(name)]

WIDTH, HEIGHT = 1366, 900

ACTIVE = """() => { const e = document.activeElement;
  return {tag: e.tagName, cls: String(e.className || ''), title: e.title || '', text: (e.textContent || '').trim()}; }"""
OUTLINE = """() => { const s = getComputedStyle(document.activeElement);
  return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), colour: s.outlineColor}; }"""


def open_at_1366(browser, lab: dict, name: str):
    page, errors = open_notebook(browser, lab, f"course/en/{name}")
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    return page, errors


def tab_until(page, wanted, presses: int = 25) -> dict:
    """Press Tab until the focused element satisfies ``wanted``; the element, else a failure."""
    seen = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if wanted(active):
            return active
        seen.append(f"{active['tag']}.{active['cls'][:30]} {active['title'][:30]}")
    raise AssertionError("Tab never reached the control; focus went through:\n" + "\n".join(seen))


def assert_visible_outline(page) -> None:
    outline = page.evaluate(OUTLINE)
    assert outline["style"] == "solid" and outline["width"] >= 3, outline
    assert outline["colour"] == "rgb(0, 114, 178)", outline


def test_keyboard_alone_changes_an_option_app_and_a_slider_app_with_a_visible_focus(browser, lab):
    page, errors = open_at_1366(browser, lab, "m00_getting_started.ipynb")
    run_all(page)

    # the option app: from the text above it, Tab to the first country, Tab to the next, Space
    before = summary_text(page, "published estimate(s)")
    assert before.startswith("Bolivia (BOL)")
    page.locator(".jp-MarkdownCell", has_text="Explore every estimate of a country").locator(
        ".jp-RenderedMarkdown").click()
    first = tab_until(page, lambda a: a["title"].startswith("Country: "))
    assert first["title"] == "Country: Bolivia (BOL)" and "widget-toggle-button" in first["cls"]
    assert_visible_outline(page)
    page.keyboard.press("Tab")
    assert page.evaluate(ACTIVE)["title"] == "Country: Brazil (BRA)"
    page.keyboard.press("Space")
    after = changed_summary(page, "published estimate(s)", before)
    assert after.startswith("Brazil (BRA)")

    # the slider app: from the text above it, Tab to the price slider, arrow keys
    summary = page.locator(".widget-html-content", has_text="is worth about").last
    before = summary.text_content()
    assert "USD 1,113 million" in before
    page.locator(".jp-MarkdownCell", has_text="The result shown in the app is also available to code").locator(".jp-RenderedMarkdown").click()
    page.keyboard.press("Shift+Tab")   # back into the app above this text
    handles = 0
    while page.evaluate(ACTIVE)["cls"].find("noUi-handle") < 0 and handles < 10:
        page.keyboard.press("Shift+Tab")
        handles += 1
    assert "noUi-handle" in page.evaluate(ACTIVE)["cls"], "Shift+Tab never reached a slider"
    assert_visible_outline(page)
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    after = changed_summary(page, "is worth about", before)
    assert "USD 1,113 million" not in after
    assert errors == []
    page.close()


@pytest.mark.parametrize("name", WITH_SLIDERS)
def test_every_slider_track_is_at_least_200_px_wide_at_1366_px(browser, lab, name):
    """Measured on the stored (static) widgets, so no notebook has to run for it."""
    expected = _slider_models(name)
    page, errors = open_at_1366(browser, lab, name)
    page.locator(".jp-OutputArea-output .jupyter-widgets").first.wait_for(timeout=TIMEOUT_MS)
    tracks = page.locator(".widget-slider .noUi-target")
    page.wait_for_function(f"() => document.querySelectorAll('.widget-slider .noUi-target').length >= {expected}",
                           timeout=TIMEOUT_MS)
    widths = {}
    for i in range(tracks.count()):
        track = tracks.nth(i)
        track.scroll_into_view_if_needed()
        label = track.locator("xpath=ancestor::div[contains(@class, 'widget-slider')][1]/label").text_content()
        widths[label] = track.bounding_box()["width"]
    assert len(widths) >= 1 and tracks.count() == expected
    narrow = {label: width for label, width in widths.items() if width < 200}
    assert not narrow, f"slider tracks narrower than 200 px: {narrow}"
    print(name, {label: round(width) for label, width in widths.items()})   # the report lists them
    assert errors == []
    page.close()


def test_a_course_notebook_never_run_shows_its_widgets_and_their_alt_text(browser, lab):
    page, errors = open_at_1366(browser, lab, "m01_what_is_asm.ipynb")   # not run in this session
    page.locator(".jp-OutputArea-output .widget-toggle-buttons").first.wait_for(timeout=TIMEOUT_MS)
    assert page.locator(".jp-OutputArea-output .jupyter-widgets").count() >= 3
    assert page.get_by_text(re.compile(r"^(VBox|ToggleButtons|FloatSlider)\(")).count() == 0
    assert page.locator(".widget-toggle-button", has_text="Peru (PER)").count() >= 1
    chart = page.locator(".jp-OutputArea-output .widget-html img[alt]").first
    chart.wait_for(timeout=TIMEOUT_MS)
    assert len(chart.get_attribute("alt")) > 40
    assert page.locator(".jp-OutputArea-output .asm-table").count() >= 3   # the tables for people
    assert errors == []
    page.close()
