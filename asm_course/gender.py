"""Gender: women's shares and their scope, data gaps, and parity between title holders
and workers.

Pure functions on the course tables (nothing is read, printed or displayed here):

- ``women_share`` (real): published women's shares or counts by country, each with the
  *scope* of the people counted (the whole ASM workforce, registered subsistence miners,
  owners and members of mining organisations …) and a status;
- ``workforce_by_role_sex`` (synthetic): workers and title or permit holders by site,
  role and sex;
- ``countries``: the nine workshop countries.

A share is only comparable with another share of the **same scope**; a figure is *usable*
when it has a value and its status is confirmed or confirmed through a secondary source.
"""

from __future__ import annotations

import pandas as pd

#: Statuses of a figure that can be quoted as a finding (uncertain and not found cannot).
USABLE = ("confirmed", "confirmed_secondary")
#: Scopes of ``women_share``, widest first.
SCOPES = ("all_asm", "subsistence", "owners_members", "gold")


def _require_columns(table: pd.DataFrame, columns: tuple[str, ...], name: str) -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(f"{name} needs the column(s) {', '.join(missing)}: pass the course table "
                         f"load({name!r}) or a table with the same columns")


# --------------------------------------------------------------------------- published shares


def published_shares(shares: pd.DataFrame, scope: str | None = None) -> pd.DataFrame:
    """The figures that give a women's share (in percent), optionally of one ``scope`` only,
    with a ``usable`` flag; in the table's order."""
    _require_columns(shares, ("share_id", "iso3", "scope", "women_share_pct", "status"), "women_share")
    if scope is not None and scope not in SCOPES:
        raise ValueError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")
    rows = shares[shares["women_share_pct"].notna()]
    if scope is not None:
        rows = rows[rows["scope"] == scope]
    rows = rows.assign(usable=rows["status"].isin(USABLE).to_numpy())
    return rows.reset_index(drop=True)


def scopes_in(view: pd.DataFrame) -> list[str]:
    """The different scopes present in a table of shares, widest first; more than one means
    the figures count different people and must not be ranked against each other."""
    present = set(view["scope"])
    return [s for s in SCOPES if s in present]


def comparable_with(shares: pd.DataFrame, share_id: str) -> list[str]:
    """Countries (ISO3) other than the figure's own whose usable women's share has the same
    scope as figure ``share_id``: the only honest comparisons for it."""
    rows = shares[shares["share_id"] == share_id]
    if rows.empty:
        raise ValueError(f"no figure {share_id!r} in women_share (use a share_id such as 'PER-all')")
    own = rows.iloc[0]
    same = published_shares(shares, own["scope"])
    same = same[same["usable"] & (same["iso3"] != own["iso3"])]
    return list(dict.fromkeys(same["iso3"]))


# --------------------------------------------------------------------------- data gaps


def data_gaps(shares: pd.DataFrame, countries: pd.DataFrame, workforce: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per country: how many figures on women it has (any status), how many are
    usable shares, the widest-scope usable share (``best_share_id``, ``best_pct``,
    ``best_scope``), whether the course has sex-disaggregated site data for it
    (``site_data``) and ``gap`` = no usable share of any scope."""
    _require_columns(countries, ("iso3",), "countries")
    usable = published_shares(shares)
    usable = usable[usable["usable"]]
    on_file = shares[shares["women_share_pct"].notna() | shares["women"].notna()]
    sites = set(workforce["iso3"]) if workforce is not None else set()
    rows = []
    for iso3 in countries["iso3"]:
        own = usable[usable["iso3"] == iso3]
        best = own.assign(rank=own["scope"].map(SCOPES.index)).sort_values("rank", kind="stable")
        first = best.iloc[0] if len(best) else None
        rows.append({
            "iso3": iso3,
            "figures": int((on_file["iso3"] == iso3).sum()),
            "usable_shares": len(own),
            "best_share_id": first["share_id"] if first is not None else pd.NA,
            "best_pct": float(first["women_share_pct"]) if first is not None else float("nan"),
            "best_scope": first["scope"] if first is not None else pd.NA,
            "site_data": iso3 in sites,
            "gap": first is None,
        })
    return pd.DataFrame(rows).set_index("iso3")


def countries_without_usable_share(shares: pd.DataFrame, countries: pd.DataFrame) -> list[str]:
    """Countries (ISO3, in the order of ``countries``) with no usable women's share at all."""
    gaps = data_gaps(shares, countries)
    return list(gaps.index[gaps["gap"]])


# --------------------------------------------------------------------------- parity


def _women_share(table: pd.DataFrame, column: str) -> float:
    total = table[column].sum()
    if total == 0:
        return float("nan")
    return float(table.loc[table["sex"] == "female", column].sum() / total)


def workforce_share(table: pd.DataFrame) -> float:
    """Women's share of the workers in a table of ``workforce_by_role_sex`` rows."""
    _require_columns(table, ("sex", "workers"), "workforce_by_role_sex")
    return _women_share(table, "workers")


def title_share(table: pd.DataFrame) -> float:
    """Women's share of the title or permit holders in ``workforce_by_role_sex`` rows."""
    _require_columns(table, ("sex", "holds_title_or_permit"), "workforce_by_role_sex")
    return _women_share(table, "holds_title_or_permit")


def parity_ratio(group_share: float, reference_share: float) -> float:
    """A share in one population divided by the same group's share in the reference
    population: 1 is parity, below 1 under-representation."""
    if not reference_share > 0:
        raise ValueError("reference_share must be above zero (a group absent from the reference "
                         "population has no parity index)")
    return float(group_share) / float(reference_share)


def parity_index(table: pd.DataFrame) -> float:
    """Women's share of title or permit holders ÷ women's share of the workforce; NaN when
    the table has no women workers or no title holders."""
    workers, titles = workforce_share(table), title_share(table)
    if not workers > 0 or titles != titles:
        return float("nan")
    return parity_ratio(titles, workers)


def parity_by(table: pd.DataFrame, by: str = "role") -> pd.DataFrame:
    """Per group (``role``, ``iso3`` or ``site_id``): women's share of the workers, of the
    title holders, and the parity index (lowest index first)."""
    _require_columns(table, (by, "sex", "workers", "holds_title_or_permit"), "workforce_by_role_sex")
    rows = {group: {"workforce_share": workforce_share(part), "title_share": title_share(part),
                    "parity_index": parity_index(part)}
            for group, part in table.groupby(by, sort=True)}
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = by
    return out.sort_values("parity_index", kind="stable")
