"""Apps of module m06: the 5×5 risk matrix with the hierarchy of controls.

The app (an :class:`~asm_course.widgets.base.App`) wraps :mod:`asm_course.ohs`; its state
(``app.controls``, ``app.result``, the same as ``app.table``, ``app.summary.value``) can be
driven in tests by setting ``.value`` on a control.
"""

from __future__ import annotations

import ipywidgets as w
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap

from asm_course import ohs
from asm_course.i18n import t
from asm_course.widgets.base import App, choice, radio

# Light tints of the Okabe & Ito palette (bluish green, yellow, orange, vermillion): low → very high.
_TINTS = ("#BFE5D8", "#FAF3B0", "#F5D99A", "#EDB89A")
_BAND_COLOURS = ListedColormap(list(_TINTS))
_BAND_ORDER = ("low", "medium", "high", "very_high")


def band_label(name: str) -> str:
    """Display name of a risk band, e.g. "very high"."""
    return t(f"m06.app.band.{name}")


def control_label(control: str) -> str:
    """Display name of a control level, e.g. "Engineering (isolate people from the hazard)"."""
    return t(f"m06.app.control.{control}")


def matrix_chart(table: pd.DataFrame, title: str) -> Axes:
    """A 5×5 risk matrix (severity across, likelihood up) with each task's id in its cell.

    Every cell shows its score, and the band is written in the text alternative, so the
    colours are never the only carrier of meaning.
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


def matrix_html(table: pd.DataFrame, title: str, task_id: str | None = None,
                before: tuple[int, int] | None = None) -> str:
    """The 5×5 matrix as an HTML table (fast to redraw, read cell by cell by screen readers):
    each cell shows its score, its band in words and the ids of its tasks; ``task_id`` is
    underlined, and ``before`` (severity, likelihood) marks where that task was."""
    names = {b: band_label(b) for b in _BAND_ORDER}
    cells: dict[tuple[int, int], list[str]] = {}
    for r in table.itertuples():
        label = f"<u><b>{r.task_id}</b></u>" if r.task_id == task_id else r.task_id
        cells.setdefault((int(r.severity), int(r.likelihood)), []).append(label)
    if before and task_id:
        cells.setdefault(before, []).append(t("m06.app.was_here", task=task_id))
    rows = []
    for likelihood in range(5, 0, -1):
        tds = []
        for severity in range(1, 6):
            score = likelihood * severity
            name = ohs.band(score)
            tds.append(f"<td style='background:{_TINTS[_BAND_ORDER.index(name)]};width:6.5em;height:3.2em;"
                       f"vertical-align:top;border:1px solid #777;padding:2px'><small>{score} · {names[name]}"
                       f"</small><br>{' '.join(cells.get((severity, likelihood), []))}</td>")
        rows.append(f"<tr><th>{likelihood}</th>{''.join(tds)}</tr>")
    header = "".join(f"<th>{s}</th>" for s in range(1, 6))
    return t("m06.app.matrix_html", title=title, rows="".join(rows), header=header)


class RiskMatrixApp(App):
    """Pick a task and a control from the hierarchy of controls; see the task move on the
    5×5 matrix and the ranking of every task with the controls chosen so far.

    The matrix is drawn as an HTML table (``app.matrix``), not a chart: a callback redraws it
    in a few milliseconds, where rendering a chart to PNG took several hundred on a busy machine.
    """

    def __init__(self, tasks: pd.DataFrame, task_id: str | None = None) -> None:
        super().__init__()
        self.tasks = tasks.copy()
        self.tasks.attrs = {}  # pandas copies a table's metadata on every step: a callback is faster without it
        self.ranked = ohs.risk_table(tasks).set_index("task_id")
        self.task = choice(t("m06.app.task"), [(f"{i} {r.task}", i) for i, r in self.ranked.iterrows()],
                             task_id or self.ranked.index[0])
        self.control = radio(t("m06.app.control_choice"),
                             [(control_label(c), c) for c in ("none", *ohs.CONTROLS)], "none")
        self.bands = {b: band_label(b) for b in _BAND_ORDER}
        self.control_names = {c: control_label(c) for c in ("none", *ohs.CONTROLS)}
        self.matrix = w.HTML()
        self.controls: dict[str, str] = {}
        self.table = pd.DataFrame()
        self._quiet = False
        self.watch(self.task, then=self._new_task)
        self.watch(self.control, then=self._new_control)
        self.arrange(self.task, self.control, below=[self.matrix], chart=False)

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
        self.table = self.result = ohs.with_controls(self.tasks, self.controls)
        before = self.ranked.loc[self.task.value]
        after = self.table.set_index("task_id").loc[self.task.value]
        rows = "".join(t("m06.app.row", rank=i + 1, task=f"{r.task_id} {r.task}", risk=int(r.risk),
                         band=self.bands[r.band], control=self.control_names[r.control])
                       for i, r in enumerate(self.table.head(5).itertuples()))
        self.summary.value = t(
            "m06.app.summary", task=self.task.label, control=self.control_names[self.control.value],
            l0=int(before["likelihood"]), s0=int(before["severity"]), r0=int(before["risk"]),
            b0=self.bands[before["band"]], l1=int(after["likelihood"]), s1=int(after["severity"]),
            r1=int(after["risk"]), b1=self.bands[after["band"]], rows=rows)
        start = (int(before["severity"]), int(before["likelihood"]))
        moved = start != (int(after["severity"]), int(after["likelihood"]))
        self.matrix.value = matrix_html(self.table, t("m06.app.chart_title"), self.task.value,
                                        start if moved else None)


def risk_matrix_app(tasks: pd.DataFrame, task_id: str | None = None) -> RiskMatrixApp:
    """Show the risk-matrix app and return it."""
    app = RiskMatrixApp(tasks, task_id)
    app.show()
    return app
