"""Gold quantities and values along the value chain (pure functions)."""

from __future__ import annotations

TROY_OUNCE_G = 31.1035  # grams in one troy ounce (the unit of gold prices)


def ounces_to_tonnes(ounces: float) -> float:
    """Troy ounces to metric tonnes of gold."""
    return ounces * TROY_OUNCE_G / 1_000_000


def gold_value_usd_m(gold_t: float, price_usd_per_oz: float) -> float:
    """Value in millions of US dollars of ``gold_t`` tonnes at a price per troy ounce."""
    if gold_t < 0 or price_usd_per_oz < 0:
        raise ValueError("gold_t and price_usd_per_oz must not be negative")
    return gold_t * 1_000_000 / TROY_OUNCE_G * price_usd_per_oz / 1_000_000
