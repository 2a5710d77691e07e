"""Generators for m02 (institutions and stakeholders): ``stakeholders``, ``agency_mandates``,
``population_shares`` and ``consultation_participants``."""

from __future__ import annotations

import numpy as np

from asm_course.datagen.anchors import Anchors
from asm_course.datagen.common import ISO3, pick, round_counts, stream
from asm_course.formalization import OTHER_REGIONS
from asm_course.institutions import TASKS

GROUPS = {  # group: (typical influence, typical interest)
    "miners_cooperative": (3, 5), "miners_association": (3, 5), "women_miners_association": (2, 5),
    "informal_miners": (1, 5), "indigenous_community": (2, 4), "local_community": (2, 4),
    "lsm_company": (5, 3), "trader": (4, 4), "processing_plant_owner": (3, 4), "ngo": (2, 4),
    "donor": (4, 2), "ministry": (5, 3), "regional_government": (4, 3), "municipality": (3, 3),
    "health_service": (2, 2),
}
STAKEHOLDER_NAMES = {  # generic names: a kind of stakeholder and a letter, e.g. "LSM company E"
    "miners_cooperative": "Miners' cooperative", "miners_association": "Miners' association",
    "women_miners_association": "Women miners' association", "informal_miners": "Informal miners' group",
    "indigenous_community": "Indigenous community", "local_community": "Local community",
    "lsm_company": "LSM company", "trader": "Gold trader", "processing_plant_owner": "Processing plant owner",
    "ngo": "NGO", "donor": "Donor", "ministry": "Ministry", "regional_government": "Regional government",
    "municipality": "Municipality", "health_service": "Health service",
}
# Who does what, per country and task, in RACI letters. "PER-GORE"-style keys are rows of the
# real authorities table (their English name is used); other keys are generic bodies, named in
# GENERIC_BODIES (a country may rename one, e.g. where tax and customs are one body). The table
# is illustrative, but every assignment follows the usual division of labour: licensing by the
# mining authority (or regional governments), environmental permits by the environmental
# authority, mercury imports by environment + customs, OHS by labour, royalties by the tax or
# mining authority, gold purchase by a central bank or state company, or by traders under a
# regulator. Deliberate defects for the RACI exercise (m02). Each is a kind of failure common in
# practice; the country it is placed in is arbitrary and no source says that country has it, so
# the notebooks must present them as features of this illustrative table only:
#   BOL ohs_inspection          no A;
#   COL mercury_import_control  two A (environment ministry and tax and customs authority);
#   ECU ohs_inspection          no R;
#   GTM royalty_collection      two A (mining directorate and municipalities);
#   HND environmental_permit    no R;
#   HND ohs_inspection          no A;
#   PER licensing               two A (regional governments and INGEMMET);
#   PER gold_purchase           no A.
GENERIC_BODIES = {
    "MIN": "Mining ministry", "MINAG": "Mining agency", "ENV": "Environment ministry",
    "LAB": "Labour ministry", "HEA": "Health ministry", "TAX": "Tax authority", "CUS": "Customs",
    "CB": "Central bank", "MUNI": "Municipalities", "TRADERS": "Registered gold traders",
    "DEPT": "Departmental governments", "STATES": "State governments",
    "STATE_ENV": "State environmental agencies", "FED_ENV": "Federal environmental agency",
    "CAR": "Regional environmental authorities", "WATER": "Water authority",
    "DTVM": "Licensed gold buyers (DTVMs)",
}
TAX_AND_CUSTOMS = "Tax and customs authority"  # one body in BRA, COL, GTM, MEX and PER
MANDATES = {
    "BOL": {
        "licensing": "MINAG:A MINAG:R ENV:C MIN:I DEPT:I",
        "environmental_permit": "ENV:A DEPT:R MINAG:C",
        "mercury_import_control": "ENV:A CUS:R HEA:C MIN:I",
        "ohs_inspection": "MINAG:R LAB:C HEA:C MIN:I",
        "royalty_collection": "MIN:A MINAG:R TAX:C DEPT:I",
        "gold_purchase": "MIN:A BOL-EBO:R CB:C BOL-COMERMIN:I TAX:I",
    },
    "BRA": {
        "licensing": "BRA-ANM:A BRA-ANM:R STATE_ENV:C MIN:I",
        "environmental_permit": "STATE_ENV:A STATE_ENV:R FED_ENV:C BRA-ANM:I",
        "mercury_import_control": "FED_ENV:A TAX:R HEA:C BRA-ANM:I",
        "ohs_inspection": "LAB:A LAB:R BRA-ANM:C HEA:C",
        "royalty_collection": "BRA-ANM:A BRA-ANM:R TAX:C STATES:I MUNI:I",
        "gold_purchase": "CB:A DTVM:R BRA-ANM:C TAX:I",
    },
    "COL": {
        "licensing": "COL-ANM:A COL-ANM:R COL-ANTIOQUIA:R CAR:C COL-MME:I",
        "environmental_permit": "CAR:A CAR:R ENV:C COL-ANM:I",
        "mercury_import_control": "ENV:A TAX:A TAX:R HEA:C COL-MME:I",
        "ohs_inspection": "LAB:A COL-ANM:R HEA:C COL-MME:I",
        "royalty_collection": "COL-ANM:A COL-ANM:R COL-UPME:C TAX:C COL-MME:I",
        "gold_purchase": "COL-ANM:A TRADERS:R TAX:C CB:I",
    },
    "DOM": {
        "licensing": "DOM-MEM:A DOM-DGM:R ENV:C DOM-SGN:C TAX:I",
        "environmental_permit": "ENV:A ENV:R DOM-DGM:C",
        "mercury_import_control": "ENV:A CUS:R HEA:C DOM-DGM:I",
        "ohs_inspection": "LAB:A DOM-DGM:R HEA:C",
        "royalty_collection": "TAX:A TAX:R DOM-DGM:C MUNI:I",
        "gold_purchase": "DOM-DGM:A TRADERS:R TAX:I CB:I",
    },
    "ECU": {
        "licensing": "ECU-MERNNR:A ECU-ARCOM:R ECU-MAE:C ECU-INIGEMM:C ECU-MUNI:I",
        "environmental_permit": "ECU-MAE:A ECU-MAE:R WATER:C ECU-ARCOM:I",
        "mercury_import_control": "ECU-MAE:A CUS:R HEA:C ECU-ARCOM:I",
        "ohs_inspection": "LAB:A ECU-ARCOM:C HEA:C ECU-MERNNR:I",
        "royalty_collection": "TAX:A TAX:R ECU-ARCOM:C ECU-MERNNR:I",
        "gold_purchase": "CB:A CB:R ECU-ARCOM:C TAX:I",
    },
    "GTM": {
        "licensing": "GTM-DGM:A GTM-DGM:R ENV:C MUNI:I",
        "environmental_permit": "ENV:A ENV:R GTM-DGM:C",
        "mercury_import_control": "ENV:A TAX:R HEA:C GTM-DGM:I",
        "ohs_inspection": "LAB:A LAB:R GTM-DGM:C HEA:C",
        "royalty_collection": "GTM-DGM:A MUNI:A GTM-DGM:R MUNI:R TAX:C",
        "gold_purchase": "GTM-DGM:A TRADERS:R TAX:I CB:I",
    },
    "HND": {
        "licensing": "HND-INHGEOMIN:A HND-INHGEOMIN:R ENV:C MUNI:C",
        "environmental_permit": "ENV:A HND-INHGEOMIN:C MUNI:C HEA:I",
        "mercury_import_control": "ENV:A CUS:R HEA:C HND-INHGEOMIN:I",
        "ohs_inspection": "HND-INHGEOMIN:R LAB:C HEA:C",
        "royalty_collection": "HND-INHGEOMIN:A HND-INHGEOMIN:R TAX:C MUNI:I",
        "gold_purchase": "CB:A TRADERS:R HND-INHGEOMIN:C TAX:I",
    },
    "MEX": {
        "licensing": "MEX-SE:A MEX-SE:R MEX-SGM:C ENV:C TAX:I",
        "environmental_permit": "ENV:A ENV:R MEX-SE:I",
        "mercury_import_control": "ENV:A TAX:R HEA:C",
        "ohs_inspection": "LAB:A LAB:R MEX-SE:C HEA:C",
        "royalty_collection": "TAX:A TAX:R MEX-SE:C MUNI:I",
        "gold_purchase": "MEX-SE:A TRADERS:R MEX-FIFOMI:C TAX:I",
    },
    "PER": {
        "licensing": "PER-GORE:A PER-INGEMMET:A PER-GORE:R PER-DGFM:C ENV:I",
        "environmental_permit": "PER-GORE:A PER-GORE:R ENV:C PER-DGFM:I",
        "mercury_import_control": "ENV:A TAX:R HEA:C PER-DGFM:I",
        "ohs_inspection": "PER-GORE:A PER-GORE:R LAB:C HEA:I",
        "royalty_collection": "TAX:A TAX:R PER-INGEMMET:C PER-GORE:I",
        "gold_purchase": "TRADERS:R TAX:C PER-DGFM:I CB:I",
    },
}


def gen_stakeholders(a: Anchors, rng: np.random.Generator) -> list[dict]:
    rows = []
    for iso in ISO3:
        chosen = sorted(rng.choice(len(GROUPS), 12, replace=False))
        for i, g in enumerate(chosen, start=1):
            group = list(GROUPS)[g]
            inf, intr = GROUPS[group]
            rows.append({
                "stakeholder_id": f"{iso}-S{i:02d}", "iso3": iso,
                "stakeholder": f"{STAKEHOLDER_NAMES[group]} {chr(64 + i)}", "group": group,
                "influence": int(np.clip(inf + rng.integers(-1, 2), 1, 5)),
                "interest": int(np.clip(intr + rng.integers(-1, 2), 1, 5)),
            })
    return rows


def body_name(a: Anchors, iso: str, key: str) -> str:
    """The name of one body of MANDATES: a real authority (by authority_id) or a generic body."""
    authorities = a.table("authorities").set_index("authority_id")
    if key in authorities.index:
        return str(authorities.loc[key, "authority_en"])
    if key in ("TAX", "CUS") and iso in ("BRA", "COL", "GTM", "MEX", "PER"):
        return TAX_AND_CUSTOMS
    return GENERIC_BODIES[key]


def gen_agency_mandates(a: Anchors, rng: np.random.Generator) -> list[dict]:
    rows = []
    for iso in ISO3:
        for task in TASKS:
            for item in MANDATES[iso][task].split():
                key, letter = item.rsplit(":", 1)
                rows.append({"iso3": iso, "task": task, "agency": body_name(a, iso, key), "raci": letter})
    return rows


CONSULT = {"PER": "PER-all", "COL": "COL-all", "BOL": "BOL-all", "ECU": "ECU-members"}
# Roles of the ASM population (relative sizes). Officials are not part of it: they take part in
# a consultation (CONSULT_ROLES) but have no share in the population baseline.
POPULATION_ROLES = {"miner": 60, "processor": 15, "trader": 8, "community_member": 12}
CONSULT_ROLES = tuple(POPULATION_ROLES) + ("official",)
OFFICIALS_SHARE = 0.26  # officials are easy to invite: about a quarter of the seats
# how much more (or less) often each group shows up in a consultation than in the population
TURNOUT = {"female": 0.6, "male": 1.0, "miner": 0.7, "processor": 0.8, "trader": 1.2, "community_member": 0.6}
REST = "Rest of the country"
# Rough weights of the main ASM regions in the ASM population (illustrative); Peru's come from
# the REINFO active records (reinfo_regions). The first region hosts the consultation.
REGION_WEIGHTS = {
    "BOL": {"La Paz": 55, "Potosí": 22, "Oruro": 10, REST: 13},
    "COL": {"Antioquia": 40, "Chocó": 14, "Bolívar": 12, "Cauca": 10, REST: 24},
    "ECU": {"El Oro": 38, "Zamora Chinchipe": 22, "Azuay": 14, REST: 26},
}
REGION_TURNOUT = {"venue": 2.0, "other": 0.7, REST: 0.5}


def region_weights(a: Anchors, rng: np.random.Generator, iso: str) -> dict[str, float]:
    """Relative size of the ASM population by region: Peru's four largest REINFO regions and the
    rest of the country (from reinfo_regions); elsewhere REGION_WEIGHTS with a little noise."""
    if iso == "PER":
        active = a.table("reinfo_regions").set_index("region")["active"].astype(int)
        named = [r for r in active.index if r != OTHER_REGIONS][:4]
        return {r: float(active[r]) for r in named} | {REST: float(active.sum() - active[named].sum())}
    weights = REGION_WEIGHTS[iso]
    return dict(zip(weights, rng.dirichlet(30 * np.array(list(weights.values()), dtype=float)), strict=True))


def population(a: Anchors, rng: np.random.Generator, iso: str) -> dict[str, dict[str, float]]:
    """Baseline population shares (percent) by sex, region and role for one country."""
    women = a.value("women_share", CONSULT[iso], "women_share_pct")
    regions_w = region_weights(a, rng, iso)
    region_p = round_counts(1000, regions_w.values())
    role_p = round_counts(1000, POPULATION_ROLES.values())
    return {
        "sex": {"female": women, "male": round(100 - women, 1)},
        "region": {n: p / 10 for n, p in zip(regions_w, region_p, strict=True)},
        "role": {r: p / 10 for r, p in zip(POPULATION_ROLES, role_p, strict=True)},
    }


def gen_population_shares(a: Anchors, rng: np.random.Generator) -> list[dict]:
    return [
        {"iso3": iso, "dimension": dim, "group": group, "share_pct": share}
        for iso in CONSULT
        for dim, groups in population(a, rng, iso).items()
        for group, share in groups.items()
    ]


def draw(rng: np.random.Generator, shares: dict[str, float], turnout: list[float]) -> str:
    """One participant's group, biased by turnout."""
    return pick(rng, {g: s * t for (g, s), t in zip(shares.items(), turnout, strict=True)})


def gen_consultation_participants(a: Anchors, rng: np.random.Generator) -> list[dict]:
    pop_rng = stream("population_shares")
    rows = []
    for iso in CONSULT:
        pop = population(a, pop_rng, iso)
        names = list(pop["region"])
        region_turnout = [REGION_TURNOUT["venue" if i == 0 else REST if n == REST else "other"] for i, n in enumerate(names)]
        asm = {r: s * TURNOUT[r] for r, s in pop["role"].items()}
        roles = asm | {"official": OFFICIALS_SHARE / (1 - OFFICIALS_SHARE) * sum(asm.values())}
        for i in range(1, 41):
            rows.append({
                "participant_id": f"{iso}-P{i:02d}", "iso3": iso,
                "sex": draw(rng, pop["sex"], [TURNOUT[g] for g in pop["sex"]]),
                "region": draw(rng, pop["region"], region_turnout),
                "role": pick(rng, roles),
            })
    return rows
