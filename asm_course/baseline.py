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


# --- module m03: triangulation, plausibility, trade, data gaps, remote sensing ----------
#
# A baseline states its reference year and how old a source may be. These defaults are
# the course's choices (parameters), not facts: change them to the year of your own baseline.

DEFAULT_REFERENCE_YEAR = 2024
DEFAULT_MAX_AGE = 10

#: What a ``scope`` counts, in four groups. Only estimates in the same group can be
#: compared directly; "part" figures (one region, one register, one legal category, the
#: illegal segment) are lower bounds of the whole sector, not estimates of it.
SCOPE_GROUPS: dict[str, str] = {
    "all_asm": "all_asm",
    "gold": "gold",
    "unspecified": "unclear",
    "livelihood": "unclear",
}


def scope_group(scope: str) -> str:
    """The group of a ``scope`` code: ``all_asm``, ``gold``, ``unclear`` or ``part``."""
    return SCOPE_GROUPS.get(str(scope), "part")


def source_age(estimates: pd.DataFrame, reference_year: int = DEFAULT_REFERENCE_YEAR) -> pd.Series:
    """Years between each estimate and ``reference_year`` (``<NA>`` when undated)."""
    return (reference_year - estimates["year"].astype("Int64")).rename("age_years")


def outdated(estimates: pd.DataFrame, max_age: int = DEFAULT_MAX_AGE,
             reference_year: int = DEFAULT_REFERENCE_YEAR) -> pd.Series:
    """True where an estimate is **older than** ``max_age`` years in ``reference_year``
    (a figure exactly ``max_age`` years old is not outdated); ``<NA>`` when undated."""
    return (source_age(estimates, reference_year) > max_age).rename("outdated")


def select_estimates(estimates: pd.DataFrame, iso3: str | None = None, scopes: list[str] | None = None,
                     max_age: int | None = None, reference_year: int = DEFAULT_REFERENCE_YEAR) -> pd.DataFrame:
    """The estimates of one country (``None``: all), of the given ``scope`` codes (``None``:
    all) and, when ``max_age`` is given, no older than ``max_age`` years. An undated figure
    cannot be shown to be recent, so an age limit leaves it out."""
    keep = pd.Series(True, index=estimates.index)
    if iso3 is not None:
        keep &= estimates["iso3"] == iso3.upper()
    if scopes is not None:
        keep &= estimates["scope"].isin(list(scopes))
    if max_age is not None:
        keep &= (source_age(estimates, reference_year) <= max_age).fillna(False)
    return estimates[keep.astype(bool)]


def triangulate(estimates: pd.DataFrame) -> pd.Series:
    """Summary of a set of estimates: how many have a central value (``n``), their
    ``median``, the ``low`` and ``high`` ends of every figure and range published, how many
    times larger the high is (``high_to_low``), and the ``oldest`` and ``newest`` years.
    Figures published only as "more than X" have no central value and are left out."""
    central = central_values(estimates)
    usable = estimates[central.notna().to_numpy()]
    central = central[central.notna()].astype(float)
    low = pd.concat([central, usable["workers_low"].astype("Float64")], axis=1).min(axis=1)
    high = pd.concat([central, usable["workers_high"].astype("Float64")], axis=1).max(axis=1)
    n = len(usable)
    years = usable["year"].dropna()
    return pd.Series({
        "n": n,
        "median": float(central.median()) if n else float("nan"),
        "low": float(low.min()) if n else float("nan"),
        "high": float(high.max()) if n else float("nan"),
        "high_to_low": float(high.max() / low.min()) if n else float("nan"),
        "oldest": float(years.min()) if len(years) else float("nan"),
        "newest": float(years.max()) if len(years) else float("nan"),
    }, name="triangulation")


def triangulation_table(estimates: pd.DataFrame, scopes: list[str] | None = None, max_age: int | None = None,
                        reference_year: int = DEFAULT_REFERENCE_YEAR) -> pd.DataFrame:
    """:func:`triangulate` for every country (index ``iso3``, sorted by median, largest
    first). Countries left with no usable estimate are data gaps and are left out."""
    chosen = select_estimates(estimates, scopes=scopes, max_age=max_age, reference_year=reference_year)
    rows = {iso3: triangulate(group) for iso3, group in chosen.groupby("iso3")}
    table = pd.DataFrame(rows).T if rows else pd.DataFrame(columns=triangulate(chosen.head(0)).index)
    table = table[table["n"] > 0].astype(float).astype({"n": int})
    table.index.name = "iso3"
    return table.sort_values("median", ascending=False)


def implied_workers(sector_value_usd_m: float, income_usd_per_worker: float) -> float:
    """How many people a sector worth ``sector_value_usd_m`` (million USD a year) could pay
    at ``income_usd_per_worker`` (USD a year each): the plausibility check Hruschka used
    for Ecuador. An order of magnitude, not a count."""
    if income_usd_per_worker <= 0:
        raise ValueError("income_usd_per_worker must be positive")
    return sector_value_usd_m * 1_000_000 / income_usd_per_worker


def value_per_worker(sector_value_usd_m: float, workers: float) -> float:
    """Sector value per person (USD a year) if ``workers`` were everyone in the sector."""
    if workers <= 0:
        raise ValueError("workers must be positive")
    return sector_value_usd_m * 1_000_000 / workers


def plausibility_table(estimates: pd.DataFrame, sector_value_usd_m: float,
                       income_usd_per_worker: float) -> pd.DataFrame:
    """Each estimate with a central value, the sector value per worker it implies
    (``usd_per_worker``), that value as a multiple of the assumed income
    (``times_income``) and whether it is below the implied number of workers."""
    central = central_values(estimates)
    rows = estimates[central.notna().to_numpy()].copy()
    rows["workers_central"] = central[central.notna()].astype(float)
    rows["usd_per_worker"] = sector_value_usd_m * 1_000_000 / rows["workers_central"]
    rows["times_income"] = rows["usd_per_worker"] / income_usd_per_worker
    rows["below_implied"] = rows["workers_central"] < implied_workers(sector_value_usd_m, income_usd_per_worker)
    return rows[["estimate_id", "iso3", "scope", "year", "source_label", "workers_central",
                 "usd_per_worker", "times_income", "below_implied"]]


def sector_values(gold_production: pd.DataFrame) -> pd.DataFrame:
    """The published money values of ASM gold (``value_usd_m``, million USD) usable as a
    sector value in a plausibility check, one row per figure."""
    rows = gold_production[gold_production["value_usd_m"].notna()]
    return rows[["figure_id", "iso3", "year", "measure", "value_usd_m", "status", "note"]].reset_index(drop=True)


def trade_gap(exports_t: float, production_t: float) -> tuple[float, float]:
    """Exports minus reported production (tonnes) and that gap as a percentage of exports.
    A positive gap is gold exported that reported production does not explain."""
    if exports_t <= 0:
        raise ValueError("exports_t must be positive")
    gap = exports_t - production_t
    return gap, 100 * gap / exports_t


def trade_reconciliation(gold_production: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """Reported production (``national_output``) against ``exports`` for each year both are
    published: ``gap_t`` (exports − production) and ``gap_pct_of_exports``."""
    rows = gold_production[gold_production["iso3"] == iso3.upper()]
    wide = rows[rows["measure"].isin(["national_output", "exports"])].pivot_table(
        index="year", columns="measure", values="gold_t", aggfunc="first")
    wide = wide.dropna(subset=[c for c in ("national_output", "exports") if c in wide.columns])
    if not {"national_output", "exports"} <= set(wide.columns):
        return pd.DataFrame(columns=["production_t", "exports_t", "gap_t", "gap_pct_of_exports"])
    out = pd.DataFrame({"production_t": wide["national_output"].astype(float),
                        "exports_t": wide["exports"].astype(float)})
    out["gap_t"] = out["exports_t"] - out["production_t"]
    out["gap_pct_of_exports"] = 100 * out["gap_t"] / out["exports_t"]
    out.index = out.index.astype(int)
    return out


PUBLISHED = ("confirmed", "confirmed_secondary")


def data_gaps(estimates: pd.DataFrame, women_share: pd.DataFrame, countries: list[str],
              max_age: int = DEFAULT_MAX_AGE, reference_year: int = DEFAULT_REFERENCE_YEAR) -> pd.DataFrame:
    """Per country: how many workforce estimates have a central value (``estimates``), how
    many of them count all ASM and are no older than ``max_age`` (``recent_all_asm``), and
    whether a women's share (a percentage) has been published from a confirmed source
    (``women_share_published``; guesses and placeholders do not count)."""
    usable = estimates[central_values(estimates).notna().to_numpy()]
    recent = select_estimates(usable, scopes=["all_asm"], max_age=max_age, reference_year=reference_year)
    women = women_share[women_share["women_share_pct"].notna() & women_share["status"].isin(PUBLISHED)]
    out = pd.DataFrame(index=pd.Index(list(countries), name="iso3"))
    out["estimates"] = usable["iso3"].value_counts().reindex(out.index, fill_value=0).astype(int)
    out["recent_all_asm"] = recent["iso3"].value_counts().reindex(out.index, fill_value=0).astype(int)
    out["women_share_published"] = out.index.isin(women["iso3"])
    return out


def footprint_by_year(polygons: pd.DataFrame, iso3: str | None = None) -> pd.DataFrame:
    """Mapped mining area per year (``area_ha``), the part inside indigenous lands or
    protected areas (``restricted_ha``; a patch in both counts once) and its share (``restricted_pct``)."""
    rows = polygons if iso3 is None else polygons[polygons["iso3"] == iso3.upper()]
    restricted = (rows["in_indigenous_land"].fillna(False) | rows["in_protected_area"].fillna(False)).astype(bool)
    frame = pd.DataFrame({"year": rows["year"].astype(int), "area_ha": rows["area_ha"].astype(float),
                          "restricted_ha": rows["area_ha"].astype(float).where(restricted, 0.0)})
    out = frame.groupby("year")[["area_ha", "restricted_ha"]].sum()
    out["restricted_pct"] = 100 * out["restricted_ha"] / out["area_ha"]
    return out


def growth_pct(first: float, last: float) -> float:
    """Change from ``first`` to ``last`` in percent of ``first``."""
    if first <= 0:
        raise ValueError("first must be positive")
    return 100 * (last - first) / first
