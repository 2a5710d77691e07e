"""Generator for m05 (mercury): ``sites_mercury``."""

from __future__ import annotations

import numpy as np

from asm_course.datagen.anchors import Anchors
from asm_course.datagen.common import pick, regions
from asm_course.mercury import PRACTICES

# Practice mix per country (whole-ore, open burning, retort, mercury-free). Bolivia and Honduras get
# more whole-ore amalgamation because their national implied ratios (mercury released / gold, about
# 3.2 and 5.3) are above the default whole-ore ratio; those national ratios are averages over every
# practice and are never used as the ratio of a site.
SITES_HG = {"BOL": 25, "PER": 25, "COL": 25, "ECU": 15, "BRA": 15, "HND": 10, "DOM": 5}
PRACTICE_MIX = {"BOL": (60, 25, 10, 5), "HND": (70, 20, 5, 5)}
DEFAULT_MIX = (40, 35, 15, 10)


def gen_sites_mercury(a: Anchors, rng: np.random.Generator) -> list[dict]:
    ratio = {practice: a.value("hg_au_ratios", practice, "ratio_central") for practice in (PRACTICES[0], PRACTICES[1])}
    ratio[PRACTICES[3]] = 0.0
    rows = []
    for iso, n in SITES_HG.items():
        mix = dict(zip(PRACTICES, PRACTICE_MIX.get(iso, DEFAULT_MIX), strict=True))
        names = regions(a, iso)
        for i in range(n):
            practice = pick(rng, mix)
            gold = round(float(np.exp(rng.normal(np.log(8), 1.0))), 2)
            noise = float(np.exp(rng.normal(0, 0.25)))
            reported = ratio.get(practice)  # retort: no default ratio, so not reported
            if reported is not None and rng.random() > 0.1:
                reported = round(gold * reported * noise, 2)
            else:
                reported = None
            rows.append({
                "site_id": f"HG-{iso}-{i + 1:02d}", "iso3": iso, "region": names[i % len(names)],
                "practice": practice, "gold_kg": gold, "hg_kg_reported": reported, "year": 2018,
            })
    return rows
