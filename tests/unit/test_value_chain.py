"""Unit tests of module m08's domain functions (asm_course.value_chain) and its widget apps."""

from __future__ import annotations

import pandas as pd
import pytest

from asm_course import value_chain as v
from asm_course.data import load
from asm_course.widgets import m08 as apps
from asm_course.widgets.controls import html_bars

pytestmark = pytest.mark.unit


def tiny_royalties() -> pd.DataFrame:
    return pd.DataFrame({
        "royalty_id": ["A-T", "A-D", "A-M", "B-T", "C-T"], "iso3": ["AAA", "AAA", "AAA", "BBB", "CCC"],
        "mineral": ["gold", "gold", "gold", "all", "all"], "rate_pct": [4.0, None, None, 1.0, None],
        "base": ["gross_value", None, None, None, None],
        "level": ["total", "department", "municipality", "total", "total"],
        "share_pct": [None, 60.0, 40.0, None, None],
        "status": ["confirmed", "confirmed", "confirmed", "uncertain", "not_found"], "note": [None] * 5,
    })


def tiny_chain() -> pd.DataFrame:
    return pd.DataFrame({"chain_id": ["X"] * 3 + ["Y"] * 2, "iso3": ["AAA"] * 5, "year": [2018] * 3 + [2008] * 2,
                         "link": ["exporter", "pit", "local_buyer", "pit", "exporter"],
                         "link_order": [3, 1, 2, 1, 2], "price_usd_per_g": [40.0, 20.0, 35.0, 10.0, 12.0]})


def tiny_operations() -> pd.DataFrame:
    return pd.DataFrame({"operation_id": ["O1", "O2", "O3"], "in_protected_area": [False, True, False],
                         "gold_g_per_year": [1000.0, 500.0, 400.0]})


def tiny_lots() -> pd.DataFrame:
    return pd.DataFrame({
        "lot_id": ["L1", "L2", "L3", "L4", "L5"], "iso3": ["AAA", "AAA", "AAA", "AAA", "BBB"],
        "origin_id": ["O1", "O1", "O2", "O3", "O3"],
        "document": ["origin_certificate", "origin_certificate", "none", "barequeo_certificate",
                     "barequeo_certificate"],
        "gold_g": [700, 400, 100, 300, 200],
    })


# --- m00 helpers (kept) ----------------------------------------------------------------

def test_m00_gold_helpers_are_unchanged():
    assert v.ounces_to_tonnes(1_000_000) == pytest.approx(31.1035)
    assert v.gold_value_usd_m(1, 1250) == pytest.approx(40.188, rel=1e-4)


# --- royalties -------------------------------------------------------------------------

def test_royalty_due_split_and_collection_gap():
    assert v.royalty_due(1000, 2.5) == pytest.approx(25)
    rate = v.gold_royalty(tiny_royalties(), "AAA")
    assert rate["rate_pct"] == 4.0 and rate["status"] == "confirmed"
    assert v.royalty_split(tiny_royalties(), "AAA", 10).to_dict() == pytest.approx({"department": 6, "municipality": 4})
    gap = v.collection_gap(25, 20)
    assert gap["gap"] == pytest.approx(5) and gap["share_collected"] == pytest.approx(0.8)


def test_royalty_functions_refuse_gaps_and_bad_input_with_clear_messages():
    with pytest.raises(ValueError, match="no gold royalty rate for 'CCC'"):
        v.gold_royalty(tiny_royalties(), "CCC")
    with pytest.raises(ValueError, match="no split"):
        v.royalty_split(tiny_royalties(), "BBB", 10)
    with pytest.raises(ValueError, match="no row with iso3 = 'ZZZ'"):
        v.gold_royalty(tiny_royalties(), "ZZZ")
    with pytest.raises(ValueError, match="percentage"):
        v.royalty_due(100, 250)
    with pytest.raises(ValueError, match="due must be above zero"):
        v.collection_gap(0, 1)


def test_real_bolivia_royalty_2018_matches_the_reported_collection():
    royalties = load("royalties")
    due = v.royalty_due(1165, float(v.gold_royalty(royalties, "BOL")["rate_pct"]))
    assert due == pytest.approx(29.125)               # reported: about USD 30 M
    assert v.royalty_split(royalties, "BOL", due)["department"] == pytest.approx(24.756, rel=1e-4)


# --- smuggling -------------------------------------------------------------------------

def test_smuggling_incentive_has_the_sign_of_the_rate_difference():
    assert v.smuggling_incentive_usd_per_kg(40, 2.5, 1.5) == pytest.approx(400)
    assert v.smuggling_incentive_usd_per_kg(40, 1.0, 3.0) == pytest.approx(-800)
    assert v.smuggling_incentive_usd_per_kg(40, 2.0, 2.0) == 0
    with pytest.raises(ValueError, match="price_usd_per_g"):
        v.smuggling_incentive_usd_per_kg(-1, 2, 1)


def test_revenue_falls_with_the_share_that_leaves():
    full = v.royalty_revenue_usd_m(10, 40, 2.5, 0)
    assert full["declared_value"] == pytest.approx(400) and full["collected"] == pytest.approx(10)
    half = v.royalty_revenue_usd_m(10, 40, 2.5, 0.5)
    assert half["collected"] == pytest.approx(5) and half["lost"] == pytest.approx(5)
    with pytest.raises(ValueError, match="between 0 and 1"):
        v.royalty_revenue_usd_m(10, 40, 2.5, 50)


# --- price chain -----------------------------------------------------------------------

def test_chain_prices_in_link_order_with_margins_and_shares():
    table = v.chain_prices(tiny_chain(), "X", world_usd_per_g=50)
    assert list(table.index) == ["pit", "local_buyer", "exporter"]
    assert table["margin_usd_per_g"].tolist()[1:] == [15, 5]
    assert table["share_of_world"].tolist() == pytest.approx([0.4, 0.7, 0.8])
    assert v.miner_share(tiny_chain(), "X") == pytest.approx(0.5)
    assert v.largest_margin(tiny_chain(), "X") == "local_buyer"
    with pytest.raises(ValueError, match="no row with chain_id = 'Z'"):
        v.chain_prices(tiny_chain(), "Z")


def test_world_prices_and_prices_above_the_world_price():
    world = load("global_figures")
    assert v.world_price_usd_per_g(world, 2018) == pytest.approx(1250 / 31.1035)
    assert v.world_prices(world) == {2008: pytest.approx(872 / 31.1035), 2018: pytest.approx(1250 / 31.1035)}
    with pytest.raises(ValueError, match="no reference gold price for 2001"):
        v.world_price_usd_per_g(world, 2001)
    assert v.prices_above(tiny_chain(), 38, 2018)["link"].tolist() == ["exporter"]


def test_real_chains_of_2018_never_pay_more_than_the_world_price():
    world = v.world_price_usd_per_g(load("global_figures"), 2018)
    assert v.prices_above(load("gold_chain"), world, 2018).empty


# --- mass balance and red flags --------------------------------------------------------

def test_mass_balance_and_colombia_2017():
    assert v.mass_balance(40.1, 58)["unexplained_t"] == pytest.approx(17.9)
    table = v.national_balance(load("gold_production"), "COL")
    assert list(table.index) == [2016, 2017]
    assert table.loc[2017, "share_of_exports"] == pytest.approx(17.9 / 58)
    with pytest.raises(ValueError, match="no year with both"):
        v.national_balance(load("gold_production"), "BOL")
    with pytest.raises(ValueError, match="exports_t must be above zero"):
        v.mass_balance(1, 0)


def test_lot_red_flags_each_rule():
    flags = v.lot_red_flags(tiny_lots(), tiny_operations(), subsistence_cap_g=420).set_index("lot_id")
    assert flags.loc["L1", "flags"] == "over_origin_output"                 # O1 sold 1,100 g of 1,000
    assert flags.loc["L3", "flags"] == "no_document, protected_area"
    assert flags.loc["L4", "flags"] == "over_origin_output, over_subsistence_cap"   # O3: 500 g > 400 and > 420
    balance = v.origin_balance(tiny_lots(), tiny_operations())
    assert balance.loc["O1", "excess_g"] == 100 and balance.loc["O2", "excess_g"] == 0
    assert v.flagged_origins(tiny_lots(), tiny_operations()) == ["O1", "O3"]
    assert v.flagged_origins(tiny_lots(), tiny_operations(), "BBB") == []    # 200 g of O3 alone is fine


def test_real_lots_flag_four_colombian_origins_and_none_elsewhere():
    lots, ops = load("gold_lots"), load("operations")
    assert len(v.flagged_origins(lots, ops, "COL")) == 4
    assert v.flagged_origins(lots, ops, "PER") == [] and v.flagged_origins(lots, ops, "BRA") == []


# --- certification ---------------------------------------------------------------------

def test_certification_net_and_break_even():
    assert v.certification_net_usd(5, 4000, 15000) == pytest.approx(5000)
    assert v.break_even_kg(4000, 15000) == pytest.approx(3.75)
    with pytest.raises(ValueError, match="above zero"):
        v.break_even_kg(0, 100)
    with pytest.raises(ValueError, match="must not be negative"):
        v.certification_net_usd(-1, 4000, 0)


# --- widget apps -----------------------------------------------------------------------

def test_royalty_smuggling_app_reacts_to_every_slider():
    app = apps.RoyaltySmugglingApp(rate_here=2.5, rate_neighbour=1.5, price_usd_per_g=40, output_t=10)
    assert app.result["incentive_usd_per_kg"] == pytest.approx(400)
    assert "USD 400 per kg" in app.summary.value and "USD 4,000 on a 10 kg lot" in app.summary.value
    app.leak.value = 50
    assert app.result["lost"] == pytest.approx(5)
    app.rate_neighbour.value = 4.0
    assert app.result["incentive_usd_per_kg"] < 0 and "declaring the gold here" in app.summary.value
    app.rate_neighbour.value = 2.5
    assert "no reason" in app.summary.value
    for s in (app.rate_here, app.rate_neighbour, app.price, app.output, app.leak):   # a track >= 200 px at 14 px/em
        assert s.description and s.layout.width.endswith("em")
        assert (float(s.layout.width[:-2]) - float(s.style.description_width[:-2])) * 14 >= 200


def test_chain_price_explorer_shows_shares_and_the_world_price_when_known():
    world = v.world_prices(load("global_figures"))
    app = apps.ChainPriceExplorer(load("gold_chain"), world, chain_id="PER-2018")
    share = v.miner_share(load("gold_chain"), "PER-2018")
    assert f"<b>{share:.0%}</b>" in app.summary.value and "Reference world price" in app.summary.value
    assert "share_of_world" in app.result
    assert "Exporter" in app.chart.value and "(illustrative)" in app.chart.value
    app.chain_id.value = "HND-2008"
    assert "share_of_world" in app.result and "Prices above the world price: 0" in app.summary.value
    without_2008 = apps.ChainPriceExplorer(load("gold_chain"), {2018: world[2018]}, chain_id="HND-2008")
    assert "no reference world price for 2008" in without_2008.summary.value
    assert "share_of_world" not in without_2008.result


def test_html_bars_scale_to_the_largest_value_and_escape_labels():
    text = html_bars(pd.Series({"a<b": 50.0, "c": 100.0, "gap": float("nan")}), "T & U", "Label", "Value (USD)")
    assert "a&lt;b" in text and "T &amp; U" in text and "Value (USD)" in text
    assert "width:50.0%" in text and "width:100.0%" in text
    assert "width:0.0%" in text and "–</td>" in text and "nan" not in text      # a gap is shown as a gap, not zero
