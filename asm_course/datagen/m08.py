"""Generators for m08 (value chain and traceability): ``gold_chain`` and ``gold_lots``."""

from __future__ import annotations

import numpy as np

from asm_course.datagen.anchors import Anchors
from asm_course.datagen.common import ISO3, stream, world_usd_per_g
from asm_course.datagen.m01 import gen_operations, threshold

LINKS = ("pit", "processing_plant", "local_buyer", "trading_house", "exporter")

def chain_prices(rng: np.random.Generator, pit: float, top: float) -> list[float]:
    """Prices rising strictly from ``pit`` (the miner) to ``top`` (the exporter) along the five links."""
    steps = np.sort(rng.uniform(0.05, 0.95, len(LINKS) - 2))
    return [pit] + [pit + (top - pit) * s for s in steps] + [top]


def gen_gold_chain(a: Anchors, rng: np.random.Generator) -> list[dict]:
    """Miner < processing plant < local buyer < trading house < exporter <= world price of the year.
    Honduras 2008 starts at the price reported for miners; its exporter gets 92-98% of the 2008
    world price (never the 34 USD/g that 'half the market price' would imply: above the world price)."""
    hnd_pit = a.value("national_figures", "HND-PRICE-2008", "value")
    chains = [("HND-2008", "HND", 2008, hnd_pit, world_usd_per_g(a, 2008) * rng.uniform(0.92, 0.98))]
    world = world_usd_per_g(a, 2018)
    for iso in ISO3:
        top = world * rng.uniform(0.96, 0.99)
        chains.append((f"{iso}-2018", iso, 2018, world * rng.uniform(0.55, 0.85), top))
    rows = []
    for chain_id, iso, yr, pit, top in chains:
        for order, (link, price) in enumerate(zip(LINKS, chain_prices(rng, pit, top), strict=True), start=1):
            rows.append({"chain_id": chain_id, "iso3": iso, "year": yr, "link": link, "link_order": order, "price_usd_per_g": round(price, 2)})
    return rows


LOT_DOCUMENTS = ("origin_certificate", "barequeo_certificate", "plg", "reinfo_declaration", "none")
LOT_COUNTRIES = {"COL": (14, "origin_certificate"), "PER": (10, "reinfo_declaration"), "BRA": (8, "plg")}
LOT_EXPORTERS = ("Exporter A", "Exporter B", "Exporter C")
LOT_LAUNDERING = 3  # Colombian origins whose lots add up to more than they recover in a year


def _lots_of(rng: np.random.Generator, op: dict, grams: float, document: str) -> list[dict]:
    """Split ``grams`` bought from one origin into one to three lots in different months."""
    n = int(rng.integers(1, 4))
    parts = rng.dirichlet(np.ones(n)) * grams
    months = sorted(rng.choice(np.arange(1, 13), size=n, replace=False))
    exporter = LOT_EXPORTERS[int(rng.integers(len(LOT_EXPORTERS)))]
    return [{"iso3": op["iso3"], "exporter": exporter, "origin_id": op["operation_id"], "document": document,
             "month": int(m), "gold_g": round(float(g))} for g, m in zip(parts, months, strict=True)]


def gen_gold_lots(a: Anchors, rng: np.random.Generator) -> list[dict]:
    ops = [o for o in gen_operations(a, stream("operations")) if o["mineral"] == "gold"]
    cap = max(threshold(a, "COL-SUB-GOLD-YEAR-A"), threshold(a, "COL-SUB-GOLD-YEAR-B"))
    rows: list[dict] = []
    for iso, (n, document) in LOT_COUNTRIES.items():
        manual = [o for o in ops if o["iso3"] == iso and o["area_ha"] == 1.0 and not o["uses_heavy_machinery"]
                  and o["open_pit"]] if iso == "COL" else []
        others = [o for o in ops if o["iso3"] == iso and o not in manual]
        chosen = [others[i] for i in sorted(rng.choice(len(others), size=n, replace=False))]
        launder = set(rng.choice([o["operation_id"] for o in chosen], size=LOT_LAUNDERING, replace=False)) \
            if iso == "COL" else set()
        for op in chosen:
            share = rng.uniform(1.6, 3.0) if op["operation_id"] in launder else rng.uniform(0.5, 0.95)
            rows += _lots_of(rng, op, op["gold_g_per_year"] * share, document)
        for op in manual:  # subsistence miners sell their whole output with a barequeo certificate
            grams = op["gold_g_per_year"] if op["gold_g_per_year"] <= cap else op["gold_g_per_year"] + 600
            rows += _lots_of(rng, op, grams, "barequeo_certificate")
    for i in rng.choice([k for k, r in enumerate(rows) if r["iso3"] == "COL"], size=2, replace=False):
        rows[int(i)]["document"] = "none"
    rows.sort(key=lambda r: (r["iso3"], r["month"], r["origin_id"]))
    counters: dict[str, int] = {}
    for row in rows:
        counters[row["iso3"]] = counters.get(row["iso3"], 0) + 1
        row["lot_id"] = f"{row['iso3']}-L{counters[row['iso3']]:03d}"
    return rows
