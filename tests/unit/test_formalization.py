"""Unit tests of module m04's domain functions (asm_course.formalization) and its widget apps."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from asm_course import formalization as f
from asm_course.data import load
from asm_course.widgets import m04 as fw

pytestmark = pytest.mark.unit


def tiny_records() -> pd.DataFrame:
    """Two regions, five records, every stage combination the extract can hold."""
    return pd.DataFrame({
        "record_id": ["A1", "A2", "A3", "B1", "B2"],
        "region": ["A", "A", "A", "B", "B"],
        "activity": ["extraction"] * 5,
        "has_environmental_instrument": pd.array([True, True, False, True, False], dtype="boolean"),
        "has_mining_right_or_contract": pd.array([True, False, False, True, False], dtype="boolean"),
        "formalized": pd.array([True, False, False, False, False], dtype="boolean"),
        "registered_year": [2018, 2019, 2020, 2021, 2022],
        "days_pending": pd.array([None, 100, 300, 500, 700], dtype="Int64"),
    })


def tiny_regions() -> pd.DataFrame:
    return pd.DataFrame({"region": ["A", "B"], "active": [3, 2], "suspended": [7, 8]})


def tiny_steps() -> pd.DataFrame:
    return pd.DataFrame({
        "step_id": ["X-2", "X-1", "Y-1"], "iso3": ["XXX", "XXX", "YYY"], "order": [2, 1, 1],
        "step": ["second", "first", "only"], "agency": ["b", "a", "c"],
        "fee_usd": [300.0, 100.0, 50.0], "processing_days": [20, 10, 5],
        "one_stop_shop_fee_usd": [150.0, 50.0, 40.0], "one_stop_shop_days": [5, 3, 2],
    })


def tiny_income() -> pd.DataFrame:
    return pd.DataFrame({"iso3": ["XXX", "YYY"], "monthly_income_usd": [200.0, 100.0]})


# --- funnel ---------------------------------------------------------------------------

def test_stage_counts_national_and_by_region():
    counts = f.stage_counts(tiny_records(), tiny_regions())
    assert list(counts.index) == list(f.STAGES)
    assert counts.tolist() == [20, 5, 3, 2, 1]
    assert f.stage_counts(tiny_records(), tiny_regions(), "B").tolist() == [10, 2, 1, 1, 0]
    with pytest.raises(ValueError, match="unknown region"):
        f.stage_counts(tiny_records(), tiny_regions(), "Z")


def test_conversion_rates_start_at_the_second_stage_and_survive_an_empty_stage():
    rates = f.conversion_rates(pd.Series([20, 5, 3, 2, 1], index=list(f.STAGES)))
    assert list(rates.index) == list(f.STAGES[1:])
    assert rates.tolist() == pytest.approx([0.25, 0.6, 2 / 3, 0.5])
    with_gap = f.conversion_rates(pd.Series([10, 0, 0], index=["a", "b", "c"]))
    assert with_gap["b"] == 0 and math.isnan(with_gap["c"])


def test_largest_drop_is_the_lowest_conversion_and_the_funnel_table_adds_up():
    counts = pd.Series([20, 5, 3, 2, 1], index=list(f.STAGES))
    assert f.largest_drop(counts) == "active"
    table = f.funnel(counts)
    assert table["share_of_registered"].tolist() == pytest.approx([1, 0.25, 0.15, 0.1, 0.05])
    assert table["lost"].iloc[1:].tolist() == [15, 2, 1, 1]
    assert pd.isna(table["conversion"].iloc[0])


def test_funnel_by_region_on_the_course_data():
    table = f.funnel_by_region(load("registry_records"), load("reinfo_regions"))
    assert len(table) == 11
    assert table["registered"].is_monotonic_decreasing
    national = f.stage_counts(load("registry_records"), load("reinfo_regions"))
    assert table[list(f.STAGES)].sum().tolist() == national.tolist()
    assert national["active"] == 20_531  # the REINFO total of the regional list (minart.pe)
    assert set(table["largest_drop"]) <= set(f.STAGES[1:])


def test_active_shares_rank_named_regions_over_the_national_total():
    regions = pd.DataFrame({"region": ["A", "Other regions", "B"], "active": [30, 50, 20], "suspended": [0, 0, 0]})
    table = f.active_shares(regions)
    assert list(table.index) == ["A", "B"]
    assert table["share"].tolist() == pytest.approx([0.3, 0.2])
    assert table["cumulative_share"].iloc[-1] == pytest.approx(0.5)


# --- cost and time --------------------------------------------------------------------

def test_procedure_orders_steps_picks_the_scenario_and_drops_removed_steps():
    rows = f.procedure(tiny_steps(), "XXX")
    assert rows["step_id"].tolist() == ["X-1", "X-2"]
    assert f.procedure(tiny_steps(), "XXX", one_stop_shop=True)["fee_usd"].tolist() == [50, 150]
    assert f.procedure(tiny_steps(), "XXX", removed=["X-1"])["step_id"].tolist() == ["X-2"]
    with pytest.raises(ValueError):
        f.procedure(tiny_steps(), "ZZZ")


def test_procedure_totals_and_months_of_income():
    totals = f.procedure_totals(tiny_steps(), "XXX", 200)
    assert totals.to_dict() == {"steps": 2, "fee_usd": 400.0, "days": 30, "months_of_income": 2.0}
    assert f.months_of_income(300, 150) == 2.0
    with pytest.raises(ValueError):
        f.months_of_income(300, 0)
    assert f.monthly_income(tiny_income(), "YYY") == 100.0


def test_scenario_comparison_saves_fees_and_days():
    table = f.scenario_comparison(tiny_steps(), tiny_income())
    assert table.loc["XXX", "months_saved"] == pytest.approx((400 - 200) / 200)
    assert table.loc["XXX", "days_saved"] == 22
    assert table.loc["YYY", "months_one_stop"] == pytest.approx(0.4)


def test_cost_by_country_on_the_course_data_covers_the_countries_with_steps():
    table = f.cost_by_country(load("formalization_steps"), load("miner_income"))
    assert list(table.index) == ["COL", "ECU", "PER"]
    assert (table["months_of_income"] > 0).all()


# --- backlog --------------------------------------------------------------------------

def test_waiting_for_and_backlog_medians():
    records = tiny_records()
    assert f.waiting_for(records).tolist()[1:] == ["mining_right_or_contract", "environmental_instrument",
                                                   "formalized", "environmental_instrument"]
    assert pd.isna(f.waiting_for(records).iloc[0])
    assert len(f.pending(records)) == 4
    medians = f.median_days_pending(records)
    assert medians.to_dict() == {"environmental_instrument": 500.0, "mining_right_or_contract": 100.0,
                                 "formalized": 500.0}
    assert f.median_days_pending(records, "region").to_dict() == {"A": 200.0, "B": 600.0}
    assert f.share_waiting_longer(records, 365) == 0.5
    table = f.backlog_by_region(records)
    assert list(table.index) == ["B", "A"] and table.loc["B", "share_over"] == 1.0


def test_instrument_rules_keep_the_status_and_the_gaps():
    rules = f.instrument_rules(load("legal_criteria"), ["BRA", "BOL"])
    assert set(rules["iso3"]) == {"BRA", "BOL"}
    assert "status" in rules and rules["value"].isna().any()  # Bolivia: thresholds not found


# --- widget apps ----------------------------------------------------------------------

def test_funnel_explorer_follows_the_region():
    app = fw.FunnelExplorer(load("registry_records"), load("reinfo_regions"))
    assert app.result["records"].iloc[0] == 82_180
    assert app.largest == "active"
    assert "Peru, all regions" in app.summary.value
    app.region.value = "Puno"
    assert app.largest == "formalized"
    assert app.result["records"].iloc[0] == 4247 + 7827
    assert "Largest drop" in app.summary.value and "Formalized" in app.summary.value


def test_procedure_simulator_recomputes_on_every_control():
    app = fw.ProcedureSimulator(tiny_steps(), tiny_income(), names={"XXX": "Xland"})
    assert app.country.value == "XXX" and app.pay.value == 200
    assert app.result["fee_usd"] == 400 and app.result["months_of_income"] == 2
    app.one_stop.value = True
    assert app.result["fee_usd"] == 200 and app.result["days"] == 8
    app.step_boxes["X-2"].value = False
    assert app.result["steps"] == 1 and app.result["fee_usd"] == 50
    app.pay.value = 100
    assert app.result["months_of_income"] == 0.5
    assert "Xland" in app.summary.value and "0.5 months" in app.summary.value
    app.country.value = "YYY"
    assert list(app.step_boxes) == ["Y-1"] and app.pay.value == 100
    assert app.result["fee_usd"] == 40  # the one-stop shop stays switched on
