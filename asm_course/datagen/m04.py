"""Generators for m04 (formalization): ``registry_records``, ``formalization_steps`` and ``miner_income``."""

from __future__ import annotations

import numpy as np
import pandas as pd

from asm_course.datagen.anchors import Anchors
from asm_course.datagen.common import ISO3, stream, world_usd_per_g
from asm_course.formalization import OTHER_REGIONS, STAGE_FLAGS, STAGES

# The stages a record in force can be waiting for (the funnel after "registered" and "active").
ENVIRONMENTAL, RIGHT, FORMALIZED = STAGES[2:]

# Median days an application waits, by the stage it is waiting for. The evaluation of the
# environmental instrument (by the regional governments' environmental desks) is the slowest step; the final
# authorization is the quickest. Illustrative values, not published figures.
STAGE_WAIT_DAYS = {ENVIRONMENTAL: 620, RIGHT: 330, FORMALIZED: 210}
# Moderate regional factor on the wait: remote Amazon and highland regions slower, coastal
# regions near Lima quicker. An assumption written into this illustrative table, not a finding:
# the notebooks must not present the regional pattern it produces as a fact about Peru.
REGION_WAIT = {
    "Madre de Dios": 1.35, "Puno": 1.2, "Apurímac": 1.15, "Ayacucho": 1.1, "Cusco": 1.1,
    OTHER_REGIONS: 1.1, "Áncash": 1.0, "Arequipa": 0.95, "La Libertad": 0.9, "Ica": 0.85, "Lima": 0.8,
}
REGISTRY_SNAPSHOT = pd.Timestamp("2025-03-31")  # date of the extract (REINFO figures are ~2024-2025)


def days_pending(stage: str, region: str, noise: float, registered: pd.Timestamp, share: float) -> int:
    """Days the current application of one record has waited: a median by the stage awaited,
    times a regional factor, times log-normal noise; never longer than the time since the
    record was registered (then a share of that time, as the application came later)."""
    wait = STAGE_WAIT_DAYS[stage] * REGION_WAIT.get(region, 1.0) * float(np.exp(noise))
    elapsed = (REGISTRY_SNAPSHOT - registered).days
    return max(1, int(wait if wait < elapsed else elapsed * share))


def gen_registry_records(a: Anchors, rng: np.random.Generator) -> list[dict]:
    active = a.table("reinfo_regions")[["region", "active"]]
    processing = a.value("national_figures", "PER-REINFO-2025-PROCESSING", "value") / 100
    years = np.arange(2017, 2025)
    year_p = np.array([20, 14, 10, 10, 10, 11, 11, 14], dtype=float)
    dates = stream("registry_records.registration_date")  # own stream: the stage draws stay as they were
    rows, k = [], 0
    for region, n in zip(active["region"], active["active"].astype(int), strict=True):
        p_env, p_right, p_form = rng.uniform(0.3, 0.55), rng.uniform(0.45, 0.65), rng.uniform(0.15, 0.35)
        env = rng.random(n) < p_env
        right = env & (rng.random(n) < p_right)
        formal = right & (rng.random(n) < p_form)
        act = np.where(rng.random(n) < processing, "processing", "extraction")
        reg = rng.choice(years, n, p=year_p / year_p.sum())
        noise = rng.normal(0.0, 0.5, n)
        day, share = dates.integers(0, 365, n), dates.uniform(0.6, 1.0, n)
        for i in range(n):
            k += 1
            stage = FORMALIZED if right[i] else (RIGHT if env[i] else ENVIRONMENTAL)
            registered = pd.Timestamp(int(reg[i]), 1, 1) + pd.Timedelta(days=int(day[i]))
            rows.append({
                "record_id": f"R{k:05d}", "region": region, "activity": act[i],
                STAGE_FLAGS[ENVIRONMENTAL]: bool(env[i]),
                STAGE_FLAGS[RIGHT]: bool(right[i]), STAGE_FLAGS[FORMALIZED]: bool(formal[i]),
                "registered_year": int(reg[i]),
                "days_pending": None if formal[i] else days_pending(stage, region, noise[i], registered, share[i]),
            })
    return rows


STEPS = {
    "PER": (
        ("Enrol in the formalization registry", "national mining ministry"),
        ("Environmental instrument for small operations", "regional environmental office"),
        ("Proof of the right to use the surface land", "regional mining office"),
        ("Mining right or contract with the concession holder", "regional mining office"),
        ("Technical file of the mining plan", "regional mining office"),
        ("Authorization to start operations", "regional mining office"),
    ),
    "COL": (  # one route only (simplified): small-scale miners working inside another party's title
        ("Agreement with the title holder on a formalization subcontract", "title holder"),
        ("Approval of the subcontract by the mining authority", "national mining agency"),
        ("Works plan for the subcontracted area", "national mining agency"),
        ("Environmental licence", "regional environmental authority"),
        ("Entry of the subcontract in the national mining register", "national mining agency"),
    ),
    "ECU": (
        ("Application for an artisanal mining permit", "mining regulation agency"),
        ("Environmental registration", "environment ministry"),
        ("Water use authorization", "water authority"),
        ("Municipal land-use certificate", "municipality"),
        ("Permit issued and registered", "mining regulation agency"),
    ),
}


def gen_formalization_steps(a: Anchors, rng: np.random.Generator) -> list[dict]:
    rows = []
    for iso, steps in STEPS.items():
        for order, (step, agency) in enumerate(steps, start=1):
            fee = round(float(np.exp(rng.normal(np.log(300), 0.9))), -1)
            days = int(np.exp(rng.normal(np.log(60), 0.6)))
            rows.append({
                "step_id": f"{iso}-{order}", "iso3": iso, "order": order, "step": step,
                "agency": agency, "fee_usd": fee, "processing_days": days,
                "one_stop_shop_fee_usd": round(fee * rng.uniform(0.5, 0.9), -1),
                "one_stop_shop_days": max(1, int(days * rng.uniform(0.25, 0.6))),
            })
    return rows


def gen_miner_income(a: Anchors, rng: np.random.Generator) -> list[dict]:
    world = world_usd_per_g(a, 2018)
    rows = []
    for iso in ISO3:
        grams = round(float(rng.uniform(8, 25)), 1)
        if iso == "HND":
            price, basis = a.value("national_figures", "HND-PRICE-2008", "value"), "price paid to Honduran miners in 2008 (national_figures HND-PRICE-2008)"
        else:
            price, basis = world * rng.uniform(0.6, 0.9), "illustrative share of the 2018 reference price (global_figures gold_price_2018)"
        rows.append({
            "iso3": iso, "gold_g_per_month": grams, "price_usd_per_g": round(price, 2),
            "monthly_income_usd": round(grams * round(price, 2), 2), "basis": basis,
        })
    return rows
