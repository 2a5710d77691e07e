"""Tables for people: how a notebook shows a DataFrame that a domain function returned.

The domain functions return plain DataFrames (snake_case columns, missing values as
``NaN``/``<NA>``, codes such as ``all_asm``) and stay that way: checks compare them and code
uses their column names. :func:`table` makes the display form only:

- headers are the catalogue's human labels with units (``tables.column.<name>`` in
  ``asm_course/i18n/<lang>/tables.json``), with the column's own name under each in small
  type (``names=False`` leaves it out), so a participant can still write ``df["workers"]``;
- a missing value is a dash (—), or the words that say what it means (``missing=``; a
  missing ``source`` is "not found");
- whole numbers have thousands separators, years none, decimals only as many as the
  rounded values need; true/false are "yes"/"no";
- coded values are shown through the catalogue's value labels with ``values=True``
  (``data.label.<column>.<code>``), codes otherwise (notebooks filter on them);
- a default row number (0, 1, 2 … or what is left of it after filtering) is not shown; a
  named index (``iso3``, ``site_id``) is, as row headers; a dataclass (e.g. Peru's caps)
  becomes a two-column table of its fields.

The result displays as an HTML table (``scope`` on headers, a caption when given) and as
plain text; ``Table.frame`` holds the display cells for tests.
"""

from __future__ import annotations

import dataclasses
import html
import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from asm_course.i18n import catalogue, t

MAX_DECIMALS = 3
YEAR_NAMES = frozenset({"year", "oldest", "newest"})


def column_label(name: Any) -> str:
    """The human label of a column (``workers`` → "Workers (people)"); a
    name the catalogue does not know is shown as it is (it is already words)."""
    key = f"tables.column.{name}"
    return t(key) if key in catalogue("en") else str(name)


def is_missing(value: Any) -> bool:
    """True for None, NaN, NaT and pandas' NA."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(isinstance(value, float | np.floating) and math.isnan(value))
    except TypeError:
        return False


def _year_like(name: Any) -> bool:
    text = str(name)
    return text in YEAR_NAMES or text.endswith("_year")


def _decimals(values: list[float]) -> int:
    """The fewest decimals (at most MAX_DECIMALS) that show every value as it is."""
    for places in range(MAX_DECIMALS + 1):
        if all(abs(v - round(v, places)) < 1e-9 * max(1.0, abs(v)) for v in values):
            return places
    return MAX_DECIMALS


def _value_label(column: Any, value: Any) -> str:
    key = f"data.label.{column}.{value}"
    return t(key) if key in catalogue("en") else str(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool | np.bool_)


def _column_cells(name: Any, values: list[Any], row_names: list[Any], gap: str, coded: bool,
                  by_cell: bool = False) -> list[str]:
    """Display text of one column; ``row_names`` make a year row of a transposed table read as
    years, and ``by_cell`` gives each value its own decimals (a column whose rows are different
    measures: a count, a median, a ratio)."""
    numbers = [float(v) for v in values if _is_number(v) and not is_missing(v)]
    places = _decimals(numbers) if numbers else 0
    cells = []
    for value, row in zip(values, row_names, strict=True):
        if is_missing(value):
            cells.append(gap)
        elif isinstance(value, bool | np.bool_):
            cells.append(t("tables.yes") if value else t("tables.no"))
        elif _is_number(value):
            if _year_like(name) or _year_like(row):
                cells.append(f"{float(value):.0f}" if float(value).is_integer() else f"{float(value):g}")
            else:
                own = _decimals([float(value)]) if by_cell else places
                cells.append(f"{float(value):,.{own}f}")
        elif isinstance(value, pd.Timestamp):
            cells.append(value.strftime("%Y-%m-%d"))
        else:
            cells.append(_value_label(name, value) if coded else str(value))
    return cells


def _as_frame(data: Any) -> pd.DataFrame:
    if isinstance(data, pd.DataFrame):
        return data
    if isinstance(data, pd.Series):
        return data.to_frame(data.name if data.name is not None else "value")
    if dataclasses.is_dataclass(data) and not isinstance(data, type):
        fields = [f.name for f in dataclasses.fields(data)]
        return pd.DataFrame({"value": [getattr(data, f) for f in fields]}, index=pd.Index(fields))
    if isinstance(data, Mapping):
        return pd.Series(dict(data)).to_frame("value")
    raise TypeError(f"tables.table() shows a DataFrame, a Series, a dict or a dataclass, not {type(data).__name__}")


def _shows_index(index: pd.Index) -> bool:
    """False for row numbers (an unnamed whole-number index, filtered or not)."""
    return index.nlevels > 1 or index.name is not None or not pd.api.types.is_integer_dtype(index.dtype)


class Table:
    """A table ready for people: ``_repr_html_`` for the notebook, ``repr`` as plain text."""

    def __init__(self, frame: pd.DataFrame, *, caption: str | None = None,
                 labels: Mapping[str, str] | None = None, names: bool = True, values: bool = False,
                 missing: Mapping[str, str] | None = None, index: str | bool | None = None) -> None:
        self.caption = caption
        self.names = names
        own = dict(labels or {})
        gaps = {"source": t("data.label.status.not_found"), **(missing or {})}
        label = (lambda name: own.get(str(name)) or column_label(name))
        if isinstance(index, str):
            frame = frame.rename_axis(index)
        self.index_shown = _shows_index(frame.index) if index is None else bool(index)
        rows = list(frame.index)
        if self.index_shown:
            named = frame.index.nlevels > 1 or frame.index.name is not None
            self.index_header = " · ".join(label(n) for n in frame.index.names if n is not None) if named else ""
            self.index_name = (" · ".join(str(n) for n in frame.index.names if n is not None) if named else "")
            flat = [" · ".join(str(p) for p in r) if isinstance(r, tuple) else r for r in rows]
            # unnamed text rows are transposed columns (n, median …): they get labels too
            self.row_headers = [str(r) if named else label(r) for r in flat]
            self.row_names = ["" if named else str(r) for r in flat]
        else:
            self.index_header = self.index_name = ""
            self.row_headers, self.row_names = [], []
        self.columns = [str(c) for c in frame.columns]
        self.headers = [label(c) for c in frame.columns]
        columns = [frame.iloc[:, i] for i in range(frame.shape[1])]
        transposed = self.index_shown and frame.index.nlevels == 1 and frame.index.name is None
        cells = [_column_cells(name, column.tolist(), rows, gaps.get(name, t("tables.missing")), values, transposed)
                 for name, column in zip(self.columns, columns, strict=True)]
        self.numeric = [pd.api.types.is_numeric_dtype(column.dtype) and not pd.api.types.is_bool_dtype(column.dtype)
                        for column in columns]
        grid: list[list[str]] = [list(row) for row in zip(*cells, strict=True)] if cells else [[] for _ in rows]
        self.frame = pd.DataFrame(grid,
                                  columns=self.headers, index=self.row_headers if self.index_shown else None)
        if self.index_shown:
            self.frame.index.name = self.index_header or None

    def _header_html(self, text: str, name: str) -> str:
        code = (f'<br><code style="font-weight:normal;font-size:85%">{html.escape(name)}</code>'
                if self.names and name and name != text else "")
        return f"{html.escape(text)}{code}"

    def _repr_html_(self) -> str:
        head = []
        if self.index_shown:
            head.append(f'<th scope="col" style="text-align:left">{self._header_html(self.index_header, self.index_name)}</th>')
        for text, name, numeric in zip(self.headers, self.columns, self.numeric, strict=True):
            align = "right" if numeric else "left"
            head.append(f'<th scope="col" style="text-align:{align}">{self._header_html(text, name)}</th>')
        body = []
        for i, row in enumerate(self.frame.itertuples(index=False)):
            cells = []
            if self.index_shown:
                header = self._header_html(self.row_headers[i], self.row_names[i])
                cells.append(f'<th scope="row" style="text-align:left">{header}</th>')
            for numeric, value in zip(self.numeric, row, strict=True):
                align = "right" if numeric else "left"
                cells.append(f'<td style="text-align:{align}">{html.escape(value)}</td>')
            body.append(f"<tr>{''.join(cells)}</tr>")
        caption = f'<caption style="text-align:left"><b>{html.escape(self.caption)}</b></caption>' if self.caption else ""
        return (f'<table class="asm-table">{caption}<thead><tr>{"".join(head)}</tr></thead>'
                f'<tbody>{"".join(body)}</tbody></table>')

    def __repr__(self) -> str:
        text = self.frame.to_string(index=self.index_shown)
        return f"{self.caption}\n{text}" if self.caption else text


def table(data: Any, caption: str | None = None, *, labels: Mapping[str, str] | None = None,
          names: bool = True, values: bool = False, missing: Mapping[str, str] | None = None,
          index: str | bool | None = None) -> Table:
    """``data`` (a DataFrame, Series, dict or dataclass) as a table for people; see the module.

    ``labels`` replaces the catalogue label of some columns (e.g. to give a unit that
    depends on the table); ``missing`` the dash of some columns (``{"best_pct": "none usable"}``);
    ``names=False`` drops the column names under the labels; ``values=True`` shows coded values
    through the catalogue's value labels; ``index`` names an index that has no name (e.g. the
    years of a table indexed by year: ``index="year"``), or ``False`` hides it."""
    return Table(_as_frame(data), caption=caption, labels=labels, names=names, values=values, missing=missing,
                 index=index)
