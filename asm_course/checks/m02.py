"""Questions of module m02, "Organising government and including stakeholders"."""

from __future__ import annotations

from asm_course import institutions
from asm_course.checks.view import (
    ChoiceQuestion,
    FunctionQuestion,
    ItemsQuestion,
    PlanPrompt,
    PlotQuestion,
    Reflection,
    ValueQuestion,
)
from asm_course.data import load


def _women_ratio(iso3: str) -> float:
    table = institutions.representation(load("consultation_participants"), load("population_shares"), iso3)
    return float(table.loc[table["group"] == "female", "ratio"].iloc[0])


q1 = FunctionQuestion(
    "m02.q1", points=2, hints=3,
    reference=lambda influence, interest: institutions.quadrant(influence, interest),
    cases=lambda: [(5, 5), (5, 1), (1, 5), (1, 1)],
    # the boundary: a score of exactly 3 is high, 2 is low
    hidden_cases=lambda: [(3, 3), (3, 2), (2, 3), (2, 2), (4, 3), (3, 4), (3, 1), (1, 3), (2, 5), (5, 2)])
q2 = PlotQuestion("m02.q2", points=2, hints=3, kind="bar",
                  expected=lambda: institutions.quadrant_counts(load("stakeholders"), "GTM").to_dict())
q3 = ItemsQuestion("m02.q3", points=2, hints=2,
                   expected=lambda: institutions.countries_with_rule(load("agency_mandates"), "several_accountable"))
q4 = ValueQuestion("m02.q4", points=1, hints=2, expected=lambda: _women_ratio("PER"), rel_tol=0, abs_tol=0.005)
q5 = ItemsQuestion("m02.q5", points=2, hints=2,
                   expected=lambda: institutions.underrepresented(load("consultation_participants"),
                                                                  load("population_shares"), "BOL"))
q6 = ChoiceQuestion("m02.q6", points=1, hints=1, options=("a", "b", "c", "d"), correct="b")
q7 = Reflection("m02.q7", points=3, hints=1, min_words=60)

plan1 = PlanPrompt("m02.plan1")
plan2 = PlanPrompt("m02.plan2")
plan3 = PlanPrompt("m02.plan3")
