"""Questions of module m04, "Legal framework and formalization pathways"."""

from __future__ import annotations

import pandas as pd

from asm_course import formalization
from asm_course.checks.view import (
    ChoiceQuestion,
    FrameQuestion,
    FunctionQuestion,
    ItemsQuestion,
    PlanPrompt,
    PlotQuestion,
    Reflection,
    ValueQuestion,
)
from asm_course.data import load


def _records() -> pd.DataFrame:
    return load("registry_records")


def _regions() -> pd.DataFrame:
    return load("reinfo_regions")


def _national() -> pd.Series:
    return formalization.stage_counts(_records(), _regions())


def _region(name: str) -> pd.Series:
    return formalization.stage_counts(_records(), _regions(), name)


def _made_up_funnel() -> pd.Series:
    """A small funnel that is not in the data, so that a function cannot hard-code it."""
    return pd.Series({"registered": 1000, "active": 800, "environmental_instrument": 200,
                      "mining_right_or_contract": 150, "formalized": 120}, name="records")


def _other_drops() -> list[str]:
    table = formalization.funnel_by_region(_records(), _regions())
    return [region for region, stage in table["largest_drop"].items() if stage != "active"]


def _months() -> dict[str, float]:
    costs = formalization.cost_by_country(load("formalization_steps"), load("miner_income"))
    return costs["months_of_income"].to_dict()


def _months_saved_peru() -> float:
    table = formalization.scenario_comparison(load("formalization_steps"), load("miner_income"))
    return float(table.loc["PER", "months_saved"])


q1 = FrameQuestion("m04.q1", points=2, hints=3, expected=_national)
q2 = FunctionQuestion("m04.q2", points=2, hints=3, reference=formalization.conversion_rates,
                      cases=lambda: [(_national(),)],
                      hidden_cases=lambda: [(_region("Puno"),), (_region("Lima"),), (_made_up_funnel(),)],
                      unit="fraction")
q3 = ItemsQuestion("m04.q3", points=2, hints=2, expected=_other_drops)
q4 = ValueQuestion("m04.q4", points=2, hints=3, expected=_months_saved_peru, rel_tol=5e-3)
q5 = PlotQuestion("m04.q5", points=2, hints=2, kind="bar", expected=_months)
q6 = ChoiceQuestion("m04.q6", points=1, hints=1, options=("a", "b", "c", "d"), correct="c")
q7 = Reflection("m04.q7", points=3, hints=1, min_words=60)

plan1 = PlanPrompt("m04.plan1")
plan2 = PlanPrompt("m04.plan2")
plan3 = PlanPrompt("m04.plan3")
