"""Unit tests of module m05's domain functions (asm_course.mercury) and its explorer app."""

from __future__ import annotations

import pandas as pd
import pytest

from asm_course import mercury as m
from asm_course.data import load
from asm_course.widgets import m05 as apps

pytestmark = pytest.mark.unit


def tiny_ratios() -> pd.DataFrame:
    return pd.DataFrame({"low": [2.0, 0.5, 0.1, 0.0], "central": [3.0, 1.0, 0.2, 0.0], "high": [5.0, 1.5, 0.4, 0.0]},
                        index=list(m.PRACTICES))


def tiny_sites() -> pd.DataFrame:
    return pd.DataFrame({"site_id": ["A1", "A2", "A3", "B1"], "iso3": ["AAA", "AAA", "AAA", "BBB"],
                         "practice": ["whole_ore_amalgamation", "mercury_free", "whole_ore_amalgamation",
                                      "concentrate_open_burning"],
                         "gold_kg": [1.0, 10.0, 2.0, 4.0]})


# --- Annex C --------------------------------------------------------------------------

def test_letters_read_single_and_double_tags_and_refuse_a_typo():
    assert m.letters("j, g") == {"g", "j"} and m.letters(" A ") == {"a"} and m.letters("") == set()
    with pytest.raises(ValueError, match="not letters a to k"):
        m.letters("a, z")


def test_gaps_count_only_drafted_sections_unless_headings_are_asked_for():
    draft = pd.DataFrame({"annex_c": ["a, b", "c", "d"], "drafted": [True, False, True]})
    assert m.annex_c_gaps(draft) == ["c", "e", "f", "g", "h", "i", "j", "k"]
    assert "c" not in m.annex_c_gaps(draft, count_headings=True)
    assert m.annex_c_gaps(draft.iloc[0:0]) == list(m.ANNEX_C)
    with pytest.raises(ValueError, match="'drafted'"):
        m.annex_c_gaps(draft[["annex_c"]])


def test_the_illustrative_draft_nap_misses_the_letters_of_its_headings():
    assert m.annex_c_gaps(m.draft_nap_table()) == ["g", "i", "j"]
    table = apps.draft_nap()
    assert table["section"].iloc[1] == "2. National objectives and reduction targets"
    assert list(table.columns) == ["section", "annex_c", "drafted"]


def test_nap_calendar_is_due_three_years_after_entry_into_force_and_reviewed_every_three():
    assert m.nap_calendar(2017, 2030) == {"due": 2020, "reviews": [2023, 2026, 2029]}
    with pytest.raises(ValueError, match="until_year"):
        m.nap_calendar(2017, 2010)


# --- ratios and baselines ---------------------------------------------------------------

def test_ratio_parameters_keep_published_values_and_fill_only_the_gaps():
    ratios = m.ratio_parameters(load("hg_au_ratios"))
    published = load("hg_au_ratios").set_index("practice")
    assert ratios.loc["whole_ore_amalgamation", "central"] == published.loc["whole_ore_amalgamation", "ratio_central"]
    assert ratios.loc["concentrate_open_burning", "high"] == published.loc["concentrate_open_burning", "ratio_high"]
    assert ratios.loc["concentrate_retort", "central"] > 0  # a retort reduces losses, it does not end them
    assert (ratios["status"] != "confirmed").all()  # the ratios stay uncertain parameters
    assert ratios.loc["mercury_free", "assumed"] == ""
    with pytest.raises(ValueError, match="low <= central <= high"):
        m.ratio_parameters(load("hg_au_ratios"), {**m.ASSUMED_RATIOS,
                                                   "concentrate_retort": {"low": 0.5, "central": 0.2, "high": 0.1}})
    with pytest.raises(ValueError, match="no row for practice"):
        m.ratio_parameters(load("hg_au_ratios").iloc[:2])


def test_baseline_range_sums_gold_times_ratio_per_bound():
    gold = m.gold_by_practice(tiny_sites(), "AAA")
    assert list(gold.index) == ["whole_ore_amalgamation", "mercury_free"] and gold.sum() == 13
    assert m.baseline_range(gold, tiny_ratios()).to_dict() == {"low": 6.0, "central": 9.0, "high": 15.0}
    with pytest.raises(ValueError, match="no ratio"):
        m.baseline_range(pd.Series({"dredging": 1.0}), tiny_ratios())
    with pytest.raises(ValueError, match="no site for country 'ZZZ'"):
        m.gold_by_practice(tiny_sites(), "ZZZ")


def test_by_practice_and_drivers_tell_gold_from_mercury():
    gold = pd.Series({"whole_ore_amalgamation": 2.0, "concentrate_open_burning": 4.0})
    table = m.baseline_by_practice(gold, tiny_ratios())
    assert table.loc["whole_ore_amalgamation", ["central", "width"]].tolist() == [6.0, 6.0]
    assert m.drivers(table) == {"gold": "concentrate_open_burning", "mercury": "whole_ore_amalgamation",
                                "uncertainty": "whole_ore_amalgamation"}


def test_practice_mix_scales_shares_and_refuses_bad_ones():
    mix = m.practice_mix(200, {"whole_ore_amalgamation": 30, "mercury_free": 10})
    assert mix["whole_ore_amalgamation"] == 150 and mix["concentrate_retort"] == 0
    assert m.shares_of(pd.Series({"mercury_free": 1.0, "concentrate_retort": 3.0}))["concentrate_retort"] == 75
    with pytest.raises(ValueError, match="at least one"):
        m.practice_mix(100, {"mercury_free": 0})
    with pytest.raises(ValueError, match="unknown practice"):
        m.practice_mix(100, {"panning": 1})
    with pytest.raises(ValueError, match="gold_kg"):
        m.practice_mix(-1, {"mercury_free": 1})


def test_implied_ratio_of_the_real_national_figures():
    national = load("mercury").set_index("iso3")
    assert m.implied_ratio(national.at["BOL", "hg_t_per_year"], national.at["BOL", "gold_t_per_year"]) == \
        pytest.approx(3.24, abs=0.01)
    with pytest.raises(ValueError, match="gold_t"):
        m.implied_ratio(1.0, 0)


# --- targets -------------------------------------------------------------------------------

def test_a_target_inside_the_baseline_range_is_flagged():
    baseline = pd.Series({"low": 70.0, "central": 100.0, "high": 150.0})
    assert m.uncertainty_pct(baseline) == 30
    assert m.target_smaller_than_uncertainty(baseline, 20) and not m.target_smaller_than_uncertainty(baseline, 40)
    with pytest.raises(ValueError, match="between 0 and 100"):
        m.target_smaller_than_uncertainty(baseline, 120)
    with pytest.raises(ValueError, match="central value"):
        m.uncertainty_pct(pd.Series({"low": 0.0, "central": 0.0, "high": 0.0}))


def test_target_review_on_the_course_data():
    ratios = m.ratio_parameters(load("hg_au_ratios"))
    review = m.target_review(load("sites_mercury"), ratios, m.DRAFT_TARGETS_PCT)
    assert set(review.index) == set(m.DRAFT_TARGETS_PCT)
    assert (review["low"] < review["central"]).all() and (review["central"] < review["high"]).all()
    flagged = m.flagged_targets(review)
    assert flagged == [c for c in review.index if review.at[c, "target_pct"] < review.at[c, "uncertainty_pct"]]
    assert "BOL" not in flagged  # a 50% cut is larger than any site mix's uncertainty here


# --- the explorer ----------------------------------------------------------------------------

def test_practice_mix_explorer_starts_from_a_country_and_follows_every_control():
    app = apps.PracticeMixExplorer(tiny_sites(), tiny_ratios(), names={"AAA": "Aland", "BBB": "Bland"})
    assert app.gold.value == 13 and app.total.to_dict() == pytest.approx({"low": 6.0, "central": 9.0, "high": 15.0},
                                                                         rel=0.05)
    assert app.drivers["gold"] == "mercury_free" and app.drivers["mercury"] == "whole_ore_amalgamation"
    assert "Most gold" in app.summary.value and "mercury-free" in app.summary.value
    assert "All practices" in app.chart.value and "6 – 15 (9)" in app.chart.value
    app.gold.value = 26
    assert app.total["central"] == pytest.approx(18.0, rel=0.05)
    app.shares["whole_ore_amalgamation"].value = 0
    assert app.total["central"] == 0 and "whole_ore_amalgamation" not in app.table.index
    for slider in app.shares.values():
        slider.value = 0
    assert "at least one practice" in app.summary.value and app.table.empty and app.chart.value == ""
    app.country.value = "BBB"
    assert app.gold.value == 4 and app.shares["concentrate_open_burning"].value == 100
    assert app.total.to_dict() == {"low": 2.0, "central": 4.0, "high": 6.0}


def test_explorer_controls_are_described_and_wide_enough():
    app = apps.PracticeMixExplorer(tiny_sites(), tiny_ratios())
    for control in (app.country, app.gold, *app.shares.values()):
        assert control.description
    for slider in app.shares.values():  # room beside the description (tests/browser/test_browser_a11y.py measures the track)
        track_em = float(slider.layout.width[:-2]) - float(slider.style.description_width[:-2])
        assert slider.layout.width.endswith("em") and track_em * 14 >= 200     # at 14 px per em


def test_baseline_total_is_one_bound_and_names_a_wrong_bound():
    gold = pd.Series({"whole_ore_amalgamation": 2.0, "concentrate_open_burning": 4.0})
    assert m.baseline_total(gold, tiny_ratios(), "high") == 16.0
    with pytest.raises(ValueError, match="bound must be one of"):
        m.baseline_total(gold, tiny_ratios(), "max")


def test_imports_are_read_against_the_range():
    baseline = pd.Series({"low": 70.0, "central": 100.0, "high": 150.0})
    assert [m.compare_with_imports(v, baseline) for v in (10, 70, 150, 151)] == ["below", "within", "within", "above"]
    with pytest.raises(ValueError, match="imports_kg"):
        m.compare_with_imports(-5, baseline)


def test_ranges_html_scales_bars_to_the_largest_high_value():
    frame = pd.DataFrame({"low": [10.0, 0.0], "central": [20.0, 5.0], "high": [40.0, 10.0]}, index=["x", "y"])
    html = apps.ranges_html(frame, "Title", "kg a year", width_px=400)
    assert "left:100px;width:300px" in html and "left:0px;width:100px" in html
    assert "10 – 40 (20)" in html and "0 to 40: kg a year" in html
