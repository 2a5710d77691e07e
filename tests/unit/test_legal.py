"""Unit tests of asm_course.legal (definitions, classification at the thresholds,
sensitivity, informal/illegal) and of the m01 widget apps (driven by setting ``.value``)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from asm_course import i18n, legal
from asm_course.checks import Status, m01
from asm_course.data import load
from asm_course.widgets import m01 as apps

pytestmark = pytest.mark.unit


@pytest.fixture(autouse=True)
def _english(monkeypatch, tmp_path):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.setenv("ASM_COURSE_ANSWERS_DIR", str(tmp_path))
    i18n.set_language("en")
    yield
    i18n._current = None


@pytest.fixture
def criteria():
    return load("legal_criteria")


@pytest.fixture
def caps(criteria):
    return legal.peru_caps(criteria)


@pytest.fixture
def peru():
    ops = load("operations")
    return ops[ops["iso3"] == "PER"]


def op(deposit="hard_rock", mineral_class="metallic", area=10.0, t=None, m3=None):
    return pd.Series({"deposit_type": deposit, "mineral_class": mineral_class, "area_ha": area,
                      "capacity_t_per_day": math.nan if t is None else t,
                      "capacity_m3_per_day": math.nan if m3 is None else m3})


# --- thresholds are exact -------------------------------------------------------------

@pytest.mark.parametrize("value, operator, threshold, expected", [
    (25, "<=", 25, True), (25, "<", 25, False), (25.1, "<=", 25, False), (150, ">", 150, False),
    (150.5, ">", 150, True), (0, "==", 0, True), (5, ">=", 5, True),
    (math.nan, "<=", 25, False), (None, "<=", 25, False), (10, "<=", None, False), (pd.NA, "<=", 1, False),
])
def test_meets_is_exact_and_a_gap_never_passes(value, operator, threshold, expected):
    assert legal.meets(value, operator, threshold) is expected


def test_peru_caps_come_from_the_table_and_missing_ones_stay_missing(caps):
    assert (caps.pma_area_ha, caps.pma_t_metallic, caps.pma_m3_placer) == (1000, 25, 200)
    assert (caps.ppm_area_ha, caps.ppm_t_metallic, caps.ppm_t_non_metallic, caps.ppm_m3_placer) == (2000, 350, 1200, 3000)
    assert caps.pma_t_non_metallic is None
    assert "pma_t_non_metallic" not in legal.cap_names(caps)
    assert len(legal.cap_names(caps, with_value=False)) == 8


@pytest.mark.parametrize("operation, expected", [
    (op(area=1000, t=25), "PMA"),                       # exactly at both PMA caps
    (op(area=1000.5, t=25), "PPM"),                     # just over the PMA area
    (op(area=999.9, t=25.1), "PPM"),                    # just over the PMA capacity
    (op(area=2000, t=350), "PPM"),                      # exactly at both PPM caps
    (op(area=2000.1, t=10), "general"),
    (op(area=600, t=351), "general"),                   # metallic: over 350 t/day
    (op(mineral_class="non_metallic", area=600, t=351), "PPM"),   # non-metallic cap is 1,200
    (op(mineral_class="non_metallic", area=1, t=1), "PPM"),       # PMA non-metallic cap not found
    (op(mineral_class="non_metallic", area=800, t=1201), "general"),
    (op("placer", area=900, m3=200), "PMA"),
    (op("placer", area=900, m3=201), "PPM"),
    (op("placer", area=1500, m3=3000), "PPM"),
    (op("placer", area=1500, m3=3001), "general"),
    (op(area=10, t=None), "general"),                   # capacity unknown: cannot be shown to qualify
])
def test_classify_pe_at_and_around_the_caps(caps, operation, expected):
    assert legal.classify_pe(operation, caps) == expected


def test_classification_of_peru_and_counts_in_fixed_order(caps, peru):
    categories = legal.classify_peru(peru, caps)
    assert categories.index.equals(peru.index)
    counts = legal.category_counts(categories)
    assert list(counts.index) == ["PMA", "PPM", "general"]
    assert counts.sum() == len(peru) == 90
    assert legal.category_counts(pd.Series(["PMA"])).tolist() == [1, 0, 0]


def test_sensitivity_counts_moves_and_nothing_moves_without_a_change(caps, peru):
    assert legal.changed_count(peru, caps, caps) == 0
    assert legal.reclassification(peru, caps, caps).empty
    doubled = legal.with_cap(caps, "pma_t_metallic", 50)
    moves = legal.reclassification(peru, caps, doubled)
    assert set(moves["from"]) == {"PPM"} and set(moves["to"]) == {"PMA"}
    assert moves["operations"].sum() == legal.changed_count(peru, caps, doubled) > 0
    smaller = legal.with_cap(caps, "ppm_area_ha", 1000)
    assert set(legal.reclassification(peru, caps, smaller)["to"]) == {"general"}


def test_illegal_when_any_ground_is_met(peru):
    reasons = legal.illegal_reasons(peru)
    assert list(reasons.columns) == list(legal.ILLEGAL_REASONS)
    illegal = legal.peru_illegal(peru)
    assert illegal.dtype == bool and illegal.equals(reasons.any(axis=1).rename("illegal"))
    frame = pd.DataFrame({"in_protected_area": [False, False, True], "in_water_body": [False, False, False],
                          "uses_heavy_machinery": [False, False, False],
                          "in_reinfo": pd.array([True, False, True], dtype="boolean")})
    assert legal.peru_illegal(frame).tolist() == [False, True, True]
    assert legal.peru_status(frame).tolist() == ["informal", "illegal", "illegal"]


def test_definitions_side_by_side_show_gaps_and_uncertainty(criteria):
    assert legal.countries_without_thresholds(criteria) == ["BOL", "DOM", "GTM", "HND", "MEX"]
    assert legal.countries_with_only_uncertain_thresholds(criteria) == ["ECU"]
    counts = legal.status_counts(criteria)
    assert list(counts.columns) == ["categories", "confirmed", "confirmed_secondary", "uncertain", "not_found"]
    assert counts.loc["PER", "uncertain"] == 4 and counts.loc["BRA", "confirmed"] == 4
    assert len(legal.country_criteria(criteria, "per")) == 8


def test_colombia_title_classes_and_subsistence_cap(criteria):
    assert [legal.colombia_title_class(a, criteria) for a in (150, 150.5, 5000, 10000, 10000.5)] == \
        ["small", "medium", "medium", "large", "over_limit"]
    ops = load("operations")
    colombia = ops[ops["iso3"] == "COL"]
    low, high = (legal.colombia_subsistence_gold(colombia, cap).sum() for cap in (360, 420))
    assert 0 < low < high  # the conflicting published caps change who counts as subsistence


# --- question bank --------------------------------------------------------------------

def test_scaffold_that_still_returns_the_placeholder_is_not_attempted():
    assert m01.q3.evaluate(lambda op: ...).status is Status.NOT_ATTEMPTED
    assert m01.q3.evaluate(lambda op: "PMA").status is Status.NOT_YET
    assert m01.q3.evaluate(lambda op: None).status is Status.NOT_YET


# --- widget apps (callbacks driven headless) --------------------------------------------

def test_definition_explorer_follows_the_dropdown(criteria):
    app = apps.DefinitionExplorer(criteria, {"BOL": "Bolivia", "PER": "Peru"})
    assert "no legal threshold was found" in app.summary.value
    app.country.value = "PER"
    assert "4 uncertain" in app.summary.value and "Peru" in app.summary.value
    assert len(app.result) == 8 and "value not found" in " ".join(app.result["rule"])
    assert "area (ha) ≤ 1,000" in app.result["rule"].tolist()
    app.country.value = "COL"
    assert "no equipment or machinery (manual tools only)" in app.result["rule"].tolist()
    assert "<table>" in app.table.value


def test_threshold_app_counts_operations_that_change_category(caps, peru):
    app = apps.ThresholdApp(peru, caps)
    assert app.changed == 0 and "0 of 90" in app.summary.value
    app.value.value = 50
    expected = legal.changed_count(peru, caps, legal.with_cap(caps, "pma_t_metallic", 50))
    assert app.changed == expected and f"{expected} of 90" in app.summary.value
    assert app.counts["after"].sum() == 90
    app.cap.value = "ppm_area_ha"  # a new cap starts again from its current value
    assert app.value.value == 2000 and app.changed == 0
    app.value.value = 1000
    assert set(app.result["to"]) == {"general"}


def test_operation_classifier_is_exact_at_the_cap(caps):
    app = apps.OperationClassifier(caps, area_ha=1000, capacity=25)
    assert app.result == "PMA"
    app.capacity.value = 25.1
    assert app.result == "PPM" and "PPM (small producer)" in app.summary.value
    app.deposit.value = "placer"
    app.capacity.value = 200
    assert app.result == "PMA"
    app.deposit.value = "hard_rock"
    app.mineral_class.value = "non_metallic"
    app.capacity.value = 1
    assert app.result == "PPM" and "not found" in app.summary.value


def test_before_after_chart_is_labelled_and_has_a_text_alternative():
    counts = pd.DataFrame({"before": [57, 27, 6], "after": [63, 21, 6]}, index=["PMA", "PPM", "general"])
    ax = apps.before_after_chart(counts["before"], counts["after"], "t", "x", "y")
    assert ax.get_title() == "t" and ax.get_xlabel() == "x" and len(ax.patches) == 6
    assert {p.get_hatch() for p in ax.patches} == {"", "//"}  # not told apart by colour alone
    assert "63 after the change" in apps.before_after_text(counts)
