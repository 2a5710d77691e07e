"""Contract cases of module m06 (answers a participant could plausibly give)."""

from asm_course import ohs
from asm_course.data import load
from contracts import Case


def incidents():
    return load("incidents")


def hours():
    return load("hours_worked")


def tasks():
    return load("ohs_tasks")


def women(severities=("lost_time", "fatal")):
    rows = incidents()
    return rows[rows["severity"].isin(severities) & (rows["sex"] == "female")]


def women_hours():
    return hours().loc[hours()["sex"] == "female", "hours_worked"].sum()


def lp_right(n1, n2, m):
    return n1 * n2 / m


def lp_union(n1, n2, m):            # what was recorded, not what happened
    return n1 + n2 - m


def lp_upside_down(n1, n2, m):
    return m / (n1 * n2)


def lp_chapman(n1, n2, m):          # a different estimator than the one asked for
    return (n1 + 1) * (n2 + 1) / (m + 1) - 1


def ranked_by_likelihood():         # likelihood only, not likelihood x severity
    return list(tasks().sort_values(["likelihood", "task_id"], ascending=[False, True])["task_id"].head(5))


def ranked_ties_by_likelihood():    # equal risks broken by likelihood instead of severity
    t = tasks().assign(risk=tasks()["likelihood"] * tasks()["severity"])
    return list(t.sort_values(["risk", "likelihood", "task_id"], ascending=[False, False, True])["task_id"].head(5))


CASES = {
    "m06.q1": Case(
        right=lambda: len(women()) * 1_000_000 / women_hours(),
        wrong=[lambda: len(women()) * 1_000_000 / hours()["hours_worked"].sum(),       # everyone's hours
               lambda: len(women()) * 100_000 / hours().loc[hours()["sex"] == "female", "workers"].sum(),  # per worker
               lambda: len(women(("lost_time", "fatal", "medical", "near_miss"))) * 1_000_000 / women_hours(),
               lambda: len(women()) / women_hours()]),                                  # per hour, not per million
    "m06.q2": Case(
        right=lambda: lp_right,
        wrong=[lambda: lp_union, lambda: lp_upside_down, lambda: lp_chapman, lambda: 194.0]),
    "m06.q3": Case(
        right=lambda: ohs.comparable(ohs.incident_rates(incidents(), hours())),
        wrong=[lambda: list(ohs.incident_rates(incidents(), hours()).index),               # every site
               lambda: list(ohs.incident_rates(incidents(), hours(), severities=ohs.SEVERITIES)
                            .query("incidents >= 20").index),                              # all severities counted
               lambda: ohs.comparable(ohs.incident_rates(incidents(), hours()))[:-1]]),
    "m06.q4": Case(
        right=lambda: ohs.top_tasks(tasks(), 5),
        wrong=[ranked_by_likelihood, ranked_ties_by_likelihood,
               lambda: list(reversed(ohs.top_tasks(tasks(), 5))),
               lambda: ohs.top_tasks(tasks(), 3)]),
    "m06.q5": Case(
        right=lambda: ohs.still_high_with(tasks(), ohs.top_tasks(tasks(), 5), "engineering"),
        wrong=[lambda: ohs.top_tasks(tasks(), 5),                                             # no control helps
               lambda: ohs.still_high_with(tasks(), ohs.top_tasks(tasks(), 5), "substitution"),  # another control
               lambda: []]),                                                                 # every task fixed
    "m06.q6": Case(right=lambda: "c", wrong=[lambda: "a", lambda: "b", lambda: "d", lambda: "C"]),
}
