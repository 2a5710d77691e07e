"""Contract cases of module m07 (answers a participant could plausibly give)."""

from asm_course.data import load
from contracts import Case


def shares(table):
    women = table[table["sex"] == "female"]
    titles = women["holds_title_or_permit"].sum() / table["holds_title_or_permit"].sum()
    workers = women["workers"].sum() / table["workers"].sum()
    return titles, workers


def parity_right(table):
    titles, workers = shares(table)
    return titles / workers


def parity_upside_down(table):     # workforce share over title share
    titles, workers = shares(table)
    return workers / titles


def parity_gap(table):             # a difference of shares, not a ratio
    titles, workers = shares(table)
    return titles - workers


def parity_title_share(table):     # the title share alone
    return shares(table)[0]


def parity_hard_coded(table):      # the answer for the whole table, whatever the input
    return parity_right(load("workforce_by_role_sex"))


CASES = {
    "m07.q1": Case(
        right=lambda: parity_right,
        wrong=[lambda: parity_upside_down, lambda: parity_gap, lambda: parity_title_share,
               lambda: parity_hard_coded, lambda: parity_right(load("workforce_by_role_sex"))]),
    "m07.q2": Case(
        right=lambda: ["COL", "BOL"],
        wrong=[lambda: ["COL", "BOL", "BRA"],       # Brazil's 15% is a guess
               lambda: ["COL", "BOL", "ECU"],       # Ecuador's 13% counts members only
               lambda: ["BOL"],                     # Colombia's subsistence figure taken for the whole
               lambda: ["COL", "BOL", "PER"],       # Peru itself
               lambda: "COL, BOL"]),                # one text, not a list
    "m07.q3": Case(
        right=lambda: ["BRA", "DOM", "GTM", "HND", "MEX"],
        wrong=[lambda: ["GTM", "MEX"],                             # only the figures not found
               lambda: ["DOM", "GTM", "HND", "MEX"],               # Brazil's guess taken as a finding
               lambda: ["BRA", "DOM", "ECU", "GTM", "HND", "MEX"],  # Ecuador's members share is usable
               lambda: 5]),                                        # a count, not the list
    "m07.q4": Case(right=lambda: "c", wrong=[lambda: "a", lambda: "b", lambda: "d"]),
}
CASES["m07.q5"] = Case(
    right=lambda: "digging",
    wrong=[lambda: "waste_rock_picking",    # the highest index, not the lowest
           lambda: "services",              # second lowest
           lambda: "Digging the pits",      # not the table's label
           lambda: 0.33])                   # the index, not the role
