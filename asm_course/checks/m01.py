"""Questions of module m01, "What is ASM? Types and legal definitions"."""

from __future__ import annotations

import pandas as pd

from asm_course import legal
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


def _criteria() -> pd.DataFrame:
    return load("legal_criteria")


def _caps() -> legal.PeruCaps:
    return legal.peru_caps(_criteria())


def _peru() -> pd.DataFrame:
    ops = load("operations")
    return ops[ops["iso3"] == "PER"]


def _rows(ids: list[str]) -> list[tuple]:
    """Peru's operations with these ids, each as a one-argument case ``(row,)``."""
    peru = _peru().set_index("operation_id", drop=False)
    return [(peru.loc[i],) for i in ids]


def _extra_cases() -> list[tuple]:
    """Operations made up for the hidden tests: the non-metallic PMA cap was not found,
    so a tiny non-metallic hard-rock quarry can only be shown to be PPM."""
    base = {"operation_id": "TEST", "iso3": "PER", "mineral": "limestone", "mineral_class": "non_metallic",
            "deposit_type": "hard_rock", "capacity_m3_per_day": float("nan")}
    return [(pd.Series(base | {"area_ha": 5.0, "capacity_t_per_day": 3.0}),),
            (pd.Series(base | {"area_ha": 2000.0, "capacity_t_per_day": 1200.0}),),
            (pd.Series(base | {"mineral": "gold", "mineral_class": "metallic", "deposit_type": "placer",
                               "area_ha": 2000.0, "capacity_t_per_day": float("nan"),
                               "capacity_m3_per_day": 3000.0}),)]


q1 = ItemsQuestion("m01.q1", points=2, hints=2,
                   expected=lambda: legal.countries_without_thresholds(_criteria()))
q2 = ChoiceQuestion("m01.q2", points=1, hints=1, options=("a", "b", "c", "d"), correct="c")
q3 = FunctionQuestion(
    "m01.q3", points=3, hints=3,
    reference=lambda op: legal.classify_pe(op, _caps()),
    cases=lambda: _rows(["PER-001", "PER-002", "PER-012", "PER-050"]),
    hidden_cases=lambda: [(row,) for _, row in _peru().iterrows()] + _extra_cases(),
)
def _pma_metallic_cap() -> float:
    cap = _caps().pma_t_metallic
    if cap is None:
        raise ValueError("legal_criteria has no value for Peru's PMA capacity cap (PER-PMA-CAP-MET)")
    return cap


q4 = PlotQuestion("m01.q4", points=2, hints=2, kind="bar",
                  expected=lambda: legal.category_counts(legal.classify_peru(_peru(), _caps())).to_dict())
q5 = ValueQuestion("m01.q5", points=2, hints=2,
                   expected=lambda: legal.changed_count(_peru(), _caps(), legal.with_cap(
                       _caps(), "pma_t_metallic", 2 * _pma_metallic_cap())))
q6 = FrameQuestion("m01.q6", points=2, hints=3, expected=lambda: legal.peru_illegal(_peru()))
q7 = Reflection("m01.q7", points=3, hints=1, min_words=60)

plan1 = PlanPrompt("m01.plan1")
plan2 = PlanPrompt("m01.plan2")
