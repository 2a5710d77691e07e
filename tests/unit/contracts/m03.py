"""Contract cases of module m03 (answers a participant could plausibly give)."""

import matplotlib.pyplot as plt

from asm_course import baseline, plots
from asm_course.data import load
from contracts import Case


def estimates():
    return load("workforce_estimates")


def gold():
    return load("gold_production").set_index("figure_id")["gold_t"]


def ecuador(scopes=None, max_age=None):
    return baseline.triangulate(baseline.select_estimates(estimates(), "ECU", scopes, max_age))["median"]


def range_chart(table, central="median", title="Published ASM workforce estimates, whole sector, 2014-2024"):
    return plots.range_chart(table.reset_index(), "iso3", "low", "high", central, title=title,
                             xlabel="people working in ASM")


def recent_all_asm():
    return baseline.triangulation_table(estimates(), ["all_asm"], max_age=10)


def share(year, of):
    """Exports minus production as a percentage of exports (``of="EXP"``) or of production."""
    gap = gold()[f"COL-{year}-EXP"] - gold()[f"COL-{year}-PROD"]
    return 100 * gap / gold()[f"COL-{year}-{of}"]


def implied(value_usd_m, income):
    return value_usd_m * 1_000_000 / income


CASES = {
    "m03.q1": Case(
        right=lambda: ecuador(["all_asm"], 10),
        wrong=[lambda: ecuador(["all_asm"]),        # no age limit: the 1999 and 2003 figures stay in
               lambda: ecuador(None, 10),           # every scope mixed (owners only, gold only, illegal gold)
               lambda: ecuador(),                   # neither filter
               lambda: (150_000 + 105_000 + 92_000 + 60_000) / 4,   # the mean of all years
               lambda: "127500"]),                  # text, not a number
    "m03.q2": Case(
        right=lambda: 900_000_000 / 11_500 / 6000,
        wrong=[lambda: 900_000_000 / 11_500,         # dollars per worker, not a multiple of the income
               lambda: 11_500 * 6000 / 900_000_000,  # upside down
               lambda: 1.0,                          # the row of Hruschka's 150,000
               lambda: 900_000_000 / 105_000 / 6000,  # the row of IGF-18 (105,000)
               lambda: 900_000_000 / 11_500 / 9000]),  # the income slider moved off USD 6,000
    "m03.q3": Case(
        right=lambda: implied,
        wrong=[lambda: (lambda value, income: value / income),                  # forgot the millions
               lambda: (lambda value, income: income / value * 1_000_000),      # upside down
               lambda: (lambda value, income: value * 1_000_000 / income / 12),  # a monthly income
               lambda: (lambda value, income: 150_000),                         # the visible case hard-coded
               lambda: 150_000]),                                              # a number, not a function
    "m03.q4": Case(
        right=lambda: share(2017, of="EXP"),
        wrong=[lambda: share(2017, of="PROD"),                                       # a share of production
               lambda: gold()["COL-2017-EXP"] - gold()["COL-2017-PROD"],             # tonnes, not percent
               lambda: share(2017, of="EXP") / 100,                                   # a fraction
               lambda: share(2016, of="EXP")]),                                       # the wrong year
    "m03.q5": Case(
        right=lambda: range_chart(recent_all_asm()),
        wrong=[lambda: range_chart(baseline.triangulation_table(estimates(), ["all_asm"])),   # no age limit
               lambda: range_chart(baseline.triangulation_table(estimates(), None, 10)),      # every scope
               lambda: range_chart(recent_all_asm(), central=None),                            # no median marked
               lambda: range_chart(recent_all_asm(), title=""),                                # no title
               lambda: plots.bar_chart(recent_all_asm()["median"], "Median", "Country", "People"),  # single bars
               lambda: plt.subplots()[1]]),                                                   # an empty chart
    "m03.q6": Case(right=lambda: "b", wrong=[lambda: "a", lambda: "c", lambda: "d", lambda: "B)"]),
}
