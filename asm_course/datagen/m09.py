"""Generator for m09 (monitoring): ``indicators``."""

from __future__ import annotations

from typing import Any

import numpy as np

from asm_course.datagen.anchors import Anchors

FREQUENCIES = ("monthly", "quarterly", "annual", "biennial")


def indicator_specs(a: Anchors) -> list[tuple[str, str, str, float, int, float, str, str]]:
    """(iso3, indicator, unit, baseline, baseline year, target factor, owner, frequency) anchored on real
    tables. The owner is the body that would normally collect the figure: the registry's ministry
    for registry counts, the environmental authority for mercury and environmental permits, the
    tax or mining authority for royalties, labour for fatal incidents (illustrative, generic names)."""
    active = float(a.table("reinfo_regions")["active"].astype(int).sum())
    return [
        ("PER", "Active records in the formalization registry", "records", active, 2024, 1.5, "Mining ministry", "quarterly"),
        ("PER", "Operations with an environmental instrument", "%", 40.0, 2024, 1.5, "Regional government", "annual"),
        ("BOL", "Mercury released by ASGM", "t/yr", a.value("mercury", "BOL", "hg_t_per_year"), 2021, 0.5, "Environment ministry", "biennial"),
        ("BOL", "Royalty collected on cooperative gold", "USD million", a.value("national_figures", "BOL-ROYALTY-2018", "value"), 2018, 1.3, "Tax authority", "annual"),
        ("HND", "Mercury released by ASGM", "t/yr", a.value("mercury", "HND", "hg_t_per_year"), 2021, 0.5, "Environment ministry", "biennial"),
        ("HND", "Sites with a retort in use", "%", 10.0, 2021, 4.0, "Environment ministry", "annual"),
        ("COL", "Women among registered subsistence miners", "%", a.value("women_share", "COL-subsistence", "women_share_pct"), 2022, 1.0, "Mining ministry", "annual"),
        ("COL", "Registered mining units at basic formalization stage", "%", a.value("national_figures", "COL-FORMAL-UNITS-2019", "value"), 2019, 3.0, "Mining agency", "annual"),
        ("ECU", "Women among members of ASGM organisations", "%", a.value("women_share", "ECU-members", "women_share_pct"), 2020, 1.5, "Mining agency", "biennial"),
        ("ECU", "Fatal incidents per 1,000,000 hours worked", "per 1e6 h", 8.0, 2020, 0.5, "Labour ministry", "annual"),
        ("DOM", "Artisanal pits with a geotechnical safety check", "%", 15.0, 2018, 4.0, "Mining agency", "annual"),
        ("MEX", "Small-scale miners with a mining concession", "%", 20.0, 2018, 1.5, "Mining ministry", "biennial"),
    ]


COUNT_UNITS = ("records",)  # units that count things: baselines, targets and latest values are whole


# Deliberately incomplete rows for m09's validation exercise: the gap of each is chosen, not drawn,
# so that the lesson can name them (a missing baseline is the most serious one).
INDICATOR_GAPS = {"IND-02": ("source",), "IND-06": ("baseline",), "IND-09": ("target", "owner")}


def gen_indicators(a: Anchors, rng: np.random.Generator) -> list[dict]:
    rows = []
    for i, (iso, name, unit, base, byear, factor, owner, frequency) in enumerate(indicator_specs(a), start=1):
        progress = rng.uniform(0.1, 0.9)
        digits = 0 if unit in COUNT_UNITS else 1
        target = round(base * factor, digits)
        latest = round(base + (target - base) * progress, digits)
        row: dict[str, Any] = {
            "indicator_id": f"IND-{i:02d}", "iso3": iso, "indicator": name, "unit": unit,
            "baseline": base, "baseline_year": byear, "target": target, "target_year": 2030,
            "latest": latest, "latest_year": 2025,
            "frequency": frequency, "source": "national monitoring report",
            "owner": owner,
        }
        for col in INDICATOR_GAPS.get(row["indicator_id"], ()):
            row[col] = None
        rows.append(row)
    return rows
