"""Questions of module m07, "Gender equality and social inclusion"."""

from __future__ import annotations

import pandas as pd

from asm_course import gender
from asm_course.checks.view import (
    ChoiceQuestion,
    FunctionQuestion,
    ItemsQuestion,
    PlanPrompt,
    Reflection,
    ValueQuestion,
)
from asm_course.data import load


def _workforce() -> pd.DataFrame:
    return load("workforce_by_role_sex")


def _made_up_site() -> pd.DataFrame:
    """A small table that is not in the data, so that a function cannot hard-code it."""
    return pd.DataFrame({"site_id": ["X"] * 4, "iso3": ["PER"] * 4,
                         "role": ["digging", "digging", "processing", "processing"],
                         "sex": ["female", "male", "female", "male"],
                         "workers": [10, 30, 20, 20], "median_income_usd_per_month": [200.0, 300.0, 150.0, 250.0],
                         "holds_title_or_permit": [1, 9, 2, 3]})


def _cases() -> list[tuple]:
    return [(_workforce(),)]


def _hidden_cases() -> list[tuple]:
    table = _workforce()
    return [(table[table["iso3"] == "COL"],), (table[table["site_id"] == "W-BOL-01"],),
            (table[table["role"] == "waste_rock_picking"],), (_made_up_site(),)]


q1 = FunctionQuestion("m07.q1", points=2, hints=3, reference=gender.parity_index,
                      cases=_cases, hidden_cases=_hidden_cases)
q2 = ItemsQuestion("m07.q2", points=2, hints=2,
                   expected=lambda: gender.comparable_with(load("women_share"), "PER-all"))
q3 = ItemsQuestion("m07.q3", points=2, hints=2,
                   expected=lambda: gender.countries_without_usable_share(load("women_share"), load("countries")))
q4 = ChoiceQuestion("m07.q4", points=1, hints=1, options=("a", "b", "c", "d"), correct="c")
q5 = ValueQuestion("m07.q5", points=2, hints=2,
                   expected=lambda: str(gender.parity_by(_workforce(), "role").index[0]))
q6 = Reflection("m07.q6", points=3, hints=1, min_words=60)

plan1 = PlanPrompt("m07.plan1")
plan2 = PlanPrompt("m07.plan2")
plan3 = PlanPrompt("m07.plan3")
