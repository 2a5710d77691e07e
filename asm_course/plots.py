"""Charts for policy notebooks: labelled, colour-blind safe, returning their Axes.

Also the helpers that read a chart back (bars, lines, points), used by plot questions:
the inline backend closes figures after each cell, so exercises return their ``Axes``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import StrMethodFormatter

from asm_course.i18n import t

# Okabe & Ito (2008) palette: distinguishable with the common colour-vision deficiencies.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
HATCHES = ("", "//", "..", "xx", "\\\\", "++", "oo", "--")


def is_axes(value: Any) -> bool:
    return isinstance(value, Axes)


def number_label(value: float) -> str:
    """A value as printed on a chart: thousands separators from 100 up, whole numbers as
    they are (57 operations), three significant digits for fractions (5.2 months, 0.75)."""
    return f"{value:,.0f}" if abs(value) >= 100 or float(value).is_integer() else f"{value:.3g}"


SOURCE_GID = "asm-course-source"  # marks the source caption among a chart's texts


def add_source(ax: Axes, source: str | None) -> Axes:
    """Write "Source: …" in small type under the chart (nothing when ``source`` is empty)."""
    if source:
        ax.annotate(t("data.chart_source", source=source), xy=(0, 0), xycoords="axes fraction",
                    xytext=(0, -40), textcoords="offset points", ha="left", va="top",
                    fontsize=7, color="#333333", wrap=True, gid=SOURCE_GID)
    return ax


def chart_source(ax: Axes) -> str | None:
    """The source caption of a chart drawn with ``source=``, or None."""
    return next((text.get_text() for text in ax.texts if text.get_gid() == SOURCE_GID), None)


def bar_chart(values: pd.Series, title: str, xlabel: str, ylabel: str, *,
              horizontal: bool = False, ax: Axes | None = None, source: str | None = None) -> Axes:
    """A labelled bar chart of a Series (index = categories); values printed on bars;
    ``source`` (where the figures come from) is written under the chart."""
    ax = ax or plt.subplots(figsize=(7, 3.8))[1]
    labels = [str(i) for i in values.index]
    draw = ax.barh if horizontal else ax.bar
    bars = draw(labels, values.to_numpy(dtype=float), color=OKABE_ITO[0], edgecolor="black")
    ax.bar_label(bars, labels=[number_label(v) for v in values], padding=2, fontsize=8)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    (ax.xaxis if horizontal else ax.yaxis).set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    ax.spines[["top", "right"]].set_visible(False)
    return add_source(ax, source)


def range_chart(frame: pd.DataFrame, label: str, low: str, high: str, central: str | None,
                title: str, xlabel: str, ax: Axes | None = None, source: str | None = None) -> Axes:
    """Horizontal ranges (low–high) with an optional central mark: uncertainty at a glance;
    ``source`` is written under the chart."""
    ax = ax or plt.subplots(figsize=(7, 0.45 * len(frame) + 1.2))[1]
    rows = frame.reset_index(drop=True)
    for y, row in rows.iterrows():
        ax.plot([row[low], row[high]], [y, y], color=OKABE_ITO[0], linewidth=3, solid_capstyle="butt")
        if central and pd.notna(row[central]):
            ax.plot([row[central]], [y], marker="D", color=OKABE_ITO[5], linestyle="none")
    ax.set_yticks(range(len(rows)), rows[label].astype(str))
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("")
    return add_source(ax, source)


def bar_values(ax: Axes) -> dict[str, float]:
    """Bar heights (or widths, for horizontal bars) keyed by their tick label."""
    from matplotlib.container import BarContainer

    values: dict[str, float] = {}
    for container in ax.containers:
        if not isinstance(container, BarContainer):
            continue
        horizontal = getattr(container, "orientation", "vertical") == "horizontal"
        ticks = ax.get_yticklabels() if horizontal else ax.get_xticklabels()
        names = [tick.get_text() for tick in ticks]
        for i, patch in enumerate(container.patches):
            key = names[i] if i < len(names) and names[i] else str(i)
            values[key] = patch.get_width() if horizontal else patch.get_height()
    return values


def line_points(ax: Axes) -> dict[Any, float]:
    """(x → y) of every line on the Axes (``plot``)."""
    return {x: float(y) for line in ax.get_lines()
            for x, y in zip(np.asarray(line.get_xdata()), np.asarray(line.get_ydata()), strict=True)}


def scatter_points(ax: Axes) -> dict[Any, float]:
    """(x → y) of points drawn by ``scatter`` (collections) or ``plot(..., 'o')`` (lines)."""
    points = {x: float(y) for coll in ax.collections for x, y in np.asarray(coll.get_offsets())}
    return points or line_points(ax)


def range_values(ax: Axes) -> dict[str, dict[str, float]]:
    """What a range chart (``plots.range_chart``) shows: per row label, the ``low`` and
    ``high`` ends of its horizontal line and its ``central`` mark (when drawn)."""
    ticks = {round(float(y), 6): label.get_text()
             for y, label in zip(ax.get_yticks(), ax.get_yticklabels(), strict=True)}
    found: dict[str, dict[str, float]] = {}
    for line in ax.get_lines():
        xs, ys = [float(x) for x in np.asarray(line.get_xdata())], [float(y) for y in np.asarray(line.get_ydata())]
        if not ys or len(set(ys)) != 1:
            continue
        label = ticks.get(round(ys[0], 6))
        if label is None:
            continue
        entry = found.setdefault(label, {})
        if len(xs) == 2:
            entry["low"], entry["high"] = sorted(xs)
        elif len(xs) == 1:
            entry["central"] = xs[0]
    return {label: entry for label, entry in found.items() if "low" in entry}


def plotted_values(ax: Axes, kind: str) -> dict[Any, Any]:
    """What a chart of ``kind`` (bar, line, scatter, range) shows, as a mapping."""
    readers: dict[str, Callable[[Axes], dict[Any, Any]]] = {
        "bar": bar_values, "line": line_points, "scatter": scatter_points, "range": range_values}
    return readers[kind](ax)


def describe(ax: Axes) -> str:
    """A text alternative for a chart: its title, axes and the values it shows."""
    shown = ", ".join(f"{k}: {number_label(v)}" for k, v in bar_values(ax).items())
    if not shown:
        shown = ", ".join(f"{k}: {number_label(v['low'])}–{number_label(v['high'])}"
                          + (f" ({number_label(v['central'])})" if "central" in v else "")
                          for k, v in range_values(ax).items())
    text = t("plots.alt_text", title=ax.get_title(), x=ax.get_xlabel(), y=ax.get_ylabel(),
             values=shown or t("plots.no_values"))
    source = chart_source(ax)
    return f"{text} {source}." if source else text

