"""Explorer apps of module m03 (the baseline): a triangulation explorer and a plausibility
calculator. Each control's callback calls a function of :mod:`asm_course.baseline` and
shows its result as text (``app.summary.value``) and in ``app.result``, so tests can drive
an app by setting ``.value`` on a control."""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd
from IPython.display import display

from asm_course import baseline, plots
from asm_course.i18n import t
from asm_course.widgets.controls import country_options, fresh_chart, show_chart

_WIDE = {"description_width": "initial"}
SCOPE_CHOICES = ("all_asm", "gold", "any")


class TriangulationExplorer:
    """Pick a country, what was counted (scope) and an age limit; see how many published
    estimates remain, their median and their range, as text and as a range chart."""

    def __init__(self, estimates: pd.DataFrame, names: dict[str, str],
                 reference_year: int = baseline.DEFAULT_REFERENCE_YEAR) -> None:
        self.estimates = estimates
        self.reference_year = reference_year
        codes = sorted(estimates["iso3"].unique())
        self.country = w.Dropdown(options=country_options(codes, names), value=codes[0],
                                  description=t("m03.app.country"), style=_WIDE, layout=w.Layout(width="32em"))
        self.scope = w.Dropdown(options=[(t(f"m03.app.scope_{s}"), s) for s in SCOPE_CHOICES], value="any",
                                description=t("m03.app.scope"), style=_WIDE, layout=w.Layout(width="32em"))
        self.limit_age = w.Checkbox(value=False, description=t("m03.app.limit_age"), indent=False)
        self.max_age = w.IntSlider(value=baseline.DEFAULT_MAX_AGE, min=0, max=30, step=1,
                                   description=t("m03.app.max_age", year=reference_year), style=_WIDE,
                                   continuous_update=False, layout=w.Layout(width="32em"))
        self.summary = w.HTML()
        self.chart = w.Output()
        self.selection = pd.DataFrame()
        self.result = baseline.triangulate(estimates.head(0))
        for control in (self.country, self.scope, self.limit_age, self.max_age):
            control.observe(lambda _change: self.update(), names="value")
        self.update()
        self.widget = w.VBox([self.country, self.scope, w.HBox([self.limit_age, self.max_age]),
                              self.summary, self.chart])

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
        self._draw()

    def _draw(self) -> None:
        if not fresh_chart(self.chart):
            return
        central = baseline.central_values(self.selection)
        usable = self.selection[central.notna().to_numpy()]
        if usable.empty:
            return
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
        show_chart(self.chart, ax)


def triangulation_explorer(estimates: pd.DataFrame, names: dict[str, str],
                           reference_year: int = baseline.DEFAULT_REFERENCE_YEAR) -> TriangulationExplorer:
    """Show the triangulation explorer and return it."""
    app = TriangulationExplorer(estimates, names, reference_year)
    display(app.widget)
    return app


class PlausibilityApp:
    """Sector value and an assumed income per worker → the number of workers that value
    could pay, set against every published estimate of that country."""

    def __init__(self, estimates: pd.DataFrame, gold_production: pd.DataFrame, names: dict[str, str],
                 income_usd_per_worker: int = 6000, figure_id: str = "ECU-2018-VALUE") -> None:
        self.estimates = estimates
        self.values = baseline.sector_values(gold_production).set_index("figure_id")
        options = [(t("m03.app.preset", country=names.get(row.iso3, row.iso3),
                      measure=t(f"m03.measure.{row.measure}"), year=_year(row.year), value=row.value_usd_m), fid)
                   for fid, row in self.values.iterrows()]
        self.names = names
        self.preset = w.Dropdown(options=options, value=figure_id if figure_id in self.values.index else options[0][1],
                                 description=t("m03.app.preset_label"), style=_WIDE, layout=w.Layout(width="44em"))
        self.value = w.FloatSlider(value=0.0, min=0, max=3000, step=10, description=t("m03.app.value"),
                                   style=_WIDE, continuous_update=False, layout=w.Layout(width="36em"),
                                   readout_format=",.0f")
        self.income = w.IntSlider(value=income_usd_per_worker, min=1000, max=20000, step=250,
                                  description=t("m03.app.income"), style=_WIDE, continuous_update=False,
                                  layout=w.Layout(width="36em"))
        self.summary = w.HTML()
        self.table = w.HTML()
        self.result = 0.0
        self.comparison = pd.DataFrame()
        self.preset.observe(lambda _change: self._load_preset(), names="value")
        for control in (self.value, self.income):
            control.observe(lambda _change: self.update(), names="value")
        self._load_preset()
        self.widget = w.VBox([self.preset, self.value, self.income, self.summary, self.table])

    @property
    def iso3(self) -> str:
        return str(self.values.loc[self.preset.value, "iso3"])

    def _load_preset(self) -> None:
        value = float(self.values.loc[self.preset.value, "value_usd_m"])
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


def _year(value: object) -> str:
    return "?" if pd.isna(value) else str(int(value))


def plausibility_app(estimates: pd.DataFrame, gold_production: pd.DataFrame, names: dict[str, str],
                     income_usd_per_worker: int = 6000, figure_id: str = "ECU-2018-VALUE") -> PlausibilityApp:
    """Show the plausibility calculator and return it."""
    app = PlausibilityApp(estimates, gold_production, names, income_usd_per_worker, figure_id)
    display(app.widget)
    return app
