"""Generator for m03 (remote sensing): ``mining_polygons`` (garimpo patches in Brazil)."""

from __future__ import annotations

import numpy as np

from asm_course.datagen.anchors import Anchors


def gen_mining_polygons(a: Anchors, rng: np.random.Generator) -> list[dict]:
    start, end = (a.value("national_figures", k, "value") for k in ("BRA-GARIMPO-AREA-2010", "BRA-GARIMPO-AREA-2021"))
    indigenous_growth = 1 + a.value("national_figures", "BRA-GARIMPO-INDIGENOUS-GROWTH", "value") / 100
    rows, k = [], 0
    for t, yr in enumerate(range(2010, 2022)):
        n = round(40 * (end / start) ** (t / 11))
        p_ind = 0.04 * indigenous_growth ** (t / 10)
        for _ in range(n):
            k += 1
            rows.append({
                "polygon_id": f"BRA-G{k:04d}", "iso3": "BRA", "year": yr,
                "area_ha": round(float(np.exp(rng.normal(np.log(40), 0.9))), 1),
                "in_indigenous_land": bool(rng.random() < p_ind),
                "in_protected_area": bool(rng.random() < 0.06),
            })
    return rows
