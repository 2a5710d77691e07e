"""Contract cases of module m08 (answers a participant could plausibly give)."""

from asm_course.data import load
from contracts import Case


def exports_2018():
    return load("gold_production").set_index("figure_id").loc["BOL-2018-COOPEXP", "value_usd_m"]


def peru_prices():
    chain = load("gold_chain")
    return chain[chain["chain_id"] == "PER-2018"].sort_values("link_order")["price_usd_per_g"].tolist()


def price_2018():
    return load("global_figures").set_index("indicator_id").loc["gold_price_2018", "value"] / 31.1035


def origins_over(lots, ops):
    bought = lots.groupby("origin_id")["gold_g"].sum()
    recovered = ops.set_index("operation_id")["gold_g_per_year"].reindex(bought.index)
    return sorted(bought.index[bought > recovered])


def colombian_lots():
    lots = load("gold_lots")
    return lots[lots["iso3"] == "COL"]


CASES = {
    "m08.q1": Case(
        right=lambda: exports_2018() * 2.5 / 100 * 85 / 100,
        wrong=[lambda: exports_2018() * 2.5 / 100,                # the whole royalty
               lambda: exports_2018() * 2.5 / 100 * 15 / 100,     # the municipalities' share
               lambda: exports_2018() * 2.5 * 85 / 100,           # forgot that the rate is a percentage
               lambda: 30 * 0.85]),                               # the reported collection, not the royalty due
    "m08.q2": Case(
        right=lambda: peru_prices()[0] / peru_prices()[-1],
        wrong=[lambda: peru_prices()[0] / price_2018(),           # share of the world price
               lambda: 100 * peru_prices()[0] / peru_prices()[-1],  # a percentage, not a share
               lambda: peru_prices()[-1] / peru_prices()[0],      # upside down
               lambda: peru_prices()[0] / peru_prices()[-2]]),    # trading house, not exporter
    "m08.q3": Case(
        right=lambda: (2.5 - 1.5) / 100 * price_2018() * 1000,
        wrong=[lambda: (2.5 - 1.5) / 100 * price_2018(),          # per gram, not per kg
               lambda: 2.5 / 100 * price_2018() * 1000,           # the whole Bolivian royalty
               lambda: (2.5 - 1.5) * price_2018() * 1000,         # rates not divided by 100
               lambda: (2.5 - 1.5) / 100 * 1250 * 1000]),         # price per ounce taken as per gram
    "m08.q4": Case(
        right=lambda: origins_over(colombian_lots(), load("operations")),
        wrong=[lambda: origins_over(colombian_lots(), load("operations"))[:-1],     # one missed
               lambda: sorted(colombian_lots().loc[colombian_lots()["document"] == "none", "origin_id"]),
               lambda: origins_over(load("gold_lots"), load("operations")) + ["COL-006"],  # a protected-area origin
               lambda: sorted(set(colombian_lots()["origin_id"]))]),               # every origin
    "m08.q5": Case(right=lambda: "b", wrong=[lambda: "a", lambda: "c", lambda: "d"]),
}
