"""Unit tests of module m06's domain functions (asm_course.ohs) and its risk-matrix app."""

from __future__ import annotations

import pandas as pd
import pytest

from asm_course import ohs
from asm_course.data import load
from asm_course.widgets import m06 as apps

pytestmark = pytest.mark.unit


def tiny_hours() -> pd.DataFrame:
    return pd.DataFrame({"site_id": ["S1", "S1", "S2", "S2"], "iso3": ["AAA"] * 4,
                         "sex": ["female", "male", "female", "male"],
                         "workers": [10, 40, 5, 45], "hours_worked": [10_000, 90_000, 20_000, 380_000]})


def tiny_incidents() -> pd.DataFrame:
    return pd.DataFrame({
        "incident_id": [f"I{i}" for i in range(6)], "site_id": ["S1", "S1", "S1", "S2", "S2", "S2"],
        "severity": ["fatal", "lost_time", "near_miss", "lost_time", "medical", "lost_time"],
        "sex": ["male", "female", "male", "male", "female", "female"],
        "reported_to": ["both", "health_post", "association", "both", "health_post", "association"]})


def tiny_tasks() -> pd.DataFrame:
    return pd.DataFrame({"task_id": ["A", "B", "C", "D"], "task": ["dig", "burn", "carry", "pan"],
                         "hazard": ["collapse", "vapour", "strain", "water"],
                         "likelihood": [3, 5, 4, 2], "severity": [5, 3, 2, 2],
                         "women_share_pct": [0.0, 40.0, 20.0, 60.0]})


# --- rates ----------------------------------------------------------------------------

def test_rates_use_hours_or_workers_as_asked_and_refuse_an_empty_denominator():
    assert ohs.rate(2, 500_000, ohs.PER_HOURS) == 4
    assert ohs.rate(1, 50, ohs.PER_WORKERS) == 2000
    with pytest.raises(ValueError, match="denominator must be above zero"):
        ohs.rate(1, 0, ohs.PER_HOURS)
    with pytest.raises(ValueError, match="zero or more"):
        ohs.rate(-1, 10, ohs.PER_HOURS)


def test_incident_rates_by_site_and_by_sex_count_only_serious_incidents():
    by_site = ohs.incident_rates(tiny_incidents(), tiny_hours())
    assert by_site["incidents"].tolist() == [2, 2]
    assert by_site.at["S1", "per_million_hours"] == 20 and by_site.at["S2", "per_100k_workers"] == 4000
    assert by_site["too_few"].all() and ohs.comparable(by_site) == []
    by_sex = ohs.incident_rates(tiny_incidents(), tiny_hours(), by="sex")
    assert by_sex.at["female", "per_million_hours"] == pytest.approx(2 / 30_000 * 1e6)
    assert by_sex.at["female", "per_100k_workers"] == pytest.approx(2 / 15 * 1e5)
    assert ohs.incident_rates(tiny_incidents(), tiny_hours(), by="iso3")["incidents"].tolist() == [4]
    with pytest.raises(ValueError, match="by='region'"):
        ohs.incident_rates(tiny_incidents(), tiny_hours(), by="region")
    with pytest.raises(ValueError, match="unknown value"):
        ohs.serious(tiny_incidents(), ["deadly"])


def test_a_zero_count_still_has_an_upper_bound_and_one_incident_moves_a_small_rate_a_lot():
    assert ohs.zero_upper_bound(160_000) == pytest.approx(18.75)
    assert ohs.one_incident_step(100_000) == 10 and ohs.one_incident_step(50, ohs.PER_WORKERS) == 2000


# --- under-reporting -------------------------------------------------------------------

def test_lincoln_petersen_and_its_refusals():
    assert ohs.lincoln_petersen(40, 25, 10) == 100
    with pytest.raises(ValueError, match="above zero"):
        ohs.lincoln_petersen(5, 5, 0)
    with pytest.raises(ValueError, match="cannot be larger"):
        ohs.lincoln_petersen(3, 5, 4)


def test_list_counts_and_under_reporting_on_the_two_lists():
    counts = ohs.list_counts(tiny_incidents())
    assert counts == {"n1": 4, "n2": 4, "m": 2, "recorded": 6}
    estimate = ohs.under_reporting(tiny_incidents())
    assert estimate["estimated"] == 8 and estimate["missing"] == 2 and estimate["missing_pct"] == 25
    with pytest.raises(ValueError, match="reported_to"):
        ohs.list_counts(tiny_incidents().replace({"reported_to": {"both": "clinic"}}))


# --- risk matrix -------------------------------------------------------------------------

def test_bands_and_ranking_with_severity_breaking_ties():
    assert [ohs.band(s) for s in (1, 4, 5, 9, 10, 16, 20, 25)] == ["low", "low", "medium", "medium", "high", "high",
                                                                    "very_high", "very_high"]
    with pytest.raises(ValueError, match="between 1 and 25"):
        ohs.band(0)
    assert ohs.top_tasks(tiny_tasks(), 3) == ["A", "B", "C"]  # A and B both score 15; A is more severe
    with pytest.raises(ValueError, match="likelihood must be between 1 and 5; check task"):
        ohs.risk_table(tiny_tasks().assign(likelihood=[0, 1, 1, 1]))


def test_controls_move_scores_down_the_hierarchy_and_stay_on_the_scale():
    assert ohs.apply_control(5, 3, "elimination") == (1, 1)
    assert ohs.apply_control(5, 3, "engineering") == (3, 3)
    assert ohs.apply_control(5, 3, "ppe") == (5, 2)
    assert ohs.apply_control(1, 1, "substitution") == (1, 1)
    with pytest.raises(ValueError, match="not one of"):
        ohs.apply_control(3, 3, "prayer")
    table = ohs.with_controls(tiny_tasks(), {"B": "engineering"}).set_index("task_id")
    assert table.at["B", "risk"] == 9 and table.at["B", "control"] == "engineering"
    assert table.at["A", "control"] == "none"
    with pytest.raises(ValueError, match="unknown task"):
        ohs.with_controls(tiny_tasks(), {"Z": "ppe"})


def test_protective_equipment_alone_leaves_the_worst_tasks_high():
    assert ohs.still_high_with(tiny_tasks(), ["A", "B"], "ppe") == ["A", "B"]
    assert ohs.still_high_with(tiny_tasks(), ["A", "B"], "engineering") == []
    assert ohs.women_share_of_top(tiny_tasks(), 2) == 20


# --- the app --------------------------------------------------------------------------------

def test_risk_matrix_app_moves_the_chosen_task_and_remembers_each_control():
    app = apps.RiskMatrixApp(tiny_tasks())
    assert app.task.value == "A" and app.control.value == "none"
    assert "risk <b>15 (high)" in app.summary.value
    assert "<u><b>A</b></u>" in app.matrix.value and "before" not in app.matrix.value
    app.control.value = "engineering"
    assert app.controls == {"A": "engineering"}
    assert "(A before)" in app.matrix.value  # the matrix shows where the task came from
    assert app.table.set_index("task_id").at["A", "risk"] == 5
    assert app.table["task_id"].iloc[0] == "B"  # B is now the highest risk
    app.task.value = "B"
    assert app.control.value == "none"  # B has no control yet
    app.control.value = "ppe"
    assert app.table.set_index("task_id").at["B", "risk"] == 10 and "high" in app.summary.value
    app.task.value = "A"
    assert app.control.value == "engineering"
    app.control.value = "none"
    assert app.controls == {"B": "ppe"}


def test_matrix_chart_has_title_labels_and_a_text_alternative():
    table = ohs.risk_table(tiny_tasks())
    ax = apps.matrix_chart(table, "Risk matrix")
    assert ax.get_title() == "Risk matrix" and "Severity" in ax.get_xlabel() and "Likelihood" in ax.get_ylabel()
    assert any(text.get_text() == "A" for text in ax.texts)
    alt = apps.matrix_text(table, "Risk matrix")
    assert "A: likelihood 3, severity 5, risk 15 (high)" in alt


def test_app_controls_are_described_and_reachable_by_keyboard():
    app = apps.RiskMatrixApp(tiny_tasks())
    assert app.task.description and app.control.description
    assert len(app.control.options) == len(ohs.CONTROLS) + 1


def test_on_the_course_data_the_estimate_is_never_below_what_was_recorded():
    incidents = load("incidents")
    for subset in (incidents, ohs.serious(incidents)):
        estimate = ohs.under_reporting(subset)
        assert estimate["estimated"] >= estimate["recorded"] == len(subset)
    rates = ohs.incident_rates(incidents, load("hours_worked"))
    assert rates["incidents"].sum() == len(ohs.serious(incidents))
    assert set(ohs.comparable(rates)) == set(rates.index[rates["incidents"] >= ohs.MIN_INCIDENTS])


def test_matrix_html_puts_every_task_in_its_cell_with_score_and_band_in_words():
    html = apps.matrix_html(ohs.risk_table(tiny_tasks()), "Risk matrix", task_id="B", before=(5, 5))
    assert html.count("<td style='background") == 25 and "Risk matrix" in html
    assert "15 · high" in html and "25 · very high" in html and "1 · low" in html
    assert "<u><b>B</b></u>" in html and "(B before)" in html
