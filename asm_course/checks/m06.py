"""Questions of module m06, "Occupational health and safety"."""

from __future__ import annotations

import pandas as pd

from asm_course import ohs
from asm_course.checks.view import (
    ChoiceQuestion,
    FunctionQuestion,
    ItemsQuestion,
    PlanPrompt,
    Reflection,
    ValueQuestion,
)
from asm_course.data import load


def _incidents() -> pd.DataFrame:
    return load("incidents")


def _hours() -> pd.DataFrame:
    return load("hours_worked")


def _tasks() -> pd.DataFrame:
    return load("ohs_tasks")


def _women_rate() -> float:
    return float(ohs.incident_rates(_incidents(), _hours(), by="sex").at["female", "per_million_hours"])


def _serious_lists() -> tuple[int, int, int]:
    c = ohs.list_counts(ohs.serious(_incidents()))
    return c["n1"], c["n2"], c["m"]


def _all_lists() -> tuple[int, int, int]:
    c = ohs.list_counts(_incidents())
    return c["n1"], c["n2"], c["m"]


q1 = ValueQuestion("m06.q1", points=2, hints=3, expected=_women_rate, rel_tol=5e-3)
q2 = FunctionQuestion("m06.q2", points=2, hints=2, reference=ohs.lincoln_petersen,
                      cases=lambda: [_serious_lists()],
                      hidden_cases=lambda: [_all_lists(), (40, 25, 10), (7, 9, 3)])
q3 = ItemsQuestion("m06.q3", points=2, hints=2,
                   expected=lambda: ohs.comparable(ohs.incident_rates(_incidents(), _hours())))
q4 = ItemsQuestion("m06.q4", points=2, hints=3, ordered=True, expected=lambda: ohs.top_tasks(_tasks(), 5))
q5 = ItemsQuestion("m06.q5", points=2, hints=2,
                   expected=lambda: ohs.still_high_with(_tasks(), ohs.top_tasks(_tasks(), 5), "engineering"))
q6 = ChoiceQuestion("m06.q6", points=1, hints=1, options=("a", "b", "c", "d"), correct="c")
q7 = Reflection("m06.q7", points=3, hints=1, min_words=60)

plan1 = PlanPrompt("m06.plan1")
plan2 = PlanPrompt("m06.plan2")
plan3 = PlanPrompt("m06.plan3")
