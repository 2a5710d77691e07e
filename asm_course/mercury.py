"""Mercury in ASGM: baselines as ranges, reduction targets and the Minamata NAP (Annex C).

Pure functions on the course tables (nothing is read, printed or displayed here):

- ``hg_au_ratios`` (real, status ``uncertain``): published default ratios of mercury lost
  to gold produced, by practice, with gaps; :func:`ratio_parameters` fills the gaps with
  stated course assumptions (:data:`ASSUMED_RATIOS`), never with a site or national value;
- ``sites_mercury`` (synthetic): gold (kg) and practice of illustrative ASGM sites;
- ``mercury`` (real): national mercury and gold figures where found (Bolivia, Honduras).

A baseline is a **low / central / high** range: gold of each practice × the ratios of that
practice. A target is worth setting only if the change it asks for is larger than the
baseline's own uncertainty (:func:`target_smaller_than_uncertainty`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

#: Processing practices of ``hg_au_ratios`` and ``sites_mercury``, from the most mercury to none.
PRACTICES = ("whole_ore_amalgamation", "concentrate_open_burning", "concentrate_retort", "mercury_free")
BOUNDS = ("low", "central", "high")

#: Course assumptions (kg Hg lost per kg Au) for the bounds the published table leaves empty.
#: They are exercise parameters to change, not findings: whole-ore amalgamation "much higher
#: values reported at some sites"; open burning "some sources about 1.3"; retorts "well below 1:1".
ASSUMED_RATIOS = {
    "whole_ore_amalgamation": {"low": 2.0, "central": 3.0, "high": 5.0},
    "concentrate_open_burning": {"low": 0.75, "central": 1.0, "high": 1.3},
    "concentrate_retort": {"low": 0.05, "central": 0.2, "high": 0.5},
    "mercury_free": {"low": 0.0, "central": 0.0, "high": 0.0},
}

#: Annex C, Part II, paragraph 1 of the Minamata Convention: what a national action plan
#: (NAP) shall include, letter by letter (short labels; the catalogue holds the wording).
ANNEX_C = tuple("abcdefghijk")
#: The four practices that Annex C, paragraph 1 (b), asks a NAP to eliminate.
WORST_PRACTICES = ("whole_ore_amalgamation", "open_burning", "burning_in_residential_areas",
                   "cyanide_leaching_with_mercury")

#: An illustrative draft NAP: (section key, Annex C letters it is tagged with, drafted?).
#: A section that is only a heading (drafted = False) does not yet cover its letters.
DRAFT_NAP = (
    ("context", "", True),
    ("objectives", "a", True),
    ("baseline", "d", True),
    ("worst_practices", "b", True),
    ("formalization", "c", True),
    ("trade", "f", True),
    ("alternatives", "e", True),
    ("health", "h", True),
    ("vulnerable", "i", False),
    ("outreach", "j, g", False),
    ("schedule", "k", True),
)

#: Illustrative draft reduction targets (% below the baseline) proposed for the sites of each country.
DRAFT_TARGETS_PCT = {"BOL": 50.0, "BRA": 25.0, "COL": 40.0, "DOM": 30.0, "ECU": 35.0, "HND": 20.0, "PER": 30.0}

#: NAP calendar: due within 3 years of entry into force for the party, progress reviewed every 3 years.
NAP_DUE_YEARS = 3
NAP_REVIEW_YEARS = 3


# --------------------------------------------------------------------------- Annex C


def letters(tags: str) -> set[str]:
    """The Annex C letters in a tag such as ``"j, g"`` (case and spaces ignored)."""
    found = {part.strip().lower() for part in str(tags or "").replace(";", ",").split(",") if part.strip()}
    unknown = sorted(found - set(ANNEX_C))
    if unknown:
        raise ValueError(f"Annex C tag {tags!r}: {unknown} are not letters a to k; write e.g. 'a' or 'j, g'")
    return found


def annex_c_coverage(draft: pd.DataFrame, count_headings: bool = False) -> pd.Series:
    """For every Annex C letter a–k, True when a drafted section of ``draft`` covers it.

    ``draft`` has the columns ``annex_c`` (letters, e.g. ``"j, g"``) and ``drafted``
    (True/False); a heading without text counts only when ``count_headings`` is True.
    """
    missing = {"annex_c", "drafted"} - set(draft.columns)
    if missing:
        raise ValueError(f"draft: missing column(s) {sorted(missing)}; it needs 'annex_c' and 'drafted'")
    rows = draft if count_headings else draft[draft["drafted"].astype(bool)]
    covered = set().union(*[letters(tags) for tags in rows["annex_c"]]) if len(rows) else set()
    return pd.Series({letter: letter in covered for letter in ANNEX_C}, name="covered")


def annex_c_gaps(draft: pd.DataFrame, count_headings: bool = False) -> list[str]:
    """The Annex C letters that no drafted section of ``draft`` covers, in order."""
    coverage = annex_c_coverage(draft, count_headings)
    return [letter for letter, covered in coverage.items() if not covered]


def nap_calendar(entry_into_force_year: int, until_year: int) -> dict[str, object]:
    """When a NAP is due and when its progress is reviewed, for a party whose obligations
    start in ``entry_into_force_year``: ``{"due": year, "reviews": [years up to until_year]}``."""
    if until_year < entry_into_force_year:
        raise ValueError(f"until_year ({until_year}) must not be before entry_into_force_year "
                         f"({entry_into_force_year})")
    due = entry_into_force_year + NAP_DUE_YEARS
    return {"due": due, "reviews": list(range(due + NAP_REVIEW_YEARS, until_year + 1, NAP_REVIEW_YEARS))}


# --------------------------------------------------------------------------- ratios and baselines


def ratio_parameters(ratios: pd.DataFrame, assumed: Mapping[str, Mapping[str, float]] = ASSUMED_RATIOS
                     ) -> pd.DataFrame:
    """Low, central and high ratio (kg Hg per kg Au) of every practice, indexed by practice.

    Values of the published table (``ratio_low`` …) are kept; empty ones come from
    ``assumed``. The column ``assumed`` lists which bounds are course assumptions, and
    ``status`` keeps the table's status: the ratios stay uncertain parameters.
    """
    table = ratios.set_index("practice")
    rows = {}
    for practice in PRACTICES:
        if practice not in table.index:
            raise ValueError(f"ratios: no row for practice {practice!r}; the table needs one row per practice")
        published = {b: table.at[practice, f"ratio_{b}"] for b in BOUNDS}
        filled = {b: float(assumed[practice][b]) if pd.isna(v) else float(v) for b, v in published.items()}
        rows[practice] = {**filled, "assumed": ", ".join(b for b in BOUNDS if pd.isna(published[b])),
                          "status": table.at[practice, "status"]}
    result = pd.DataFrame.from_dict(rows, orient="index")
    check_ratios(result)
    return result


def check_ratios(ratios: pd.DataFrame) -> None:
    """Raise ValueError unless every row has 0 <= low <= central <= high."""
    missing = set(BOUNDS) - set(ratios.columns)
    if missing:
        raise ValueError(f"ratios: missing column(s) {sorted(missing)}; it needs 'low', 'central' and 'high'")
    bad = ratios[(ratios["low"] < 0) | (ratios["low"] > ratios["central"]) | (ratios["central"] > ratios["high"])]
    if len(bad):
        raise ValueError(f"ratios: row(s) {list(bad.index)} must have 0 <= low <= central <= high")


def gold_by_practice(sites: pd.DataFrame, iso3: str | None = None) -> pd.Series:
    """Gold (kg) of the sites of one country (or all), by practice, in :data:`PRACTICES` order."""
    rows = sites if iso3 is None else sites[sites["iso3"] == iso3]
    if iso3 is not None and rows.empty:
        raise ValueError(f"sites: no site for country {iso3!r}; use one of {sorted(sites['iso3'].unique())}")
    gold = rows.groupby("practice")["gold_kg"].sum()
    return gold.reindex([p for p in PRACTICES if p in gold.index]).rename("gold_kg")


def _check_practices(gold: pd.Series, ratios: pd.DataFrame) -> None:
    unknown = sorted(set(gold.index) - set(ratios.index))
    if unknown:
        raise ValueError(f"gold: practice(s) {unknown} have no ratio; use one of {list(ratios.index)}")


def baseline_total(gold: pd.Series, ratios: pd.DataFrame, bound: str) -> float:
    """Mercury used (kg) at one ``bound`` ("low", "central" or "high"): the sum over
    practices of the gold (kg) of each practice × that practice's ratio."""
    if bound not in BOUNDS:
        raise ValueError(f"bound must be one of {list(BOUNDS)}, got {bound!r}")
    _check_practices(gold, ratios)
    return float((gold * ratios[bound]).sum())


def baseline_range(gold: pd.Series, ratios: pd.DataFrame) -> pd.Series:
    """Total mercury (kg) as a range: :func:`baseline_total` at each bound."""
    return pd.Series({b: baseline_total(gold, ratios, b) for b in BOUNDS}, name="hg_kg")


def baseline_by_practice(gold: pd.Series, ratios: pd.DataFrame) -> pd.DataFrame:
    """Per practice: its gold (kg), its mercury low/central/high (kg), and the width of its
    range. The columns low/central/high add up to :func:`baseline_range`."""
    _check_practices(gold, ratios)
    table = ratios.loc[gold.index, list(BOUNDS)].mul(gold, axis=0)
    table.insert(0, "gold_kg", gold)
    return table.assign(width=table["high"] - table["low"])


def drivers(table: pd.DataFrame) -> dict[str, str]:
    """Which practice of :func:`baseline_by_practice` has the most gold, the most mercury
    (central) and the widest range: the drivers of the estimate and of its uncertainty."""
    return {"gold": str(table["gold_kg"].idxmax()), "mercury": str(table["central"].idxmax()),
            "uncertainty": str(table["width"].idxmax())}


def practice_mix(gold_kg: float, shares: Mapping[str, float]) -> pd.Series:
    """Gold (kg) by practice when ``gold_kg`` is split by ``shares`` (any positive weights,
    e.g. percentages; they are scaled to add up to 1)."""
    if gold_kg < 0:
        raise ValueError(f"gold_kg must be zero or more, got {gold_kg}")
    unknown = sorted(set(shares) - set(PRACTICES))
    if unknown:
        raise ValueError(f"shares: unknown practice(s) {unknown}; use {list(PRACTICES)}")
    weights = pd.Series({p: float(shares.get(p, 0.0)) for p in PRACTICES})
    if (weights < 0).any() or weights.sum() <= 0:
        raise ValueError("shares must be zero or more and at least one must be above zero")
    return (gold_kg * weights / weights.sum()).rename("gold_kg")


def shares_of(gold: pd.Series) -> dict[str, float]:
    """The share (%) of each practice in ``gold`` (every practice listed, 0 when absent)."""
    total = float(gold.sum())
    return {p: (100 * float(gold.get(p, 0.0)) / total if total else 0.0) for p in PRACTICES}


def mixes_where_gold_and_mercury_differ(sites: pd.DataFrame, ratios: pd.DataFrame) -> list[str]:
    """Countries whose sites get most gold from one practice but use most mercury in another."""
    found = []
    for iso3 in sorted(sites["iso3"].unique()):
        found_drivers = drivers(baseline_by_practice(gold_by_practice(sites, iso3), ratios))
        if found_drivers["gold"] != found_drivers["mercury"]:
            found.append(iso3)
    return found


def implied_ratio(hg_t: float, gold_t: float) -> float:
    """A national implied ratio (t Hg per t Au): a mix of practices, never a site's ratio."""
    if not gold_t or gold_t <= 0:
        raise ValueError(f"gold_t must be above zero, got {gold_t}")
    return hg_t / gold_t


def compare_with_imports(imports_kg: float, baseline: pd.Series) -> str:
    """Where recorded mercury imports fall against a baseline range: ``"below"``,
    ``"within"`` or ``"above"``. Imports are one input to cross-check a baseline, never a
    baseline on their own (smuggling, stocks, re-exports and other uses all sit between them)."""
    if imports_kg < 0:
        raise ValueError(f"imports_kg must be zero or more, got {imports_kg}")
    if imports_kg < baseline["low"]:
        return "below"
    return "above" if imports_kg > baseline["high"] else "within"


# --------------------------------------------------------------------------- targets


def uncertainty_pct(baseline: pd.Series) -> float:
    """How far (in % of the central value) the low end of a baseline range lies below it."""
    low, central = float(baseline["low"]), float(baseline["central"])
    if central <= 0:
        raise ValueError("baseline: the central value must be above zero to set a reduction target")
    return 100 * (central - low) / central


def target_smaller_than_uncertainty(baseline: pd.Series, target_pct: float) -> bool:
    """True when a reduction of ``target_pct`` % would leave the target inside the
    baseline's own range: reaching it could not be told apart from no change."""
    if not 0 <= target_pct <= 100:
        raise ValueError(f"target_pct must be between 0 and 100, got {target_pct}")
    return target_pct < uncertainty_pct(baseline)


def target_review(sites: pd.DataFrame, ratios: pd.DataFrame, targets_pct: Mapping[str, float]) -> pd.DataFrame:
    """Per country: baseline range (kg), its uncertainty (%), the draft target (%) and
    whether the target is smaller than the uncertainty."""
    rows = {}
    for iso3, pct in targets_pct.items():
        baseline = baseline_range(gold_by_practice(sites, iso3), ratios)
        rows[iso3] = {**baseline.to_dict(), "uncertainty_pct": uncertainty_pct(baseline), "target_pct": pct,
                      "too_small": target_smaller_than_uncertainty(baseline, pct)}
    return pd.DataFrame.from_dict(rows, orient="index")


def flagged_targets(review: pd.DataFrame) -> list[str]:
    """The countries of :func:`target_review` whose target is smaller than the uncertainty."""
    return [str(iso3) for iso3 in review.index[review["too_small"].astype(bool)]]


def draft_nap_table(titles: Iterable[str] | None = None) -> pd.DataFrame:
    """:data:`DRAFT_NAP` as a table (``section``, ``annex_c``, ``drafted``); ``titles``
    replaces the section keys by display titles, in the same order."""
    frame = pd.DataFrame(list(DRAFT_NAP), columns=["section", "annex_c", "drafted"])
    if titles is not None:
        frame["section"] = list(titles)
    return frame
