"""Occupational health and safety (OHS): incident rates, under-reporting and the risk matrix.

Pure functions on the course tables (nothing is read, printed or displayed here):

- ``incidents`` (synthetic): one row per incident, with its site, severity, the worker's
  sex and the list that recorded it (``health_post``, ``association`` or ``both``);
- ``hours_worked`` (synthetic): workers and hours worked by site and sex, the denominators;
- ``ohs_tasks`` (synthetic): tasks with a likelihood and a severity score from 1 to 5.

A rate needs the right denominator (hours for exposure, workers for a head count) and
enough incidents to mean anything (:data:`MIN_INCIDENTS`); zero recorded is not zero
incidents (:func:`zero_upper_bound`). Two overlapping lists estimate what both missed
(:func:`lincoln_petersen`). Controls follow the hierarchy of controls (:data:`CONTROLS`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

#: Rates are given per this many hours worked and per this many workers.
PER_HOURS = 1_000_000
PER_WORKERS = 100_000
#: Severities of the incident log, from the least to the most severe.
SEVERITIES = ("near_miss", "medical", "lost_time", "fatal")
#: Severities that count as "serious" (lost-time injuries and deaths) in the rates.
SERIOUS = ("lost_time", "fatal")
#: Fewer incidents than this make a rate too unstable to compare (its relative error
#: is about 1/sqrt(n): above 22% under 20 incidents).
MIN_INCIDENTS = 20
#: With zero incidents in n units of exposure, about 3/n is the 95% upper bound of the rate.
RULE_OF_THREE = 3.0

#: Lists of the incident log, and the value of ``reported_to`` for incidents on both.
LISTS = ("health_post", "association")
BOTH = "both"

#: The hierarchy of controls, from the most to the least effective.
CONTROLS = ("elimination", "substitution", "engineering", "administrative", "ppe")
#: Course rule of thumb: how each level of control moves (likelihood, severity) on the 1-5 scales.
#: Elimination removes the hazard; protective equipment (PPE) only softens the harm to the wearer.
CONTROL_EFFECTS = {
    "none": (0, 0),
    "elimination": (-4, -4),
    "substitution": (-1, -2),
    "engineering": (-2, 0),
    "administrative": (-1, 0),
    "ppe": (0, -1),
}
#: Risk bands of the 5x5 matrix: (lowest score of the band, band name), from the top.
BANDS = ((20, "very_high"), (10, "high"), (5, "medium"), (1, "low"))


# --------------------------------------------------------------------------- rates


def rate(count: float, denominator: float, per: float) -> float:
    """Incidents per ``per`` units of the denominator (hours or workers)."""
    if denominator <= 0:
        raise ValueError(f"the denominator must be above zero, got {denominator}: a rate needs hours or workers")
    if count < 0:
        raise ValueError(f"the incident count must be zero or more, got {count}")
    return count * per / denominator


def serious(incidents: pd.DataFrame, severities: Iterable[str] = SERIOUS) -> pd.DataFrame:
    """The incidents of the given severities (lost-time injuries and deaths by default)."""
    severities = list(severities)
    unknown = sorted(set(severities) - set(SEVERITIES))
    if unknown:
        raise ValueError(f"severities: unknown value(s) {unknown}; use fatal, lost_time, medical or near_miss")
    return incidents[incidents["severity"].isin(severities)]


def incident_rates(incidents: pd.DataFrame, hours: pd.DataFrame, by: str = "site_id",
                   severities: Iterable[str] = SERIOUS) -> pd.DataFrame:
    """Per group (``site_id``, ``sex`` or ``iso3``): incidents, hours, workers, the rate per
    million hours and per 100,000 workers, and ``too_few`` when the count is under
    :data:`MIN_INCIDENTS` (a rate to report with a warning, not to compare)."""
    if by not in hours.columns:
        raise ValueError(f"by={by!r}: hours_worked has no such column; use site_id, sex or iso3")
    rows = serious(incidents, severities)
    if by not in rows.columns:
        rows = rows.merge(hours[["site_id", "sex", by]], on=["site_id", "sex"], how="left")
    table = hours.groupby(by)[["hours_worked", "workers"]].sum()
    table.insert(0, "incidents", rows.groupby(by).size().reindex(table.index, fill_value=0))
    table["per_million_hours"] = [rate(n, h, PER_HOURS) for n, h in zip(table["incidents"], table["hours_worked"], strict=True)]
    table["per_100k_workers"] = [rate(n, w, PER_WORKERS) for n, w in zip(table["incidents"], table["workers"], strict=True)]
    table["too_few"] = table["incidents"] < MIN_INCIDENTS
    return table


def comparable(rates: pd.DataFrame) -> list[str]:
    """The groups of :func:`incident_rates` with enough incidents to compare their rates."""
    return [str(g) for g in rates.index[~rates["too_few"].astype(bool)]]


def one_incident_step(denominator: float, per: float = PER_HOURS) -> float:
    """How much a single incident more or less moves a rate with this denominator."""
    return rate(1, denominator, per)


def zero_upper_bound(denominator: float, per: float = PER_HOURS) -> float:
    """With zero incidents recorded, the rate could still be as high as about this (95%,
    "rule of three"): zero recorded is not zero incidents."""
    return rate(RULE_OF_THREE, denominator, per)


# --------------------------------------------------------------------------- under-reporting


def list_counts(incidents: pd.DataFrame) -> dict[str, int]:
    """``n1`` (on the health-post list), ``n2`` (on the association list), ``m`` (on both)
    and ``recorded`` (on at least one)."""
    unknown = sorted(set(incidents["reported_to"].unique()) - {*LISTS, BOTH})
    if unknown:
        raise ValueError(f"reported_to: unknown value(s) {unknown}; use health_post, association or both")
    counts = incidents["reported_to"].value_counts()
    m = int(counts.get(BOTH, 0))
    return {"n1": int(counts.get(LISTS[0], 0)) + m, "n2": int(counts.get(LISTS[1], 0)) + m, "m": m,
            "recorded": int(counts.sum())}


def lincoln_petersen(n1: float, n2: float, m: float) -> float:
    """Estimated true number from two lists of ``n1`` and ``n2`` cases with ``m`` on both.

    Assumes a closed population (the same incidents over the same period), independent
    lists (being on one list does not change the chance of being on the other), equal
    chances for every incident to be listed, and correct matching of the two lists.
    """
    if m <= 0:
        raise ValueError("m (cases on both lists) must be above zero; with no overlap the lists say nothing "
                         "about what both missed")
    if m > min(n1, n2):
        raise ValueError(f"m ({m}) cannot be larger than either list (n1={n1}, n2={n2})")
    return n1 * n2 / m


def under_reporting(incidents: pd.DataFrame) -> dict[str, float]:
    """Recorded incidents, the Lincoln–Petersen estimate, and the estimated missing number and share (%)."""
    c = list_counts(incidents)
    estimate = lincoln_petersen(c["n1"], c["n2"], c["m"])
    missing = estimate - c["recorded"]
    return {"recorded": c["recorded"], "estimated": estimate, "missing": missing,
            "missing_pct": 100 * missing / estimate}


# --------------------------------------------------------------------------- risk matrix


def check_scores(likelihood: int, severity: int) -> None:
    for name, value in (("likelihood", likelihood), ("severity", severity)):
        if not 1 <= value <= 5:
            raise ValueError(f"{name} must be between 1 and 5, got {value}")


def band(score: int) -> str:
    """The risk band of a score (likelihood × severity, 1 to 25)."""
    if not 1 <= score <= 25:
        raise ValueError(f"a risk score is between 1 and 25, got {score}")
    return next(name for lowest, name in BANDS if score >= lowest)


def risk_table(tasks: pd.DataFrame) -> pd.DataFrame:
    """``tasks`` with ``risk`` (likelihood × severity) and ``band``, ranked: highest risk
    first; between equal risks the more severe first (consequences weigh more), then by id."""
    for name in ("likelihood", "severity"):
        bad = tasks.loc[~tasks[name].between(1, 5), "task_id"]
        if len(bad):
            raise ValueError(f"{name} must be between 1 and 5; check task(s) {list(bad)}")
    table = tasks.assign(risk=tasks["likelihood"] * tasks["severity"])
    table = table.assign(band=[band(score) for score in table["risk"]])
    return table.sort_values(["risk", "severity", "task_id"], ascending=[False, False, True]).reset_index(drop=True)


def top_tasks(tasks: pd.DataFrame, n: int = 5) -> list[str]:
    """The ``task_id`` of the ``n`` highest-risk tasks, in rank order."""
    return list(risk_table(tasks)["task_id"].head(n))


def apply_control(likelihood: int, severity: int, control: str) -> tuple[int, int]:
    """(likelihood, severity) after a control of the hierarchy (or ``"none"``), kept within 1-5."""
    if control not in CONTROL_EFFECTS:
        raise ValueError(f"control {control!r} is not one of {list(CONTROL_EFFECTS)}")
    check_scores(likelihood, severity)
    d_likelihood, d_severity = CONTROL_EFFECTS[control]
    return max(1, likelihood + d_likelihood), max(1, severity + d_severity)


def with_controls(tasks: pd.DataFrame, controls: Mapping[str, str]) -> pd.DataFrame:
    """:func:`risk_table` after applying ``controls`` (task_id → control) to some tasks."""
    unknown = sorted(set(controls) - set(tasks["task_id"]))
    if unknown:
        raise ValueError(f"controls: unknown task id(s) {unknown}")
    chosen = [controls.get(task_id, "none") for task_id in tasks["task_id"]]
    moved = [apply_control(int(likelihood), int(severity), control)
             for likelihood, severity, control in zip(tasks["likelihood"], tasks["severity"], chosen, strict=True)]
    table = risk_table(tasks.assign(likelihood=[m[0] for m in moved], severity=[m[1] for m in moved]))
    return table.assign(control=[controls.get(task_id, "none") for task_id in table["task_id"]])


def still_high_with(tasks: pd.DataFrame, task_ids: Iterable[str], control: str) -> list[str]:
    """Of ``task_ids``, those still in the high or very high band after ``control``."""
    ids = list(task_ids)
    table = with_controls(tasks, {task_id: control for task_id in ids}).set_index("task_id")
    return [task_id for task_id in ids if table.at[task_id, "band"] in ("high", "very_high")]


def women_share_of_top(tasks: pd.DataFrame, n: int = 5) -> float:
    """The mean share (%) of women in the ``n`` highest-risk tasks (each task weighs the same)."""
    return float(risk_table(tasks).head(n)["women_share_pct"].mean())
