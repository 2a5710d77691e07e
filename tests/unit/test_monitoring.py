"""Unit tests of m09: monitoring functions, the progress tracker and the plan form (callbacks by .value)."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from asm_course import answers, layout, monitoring
from asm_course.data import load
from asm_course.plan import FORM_ID, ReturnToWorkPlan
from asm_course.widgets import base
from asm_course.widgets import m09 as apps


def row(**values) -> pd.Series:
    base = dict(indicator_id="X", iso3="BOL", indicator="Mercury", unit="t/yr", baseline=120.0, baseline_year=2021,
                target=60.0, target_year=2030, latest=106.2, latest_year=2025, source="s", owner="o", frequency="f")
    base.update(values)
    return pd.Series(base)


def test_missing_fields_names_each_gap_and_reads_empty_text_and_na():
    table = pd.DataFrame([row(), row(indicator_id="Y", owner="", frequency=pd.NA), row(indicator_id="Z", baseline=math.nan)])
    assert monitoring.missing_fields(table).to_dict() == {"X": [], "Y": ["owner", "frequency"], "Z": ["baseline"]}
    assert monitoring.incomplete_rows(table) == ["Y", "Z"]
    with pytest.raises(ValueError, match="owner"):
        monitoring.missing_fields(table.drop(columns="owner"))


def test_the_linear_path_and_shares_work_for_falling_and_rising_targets():
    assert monitoring.path_value(120, 2021, 60, 2030, 2025) == pytest.approx(120 - 60 * 4 / 9)
    assert monitoring.expected_share(2021, 2030, 2021) == 0 and monitoring.expected_share(2021, 2030, 2030) == 1
    assert monitoring.share_achieved(120, 60, 90) == pytest.approx(0.5)      # mercury halfway down
    assert monitoring.share_achieved(100, 200, 150) == pytest.approx(0.5)    # records halfway up
    assert monitoring.share_achieved(100, 200, 90) < 0                       # going the wrong way


def test_rag_thresholds_are_the_stated_ones():
    assert monitoring.rag_status(0, 100, 45, 0.5) == "green"     # 0.9 of the expected progress
    assert monitoring.rag_status(0, 100, 40, 0.5) == "amber"     # 0.8
    assert monitoring.rag_status(0, 100, 30, 0.5) == "red"       # 0.6
    assert monitoring.rag_status(120, 60, 106.2, 4 / 9) == "red"
    assert monitoring.rag_status(0, 100, 0, 0) == "green"        # nothing expected yet, nothing lost
    assert monitoring.rag_status(0, 100, -5, 0) == "red"


def test_bad_input_gives_a_clear_message():
    with pytest.raises(ValueError, match="target_year"):
        monitoring.expected_share(2030, 2021, 2025)
    with pytest.raises(ValueError, match="baseline"):
        monitoring.share_achieved(math.nan, 60, 100)
    with pytest.raises(ValueError, match="equals baseline"):
        monitoring.share_achieved(51.4, 51.4, 51.4)
    with pytest.raises(ValueError, match="negative"):
        monitoring.horizon(-3)


def test_progress_gap_is_signed_so_that_positive_means_behind():
    falling = monitoring.progress(row())
    assert falling["gap"] == pytest.approx(106.2 - falling["path_value"]) and falling["behind"] > 0
    rising = monitoring.progress(row(baseline=100.0, target=200.0, latest=110.0, baseline_year=2020,
                                     target_year=2030, latest_year=2025))
    assert rising["gap"] == pytest.approx(-40) and rising["behind"] == pytest.approx(40)
    assert rising["status"] == "red"


def test_progress_table_skips_rows_that_cannot_be_tracked():
    table = monitoring.progress_table(load("indicators"))
    indicators = load("indicators").set_index("indicator_id")
    skipped = set(indicators.index) - set(table.index)
    for i in skipped:
        r = indicators.loc[i]
        assert pd.isna(r["baseline"]) or pd.isna(r["target"]) or r["baseline"] == r["target"]
    assert {"IND-06", "IND-09"} <= skipped  # no baseline; no target
    assert set(table["status"]) <= set(monitoring.RAG)


def test_horizons_of_the_milestones():
    assert [monitoring.horizon(d) for d in (0, 30, 31, 90, 150, 365, 400)] == ["30", "30", "90", "90", "180", "365", "later"]


def test_tracker_follows_indicator_and_year():
    tracker = apps.ProgressTracker(load("indicators"))
    tracker.indicator.value = "IND-04"
    assert tracker.year.value == 2025 and tracker.result["status"] == "red"
    assert "Status:" in tracker.summary.value and "90%" in tracker.summary.value
    tracker.year.value = 2018                      # at the baseline year nothing is expected yet
    assert tracker.result["expected"] == 0 and tracker.result["status"] == "green"
    tracker.indicator.value = "IND-01"             # a new indicator brings its own years
    assert (tracker.year.min, tracker.year.max, tracker.year.value) == (2024, 2030, 2025)
    assert tracker.year.layout.width == base.CONTROL_WIDTH and tracker.indicator.description


@pytest.fixture
def folder(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv(layout.ANSWERS_DIR.name, str(tmp_path))
    return tmp_path


def test_plan_form_saves_every_change_and_restores_it(folder: Path):
    form = apps.PlanForm({"BOL": "Bolivia", "HND": "Honduras"})
    form.country.value = "BOL"
    form.lead.value = "Ministry of Mining"
    form.figures.value = ("BOL-HG-2021", "BOL-all")
    indicator = form.indicators[0]
    indicator["name"].value = "Mercury released"
    indicator["baseline_figure"].value = "BOL-HG-2021"      # fills in the value, the year and the unit
    assert (indicator["baseline"].value, indicator["baseline_year"].value, indicator["unit"].value) == ("120", "2021", "t/yr")
    form.actions[0]["text"].value = "Map whole-ore amalgamation"
    form.actions[0]["end"].value = "2031-01-01"
    stored = answers.read_answer(FORM_ID, folder)
    plan = ReturnToWorkPlan.from_dict(stored)
    assert plan.lead_agency == "Ministry of Mining" and [f.figure_id for f in plan.baseline] == ["BOL-HG-2021", "BOL-all"]
    assert plan.baseline[0].source and plan.indicators[0].baseline == 120 and len(plan.actions) == 1
    assert "Saved" in form.saved.value and "no owner" in form.gaps.value and "12 months" in form.gaps.value
    again = apps.PlanForm({"BOL": "Bolivia", "HND": "Honduras"})       # the notebook reopened
    assert again.country.value == "BOL" and again.figures.value == ("BOL-HG-2021", "BOL-all")
    assert again.indicators[0]["baseline_figure"].value == "BOL-HG-2021"
    assert again.actions[0]["end"].value == "2031-01-01" and again.current() == plan


def test_plan_form_exports_with_the_module_notes(folder: Path):
    answers.save_answer("m02.plan1", "The mining ministry leads.", folder)
    form = apps.PlanForm({"BOL": "Bolivia"})
    form.country.value = "BOL"
    paths = form.export()
    assert sorted(p.suffix for p in paths.values()) == [".docx", ".html", ".md"]
    assert all(p.parent == folder for p in paths.values())
    assert "The mining ministry leads." in paths["md"].read_text(encoding="utf-8")
    assert "return_to_work_plan_BOL_en.docx" in form.export_status.value


def test_every_form_control_has_a_description(folder: Path):
    form = apps.PlanForm({"BOL": "Bolivia"})
    assert all(c.description for c in form._controls())


def test_plan_form_shows_one_panel_per_section(folder: Path):
    form = apps.PlanForm({"BOL": "Bolivia"})
    assert len(form.sections.children) == 8 and form.sections.selected_index == 0
    assert form.sections.titles[1] == "2. Baseline figures"
