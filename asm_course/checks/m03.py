"""Questions of module m03, "The baseline: counting miners, gold and mercury under uncertainty"."""

from __future__ import annotations

import pandas as pd

from asm_course import baseline
from asm_course.checks.view import (
    ChoiceQuestion,
    FunctionQuestion,
    PlanPrompt,
    RangeChartQuestion,
    Reflection,
    ValueQuestion,
)
from asm_course.data import load

# Parameters of the exercises (course choices, stated in the prompts; not published figures).
REFERENCE_YEAR = baseline.DEFAULT_REFERENCE_YEAR   # 2024
MAX_AGE = baseline.DEFAULT_MAX_AGE                 # leave out sources older than 10 years
ASSUMED_INCOME_USD = 6000                          # income per worker per year: an assumption


def _estimates() -> pd.DataFrame:
    return load("workforce_estimates")


def _ecuador_median() -> float:
    chosen = baseline.select_estimates(_estimates(), "ECU", ["all_asm"], MAX_AGE, REFERENCE_YEAR)
    return float(baseline.triangulate(chosen)["median"])


def _sector_value(figure_id: str) -> float:
    values = baseline.sector_values(load("gold_production")).set_index("figure_id")
    return float(values.loc[figure_id, "value_usd_m"])


def _times_income_of_national_baseline() -> float:
    """Ecuador: the sector value per worker if the 11,500 of the national baseline
    (ECU-01) were everyone, as a multiple of the assumed income."""
    table = baseline.plausibility_table(baseline.estimates_for(_estimates(), "ECU"),
                                        _sector_value("ECU-2018-VALUE"), ASSUMED_INCOME_USD)
    return float(table.set_index("estimate_id").loc["ECU-01", "times_income"])


def _colombia_gap_share() -> float:
    return float(baseline.trade_reconciliation(load("gold_production"), "COL").loc[2017, "gap_pct_of_exports"])


def recent_whole_sector_ranges() -> dict[str, tuple[float, float, float]]:
    """Per country: (low, high, median) of all-ASM estimates no older than MAX_AGE years."""
    table = baseline.triangulation_table(_estimates(), ["all_asm"], MAX_AGE, REFERENCE_YEAR)
    return {iso3: (row["low"], row["high"], row["median"]) for iso3, row in table.iterrows()}


# --- the questions ----------------------------------------------------------------------

q1 = ValueQuestion("m03.q1", points=2, hints=3, expected=_ecuador_median, rel_tol=1e-3, unit="count")
q2 = ValueQuestion("m03.q2", points=2, hints=2, expected=_times_income_of_national_baseline, rel_tol=1e-2)
q3 = FunctionQuestion("m03.q3", points=2, hints=2, reference=baseline.implied_workers,
                      cases=lambda: [(900, 6000)],
                      hidden_cases=lambda: [(1165, 6000), (2600, 9000), (900, 12000), (0, 6000)],
                      rel_tol=1e-4, unit="count")
q4 = ValueQuestion("m03.q4", points=2, hints=3, expected=_colombia_gap_share, rel_tol=2e-3, unit="percent")
q5 = RangeChartQuestion("m03.q5", points=2, hints=3, expected=recent_whole_sector_ranges, rel_tol=1e-3)
q6 = ChoiceQuestion("m03.q6", points=1, hints=1, options=("a", "b", "c", "d"), correct="b")
q7 = Reflection("m03.q7", points=3, hints=1, min_words=60)

plan1 = PlanPrompt("m03.plan1")
plan2 = PlanPrompt("m03.plan2")
