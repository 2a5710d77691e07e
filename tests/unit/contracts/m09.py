"""Contract cases of module m09 (answers a participant could plausibly give)."""

from asm_course import monitoring
from asm_course.data import load
from contracts import Case

FIELDS = ["unit", "baseline", "baseline_year", "target", "target_year", "source", "owner", "frequency"]


def indicators():
    return load("indicators")


def incomplete(fields=FIELDS):
    table = indicators()
    return table.loc[table[fields].isna().any(axis=1), "indicator_id"].tolist()


def scaffold(achieved_of):
    """The given function with one expression for ``achieved``."""
    def rag_status(baseline, target, latest, expected):
        achieved = achieved_of(baseline, target, latest)
        ratio = achieved / expected
        if ratio >= 0.9:
            return "green"
        if ratio >= 0.75:
            return "amber"
        return "red"
    return rag_status


def mercury(column=None):
    table = indicators()
    row = table[(table["iso3"] == "BOL") & table["indicator"].str.contains("Mercury")].iloc[0]
    path = monitoring.path_value(row["baseline"], row["baseline_year"], row["target"], row["target_year"],
                                 row["latest_year"])
    return row, path


def progress():
    return monitoring.progress_table(indicators())


def red(statuses=("red",)):
    table = progress()
    return list(table.index[table["status"].isin(statuses)])


CASES = {
    "m09.q1": Case(
        right=incomplete,
        wrong=[lambda: incomplete(["baseline", "target", "owner"]),          # only the obvious fields
               lambda: incomplete(["baseline"]),                             # a missing baseline only
               lambda: indicators()["indicator_id"].tolist(),                # every row
               lambda: ", ".join(incomplete())]),                            # one text, not a list
    "m09.q2": Case(
        right=lambda: scaffold(lambda b, t, latest: (latest - b) / (t - b)),
        wrong=[lambda: scaffold(lambda b, t, latest: latest / t),              # share of the target reached
               lambda: scaffold(lambda b, t, latest: (latest - b) / t),        # divided by the target
               lambda: scaffold(lambda b, t, latest: abs(latest - b) / t),
               lambda: scaffold(lambda b, t, latest: (t - latest) / (t - b))]),  # the share still to go
    "m09.q3": Case(
        right=lambda: float(mercury()[0]["latest"] - mercury()[1]),
        wrong=[lambda: float(mercury()[1] - mercury()[0]["latest"]),           # sign reversed
               lambda: float(mercury()[0]["latest"] - mercury()[0]["target"]),  # distance to the target
               lambda: float(mercury()[0]["baseline"] - mercury()[0]["latest"]),  # reduction so far
               lambda: float(mercury()[1])]),                                  # the path value itself
    "m09.q5": Case(
        right=lambda: red(),
        wrong=[lambda: list(progress()[progress()["gap"] < 0].index),          # below the path, whatever the direction
               lambda: list(progress()[progress()["achieved"] < progress()["expected"]].index),  # any lag as red
               lambda: red()[:-1],                                            # one missed
               lambda: red() + ["IND-06"]]),                                 # the row without a baseline
    "m09.q4": Case(right=lambda: "c", wrong=[lambda: "a", lambda: "b", lambda: "d"]),
}
