"""Gold along the value chain (pure functions): quantities and values (m00); royalties, the
smuggling incentive, chain prices, mass balances and certification (m08)."""

from __future__ import annotations

import pandas as pd

TROY_OUNCE_G = 31.1035  # grams in one troy ounce (the unit of gold prices)


def ounces_to_tonnes(ounces: float) -> float:
    """Troy ounces to metric tonnes of gold."""
    return ounces * TROY_OUNCE_G / 1_000_000


def gold_value_usd_m(gold_t: float, price_usd_per_oz: float) -> float:
    """Value in millions of US dollars of ``gold_t`` tonnes at a price per troy ounce."""
    if gold_t < 0 or price_usd_per_oz < 0:
        raise ValueError("gold_t and price_usd_per_oz must not be negative")
    return gold_t * 1_000_000 / TROY_OUNCE_G * price_usd_per_oz / 1_000_000


# The rest of this module serves m08 (value chain, revenue and traceability). Pure functions on
# the course tables: ``royalties`` (real rates and splits), ``gold_production`` and
# ``global_figures`` (real), ``gold_chain`` (synthetic prices by link), ``gold_lots`` and
# ``operations`` (synthetic lots bought by exporters and their declared origins).

#: Red-flag rules of :func:`lot_red_flags`, in the order they are reported.
RED_FLAGS = ("no_document", "protected_area", "over_origin_output", "over_subsistence_cap")
GRAMS_PER_KG = 1000


def _rows(table: pd.DataFrame, column: str, value: str, name: str) -> pd.DataFrame:
    if column not in table.columns:
        raise ValueError(f"{name} needs a column {column!r}: pass the course table load({name!r})")
    rows = table[table[column] == value]
    if rows.empty:
        raise ValueError(f"no row with {column} = {value!r} in {name}")
    return rows


# --------------------------------------------------------------------------- royalties


def royalty_due(value_usd_m: float, rate_pct: float) -> float:
    """Royalty (USD million) due on a gross value (USD million) at a rate in percent."""
    if value_usd_m < 0 or not 0 <= rate_pct <= 100:
        raise ValueError("value_usd_m must not be negative and rate_pct must be a percentage (0-100)")
    return value_usd_m * rate_pct / 100


def gold_royalty(royalties: pd.DataFrame, iso3: str) -> pd.Series:
    """A country's whole royalty rate on gold (``level`` total) with its base and status;
    ValueError when the table has no rate for the country (a gap, not zero)."""
    rows = _rows(royalties, "iso3", iso3, "royalties")
    rows = rows[(rows["level"] == "total") & rows["rate_pct"].notna() & rows["mineral"].isin(["gold", "all"])]
    if rows.empty:
        raise ValueError(f"royalties has no gold royalty rate for {iso3!r} (not found: a gap, not zero)")
    return rows.iloc[0][["royalty_id", "rate_pct", "base", "status", "note"]]


def royalty_split(royalties: pd.DataFrame, iso3: str, amount: float) -> pd.Series:
    """How ``amount`` of royalty is shared between levels of government (by ``share_pct``)."""
    rows = _rows(royalties, "iso3", iso3, "royalties")
    rows = rows[rows["share_pct"].notna()]
    if rows.empty:
        raise ValueError(f"royalties has no split between levels of government for {iso3!r}")
    return pd.Series(amount * rows["share_pct"].to_numpy(float) / 100, index=rows["level"].to_numpy(), name="amount")


def collection_gap(due: float, collected: float) -> pd.Series:
    """Royalty due against royalty collected: the gap and the share collected."""
    if due <= 0:
        raise ValueError("due must be above zero")
    return pd.Series({"due": due, "collected": collected, "gap": due - collected, "share_collected": collected / due})


# --------------------------------------------------------------------------- smuggling incentive


def smuggling_incentive_usd_per_kg(price_usd_per_g: float, rate_here_pct: float, rate_neighbour_pct: float) -> float:
    """What a seller saves per kg by declaring gold across the border instead of here: the
    rate difference times the value of a kg (negative: the neighbour's gold flows in)."""
    if price_usd_per_g < 0:
        raise ValueError("price_usd_per_g must not be negative")
    return (rate_here_pct - rate_neighbour_pct) / 100 * price_usd_per_g * GRAMS_PER_KG


def royalty_revenue_usd_m(output_t: float, price_usd_per_g: float, rate_pct: float, leak_share: float) -> pd.Series:
    """Royalty (USD million) on an output when a share of it (``leak_share``, 0-1) leaves
    undeclared: what is collected, what is lost, and the declared value."""
    if not 0 <= leak_share <= 1:
        raise ValueError("leak_share must be between 0 and 1 (a share of the output, not a percentage)")
    value = output_t * 1_000_000 * price_usd_per_g / 1_000_000   # t → g, USD → USD million
    declared = value * (1 - leak_share)
    return pd.Series({"declared_value": declared, "collected": royalty_due(declared, rate_pct),
                      "lost": royalty_due(value - declared, rate_pct)})


# --------------------------------------------------------------------------- price chain


def world_price_usd_per_g(global_figures: pd.DataFrame, year: int) -> float:
    """The course's reference gold price of ``year`` (``gold_price_<year>``, USD per troy
    ounce) in USD per gram; ValueError when the course has none for that year."""
    key = f"gold_price_{year}"
    rows = global_figures[global_figures["indicator_id"] == key]
    if rows.empty:
        raise ValueError(f"global_figures has no reference gold price for {year} (no row {key!r})")
    return float(rows["value"].iloc[0]) / TROY_OUNCE_G


def world_prices(global_figures: pd.DataFrame) -> dict[int, float]:
    """Every reference gold price of the course (``gold_price_<year>``), in USD per gram, by year."""
    keys = global_figures["indicator_id"].str.fullmatch(r"gold_price_\d{4}")
    return {int(k[-4:]): world_price_usd_per_g(global_figures, int(k[-4:]))
            for k in global_figures.loc[keys, "indicator_id"]}


def chain_prices(chain: pd.DataFrame, chain_id: str, world_usd_per_g: float | None = None) -> pd.DataFrame:
    """One chain's links in order: price, margin over the previous link (USD/g), share of
    the export price and, when ``world_usd_per_g`` is given, share of the world price."""
    rows = _rows(chain, "chain_id", chain_id, "gold_chain").sort_values("link_order")
    out = rows.set_index("link")[["price_usd_per_g"]].astype(float)
    out["margin_usd_per_g"] = out["price_usd_per_g"].diff()
    out["share_of_export"] = out["price_usd_per_g"] / out["price_usd_per_g"].iloc[-1]
    if world_usd_per_g is not None:
        out["share_of_world"] = out["price_usd_per_g"] / world_usd_per_g
    return out


def miner_share(chain: pd.DataFrame, chain_id: str) -> float:
    """The price paid at the pit as a share of the export price of the same chain."""
    prices = chain_prices(chain, chain_id)["price_usd_per_g"]
    return float(prices.iloc[0] / prices.iloc[-1])


def largest_margin(chain: pd.DataFrame, chain_id: str) -> str:
    """The link that adds most to the price (the largest margin over the link before it)."""
    return str(chain_prices(chain, chain_id)["margin_usd_per_g"].idxmax())


def prices_above(chain: pd.DataFrame, world_usd_per_g: float, year: int) -> pd.DataFrame:
    """Rows of the chains of ``year`` whose price exceeds the world price: a chain should
    never pay more than the gold is worth on the world market."""
    rows = chain[(chain["year"] == year) & (chain["price_usd_per_g"] > world_usd_per_g)]
    return rows.reset_index(drop=True)


# --------------------------------------------------------------------------- mass balance


def mass_balance(production_t: float, exports_t: float) -> pd.Series:
    """Exports against reported production: the unexplained volume (exports − production)
    and its share of exports; positive means more gold left than was reported mined."""
    if exports_t <= 0:
        raise ValueError("exports_t must be above zero")
    gap = exports_t - production_t
    return pd.Series({"production_t": production_t, "exports_t": exports_t, "unexplained_t": gap,
                      "share_of_exports": gap / exports_t})


def national_balance(production: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """:func:`mass_balance` for every year in which ``gold_production`` has both the national
    output and the exports of ``iso3``."""
    rows = _rows(production, "iso3", iso3, "gold_production")
    wide = rows[rows["measure"].isin(["national_output", "exports"])].pivot_table(
        index="year", columns="measure", values="gold_t", aggfunc="first")
    wide = wide.dropna(subset=[c for c in ("national_output", "exports") if c in wide.columns])
    if not {"national_output", "exports"} <= set(wide.columns) or wide.empty:
        raise ValueError(f"gold_production has no year with both national output and exports for {iso3!r}")
    return pd.DataFrame({int(y): mass_balance(r["national_output"], r["exports"]) for y, r in wide.iterrows()}).T


def origin_balance(lots: pd.DataFrame, operations: pd.DataFrame) -> pd.DataFrame:
    """Per declared origin: gold bought from it in the year (g), the gold it recovers in a
    year (``gold_g_per_year`` of ``operations``), the excess and the ratio bought ÷ recovered."""
    bought = lots.groupby("origin_id")["gold_g"].sum().rename("bought_g")
    origins = operations.set_index("operation_id").reindex(bought.index)
    table = bought.to_frame()
    table["recovered_g"] = origins["gold_g_per_year"].astype(float)
    table["excess_g"] = (table["bought_g"] - table["recovered_g"]).clip(lower=0)
    table["ratio"] = table["bought_g"] / table["recovered_g"]
    return table


def lot_red_flags(lots: pd.DataFrame, operations: pd.DataFrame, subsistence_cap_g: float) -> pd.DataFrame:
    """Every lot with one true/false column per red flag and ``flags`` (their names):

    - ``no_document``: no origin document;
    - ``protected_area``: the declared origin lies in a protected area;
    - ``over_origin_output``: the origin sold more in the year than it recovers (mass balance);
    - ``over_subsistence_cap``: a barequeo lot whose origin sold more under barequeo
      certificates in the year than the subsistence cap allows.
    """
    table = lots.copy()
    origins = operations.set_index("operation_id")
    balance = origin_balance(lots, operations)
    barequeo = lots[lots["document"] == "barequeo_certificate"].groupby("origin_id")["gold_g"].sum()
    table["no_document"] = (table["document"] == "none").to_numpy()
    table["protected_area"] = table["origin_id"].map(origins["in_protected_area"]).fillna(False).astype(bool).to_numpy()
    table["over_origin_output"] = table["origin_id"].map(balance["bought_g"] > balance["recovered_g"]).astype(bool).to_numpy()
    table["over_subsistence_cap"] = ((table["document"] == "barequeo_certificate")
                                     & (table["origin_id"].map(barequeo).fillna(0) > subsistence_cap_g)).to_numpy()
    table["flags"] = [", ".join(f for f in RED_FLAGS if row[f]) for _, row in table[list(RED_FLAGS)].iterrows()]
    return table


def flagged_origins(lots: pd.DataFrame, operations: pd.DataFrame, iso3: str | None = None) -> list[str]:
    """Declared origins (operation ids, sorted) that sold more gold in the year than they
    recover: the mass-balance red flags, for one country or all."""
    if iso3 is not None:
        lots = lots[lots["iso3"] == iso3]
    balance = origin_balance(lots, operations)
    return sorted(balance.index[balance["bought_g"] > balance["recovered_g"]])


# --------------------------------------------------------------------------- certification


def certification_net_usd(gold_kg: float, premium_usd_per_kg: float, cost_usd: float) -> float:
    """What a certified producer gains in a year: premium on its output minus the cost of
    certification and compliance (negative: certification does not pay)."""
    if gold_kg < 0 or premium_usd_per_kg < 0 or cost_usd < 0:
        raise ValueError("gold_kg, premium_usd_per_kg and cost_usd must not be negative")
    return gold_kg * premium_usd_per_kg - cost_usd


def break_even_kg(premium_usd_per_kg: float, cost_usd: float) -> float:
    """Output (kg a year) at which the premium pays for the cost of certification."""
    if premium_usd_per_kg <= 0:
        raise ValueError("premium_usd_per_kg must be above zero")
    return cost_usd / premium_usd_per_kg
