"""Questions of module m08, "Value chain, revenue and traceability"."""

from __future__ import annotations

from asm_course import value_chain
from asm_course.checks.view import ChoiceQuestion, ItemsQuestion, PlanPrompt, Reflection, ValueQuestion
from asm_course.data import load


def _department_share_2018() -> float:
    """The producing departments' share of the royalty due on Bolivia's 2018 cooperative exports."""
    royalties = load("royalties")
    exports = load("gold_production").set_index("figure_id").loc["BOL-2018-COOPEXP", "value_usd_m"]
    due = value_chain.royalty_due(float(exports), float(value_chain.gold_royalty(royalties, "BOL")["rate_pct"]))
    return float(value_chain.royalty_split(royalties, "BOL", due)["department"])


def _incentive_bol_bra() -> float:
    royalties = load("royalties")
    price = value_chain.world_price_usd_per_g(load("global_figures"), 2018)
    return value_chain.smuggling_incentive_usd_per_kg(price, float(value_chain.gold_royalty(royalties, "BOL")["rate_pct"]),
                                                      float(value_chain.gold_royalty(royalties, "BRA")["rate_pct"]))


q1 = ValueQuestion("m08.q1", points=2, hints=3, expected=_department_share_2018, rel_tol=5e-3)
q2 = ValueQuestion("m08.q2", points=2, hints=2, expected=lambda: value_chain.miner_share(load("gold_chain"), "PER-2018"),
                   rel_tol=0, abs_tol=0.005)
q3 = ValueQuestion("m08.q3", points=2, hints=2, expected=_incentive_bol_bra, rel_tol=0.01)
q4 = ItemsQuestion("m08.q4", points=2, hints=2,
                   expected=lambda: value_chain.flagged_origins(load("gold_lots"), load("operations"), "COL"))
q5 = ChoiceQuestion("m08.q5", points=1, hints=1, options=("a", "b", "c", "d"), correct="b")
q6 = Reflection("m08.q6", points=3, hints=1, min_words=60)

plan1 = PlanPrompt("m08.plan1")
plan2 = PlanPrompt("m08.plan2")
plan3 = PlanPrompt("m08.plan3")
