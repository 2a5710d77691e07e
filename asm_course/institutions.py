"""Organising government and including stakeholders (module m02).

Pure functions on the course tables ``authorities``, ``agency_mandates``, ``stakeholders``,
``consultation_participants`` and ``population_shares``:

- a mandate table in RACI form (Responsible, Accountable, Consulted, Informed) and the rule
  that every task has exactly one Accountable and at least one Responsible agency;
- the influence/interest grid of stakeholders (≥ 3 on a 1–5 scale counts as high);
- how representative a consultation is: representation ratio = share of a group among
  participants ÷ its share in the population; below 0.8 is flagged.
"""

from __future__ import annotations

import pandas as pd

# --------------------------------------------------------------------------- authorities

LEVELS = ("national", "regional", "municipal")


def bodies_by_level(authorities: pd.DataFrame) -> pd.DataFrame:
    """Number of listed bodies per country (rows) and level of government (columns), with zeros."""
    table = pd.crosstab(authorities["iso3"], authorities["level"])
    return table.reindex(columns=list(LEVELS), fill_value=0).rename_axis(columns=None).astype(int)


# --------------------------------------------------------------------------- RACI mandates

TASKS = ("licensing", "environmental_permit", "mercury_import_control", "ohs_inspection",
         "royalty_collection", "gold_purchase")
RULES = ("no_accountable", "several_accountable", "no_responsible")


def raci_matrix(mandates: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """One country's mandate table as a grid: tasks (rows) × agencies (columns), letters in
    the cells ("" where an agency has no role; "A/R" if an agency holds two letters)."""
    rows = mandates[mandates["iso3"] == iso3]
    grid = rows.groupby(["task", "agency"])["raci"].agg(lambda s: "/".join(sorted(s))).unstack(fill_value="")
    order = [t for t in TASKS if t in grid.index] + sorted(set(grid.index) - set(TASKS))
    return grid.reindex(order).rename_axis(index="task", columns=None)


def raci_counts(mandates: pd.DataFrame) -> pd.DataFrame:
    """Per country and task: how many agencies are Accountable and how many Responsible."""
    letters = mandates.assign(accountable=mandates["raci"] == "A", responsible=mandates["raci"] == "R")
    counts = letters.groupby(["iso3", "task"], sort=False)[["accountable", "responsible"]].sum().astype(int)
    return counts.reset_index()


def broken_rules(accountable: int, responsible: int) -> list[str]:
    """The rules a task breaks, from its number of Accountable and Responsible agencies."""
    rules = []
    if accountable == 0:
        rules.append("no_accountable")
    elif accountable > 1:
        rules.append("several_accountable")
    if responsible == 0:
        rules.append("no_responsible")
    return rules


def raci_problems(mandates: pd.DataFrame, iso3: str | None = None) -> pd.DataFrame:
    """One row per task and broken rule (columns iso3, task, rule, accountable, responsible),
    for one country or for all; an empty table when every task follows the rule."""
    counts = raci_counts(mandates if iso3 is None else mandates[mandates["iso3"] == iso3])
    rows = [
        {**row, "rule": rule}
        for row in counts.to_dict("records")
        for rule in broken_rules(row["accountable"], row["responsible"])
    ]
    columns = ["iso3", "task", "rule", "accountable", "responsible"]
    frame = pd.DataFrame(rows, columns=columns)
    if frame.empty:
        return frame.astype({"accountable": int, "responsible": int})
    order = {t: i for i, t in enumerate(TASKS)}
    return (frame.assign(_o=frame["task"].map(order).fillna(len(TASKS)))
            .sort_values(["iso3", "_o", "rule"]).drop(columns="_o").reset_index(drop=True))


def tasks_breaking_rules(mandates: pd.DataFrame, iso3: str) -> list[str]:
    """Tasks of one country that do not have exactly one Accountable and at least one
    Responsible agency, in the usual task order."""
    problems = raci_problems(mandates, iso3)
    return list(dict.fromkeys(problems["task"]))


def countries_with_rule(mandates: pd.DataFrame, rule: str) -> list[str]:
    """Country codes (sorted) where at least one task breaks ``rule`` (one of RULES)."""
    if rule not in RULES:
        raise ValueError(f"rule must be one of {RULES}, not {rule!r}")
    problems = raci_problems(mandates)
    return sorted(problems.loc[problems["rule"] == rule, "iso3"].unique())


# --------------------------------------------------------------------------- stakeholders

QUADRANTS = ("manage closely", "keep satisfied", "keep informed", "monitor")
STAKEHOLDER_GROUPS = (
    "miners_cooperative", "miners_association", "women_miners_association", "informal_miners",
    "indigenous_community", "local_community", "lsm_company", "trader", "processing_plant_owner",
    "ngo", "donor", "ministry", "regional_government", "municipality", "health_service",
)
HIGH = 3  # on the 1–5 scales, a score of 3 or more counts as high


def quadrant(influence: int, interest: int, threshold: int = HIGH) -> str:
    """Quadrant of the influence/interest grid; a score ≥ ``threshold`` is high.

    high influence + high interest → "manage closely"; high influence + low interest →
    "keep satisfied"; low influence + high interest → "keep informed"; both low → "monitor".
    """
    for score in (influence, interest):
        if not 1 <= score <= 5:
            raise ValueError(f"scores run from 1 to 5, not {score}")
    high_influence, high_interest = influence >= threshold, interest >= threshold
    if high_influence:
        return "manage closely" if high_interest else "keep satisfied"
    return "keep informed" if high_interest else "monitor"


def stakeholder_grid(stakeholders: pd.DataFrame, threshold: int = HIGH) -> pd.DataFrame:
    """The stakeholders table with a ``quadrant`` column added (a copy)."""
    out = stakeholders.copy()
    out["quadrant"] = [quadrant(int(i), int(n), threshold)
                       for i, n in zip(stakeholders["influence"], stakeholders["interest"], strict=True)]
    return out


def quadrant_counts(stakeholders: pd.DataFrame, iso3: str | None = None,
                    groups: list[str] | None = None, threshold: int = HIGH) -> pd.Series:
    """Number of stakeholders in each of the four quadrants (zeros included), optionally for
    one country and some stakeholder groups only."""
    rows = stakeholders
    if iso3 is not None:
        rows = rows[rows["iso3"] == iso3]
    if groups:
        rows = rows[rows["group"].isin(groups)]
    grid = stakeholder_grid(rows, threshold)
    counts = grid["quadrant"].value_counts().reindex(list(QUADRANTS), fill_value=0).astype(int)
    return counts.rename("stakeholders").rename_axis("quadrant")


def absent_groups(stakeholders: pd.DataFrame, iso3: str) -> list[str]:
    """Stakeholder groups (of STAKEHOLDER_GROUPS) that a country's map does not list at all."""
    present = set(stakeholders.loc[stakeholders["iso3"] == iso3, "group"])
    return [g for g in STAKEHOLDER_GROUPS if g not in present]


# --------------------------------------------------------------------------- consultations

DIMENSIONS = ("sex", "region", "role")
UNDER = 0.8  # a representation ratio below this flags a group as under-represented


def representation(participants: pd.DataFrame, population: pd.DataFrame, iso3: str,
                   threshold: float = UNDER) -> pd.DataFrame:
    """How well each population group is represented among one country's participants.

    One row per group of the population baseline (sex, region, role), also when no
    participant belongs to it: ``population_pct``, ``participants`` (count),
    ``participant_pct``, ``ratio`` = participant_pct ÷ population_pct, and ``flagged`` when
    the ratio is below ``threshold``.
    """
    people = participants[participants["iso3"] == iso3]
    base = population[population["iso3"] == iso3]
    rows = []
    for dimension in DIMENSIONS:
        groups = base[base["dimension"] == dimension]
        counts = people[dimension].value_counts() if dimension in people else pd.Series(dtype=int)
        for group, share in zip(groups["group"], groups["share_pct"], strict=True):
            n = int(counts.get(group, 0))
            pct = 100 * n / len(people) if len(people) else float("nan")
            rows.append({"dimension": dimension, "group": group, "population_pct": float(share),
                         "participants": n, "participant_pct": pct})
    table = pd.DataFrame(rows, columns=["dimension", "group", "population_pct", "participants", "participant_pct"])
    table["ratio"] = table["participant_pct"] / table["population_pct"]
    table["flagged"] = table["ratio"] < threshold
    return table


def underrepresented(participants: pd.DataFrame, population: pd.DataFrame, iso3: str,
                     threshold: float = UNDER) -> list[str]:
    """Groups whose representation ratio is below ``threshold``, in table order."""
    table = representation(participants, population, iso3, threshold)
    return table.loc[table["flagged"], "group"].tolist()


def representation_ratio(participant_share: float, population_share: float) -> float:
    """Share among participants ÷ share in the population (both in the same unit)."""
    if population_share <= 0:
        raise ValueError("the population share must be above zero")
    return participant_share / population_share
