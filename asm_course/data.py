"""Course data: load a resource as a typed, validated DataFrame, with its provenance.

    from asm_course.data import load, catalogue, provenance
    ops = load("operations")          # checked against data/datapackage.json
    print(provenance("operations"))   # "... illustrative synthetic data ..."

The data folder is ``$ASM_COURSE_DATA`` if set, else the copy packaged in the wheel
(``asm_course/_data``), else the repository's ``data/``. Files are read lazily and cached
per resource (a changed file is re-read). A file that breaks its schema raises
:class:`DataError` naming the file, the line, the column, the rule and the fix.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from asm_course import layout
from asm_course.i18n import catalogue as _messages
from asm_course.i18n import t

ENV_VAR = layout.DATA.name
DESCRIPTOR = "datapackage.json"
TRUE_VALUES = ("true", "True", "TRUE", "1")  # Table Schema defaults
FALSE_VALUES = ("false", "False", "FALSE", "0")
PATTERNS = {"integer": r"[+-]?\d+"}
_frames: dict[tuple[str, str], tuple[tuple, pd.DataFrame]] = {}
_packages: dict[str, tuple[tuple, dict]] = {}


class DataError(ValueError):
    """A data file breaks its schema. Says where (file, line, column), which rule, and the fix."""

    def __init__(
        self,
        file: Path | str,
        row: int | None,
        column: str | None,
        rule: str,
        fix: str,
        value: object | None = None,
    ):
        self.file, self.row, self.column = Path(file), row, column
        self.rule, self.fix, self.value = rule, fix, value
        super().__init__(self._message())

    def _message(self) -> str:
        where = str(self.file)
        if self.row is not None:
            where += t("data.error.where_line", line=self.row)
        if self.column is not None:
            where += t("data.error.where_column", column=self.column)
        value = "" if self.value is None else t("data.error.value", value=self.value)
        return t("data.error.message", where=where, value=value, rule=self.rule, fix=self.fix)


# --------------------------------------------------------------------------- locating


def data_dir() -> Path:
    """The folder holding datapackage.json and the CSV files."""
    if layout.DATA.get():
        return Path(layout.DATA.get()).expanduser().resolve()
    clone = layout.PACKAGE_DIR.parent / "data"
    for candidate in (layout.packaged_data(), clone):
        if (candidate / DESCRIPTOR).is_file():
            return candidate
    return clone


def _stamp(path: Path) -> tuple:
    """What identifies one version of a file (missing file → DataError)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise DataError(path, None, None, t("data.rule.file_exists"), t("data.fix.file_exists", var=ENV_VAR)) from None
    return (str(path), st.st_mtime_ns, st.st_size)


def _package(folder: Path) -> dict:
    """The parsed datapackage.json of ``folder`` (cached by mtime)."""
    path = folder / DESCRIPTOR
    stamp = _stamp(path)
    hit = _packages.get(str(folder))
    if hit and hit[0] == stamp:
        return hit[1]
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
        package["resources"] = {r["name"]: r for r in package["resources"]}
    except (ValueError, KeyError, TypeError) as exc:
        raise DataError(path, None, None, t("data.rule.descriptor"), t("data.fix.descriptor"), exc) from None
    _packages[str(folder)] = (stamp, package)
    return package


def _resource(folder: Path, name: str) -> dict:
    resources = _package(folder)["resources"]
    if name not in resources:
        raise DataError(
            folder / DESCRIPTOR, None, None, t("data.rule.known_resource"),
            t("data.fix.known_resource", names=", ".join(sorted(resources))), name,
        )
    return resources[name]


def resource_names() -> list[str]:
    """Names of every resource, in datapackage order."""
    return list(_package(data_dir())["resources"])


# --------------------------------------------------------------------------- reading


def _decode(path: Path, raw: bytes) -> str:
    """UTF-8 text of a file; a bad byte becomes a DataError with its line and column."""
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        start = raw.rfind(b"\n", 0, exc.start) + 1
        header = raw.split(b"\n", 1)[0].decode("utf-8", "replace").split(",")
        index = raw[start : exc.start].count(b",")
        column = header[index].strip() if raw.count(b"\n", 0, exc.start) and index < len(header) else None
        detail = t("data.error.byte", byte=exc.start, hex=f"{raw[exc.start]:02x}")
        raise DataError(path, raw.count(b"\n", 0, exc.start) + 1, column, t("data.rule.encoding"), t("data.fix.encoding"), detail) from None


def _parse(path: Path, text: str, columns: list[str]) -> tuple[list[str], list[list[str]], np.ndarray]:
    """Header, rows and the line on which each row starts; structural errors raise."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    start = 1
    try:
        header = next(reader, None)
        if not header:
            raise DataError(path, 1, None, t("data.rule.header"), t("data.fix.header", columns=",".join(columns)))
        width, start = len(header), reader.line_num + 1
        for row in reader:
            if row:
                if len(row) != width:
                    _wrong_width(path, start, header, row)
                rows.append(row)
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise DataError(path, start, None, t("data.rule.quotes"), t("data.fix.quotes"), exc) from None
    return header, rows, np.asarray(lines, dtype=np.int64)


def _wrong_width(path: Path, line: int, header: list[str], row: list[str]) -> None:
    rule = t("data.rule.field_count", expected=len(header), found=len(row))
    if len(row) < len(header):
        fix = t("data.fix.field_count_short", missing=len(header) - len(row))
        raise DataError(path, line, header[len(row)], rule, fix)
    raise DataError(path, line, None, rule, t("data.fix.field_count_long"), row[len(header)])


def _check_header(path: Path, header: list[str], columns: list[str]) -> None:
    expected = ",".join(columns)
    for col in columns:
        if col not in header:
            raise DataError(path, 1, col, t("data.rule.column_missing"), t("data.fix.column_missing", columns=expected))
    for col in header:
        if col not in columns or header.count(col) > 1:
            raise DataError(path, 1, col, t("data.rule.column_unexpected"), t("data.fix.column_unexpected", columns=expected))
    if header != columns:
        raise DataError(path, 1, None, t("data.rule.column_order"), t("data.fix.column_order", columns=expected))


# --------------------------------------------------------------------------- validating


class _Column:
    """One raw text column being checked and converted to its schema type."""

    def __init__(self, path: Path, lines: np.ndarray, spec: dict, text: pd.Series):
        self.path, self.lines, self.spec, self.text = path, lines, spec, text
        self.name, self.type = spec["name"], spec.get("type", "string")
        self.rules = spec.get("constraints", {})
        self.present = (text != "").to_numpy()

    def fail(self, bad: np.ndarray, rule: str, fix: str) -> None:
        """Raise for the first row flagged in ``bad`` (if any)."""
        if bad.any():
            i = int(np.argmax(bad))
            raise DataError(self.path, int(self.lines[i]), self.name, rule, fix, self.text.iat[i])

    def typed(self) -> pd.Series:
        """The column converted to its dtype, after every per-cell check."""
        if self.rules.get("required"):
            self.fail(~self.present, t("data.rule.required"), t("data.fix.required"))
        if "enum" in self.rules:
            allowed = [str(v) for v in self.rules["enum"]]
            fix = t("data.fix.enum", values=", ".join(allowed))
            self.fail(self.present & ~self.text.isin(allowed).to_numpy(), t("data.rule.enum", values="|".join(allowed)), fix)
        if "pattern" in self.rules:
            ok = self.text.str.fullmatch(self.rules["pattern"]).to_numpy(dtype=bool)
            self.fail(self.present & ~ok, t("data.rule.pattern", pattern=self.rules["pattern"]), t("data.fix.pattern", pattern=self.rules["pattern"]))
        values = getattr(self, f"_as_{self.type}", self._as_string)()
        self._limits(values)
        return values

    def _type_error(self, ok: np.ndarray) -> None:
        self.fail(self.present & ~ok, t("data.rule.type", type=self.type), t(f"data.fix.type_{self.type}"))

    def _as_string(self) -> pd.Series:
        return self.text.mask(~self.present).astype("string")

    def _as_integer(self) -> pd.Series:
        self._type_error(self.text.str.fullmatch(PATTERNS["integer"]).to_numpy(dtype=bool))
        numbers = pd.to_numeric(self.text.mask(~self.present))
        return numbers.astype("int64" if self.rules.get("required") else "Int64")

    def _as_number(self) -> pd.Series:
        numbers = pd.to_numeric(self.text.mask(~self.present), errors="coerce").astype("float64")
        self._type_error(np.isfinite(numbers.to_numpy()))
        return numbers

    def _as_boolean(self) -> pd.Series:
        true = self.text.isin(self.spec.get("trueValues", TRUE_VALUES)).to_numpy()
        false = self.text.isin(self.spec.get("falseValues", FALSE_VALUES)).to_numpy()
        self._type_error(true | false)
        out = pd.Series(pd.array(true, dtype="boolean"), index=self.text.index)
        return out.mask(~self.present)

    def _as_date(self) -> pd.Series:
        dates = pd.to_datetime(self.text.mask(~self.present), format="%Y-%m-%d", errors="coerce")
        self._type_error(dates.notna().to_numpy())
        return dates

    def _limits(self, values: pd.Series) -> None:
        for key, below in (("minimum", True), ("maximum", False)):
            if key in self.rules:
                limit = self.rules[key]
                numbers = values.to_numpy(dtype="float64", na_value=np.nan)
                bad = numbers < limit if below else numbers > limit
                self.fail(bad, t(f"data.rule.{key}", limit=limit), t(f"data.fix.{key}", limit=limit))


def _duplicates(path: Path, frame: pd.DataFrame, lines: np.ndarray, fields: list[str], rule_key: str) -> None:
    """Raise if two rows share the same values in ``fields`` (naming both lines)."""
    keys = frame[fields]
    dup = keys.duplicated(keep=False).to_numpy() & keys.notna().all(axis=1).to_numpy()
    if not dup.any():
        return
    later = keys.duplicated(keep="first").to_numpy() & dup
    second = int(np.argmax(later))
    same = (keys == keys.iloc[second]).fillna(False).all(axis=1)
    first = int(np.argmax(same.to_numpy(dtype=bool)))
    label = ", ".join(fields)
    rule = t(f"data.rule.{rule_key}", fields=label, first=int(lines[first]))
    fix = t(f"data.fix.{rule_key}", fields=label, first=int(lines[first]), line=int(lines[second]))
    value = "|".join(str(v) for v in keys.iloc[second])
    raise DataError(path, int(lines[second]), fields[0], rule, fix, value)


def _foreign_keys(path: Path, folder: Path, frame: pd.DataFrame, lines: np.ndarray, schema: dict) -> None:
    for fk in schema.get("foreignKeys", []):
        fields = _as_list(fk["fields"])
        ref_name, ref_fields = fk["reference"]["resource"], _as_list(fk["reference"]["fields"])
        ref = _load_cached(folder, ref_name)
        mine = frame[fields]
        known = pd.MultiIndex.from_frame(ref[ref_fields].astype("string"))
        found = pd.MultiIndex.from_frame(mine.astype("string")).isin(known)
        bad = ~found & mine.notna().all(axis=1).to_numpy()
        if bad.any():
            i = int(np.argmax(bad))
            examples = ", ".join(sorted({"|".join(map(str, k)) for k in known})[:12])
            rule = t("data.rule.foreign_key", resource=ref_name, fields=", ".join(ref_fields))
            fix = t("data.fix.foreign_key", resource=ref_name, examples=examples)
            raise DataError(path, int(lines[i]), fields[0], rule, fix, "|".join(map(str, mine.iloc[i])))


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _read(folder: Path, resource: dict) -> pd.DataFrame:
    """Read one CSV, check it against its schema and return it typed."""
    path = folder / resource["path"]
    schema = resource["schema"]
    columns = [f["name"] for f in schema["fields"]]
    header, rows, lines = _parse(path, _decode(path, path.read_bytes()), columns)
    _check_header(path, header, columns)
    text = pd.DataFrame(rows, columns=header, dtype=object) if rows else pd.DataFrame(columns=header, dtype=object)
    frame = pd.DataFrame({f["name"]: _Column(path, lines, f, text[f["name"]]).typed() for f in schema["fields"]})
    for f in schema["fields"]:
        if f.get("constraints", {}).get("unique"):
            _duplicates(path, frame, lines, [f["name"]], "unique")
    if schema.get("primaryKey"):
        _duplicates(path, frame, lines, _as_list(schema["primaryKey"]), "primary_key")
    _foreign_keys(path, folder, frame, lines, schema)
    return frame


def _load_cached(folder: Path, name: str) -> pd.DataFrame:
    """The validated frame of one resource, from cache unless a file changed."""
    resource = _resource(folder, name)
    refs = [fk["reference"]["resource"] for fk in resource["schema"].get("foreignKeys", [])]
    stamp: tuple[tuple, ...] = (_stamp(folder / DESCRIPTOR), _stamp(folder / resource["path"]))
    stamp += tuple(_stamp(folder / _resource(folder, r)["path"]) for r in refs)
    key = (str(folder), name)
    hit = _frames.get(key)
    if hit is None or hit[0] != stamp:
        hit = (stamp, _read(folder, resource))
        _frames[key] = hit
    return hit[1]


# --------------------------------------------------------------------------- public API


def load(name: str) -> pd.DataFrame:
    """Resource ``name`` as a typed, validated DataFrame; ``df.attrs`` says where it comes from."""
    folder = data_dir()
    frame = _load_cached(folder, name).copy()
    frame.attrs = _attrs(_resource(folder, name))
    return frame


def _attrs(resource: dict) -> dict:
    kind = resource.get("asm:kind", "real")
    note = t("data.note.synthetic", seed=resource.get("asm:seed")) if kind == "synthetic" else t("data.note.real")
    return {
        "name": resource["name"], "title": resource.get("title", resource["name"]), "kind": kind,
        "raw": bool(resource.get("asm:raw", False)), "sources": _citations(resource), "note": note,
    }


def _citations(resource: dict) -> list[str]:
    out = []
    for s in resource.get("sources", []):
        title, path = s.get("title", ""), s.get("path", "")
        out.append(f"{title}: {path}" if title and path and title != path else title or path)
    return out


def sources(name: str) -> list[str]:
    """Citations of a resource ("title: URL"), as listed in datapackage.json."""
    return _citations(_resource(data_dir(), name))


def provenance(name: str) -> str:
    """One line a notebook can print under a table or chart built from ``name``."""
    resource = _resource(data_dir(), name)
    title = resource.get("title", name)
    if resource.get("asm:kind") == "synthetic":
        return t("data.provenance.synthetic", title=title, seed=resource.get("asm:seed"), generator=resource.get("asm:generator"))
    return t("data.provenance.real", title=title, n=len(resource.get("sources", [])))


def catalogue() -> pd.DataFrame:
    """Every resource: name, title, kind, number of rows and description (labels translated)."""
    folder = data_dir()
    rows = [
        (r["name"], r.get("title", ""), label("kind", r.get("asm:kind", "real")), len(_load_cached(folder, r["name"])), r.get("description", ""))
        for r in _package(folder)["resources"].values()
    ]
    columns = [t(f"data.catalogue.{c}") for c in ("name", "title", "kind", "rows", "description")]
    return pd.DataFrame(rows, columns=columns)


def label(column: str, value: str, lang: str | None = None) -> str:
    """Display label of a coded value, e.g. label("status", "confirmed") → "confirmado" in Spanish."""
    key = f"data.label.{column}.{value}"
    return t(key, lang=lang) if key in _messages("en") else str(value)


def labels(column: str, values: Iterable[str], lang: str | None = None) -> list[str]:
    """:func:`label` for many values."""
    return [label(column, v, lang) for v in values]


def clear_cache() -> None:
    """Forget every cached frame (the next load re-reads the files)."""
    _frames.clear()
    _packages.clear()
