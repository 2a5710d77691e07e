"""Explorer apps of module m02 (organising government and including stakeholders).

Each app wraps a pure function of :mod:`asm_course.institutions`; its state
(``app.result``, ``app.summary.value``) can be driven in tests by setting ``.value`` on a
control. The chart helpers return their ``Axes`` and have a text alternative.
"""

from __future__ import annotations

import html

import ipywidgets as w
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from asm_course import institutions, plots, tables
from asm_course.i18n import t
from asm_course.widgets.base import App, choice, slider
from asm_course.widgets.controls import country_options

ALL = "ALL"
QUADRANT_MARKERS = {"manage closely": "o", "keep satisfied": "s", "keep informed": "^", "monitor": "D"}


# --------------------------------------------------------------------------- labels

def task_label(task: str) -> str:
    return t(f"m02.app.task.{task}")


def rule_label(rule: str) -> str:
    return t(f"m02.app.rule.{rule}")


def quadrant_label(quadrant: str) -> str:
    return t(f"m02.app.quadrant.{quadrant.replace(' ', '_')}")


def group_label(group: str) -> str:
    return t(f"m02.app.group.{group}")


def people_label(dimension: str, group: str) -> str:
    """Display label of a consultation group (regions keep their own names)."""
    return group if dimension == "region" else t(f"m02.app.{dimension}.{group}")


# --------------------------------------------------------------------------- charts

def grid_chart(stakeholders: pd.DataFrame, title: str, threshold: int = institutions.HIGH,
               ax: Axes | None = None) -> Axes:
    """The influence/interest grid: one marker per score pair, sized and labelled by the
    number of stakeholders there; quadrant names in the corners, boundary lines at the
    threshold. Marker shape and the corner names carry the quadrant, not colour alone."""
    ax = ax or plt.subplots(figsize=(6.4, 5.2))[1]
    grid = institutions.stakeholder_grid(stakeholders, threshold)
    cells = grid.groupby(["interest", "influence", "quadrant"]).size().rename("n").reset_index()
    for i, name in enumerate(institutions.QUADRANTS):
        part = cells[cells["quadrant"] == name]
        ax.scatter(part["interest"], part["influence"], s=120 + 160 * part["n"], marker=QUADRANT_MARKERS[name],
                   color=plots.OKABE_ITO[i], edgecolor="black", alpha=0.85, label=quadrant_label(name))
        for x, y, n in zip(part["interest"], part["influence"], part["n"], strict=True):
            ax.annotate(str(n), (x, y), ha="center", va="center", fontsize=8, color="white" if i == 0 else "black")
    edge = threshold - 0.5
    ax.axvline(edge, color="grey", linestyle="--", linewidth=1)
    ax.axhline(edge, color="grey", linestyle="--", linewidth=1)
    corners = {"manage closely": (5.4, 5.4, "right", "top"), "keep satisfied": (0.6, 5.4, "left", "top"),
               "keep informed": (5.4, 0.6, "right", "bottom"), "monitor": (0.6, 0.6, "left", "bottom")}
    for name, (x, y, ha, va) in corners.items():
        ax.text(x, y, quadrant_label(name).upper(), ha=ha, va=va, fontsize=8, fontweight="bold", color="dimgrey")
    ax.set_xlim(0.5, 5.5)
    ax.set_ylim(0.5, 5.5)
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.set_title(title)
    ax.set_xlabel(t("m02.app.chart.interest_axis"))
    ax.set_ylabel(t("m02.app.chart.influence_axis"))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=8, frameon=False, markerscale=0.5)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def describe_grid(stakeholders: pd.DataFrame, title: str, threshold: int = institutions.HIGH) -> str:
    """Text alternative of :func:`grid_chart`: the count in each quadrant."""
    counts = institutions.quadrant_counts(stakeholders, threshold=threshold)
    shown = ", ".join(f"{quadrant_label(q)}: {n}" for q, n in counts.items())
    return t("m02.app.chart.grid_alt", title=title, threshold=threshold, counts=shown)


def ratio_chart(table: pd.DataFrame, title: str, threshold: float = institutions.UNDER,
                ax: Axes | None = None) -> Axes:
    """Horizontal bars of representation ratios (one per group), a dashed line at the
    threshold and a solid one at 1; flagged bars are hatched and orange."""
    ax = ax or plt.subplots(figsize=(7, 0.38 * len(table) + 1.4))[1]
    labels = [people_label(d, g) for d, g in zip(table["dimension"], table["group"], strict=True)]
    flagged = table["ratio"] < threshold
    bars = ax.barh(labels, table["ratio"].to_numpy(dtype=float),
                   color=[plots.OKABE_ITO[5] if f else plots.OKABE_ITO[0] for f in flagged],
                   edgecolor="black")
    for bar, f in zip(bars, flagged, strict=True):
        if f:
            bar.set_hatch("//")
    ax.bar_label(bars, labels=[f"{v:.2f}" for v in table["ratio"]], padding=2, fontsize=8)
    ax.axvline(threshold, color="black", linestyle="--", linewidth=1, label=t("m02.app.chart.threshold_line", threshold=threshold))
    ax.axvline(1.0, color="grey", linewidth=1, label=t("m02.app.chart.parity_line"))
    ax.legend(handles=[*ax.get_lines(), Patch(facecolor=plots.OKABE_ITO[5], edgecolor="black", hatch="//",
                                              label=t("m02.app.chart.flagged_bar", threshold=threshold))],
              loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    ax.invert_yaxis()
    ax.set_title(title)
    ax.set_xlabel(t("m02.app.chart.ratio_axis"))
    ax.set_ylabel(t("m02.app.chart.group_axis"))
    ax.spines[["top", "right"]].set_visible(False)
    return ax


# --------------------------------------------------------------------------- apps

class RaciChecker(App):
    """Pick a country; see its mandate table and the tasks that break the RACI rule."""

    def __init__(self, mandates: pd.DataFrame, names: dict[str, str]) -> None:
        super().__init__()
        self.mandates = mandates
        self.country = choice(t("common.country"), country_options(sorted(mandates["iso3"].unique()), names))
        self.table = w.HTML()
        self.watch(self.country)
        self.arrange(self.country, below=[self.table], chart=False)

    def update(self) -> None:
        iso3 = self.country.value
        self.result = institutions.raci_problems(self.mandates, iso3)
        n_tasks = self.mandates.loc[self.mandates["iso3"] == iso3, "task"].nunique()
        if self.result.empty:
            self.summary.value = t("m02.app.raci.summary_ok", country=self.country.label, n=n_tasks)
        else:
            items = "".join(
                t("m02.app.raci.item", task=task_label(r.task), rule=rule_label(r.rule),
                  accountable=r.accountable, responsible=r.responsible)
                for r in self.result.itertuples())
            self.summary.value = t("m02.app.raci.summary_bad", country=self.country.label,
                                   k=self.result["task"].nunique(), n=n_tasks, items=items)
        matrix = institutions.raci_matrix(self.mandates, iso3)
        matrix.index = [task_label(x) for x in matrix.index]
        self.table.value = tables.table(matrix, names=False)._repr_html_()


def raci_checker(mandates: pd.DataFrame, names: dict[str, str]) -> RaciChecker:
    """Show the RACI checker and return it."""
    app = RaciChecker(mandates, names)
    app.show()
    return app


class StakeholderGrid(App):
    """Filter by country and stakeholder group; see the quadrant counts and the grid."""

    def __init__(self, stakeholders: pd.DataFrame, names: dict[str, str]) -> None:
        super().__init__()
        self.stakeholders = stakeholders
        codes = sorted(stakeholders["iso3"].unique())
        self.country = choice(t("common.country"), [(t("m02.app.all_countries"), ALL)] + country_options(codes, names))
        present = [g for g in institutions.STAKEHOLDER_GROUPS if g in set(stakeholders["group"])]
        self.group = choice(t("m02.app.group"), [(t("m02.app.all_groups"), ALL)] + [(group_label(g), g) for g in present])
        self.watch(self.country, self.group)
        self.arrange(self.country, self.group)

    def selection(self) -> pd.DataFrame:
        rows = self.stakeholders
        if self.country.value != ALL:
            rows = rows[rows["iso3"] == self.country.value]
        if self.group.value != ALL:
            rows = rows[rows["group"] == self.group.value]
        return rows

    def update(self) -> None:
        iso3 = None if self.country.value == ALL else self.country.value
        groups = None if self.group.value == ALL else [self.group.value]
        self.result = institutions.quadrant_counts(self.stakeholders, iso3, groups)
        scope = f"{self.country.label} · {self.group.label}"
        counts = ", ".join(f"{quadrant_label(q)} <b>{n}</b>" for q, n in self.result.items())
        self.summary.value = t("m02.app.grid.summary", scope=html.escape(scope), n=int(self.result.sum()), counts=counts)
        rows = self.selection()
        title = t("m02.app.chart.grid_title", scope=scope)
        self.draw(lambda: None if rows.empty else grid_chart(rows, title), lambda _ax: describe_grid(rows, title))


def stakeholder_grid(stakeholders: pd.DataFrame, names: dict[str, str]) -> StakeholderGrid:
    """Show the stakeholder grid app and return it."""
    app = StakeholderGrid(stakeholders, names)
    app.show()
    return app


class RepresentationExplorer(App):
    """Pick a consultation and a threshold; see each group's representation ratio."""

    def __init__(self, participants: pd.DataFrame, population: pd.DataFrame, names: dict[str, str]) -> None:
        super().__init__()
        self.participants = participants
        self.population = population
        codes = sorted(set(participants["iso3"]) & set(population["iso3"]))
        self.country = choice(t("common.country"), country_options(codes, names))
        self.threshold = slider(t("m02.app.threshold"), institutions.UNDER, 0.5, 1.0, 0.05, readout_format=".2f")
        self.watch(self.country, self.threshold)
        self.arrange(self.country, self.threshold)

    def update(self) -> None:
        threshold = round(float(self.threshold.value), 2)
        self.result = institutions.representation(self.participants, self.population, self.country.value, threshold)
        low = self.result[self.result["flagged"]]
        n = int((self.participants["iso3"] == self.country.value).sum())
        if low.empty:
            self.summary.value = t("m02.app.repr.summary_none", country=self.country.label, n=n, threshold=threshold)
        else:
            listed = ", ".join(f"{people_label(d, g)} ({r:.2f})" for d, g, r in zip(low["dimension"], low["group"], low["ratio"], strict=True))
            self.summary.value = t("m02.app.repr.summary", country=self.country.label, n=n, threshold=threshold,
                                   k=len(low), groups=html.escape(listed))
        self.draw(lambda: ratio_chart(self.result, t("m02.app.chart.ratio_title", country=self.country.label),
                                      threshold), plots.describe)


def representation_explorer(participants: pd.DataFrame, population: pd.DataFrame,
                            names: dict[str, str]) -> RepresentationExplorer:
    """Show the representativeness explorer and return it."""
    app = RepresentationExplorer(participants, population, names)
    app.show()
    return app
