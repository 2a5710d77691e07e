"""Small pieces shared by the explorer apps."""

from __future__ import annotations

import base64
import html
import io

import ipywidgets as w
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes

from asm_course.i18n import t
from asm_course.layout import grading_run
from asm_course.plots import OKABE_ITO, describe


def country_options(codes: list[str], names: dict[str, str]) -> list[tuple[str, str]]:
    """Dropdown options ``(country name, ISO3 code)`` in the order of ``codes``."""
    return [(names.get(code, code), code) for code in codes]


def fresh_chart(area: w.HTML) -> bool:
    """True when a new chart should be drawn into an app's chart area; while nbgrader runs a
    notebook the area is emptied instead: explorer charts are never graded, and their widget
    traffic was seen to stall sandboxed grading kernels running in parallel for a whole cell
    time-out (60 s)."""
    if grading_run():
        area.value = ""
        return False
    return True


def chart_html(ax: Axes, text: str) -> str:
    """A drawn chart as an HTML image that carries its text alternative: a PNG (inline, base64)
    with ``alt`` = ``text``, and the same words under it in a collapsed section for whoever wants
    to read them (a screen reader reads the alt text, so the section starts closed)."""
    figure = ax.get_figure(root=True)
    if figure is None:
        raise ValueError("chart_html needs Axes drawn on a figure (plt.subplots() makes one)")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    png = base64.b64encode(buffer.getvalue()).decode("ascii")
    words = html.escape(text, quote=True)
    return (f'<figure style="margin:0"><img src="data:image/png;base64,{png}" alt="{words}" '
            f'style="max-width:100%;height:auto">'
            f'<figcaption><details><summary>{html.escape(t("plots.in_words"))}</summary>'
            f'<p style="max-width:60em;white-space:normal">{words}</p></details></figcaption></figure>')


def show_chart(area: w.HTML, ax: Axes, text: str | None = None) -> None:
    """Show a drawn chart in an app's chart area (an HTML widget) as an ``<img>`` whose alt text
    is ``text`` (default: :func:`asm_course.plots.describe`), so the text alternative travels with
    the image, also in the widget state stored in a notebook; the figure is closed so that the
    notebook does not show it a second time."""
    area.value = chart_html(ax, text or describe(ax))
    plt.close(ax.get_figure(root=True))


def html_bars(values: pd.Series, title: str, label_header: str, value_header: str, fmt: str = "{:,.1f}") -> str:
    """A horizontal bar chart drawn in HTML (a table with one bar per row and its value in
    text): it redraws in a millisecond, where a matplotlib chart in an explorer callback
    takes a few hundred (rendering the PNG), and its text is read by screen readers."""
    top = max([float(v) for v in values if v == v] + [0.0]) or 1.0
    rows = "".join(
        f"<tr><td style='padding-right:8px'>{html.escape(str(label))}</td>"
        f"<td style='width:260px'><div style='background:{OKABE_ITO[0]};border:1px solid black;height:12px;"
        f"width:{max(float(value) / top * 100, 0.5) if value == value else 0:.1f}%'></div></td>"
        f"<td style='text-align:right;padding-left:8px'>{fmt.format(value) if value == value else '–'}</td></tr>"
        for label, value in values.items())
    return (f"<table><caption style='text-align:left'><b>{html.escape(title)}</b></caption>"
            f"<tr><th>{html.escape(label_header)}</th><th></th><th>{html.escape(value_header)}</th></tr>"
            f"{rows}</table>")
