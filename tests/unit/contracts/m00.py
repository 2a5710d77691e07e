"""Contract cases of module m00 (answers a participant could plausibly give)."""

import matplotlib.pyplot as plt

from asm_course import baseline, plots
from asm_course.data import load
from contracts import Case


def estimates():
    return load("workforce_estimates")


def medians():
    whole_sector = estimates()[estimates()["scope"] == "all_asm"]
    return whole_sector.groupby("iso3")["workers"].median().dropna()


def every_scope_medians():
    return estimates().groupby("iso3")["workers"].median().dropna()


def chart(values, title="Median estimate", xlabel="Country", ylabel="People"):
    return plots.bar_chart(values, title, xlabel, ylabel)


def unlabelled_chart():
    _, ax = plt.subplots()
    ax.bar(medians().index, medians().values)
    return ax


CASES = {
    "m00.q1": Case(
        right=lambda: 890_000 * 31.1035 / 1_000_000,
        wrong=[lambda: 890_000 * 31.1035 / 1_000,   # kilograms, not tonnes
               lambda: 890_000 / 31.1035,           # divided instead of multiplied
               lambda: "27.7"]),                     # text, not a number
    "m00.q2": Case(
        right=lambda: estimates()[estimates()["iso3"] == "PER"],
        wrong=[lambda: estimates()[estimates()["iso3"] == "BOL"],
               lambda: estimates(),
               lambda: estimates()[estimates()["iso3"] == "PER"][["iso3", "workers"]],
               lambda: estimates()[estimates()["iso3"] == "PER"]["workers"]]),
    "m00.q3": Case(
        right=lambda: baseline.spread_by_country(estimates()).index[0],
        wrong=[lambda: baseline.spread_by_country(estimates()).index[-1],
               lambda: baseline.median_by_country(estimates()).index[0],   # largest, not widest
               lambda: 3]),
    "m00.q4": Case(
        right=medians,
        wrong=[every_scope_medians,                                          # scopes mixed
               lambda: estimates()[estimates()["scope"] == "all_asm"].groupby("iso3")["workers"].median(),  # gaps kept as NaN
               lambda: estimates().groupby("iso3")["workers"].mean().dropna(),
               lambda: medians().to_frame()]),
    "m00.q5": Case(
        right=lambda: chart(medians()),
        wrong=[unlabelled_chart,
               lambda: chart(every_scope_medians()),                         # scopes mixed
               lambda: chart(estimates().groupby("iso3")["workers"].mean().dropna()),
               lambda: chart(medians().head(3)),
               lambda: medians()]),
    "m00.q6": Case(right=lambda: "c", wrong=[lambda: "a", lambda: "b", lambda: "d", lambda: "C."]),
}
