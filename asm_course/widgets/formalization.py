"""Explorer apps of module m04: the registry funnel explorer and the procedure cost simulator.

Each app wraps domain functions of :mod:`asm_course.formalization`; its state
(``app.result``, ``app.summary.value``) can be driven in tests by setting ``.value`` on
a control.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd
from IPython.display import display

from asm_course import formalization, plots
from asm_course.i18n import t
from asm_course.widgets.controls import country_options, fresh_chart, show_chart

NATIONAL = ""  # the value of the "all regions" choice in the funnel explorer
_STYLE = {"description_width": "initial"}


def stage_label(stage: str) -> str:
    """Display name of a funnel stage, e.g. "Mining right or contract"."""
    return t(f"m04.stage.{stage}")


def stage_labels(stages) -> list[str]:
    """:func:`stage_label` for many stages."""
    return [stage_label(s) for s in stages]


class FunnelExplorer:
    """Pick a region (or the whole country); see its funnel: records at each stage, the
    conversion from one stage to the next, and the stage of the largest drop."""

    def __init__(self, records: pd.DataFrame, regions: pd.DataFrame, region: str = NATIONAL) -> None:
        self.records, self.regions = records, regions
        names = list(formalization.funnel_by_region(records, regions).index)
        self.region = w.Dropdown(options=[(t("m04.widgets.all_regions"), NATIONAL)] + [(r, r) for r in names],
                                 value=region, description=t("m04.widgets.region"), style=_STYLE)
        self.summary = w.HTML()
        self.chart = w.Output()
        self.result = pd.DataFrame()
        self.largest = ""
        self.region.observe(lambda _change: self.update(), names="value")
        self.update()
        self.widget = w.VBox([self.region, self.summary, self.chart])

    @property
    def place(self) -> str:
        return self.region.value or t("m04.widgets.peru")

    def update(self) -> None:
        counts = formalization.stage_counts(self.records, self.regions, self.region.value or None)
        self.result = formalization.funnel(counts)
        self.largest = formalization.largest_drop(counts)
        rows = "".join(
            t("m04.widgets.funnel_row", stage=stage_label(stage), records=int(row["records"]),
              conversion="–" if pd.isna(row["conversion"]) else f"{row['conversion']:.1%}",
              share=f"{row['share_of_registered']:.1%}")
            for stage, row in self.result.iterrows())
        self.summary.value = t(
            "m04.widgets.funnel_summary", place=self.place, rows=rows,
            stage=stage_label(self.largest), conversion=self.result.loc[self.largest, "conversion"],
            previous=stage_label(formalization.STAGES[formalization.STAGES.index(self.largest) - 1]))
        self._draw(counts)

    def _draw(self, counts: pd.Series) -> None:
        if not fresh_chart(self.chart):
            return
        values = pd.Series(counts.to_numpy(), index=stage_labels(counts.index))
        ax = plots.bar_chart(values, title=t("m04.widgets.funnel_title", place=self.place),
                             xlabel=t("m04.widgets.records_axis"), ylabel=t("m04.widgets.stage_axis"),
                             horizontal=True)
        ax.invert_yaxis()
        show_chart(self.chart, ax, plots.describe(ax))


def funnel_explorer(records: pd.DataFrame, regions: pd.DataFrame, region: str = NATIONAL) -> FunnelExplorer:
    """Show the funnel explorer and return it."""
    app = FunnelExplorer(records, regions, region)
    display(app.widget)
    return app


class ProcedureSimulator:
    """Pick a country, switch the one-stop shop on or off, untick steps to drop them and
    set the miner's income; see the total fees, the total days and the months of income."""

    def __init__(self, steps: pd.DataFrame, income: pd.DataFrame, names: dict[str, str] | None = None,
                 iso3: str | None = None) -> None:
        self.steps, self.income = steps, income
        codes = sorted(steps["iso3"].unique())
        names = names or {}
        self.country = w.Dropdown(options=country_options(codes, names), value=iso3 or codes[0],
                                  description=t("m04.widgets.country"), style=_STYLE)
        self.one_stop = w.Checkbox(value=False, description=t("m04.widgets.one_stop_shop"), indent=False)
        self.pay = w.FloatSlider(value=100.0, min=50, max=2000, step=5, description=t("m04.widgets.income"),
                                 style=_STYLE, continuous_update=False, readout_format=",.0f")
        self.step_boxes: dict[str, w.Checkbox] = {}
        self.steps_box = w.VBox()
        self.summary = w.HTML()
        self.chart = w.Output()
        self.result = pd.Series(dtype=float)
        self._quiet = False
        self.country.observe(lambda _change: self._new_country(), names="value")
        for control in (self.one_stop, self.pay):
            control.observe(lambda _change: self.update(), names="value")
        self._new_country()
        self.widget = w.VBox([self.country, self.one_stop, self.pay,
                              w.HTML(f"<b>{t('m04.widgets.steps_kept')}</b>"), self.steps_box,
                              self.summary, self.chart])

    def _new_country(self) -> None:
        """Rebuild the step boxes and reset the income to the country's value."""
        self._quiet = True
        rows = formalization.procedure(self.steps, self.country.value)
        self.step_boxes = {
            row.step_id: w.Checkbox(value=True, description=f"{row.order}. {row.step}", indent=False,
                                    layout=w.Layout(width="max-content"))
            for row in rows.itertuples()}
        for box in self.step_boxes.values():
            box.observe(lambda _change: self.update(), names="value")
        self.steps_box.children = tuple(self.step_boxes.values())
        self.pay.value = formalization.monthly_income(self.income, self.country.value)
        self._quiet = False
        self.update()

    @property
    def removed(self) -> list[str]:
        return [step for step, box in self.step_boxes.items() if not box.value]

    def update(self) -> None:
        if self._quiet:
            return
        iso3 = self.country.value
        self.result = formalization.procedure_totals(self.steps, iso3, self.pay.value,
                                                     self.one_stop.value, self.removed)
        full = formalization.procedure_totals(self.steps, iso3, self.pay.value)
        self.summary.value = t(
            "m04.widgets.cost_summary", country=self.country.label,
            scenario=t("m04.widgets.scenario_one_stop" if self.one_stop.value else "m04.widgets.scenario_current"),
            steps=int(self.result["steps"]), fee=self.result["fee_usd"], days=int(self.result["days"]),
            months=self.result["months_of_income"], income=self.pay.value,
            full_fee=full["fee_usd"], full_days=int(full["days"]), full_months=full["months_of_income"])
        self._draw(iso3)

    def _draw(self, iso3: str) -> None:
        if not fresh_chart(self.chart):
            return
        rows = formalization.procedure(self.steps, iso3, self.one_stop.value, self.removed)
        if rows.empty:
            return
        values = pd.Series(rows["days"].to_numpy(), index=[f"{o}. {s}" for o, s in zip(rows["order"], rows["step"])])
        ax = plots.bar_chart(values, title=t("m04.widgets.days_title", country=self.country.label),
                             xlabel=t("m04.widgets.days_axis"), ylabel=t("m04.widgets.step_axis"),
                             horizontal=True)
        ax.invert_yaxis()
        show_chart(self.chart, ax, plots.describe(ax))


def procedure_simulator(steps: pd.DataFrame, income: pd.DataFrame, names: dict[str, str] | None = None,
                        iso3: str | None = None) -> ProcedureSimulator:
    """Show the procedure cost simulator and return it."""
    app = ProcedureSimulator(steps, income, names, iso3)
    display(app.widget)
    return app
