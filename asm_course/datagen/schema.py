"""The schema language: Table Schema field helpers and the ``Resource`` declaration.

Every table of the data package is declared once, with these helpers, in :mod:`.real` or
:mod:`.synthetic`; :mod:`.writer` turns the declarations into ``datapackage.json``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from asm_course.datagen.anchors import Anchors
from asm_course.legal import STATUS_ORDER

#: How far a real figure is confirmed (the ``status`` column of every real table).
STATUS = STATUS_ORDER


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


SEX = fld("sex", "string", "Sex of the worker(s).", required=True, enum=("female", "male"))
REGION = text("region", "Region (department, state or province).")
