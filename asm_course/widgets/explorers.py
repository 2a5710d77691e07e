"""Explorer apps of module m00: controls whose callbacks call a domain function and show
its result as text (and a chart). Their state (``app.result``, ``app.summary.value``) can
be driven in tests by setting ``.value`` on a control."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd
from IPython.display import display

from asm_course import baseline, plots, value_chain
from asm_course.i18n import t
from asm_course.widgets.controls import country_options, fresh_chart, show_chart


class GoldValueApp:
    """Sliders for tonnes of gold and the gold price; shows the value in USD millions."""

    def __init__(self, gold_t: float = 27.7, price_usd_per_oz: float = 1250.0) -> None:
        self.gold = w.FloatSlider(value=gold_t, min=0, max=100, step=0.1,
                                  description=t("widgets.gold_t"), style={"description_width": "initial"},
                                  continuous_update=False)
        self.price = w.IntSlider(value=int(price_usd_per_oz), min=200, max=3000, step=10,
                                 description=t("widgets.price_usd_oz"), style={"description_width": "initial"},
                                 continuous_update=False)
        self.summary = w.HTML()
        self.result = 0.0
        for control in (self.gold, self.price):
            control.observe(lambda _change: self.update(), names="value")
        self.update()
        self.widget = w.VBox([self.gold, self.price, self.summary])

    def update(self) -> None:
        self.result = value_chain.gold_value_usd_m(self.gold.value, self.price.value)
        self.summary.value = t("widgets.gold_value", gold=self.gold.value, price=self.price.value,
                               value=self.result)


def gold_value_app(**defaults: float) -> GoldValueApp:
    """Show the gold value app and return it."""
    app = GoldValueApp(**defaults)
    display(app.widget)
    return app


class EstimatesExplorer:
    """Pick a country; see its published workforce estimates as a table and as ranges."""

    def __init__(self, estimates: pd.DataFrame, names: dict[str, str]) -> None:
        self.estimates = estimates
        codes = sorted(estimates["iso3"].unique())
        self.country = w.Dropdown(options=country_options(codes, names), value=codes[0],
                                  description=t("widgets.country"))
        self.summary = w.HTML()
        self.chart = w.Output()
        self.result = pd.DataFrame()
        self.country.observe(lambda _change: self.update(), names="value")
        self.update()
        self.widget = w.VBox([self.country, self.summary, self.chart])

    def update(self) -> None:
        rows = baseline.estimates_for(self.estimates, self.country.value)
        self.result = rows.assign(workers_central=baseline.central_values(rows))
        usable = self.result.dropna(subset=["workers_central"])
        if usable.empty:
            self.summary.value = t("widgets.no_estimates", country=self.country.label)
        else:
            self.summary.value = t(
                "widgets.estimates_summary", country=self.country.label, n=len(usable),
                low=usable[["workers_central", "workers_low"]].min(axis=1).min(),
                high=usable[["workers_central", "workers_high"]].max(axis=1).max(),
                first=int(usable["year"].min()), last=int(usable["year"].max()))
        self._draw(usable)

    def _draw(self, usable: pd.DataFrame) -> None:
        if not fresh_chart(self.chart) or usable.empty:
            return
        frame = usable.assign(
            label=usable["source_label"] + " (" + usable["year"].astype(str) + ")",
            low=usable[["workers_central", "workers_low"]].min(axis=1),
            high=usable[["workers_central", "workers_high"]].max(axis=1),
        )
        ax = plots.range_chart(frame, "label", "low", "high", "workers_central",
                               title=t("widgets.estimates_title", country=self.country.label),
                               xlabel=t("widgets.workers_axis"))
        show_chart(self.chart, ax)


def estimates_explorer(estimates: pd.DataFrame, names: dict[str, str]) -> EstimatesExplorer:
    """Show the estimates explorer and return it."""
    app = EstimatesExplorer(estimates, names)
    display(app.widget)
    return app
