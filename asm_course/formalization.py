"""Formalization: the registry as a funnel, what the procedure costs a miner, and the backlog.

Pure functions on the course tables (nothing is read, printed or displayed here):

- ``reinfo_regions`` (real): records in force ("active": the permanence conditions met, i.e.
  the IGAFOM environmental instrument filed, an active tax registration and the half-yearly
  production declarations) and suspended records of Peru's formalization register (REINFO)
  by region; registered = active + suspended;
- ``registry_records`` (synthetic): one row per record in force, with a true/false flag for
  each later stage (environmental instrument approved → mining right or contract →
  formalized) and the days the current application has been pending;
- ``formalization_steps`` (synthetic): the steps of a procedure with fees, processing days
  and a one-stop-shop scenario; ``miner_income`` (synthetic): a miner's monthly income;
- ``legal_criteria`` (real): the legal thresholds of each country's ASM categories.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

#: Stages of the formalization funnel, in order.
STAGES = ("registered", "active", "environmental_instrument", "mining_right_or_contract", "formalized")
#: Column of ``registry_records`` that says whether a record has reached a later stage.
STAGE_FLAGS = {
    "environmental_instrument": "has_environmental_instrument",
    "mining_right_or_contract": "has_mining_right_or_contract",
    "formalized": "formalized",
}
#: The row of ``reinfo_regions`` that groups every region not listed by name.
OTHER_REGIONS = "Other regions"


# --------------------------------------------------------------------------- the funnel


def stage_counts(records: pd.DataFrame, regions: pd.DataFrame, region: str | None = None) -> pd.Series:
    """Records at each stage of the funnel, for the whole country or one ``region``.

    ``registered`` is active + suspended records (real ``reinfo_regions``); ``active`` is
    the number of records in the extract; each later stage counts the records whose flag
    is true (the flags are cumulative: a later stage implies the earlier ones).
    """
    if region is not None:
        regions = regions[regions["region"] == region]
        records = records[records["region"] == region]
        if regions.empty:
            raise ValueError(f"unknown region {region!r}")
    counts = {"registered": int(regions["active"].sum() + regions["suspended"].sum()),
              "active": len(records)}
    for stage, flag in STAGE_FLAGS.items():
        counts[stage] = int(records[flag].sum())
    out = pd.Series(counts, name="records", dtype="int64")
    out.index.name = "stage"
    return out


def conversion_rates(counts: pd.Series) -> pd.Series:
    """Share of the records at each stage that reached the next one (stage ÷ previous stage),
    from the second stage on. A stage after an empty one gives NaN, not a division by zero."""
    previous = counts.shift(1).astype(float).replace(0, np.nan)
    return (counts.astype(float) / previous).iloc[1:].rename("conversion")


def largest_drop(counts: pd.Series) -> str:
    """The stage reached by the smallest share of the records at the stage before it:
    where the funnel narrows most, the first candidate for the binding constraint (a
    hypothesis to check: a drop shows where records stop, not why)."""
    return str(conversion_rates(counts).idxmin())


def funnel(counts: pd.Series) -> pd.DataFrame:
    """A funnel table: records, conversion from the previous stage, share of the registered
    records that got this far, and records lost since the previous stage."""
    table = pd.DataFrame({"records": counts.astype("int64")})
    table["conversion"] = conversion_rates(counts)
    table["share_of_registered"] = counts / counts.iloc[0] if counts.iloc[0] else np.nan
    table["lost"] = (counts.shift(1) - counts).astype("Int64")
    return table


def funnel_by_region(records: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """One row per region (most registered records first): stage counts, the conversion
    into each stage (``rate_<stage>``), the share of registered records fully formalized,
    and the stage of the largest drop."""
    rows = {}
    for region in regions["region"]:
        counts = stage_counts(records, regions, region)
        rates = conversion_rates(counts).add_prefix("rate_")
        rows[region] = pd.concat([counts.astype(float), rates]).to_dict() | {
            "formalized_share": counts["formalized"] / counts["registered"],
            "largest_drop": largest_drop(counts),
        }
    table = pd.DataFrame.from_dict(rows, orient="index")
    table[list(STAGES)] = table[list(STAGES)].astype("int64")
    table.index.name = "region"
    return table.sort_values("registered", ascending=False, kind="stable")


def active_shares(regions: pd.DataFrame) -> pd.DataFrame:
    """Each named region's share of all active records, largest first, with the cumulative
    share. ``Other regions`` (a group, not a region) counts in the total but is not ranked."""
    total = regions["active"].sum()
    named = regions[regions["region"] != OTHER_REGIONS].set_index("region")["active"]
    table = named.sort_values(ascending=False, kind="stable").to_frame("active")
    table["share"] = table["active"] / total
    table["cumulative_share"] = table["share"].cumsum()
    return table


# --------------------------------------------------------------------------- cost and time


def months_of_income(cost_usd: float, monthly_income_usd: float) -> float:
    """A cost expressed in months of a miner's income."""
    if monthly_income_usd <= 0:
        raise ValueError("monthly_income_usd must be positive")
    return float(cost_usd) / float(monthly_income_usd)


def monthly_income(income: pd.DataFrame, iso3: str) -> float:
    """The monthly income (USD) of a miner in one country, from ``miner_income``."""
    rows = income.loc[income["iso3"] == iso3, "monthly_income_usd"]
    if rows.empty:
        raise ValueError(f"no income for {iso3!r}")
    return float(rows.iloc[0])


def procedure(steps: pd.DataFrame, iso3: str, one_stop_shop: bool = False,
              removed: Iterable[str] = ()) -> pd.DataFrame:
    """One country's steps in order, with the fee (USD) and days of the scenario chosen
    (current, or one-stop shop); steps whose ``step_id`` is in ``removed`` are left out."""
    rows = steps[steps["iso3"] == iso3].sort_values("order")
    if rows.empty:
        raise ValueError(f"no formalization steps for {iso3!r}")
    fee, days = ("one_stop_shop_fee_usd", "one_stop_shop_days") if one_stop_shop else ("fee_usd", "processing_days")
    out = pd.DataFrame({"step_id": rows["step_id"], "order": rows["order"], "step": rows["step"],
                        "agency": rows["agency"], "fee_usd": rows[fee].astype(float),
                        "days": rows[days].astype("int64")})
    return out[~out["step_id"].isin(list(removed))].reset_index(drop=True)


def procedure_totals(steps: pd.DataFrame, iso3: str, monthly_income_usd: float,
                     one_stop_shop: bool = False, removed: Iterable[str] = ()) -> pd.Series:
    """Number of steps, total fees (USD), total days (steps one after another) and the
    fees in months of a miner's income, for one country and scenario."""
    rows = procedure(steps, iso3, one_stop_shop, removed)
    fee = float(rows["fee_usd"].sum())
    return pd.Series({"steps": len(rows), "fee_usd": fee, "days": int(rows["days"].sum()),
                      "months_of_income": months_of_income(fee, monthly_income_usd)}, name=iso3)


def cost_by_country(steps: pd.DataFrame, income: pd.DataFrame, one_stop_shop: bool = False) -> pd.DataFrame:
    """:func:`procedure_totals` for every country that has procedure steps, with its income."""
    rows = []
    for iso3 in sorted(steps["iso3"].unique()):
        pay = monthly_income(income, iso3)
        rows.append(procedure_totals(steps, iso3, pay, one_stop_shop).to_dict()
                    | {"iso3": iso3, "monthly_income_usd": pay})
    table = pd.DataFrame(rows).set_index("iso3")
    table["steps"] = table["steps"].astype("int64")
    table["days"] = table["days"].astype("int64")
    return table[["steps", "fee_usd", "days", "monthly_income_usd", "months_of_income"]]


def scenario_comparison(steps: pd.DataFrame, income: pd.DataFrame) -> pd.DataFrame:
    """Per country: fees, days and months of income today and with a one-stop shop, and
    what the one-stop shop saves (``*_saved``)."""
    now = cost_by_country(steps, income)
    shop = cost_by_country(steps, income, one_stop_shop=True)
    table = pd.DataFrame({
        "fee_usd": now["fee_usd"], "fee_usd_one_stop": shop["fee_usd"],
        "days": now["days"], "days_one_stop": shop["days"],
        "months": now["months_of_income"], "months_one_stop": shop["months_of_income"],
    })
    table["days_saved"] = table["days"] - table["days_one_stop"]
    table["months_saved"] = table["months"] - table["months_one_stop"]
    return table


# --------------------------------------------------------------------------- backlog


def waiting_for(records: pd.DataFrame) -> pd.Series:
    """The next stage each record is waiting for (``environmental_instrument``,
    ``mining_right_or_contract`` or ``formalized``); NA for records already formalized."""
    env = records["has_environmental_instrument"].fillna(False).to_numpy(bool)
    right = records["has_mining_right_or_contract"].fillna(False).to_numpy(bool)
    done = records["formalized"].fillna(False).to_numpy(bool)
    stage = np.select([done, right, env], ["", "formalized", "mining_right_or_contract"],
                      default="environmental_instrument")
    return pd.Series(stage, index=records.index, name="waiting_for", dtype="string").replace("", pd.NA)


def pending(records: pd.DataFrame) -> pd.DataFrame:
    """The records not yet formalized, with the stage they wait for and their days pending."""
    table = records.assign(waiting_for=waiting_for(records))
    return table[table["waiting_for"].notna()]


def median_days_pending(records: pd.DataFrame, by: str | list[str] = "waiting_for") -> pd.Series:
    """Median days pending of the applications not yet formalized, grouped ``by`` the stage
    they wait for (default), ``"region"``, or both (a list)."""
    table = pending(records)
    medians = table.groupby(by, sort=False)["days_pending"].median().astype(float)
    if by == "waiting_for":
        order = [s for s in STAGES if s in medians.index]
        medians = medians.reindex(order)
    return medians.rename("median_days_pending")


def share_waiting_longer(records: pd.DataFrame, days: int = 365) -> float:
    """Share of the pending applications that have waited more than ``days`` days."""
    waits = pending(records)["days_pending"].dropna()
    return float((waits > days).mean()) if len(waits) else float("nan")


def backlog_by_region(records: pd.DataFrame, days: int = 365) -> pd.DataFrame:
    """Per region: pending applications, their median days pending and the share pending
    more than ``days`` days; longest median wait first."""
    table = pending(records)
    out = table.groupby("region").agg(pending=("record_id", "size"), median_days=("days_pending", "median"))
    out["share_over"] = table.groupby("region")["days_pending"].apply(lambda s: float((s.dropna() > days).mean()))
    out["median_days"] = out["median_days"].astype(float)
    return out.sort_values("median_days", ascending=False, kind="stable")


# --------------------------------------------------------------------------- instruments


def instrument_rules(criteria: pd.DataFrame, iso3: Iterable[str] | None = None) -> pd.DataFrame:
    """The legal thresholds of each category (``legal_criteria``) for some countries, with
    their status, in the table's order; rules with no value found are kept (a gap)."""
    rows = criteria if iso3 is None else criteria[criteria["iso3"].isin(list(iso3))]
    return rows[["iso3", "category_en", "criterion", "operator", "value", "status"]].reset_index(drop=True)
