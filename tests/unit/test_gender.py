"""Unit tests of module m07's domain functions (asm_course.gender) and its widget apps."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from asm_course import gender as g
from asm_course.data import load
from asm_course.widgets import m07 as apps

pytestmark = pytest.mark.unit


def tiny_shares() -> pd.DataFrame:
    """Three countries, two scopes, one guess and one count without a share."""
    return pd.DataFrame({
        "share_id": ["A-all", "A-sub", "B-all", "C-all", "D-all"],
        "iso3": ["AAA", "AAA", "BBB", "CCC", "DDD"],
        "scope": ["all_asm", "subsistence", "all_asm", "all_asm", "all_asm"],
        "women_share_pct": [20.0, 50.0, 30.0, 10.0, None],
        "women": pd.array([None, None, None, 5, 100], dtype="Int64"),
        "year": pd.array([2020, 2021, None, 2019, None], dtype="Int64"),
        "status": ["confirmed", "confirmed_secondary", "confirmed_secondary", "uncertain", "confirmed"],
        "note": [None, None, None, "a guess", None],
    })


def tiny_countries() -> pd.DataFrame:
    return pd.DataFrame({"iso3": ["AAA", "BBB", "CCC", "DDD", "EEE"], "name_en": list("ABCDE")})


def tiny_workforce() -> pd.DataFrame:
    return pd.DataFrame({
        "site_id": ["S1"] * 4 + ["S2"] * 2, "iso3": ["AAA"] * 6,
        "role": ["digging", "digging", "picking", "picking", "digging", "digging"],
        "sex": ["female", "male"] * 3,
        "workers": [10, 30, 30, 10, 0, 20],
        "holds_title_or_permit": [1, 9, 3, 1, 0, 5],
    })


# --- published shares and scope --------------------------------------------------------

def test_published_shares_keep_figures_with_a_share_and_flag_usable_ones():
    view = g.published_shares(tiny_shares())
    assert view["share_id"].tolist() == ["A-all", "A-sub", "B-all", "C-all"]
    assert view["usable"].tolist() == [True, True, True, False]
    assert g.published_shares(tiny_shares(), "subsistence")["share_id"].tolist() == ["A-sub"]
    assert g.scopes_in(view) == ["all_asm", "subsistence"]


def test_published_shares_reject_an_unknown_scope_and_a_table_without_its_columns():
    with pytest.raises(ValueError, match="scope must be one of"):
        g.published_shares(tiny_shares(), "women")
    with pytest.raises(ValueError, match="women_share needs the column"):
        g.published_shares(tiny_shares().drop(columns="scope"))


def test_comparable_with_keeps_the_same_scope_and_usable_figures_of_other_countries():
    assert g.comparable_with(tiny_shares(), "A-all") == ["BBB"]      # CCC is a guess, A-sub another scope
    assert g.comparable_with(tiny_shares(), "A-sub") == []
    with pytest.raises(ValueError, match="no figure 'X'"):
        g.comparable_with(tiny_shares(), "X")


def test_real_table_peru_compares_only_with_colombia_and_bolivia():
    assert g.comparable_with(load("women_share"), "PER-all") == ["COL", "BOL"]


# --- data gaps -------------------------------------------------------------------------

def test_data_gaps_pick_the_widest_usable_scope_and_flag_countries_without_one():
    gaps = g.data_gaps(tiny_shares(), tiny_countries(), tiny_workforce())
    assert gaps.loc["AAA", "best_share_id"] == "A-all" and gaps.loc["AAA", "usable_shares"] == 2
    assert gaps.loc["AAA", "site_data"] and not gaps.loc["BBB", "site_data"]
    assert gaps["gap"].to_dict() == {"AAA": False, "BBB": False, "CCC": True, "DDD": True, "EEE": True}
    assert gaps.loc["DDD", "figures"] == 1 and gaps.loc["EEE", "figures"] == 0   # a count is a figure, not a share
    assert math.isnan(gaps.loc["EEE", "best_pct"])
    assert g.countries_without_usable_share(tiny_shares(), tiny_countries()) == ["CCC", "DDD", "EEE"]


def test_real_table_five_of_nine_countries_have_no_usable_share():
    gaps = g.countries_without_usable_share(load("women_share"), load("countries"))
    assert gaps == ["BRA", "DOM", "GTM", "HND", "MEX"]


# --- parity ----------------------------------------------------------------------------

def test_parity_index_divides_the_title_share_by_the_workforce_share():
    table = tiny_workforce()
    assert g.workforce_share(table) == pytest.approx(40 / 100)
    assert g.title_share(table) == pytest.approx(4 / 19)
    assert g.parity_index(table) == pytest.approx((4 / 19) / 0.4)


def test_parity_index_is_nan_without_women_or_without_titles_and_the_ratio_refuses_zero():
    table = tiny_workforce()
    assert math.isnan(g.parity_index(table[table["site_id"] == "S2"]))     # no women working
    assert math.isnan(g.parity_index(table.assign(holds_title_or_permit=0)))
    with pytest.raises(ValueError, match="reference_share must be above zero"):
        g.parity_ratio(0.2, 0)
    assert g.parity_ratio(0.2, 0.4) == pytest.approx(0.5)


def test_parity_by_role_is_sorted_lowest_first():
    table = g.parity_by(tiny_workforce(), "role")
    assert list(table.index) == ["digging", "picking"]          # 0.4 before 1.0
    assert table.loc["digging", "parity_index"] == pytest.approx((1 / 15) / (10 / 60))
    with pytest.raises(ValueError, match="needs the column"):
        g.parity_by(tiny_workforce(), "region")


# --- widget apps -----------------------------------------------------------------------

def test_scope_switcher_warns_when_scopes_are_mixed_and_not_when_one_is_shown():
    app = apps.ScopeSwitcher(load("women_share"))
    assert "mixes 3 scopes" in app.summary.value
    assert "COL (Registered subsistence miners)" in app.labels()
    app.scope.value = "all_asm"
    assert app.result["iso3"].tolist() == ["PER", "COL", "BOL", "BRA"]
    assert "One scope only" in app.summary.value and "BRA" in app.summary.value   # Brazil flagged as a guess
    assert app.labels() == ["PER", "COL", "BOL", "BRA"]
    assert "<td style='padding-right:8px'>BRA</td>" in app.chart.value and "Whole ASM workforce" in app.chart.value
    app.scope.value = "subsistence"
    assert app.result["women_share_pct"].tolist() == [51.4]
    assert "51.4%" in app.chart.value and "COL" in app.chart.value


def test_data_gap_audit_gives_a_verdict_per_country_and_the_overall_count():
    app = apps.DataGapAudit(load("women_share"), load("countries"), load("workforce_by_role_sex"), iso3="ECU")
    assert "Usable" in app.summary.value and "ECU-members" in app.summary.value
    assert "illustrative sex-disaggregated site data" in app.summary.value
    app.country.value = "HND"
    assert bool(app.result["gap"]) and "Gap" in app.summary.value
    assert "5 of 9 (56%)" in app.overall.value
