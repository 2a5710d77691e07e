"""Explorer apps of module m04: the registry funnel explorer and the procedure cost simulator.

Each app wraps domain functions of :mod:`asm_course.formalization`; its state
(``app.result``, ``app.summary.value``) can be driven in tests by setting ``.value`` on
a control.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from asm_course import formalization, plots
from asm_course.i18n import t
from asm_course.widgets.base import App, choice, slider, toggle
from asm_course.widgets.controls import country_options

NATIONAL = ""  # the value of the "all regions" choice in the funnel explorer


def stage_label(stage: str) -> str:
    """Display name of a funnel stage, e.g. "Mining right or contract"."""
    return t(f"m04.app.stage.{stage}")


def stage_labels(stages) -> list[str]:
    """:func:`stage_label` for many stages."""
    return [stage_label(s) for s in stages]


class FunnelExplorer(App):
    """Pick a region (or the whole country); see its funnel: records at each stage, the
    conversion from one stage to the next, and the stage of the largest drop."""

    def __init__(self, records: pd.DataFrame, regions: pd.DataFrame, region: str = NATIONAL) -> None:
        super().__init__()
        self.records, self.regions = records, regions
        names = list(formalization.funnel_by_region(records, regions).index)
        self.region = choice(t("m04.app.region"), [(t("m04.app.all_regions"), NATIONAL)] + [(r, r) for r in names],
                               region)
        self.largest = ""
        self.watch(self.region)
        self.arrange(self.region)

    @property
    def place(self) -> str:
        return self.region.value or t("m04.app.peru")

    def update(self) -> None:
        counts = formalization.stage_counts(self.records, self.regions, self.region.value or None)
        self.result = formalization.funnel(counts)
        self.largest = formalization.largest_drop(counts)
        rows = "".join(
            t("m04.app.funnel_row", stage=stage_label(stage), records=int(row["records"]),
              conversion="–" if pd.isna(row["conversion"]) else f"{row['conversion']:.1%}",
              share=f"{row['share_of_registered']:.1%}")
            for stage, row in self.result.iterrows())
        self.summary.value = t(
            "m04.app.funnel_summary", place=self.place, rows=rows,
            stage=stage_label(self.largest), conversion=self.result.loc[self.largest, "conversion"],
            previous=stage_label(formalization.STAGES[formalization.STAGES.index(self.largest) - 1]))
        self.draw(lambda: self._chart(counts), plots.describe)

    def _chart(self, counts: pd.Series):
        values = pd.Series(counts.to_numpy(), index=stage_labels(counts.index))
        ax = plots.bar_chart(values, title=t("m04.app.funnel_title", place=self.place),
                             xlabel=t("m04.app.records_axis"), ylabel=t("m04.app.stage_axis"),
                             horizontal=True)
        ax.invert_yaxis()
        return ax


def funnel_explorer(records: pd.DataFrame, regions: pd.DataFrame, region: str = NATIONAL) -> FunnelExplorer:
    """Show the funnel explorer and return it."""
    app = FunnelExplorer(records, regions, region)
    app.show()
    return app


class ProcedureSimulator(App):
    """Pick a country, switch the one-stop shop on or off, untick steps to drop them and
    set the miner's income; see the total fees, the total days and the months of income."""

    def __init__(self, steps: pd.DataFrame, income: pd.DataFrame, names: dict[str, str] | None = None,
                 iso3: str | None = None) -> None:
        super().__init__()
        self.steps, self.income = steps, income
        self.country = choice(t("common.country"), country_options(sorted(steps["iso3"].unique()), names or {}), iso3)
        self.one_stop = toggle(t("m04.app.one_stop_shop"))
        self.pay = slider(t("m04.app.income"), 100.0, 50, 2000, 5, readout_format=",.0f")
        self.step_boxes: dict[str, w.Checkbox] = {}
        self.steps_box = w.VBox()
        self._quiet = False
        self._build_steps()
        self.watch(self.country, then=self._new_country)
        self.watch(self.one_stop, self.pay)
        self.arrange(self.country, self.one_stop, self.pay, w.HTML(f"<b>{t('m04.app.steps_kept')}</b>"),
                     self.steps_box)

    def _new_country(self) -> None:
        """Rebuild the step boxes and reset the income to the country's value, then recompute."""
        self._build_steps()
        self.update()

    def _build_steps(self) -> None:
        self._quiet = True
        rows = formalization.procedure(self.steps, self.country.value)
        self.step_boxes = {
            row.step_id: w.Checkbox(value=True, description=f"{row.order}. {row.step}", tooltip=f"{row.order}. {row.step}",
                                    indent=False,
                                    layout=w.Layout(width="max-content"))
            for row in rows.itertuples()}
        for box in self.step_boxes.values():
            box.observe(lambda _change: self.update(), names="value")
        self.steps_box.children = tuple(self.step_boxes.values())
        self.pay.value = formalization.monthly_income(self.income, self.country.value)
        self._quiet = False

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
            "m04.app.cost_summary", country=self.country.label,
            scenario=t("m04.app.scenario_one_stop" if self.one_stop.value else "m04.app.scenario_current"),
            steps=int(self.result["steps"]), fee=self.result["fee_usd"], days=int(self.result["days"]),
            months=self.result["months_of_income"], income=self.pay.value,
            full_fee=full["fee_usd"], full_days=int(full["days"]), full_months=full["months_of_income"])
        self.draw(lambda: self._chart(iso3), plots.describe)

    def _chart(self, iso3: str):
        rows = formalization.procedure(self.steps, iso3, self.one_stop.value, self.removed)
        if rows.empty:
            return None
        values = pd.Series(rows["days"].to_numpy(), index=[f"{o}. {s}" for o, s in zip(rows["order"], rows["step"], strict=True)])
        ax = plots.bar_chart(values, title=t("m04.app.days_title", country=self.country.label),
                             xlabel=t("m04.app.days_axis"), ylabel=t("m04.app.step_axis"),
                             horizontal=True)
        ax.invert_yaxis()
        return ax


def procedure_simulator(steps: pd.DataFrame, income: pd.DataFrame, names: dict[str, str] | None = None,
                        iso3: str | None = None) -> ProcedureSimulator:
    """Show the procedure cost simulator and return it."""
    app = ProcedureSimulator(steps, income, names, iso3)
    app.show()
    return app
