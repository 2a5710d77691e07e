"""Apps of module m06: the 5×5 risk matrix with the hierarchy of controls.

The app wraps :mod:`asm_course.ohs`; its state (``app.controls``, ``app.table``,
``app.summary.value``) can be driven in tests by setting ``.value`` on a control.
"""

from __future__ import annotations

import ipywidgets as w
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import display
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap

from asm_course import ohs
from asm_course.i18n import t
from asm_course.widgets.controls import fresh_chart, show_chart

_STYLE = {"description_width": "initial"}
# Light tints of the Okabe & Ito palette (bluish green, yellow, orange, vermillion): low → very high.
_BAND_COLOURS = ListedColormap(["#BFE5D8", "#FAF3B0", "#F5D99A", "#EDB89A"])
_BAND_ORDER = ("low", "medium", "high", "very_high")


def band_label(name: str) -> str:
    """Display name of a risk band, e.g. "very high"."""
    return t(f"m06.app.band.{name}")


def control_label(control: str) -> str:
    """Display name of a control level, e.g. "Engineering (isolate people from the hazard)"."""
    return t(f"m06.app.control.{control}")


def matrix_chart(table: pd.DataFrame, title: str, moved: tuple[tuple[int, int], tuple[int, int]] | None = None
                 ) -> Axes:
    """A 5×5 risk matrix (severity across, likelihood up) with each task's id in its cell.

    Every cell shows its score, and the band is written in the text alternative, so the
    colours are never the only carrier of meaning. ``moved`` draws an arrow from a task's
    (severity, likelihood) before a control to where the control puts it.
    """
    scores = np.outer(np.arange(1, 6), np.arange(1, 6))
    bands = np.vectorize(lambda s: _BAND_ORDER.index(ohs.band(int(s))))(scores)
    fig, ax = plt.subplots(figsize=(6.4, 5.2))
    ax.imshow(bands, origin="lower", cmap=_BAND_COLOURS, vmin=0, vmax=3, extent=(0.5, 5.5, 0.5, 5.5))
    for (likelihood, severity), score in np.ndenumerate(scores):
        ax.text(severity + 1.38, likelihood + 1.38, str(score), ha="right", va="top", fontsize=7, color="#333333")
    for (severity, likelihood), group in table.groupby(["severity", "likelihood"]):
        ax.text(severity, likelihood, "\n".join(group["task_id"]), ha="center", va="center", fontsize=8,
                fontweight="bold")
    if moved:
        (s0, l0), (s1, l1) = moved
        if (s0, l0) != (s1, l1):
            ax.annotate("", xy=(s1, l1), xytext=(s0, l0), arrowprops={"arrowstyle": "->", "lw": 1.5})
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.set_title(title)
    ax.set_xlabel(t("m06.app.severity_axis"))
    ax.set_ylabel(t("m06.app.likelihood_axis"))
    return ax


def matrix_text(table: pd.DataFrame, title: str) -> str:
    """The text alternative of :func:`matrix_chart`: every task with its scores and band."""
    tasks = "; ".join(t("m06.app.alt_task", task=r.task_id, likelihood=int(r.likelihood), severity=int(r.severity),
                        risk=int(r.risk), band=band_label(r.band)) for r in table.itertuples())
    return t("m06.app.alt", title=title, tasks=tasks)


class RiskMatrixApp:
    """Pick a task and a control from the hierarchy of controls; see the task move on the
    5×5 matrix and the ranking of every task with the controls chosen so far."""

    def __init__(self, tasks: pd.DataFrame, task_id: str | None = None) -> None:
        self.tasks = tasks
        ranked = ohs.risk_table(tasks)
        self.task = w.Dropdown(options=[(f"{r.task_id} {r.task}", r.task_id) for r in ranked.itertuples()],
                               value=task_id or ranked["task_id"].iloc[0], description=t("m06.app.task"),
                               style=_STYLE, layout=w.Layout(width="420px"))
        self.control = w.RadioButtons(options=[(control_label(c), c) for c in ("none", *ohs.CONTROLS)],
                                      value="none", description=t("m06.app.control_choice"), style=_STYLE,
                                      layout=w.Layout(width="max-content"))
        self.summary = w.HTML()
        self.chart = w.Output()
        self.controls: dict[str, str] = {}
        self.table = pd.DataFrame()
        self._quiet = False
        self.task.observe(lambda _change: self._new_task(), names="value")
        self.control.observe(lambda _change: self._new_control(), names="value")
        self.update()
        self.widget = w.VBox([self.task, self.control, self.summary, self.chart])

    def _new_task(self) -> None:
        """Show the control already chosen for this task (none at first)."""
        self._quiet = True
        self.control.value = self.controls.get(self.task.value, "none")
        self._quiet = False
        self.update()

    def _new_control(self) -> None:
        if self._quiet:
            return
        if self.control.value == "none":
            self.controls.pop(self.task.value, None)
        else:
            self.controls[self.task.value] = self.control.value
        self.update()

    def update(self) -> None:
        self.table = ohs.with_controls(self.tasks, self.controls)
        before = ohs.risk_table(self.tasks).set_index("task_id").loc[self.task.value]
        after = self.table.set_index("task_id").loc[self.task.value]
        rows = "".join(t("m06.app.row", rank=i + 1, task=f"{r.task_id} {r.task}", risk=int(r.risk),
                         band=band_label(r.band), control=control_label(r.control))
                       for i, r in enumerate(self.table.head(5).itertuples()))
        self.summary.value = t(
            "m06.app.summary", task=self.task.label, control=control_label(self.control.value),
            l0=int(before["likelihood"]), s0=int(before["severity"]), r0=int(before["risk"]),
            b0=band_label(before["band"]), l1=int(after["likelihood"]), s1=int(after["severity"]),
            r1=int(after["risk"]), b1=band_label(after["band"]), rows=rows)
        self._draw((int(before["severity"]), int(before["likelihood"])),
                   (int(after["severity"]), int(after["likelihood"])))

    def _draw(self, start: tuple[int, int], end: tuple[int, int]) -> None:
        if not fresh_chart(self.chart):
            return
        title = t("m06.app.chart_title")
        ax = matrix_chart(self.table, title, moved=(start, end))
        show_chart(self.chart, ax, matrix_text(self.table, title))


def risk_matrix_app(tasks: pd.DataFrame, task_id: str | None = None) -> RiskMatrixApp:
    """Show the risk-matrix app and return it."""
    app = RiskMatrixApp(tasks, task_id)
    display(app.widget)
    return app
