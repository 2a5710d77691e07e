"""Explorer apps of module m00: controls whose callbacks call a domain function and show
its result as text (and a chart). Their state (``app.result``, ``app.summary.value``) can
be driven in tests by setting ``.value`` on a control."""

from __future__ import annotations

import pandas as pd

from asm_course import baseline, plots, value_chain
from asm_course.i18n import t
from asm_course.widgets.base import App, choice, int_slider, slider
from asm_course.widgets.controls import country_options


class GoldValueApp(App):
    """Sliders for tonnes of gold and the gold price; shows the value in USD millions."""

    def __init__(self, gold_t: float = 27.7, price_usd_per_oz: float = 1250.0) -> None:
        super().__init__()
        self.gold = slider(t("m00.app.gold_t"), gold_t, 0, 100, 0.1)
        self.price = int_slider(t("m00.app.price_usd_oz"), int(price_usd_per_oz), 200, 3000, 10)
        self.watch(self.gold, self.price)
        self.arrange(self.gold, self.price, chart=False)

    def update(self) -> None:
        self.result = value_chain.gold_value_usd_m(self.gold.value, self.price.value)
        self.summary.value = t("m00.app.gold_value", gold=self.gold.value, price=self.price.value,
                               value=self.result)


def gold_value_app(**defaults: float) -> GoldValueApp:
    """Show the gold value app and return it."""
    app = GoldValueApp(**defaults)
    app.show()
    return app


class EstimatesExplorer(App):
    """Pick a country; see its published workforce estimates as a table and as ranges."""

    def __init__(self, estimates: pd.DataFrame, names: dict[str, str]) -> None:
        super().__init__()
        self.estimates = estimates
        self.country = choice(t("common.country"), country_options(sorted(estimates["iso3"].unique()), names))
        self.watch(self.country)
        self.arrange(self.country)

    def update(self) -> None:
        rows = baseline.estimates_for(self.estimates, self.country.value)
        self.result = rows.assign(workers_central=baseline.central_values(rows))
        usable = self.result.dropna(subset=["workers_central"])
        if usable.empty:
            self.summary.value = t("m00.app.no_estimates", country=self.country.label)
        else:
            self.summary.value = t(
                "m00.app.estimates_summary", country=self.country.label, n=len(usable),
                low=usable[["workers_central", "workers_low"]].min(axis=1).min(),
                high=usable[["workers_central", "workers_high"]].max(axis=1).max(),
                first=int(usable["year"].min()), last=int(usable["year"].max()))
        self.draw(lambda: None if usable.empty else self._chart(usable), plots.describe)

    def _chart(self, usable: pd.DataFrame):
        frame = usable.assign(
            label=usable["source_label"] + " (" + usable["year"].astype(str) + ")",
            low=usable[["workers_central", "workers_low"]].min(axis=1),
            high=usable[["workers_central", "workers_high"]].max(axis=1),
        )
        return plots.range_chart(frame, "label", "low", "high", "workers_central",
                                 title=t("m00.app.estimates_title", country=self.country.label),
                                 xlabel=t("m00.app.workers_axis"))


def estimates_explorer(estimates: pd.DataFrame, names: dict[str, str]) -> EstimatesExplorer:
    """Show the estimates explorer and return it."""
    app = EstimatesExplorer(estimates, names)
    app.show()
    return app
