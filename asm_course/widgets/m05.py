"""Apps of module m05: the practice-mix explorer, and the illustrative draft NAP table.

The explorer wraps :mod:`asm_course.mercury`; its state (``app.table``, ``app.total``,
``app.drivers``, ``app.summary.value``) can be driven in tests by setting ``.value`` on a control.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd
from IPython.display import display

from asm_course import data, mercury, plots
from asm_course.i18n import t
from asm_course.widgets.controls import country_options, fresh_chart, show_chart

_STYLE = {"description_width": "initial"}
_SLIDER = w.Layout(width="420px")


def practice_label(practice: str) -> str:
    """Display name of a practice, e.g. "whole-ore amalgamation"."""
    return data.label("practice", practice)


def draft_nap() -> pd.DataFrame:
    """The illustrative draft NAP: section titles, the Annex C letters each is tagged with,
    and whether the section is drafted (True) or only a heading (False)."""
    return mercury.draft_nap_table(t(f"m05.app.draft.{key}") for key, _, _ in mercury.DRAFT_NAP)


class PracticeMixExplorer:
    """Start from the illustrative sites of a country, then move the gold output and the
    share of each practice; see the mercury range (low / central / high) and its drivers."""

    def __init__(self, sites: pd.DataFrame, ratios: pd.DataFrame, names: dict[str, str] | None = None,
                 iso3: str | None = None) -> None:
        self.sites, self.ratios = sites, ratios
        codes = sorted(sites["iso3"].unique())
        self.country = w.Dropdown(options=country_options(codes, names or {}), value=iso3 or codes[0],
                                  description=t("m05.app.start_from"), style=_STYLE)
        self.gold = w.BoundedFloatText(value=100.0, min=0, max=1_000_000, step=10, description=t("m05.app.gold"),
                                       style=_STYLE, layout=_SLIDER)
        self.shares = {p: w.FloatSlider(value=0.0, min=0, max=100, step=1, style=_STYLE, layout=_SLIDER,
                                        description=t("m05.app.share", practice=practice_label(p)),
                                        continuous_update=False, readout_format=".0f")
                       for p in mercury.PRACTICES}
        self.summary = w.HTML()
        self.chart = w.Output()
        self.table = pd.DataFrame()
        self.total = pd.Series(dtype=float)
        self.drivers: dict[str, str] = {}
        self._quiet = False
        self.country.observe(lambda _change: self.start_from_country(), names="value")
        for control in (self.gold, *self.shares.values()):
            control.observe(lambda _change: self.update(), names="value")
        self.start_from_country()
        self.widget = w.VBox([self.country, self.gold, *self.shares.values(), self.summary, self.chart])

    def start_from_country(self) -> None:
        """Set the gold slider and the shares to the chosen country's illustrative sites."""
        gold = mercury.gold_by_practice(self.sites, self.country.value)
        self._quiet = True
        self.gold.value = round(float(gold.sum()))
        for practice, share in mercury.shares_of(gold).items():
            self.shares[practice].value = round(share)
        self._quiet = False
        self.update()

    def update(self) -> None:
        if self._quiet:
            return
        weights = {p: s.value for p, s in self.shares.items()}
        if sum(weights.values()) <= 0:
            self.summary.value = t("m05.app.no_shares")
            self.table, self.total, self.drivers = pd.DataFrame(), pd.Series(dtype=float), {}
            self.chart.clear_output()
            return
        gold = mercury.practice_mix(self.gold.value, weights)
        gold = gold[gold > 0]
        self.table = mercury.baseline_by_practice(gold, self.ratios)
        self.total = mercury.baseline_range(gold, self.ratios)
        self.drivers = mercury.drivers(self.table) if self.gold.value > 0 else {}
        rows = "".join(t("m05.app.row", practice=practice_label(p), gold=r["gold_kg"], low=r["low"],
                         central=r["central"], high=r["high"]) for p, r in self.table.iterrows())
        drivers = t("m05.app.drivers", gold=practice_label(self.drivers["gold"]),
                    mercury=practice_label(self.drivers["mercury"]),
                    uncertainty=practice_label(self.drivers["uncertainty"])) if self.drivers else ""
        self.summary.value = t("m05.app.summary", shares=sum(weights.values()), rows=rows, low=self.total["low"],
                               central=self.total["central"], high=self.total["high"], drivers=drivers)
        self._draw()

    def _draw(self) -> None:
        if not fresh_chart(self.chart):
            return
        frame = pd.DataFrame({"label": [practice_label(p) for p in self.table.index] + [t("m05.app.total")],
                              "low": list(self.table["low"]) + [self.total["low"]],
                              "high": list(self.table["high"]) + [self.total["high"]],
                              "central": list(self.table["central"]) + [self.total["central"]]})
        ax = plots.range_chart(frame, "label", "low", "high", "central", title=t("m05.app.chart_title"),
                               xlabel=t("m05.app.chart_axis"))
        show_chart(self.chart, ax, plots.describe(ax))


def practice_mix_explorer(sites: pd.DataFrame, ratios: pd.DataFrame, names: dict[str, str] | None = None,
                          iso3: str | None = None) -> PracticeMixExplorer:
    """Show the practice-mix explorer and return it."""
    app = PracticeMixExplorer(sites, ratios, names, iso3)
    display(app.widget)
    return app
