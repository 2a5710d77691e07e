"""Contract cases of module m04 (answers a participant could plausibly give)."""

import matplotlib.pyplot as plt
import pandas as pd

from asm_course import plots
from asm_course.data import load
from contracts import Case


def records():
    return load("registry_records")


def regions():
    return load("reinfo_regions")


def steps():
    return load("formalization_steps")


def income():
    return load("miner_income")


def counts(registered=None, formalized=None):
    r, g = records(), regions()
    return pd.Series({
        "registered": registered if registered is not None else g["active"].sum() + g["suspended"].sum(),
        "active": len(r),
        "environmental_instrument": r["has_environmental_instrument"].sum(),
        "mining_right_or_contract": r["has_mining_right_or_contract"].sum(),
        "formalized": formalized if formalized is not None else r["formalized"].sum(),
    })


def rates_right(c):
    return (c / c.shift(1)).iloc[1:]


def rates_keep_first(c):          # forgot to drop the first stage (NaN)
    return c / c.shift(1)


def rates_upside_down(c):         # previous stage divided by this one
    return (c.shift(1) / c).iloc[1:]


def rates_of_registered(c):       # share of registered, not of the previous stage
    return (c / c.iloc[0]).iloc[1:]


def rates_hard_coded(c):          # the national answer, whatever the input
    national = counts()
    return (national / national.shift(1)).iloc[1:]


def peru_fees(column):
    return steps().loc[steps()["iso3"] == "PER", column].sum()


def peru_pay():
    return income().loc[income()["iso3"] == "PER", "monthly_income_usd"].iloc[0]


def months(one_stop=False):
    column = "one_stop_shop_fee_usd" if one_stop else "fee_usd"
    return (steps().groupby("iso3")[column].sum() / income().set_index("iso3")["monthly_income_usd"]).dropna()


def chart(values, title="Cost of formalizing", xlabel="Country", ylabel="Months of income"):
    return plots.bar_chart(values, title, xlabel, ylabel)


def unlabelled_chart():
    _, ax = plt.subplots()
    ax.bar(months().index, months().values)
    return ax


CASES = {
    "m04.q1": Case(
        right=counts,
        wrong=[lambda: counts(registered=regions()["suspended"].sum()),       # suspended only
               lambda: counts(registered=82_195),                             # the published total, not the table
               lambda: counts(formalized=records()["formalized"].count()),    # count() counts every row
               lambda: counts().drop("registered"),                           # the first stage left out
               lambda: counts().to_frame()]),
    "m04.q2": Case(
        right=lambda: rates_right,
        wrong=[lambda: rates_keep_first, lambda: rates_upside_down, lambda: rates_of_registered,
               lambda: rates_hard_coded, lambda: rates_right(counts())]),
    "m04.q3": Case(
        right=lambda: ["Puno", "Madre de Dios", "La Libertad"],
        wrong=[lambda: ["Puno", "La Libertad"],                                 # missed the close call
               lambda: ["Puno"],
               lambda: ["Arequipa", "Puno", "La Libertad"],                      # the three largest regions
               lambda: "Puno, Madre de Dios, La Libertad"]),                     # one text, not a list
    "m04.q4": Case(
        right=lambda: (peru_fees("fee_usd") - peru_fees("one_stop_shop_fee_usd")) / peru_pay(),
        wrong=[lambda: peru_fees("fee_usd") / peru_pay(),                        # months today
               lambda: peru_fees("one_stop_shop_fee_usd") / peru_pay(),          # months with the one-stop shop
               lambda: peru_fees("fee_usd") - peru_fees("one_stop_shop_fee_usd"),  # USD, not months
               lambda: (peru_fees("processing_days") - peru_fees("one_stop_shop_days")) / 30]),  # days
    "m04.q5": Case(
        right=lambda: chart(months()),
        wrong=[unlabelled_chart,
               lambda: chart(months(one_stop=True)),
               lambda: chart(steps().groupby("iso3")["fee_usd"].sum(), ylabel="Fees (USD)"),
               lambda: chart(months().fillna(0).reindex(income()["iso3"], fill_value=0)),  # gaps drawn as zero
               lambda: months()]),
    "m04.q6": Case(right=lambda: "c", wrong=[lambda: "a", lambda: "b", lambda: "d", lambda: "C"]),
}
