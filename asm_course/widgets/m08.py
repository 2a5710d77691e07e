"""Explorer apps of module m08: the royalty and smuggling slider and the chain-price explorer.

Each app (an :class:`~asm_course.widgets.base.App`) wraps domain functions of
:mod:`asm_course.value_chain`; its state (``app.result``, ``app.summary.value``) can be driven
in tests by setting ``.value`` on a control.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from asm_course import value_chain
from asm_course.i18n import t
from asm_course.widgets.base import App, choice, slider
from asm_course.widgets.controls import html_bars

# The sliders' labels are long ("Royalty rate in the neighbouring country (%)"): wider than the
# usual 16em, the track keeps its 26em beside them.
LABEL_WIDTH = "24em"


def link_label(link: str) -> str:
    """Display name of a link of the chain, e.g. "Local buyer"."""
    return t(f"m08.app.link.{link}")


def _slider(value: float, low: float, high: float, step: float, key: str, fmt: str = ".1f") -> w.FloatSlider:
    return slider(t(key), value, low, high, step, readout_format=fmt, description_width=LABEL_WIDTH)


class RoyaltySmugglingApp(App):
    """Set the royalty rate here and in a neighbouring country, the gold price, the output
    and the share of it that leaves undeclared; see the seller's incentive to declare the gold
    across the border and the royalty collected and lost."""

    def __init__(self, rate_here: float = 2.5, rate_neighbour: float = 1.5, price_usd_per_g: float = 40.0,
                 output_t: float = 30.0, leak_pct: float = 0.0) -> None:
        super().__init__()
        self.rate_here = _slider(rate_here, 0, 10, 0.1, "m08.app.rate_here")
        self.rate_neighbour = _slider(rate_neighbour, 0, 10, 0.1, "m08.app.rate_neighbour")
        self.price = _slider(price_usd_per_g, 10, 120, 0.5, "m08.app.price")
        self.output = _slider(output_t, 0.5, 100, 0.5, "m08.app.output")
        self.leak = _slider(leak_pct, 0, 100, 1, "m08.app.leak", ".0f")
        self.result = pd.Series(dtype=float)
        controls = (self.rate_here, self.rate_neighbour, self.price, self.output, self.leak)
        self.watch(*controls)
        self.arrange(*controls, chart=False)

    def update(self) -> None:
        incentive = value_chain.smuggling_incentive_usd_per_kg(self.price.value, self.rate_here.value,
                                                               self.rate_neighbour.value)
        revenue = value_chain.royalty_revenue_usd_m(self.output.value, self.price.value, self.rate_here.value,
                                                    self.leak.value / 100)
        self.result = pd.concat([pd.Series({"incentive_usd_per_kg": incentive}), revenue])
        key = "m08.app.incentive_out" if incentive > 0 else ("m08.app.incentive_in" if incentive < 0
                                                               else "m08.app.incentive_none")
        self.summary.value = t(
            "m08.app.royalty_summary", incentive=t(key, usd=abs(incentive), lot=abs(incentive) * 10),
            collected=revenue["collected"], lost=revenue["lost"], declared=revenue["declared_value"],
            leak=self.leak.value)


def royalty_smuggling_app(**start: float) -> RoyaltySmugglingApp:
    """Show the royalty and smuggling slider and return it."""
    app = RoyaltySmugglingApp(**start)
    app.show()
    return app


class ChainPriceExplorer(App):
    """Pick a chain (a country and year); see the price paid at each link, each link's
    margin, the miner's share of the export price and, when the course has a reference
    price for the year, the share of the world price."""

    def __init__(self, chain: pd.DataFrame, world_prices: dict[int, float], chain_id: str | None = None) -> None:
        super().__init__()
        self.chart = w.HTML()   # an HTML bar chart (controls.html_bars): it redraws in a millisecond
        self.chain, self.world_prices = chain, world_prices
        ids = list(dict.fromkeys(chain.sort_values(["year", "chain_id"], ascending=[False, True])["chain_id"]))
        self.chain_id = choice(t("m08.app.chain"), ids, chain_id or ids[0])
        self.result = pd.DataFrame()
        self.watch(self.chain_id)
        self.arrange(self.chain_id)

    @property
    def year(self) -> int:
        return int(self.chain.loc[self.chain["chain_id"] == self.chain_id.value, "year"].iloc[0])

    def update(self) -> None:
        world = self.world_prices.get(self.year)
        self.result = value_chain.chain_prices(self.chain, self.chain_id.value, world)
        rows = "".join(
            t("m08.app.chain_row", link=link_label(link), price=r["price_usd_per_g"],
              margin="–" if pd.isna(r["margin_usd_per_g"]) else f"{r['margin_usd_per_g']:,.2f}",
              share=r["share_of_export"])
            for link, r in self.result.iterrows())
        first, last = self.result["price_usd_per_g"].iloc[0], self.result["price_usd_per_g"].iloc[-1]
        world_text = (t("m08.app.world_known", world=world, share=first / world,
                        above=int((self.result["price_usd_per_g"] > world).sum()))
                      if world else t("m08.app.world_unknown", year=self.year))
        self.summary.value = t(
            "m08.app.chain_summary", chain=self.chain_id.value, rows=rows, miner=first / last,
            link=link_label(str(self.result["margin_usd_per_g"].idxmax())), world=world_text)
        self._draw()

    def _draw(self) -> None:
        values = pd.Series(self.result["price_usd_per_g"].to_numpy(), index=[link_label(x) for x in self.result.index])
        self.chart.value = html_bars(values, t("m08.app.chain_title", chain=self.chain_id.value),
                                     t("m08.app.link_axis"), t("m08.app.price_axis"), "{:,.2f}")


def chain_price_explorer(chain: pd.DataFrame, world_prices: dict[int, float],
                         chain_id: str | None = None) -> ChainPriceExplorer:
    """Show the chain-price explorer and return it."""
    app = ChainPriceExplorer(chain, world_prices, chain_id)
    app.show()
    return app
