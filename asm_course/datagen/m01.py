"""Generators for m01 (classification of operations): ``operations`` and ``operations_raw``.

``operations`` is also the origin list of m08's ``gold_lots``; ``operations_raw`` is m01's and m03's
cleaning exercise."""

from __future__ import annotations

from typing import Any

import numpy as np

from asm_course.datagen.anchors import Anchors
from asm_course.datagen.common import fmt, pick, regions, stream

OPS_PER_COUNTRY = {"PER": 90, "COL": 70, "BOL": 30, "BRA": 30, "ECU": 25, "HND": 15, "DOM": 15, "GTM": 10, "MEX": 15}
MINERAL_MIX = {
    "PER": {"gold": 75, "copper": 6, "silver": 6, "sand_gravel": 7, "limestone": 6},
    "COL": {"gold": 70, "emerald": 8, "sand_gravel": 12, "clay": 10},
    "BOL": {"gold": 55, "tin": 25, "silver": 12, "zinc": 8},
    "BRA": {"gold": 70, "tin": 20, "diamond": 10},
    "ECU": {"gold": 85, "sand_gravel": 15},
    "HND": {"gold": 85, "sand_gravel": 15},
    "DOM": {"gold": 40, "larimar": 30, "amber": 30},
    "GTM": {"gold": 60, "sand_gravel": 40},
    "MEX": {"gold": 45, "silver": 35, "sand_gravel": 20},
}
METALLIC = ("gold", "silver", "copper", "tin", "zinc")
MINERALS = METALLIC + ("sand_gravel", "limestone", "clay", "emerald", "diamond", "larimar", "amber")
PLACER_SHARE = {"gold": 0.35, "tin": 0.6, "diamond": 1.0, "sand_gravel": 1.0}


def make_operation(rng: np.random.Generator, iso: str, region: str, **fixed: Any) -> dict:
    """One synthetic operation; ``fixed`` values override the random draws."""
    mineral = fixed.pop("mineral", None) or pick(rng, MINERAL_MIX[iso])
    placer = rng.random() < PLACER_SHARE.get(mineral, 0.0) or (mineral == "gold" and region == "Madre de Dios")
    deposit = fixed.pop("deposit_type", None) or ("placer" if placer else "hard_rock")
    size = float(np.exp(rng.normal(0, 1.0)))
    cap_t = round(min(15 * size, 2000), 1) if deposit == "hard_rock" else None
    cap_m3 = round(min(80 * size, 5000)) if deposit == "placer" else None
    op: dict[str, Any] = {
        "iso3": iso,
        "region": region,
        "mineral": mineral,
        "mineral_class": "metallic" if mineral in METALLIC else "non_metallic",
        "deposit_type": deposit,
        "area_ha": round(float(np.clip(np.exp(rng.normal(np.log(120), 1.3)), 0.5, 9000)), 1),
        "capacity_t_per_day": cap_t,
        "capacity_m3_per_day": cap_m3,
        "workers": None,
        "uses_heavy_machinery": bool(rng.random() < (0.65 if size > 2 else 0.15)),
        "open_pit": bool(deposit == "placer" or rng.random() < 0.35),
        "in_protected_area": bool(rng.random() < 0.08),
        "in_water_body": bool(rng.random() < (0.35 if deposit == "placer" else 0.03)),
        "in_reinfo": bool(rng.random() < 0.7) if iso == "PER" else None,
        "gold_g_per_year": None,
    }
    op.update(fixed)
    load = op["capacity_t_per_day"] or (op["capacity_m3_per_day"] or 0) / 8
    op["workers"] = op["workers"] or int(np.clip(round(load * 0.8 * np.exp(rng.normal(0, 0.4))), 1, 400))
    if op["mineral"] == "gold" and op["gold_g_per_year"] is None:
        grade = float(np.exp(rng.normal(np.log(1.5), 0.5)))  # g recovered per t or per 8 m3
        op["gold_g_per_year"] = round(load * 300 * grade * 0.5)
    return op


def threshold(a: Anchors, criterion_id: str) -> float:
    """A legal threshold from legal_criteria."""
    return a.value("legal_criteria", criterion_id, "value")


def hard_rock(mineral: str, area: float, capacity: float) -> dict:
    return {"mineral": mineral, "deposit_type": "hard_rock", "area_ha": area, "capacity_t_per_day": capacity, "capacity_m3_per_day": None}


def placer(mineral: str, area: float, m3: float) -> dict:
    return {"mineral": mineral, "deposit_type": "placer", "area_ha": area, "open_pit": True, "capacity_t_per_day": None, "capacity_m3_per_day": m3}


def peru_edges(a: Anchors) -> list[dict]:
    """Operations exactly at, just below and just above Peru's PPM/PMA caps."""
    pma_a, ppm_a = threshold(a, "PER-PMA-AREA"), threshold(a, "PER-PPM-AREA")
    pma_t, ppm_t, ppm_nm = (threshold(a, k) for k in ("PER-PMA-CAP-MET", "PER-PPM-CAP-MET", "PER-PPM-CAP-NONMET"))
    pma_m3, ppm_m3 = threshold(a, "PER-PMA-CAP-PLACER"), threshold(a, "PER-PPM-CAP-PLACER")
    return [
        hard_rock("gold", pma_a, pma_t),
        hard_rock("gold", pma_a + 0.5, pma_t),
        hard_rock("gold", pma_a - 0.5, pma_t + 1),
        hard_rock("gold", pma_a - 0.1, pma_t - 0.1),
        hard_rock("gold", ppm_a, ppm_t),
        hard_rock("gold", ppm_a, pma_t),
        hard_rock("gold", ppm_a + 1, ppm_t - 1),
        hard_rock("silver", ppm_a - 1, ppm_t + 1),
        hard_rock("limestone", 800, ppm_nm),
        hard_rock("limestone", 800, ppm_nm + 1),
        hard_rock("limestone", 600, ppm_t + 1),
        placer("gold", 900, pma_m3),
        placer("gold", 900, pma_m3 + 1),
        placer("sand_gravel", 1500, ppm_m3),
        placer("sand_gravel", 1500, ppm_m3 + 1),
    ]


def colombia_edges(a: Anchors) -> list[dict]:
    """Operations at Colombia's title-area classes and subsistence gold caps."""
    areas = [threshold(a, k) for k in ("COL-SMALL-AREA", "COL-MEDIUM-AREA", "COL-LARGE-AREA")]
    edges: list[dict[str, Any]] = [
        {"mineral": "gold", "deposit_type": "hard_rock", "area_ha": area + delta, "capacity_m3_per_day": None}
        for area in areas
        for delta in (-0.1, 0.0, 0.5)
    ]
    subsistence = {
        "mineral": "gold", "deposit_type": "placer", "area_ha": 1.0, "capacity_t_per_day": None,
        "capacity_m3_per_day": 3, "workers": 2, "uses_heavy_machinery": False, "open_pit": True,
    }
    caps = [threshold(a, "COL-SUB-GOLD-YEAR-A"), threshold(a, "COL-SUB-GOLD-YEAR-B")]
    grams = [caps[0] - 1, caps[0], caps[0] + 1, caps[1], caps[1] + 1]
    edges += [subsistence | {"gold_g_per_year": g} for g in grams]
    edges.append(subsistence | {"gold_g_per_year": caps[0] - 60, "uses_heavy_machinery": True})
    edges.append(subsistence | {"gold_g_per_year": caps[0] - 60, "open_pit": False})
    return edges


def gen_operations(a: Anchors, rng: np.random.Generator) -> list[dict]:
    edges = {"PER": peru_edges(a), "COL": colombia_edges(a)}
    rows = []
    for iso, n in OPS_PER_COUNTRY.items():
        names = regions(a, iso)
        fixed = edges.get(iso, [])
        for i in range(n):
            region = names[int(rng.integers(len(names)))]
            spec = dict(fixed[i]) if i < len(fixed) else {}
            rows.append({"operation_id": f"{iso}-{i + 1:03d}"} | make_operation(rng, iso, region, **spec))
    return sorted(rows, key=lambda r: r["operation_id"])


RAW_COUNTRY = {
    "BOL": ("Bolivia", "bolivia", "BOL", "Bolivia (Estado Plurinacional de)"),
    "BRA": ("Brasil", "Brazil", "BRA", "brazil "),
    "COL": ("Colombia", "colombia", "COL", " Colombia"),
    "DOM": ("República Dominicana", "Rep. Dominicana", "DOM", "Dominican Rep."),
    "ECU": ("Ecuador", "ecuador", "ECU", "ECUADOR"),
    "GTM": ("Guatemala", "guatemala", "GTM", "Guate"),
    "HND": ("Honduras", "honduras", "HND", "HONDURAS"),
    "MEX": ("México", "Mexico", "MEX", "mexico"),
    "PER": ("Perú", "peru", "PER", "Peru "),
}
RAW_MISSING = ("", "NA", "n/d", "-")


def messy_number(rng: np.random.Generator, value: float | None) -> str:
    """A number as a careless survey export writes it."""
    if value is None or rng.random() < 0.07:
        return str(rng.choice(RAW_MISSING))
    if rng.random() < 0.03:
        value = value * 1000  # outlier: wrong unit
    if value >= 1000 and rng.random() < 0.7:
        return f"{value:,.1f}".rstrip("0").rstrip(".")
    if rng.random() < 0.15:
        return fmt(value, 1).replace(".", ",")  # decimal comma
    return fmt(value, 1)


def gen_operations_raw(a: Anchors, rng: np.random.Generator) -> list[dict]:
    clean = gen_operations(a, stream("operations"))
    rows = []
    for op in (clean[i] for i in sorted(rng.choice(len(clean), 150, replace=False))):
        cap = op["capacity_t_per_day"] if op["capacity_t_per_day"] is not None else op["capacity_m3_per_day"]
        workers = op["workers"] if rng.random() > 0.04 else int(rng.choice([-1, 0, 99999]))
        machinery = ("yes", "Sí", "1", "TRUE") if op["uses_heavy_machinery"] else ("no", "No", "0", "false")
        rows.append({
            "id": op["operation_id"],
            "country": str(rng.choice(RAW_COUNTRY[op["iso3"]])),
            "region": op["region"].upper() if rng.random() < 0.2 else op["region"],
            "mineral": op["mineral"].replace("_", " ").title() if rng.random() < 0.3 else op["mineral"],
            "area_ha": messy_number(rng, op["area_ha"]),
            "capacity": messy_number(rng, cap),
            "capacity_unit": "t/day" if op["capacity_t_per_day"] is not None else "m3/day",
            "workers": str(workers) if rng.random() > 0.05 else "",
            "heavy_machinery": str(rng.choice(machinery + ("",))),
            "gold_g_per_year": messy_number(rng, op["gold_g_per_year"]),
        })
    duplicates = [dict(rows[int(i)]) for i in rng.choice(len(rows), 4, replace=False)]
    return rows + duplicates
