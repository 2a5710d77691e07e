"""Legal definitions of ASM and the classification of mining operations.

Two tables feed these functions: ``legal_criteria`` (one legal criterion of one
category: ``iso3``, ``category``, ``criterion``, ``operator``, ``value``,
``mineral_scope``, ``status`` …, real) and ``operations`` (one mining operation:
``area_ha``, ``capacity_t_per_day``, ``capacity_m3_per_day``, flags …, synthetic).

Thresholds are applied exactly as the law words them: "up to 25 t/day" is ``<=`` 25, so
an operation at exactly 25 t/day is inside the category. A threshold that was not found
(``status == "not_found"``, empty value) is never replaced by a guess: an operation cannot
be shown to meet it. Nothing is read or printed here.
"""

from __future__ import annotations

import math
import operator
from dataclasses import dataclass, fields, replace
from typing import Any

import pandas as pd

OPERATORS = {"<=": operator.le, "<": operator.lt, ">=": operator.ge, ">": operator.gt, "==": operator.eq}
PERU_CATEGORIES = ("PMA", "PPM", "general")
STATUS_ORDER = ("confirmed", "confirmed_secondary", "uncertain", "not_found")


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def meets(value: Any, op: str, threshold: Any) -> bool:
    """Whether ``value op threshold`` holds (``op`` one of ``<=``, ``<``, ``>=``, ``>``, ``==``).

    A missing value or a missing threshold never meets a criterion: a gap is not a pass.
    """
    if _missing(value) or _missing(threshold):
        return False
    return bool(OPERATORS[op](float(value), float(threshold)))


# --- the nine countries' definitions --------------------------------------------------

def country_criteria(criteria: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """The criteria of one country (ISO3 code such as ``"PER"``), in the table's order."""
    return criteria[criteria["iso3"] == iso3.upper()]


def has_threshold(criteria: pd.DataFrame) -> pd.Series:
    """True for each criterion that carries a value (a number the law sets)."""
    return criteria["value"].notna()


def status_counts(criteria: pd.DataFrame) -> pd.DataFrame:
    """Per country: how many criteria were found with each status (columns in the order
    confirmed, confirmed_secondary, uncertain, not_found), and how many categories."""
    counts = pd.crosstab(criteria["iso3"], criteria["status"]).reindex(columns=list(STATUS_ORDER), fill_value=0)
    counts.insert(0, "categories", criteria.groupby("iso3")["category"].nunique())
    counts.columns.name = None
    return counts.astype(int)


def countries_without_thresholds(criteria: pd.DataFrame) -> list[str]:
    """ISO3 codes of the countries for which no legal threshold was found at all (a data
    gap in the research, not proof that the country has no definition)."""
    found = criteria[has_threshold(criteria)]["iso3"].unique()
    return sorted(set(criteria["iso3"]) - set(found))


def countries_with_only_uncertain_thresholds(criteria: pd.DataFrame) -> list[str]:
    """ISO3 codes of countries whose every threshold with a value is ``uncertain``."""
    valued = criteria[has_threshold(criteria)]
    uncertain = valued.groupby("iso3")["status"].apply(lambda s: bool((s == "uncertain").all()))
    return sorted(uncertain[uncertain].index)


# --- Peru: PPM / PMA / general regime ---------------------------------------------------

@dataclass(frozen=True)
class PeruCaps:
    """Peru's caps for the artisanal (PMA) and small (PPM) producer categories.

    Areas in ha; hard-rock capacity in t of ore per day, by mineral class; placer
    capacity in m³ of material per day. ``None`` = not found: never guessed.
    """

    pma_area_ha: float | None
    pma_t_metallic: float | None
    pma_t_non_metallic: float | None
    pma_m3_placer: float | None
    ppm_area_ha: float | None
    ppm_t_metallic: float | None
    ppm_t_non_metallic: float | None
    ppm_m3_placer: float | None


PERU_CRITERIA = {
    "pma_area_ha": "PER-PMA-AREA", "pma_t_metallic": "PER-PMA-CAP-MET",
    "pma_t_non_metallic": "PER-PMA-CAP-NONMET", "pma_m3_placer": "PER-PMA-CAP-PLACER",
    "ppm_area_ha": "PER-PPM-AREA", "ppm_t_metallic": "PER-PPM-CAP-MET",
    "ppm_t_non_metallic": "PER-PPM-CAP-NONMET", "ppm_m3_placer": "PER-PPM-CAP-PLACER",
}


def peru_caps(criteria: pd.DataFrame) -> PeruCaps:
    """Peru's caps as stored in ``legal_criteria`` (empty values stay ``None``)."""
    by_id = criteria.set_index("criterion_id")["value"]
    values = {name: by_id.get(cid) for name, cid in PERU_CRITERIA.items()}
    return PeruCaps(**{k: None if _missing(v) else float(v) for k, v in values.items()})


def cap_names(caps: PeruCaps, with_value: bool = True) -> list[str]:
    """The names of the caps (``pma_t_metallic`` …), only those with a value by default."""
    return [f.name for f in fields(caps) if not with_value or getattr(caps, f.name) is not None]


def with_cap(caps: PeruCaps, name: str, value: float | None) -> PeruCaps:
    """A copy of ``caps`` with one cap changed, e.g. ``with_cap(caps, "pma_t_metallic", 50)``."""
    return replace(caps, **{name: value})


def capacity_and_caps(op: pd.Series, caps: PeruCaps) -> tuple[float, float | None, float | None]:
    """For one operation: its capacity and the PMA and PPM capacity caps that apply to it.

    Placer (alluvial) operations are measured in m³/day; hard-rock ones in t/day, with
    separate caps for metallic and non-metallic minerals.
    """
    if op["deposit_type"] == "placer":
        return op["capacity_m3_per_day"], caps.pma_m3_placer, caps.ppm_m3_placer
    if op["mineral_class"] == "non_metallic":
        return op["capacity_t_per_day"], caps.pma_t_non_metallic, caps.ppm_t_non_metallic
    return op["capacity_t_per_day"], caps.pma_t_metallic, caps.ppm_t_metallic


def classify_pe(op: pd.Series, caps: PeruCaps) -> str:
    """Peru's category of one operation: ``"PMA"`` (artisanal producer), ``"PPM"`` (small
    producer) or ``"general"`` (the general regime, above both).

    An operation is in a category when its area AND its capacity are each at most the
    category's cap ("up to" = ``<=``); PMA is tested first because it is the smaller one.
    """
    capacity, pma_cap, ppm_cap = capacity_and_caps(op, caps)
    if meets(op["area_ha"], "<=", caps.pma_area_ha) and meets(capacity, "<=", pma_cap):
        return "PMA"
    if meets(op["area_ha"], "<=", caps.ppm_area_ha) and meets(capacity, "<=", ppm_cap):
        return "PPM"
    return "general"


def classify_peru(ops: pd.DataFrame, caps: PeruCaps) -> pd.Series:
    """The category of every operation (index of ``ops``), named ``category``."""
    return ops.apply(lambda op: classify_pe(op, caps), axis=1).astype(str).rename("category")


def category_counts(categories: pd.Series) -> pd.Series:
    """How many operations fall in each of Peru's categories, always in the order PMA,
    PPM, general (a category with no operation shows 0)."""
    counts = categories.value_counts().reindex(list(PERU_CATEGORIES), fill_value=0)
    return counts.astype(int).rename("operations").rename_axis("category")


def reclassification(ops: pd.DataFrame, caps: PeruCaps, new_caps: PeruCaps) -> pd.DataFrame:
    """Operations whose category changes when the caps change: one row per move
    (``from``, ``to``) with the number of ``operations``; empty if nothing moves."""
    before, after = classify_peru(ops, caps), classify_peru(ops, new_caps)
    moved = pd.DataFrame({"from": before, "to": after})[before != after]
    table = moved.groupby(["from", "to"]).size().rename("operations").reset_index()
    return table.sort_values("operations", ascending=False, kind="stable").reset_index(drop=True)


def changed_count(ops: pd.DataFrame, caps: PeruCaps, new_caps: PeruCaps) -> int:
    """How many operations change category when ``caps`` become ``new_caps``."""
    return int((classify_peru(ops, caps) != classify_peru(ops, new_caps)).sum())


# --- Peru: informal or illegal ------------------------------------------------------------
# Simplified from Peru's law: D.Leg. 1105 (2012), art. 2, defines informal and illegal mining;
# D.Leg. 1336 (2017) ties the formalization process to enrolment in REINFO; the size caps are those
# of art. 91 of the TUO of the General Mining Law. Heavy machinery stands for "equipment beyond
# the caps of the category".

ILLEGAL_REASONS = ("in_protected_area", "in_water_body", "uses_heavy_machinery", "not_in_reinfo")


def illegal_reasons(ops: pd.DataFrame) -> pd.DataFrame:
    """Which of Peru's grounds for "illegal" each operation meets (True/False columns):
    in a protected area or buffer zone, in a water body, heavy machinery (taken here as
    machinery that does not match artisanal work), not enrolled in REINFO."""
    reasons = pd.DataFrame({
        "in_protected_area": ops["in_protected_area"],
        "in_water_body": ops["in_water_body"],
        "uses_heavy_machinery": ops["uses_heavy_machinery"],
        "not_in_reinfo": ~ops["in_reinfo"].astype("boolean"),
    }, index=ops.index)
    return reasons.fillna(False).astype(bool)


def peru_illegal(ops: pd.DataFrame) -> pd.Series:
    """True for an operation that Peru's rules would call illegal (any one ground is
    enough); False for one that is informal (in the formalization process)."""
    return illegal_reasons(ops).any(axis=1).rename("illegal")


def peru_status(ops: pd.DataFrame) -> pd.Series:
    """``"illegal"`` or ``"informal"`` for each operation (see :func:`peru_illegal`)."""
    return peru_illegal(ops).map({True: "illegal", False: "informal"}).rename("status")


# --- Colombia: title classes and subsistence mining -------------------------------------

COLOMBIA_CLASSES = ("small", "medium", "large", "over_limit")


def colombia_title_class(area_ha: float, criteria: pd.DataFrame) -> str:
    """Colombia's title class by area (exploration/construction stage, Decreto 1666 of
    2016): ``small``, ``medium``, ``large``, or ``over_limit`` above the large class."""
    by_id = criteria.set_index("criterion_id")["value"]
    for name, cid in (("small", "COL-SMALL-AREA"), ("medium", "COL-MEDIUM-AREA"), ("large", "COL-LARGE-AREA")):
        if meets(area_ha, "<=", by_id[cid]):
            return name
    return "over_limit"


def colombia_subsistence_gold(ops: pd.DataFrame, cap_g_per_year: float) -> pd.Series:
    """True for a gold operation that fits Colombia's subsistence rules: open pit, no
    machinery, and gold output at most ``cap_g_per_year`` (the cap is a parameter
    because published values conflict)."""
    within = ops["gold_g_per_year"].apply(lambda g: meets(g, "<=", cap_g_per_year))
    fits = (ops["mineral"] == "gold") & ops["open_pit"] & ~ops["uses_heavy_machinery"] & within
    return fits.fillna(False).astype(bool).rename("subsistence")
