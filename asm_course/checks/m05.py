"""Questions of module m05, "Mercury, environment and the Minamata National Action Plan"."""

from __future__ import annotations

import pandas as pd

from asm_course import mercury
from asm_course.checks.view import ChoiceQuestion, FunctionQuestion, ItemsQuestion, PlanPrompt, Reflection
from asm_course.data import load


def _sites() -> pd.DataFrame:
    return load("sites_mercury")


def _ratios() -> pd.DataFrame:
    return mercury.ratio_parameters(load("hg_au_ratios"))


def _gold(iso3: str) -> pd.Series:
    return mercury.gold_by_practice(_sites(), iso3)


def _made_up_mix() -> tuple[pd.Series, pd.DataFrame]:
    """Gold and ratios that are not in the data, so that a function cannot hard-code them."""
    gold = pd.Series({"concentrate_retort": 40.0, "whole_ore_amalgamation": 10.0}, name="gold_kg")
    ratios = pd.DataFrame({"low": [1.0, 0.1, 0.0], "central": [4.0, 0.3, 0.0], "high": [9.0, 0.6, 0.0]},
                          index=["whole_ore_amalgamation", "concentrate_retort", "mercury_free"])
    return gold, ratios


def _flagged() -> list[str]:
    return mercury.flagged_targets(mercury.target_review(_sites(), _ratios(), mercury.DRAFT_TARGETS_PCT))


q1 = ItemsQuestion("m05.q1", points=2, hints=2, expected=lambda: mercury.annex_c_gaps(mercury.draft_nap_table()))
q2 = FunctionQuestion("m05.q2", points=2, hints=3, reference=mercury.baseline_total,
                      cases=lambda: [(_gold("HND"), _ratios(), "central")],
                      hidden_cases=lambda: [(_gold("HND"), _ratios(), "low"), (_gold("PER"), _ratios(), "high"),
                                            (*_made_up_mix(), "low"), (*_made_up_mix(), "high")])
q3 = ItemsQuestion("m05.q3", points=2, hints=3, expected=_flagged)
q4 = ItemsQuestion("m05.q4", points=2, hints=2,
                   expected=lambda: mercury.mixes_where_gold_and_mercury_differ(_sites(), _ratios()))
q5 = ChoiceQuestion("m05.q5", points=1, hints=1, options=("a", "b", "c", "d"), correct="b")
q6 = Reflection("m05.q6", points=3, hints=1, min_words=60)

plan1 = PlanPrompt("m05.plan1")
plan2 = PlanPrompt("m05.plan2")
plan3 = PlanPrompt("m05.plan3")
