"""Generators for m06 (health and safety): ``hours_worked``, ``incidents`` and ``ohs_tasks``."""

from __future__ import annotations

import numpy as np
import pandas as pd

from asm_course.datagen.anchors import Anchors
from asm_course.datagen.common import stream
from asm_course.ohs import BOTH, LISTS

HEALTH_POST, ASSOCIATION = LISTS

OHS_SITES = ("PER", "COL", "BOL", "ECU")
SEVERITY_RATE = {"fatal": 8, "lost_time": 100, "medical": 250, "near_miss": 400}  # per 1e6 hours
TYPES = ("collapse", "fall", "explosives", "machinery", "mercury_exposure", "dust", "cut")
REPORT_P = {HEALTH_POST: 0.55, ASSOCIATION: 0.45}  # chance that each list records an incident


def gen_hours_worked(a: Anchors, rng: np.random.Generator) -> list[dict]:
    rows = []
    for iso in OHS_SITES:
        for s in range(1, 4):
            men = int(rng.integers(20, 120))
            women = int(men * rng.uniform(0.1, 0.5))
            for sex, n, h in (("female", women, 1800), ("male", men, 2200)):
                rows.append({
                    "site_id": f"H-{iso}-{s:02d}", "iso3": iso, "sex": sex, "workers": n,
                    "hours_worked": int(n * h * rng.uniform(0.85, 1.1)),
                })
    return rows


def gen_incidents(a: Anchors, rng: np.random.Generator) -> list[dict]:
    hours = gen_hours_worked(a, stream("hours_worked"))
    events = []
    for h in hours:
        for severity, rate in SEVERITY_RATE.items():
            for _ in range(int(rng.poisson(rate * h["hours_worked"] / 1e6 * rng.uniform(0.5, 1.5)))):
                to_hp, to_as = (rng.random() < p for p in REPORT_P.values())
                if not (to_hp or to_as):
                    continue  # never reported: invisible in both lists
                day = pd.Timestamp("2018-01-01") + pd.Timedelta(days=int(rng.integers(365)))
                events.append({
                    "site_id": h["site_id"], "date": day.strftime("%Y-%m-%d"),
                    "type": str(rng.choice(TYPES)), "severity": severity, "sex": h["sex"],
                    "reported_to": BOTH if to_hp and to_as else (HEALTH_POST if to_hp else ASSOCIATION),
                })
    events.sort(key=lambda e: (e["date"], e["site_id"]))
    return [{"incident_id": f"I-{i:04d}"} | e for i, e in enumerate(events, start=1)]


# (task, hazard, likelihood 1-5, severity 1-5, typical women's share %). Illustrative scores, but
# the severities follow the known pattern of ASM accidents: rock falls and collapses (the ILO names
# collapses as the leading cause of fatal accidents in ASM), falls in shafts and the misuse of
# explosives are the tasks that kill, so they alone get severity 5 (domain brief §2, module 6: ILO
# survey and facts sheet, confirmed_secondary). Chronic harm (mercury vapour, silica dust, poor air)
# is serious but rarely sudden: 3 to 4. Overexertion and noise: 2. Likelihoods are judgement, not data.
TASKS = (
    ("Underground digging", "rock fall and collapse", 4, 5, 5),
    ("Blasting", "misuse of explosives", 3, 5, 2),
    ("Shaft descent", "falls from height", 3, 5, 3),
    ("Burning amalgam", "mercury vapour", 5, 4, 35),
    ("Dry crushing and milling", "silica dust", 4, 4, 25),
    ("Working in deep galleries", "poor ventilation", 3, 4, 5),
    ("Whole-ore amalgamation", "mercury contact and vapour", 4, 3, 30),
    ("Cyanide leaching", "chemical exposure", 2, 4, 10),
    ("Waste-rock picking", "falling rock and dust", 4, 3, 75),
    ("Panning and sluicing", "cold water and drowning", 3, 3, 45),
    ("Operating pumps and dredges", "noise and vibration", 4, 2, 5),
    ("Carrying ore", "overexertion", 5, 2, 15),
)


def gen_ohs_tasks(a: Anchors, rng: np.random.Generator) -> list[dict]:
    return [
        {
            "task_id": f"T{i:02d}", "task": task, "hazard": hazard, "likelihood": likelihood, "severity": severity,
            "women_share_pct": float(np.clip(w + rng.normal(0, 4), 0, 100).round(1)),
        }
        for i, (task, hazard, likelihood, severity, w) in enumerate(TASKS, start=1)
    ]
