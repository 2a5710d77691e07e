"""Monitoring a strategy: SMART indicator rows, progress against the linear path, RAG status.

An indicator row is complete ("SMART" enough to monitor) when it has every field of
:data:`SMART_FIELDS`. Progress is measured as the share of the way from baseline to target
already covered, compared with the share the straight line from baseline year to target
year expects by the year of the latest value. The status thresholds are stated once here:
green when at least :data:`GREEN_AT` of the expected progress is made, amber from
:data:`AMBER_AT`, red below. Targets can go down (mercury released) or up (records): the
shares are signed so both read the same way.
"""

from __future__ import annotations

import math

import pandas as pd

SMART_FIELDS = ("unit", "baseline", "baseline_year", "target", "target_year", "source", "owner", "frequency")
GREEN_AT = 0.9
AMBER_AT = 0.75
RAG = ("green", "amber", "red")


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return True
    return str(value).strip() == "" or bool(pd.isna(value))


def missing_fields(indicators: pd.DataFrame) -> pd.Series:
    """For every row (by ``indicator_id``), the SMART fields it lacks (an empty list when none)."""
    absent = [c for c in SMART_FIELDS if c not in indicators.columns]
    if absent:
        raise ValueError(f"indicators: columns {absent} are missing; the table needs {list(SMART_FIELDS)}")
    table = indicators.set_index("indicator_id") if "indicator_id" in indicators.columns else indicators
    return table.apply(lambda row: [c for c in SMART_FIELDS if _missing(row[c])], axis=1)


def incomplete_rows(indicators: pd.DataFrame) -> list[str]:
    """Ids of the indicator rows that miss at least one SMART field, in table order."""
    gaps = missing_fields(indicators)
    return [str(i) for i, fields in gaps.items() if fields]


def _years(baseline_year: float, target_year: float) -> None:
    if _missing(baseline_year) or _missing(target_year):
        raise ValueError("baseline_year and target_year are both needed for a path; fill them in first")
    if target_year <= baseline_year:
        raise ValueError(f"target_year ({target_year}) must come after baseline_year ({baseline_year})")


def expected_share(baseline_year: float, target_year: float, year: float) -> float:
    """Share of the way the straight line expects by ``year`` (0 at the baseline year, 1 at the target year)."""
    _years(baseline_year, target_year)
    return (year - baseline_year) / (target_year - baseline_year)


def path_value(baseline: float, baseline_year: float, target: float, target_year: float, year: float) -> float:
    """The value the linear path from baseline to target expects in ``year``."""
    return baseline + (target - baseline) * expected_share(baseline_year, target_year, year)


def share_achieved(baseline: float, target: float, latest: float) -> float:
    """Share of the way from baseline to target already covered (works for falling targets too)."""
    if _missing(baseline) or _missing(target) or _missing(latest):
        raise ValueError("baseline, target and latest are all needed; an indicator without a baseline "
                         "cannot show progress")
    if target == baseline:
        raise ValueError(f"target ({target}) equals baseline: the indicator asks for no change, so progress "
                         "cannot be measured as a share; set a target that differs from the baseline")
    return (latest - baseline) / (target - baseline)


def rag_from_ratio(ratio: float) -> str:
    """"green", "amber" or "red" for achieved ÷ expected progress."""
    if ratio >= GREEN_AT:
        return "green"
    if ratio >= AMBER_AT:
        return "amber"
    return "red"


def rag_status(baseline: float, target: float, latest: float, expected: float) -> str:
    """Status of an indicator whose path expects the share ``expected`` of the way by now."""
    achieved = share_achieved(baseline, target, latest)
    if expected <= 0:
        return "green" if achieved >= 0 else "red"
    return rag_from_ratio(achieved / expected)


def progress(row: pd.Series, year: float | None = None) -> dict[str, float | str]:
    """Path value, gap to the path and status of one indicator row at ``year`` (its latest year by default).

    The gap is ``latest − path value`` in the indicator's unit; ``behind`` is the same gap
    signed so that a positive number means behind the path whatever the target's direction.
    """
    year = row["latest_year"] if year is None else year
    expected = expected_share(row["baseline_year"], row["target_year"], year)
    on_path = path_value(row["baseline"], row["baseline_year"], row["target"], row["target_year"], year)
    gap = row["latest"] - on_path
    direction = 1.0 if row["target"] > row["baseline"] else -1.0
    return {"path_value": on_path, "gap": gap, "behind": -direction * gap,
            "achieved": share_achieved(row["baseline"], row["target"], row["latest"]), "expected": expected,
            "status": rag_status(row["baseline"], row["target"], row["latest"], expected)}


def progress_table(indicators: pd.DataFrame) -> pd.DataFrame:
    """:func:`progress` of every row that can be tracked (complete baseline, target and latest)."""
    needed = ["baseline", "baseline_year", "target", "target_year", "latest", "latest_year"]
    rows = indicators.dropna(subset=needed)
    rows = rows[rows["target"] != rows["baseline"]]
    table = pd.DataFrame([progress(r) for _, r in rows.iterrows()], index=rows["indicator_id"])
    return table


def horizon(days: int) -> str:
    """The milestone an action that ends ``days`` after the plan starts belongs to: 30/90/180/365 days."""
    if days < 0:
        raise ValueError(f"days ({days}) is negative: the action ends before the plan starts")
    for limit in (30, 90, 180, 365):
        if days <= limit:
            return f"{limit}"
    return "later"
