"""Questions of module m09, "From strategy to results: implementation, monitoring and evaluation"."""

from __future__ import annotations

import pandas as pd

from asm_course import monitoring
from asm_course.checks.view import (
    ChoiceQuestion,
    FunctionQuestion,
    ItemsQuestion,
    PlanPrompt,
    Reflection,
    ValueQuestion,
)
from asm_course.data import load


def _indicators() -> pd.DataFrame:
    return load("indicators")


def _row(iso3: str, words: str) -> pd.Series:
    """The indicator row of ``iso3`` whose name contains ``words`` (found by meaning, not by id)."""
    table = _indicators()
    rows = table[(table["iso3"] == iso3) & table["indicator"].str.contains(words, case=False)]
    return rows.iloc[0]


def _mercury_above_path() -> float:
    return float(monitoring.progress(_row("BOL", "mercury"))["gap"])


def _red() -> list[str]:
    table = monitoring.progress_table(_indicators())
    return list(table.index[table["status"] == "red"])


q1 = ItemsQuestion("m09.q1", points=2, hints=2, expected=lambda: monitoring.incomplete_rows(_indicators()))
q2 = FunctionQuestion("m09.q2", points=2, hints=3, reference=monitoring.rag_status,
                      cases=lambda: [(20531, 30797, 26486, 1 / 6), (120, 60, 106.2, 4 / 9), (100, 50, 80, 0.5)],
                      hidden_cases=lambda: [(40, 60, 47.8, 0.2), (8, 4, 7.3, 0.5), (9.5, 4.8, 5.5, 0.85),
                                            (20, 30, 26.5, 0.8), (300, 100, 250, 0.3)])
q3 = ValueQuestion("m09.q3", points=2, hints=3, expected=_mercury_above_path, rel_tol=5e-3)
q4 = ChoiceQuestion("m09.q4", points=1, hints=1, options=("a", "b", "c", "d"), correct="c")
q5 = ItemsQuestion("m09.q5", points=2, hints=2, expected=_red)
q6 = Reflection("m09.q6", points=3, hints=1, min_words=60)

plan1 = PlanPrompt("m09.plan1", section="indicators")
plan2 = PlanPrompt("m09.plan2", section="milestones")
