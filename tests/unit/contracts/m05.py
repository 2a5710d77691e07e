"""Contract cases of module m05 (answers a participant could plausibly give)."""


from asm_course import mercury
from asm_course.data import load
from contracts import Case


def sites():
    return load("sites_mercury")


def ratios():
    return mercury.ratio_parameters(load("hg_au_ratios"))


def total_right(gold, ratios, bound):
    return (gold * ratios[bound]).sum()


def total_central_always(gold, ratios, bound):   # one ratio for every bound: no range at all
    return (gold * ratios["central"]).sum()


def total_mean(gold, ratios, bound):             # average over practices instead of a total
    return (gold * ratios[bound]).mean()


def total_national_ratio(gold, ratios, bound):   # Bolivia's implied 3.2 applied to every site
    return gold.sum() * 120 / 37


def total_retort_zero(gold, ratios, bound):      # a retort taken to lose no mercury at all
    return (gold.drop("concentrate_retort", errors="ignore") * ratios[bound]).sum()


def total_gold_only(gold, ratios, bound):        # forgot the ratio
    return gold.sum()


def review(targets=None):
    return mercury.target_review(sites(), ratios(), targets or mercury.DRAFT_TARGETS_PCT)


def flagged_by_width():                          # uncertainty read as the whole width (high - low)
    r = review()
    return list(r.index[r["target_pct"] < 100 * (r["high"] - r["low"]) / r["central"]])


def flagged_by_upper_side():                     # uncertainty read as (high - central) / central
    r = review()
    return list(r.index[r["target_pct"] < 100 * (r["high"] - r["central"]) / r["central"]])


def most_gold_practice_differs_by_count():       # the practice with the most sites, not the most gold
    found = []
    for iso3, rows in sites().groupby("iso3"):
        by_count = rows["practice"].value_counts().idxmax()
        table = mercury.baseline_by_practice(mercury.gold_by_practice(sites(), iso3), ratios())
        if by_count != table["central"].idxmax():
            found.append(iso3)
    return found


CASES = {
    "m05.q1": Case(
        right=lambda: ["g", "i", "j"],
        wrong=[lambda: [],                                  # headings counted as content
               lambda: ["i", "j"],                          # missed the second letter of "j, g"
               lambda: ["i", "j", "g", "k"],
               lambda: "g, i, j"]),                         # one text, not a list
    "m05.q2": Case(
        right=lambda: total_right,
        wrong=[lambda: total_central_always, lambda: total_mean, lambda: total_national_ratio,
               lambda: total_retort_zero, lambda: total_gold_only,
               lambda: total_right(mercury.gold_by_practice(sites(), "HND"), ratios(), "central")]),
    "m05.q3": Case(
        right=lambda: mercury.flagged_targets(review()),
        wrong=[flagged_by_width, flagged_by_upper_side,
               lambda: list(mercury.DRAFT_TARGETS_PCT),                          # every country
               lambda: [c for c, p in mercury.DRAFT_TARGETS_PCT.items() if p < 30]]),  # a rule of thumb
    "m05.q4": Case(
        right=lambda: mercury.mixes_where_gold_and_mercury_differ(sites(), ratios()),
        wrong=[most_gold_practice_differs_by_count,
               lambda: sorted(sites()["iso3"].unique()),
               lambda: ["BRA"]]),
    "m05.q5": Case(right=lambda: "b", wrong=[lambda: "a", lambda: "c", lambda: "d", lambda: "B"]),
}
