"""Generator for m07 (gender): ``workforce_by_role_sex``."""

from __future__ import annotations

import numpy as np

from asm_course.datagen.anchors import Anchors

ROLES = ("digging", "processing", "waste_rock_picking", "trading", "services")

GENDER_SITES = {"COL": ("COL-subsistence", 8), "ECU": ("ECU-members", 8), "PER": ("PER-all", 6), "BOL": ("BOL-all", 6)}
ROLE_SIZE = (40, 25, 15, 8, 12)
ROLE_WOMEN = (0.4, 1.2, 2.5, 1.3, 2.0)  # relative propensity of women per role
ROLE_INCOME = (420, 330, 180, 380, 220)


def women_probabilities(share: float, sizes: np.ndarray) -> np.ndarray:
    """Per-role probability of a worker being a woman, averaging to ``share``."""
    p = np.array(ROLE_WOMEN) * share
    for _ in range(50):  # rescale until the weighted mean matches after clipping
        p = np.clip(p * share / (np.dot(p, sizes) / sizes.sum()), 0, 0.95)
    return p


def gen_workforce_by_role_sex(a: Anchors, rng: np.random.Generator) -> list[dict]:
    rows = []
    for iso, (share_id, n_sites) in GENDER_SITES.items():
        share = a.value("women_share", share_id, "women_share_pct") / 100
        for s in range(1, n_sites + 1):
            sizes = rng.multinomial(int(rng.integers(30, 200)), np.array(ROLE_SIZE) / sum(ROLE_SIZE))
            women = rng.binomial(sizes, women_probabilities(share, np.maximum(sizes, 1)))
            for r, role in enumerate(ROLES):
                for sex, n in (("female", women[r]), ("male", sizes[r] - women[r])):
                    gap = rng.uniform(0.6, 0.85) if sex == "female" else 1.0
                    income = ROLE_INCOME[r] * gap * rng.uniform(0.8, 1.2) if n else None
                    rows.append({
                        "site_id": f"W-{iso}-{s:02d}", "iso3": iso, "role": role, "sex": sex,
                        "workers": int(n), "median_income_usd_per_month": None if income is None else round(income),
                        "holds_title_or_permit": int(rng.binomial(n, 0.1 if sex == "female" else 0.3)),
                    })
    return rows
