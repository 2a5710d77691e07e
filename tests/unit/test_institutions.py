"""Unit tests of module m02: mandate (RACI) checks, the stakeholder grid, the
representativeness of a consultation, and the callbacks of the m02 widget apps."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from asm_course import institutions, plots
from asm_course.data import data_dir, load
from asm_course.widgets import m02 as apps

pytestmark = pytest.mark.unit


def mandates_frame(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["iso3", "task", "agency", "raci"])


TOY_MANDATES = mandates_frame([
    ("AAA", "licensing", "Mining ministry", "A"), ("AAA", "licensing", "Mining agency", "R"),
    ("AAA", "licensing", "Regional government", "R"),                        # fine: 1 A, 2 R
    ("AAA", "royalty_collection", "Tax authority", "A"), ("AAA", "royalty_collection", "Mining agency", "A"),
    ("AAA", "royalty_collection", "Regional government", "R"),               # two A: overlap
    ("AAA", "gold_purchase", "Central bank", "C"), ("AAA", "gold_purchase", "Customs", "I"),  # no A, no R
    ("BBB", "licensing", "Mining agency", "A"), ("BBB", "licensing", "Mining agency", "R"),   # one body, A and R
])


# --------------------------------------------------------------------------- RACI

def test_broken_rules_cover_gap_overlap_and_missing_doer():
    assert institutions.broken_rules(1, 1) == []
    assert institutions.broken_rules(1, 3) == []
    assert institutions.broken_rules(0, 1) == ["no_accountable"]
    assert institutions.broken_rules(2, 1) == ["several_accountable"]
    assert institutions.broken_rules(1, 0) == ["no_responsible"]
    assert institutions.broken_rules(0, 0) == ["no_accountable", "no_responsible"]


def test_raci_problems_lists_each_broken_rule_once_in_task_order():
    problems = institutions.raci_problems(TOY_MANDATES)
    assert problems[["iso3", "task", "rule"]].values.tolist() == [
        ["AAA", "royalty_collection", "several_accountable"],
        ["AAA", "gold_purchase", "no_accountable"],
        ["AAA", "gold_purchase", "no_responsible"],
    ]
    assert problems.loc[0, "accountable"] == 2
    assert institutions.tasks_breaking_rules(TOY_MANDATES, "AAA") == ["royalty_collection", "gold_purchase"]
    assert institutions.tasks_breaking_rules(TOY_MANDATES, "BBB") == []   # an agency may be both A and R
    assert institutions.raci_problems(TOY_MANDATES, "BBB").empty


def test_countries_with_rule_on_the_course_data():
    mandates = load("agency_mandates")
    letters = mandates.groupby(["iso3", "task"])["raci"].agg("".join)   # e.g. "ARCI" per task
    n_a, n_r = letters.str.count("A"), letters.str.count("R")

    def countries(mask: pd.Series) -> list[str]:
        return sorted(set(mask[mask].index.get_level_values("iso3")))

    assert institutions.countries_with_rule(mandates, "several_accountable") == countries(n_a > 1)
    assert institutions.countries_with_rule(mandates, "no_accountable") == countries(n_a == 0)
    assert institutions.countries_with_rule(mandates, "no_responsible") == countries(n_r == 0)
    for rule in institutions.RULES:                       # each kind of defect is in the data
        assert institutions.countries_with_rule(mandates, rule)
    # the deliberate defects of Peru: regional governments and INGEMMET both accountable for
    # licensing; registered traders buy gold with no agency accountable
    assert institutions.tasks_breaking_rules(mandates, "PER") == ["licensing", "gold_purchase"]
    assert institutions.tasks_breaking_rules(mandates, "BRA") == []
    with pytest.raises(ValueError):
        institutions.countries_with_rule(mandates, "two_a")


def test_raci_matrix_is_a_task_by_agency_grid():
    matrix = institutions.raci_matrix(TOY_MANDATES, "AAA")
    assert list(matrix.index) == ["licensing", "royalty_collection", "gold_purchase"]
    assert matrix.loc["licensing", "Mining ministry"] == "A"
    assert matrix.loc["gold_purchase", "Mining ministry"] == ""
    assert institutions.raci_matrix(TOY_MANDATES, "BBB").loc["licensing", "Mining agency"] == "A/R"


def test_bodies_by_level_keeps_every_level_with_zeros():
    authorities = pd.DataFrame({"iso3": ["PER", "PER", "ECU"], "level": ["national", "regional", "municipal"]})
    table = institutions.bodies_by_level(authorities)
    assert list(table.columns) == ["national", "regional", "municipal"]
    assert table.loc["PER"].tolist() == [1, 1, 0]
    assert table.loc["ECU"].tolist() == [0, 0, 1]


# --------------------------------------------------------------------------- stakeholder grid

@pytest.mark.parametrize("influence, interest, expected", [
    (5, 5, "manage closely"), (3, 3, "manage closely"),      # 3 is high: the boundary
    (3, 2, "keep satisfied"), (5, 1, "keep satisfied"),
    (2, 3, "keep informed"), (1, 5, "keep informed"),
    (2, 2, "monitor"), (1, 1, "monitor"),
])
def test_quadrant_rule_and_its_boundary(influence, interest, expected):
    assert institutions.quadrant(influence, interest) == expected


def test_quadrant_threshold_can_move_and_scores_are_checked():
    assert institutions.quadrant(3, 3, threshold=4) == "monitor"
    with pytest.raises(ValueError):
        institutions.quadrant(0, 3)
    with pytest.raises(ValueError):
        institutions.quadrant(3, 6)


def test_quadrant_counts_include_empty_quadrants_and_filters():
    table = pd.DataFrame({"iso3": ["AAA", "AAA", "BBB"], "group": ["ngo", "donor", "ngo"],
                          "influence": [3, 5, 1], "interest": [3, 1, 1]})
    counts = institutions.quadrant_counts(table)
    assert counts.to_dict() == {"manage closely": 1, "keep satisfied": 1, "keep informed": 0, "monitor": 1}
    assert institutions.quadrant_counts(table, "AAA", ["ngo"]).to_dict() == {
        "manage closely": 1, "keep satisfied": 0, "keep informed": 0, "monitor": 0}
    assert institutions.stakeholder_grid(table)["quadrant"].tolist() == ["manage closely", "keep satisfied", "monitor"]
    assert "quadrant" not in table  # the input is not changed


def test_stakeholder_groups_match_the_data_package():
    package = json.loads((data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "stakeholders")
    field = next(f for f in resource["schema"]["fields"] if f["name"] == "group")
    assert tuple(field["constraints"]["enum"]) == institutions.STAKEHOLDER_GROUPS
    assert institutions.absent_groups(load("stakeholders"), "BRA") == ["miners_association", "informal_miners", "trader"]


# --------------------------------------------------------------------------- representativeness

PEOPLE = pd.DataFrame({
    "iso3": ["AAA"] * 4,
    "sex": ["male", "male", "male", "female"],
    "region": ["North", "North", "North", "North"],
    "role": ["miner", "miner", "official", "official"],
})
BASELINE = pd.DataFrame({
    "iso3": ["AAA"] * 6,
    "dimension": ["sex", "sex", "region", "region", "role", "role"],
    "group": ["female", "male", "North", "South", "miner", "official"],
    "share_pct": [40.0, 60.0, 50.0, 50.0, 90.0, 10.0],
})


def test_representation_ratio_keeps_groups_nobody_came_from():
    table = institutions.representation(PEOPLE, BASELINE, "AAA").set_index("group")
    assert table.loc["female", "participant_pct"] == pytest.approx(25.0)
    assert table.loc["female", "ratio"] == pytest.approx(25 / 40)
    assert table.loc["South", "participants"] == 0 and table.loc["South", "ratio"] == 0
    assert table.loc["official", "ratio"] == pytest.approx(5.0)
    assert institutions.underrepresented(PEOPLE, BASELINE, "AAA") == ["female", "South", "miner"]


def test_representation_threshold_is_strictly_below():
    people = pd.DataFrame({"iso3": ["AAA"] * 5, "sex": ["female"] * 2 + ["male"] * 3,
                           "region": ["North"] * 5, "role": ["miner"] * 5})
    baseline = BASELINE.assign(share_pct=[50.0, 50.0, 100.0, 0.0001, 100.0, 0.0001])
    table = institutions.representation(people, baseline, "AAA").set_index("group")
    assert table.loc["female", "ratio"] == pytest.approx(0.8)
    assert not table.loc["female", "flagged"]  # exactly 0.8 is not below 0.8


def test_representation_on_the_course_data():
    participants, population = load("consultation_participants"), load("population_shares")
    peru, base = participants.query("iso3 == 'PER'"), population.query("iso3 == 'PER'")
    by_hand = [group for dimension, group, share in zip(base["dimension"], base["group"], base["share_pct"], strict=True)
               if 100 * (peru[dimension] == group).mean() / share < 0.8]
    assert institutions.underrepresented(participants, population, "PER") == by_hand
    assert "official" not in set(population["group"])          # officials attend but are not in the baseline
    assert "official" in set(participants["role"])
    for _, shares in population.groupby(["iso3", "dimension"])["share_pct"]:
        assert shares.sum() == pytest.approx(100)
    bolivia = institutions.representation(participants, population, "BOL").set_index("group")
    assert bolivia.loc["community_member", "participants"] == 0
    assert bolivia.loc["female", "ratio"] == pytest.approx(0.75)
    assert institutions.representation_ratio(7.5, 15) == pytest.approx(0.5)
    with pytest.raises(ValueError):
        institutions.representation_ratio(5, 0)


# --------------------------------------------------------------------------- widget apps

NAMES = {"AAA": "Avalon (AAA)", "BBB": "Borduria (BBB)"}


def test_raci_checker_follows_the_dropdown():
    app = apps.RaciChecker(TOY_MANDATES, NAMES)
    assert app.country.value == "AAA"
    assert "2 of 3 tasks" in app.summary.value
    assert "more than one agency is accountable" in app.summary.value
    assert "gold purchase" in app.summary.value and "no agency is responsible" in app.summary.value
    assert "<table" in app.table.value and "royalty collection" in app.table.value
    assert len(app.result) == 3
    app.country.value = "BBB"
    assert app.result.empty
    assert "Borduria (BBB): all 1 tasks have exactly one accountable" in app.summary.value


def test_stakeholder_grid_filters_by_country_and_group():
    stakeholders = load("stakeholders")
    app = apps.StakeholderGrid(stakeholders, {"GTM": "Guatemala (GTM)"})
    assert int(app.result.sum()) == len(stakeholders)
    app.country.value = "GTM"
    assert app.result.to_dict() == {"manage closely": 5, "keep satisfied": 2, "keep informed": 4, "monitor": 1}
    assert "Guatemala (GTM)" in app.summary.value and "12 stakeholder(s)" in app.summary.value
    app.group.value = "informal_miners"
    assert int(app.result.sum()) == 0  # Guatemala's map lists no informal miners
    app.country.value = apps.ALL
    assert int(app.result.sum()) == 3


def test_representation_explorer_follows_country_and_threshold():
    app = apps.RepresentationExplorer(load("consultation_participants"), load("population_shares"),
                                      {"BOL": "Bolivia (BOL)", "PER": "Peru (PER)"})
    assert app.country.value == "BOL"
    n_bolivia = len(institutions.underrepresented(app.participants, app.population, "BOL"))
    assert f"{n_bolivia} group(s)" in app.summary.value and "community members (0.00)" in app.summary.value
    app.country.value = "PER"
    peru = institutions.representation(app.participants, app.population, "PER")
    assert app.result["flagged"].sum() == (peru["ratio"] < 0.8).sum()
    app.threshold.value = 0.5
    assert app.result["flagged"].sum() == (peru["ratio"] < 0.5).sum()
    assert peru.loc[peru["group"] == "female", "ratio"].iloc[0] == pytest.approx(0.5)
    assert "women" not in app.summary.value   # 0.50 itself (women) is no longer below


def test_charts_are_labelled_and_have_a_text_alternative():
    stakeholders = load("stakeholders").query("iso3 == 'GTM'")
    ax = apps.grid_chart(stakeholders, "Grid")
    assert ax.get_title() == "Grid" and ax.get_xlabel() and ax.get_ylabel()
    assert sum(len(c.get_offsets()) for c in ax.collections) == stakeholders.groupby(["influence", "interest"]).ngroups
    assert "manage closely: 5" in apps.describe_grid(stakeholders, "Grid")
    table = institutions.representation(load("consultation_participants"), load("population_shares"), "PER")
    ax = apps.ratio_chart(table, "Ratios")
    assert len(plots.bar_values(ax)) == len(table)
    assert "women" in plots.describe(ax)
