"""Build the course data package: schema, README catalogue and synthetic tables.

Single source of truth for the *schema* of every resource (``RESOURCES`` below). Running
this module writes ``datapackage.json``, ``README.md`` and every synthetic CSV; the real
national tables are transcribed by hand (they carry a ``source`` and ``status`` per row)
and only *read* here, as anchors for the synthetic data.

    python -m asm_course.datagen [--out DIR] [--check]

Output is byte-identical on every run: one seed (``SEED``), a separate random stream per
resource, stable ordering, fixed float formatting, no timestamps. ``--check`` regenerates
in memory and exits non-zero if any generated file differs from the files on disk.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
import pandas as pd

from asm_course.data import data_dir

SEED = 2018
GENERATOR = "asm_course/datagen.py"
TROY_OUNCE_G = 31.1035  # unit conversion, not a domain figure
STATUS = ("confirmed", "confirmed_secondary", "uncertain", "not_found")
ISO3 = ("BOL", "BRA", "COL", "DOM", "ECU", "GTM", "HND", "MEX", "PER")
PRACTICES = (
    "whole_ore_amalgamation",
    "concentrate_open_burning",
    "concentrate_retort",
    "mercury_free",
)
ROLES = ("digging", "processing", "waste_rock_picking", "trading", "services")
LINKS = ("pit", "processing_plant", "local_buyer", "trading_house", "exporter")
LICENSE_REAL = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 (the compilation; the figures are facts "
    "from the cited sources)",
}
LICENSE_SYNTHETIC = {
    "name": "CC0-1.0",
    "path": "https://creativecommons.org/publicdomain/zero/1.0/",
    "title": "CC0 1.0 (synthetic data)",
}


# --------------------------------------------------------------------------- schema


def fld(
    name: str,
    type_: str,
    description: str,
    *,
    required: bool = False,
    unique: bool = False,
    minimum: float | None = None,
    maximum: float | None = None,
    enum: Iterable[str] | None = None,
    pattern: str | None = None,
) -> dict:
    """One Table Schema field with its constraints."""
    constraints = {
        "required": required or None,
        "unique": unique or None,
        "minimum": minimum,
        "maximum": maximum,
        "enum": list(enum) if enum is not None else None,
        "pattern": pattern,
    }
    out = {"name": name, "type": type_, "description": description}
    kept = {k: v for k, v in constraints.items() if v is not None}
    return out | ({"constraints": kept} if kept else {})


def iso3() -> dict:
    return fld("iso3", "string", "ISO 3166-1 alpha-3 country code (a code of the countries resource).", required=True)


def status(*extra: str) -> dict:
    return fld(
        "status",
        "string",
        "How far the figure is confirmed: confirmed (seen in the source), confirmed_secondary "
        "(through a source quoting it), uncertain, not_found" + (", " + ", ".join(extra) if extra else "") + ".",
        required=True,
        enum=STATUS + extra,
    )


def source(name: str = "source", what: str = "the figure") -> dict:
    return fld(name, "string", f"URL of the document that publishes {what}; empty when not found.")


def note() -> dict:
    return fld("note", "string", "Context, caveats, or how a value was read or derived.")


def year(name: str = "year", what: str = "Year the figure refers to", required: bool = False) -> dict:
    return fld(name, "integer", f"{what}; empty when the source gives none.", required=required, minimum=1900, maximum=2100)


def ident(name: str, example: str) -> dict:
    return fld(name, "string", f"Identifier, e.g. {example}.", required=True, unique=True)


def count(name: str, description: str, required: bool = False) -> dict:
    return fld(name, "integer", description, required=required, minimum=0)


def number(name: str, description: str, required: bool = False, minimum: float | None = 0) -> dict:
    return fld(name, "number", description, required=required, minimum=minimum)


def flag(name: str, description: str, required: bool = True) -> dict:
    return fld(name, "boolean", description, required=required)


def text(name: str, description: str, required: bool = True, enum: Iterable[str] | None = None) -> dict:
    return fld(name, "string", description, required=required, enum=enum)


def score(name: str, description: str) -> dict:
    return fld(name, "integer", description, required=True, minimum=1, maximum=5)


@dataclass(frozen=True)
class Resource:
    """One table of the data package, described once."""

    name: str
    title: str
    description: str
    row: str
    modules: tuple[str, ...]
    fields: tuple[dict, ...]
    primary_key: tuple[str, ...] = ()
    kind: str = "real"
    anchors: tuple[str, ...] = ()
    year: str = ""
    raw: bool = False
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()
    generate: Callable[[Anchors, np.random.Generator], list[dict]] | None = field(
        default=None, compare=False, repr=False
    )

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    @property
    def columns(self) -> list[str]:
        return [f["name"] for f in self.fields]

    def all_foreign_keys(self) -> list[dict]:
        """Declared foreign keys plus iso3 → countries for every table but countries."""
        keys = list(self.foreign_keys)
        if "iso3" in self.columns and self.name != "countries" and not self.raw:
            keys.insert(0, (("iso3",), "countries", ("iso3",)))
        return [
            {"fields": list(f), "reference": {"resource": r, "fields": list(rf)}}
            for f, r, rf in keys
        ]


# --------------------------------------------------------------------------- anchors


class Anchors:
    """Read-only access to the hand-transcribed real tables (the anchors)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._tables: dict[str, pd.DataFrame] = {}

    def table(self, name: str) -> pd.DataFrame:
        """A real table as strings, exactly as written in its CSV."""
        if name not in self._tables:
            self._tables[name] = pd.read_csv(
                self.folder / f"{name}.csv", dtype=str, keep_default_na=False, encoding="utf-8"
            )
        return self._tables[name]

    def value(self, name: str, key: str, column: str) -> float:
        """One number of a real table, looked up by the value of its first column."""
        df = self.table(name)
        hit = df.loc[df.iloc[:, 0] == key, column]
        if len(hit) != 1 or hit.iloc[0] == "":
            raise KeyError(f"anchor {name}[{key!r}].{column} missing")
        return float(hit.iloc[0])

    def sources(self, name: str) -> list[str]:
        """Every distinct URL in the table's source columns, in order of appearance."""
        df = self.table(name)
        urls: list[str] = []
        for col in (c for c in df.columns if c.startswith("source") and c != "source_label"):
            for cell in df[col]:
                for url in cell.split(" ; "):
                    if url.startswith("http") and url not in urls:
                        urls.append(url)
        return urls

    def years(self, name: str) -> str:
        """'first–last' year of a real table's year columns (empty if none)."""
        df = self.table(name)
        cols = [c for c in df.columns if c == "year" or (c.endswith("_year") and "_per_" not in c)]
        found = sorted({int(v) for c in cols for v in df[c] if v})
        if not found:
            return ""
        return str(found[0]) if found[0] == found[-1] else f"{found[0]}–{found[-1]}"


# --------------------------------------------------------------------------- helpers


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


def pick(rng: np.random.Generator, options: dict[str, float]) -> str:
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


OTHER_REGIONS = "Other regions"


# --------------------------------------------------------------------------- m01 operations

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


def make_operation(rng: np.random.Generator, iso: str, region: str, **fixed: object) -> dict:
    """One synthetic operation; ``fixed`` values override the random draws."""
    mineral = fixed.pop("mineral", None) or pick(rng, MINERAL_MIX[iso])
    placer = rng.random() < PLACER_SHARE.get(mineral, 0.0) or (mineral == "gold" and region == "Madre de Dios")
    deposit = fixed.pop("deposit_type", None) or ("placer" if placer else "hard_rock")
    size = float(np.exp(rng.normal(0, 1.0)))
    cap_t = round(min(15 * size, 2000), 1) if deposit == "hard_rock" else None
    cap_m3 = round(min(80 * size, 5000)) if deposit == "placer" else None
    op = {
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
    edges = [
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


# --------------------------------------------------------------------------- m04 formalization


# Median days an application waits, by the stage it is waiting for. The evaluation of the
# environmental instrument (by the regional governments' environmental desks) is the slowest step; the final
# authorization is the quickest. Illustrative values, not published figures.
STAGE_WAIT_DAYS = {"environmental_instrument": 620, "mining_right_or_contract": 330, "formalized": 210}
# Moderate regional factor on the wait: remote Amazon and highland regions slower, coastal
# regions near Lima quicker. An assumption written into this illustrative table, not a finding:
# the notebooks must not present the regional pattern it produces as a fact about Peru.
REGION_WAIT = {
    "Madre de Dios": 1.35, "Puno": 1.2, "Apurímac": 1.15, "Ayacucho": 1.1, "Cusco": 1.1,
    "Other regions": 1.1, "Áncash": 1.0, "Arequipa": 0.95, "La Libertad": 0.9, "Ica": 0.85, "Lima": 0.8,
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
    for region, n in zip(active["region"], active["active"].astype(int)):
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
            stage = "formalized" if right[i] else ("mining_right_or_contract" if env[i] else "environmental_instrument")
            registered = pd.Timestamp(int(reg[i]), 1, 1) + pd.Timedelta(days=int(day[i]))
            rows.append({
                "record_id": f"R{k:05d}", "region": region, "activity": act[i],
                "has_environmental_instrument": bool(env[i]),
                "has_mining_right_or_contract": bool(right[i]), "formalized": bool(formal[i]),
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


# --------------------------------------------------------------------------- m05 mercury

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
        mix = dict(zip(PRACTICES, PRACTICE_MIX.get(iso, DEFAULT_MIX)))
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


# --------------------------------------------------------------------------- m07 gender

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


# --------------------------------------------------------------------------- m06 OHS

OHS_SITES = ("PER", "COL", "BOL", "ECU")
SEVERITY_RATE = {"fatal": 8, "lost_time": 100, "medical": 250, "near_miss": 400}  # per 1e6 hours
TYPES = ("collapse", "fall", "explosives", "machinery", "mercury_exposure", "dust", "cut")
REPORT_P = {"health_post": 0.55, "association": 0.45}


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
                    "reported_to": "both" if to_hp and to_as else ("health_post" if to_hp else "association"),
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


# --------------------------------------------------------------------------- m08 value chain

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
        for order, (link, price) in enumerate(zip(LINKS, chain_prices(rng, pit, top)), start=1):
            rows.append({"chain_id": chain_id, "iso3": iso, "year": yr, "link": link, "link_order": order, "price_usd_per_g": round(price, 2)})
    return rows


# --------------------------------------------------------------------------- m02 stakeholders

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
TASK_NAMES = ("licensing", "environmental_permit", "mercury_import_control", "ohs_inspection", "royalty_collection", "gold_purchase")
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
        for task in TASK_NAMES:
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
    return dict(zip(weights, rng.dirichlet(30 * np.array(list(weights.values()), dtype=float))))


def population(a: Anchors, rng: np.random.Generator, iso: str) -> dict[str, dict[str, float]]:
    """Baseline population shares (percent) by sex, region and role for one country."""
    women = a.value("women_share", CONSULT[iso], "women_share_pct")
    regions_w = region_weights(a, rng, iso)
    region_p = round_counts(1000, regions_w.values())
    role_p = round_counts(1000, POPULATION_ROLES.values())
    return {
        "sex": {"female": women, "male": round(100 - women, 1)},
        "region": {n: p / 10 for n, p in zip(regions_w, region_p)},
        "role": {r: p / 10 for r, p in zip(POPULATION_ROLES, role_p)},
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
    return pick(rng, {g: s * t for (g, s), t in zip(shares.items(), turnout)})


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


# --------------------------------------------------------------------------- m09 monitoring

FREQUENCIES = ("monthly", "quarterly", "annual", "biennial")


def indicator_specs(a: Anchors) -> list[tuple[str, str, str, float, int, float, str, str]]:
    """(iso3, indicator, unit, baseline, baseline year, target factor, owner, frequency) anchored on real
    tables. The owner is the body that would normally collect the figure: the registry's ministry
    for registry counts, the environmental authority for mercury and environmental permits, the
    tax or mining authority for royalties, labour for fatal incidents (illustrative, generic names)."""
    active = float(a.table("reinfo_regions")["active"].astype(int).sum())
    return [
        ("PER", "Active records in the formalization registry", "records", active, 2024, 1.5, "Mining ministry", "quarterly"),
        ("PER", "Operations with an environmental instrument", "%", 40.0, 2024, 1.5, "Regional government", "annual"),
        ("BOL", "Mercury released by ASGM", "t/yr", a.value("mercury", "BOL", "hg_t_per_year"), 2021, 0.5, "Environment ministry", "biennial"),
        ("BOL", "Royalty collected on cooperative gold", "USD million", a.value("national_figures", "BOL-ROYALTY-2018", "value"), 2018, 1.3, "Tax authority", "annual"),
        ("HND", "Mercury released by ASGM", "t/yr", a.value("mercury", "HND", "hg_t_per_year"), 2021, 0.5, "Environment ministry", "biennial"),
        ("HND", "Sites with a retort in use", "%", 10.0, 2021, 4.0, "Environment ministry", "annual"),
        ("COL", "Women among registered subsistence miners", "%", a.value("women_share", "COL-subsistence", "women_share_pct"), 2022, 1.0, "Mining ministry", "annual"),
        ("COL", "Registered mining units at basic formalization stage", "%", a.value("national_figures", "COL-FORMAL-UNITS-2019", "value"), 2019, 3.0, "Mining agency", "annual"),
        ("ECU", "Women among members of ASGM organisations", "%", a.value("women_share", "ECU-members", "women_share_pct"), 2020, 1.5, "Mining agency", "biennial"),
        ("ECU", "Fatal incidents per 1,000,000 hours worked", "per 1e6 h", 8.0, 2020, 0.5, "Labour ministry", "annual"),
        ("DOM", "Artisanal pits with a geotechnical safety check", "%", 15.0, 2018, 4.0, "Mining agency", "annual"),
        ("MEX", "Small-scale miners with a mining concession", "%", 20.0, 2018, 1.5, "Mining ministry", "biennial"),
    ]


COUNT_UNITS = ("records",)  # units that count things: baselines, targets and latest values are whole


# Deliberately incomplete rows for m09's validation exercise: the gap of each is chosen, not drawn,
# so that the lesson can name them (a missing baseline is the most serious one).
INDICATOR_GAPS = {"IND-02": ("source",), "IND-06": ("baseline",), "IND-09": ("target", "owner")}


def gen_indicators(a: Anchors, rng: np.random.Generator) -> list[dict]:
    rows = []
    for i, (iso, name, unit, base, byear, factor, owner, frequency) in enumerate(indicator_specs(a), start=1):
        progress = rng.uniform(0.1, 0.9)
        digits = 0 if unit in COUNT_UNITS else 1
        target = round(base * factor, digits)
        latest = round(base + (target - base) * progress, digits)
        row = {
            "indicator_id": f"IND-{i:02d}", "iso3": iso, "indicator": name, "unit": unit,
            "baseline": base, "baseline_year": byear, "target": target, "target_year": 2030,
            "latest": latest, "latest_year": 2025,
            "frequency": frequency, "source": "national monitoring report",
            "owner": owner,
        }
        for col in INDICATOR_GAPS.get(row["indicator_id"], ()):
            row[col] = None
        rows.append(row)
    return rows


# --------------------------------------------------------------------------- m03 remote sensing


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


# --------------------------------------------------------------------------- resources

SCOPES = (
    "all_asm", "gold", "artisanal", "subsistence", "owners_members", "illegal_gold", "informal_illegal",
    "amazon_region", "regional_cooperatives", "registered", "registered_barequeros", "freelance_gold",
    "livelihood", "mineral_specific", "unspecified",
)
MEASURES = (
    "national_output", "asgm_output", "asgm_output_primary", "asgm_output_alluvial", "informal_output",
    "informal_share", "cooperative_output", "cooperative_share", "cooperative_sales", "cooperative_exports",
    "exports", "traded", "traded_from_plg", "traded_irregular", "sector_value", "small_scale_value_share",
)
CRITERIA = (
    "area_ha", "capacity_t_per_day", "capacity_m3_per_day", "production_g_per_year", "production_g_per_month",
    "production_t_per_year", "machinery_allowed", "open_pit_only", "indigenous_land_allowed",
    "permit_term_years", "workers",
)
MINERAL_SCOPES = ("all", "metallic", "non_metallic", "placer", "hard_rock", "gold", "precious_metals", "garimpable")
TOPICS = ("registry", "formalization", "organisations", "revenue", "prices", "land", "sites", "economy", "livelihoods", "licensing")
SEX = fld("sex", "string", "Sex of the worker(s).", required=True, enum=("female", "male"))
REGION = text("region", "Region (department, state or province).")

REAL = (
    Resource(
        "countries", "Workshop countries", "The nine IGF member countries at the Punta Cana workshop (June 2018), with names in English, Spanish and Portuguese.",
        "one country", ("all",),
        (
            fld("iso3", "string", "ISO 3166-1 alpha-3 country code.", required=True, unique=True, pattern="[A-Z]{3}"),
            text("name_en", "Country name in English."), text("name_es", "Country name in Spanish."),
            text("name_pt", "Country name in Portuguese.", required=False),
            flag("workshop_participant", "Sent officials to the IGF Latin America workshop (Punta Cana, 2018)."),
            source(what="the list of workshop countries"),
        ),
        ("iso3",), year="2018",
    ),
    Resource(
        "workforce_estimates", "Published estimates of ASM workers", "Every published estimate of people working in ASM found for the nine countries; ranges kept as published.",
        "one published estimate", ("m00", "m03", "m07"),
        (
            ident("estimate_id", "PER-01"), iso3(),
            text("scope", "What was counted (all ASM, gold only, owners/members only, illegal gold only, ...).", enum=SCOPES),
            count("workers", "Central value (people); empty when only a range is published."),
            count("workers_low", "Low end of the published range (people)."),
            count("workers_high", "High end of the published range (people)."),
            year(what="Year of the estimate or of its source"),
            text("source_label", "Short name of the original estimate, e.g. ILO 1999.", required=False),
            source(), status(), note(),
        ),
        ("estimate_id",),
    ),
    Resource(
        "women_share", "Women in the ASM workforce", "Published shares or counts of women in ASM by country and scope.",
        "one published figure on women's participation", ("m03", "m07"),
        (
            ident("share_id", "COL-subsistence"), iso3(),
            text("scope", "What population the share refers to.", enum=SCOPES),
            fld("women_share_pct", "number", "Women as a percentage of the workers counted.", minimum=0, maximum=100),
            count("women", "Number of women, when published."),
            year(), source(), status(), note(),
        ),
        ("share_id",),
    ),
    Resource(
        "gold_production", "Gold production, exports and shares", "Published national figures on gold output (ASGM, cooperatives, national), exports and shares.",
        "one published gold figure", ("m03", "m05", "m08"),
        (
            ident("figure_id", "COL-2017-EXP"), iso3(), year(),
            text("measure", "What the figure measures.", enum=MEASURES),
            number("gold_t", "Gold in tonnes (central value)."),
            number("gold_t_low", "Low end of a published range (t)."),
            number("gold_t_high", "High end of a published range (t)."),
            fld("share_pct", "number", "Share in percent, for share measures.", minimum=0, maximum=100),
            number("value_usd_m", "Value in million USD, when published."),
            source(), status(), note(),
        ),
        ("figure_id",),
    ),
    Resource(
        "legal_criteria", "Legal definitions of ASM categories", "Thresholds and conditions that define each country's ASM categories, one criterion per row.",
        "one legal criterion of one category", ("m01", "m04", "m08"),
        (
            ident("criterion_id", "PER-PPM-AREA"), iso3(),
            text("category", "Category code, e.g. PPM, PMA, subsistence, PLG_individual."),
            text("category_en", "Category name in English."), text("category_es", "Category name in Spanish."),
            text("criterion", "What is limited; empty when nothing was found.", required=False, enum=CRITERIA),
            text("operator", "Comparison: value of the operation <operator> threshold.", required=False, enum=("<=", "<", ">", ">=", "==")),
            number("value", "Threshold; booleans as 1 (yes) / 0 (no); empty when not found.", minimum=None),
            text("mineral_scope", "Minerals or deposits the criterion applies to.", enum=MINERAL_SCOPES),
            source(), status(), note(),
        ),
        ("criterion_id",), year="rules of 1989–2017, as in force when reported",
    ),
    Resource(
        "royalties", "Royalties on ASM minerals", "Royalty rates and how the revenue is split between levels of government.",
        "one rate or one share of a split", ("m08",),
        (
            ident("royalty_id", "BOL-AU-TOTAL"), iso3(), text("mineral", "Mineral(s) the rate applies to."),
            fld("rate_pct", "number", "Rate in percent of the base.", minimum=0, maximum=100),
            text("base", "What the rate is applied to, e.g. gross_value.", required=False),
            text("level", "Level of government receiving it; total = the whole rate.", enum=("total", "national", "state", "department", "municipality")),
            fld("share_pct", "number", "Share of the royalty going to this level (percent).", minimum=0, maximum=100),
            source(), status(), note(),
        ),
        ("royalty_id",), year="2014–2023",
    ),
    Resource(
        "mercury", "National mercury figures", "Mercury released by ASGM, the gold it produced, and Minamata Convention status, per country.",
        "one country", ("m05",),
        (
            iso3(), year(), number("hg_t_per_year", "Mercury released by ASGM (t per year)."),
            number("gold_t_per_year", "ASGM gold produced (t per year) in the same estimate."),
            text("minamata_status", "Minamata Convention status, when found.", required=False, enum=("ratified",)),
            source(), status(), note(),
        ),
        ("iso3",),
    ),
    Resource(
        "hg_au_ratios", "Mercury lost per gold produced, by practice", "Editable default ratios (kg mercury lost per kg gold) by processing practice; all uncertain except mercury-free.",
        "one processing practice", ("m05",),
        (
            fld("practice", "string", "Processing practice.", required=True, unique=True, enum=PRACTICES),
            number("ratio_low", "Low ratio (kg Hg lost per kg Au)."),
            number("ratio_central", "Central ratio; empty when no value was found (pass it as a parameter)."),
            number("ratio_high", "High ratio (kg Hg lost per kg Au)."),
            status("by_definition"), source(), note(),
        ),
        ("practice",), year="defaults of 2012–2017 guides",
    ),
    Resource(
        "authorities", "Government bodies with an ASM role", "Ministries, agencies and other bodies named with an ASM role in each country.",
        "one body", ("m02",),
        (
            ident("authority_id", "PER-DGFM"), iso3(), text("authority", "Name in the original language."),
            text("authority_en", "Name in English."), text("role", "Role in ASM governance."),
            text("level", "Level of government.", enum=("national", "regional", "municipal")),
            source(), status(),
        ),
        ("authority_id",), year="current (2009–2022 sources)",
    ),
    Resource(
        "global_figures", "Global ASM and mercury figures", "Global figures on ASM workers, production, mercury and certification.",
        "one published global figure", ("m03", "m05", "m07", "m08"),
        (
            ident("indicator_id", "asm_workers_delve_2020"), text("indicator", "What is measured."),
            number("value", "Central value; empty when only bounds are published.", minimum=None),
            number("value_low", "Low end or lower bound.", minimum=None),
            number("value_high", "High end or upper bound ('up to').", minimum=None),
            text("unit", "Unit of value, value_low and value_high."), year(), source(), status(), note(),
        ),
        ("indicator_id",),
    ),
    Resource(
        "reinfo_regions", "Peru REINFO records by region", "Active and suspended records of Peru's formalization register (REINFO) for the ten largest regions; the rest is derived.",
        "one region (or all other regions)", ("m04",),
        (
            fld("region", "string", "Peruvian region.", required=True, unique=True),
            count("active", "Active ('vigente') records.", required=True),
            count("suspended", "Suspended records.", required=True),
            source(what="the active records by region"),
            source("source_suspended", "the suspended records by region"),
            status("derived"), note(),
        ),
        ("region",), year="~2024–2025",
    ),
    Resource(
        "national_figures", "Other national figures", "Published national figures used by the modules: registers, organisations, prices, revenue, land and sites.",
        "one published national figure", ("m03", "m04", "m08"),
        (
            ident("figure_id", "PER-REINFO-2025-ACTIVE"), iso3(),
            text("topic", "Topic of the figure.", enum=TOPICS), text("indicator", "What is measured."),
            number("value", "Central value; empty when only a bound is published.", minimum=None),
            number("value_low", "Low end or lower bound ('more than').", minimum=None),
            number("value_high", "High end or upper bound.", minimum=None),
            text("unit", "Unit of the values.", required=False), year(), source(), status(), note(),
        ),
        ("figure_id",),
    ),
)


SYNTHETIC = (
    Resource(
        "operations", "Mining operations (synthetic)", "Illustrative mining operations with area, capacity, machinery and location flags; Peru and Colombia include values exactly at legal thresholds.",
        "one mining operation", ("m01", "m08"),
        (
            ident("operation_id", "PER-001"), iso3(), REGION,
            text("mineral", "Main mineral.", enum=MINERALS),
            text("mineral_class", "Metallic or non-metallic.", enum=("metallic", "non_metallic")),
            text("deposit_type", "Hard rock or placer (alluvial).", enum=("hard_rock", "placer")),
            number("area_ha", "Area of claims and concessions (ha).", required=True),
            number("capacity_t_per_day", "Installed capacity (t of ore per day); empty for placer."),
            number("capacity_m3_per_day", "Installed capacity (m3 of material per day); empty for hard rock."),
            count("workers", "People working at the operation.", required=True),
            flag("uses_heavy_machinery", "Uses excavators, dredges or other heavy machinery."),
            flag("open_pit", "Worked from the surface (open pit or placer)."),
            flag("in_protected_area", "Inside a protected area or its buffer zone."),
            flag("in_water_body", "Works in a river bed, lake or other water body."),
            flag("in_reinfo", "Enrolled in Peru's REINFO (Peru only; empty elsewhere).", required=False),
            number("gold_g_per_year", "Gold recovered per year (g); empty for other minerals."),
        ),
        ("operation_id",), "synthetic", ("legal_criteria", "reinfo_regions"), "2018", generate=gen_operations,
    ),
    Resource(
        "operations_raw", "Raw survey export of operations (synthetic, messy)", "A messy export of the operations survey for cleaning exercises: inconsistent spellings, missing codes, thousands separators, decimal commas, outliers and duplicates.",
        "one survey answer (duplicates included)", ("m01", "m03"),
        tuple(
            text(name, desc, required=False)
            for name, desc in (
                ("id", "Operation identifier as typed by the enumerator."),
                ("country", "Country as typed (mixed spellings and codes)."),
                ("region", "Region as typed."), ("mineral", "Mineral as typed."),
                ("area_ha", "Area (ha) as typed: separators, decimal commas, missing codes."),
                ("capacity", "Capacity as typed; unit in capacity_unit."),
                ("capacity_unit", "t/day (hard rock) or m3/day (placer)."),
                ("workers", "Workers as typed; may be negative or absurd."),
                ("heavy_machinery", "Heavy machinery answer in mixed yes/no forms."),
                ("gold_g_per_year", "Gold per year (g) as typed."),
            )
        ),
        (), "synthetic", ("operations",), "2018", raw=True, generate=gen_operations_raw,
    ),
    Resource(
        "registry_records", "REINFO active records (synthetic extract)", "Illustrative record-level extract of Peru's REINFO records in force (active: the permanence conditions are met, i.e. the environmental instrument IGAFOM filed, an active tax registration RUC and the half-yearly production declarations); counts per region equal reinfo_regions.active. The later stages (IGAFOM approved, mining right or contract, formalized) are made up. Days pending depend on the stage awaited and, by construction of this table, on the region (remote regions were given longer waits): a pattern written into the generator, not a finding.",
        "one registry record in force (active)", ("m04",),
        (
            ident("record_id", "R00001"), REGION,
            text("activity", "Extraction or processing.", enum=("extraction", "processing")),
            flag("has_environmental_instrument", "The environmental instrument (IGAFOM) filed to stay in REINFO has been evaluated and approved (first stage after the record is in force)."),
            flag("has_mining_right_or_contract", "Holds a mining right or a contract with the holder (stage 2; implies stage 1)."),
            flag("formalized", "Fully formalized (stage 3; implies stage 2)."),
            year("registered_year", "Year the record was registered", required=True),
            count("days_pending", "Days the current application has been pending on 31 March 2025; empty when formalized."),
        ),
        ("record_id",), "synthetic", ("reinfo_regions", "national_figures"), "2017–2024",
        foreign_keys=((("region",), "reinfo_regions", ("region",)),), generate=gen_registry_records,
    ),
    Resource(
        "formalization_steps", "Steps of a formalization procedure (synthetic)", "Illustrative steps, fees and processing times of formalization, with a one-stop-shop scenario; agencies are generic. Colombia's steps follow one route only (small-scale mining under a formalization subcontract); the steps are simplified and the fees and days made up.",
        "one step of one country's procedure", ("m04",),
        (
            ident("step_id", "PER-1"), iso3(),
            fld("order", "integer", "Position of the step in the procedure.", required=True, minimum=1),
            text("step", "What the miner must do."), text("agency", "Generic office handling the step."),
            number("fee_usd", "Fees and typical costs (USD).", required=True),
            count("processing_days", "Processing time (days).", required=True),
            number("one_stop_shop_fee_usd", "Fee in a one-stop-shop scenario (USD).", required=True),
            count("one_stop_shop_days", "Processing time in a one-stop-shop scenario (days).", required=True),
        ),
        ("step_id",), "synthetic", (), "2018", generate=gen_formalization_steps,
    ),
    Resource(
        "miner_income", "Miner income (synthetic)", "Illustrative monthly income of an artisanal gold miner (grams x price); Honduras uses the 2008 price paid to miners.",
        "one country", ("m04", "m08"),
        (
            iso3(), number("gold_g_per_month", "Gold sold per month (g).", required=True),
            number("price_usd_per_g", "Price received by the miner (USD/g).", required=True),
            number("monthly_income_usd", "gold_g_per_month x price_usd_per_g (USD).", required=True),
            text("basis", "What the price is anchored on."),
        ),
        ("iso3",), "synthetic", ("national_figures", "global_figures"), "2008, 2018", generate=gen_miner_income,
    ),
    Resource(
        "sites_mercury", "ASGM sites by processing practice (synthetic)", "Illustrative ASGM sites with gold output, processing practice and reported mercury use; retort sites report no mercury.",
        "one ASGM site", ("m05",),
        (
            ident("site_id", "HG-BOL-01"), iso3(), REGION,
            text("practice", "Processing practice.", enum=PRACTICES),
            number("gold_kg", "Gold produced in the year (kg).", required=True),
            number("hg_kg_reported", "Mercury lost as reported by the site survey (kg); empty when not reported."),
            year(required=True),
        ),
        ("site_id",), "synthetic", ("mercury", "hg_au_ratios"), "2018",
        foreign_keys=((("practice",), "hg_au_ratios", ("practice",)),), generate=gen_sites_mercury,
    ),
    Resource(
        "workforce_by_role_sex", "Workers by role and sex (synthetic)", "Illustrative site workforce by role and sex with income and permits; women's shares anchored on Colombia, Ecuador, Peru and Bolivia.",
        "one role and sex at one site", ("m07",),
        (
            text("site_id", "Site identifier, e.g. W-COL-01."), iso3(),
            text("role", "Work done.", enum=ROLES), SEX,
            count("workers", "People in this role and sex.", required=True),
            number("median_income_usd_per_month", "Median monthly income (USD); empty when no workers."),
            count("holds_title_or_permit", "Workers holding a title or permit.", required=True),
        ),
        ("site_id", "role", "sex"), "synthetic", ("women_share",), "2018", generate=gen_workforce_by_role_sex,
    ),
    Resource(
        "hours_worked", "Hours worked by site and sex (synthetic)", "Illustrative workers and hours worked per site and sex in 2018, the denominators for incident rates.",
        "one sex at one site", ("m06",),
        (
            text("site_id", "Site identifier, e.g. H-PER-01."), iso3(), SEX,
            count("workers", "Workers.", required=True), count("hours_worked", "Hours worked in 2018.", required=True),
        ),
        ("site_id", "sex"), "synthetic", (), "2018", generate=gen_hours_worked,
    ),
    Resource(
        "incidents", "Incident log (synthetic)", "Illustrative incidents in 2018 as recorded by a health post, a miners' association or both (for under-reporting estimates).",
        "one reported incident", ("m06",),
        (
            ident("incident_id", "I-0001"), text("site_id", "Site identifier (see hours_worked)."),
            fld("date", "date", "Date of the incident.", required=True),
            text("type", "Kind of incident.", enum=TYPES),
            text("severity", "Severity.", enum=tuple(SEVERITY_RATE)), SEX,
            text("reported_to", "Which list recorded it.", enum=("health_post", "association", "both")),
        ),
        ("incident_id",), "synthetic", (), "2018",
        foreign_keys=((("site_id", "sex"), "hours_worked", ("site_id", "sex")),), generate=gen_incidents,
    ),
    Resource(
        "ohs_tasks", "Tasks, hazards and risk scores (synthetic)", "Illustrative likelihood and severity scores of common ASM tasks, with women's share in each task. The scores are judgement, not measurements, but the severities follow the known pattern: collapses (the leading cause of fatal accidents in ASM according to the ILO), falls in shafts and the misuse of explosives score highest.",
        "one task", ("m06", "m07"),
        (
            ident("task_id", "T01"), text("task", "Task."), text("hazard", "Main hazard."),
            score("likelihood", "Likelihood score (1 rare - 5 almost certain)."),
            score("severity", "Severity score (1 minor - 5 fatal)."),
            fld("women_share_pct", "number", "Share of women among people doing the task (%).", required=True, minimum=0, maximum=100),
        ),
        ("task_id",), "synthetic", (), "2018", generate=gen_ohs_tasks,
    ),
    Resource(
        "gold_chain", "Gold price chain (synthetic)", "Illustrative prices paid at each link of the gold chain: each link pays more than the one before, and the exporter never more than the world price of that year (global_figures gold_price_2008 and gold_price_2018). The Honduran chain starts at the price reported for miners in 2008.",
        "one link of one chain", ("m08",),
        (
            text("chain_id", "Chain identifier: country and year."), iso3(), year(required=True),
            text("link", "Actor paying the price.", enum=LINKS),
            fld("link_order", "integer", "Position along the chain (1 = pit).", required=True, minimum=1, maximum=len(LINKS)),
            number("price_usd_per_g", "Price paid for gold at this link (USD/g).", required=True),
        ),
        ("chain_id", "link"), "synthetic", ("global_figures", "national_figures"), "2008, 2018", generate=gen_gold_chain,
    ),
    Resource(
        "stakeholders", "Stakeholders with influence and interest scores (synthetic)", "Illustrative, generically named stakeholders of ASM policy per country with influence and interest scores for a stakeholder grid.",
        "one stakeholder", ("m02",),
        (
            ident("stakeholder_id", "PER-S01"), iso3(), text("stakeholder", "Generic stakeholder name."),
            text("group", "Stakeholder group.", enum=tuple(GROUPS)),
            score("influence", "Influence on ASM policy (1 low - 5 high)."),
            score("interest", "Interest in ASM policy (1 low - 5 high)."),
        ),
        ("stakeholder_id",), "synthetic", (), "2018", generate=gen_stakeholders,
    ),
    Resource(
        "agency_mandates", "Agency mandates as a RACI table (synthetic)", "Illustrative RACI assignments of agencies to ASM tasks (real bodies from authorities where listed, generic bodies otherwise), with deliberate, realistic gaps and overlaps in some countries.",
        "one letter of one agency for one task", ("m02",),
        (
            iso3(), text("task", "Government task.", enum=TASK_NAMES),
            text("agency", "Agency: the English name of a body of the authorities table, or a generic name."),
            text("raci", "Responsible, Accountable, Consulted or Informed.", enum=("R", "A", "C", "I")),
        ),
        ("iso3", "task", "agency", "raci"), "synthetic", ("authorities",), "2018", generate=gen_agency_mandates,
    ),
    Resource(
        "population_shares", "Population baseline for consultations (synthetic)", "Illustrative shares of the ASM population by sex, region and role, to judge how representative a consultation is; women's shares anchored on women_share, Peru's regional shares on reinfo_regions (active records); officials are not part of the ASM population.",
        "one group of one dimension", ("m02",),
        (
            iso3(), text("dimension", "Dimension.", enum=("sex", "region", "role")),
            text("group", "Group within the dimension."),
            fld("share_pct", "number", "Share of the ASM population (%).", required=True, minimum=0, maximum=100),
        ),
        ("iso3", "dimension", "group"), "synthetic", ("women_share", "reinfo_regions"), "2018", generate=gen_population_shares,
    ),
    Resource(
        "consultation_participants", "Consultation participants (synthetic)", "Illustrative participants of a national ASM consultation, by sex, region and role (officials included: they take part but are not in the population baseline).",
        "one participant", ("m02",),
        (
            ident("participant_id", "PER-P01"), iso3(), SEX,
            text("region", "Region (department or province), or 'Rest of the country' (the groups of population_shares)."),
            text("role", "Role in the sector.", enum=tuple(CONSULT_ROLES)),
        ),
        ("participant_id",), "synthetic", ("women_share", "reinfo_regions"), "2018", generate=gen_consultation_participants,
    ),
    Resource(
        "indicators", "Monitoring indicators (synthetic)", "Illustrative monitoring indicators with baselines, targets and latest values, each owned by the kind of body that would collect it; counts of records are whole numbers; some rows deliberately miss fields.",
        "one indicator", ("m05", "m09"),
        (
            ident("indicator_id", "IND-01"), iso3(), text("indicator", "What is measured."),
            text("unit", "Unit.", required=False),
            number("baseline", "Baseline value.", minimum=None), year("baseline_year", "Year of the baseline"),
            number("target", "Target value.", minimum=None), year("target_year", "Year of the target"),
            number("latest", "Latest monitored value.", minimum=None), year("latest_year", "Year of the latest value"),
            text("frequency", "How often it is measured.", required=False, enum=FREQUENCIES),
            text("source", "Where the value comes from.", required=False),
            text("owner", "Agency responsible.", required=False),
        ),
        ("indicator_id",), "synthetic", ("reinfo_regions", "mercury", "women_share", "national_figures"), "2018–2030",
        generate=gen_indicators,
    ),
    Resource(
        "mining_polygons", "Garimpo polygons (synthetic)", "Illustrative mapped garimpo patches in Brazil 2010-2021; growth anchored on MapBiomas national totals.",
        "one mapped mining patch in one year", ("m03", "m05"),
        (
            ident("polygon_id", "BRA-G0001"), iso3(), year(required=True),
            number("area_ha", "Area of the patch (ha).", required=True),
            flag("in_indigenous_land", "Inside an indigenous land."),
            flag("in_protected_area", "Inside a strict protected area."),
        ),
        ("polygon_id",), "synthetic", ("national_figures",), "2010–2021", generate=gen_mining_polygons,
    ),
)
RESOURCES = REAL + SYNTHETIC


# --------------------------------------------------------------------------- build


def csv_text(resource: Resource, rows: list[dict]) -> str:
    """Rows as CSV text in schema column order (UTF-8, comma, '\\n')."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(resource.columns)
    for row in rows:
        if set(row) != set(resource.columns):
            raise ValueError(f"{resource.name}: generator columns {sorted(row)} != schema {resource.columns}")
        writer.writerow([fmt(row[c]) for c in resource.columns])
    return out.getvalue()


def source_list(resource: Resource, anchors: Anchors) -> list[dict]:
    """Frictionless ``sources``: cited URLs (real) or anchor tables and the generator (synthetic)."""
    if resource.kind == "real":
        return [{"title": urlparse(u).netloc, "path": u} for u in anchors.sources(resource.name)]
    out = [{"title": f"Generated by {GENERATOR} (seed {SEED})", "path": GENERATOR}]
    return out + [{"title": f"Anchored on the real resource '{n}'", "path": f"{n}.csv"} for n in resource.anchors]


def resource_descriptor(resource: Resource, anchors: Anchors) -> dict:
    schema = {"fields": list(resource.fields), "missingValues": [""]}
    if resource.primary_key:
        schema["primaryKey"] = list(resource.primary_key)
    if resource.all_foreign_keys():
        schema["foreignKeys"] = resource.all_foreign_keys()
    out = {
        "name": resource.name, "path": resource.path, "title": resource.title,
        "description": resource.description, "format": "csv", "mediatype": "text/csv",
        "encoding": "utf-8", "asm:kind": resource.kind, "asm:row": resource.row,
        "asm:modules": list(resource.modules),
        "asm:year": resource.year or anchors.years(resource.name),
    }
    if resource.kind == "synthetic":
        out |= {"asm:generator": GENERATOR, "asm:seed": SEED}
    if resource.raw:
        out["asm:raw"] = True
    out |= {
        "sources": source_list(resource, anchors),
        "licenses": [LICENSE_SYNTHETIC if resource.kind == "synthetic" else LICENSE_REAL],
        "schema": schema,
    }
    return out


def package_descriptor(anchors: Anchors) -> dict:
    return {
        "name": "asm-course-data",
        "title": "Managing ASM course data: nine Latin American countries",
        "description": "Real national figures (with source and status per row) and synthetic, "
        "illustrative site-level tables for the asm-course modules m01-m09.",
        "licenses": [LICENSE_REAL],
        "resources": [resource_descriptor(r, anchors) for r in RESOURCES],
    }


def cell(text_: str) -> str:
    return text_.replace("|", "/")


def readme_text(anchors: Anchors) -> str:
    """data/README.md: the catalogue table and how the package is built and checked."""
    lines = [README_HEAD, "| resource | one row is | kind | sources | licence | year | modules |", "|---|---|---|---|---|---|---|"]
    for r in RESOURCES:
        d = resource_descriptor(r, anchors)
        hosts = sorted({s["title"] for s in d["sources"]}) if r.kind == "real" else [f"`{n}`" for n in r.anchors] or ["none"]
        kind = "**synthetic** (raw)" if r.raw else ("**synthetic**" if r.kind == "synthetic" else "real")
        lines.append(
            f"| `{r.name}` | {cell(r.row)} | {kind} | {cell(', '.join(hosts))} | "
            f"{d['licenses'][0]['name']} | {d['asm:year']} | {', '.join(r.modules)} |"
        )
    return "\n".join(lines) + "\n" + README_TAIL


README_HEAD = f"""# Course data

Everything the notebooks read. `datapackage.json` (a [Frictionless Data
Package](https://specs.frictionlessdata.io/data-package/)) describes every file: columns,
types, units (in the column names: `gold_kg`, `area_ha`, `capacity_t_per_day`, ...),
constraints, sources, licence, and whether the rows are **real** or **synthetic**.

* **Real** tables are transcribed from published sources. Every row has a `source` (URL)
  and a `status`: `confirmed` (seen in the source), `confirmed_secondary` (seen only through
  a source quoting it), `uncertain` (sources conflict, text cut off, or widely cited but not
  seen), `not_found` (searched for, not found: the value is left empty, never invented).
* **Synthetic** tables are generated by `{GENERATOR}` with seed {SEED}. They are
  *illustrative, not real statistics*: they are anchored on the real national figures (the
  anchors are listed below) so that they look plausible, and every notebook that shows
  them says so. Tables whose names end in `_raw` are deliberately messy (mixed spellings,
  separators, missing codes, outliers, duplicates) for cleaning exercises; all their
  columns are text.

This file is generated from the schema in `{GENERATOR}`; do not edit it by hand.

## Catalogue
"""

README_TAIL = f"""
## Loading

```python
from asm_course.data import load, catalogue, provenance
ops = load("operations")      # typed, validated DataFrame; ops.attrs["kind"] == "synthetic"
print(provenance("operations"))
catalogue()                   # every resource with its kind and number of rows
```

`load()` checks the file against its schema (columns, types, required values, minimum
and maximum, allowed values, unique and primary keys, country codes and other foreign
keys, UTF-8 encoding, truncated rows). A broken file raises `asm_course.data.DataError`
naming the file, the line (the header is line 1), the column, the rule broken and how to
fix it. Set `ASM_COURSE_DATA=/path/to/folder` to load a different copy of this folder.

## Changing the data

* **A real figure** (new source, corrected status): edit the CSV row, keep `source` and
  `status` honest, then run `python -m asm_course.datagen` (the synthetic tables and the
  sources listed in `datapackage.json` follow the real tables).
* **The schema or a synthetic table**: edit `{GENERATOR}`, then run
  `python -m asm_course.datagen`.
* **Check** that the committed files are what the generator produces (byte for byte) and
  that the package is valid:

```bash
python -m asm_course.datagen --check
frictionless validate data/datapackage.json
pytest tests/test_data.py
```
"""


def generated_files(src: Path) -> dict[str, str]:
    """Every file the generator owns, by name, as text."""
    anchors = Anchors(src)
    files = {
        "datapackage.json": json.dumps(package_descriptor(anchors), indent=2, ensure_ascii=False) + "\n",
        "README.md": readme_text(anchors),
    }
    for r in SYNTHETIC:
        files[r.path] = csv_text(r, r.generate(anchors, stream(r.name)))
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m asm_course.datagen", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="folder to write to (default: the data folder)")
    parser.add_argument("--src", type=Path, help="folder with the real tables (default: the data folder)")
    parser.add_argument("--check", action="store_true", help="compare with the files on disk; exit 1 if any differs")
    args = parser.parse_args(argv)
    src = args.src or data_dir()
    out = args.out or src
    files = generated_files(src)
    if args.check:
        stale = [n for n, t in files.items() if not (out / n).is_file() or (out / n).read_bytes() != t.encode("utf-8")]
        for name in stale:
            print(f"out of date: {out / name}  (run: python -m asm_course.datagen)", file=sys.stderr)
        return 1 if stale else 0
    out.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (out / name).write_bytes(content.encode("utf-8"))
    print(f"wrote {len(files)} files to {out}")
    return 0


# =========================================================================== m08 gold lots (BEGIN)
# Appended by the m07/m08 module author: one synthetic table, its declaration and its generator.
# It sits before the ``__main__`` guard so that ``python -m asm_course.datagen`` writes it too.

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
             "month": int(m), "gold_g": round(float(g))} for g, m in zip(parts, months)]


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


GOLD_LOTS = Resource(
    "gold_lots", "Gold lots bought by exporters (synthetic)",
    "Illustrative lots of gold bought by exporters in one year, each with its declared origin (an operation of "
    "the operations table) and origin document; a few Colombian origins sell more than they recover in a year, "
    "some barequeo lots exceed the subsistence cap and two lots have no origin document.",
    "one lot bought by an exporter", ("m08",),
    (
        ident("lot_id", "COL-L001"), iso3(), text("exporter", "Generic name of the buying exporter."),
        text("origin_id", "Declared origin: an operation_id of the operations table."),
        text("document", "Origin document presented with the lot.", enum=LOT_DOCUMENTS),
        fld("month", "integer", "Month of purchase (1-12).", required=True, minimum=1, maximum=12),
        count("gold_g", "Gold in the lot (g).", required=True),
    ),
    ("lot_id",), "synthetic", ("operations", "legal_criteria"), "2018",
    foreign_keys=((("origin_id",), "operations", ("operation_id",)),), generate=gen_gold_lots,
)
SYNTHETIC = SYNTHETIC + (GOLD_LOTS,)
RESOURCES = REAL + SYNTHETIC
# =========================================================================== m08 gold lots (END)


if __name__ == "__main__":
    sys.exit(main())
