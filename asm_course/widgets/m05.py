"""Apps of module m05: the practice-mix explorer, and the illustrative draft NAP table.

The explorer (an :class:`~asm_course.widgets.base.App`) wraps :mod:`asm_course.mercury`; its
state (``app.result``, the same as ``app.total``, ``app.table``, ``app.drivers``,
``app.summary.value``) can be driven in tests by setting ``.value`` on a control.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from asm_course import data, mercury
from asm_course.i18n import t
from asm_course.widgets.base import App, choice, number_box, slider
from asm_course.widgets.controls import country_options

# The share sliders' label names a practice ("Share of whole-ore amalgamation (%)"): wider than
# the usual 16em, the track keeps its 26em beside it.
SHARE_LABEL_WIDTH = "22em"


def practice_label(practice: str) -> str:
    """Display name of a practice, e.g. "whole-ore amalgamation"."""
    return data.label("practice", practice)


def draft_nap() -> pd.DataFrame:
    """The illustrative draft NAP: section titles, the Annex C letters each is tagged with,
    and whether the section is drafted (True) or only a heading (False)."""
    return mercury.draft_nap_table(t(f"m05.app.draft.{key}") for key, _, _ in mercury.DRAFT_NAP)


def ranges_html(frame: pd.DataFrame, title: str, axis: str, width_px: int = 360) -> str:
    """Low–high ranges (one row per index label, columns ``low``, ``central``, ``high``) as
    an HTML figure: a bar from low to high with a diamond at the central value, and the
    numbers beside it. It redraws in a few milliseconds, where a chart rendered to PNG took
    several hundred on a busy machine, and screen readers read its numbers."""
    top = float(frame["high"].max()) or 1.0
    scale = width_px / top
    rows = "".join(
        t("m05.app.range_row", label=label, left=round(scale * low), span=max(2, round(scale * (high - low))),
          mark=round(scale * central) - 5, width=width_px, low=low, central=central, high=high)
        for label, low, central, high in zip(frame.index, frame["low"], frame["central"], frame["high"], strict=True))
    return t("m05.app.ranges", title=title, axis=axis, rows=rows, top=top)


class PracticeMixExplorer(App):
    """Start from the illustrative sites of a country, then move the gold output and the
    share of each practice; see the mercury range (low / central / high) and its drivers."""

    def __init__(self, sites: pd.DataFrame, ratios: pd.DataFrame, names: dict[str, str] | None = None,
                 iso3: str | None = None) -> None:
        super().__init__()
        self.chart = w.HTML()   # an HTML figure (ranges_html): it redraws in milliseconds
        self.sites, self.ratios = sites.copy(), ratios.copy()
        self.sites.attrs = self.ratios.attrs = {}  # pandas copies metadata on every step: faster without it
        codes = sorted(sites["iso3"].unique())
        self.country = choice(t("m05.app.start_from"), country_options(codes, names or {}), iso3 or codes[0],
                                description_width=SHARE_LABEL_WIDTH)
        self.gold = number_box(t("m05.app.gold"), 100.0, 0, 1_000_000, 10)
        self.shares = {p: slider(t("m05.app.share", practice=practice_label(p)), 0.0, 0, 100, 1,
                                 readout_format=".0f", description_width=SHARE_LABEL_WIDTH)
                       for p in mercury.PRACTICES}
        self.labels = {p: practice_label(p) for p in mercury.PRACTICES}
        self.table = pd.DataFrame()
        self.total = pd.Series(dtype=float)
        self.drivers: dict[str, str] = {}
        self._quiet = True   # the first update() runs in start_from_country, once the controls hold its values
        self.watch(self.country, then=self.start_from_country)
        self.watch(self.gold, *self.shares.values())
        self.arrange(self.country, self.gold, *self.shares.values())
        self.start_from_country()

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
            self.result = self.total
            self.chart.value = ""
            return
        gold = mercury.practice_mix(self.gold.value, weights)
        gold = gold[gold > 0]
        self.table = mercury.baseline_by_practice(gold, self.ratios)
        self.total = self.result = mercury.baseline_range(gold, self.ratios)
        self.drivers = mercury.drivers(self.table) if self.gold.value > 0 else {}
        rows = "".join(t("m05.app.row", practice=self.labels[r.Index], gold=r.gold_kg, low=r.low,
                         central=r.central, high=r.high) for r in self.table.itertuples())
        drivers = t("m05.app.drivers", gold=self.labels[self.drivers["gold"]],
                    mercury=self.labels[self.drivers["mercury"]],
                    uncertainty=self.labels[self.drivers["uncertainty"]]) if self.drivers else ""
        self.summary.value = t("m05.app.summary", shares=sum(weights.values()), rows=rows, low=self.total["low"],
                               central=self.total["central"], high=self.total["high"], drivers=drivers)
        self._draw()

    def _draw(self) -> None:
        labels = [self.labels[p] for p in self.table.index] + [t("m05.app.total")]
        frame = pd.DataFrame({"low": list(self.table["low"]) + [self.total["low"]],
                              "central": list(self.table["central"]) + [self.total["central"]],
                              "high": list(self.table["high"]) + [self.total["high"]]}, index=labels)
        self.chart.value = ranges_html(frame, t("m05.app.chart_title"), t("m05.app.chart_axis"))


def practice_mix_explorer(sites: pd.DataFrame, ratios: pd.DataFrame, names: dict[str, str] | None = None,
                          iso3: str | None = None) -> PracticeMixExplorer:
    """Show the practice-mix explorer and return it."""
    app = PracticeMixExplorer(sites, ratios, names, iso3)
    app.show()
    return app
