"""Contract cases of module m02 (answers a participant could plausibly give)."""

import matplotlib.pyplot as plt

from asm_course import institutions, plots
from asm_course.data import load
from contracts import Case


def quadrant(influence, interest):
    if influence >= 3:
        return "manage closely" if interest >= 3 else "keep satisfied"
    return "keep informed" if interest >= 3 else "monitor"


def quadrant_strict(influence, interest):
    """Reads "3 or more is high" as "more than 3": the boundary case goes wrong."""
    if influence > 3:
        return "manage closely" if interest > 3 else "keep satisfied"
    return "keep informed" if interest > 3 else "monitor"


def quadrant_swapped(influence, interest):
    """Swaps the axes: high interest alone is taken as "keep satisfied"."""
    if interest >= 3:
        return "manage closely" if influence >= 3 else "keep satisfied"
    return "keep informed" if influence >= 3 else "monitor"


def quadrant_missing_branch(influence, interest):
    """Forgets the last case, so the function returns None for two low scores."""
    if influence >= 3 and interest >= 3:
        return "manage closely"
    if influence >= 3:
        return "keep satisfied"
    if interest >= 3:
        return "keep informed"


def stakeholders():
    return load("stakeholders")


def counts(iso3, rule=quadrant):
    rows = stakeholders()[stakeholders()["iso3"] == iso3]
    return rows.assign(quadrant=[rule(i, n) for i, n in zip(rows["influence"], rows["interest"], strict=True)])["quadrant"].value_counts()


def chart(values):
    return plots.bar_chart(values, "Guatemala: stakeholders by quadrant", "Quadrant", "Number of stakeholders")


def unlabelled_chart():
    _, ax = plt.subplots()
    values = counts("GTM")
    ax.bar(values.index, values.values)
    return ax


def mandates():
    return load("agency_mandates")


def overlaps():
    """Countries with a task that has more than one accountable agency, counted by hand."""
    letters = mandates().groupby(["iso3", "task"])["raci"].agg("".join)
    several = letters.str.count("A") > 1
    return sorted(set(several[several].index.get_level_values("iso3")))


def bolivia():
    return institutions.representation(load("consultation_participants"), load("population_shares"), "BOL")


def bolivia_low_seen_only():
    """Groups below 0.8 counted only among groups that sent somebody: the group with
    nobody at the table (ratio 0) disappears."""
    table = bolivia()
    return table.loc[(table["ratio"] < 0.8) & (table["participants"] > 0), "group"].tolist()


def peru_women_share_pct():
    peru = load("consultation_participants").query("iso3 == 'PER'")
    return (peru["sex"] == "female").mean() * 100


CASES = {
    "m02.q1": Case(
        right=lambda: quadrant,
        wrong=[lambda: quadrant_strict, lambda: quadrant_swapped, lambda: quadrant_missing_branch,
               lambda: "manage closely"]),
    "m02.q2": Case(
        right=lambda: chart(counts("GTM")),
        wrong=[unlabelled_chart,
               lambda: chart(counts("GTM", quadrant_strict)),        # boundary read as "more than 3"
               lambda: chart(stakeholders()["group"][stakeholders()["iso3"] == "GTM"].value_counts()),
               lambda: chart(institutions.quadrant_counts(stakeholders())),   # all nine countries
               lambda: counts("GTM")]),                               # the numbers, not a chart
    "m02.q3": Case(
        right=lambda: overlaps(),                                       # COL, GTM, PER in the course data
        wrong=[lambda: sorted(institutions.raci_problems(mandates())["iso3"].unique()),  # every broken rule, gaps too
               lambda: institutions.countries_with_rule(mandates(), "no_accountable"),  # no accountable agency (a gap)
               lambda: overlaps()[:-1],                                 # missed one
               lambda: ", ".join(overlaps())]),                        # one text, not a list
    "m02.q4": Case(
        right=lambda: peru_women_share_pct() / 15,
        wrong=[peru_women_share_pct,                                   # the share, not the ratio
               lambda: 15 / peru_women_share_pct(),                    # population ÷ participants
               lambda: peru_women_share_pct() / 100 / 15]),            # mixes a fraction and a percent
    "m02.q5": Case(
        right=lambda: bolivia().loc[bolivia()["ratio"] < 0.8, "group"].tolist(),
        wrong=[bolivia_low_seen_only,
               lambda: bolivia().loc[bolivia()["ratio"] > 1.2, "group"].tolist(),   # over-represented instead
               lambda: ["female"],                                                  # sex only
               lambda: bolivia().loc[bolivia()["ratio"] < 0.7, "group"].tolist()]), # another threshold
    "m02.q6": Case(right=lambda: "b", wrong=[lambda: "a", lambda: "c", lambda: "d", lambda: "B)"]),
}
