"""Unit tests of the baseline functions of module m03 (triangulation, plausibility, trade
reconciliation, data gaps, remote sensing) and of its two widget apps, driven headless."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from asm_course import baseline, i18n, layout, plots
from asm_course.data import load
from asm_course.widgets import m03 as baseline_apps

pytestmark = pytest.mark.unit


@pytest.fixture(autouse=True)
def _english(monkeypatch, tmp_path):
    monkeypatch.setenv(layout.ANSWERS_DIR.name, str(tmp_path))
    i18n.set_language("en")
    yield
    i18n._current = None


def frame(rows: list[tuple]) -> pd.DataFrame:
    """A small estimates table: (estimate_id, iso3, scope, workers, low, high, year, source_label)."""
    columns = ["estimate_id", "iso3", "scope", "workers", "workers_low", "workers_high", "year", "source_label"]
    table = pd.DataFrame(rows, columns=columns)
    return table.astype({"workers": "Int64", "workers_low": "Int64", "workers_high": "Int64", "year": "Int64"})


TOY = frame([
    ("A1", "AAA", "all_asm", 100, None, None, 2020, "new"),
    ("A2", "AAA", "all_asm", None, 200, 400, 2014, "range, exactly 10 years"),
    ("A3", "AAA", "all_asm", 50, None, None, 2013, "old"),
    ("A4", "AAA", "gold", 80, None, None, None, "undated"),
    ("A5", "AAA", "registered", None, 30, None, 2019, "more than 30"),
    ("B1", "BBB", "all_asm", None, None, None, None, "nothing"),
])


# --- triangulation ------------------------------------------------------------------

def test_age_and_outdated_flag_are_strict_and_keep_undated_rows_unknown():
    assert baseline.source_age(TOY, 2024).tolist()[:3] == [4, 10, 11]
    flags = baseline.outdated(TOY, max_age=10, reference_year=2024)
    assert flags.tolist()[:3] == [False, False, True]  # 10 years old is not "older than 10"
    assert pd.isna(flags.iloc[3])


def test_select_estimates_filters_country_scope_and_age_and_drops_undated_under_an_age_limit():
    assert baseline.select_estimates(TOY, "aaa")["estimate_id"].tolist() == ["A1", "A2", "A3", "A4", "A5"]
    assert baseline.select_estimates(TOY, "AAA", ["all_asm"])["estimate_id"].tolist() == ["A1", "A2", "A3"]
    recent = baseline.select_estimates(TOY, "AAA", None, max_age=10, reference_year=2024)
    assert recent["estimate_id"].tolist() == ["A1", "A2", "A5"]


def test_triangulate_uses_central_values_and_skips_open_ended_figures():
    summary = baseline.triangulate(baseline.select_estimates(TOY, "AAA"))
    # central values: 100, 300 (middle of 200-400), 50, 80; "more than 30" has none
    assert summary["n"] == 4
    assert summary["median"] == pytest.approx(90)
    assert (summary["low"], summary["high"]) == (50, 400)
    assert summary["high_to_low"] == pytest.approx(8)
    assert (summary["oldest"], summary["newest"]) == (2013, 2020)
    empty = baseline.triangulate(baseline.select_estimates(TOY, "BBB"))
    assert empty["n"] == 0 and math.isnan(empty["median"])


def test_triangulation_table_leaves_out_data_gaps_and_sorts_by_median():
    table = baseline.triangulation_table(TOY, ["all_asm"], max_age=10, reference_year=2024)
    assert list(table.index) == ["AAA"]
    assert table.loc["AAA", "median"] == pytest.approx(200)  # 100 and 300
    assert table["n"].dtype.kind == "i"
    assert baseline.triangulation_table(TOY, ["no_such_scope"]).empty


def test_triangulation_on_the_course_data():
    estimates = load("workforce_estimates")
    recent = baseline.triangulation_table(estimates, ["all_asm"], 10, 2024)
    assert recent.loc["ECU", "median"] == 127_500  # IGF-18 (2018) and Hruschka (2020)
    assert recent.loc["BOL", "median"] == 219_900
    assert (recent.loc["COL", "low"], recent.loc["COL", "high"]) == (314_000, 2_000_000)
    assert {"GTM", "MEX"}.isdisjoint(recent.index)
    every = baseline.triangulation_table(estimates)
    assert every.loc["COL", "median"] == 328_500  # mixing scopes moves the median


def test_old_functions_keep_their_behaviour_next_to_the_new_ones():
    estimates = load("workforce_estimates")
    spread = baseline.spread_by_country(estimates)
    mixed = baseline.triangulation_table(estimates)
    assert spread["low"].to_dict() == mixed["low"].to_dict()
    assert spread["high"].to_dict() == mixed["high"].to_dict()


def test_scope_groups():
    assert baseline.scope_group("all_asm") == "all_asm"
    assert baseline.scope_group("gold") == "gold"
    assert baseline.scope_group("unspecified") == "unclear"
    assert baseline.scope_group("registered_barequeros") == "part"


# --- plausibility -------------------------------------------------------------------

def test_implied_workers_and_value_per_worker():
    assert baseline.implied_workers(900, 6000) == pytest.approx(150_000)
    assert baseline.implied_workers(0, 6000) == 0
    assert baseline.value_per_worker(900, 11_500) == pytest.approx(78_260.87, abs=0.01)
    with pytest.raises(ValueError):
        baseline.implied_workers(900, 0)
    with pytest.raises(ValueError):
        baseline.value_per_worker(900, 0)


def test_plausibility_table_on_ecuador():
    estimates = baseline.estimates_for(load("workforce_estimates"), "ECU")
    table = baseline.plausibility_table(estimates, 900, 6000).set_index("estimate_id")
    assert table.loc["ECU-01", "times_income"] == pytest.approx(900e6 / 11_500 / 6000)
    assert table.loc["ECU-02", "times_income"] == pytest.approx(1.0)
    assert not table.loc["ECU-02", "below_implied"]  # 150,000 is not below 150,000
    assert table["below_implied"].sum() == 6


def test_sector_values_are_the_published_money_figures():
    values = baseline.sector_values(load("gold_production"))
    assert set(values["figure_id"]) == {"ECU-2018-VALUE", "BOL-2018-COOPEXP", "BOL-2015-LAPAZ", "PER-2012-INF"}
    assert values.set_index("figure_id").loc["ECU-2018-VALUE", "value_usd_m"] == 900


# --- trade, gaps, remote sensing ----------------------------------------------------

def test_trade_gap_and_reconciliation_of_colombia():
    gap_t, gap_pct = baseline.trade_gap(58, 40.1)
    assert gap_t == pytest.approx(17.9) and gap_pct == pytest.approx(30.862, abs=1e-3)
    with pytest.raises(ValueError):
        baseline.trade_gap(0, 10)
    table = baseline.trade_reconciliation(load("gold_production"), "col")
    assert list(table.index) == [2016, 2017]
    assert table.loc[2017, "gap_pct_of_exports"] == pytest.approx(gap_pct)
    assert table.loc[2016, "gap_t"] == pytest.approx(48 - 61.8)
    assert baseline.trade_reconciliation(load("gold_production"), "MEX").empty


def test_data_gaps_count_estimates_and_ignore_guessed_women_shares():
    countries = sorted(load("countries")["iso3"])
    gaps = baseline.data_gaps(load("workforce_estimates"), load("women_share"), countries)
    assert gaps.loc[["GTM", "MEX"], "estimates"].tolist() == [0, 0]
    assert gaps.loc["PER", "recent_all_asm"] == 1
    assert sorted(gaps.index[gaps["women_share_published"]]) == ["BOL", "COL", "ECU", "PER"]


def test_footprint_counts_a_patch_in_both_restricted_areas_once():
    patches = pd.DataFrame({
        "iso3": ["BRA"] * 4, "year": [2010, 2010, 2021, 2021], "area_ha": [10.0, 30.0, 20.0, 60.0],
        "in_indigenous_land": [True, False, True, False], "in_protected_area": [True, False, False, False],
    }).astype({"in_indigenous_land": "boolean", "in_protected_area": "boolean"})
    out = baseline.footprint_by_year(patches, "BRA")
    assert out.loc[2010, "restricted_ha"] == 10 and out.loc[2010, "restricted_pct"] == pytest.approx(25)
    assert baseline.growth_pct(out.loc[2010, "area_ha"], out.loc[2021, "area_ha"]) == pytest.approx(100)
    with pytest.raises(ValueError):
        baseline.growth_pct(0, 1)


# --- the range-chart question reads charts back ---------------------------------------

def test_range_values_reads_lines_and_central_marks_by_row_label():
    from asm_course.plots import range_values

    table = pd.DataFrame({"iso3": ["AAA", "BBB"], "low": [1.0, 5.0], "high": [3.0, 5.0], "median": [2.0, 5.0]})
    ax = plots.range_chart(table, "iso3", "low", "high", "median", title="t", xlabel="x")
    assert range_values(ax) == {"AAA": {"low": 1, "high": 3, "central": 2}, "BBB": {"low": 5, "high": 5, "central": 5}}
    bare = plots.range_chart(table, "iso3", "low", "high", None, title="t", xlabel="x")
    assert "central" not in range_values(bare)["AAA"]


def test_charts_carry_a_source_caption_and_say_it_in_their_text_alternative():
    table = pd.DataFrame({"iso3": ["AAA"], "low": [1.0], "high": [3.0], "median": [2.0]})
    ranged = plots.range_chart(table, "iso3", "low", "high", "median", title="t", xlabel="x",
                               source="Hruschka's ASM inventory")
    bars = plots.bar_chart(pd.Series({"AAA": 2.0}), "t", "x", "y", source="course table workforce_estimates")
    assert plots.chart_source(ranged) == "Source: Hruschka's ASM inventory"
    assert plots.describe(bars).endswith("Source: course table workforce_estimates.")
    caption = next(text for text in bars.texts if text.get_gid() == plots.SOURCE_GID)
    assert caption.xy == (0, 0) and caption.get_position()[1] < 0  # below the axes
    unsourced = plots.bar_chart(pd.Series({"AAA": 2.0}), "t", "x", "y")
    assert plots.chart_source(unsourced) is None and "Source" not in plots.describe(unsourced)
    i18n.set_language("es")
    try:
        assert plots.chart_source(plots.bar_chart(pd.Series({"A": 1.0}), "t", "x", "y", source="INEI")) == "Fuente: INEI"
    finally:
        i18n.set_language("en")


# --- widget apps (callbacks driven headless) ------------------------------------------

NAMES = {"AAA": "Aland", "BBB": "Bland"}


def test_triangulation_explorer_follows_scope_and_age_controls():
    app = baseline_apps.TriangulationExplorer(TOY, NAMES, reference_year=2024)
    assert app.result["n"] == 4 and "Aland, every scope" in app.summary.value
    app.scope.value = "all_asm"
    assert app.result["median"] == pytest.approx(100)  # 100, 300, 50
    assert "<b>3</b> estimate(s)" in app.summary.value
    app.limit_age.value = True  # default: older than 10 years
    assert app.result["n"] == 2 and app.result["median"] == pytest.approx(200)
    assert "Left out: 1 source(s) older than 10 years and 0 undated" in app.summary.value
    app.max_age.value = 5
    assert app.result["n"] == 1 and app.result["median"] == pytest.approx(100)
    app.country.value = "BBB"
    assert app.result["n"] == 0 and "data gap" in app.summary.value


def test_triangulation_explorer_on_the_course_data_matches_the_domain_function():
    estimates = load("workforce_estimates")
    app = baseline_apps.TriangulationExplorer(estimates, {})
    app.country.value = "COL"
    app.scope.value = "all_asm"
    app.limit_age.value = True
    expected = baseline.triangulate(baseline.select_estimates(estimates, "COL", ["all_asm"], 10, 2024))
    assert app.result.equals(expected)
    assert "600,000" in app.summary.value


def test_plausibility_app_recomputes_on_preset_value_and_income():
    estimates, gold = load("workforce_estimates"), load("gold_production")
    app = baseline_apps.PlausibilityApp(estimates, gold, {"ECU": "Ecuador", "BOL": "Bolivia"})
    assert app.preset.value == "ECU-2018-VALUE" and app.value.value == 900
    assert app.result == pytest.approx(150_000)
    assert "about <b>150,000</b> people" in app.summary.value
    assert "13.0" in app.table.value and "78,261" in app.table.value
    app.income.value = 9000
    assert app.result == pytest.approx(100_000)
    assert "8.7" in app.table.value
    app.preset.value = "BOL-2018-COOPEXP"
    assert app.value.value == 1165 and app.iso3 == "BOL"
    assert app.result == pytest.approx(1165e6 / 9000)
    assert "Bolivia" in app.summary.value
    app.value.value = 2000
    assert app.result == pytest.approx(2000e6 / 9000)
    assert len(app.comparison) == 8
