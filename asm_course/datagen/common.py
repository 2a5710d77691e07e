"""What every generator shares: the seed and its streams, the countries and regions, weighted draws.

Each synthetic resource draws from its own stream (:func:`stream`), so the tables do not depend on
the order in which they are generated; a generator that reuses another table regenerates it from
that table's stream.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping

import numpy as np

from asm_course.datagen.anchors import Anchors
from asm_course.formalization import OTHER_REGIONS
from asm_course.value_chain import TROY_OUNCE_G

SEED = 2018
ISO3 = ("BOL", "BRA", "COL", "DOM", "ECU", "GTM", "HND", "MEX", "PER")


def fmt(value: object, decimals: int = 2) -> str:
    """Fixed, platform-independent text for one CSV cell."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        out = f"{float(value):.{decimals}f}".rstrip("0").rstrip(".")
        return "0" if out in ("-0", "") else out
    return str(value)


def stream(name: str) -> np.random.Generator:
    """The random stream of one resource: seed SEED, keyed by the resource name."""
    return np.random.default_rng([SEED, zlib.crc32(name.encode())])


def pick(rng: np.random.Generator, options: Mapping[str, float]) -> str:
    """One key of ``options`` drawn with the given weights."""
    keys = list(options)
    weights = np.array([options[k] for k in keys], dtype=float)
    return keys[int(rng.choice(len(keys), p=weights / weights.sum()))]


def round_counts(total: int, shares: Iterable[float]) -> list[int]:
    """Split ``total`` into integers proportional to ``shares`` (largest remainder)."""
    shares = np.asarray(list(shares), dtype=float)
    raw = total * shares / shares.sum()
    out = np.floor(raw).astype(int)
    for i in np.argsort(-(raw - out), kind="stable")[: total - out.sum()]:
        out[i] += 1
    return [int(v) for v in out]


def world_usd_per_g(a: Anchors, year: int) -> float:
    """Reference world gold price of one year in USD per gram (global_figures gold_price_<year>)."""
    return a.value("global_figures", f"gold_price_{year}", "value") / TROY_OUNCE_G


REGIONS = {  # place names only (no figures); Peru's come from reinfo_regions
    "BOL": ("La Paz", "Potosí", "Oruro"),
    "BRA": ("Pará", "Mato Grosso", "Amapá", "Rondônia"),
    "COL": ("Antioquia", "Chocó", "Bolívar", "Cauca", "Nariño"),
    "DOM": ("Santiago", "Santiago Rodríguez", "Barahona", "Hato Mayor", "Puerto Plata"),
    "ECU": ("El Oro", "Zamora Chinchipe", "Azuay", "Imbabura"),
    "GTM": ("Izabal", "Huehuetenango", "San Marcos"),
    "HND": ("Olancho", "Choluteca", "El Paraíso"),
    "MEX": ("Sonora", "Chihuahua", "Durango", "Zacatecas"),
}


def regions(anchors: Anchors, iso: str) -> tuple[str, ...]:
    """Region names used for synthetic rows of one country."""
    if iso == "PER":
        names = anchors.table("reinfo_regions")["region"]
        return tuple(n for n in names if n != OTHER_REGIONS)
    return REGIONS[iso]
