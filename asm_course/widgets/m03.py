"""Explorer apps of module m03 (the baseline): a triangulation explorer and a plausibility
calculator. Each control's callback calls a function of :mod:`asm_course.baseline` and
shows its result as text (``app.summary.value``) and in ``app.result``, so tests can drive
an app by setting ``.value`` on a control."""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from asm_course import baseline, plots
from asm_course.i18n import t
from asm_course.widgets.base import App, choice, int_slider, slider, toggle
from asm_course.widgets.controls import country_options

SCOPE_CHOICES = ("all_asm", "gold", "any")


class TriangulationExplorer(App):
    """Pick a country, what was counted (scope) and an age limit; see how many published
    estimates remain, their median and their range, as text and as a range chart."""

    def __init__(self, estimates: pd.DataFrame, names: dict[str, str],
                 reference_year: int = baseline.DEFAULT_REFERENCE_YEAR) -> None:
        super().__init__()
        self.estimates = estimates
        self.reference_year = reference_year
        self.country = choice(t("common.country"), country_options(sorted(estimates["iso3"].unique()), names))
        self.scope = choice(t("m03.app.scope"), [(t(f"m03.app.scope_{s}"), s) for s in SCOPE_CHOICES], "any")
        self.limit_age = toggle(t("m03.app.limit_age"))
        self.max_age = int_slider(t("m03.app.max_age", year=reference_year), baseline.DEFAULT_MAX_AGE, 0, 30)
        self.selection = pd.DataFrame()
        self.watch(self.country, self.scope, self.limit_age, self.max_age)
        self.arrange(self.country, self.scope, self.limit_age, self.max_age)

    def update(self) -> None:
        iso3 = self.country.value
        scopes = None if self.scope.value == "any" else [self.scope.value]
        max_age = self.max_age.value if self.limit_age.value else None
        country_rows = baseline.select_estimates(self.estimates, iso3, scopes)
        self.selection = baseline.select_estimates(self.estimates, iso3, scopes, max_age, self.reference_year)
        self.result = baseline.triangulate(self.selection)
        age = baseline.source_age(country_rows, self.reference_year)
        left_out = ""
        if max_age is not None:
            left_out = t("m03.app.left_out", old=int((age > max_age).sum()), undated=int(age.isna().sum()),
                         years=max_age)
        where = t("m03.app.where", country=self.country.label, scope=self.scope.label.lower())
        if self.result["n"] == 0:
            self.summary.value = t("m03.app.no_estimate", where=where) + left_out
        else:
            self.summary.value = t("m03.app.triangulation", where=where, n=int(self.result["n"]),
                                   median=self.result["median"], low=self.result["low"],
                                   high=self.result["high"], ratio=self.result["high_to_low"]) + left_out
        self.draw(self._chart, plots.describe)

    def _chart(self):
        central = baseline.central_values(self.selection)
        usable = self.selection[central.notna().to_numpy()]
        if usable.empty:
            return None
        central = central[central.notna()].astype(float)
        frame = pd.DataFrame({
            "label": usable["source_label"].fillna("?") + " (" + usable["scope"].fillna("?") + ", "
                     + usable["year"].astype("string").fillna("?") + ")",
            "low": pd.concat([central, usable["workers_low"].astype("Float64")], axis=1).min(axis=1),
            "high": pd.concat([central, usable["workers_high"].astype("Float64")], axis=1).max(axis=1),
            "central": central,
        })
        ax = plots.range_chart(frame, "label", "low", "high", "central",
                               title=t("m03.app.chart_title", country=self.country.label,
                                       scope=self.scope.label.lower()),
                               xlabel=t("m03.app.workers_axis"))
        ax.xaxis.set_major_formatter("{x:,.0f}")
        return ax


def triangulation_explorer(estimates: pd.DataFrame, names: dict[str, str],
                           reference_year: int = baseline.DEFAULT_REFERENCE_YEAR) -> TriangulationExplorer:
    """Show the triangulation explorer and return it."""
    app = TriangulationExplorer(estimates, names, reference_year)
    app.show()
    return app


class PlausibilityApp(App):
    """Sector value and an assumed income per worker → the number of workers that value
    could pay, set against every published estimate of that country."""

    def __init__(self, estimates: pd.DataFrame, gold_production: pd.DataFrame, names: dict[str, str],
                 income_usd_per_worker: int = 6000, figure_id: str = "ECU-2018-VALUE") -> None:
        super().__init__()
        self.estimates = estimates
        self.values = baseline.sector_values(gold_production).set_index("figure_id")
        options = [(t("m03.app.preset", country=names.get(row.iso3, row.iso3),
                      measure=t(f"m03.app.measure.{row.measure}"), year=_year(row.year), value=row.value_usd_m), fid)
                   for fid, row in self.values.iterrows()]
        self.names = names
        self.preset = choice(t("m03.app.preset_label"), options,
                               figure_id if figure_id in self.values.index else options[0][1])
        self.value = slider(t("m03.app.value"), self._preset_value(), 0, 3000, 10, readout_format=",.0f")
        self.income = int_slider(t("m03.app.income"), income_usd_per_worker, 1000, 20000, 250)
        self.table = w.HTML()
        self.comparison = pd.DataFrame()
        self.watch(self.preset, then=self._load_preset)
        self.watch(self.value, self.income)
        self.arrange(self.preset, self.value, self.income, below=[self.table], chart=False)

    @property
    def iso3(self) -> str:
        return str(self.values.loc[self.preset.value, "iso3"])

    def _preset_value(self) -> float:
        return float(self.values.loc[self.preset.value, "value_usd_m"])

    def _load_preset(self) -> None:
        value = self._preset_value()
        if self.value.value == value:
            self.update()
        else:
            self.value.value = value  # fires update()

    def update(self) -> None:
        self.result = baseline.implied_workers(self.value.value, self.income.value)
        rows = baseline.estimates_for(self.estimates, self.iso3)
        self.comparison = baseline.plausibility_table(rows, self.value.value, self.income.value)
        country = self.names.get(self.iso3, self.iso3)
        below = int(self.comparison["below_implied"].sum())
        self.summary.value = t("m03.app.plausibility", value=self.value.value, income=self.income.value,
                               workers=self.result, country=country, n=len(self.comparison), below=below)
        self.table.value = self._table_html()

    def _table_html(self) -> str:
        head = "".join(f"<th style='text-align:left;padding:2px 8px'>{t(f'm03.app.col_{c}')}</th>"
                       for c in ("source", "scope", "year", "workers", "per_worker", "times"))
        body = []
        for row in self.comparison.itertuples():
            cells = (html.escape(str(row.source_label)), html.escape(str(row.scope)), _year(row.year),
                     f"{row.workers_central:,.0f}", f"{row.usd_per_worker:,.0f}", f"{row.times_income:,.1f}")
            body.append("<tr>" + "".join(f"<td style='padding:2px 8px'>{c}</td>" for c in cells) + "</tr>")
        return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _year(value: float | None) -> str:
    return "?" if value is None or pd.isna(value) else str(int(value))


def plausibility_app(estimates: pd.DataFrame, gold_production: pd.DataFrame, names: dict[str, str],
                     income_usd_per_worker: int = 6000, figure_id: str = "ECU-2018-VALUE") -> PlausibilityApp:
    """Show the plausibility calculator and return it."""
    app = PlausibilityApp(estimates, gold_production, names, income_usd_per_worker, figure_id)
    app.show()
    return app
