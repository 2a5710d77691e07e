"""Contract cases of module m01 (answers a participant could plausibly give)."""

import matplotlib.pyplot as plt

from asm_course import legal, plots
from asm_course.data import load
from contracts import Case


def criteria():
    return load("legal_criteria")


def caps():
    return legal.peru_caps(criteria())


def peru():
    ops = load("operations")
    return ops[ops["iso3"] == "PER"]


def counts(categories=None):
    return legal.category_counts(legal.classify_peru(peru(), caps()) if categories is None else categories)


def chart(values, title="Peru: operations by category", xlabel="Category", ylabel="Operations"):
    return plots.bar_chart(values, title, xlabel, ylabel)


def unlabelled_chart():
    _, ax = plt.subplots()
    ax.bar(counts().index, counts().values)
    return ax


def make_classifier(strict=False, pma_first=True, one_cap=False, ignore_area=False):
    """A participant's classify_pe with one typical mistake."""
    c = caps()

    def classify(op):
        area = 0.0 if ignore_area else op["area_ha"]
        capacity, pma_cap, ppm_cap = legal.capacity_and_caps(op, c)
        if one_cap and op["deposit_type"] != "placer":
            pma_cap, ppm_cap = c.pma_t_metallic, c.ppm_t_metallic
        inside = (lambda v, cap: v < cap) if strict else (lambda v, cap: v <= cap)
        tests = [("PMA", c.pma_area_ha, pma_cap), ("PPM", c.ppm_area_ha, ppm_cap)]
        for name, area_cap, cap in (tests if pma_first else tests[::-1]):
            if cap is not None and inside(area, area_cap) and inside(capacity, cap):
                return name
        return "general"

    return classify


def cut(categories, cap, value):
    return legal.changed_count(peru(), caps(), legal.with_cap(caps(), cap, value))


CASES = {
    "m01.q1": Case(
        right=lambda: legal.countries_without_thresholds(criteria()),
        wrong=[lambda: ["BOL", "DOM", "GTM", "HND", "MEX", "ECU"],   # counted ECU's uncertain values as gaps
               lambda: ["DOM", "GTM", "HND", "MEX"],                 # forgot one country
               lambda: "BOL, DOM, GTM, HND, MEX"]),                  # one text instead of a list
    "m01.q2": Case(right=lambda: "c", wrong=[lambda: "a", lambda: "b", lambda: "d"]),
    "m01.q3": Case(
        right=lambda: make_classifier(),
        wrong=[lambda: make_classifier(strict=True),        # < instead of <=: wrong exactly at the caps
               lambda: make_classifier(pma_first=False),    # PPM tested first: PMA never reached
               lambda: make_classifier(one_cap=True),       # metallic cap used for non-metallic quarries
               lambda: make_classifier(ignore_area=True),   # area forgotten
               lambda: (lambda op: None),                   # returns nothing
               lambda: "PMA"]),                             # a text, not a function
    "m01.q4": Case(
        right=lambda: chart(counts()),
        wrong=[unlabelled_chart,
               lambda: chart(counts(peru().apply(make_classifier(strict=True), axis=1))),
               lambda: chart(counts().drop("general")),
               lambda: counts()]),
    "m01.q5": Case(
        right=lambda: cut(None, "pma_t_metallic", 50),
        wrong=[lambda: 63,                                   # operations in PMA after the change
               lambda: cut(None, "pma_t_metallic", 12.5),    # halved instead of doubled
               lambda: cut(None, "ppm_t_metallic", 700),     # doubled the PPM cap
               lambda: 0]),
    "m01.q6": Case(
        right=lambda: legal.peru_illegal(peru()),
        wrong=[lambda: peru()["in_protected_area"] | peru()["in_water_body"] | peru()["uses_heavy_machinery"]
               | peru()["in_reinfo"],                          # in REINFO, not "not in REINFO"
               lambda: peru()["in_protected_area"] | peru()["in_water_body"] | ~peru()["in_reinfo"],  # no machinery
               lambda: peru()["in_protected_area"] & peru()["in_water_body"] & peru()["uses_heavy_machinery"]
               & ~peru()["in_reinfo"],                         # all grounds at once instead of any
               lambda: legal.peru_illegal(peru()).reset_index(drop=True),  # index lost
               lambda: legal.peru_illegal(peru()).sum()]),     # a count, not a column
}
