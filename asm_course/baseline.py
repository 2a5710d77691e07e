"""Published estimates under uncertainty: one country's figures, central values, spread.

Every function takes the ``workforce_estimates`` table (one row per published
estimate: ``iso3``, ``workers``, ``workers_low``, ``workers_high``, ``year`` …) and
returns a new table; nothing is read or printed here.
"""

from __future__ import annotations

import pandas as pd


def estimates_for(estimates: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """The estimates of one country (ISO3 code such as ``"PER"``), in the table's order."""
    return estimates[estimates["iso3"] == iso3.upper()]


def central_values(estimates: pd.DataFrame) -> pd.Series:
    """Each estimate's central value: the published value, else the middle of its range."""
    middle = (estimates["workers_low"] + estimates["workers_high"]) / 2
    return estimates["workers"].astype("Float64").fillna(middle).rename("workers_central")


def median_by_country(estimates: pd.DataFrame, column: str = "workers") -> pd.Series:
    """Median of ``column`` per country, largest first. Rows without a value are skipped,
    and a country with no value at all is left out (it is a data gap, not a zero)."""
    medians = estimates.groupby("iso3")[column].median().dropna()
    return medians.astype(float).sort_values(ascending=False)


def spread_by_country(estimates: pd.DataFrame) -> pd.DataFrame:
    """Lowest and highest figure published per country and how many times larger the
    highest is (``high_to_low``): a first measure of how uncertain a baseline is."""
    low = estimates[["workers", "workers_low"]].min(axis=1)
    high = estimates[["workers", "workers_high"]].max(axis=1)
    table = pd.DataFrame({"iso3": estimates["iso3"], "low": low, "high": high}).dropna()
    out = table.groupby("iso3").agg(low=("low", "min"), high=("high", "max"),
                                    estimates=("low", "size"))
    out["high_to_low"] = out["high"] / out["low"]
    return out.sort_values("high_to_low", ascending=False)
