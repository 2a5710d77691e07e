"""Questions of module m00, "Getting started: Jupyter, Python and pandas"."""

from __future__ import annotations

import pandas as pd

from asm_course import baseline, value_chain
from asm_course.checks.view import ChoiceQuestion, FrameQuestion, PlanPrompt, PlotQuestion, Reflection, ValueQuestion
from asm_course.data import load


def _estimates() -> pd.DataFrame:
    return load("workforce_estimates")


def _whole_sector() -> pd.DataFrame:
    """Estimates that counted the whole sector: medians compare like with like (as in m03)."""
    return baseline.select_estimates(_estimates(), scopes=["all_asm"])


PERU_ASM_GOLD_OZ = 890_000  # Delve country profile, 2016 (domain brief §3.3, [C2])

q1 = ValueQuestion("m00.q1", points=1, hints=2,
                   expected=lambda: value_chain.ounces_to_tonnes(PERU_ASM_GOLD_OZ), rel_tol=5e-3,
                   unit="tonnes")
q2 = FrameQuestion("m00.q2", points=2, hints=2,
                   expected=lambda: baseline.estimates_for(_estimates(), "PER"))
q3 = ValueQuestion("m00.q3", points=2, hints=2,
                   expected=lambda: str(baseline.spread_by_country(_estimates()).index[0]))
q4 = FrameQuestion("m00.q4", points=2, hints=3,
                   expected=lambda: baseline.median_by_country(_whole_sector()))
q5 = PlotQuestion("m00.q5", points=2, hints=2, kind="bar",
                  expected=lambda: baseline.median_by_country(_whole_sector()).to_dict())
q6 = ChoiceQuestion("m00.q6", points=1, hints=1, options=("a", "b", "c", "d"), correct="c")
q7 = Reflection("m00.q7", points=3, hints=1, min_words=60)
plan1 = PlanPrompt("m00.plan1")
