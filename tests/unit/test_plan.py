"""Unit tests of the return-to-work plan: model, prompts gathered from disk, validation, Markdown/HTML."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from asm_course import answers
from asm_course.i18n import catalogue
from asm_course.plan import (
    FORM_ID,
    Action,
    Indicator,
    Objective,
    PlanPrompt,
    ReturnToWorkPlan,
    Risk,
    baseline_candidates,
    build_plan,
    pick_figures,
    plan_answers,
    section_of,
)
from asm_course.plan_check import check_plan, gaps_by_section
from asm_course.plan_export import plan_blocks, to_html, to_markdown


def complete_plan(iso3: str = "BOL") -> ReturnToWorkPlan:
    """A plan with nothing missing (Bolivia by default; Honduras for a second team)."""
    figures = {"BOL": ["BOL-HG-2021", "BOL-all", "BOL-ROYALTY-2018"],
               "HND": ["HND-HG-2021", "HND-FAMILIES-2022", "HND-MINER-SHARE-2008"]}[iso3]
    base = pick_figures(iso3, figures)
    hg = base[0]
    return ReturnToWorkPlan(
        iso3=iso3, team="Mining ministry ASM unit; environment ministry", lead_agency="Ministry of Mining",
        mandate="Mining law, article on small-scale mining", start="2027-02-01", baseline=base,
        objectives=[Objective("Reduce mercury released by ASGM", "phase3", "mercury", "b"),
                    Objective("Bring more cooperatives into the registry", "phase2", "formalization", "")],
        actions=[Action("Map sites that amalgamate whole ore", 1, "Mining agency", "Vice-minister", "Federation",
                        "Departments", "2027-02-15", "2027-06-30", "Agency 2027 operating budget", "none"),
                 Action("Pilot retorts in 20 sites", 1, "Environment ministry", "Minister", "", "", "2027-04-01",
                        "2027-12-15", "Donor grant", "agreement"),
                 Action("Open a one-stop registration desk", 2, "Mining agency", "Vice-minister", "", "",
                        "2027-03-01", "2028-01-31", "Budget line 21.3", "resolution")],
        indicators=[Indicator("Mercury released by ASGM", 1, "t/yr", hg.value, hg.year, hg.figure_id, "",
                              hg.value / 2, 2030, "Environment ministry", "", "yearly"),
                    Indicator("Cooperatives in the registry", 2, "cooperatives", 100, 2026, "", "", 150, 2028,
                              "Mining agency", "registry extract", "quarterly")],
        risks=[Risk("Miners fear sanctions and stay away from the registry", "informal_miners", "No fines at first visit"),
               Risk("Women processing tailings are not counted", "women", "Count every role, by sex")],
        stakeholder_plan="Federations and departments at each step.",
        gender_plan="Women's associations sit on the working group.",
        milestone_30="Team named", milestone_90="Site map", milestone_180="Pilot under way")


def test_a_complete_plan_has_no_gaps():
    assert check_plan(complete_plan("BOL")) == []
    assert check_plan(complete_plan("HND")) == []


def test_figures_picked_from_data_carry_source_year_and_status():
    figure = pick_figures("BOL", ["BOL-HG-2021"])[0]
    assert (figure.value, figure.year, figure.status) == (120, 2021, "confirmed_secondary")
    assert figure.source.startswith("http")
    assert all(f.has_value for f in baseline_candidates("PER"))
    with pytest.raises(ValueError, match="PER-NOPE"):
        pick_figures("PER", ["PER-NOPE"])


def test_an_empty_plan_gets_a_gap_in_every_section():
    sections = gaps_by_section(check_plan(ReturnToWorkPlan()))
    assert all(sections.values()), {s: len(g) for s, g in sections.items()}


def test_an_action_without_owner_or_past_twelve_months_is_named():
    plan = complete_plan()
    plan.actions[0] = replace(plan.actions[0], accountable="", end="2028-03-01")
    kinds = {g.kind for g in check_plan(plan)}
    assert {"action_no_owner", "action_past_12_months"} <= kinds
    message = next(g for g in check_plan(plan) if g.kind == "action_past_12_months").text("en")
    assert "Map sites that amalgamate whole ore" in message and "2028-02-01" in message


def test_bad_dates_are_named_not_raised():
    plan = complete_plan()
    plan.start = "1/2/2027"
    plan.actions[1] = replace(plan.actions[1], start="soon", end="2027-01-01")
    kinds = {g.kind for g in check_plan(plan)}
    assert {"bad_start", "action_bad_date"} <= kinds
    plan.start = "2027-02-01"
    plan.actions[1] = replace(plan.actions[1], start="2027-05-01", end="2027-04-01")
    assert "action_end_before_start" in {g.kind for g in check_plan(plan)}


def test_an_uncertain_baseline_needs_a_caveat():
    plan = complete_plan()
    range_only = pick_figures("PER", ["PER-REINFO-2025-CLOSED"])[0]   # a lower bound only: uncertain
    assert range_only.uncertain
    plan.baseline[2] = range_only
    plan.indicators[1] = replace(plan.indicators[1], baseline=50000, baseline_figure=range_only.figure_id)
    assert [g.kind for g in check_plan(plan)] == ["indicator_uncertain_baseline"]
    plan.indicators[1] = replace(plan.indicators[1], baseline_caveat="A lower bound; we will count again in 2027.")
    assert check_plan(plan) == []


def test_indicators_without_baseline_and_objectives_without_indicator():
    plan = complete_plan()
    plan.indicators[1] = replace(plan.indicators[1], baseline=None, objective=1)
    kinds = [g.kind for g in check_plan(plan)]
    assert "indicator_no_baseline" in kinds and "objective_no_indicator" in kinds


def test_mercury_objective_needs_an_annex_c_item_and_risks_to_women():
    plan = complete_plan()
    plan.objectives[0] = replace(plan.objectives[0], annex_c="")
    plan.risks = plan.risks[:1]
    gaps = check_plan(plan)
    assert {g.kind for g in gaps} == {"objective_no_annex_c", "risk_missing_group"}
    assert "women" in next(g for g in gaps if g.kind == "risk_missing_group").text("en")
    assert "mujeres" in next(g for g in gaps if g.kind == "risk_missing_group").text("es")


def test_every_gap_message_exists_in_both_languages():
    en, es = catalogue("en"), catalogue("es")
    plan_keys = {k for k in en if k.startswith("plan.")}
    assert plan_keys == {k for k in es if k.startswith("plan.")}
    assert all(es[k] for k in plan_keys)


def test_the_plan_round_trips_through_its_saved_form(tmp_path: Path):
    plan = complete_plan()
    stored = json.loads(json.dumps(plan.to_dict()))
    assert ReturnToWorkPlan.from_dict(stored) == plan
    # numbers typed as text in a form are read; junk becomes empty, never an error
    stored["indicators"][0]["target"] = "60"
    stored["indicators"][0]["target_year"] = "twenty thirty"
    again = ReturnToWorkPlan.from_dict(stored)
    assert again.indicators[0].target == 60 and again.indicators[0].target_year is None
    assert ReturnToWorkPlan.from_dict("not a plan") == ReturnToWorkPlan()


def test_build_plan_reads_the_form_and_every_module_prompt(tmp_path: Path):
    answers.save_answer(FORM_ID, complete_plan().to_dict(), tmp_path)
    answers.save_answer("m02.plan1", "The mining ministry leads.", tmp_path)
    answers.save_answer("m07.plan1", "Count women in every role.", tmp_path)  # a module written later
    answers.save_answer("m03.plan1", "   ", tmp_path)                          # blank: not a note
    plan = build_plan([tmp_path])
    assert plan.lead_agency == "Ministry of Mining"
    assert [n.prompt_id for n in plan.notes] == ["m02.plan1", "m07.plan1"]
    assert [n.text for n in plan.notes_for("team")] == ["The mining ministry leads."]
    assert plan_answers([tmp_path]) == {"m02.plan1": "The mining ministry leads.", "m07.plan1": "Count women in every role."}


def test_prompts_can_say_which_section_they_feed():
    assert PlanPrompt("m05.plan1", section="objectives").section == "objectives"
    with pytest.raises(ValueError, match="section"):
        PlanPrompt("m05.plan1", section="budget")
    assert section_of("m02.plan3") == "stakeholders"
    assert section_of("m99.plan1") == "objectives"


def test_markdown_and_html_start_with_the_summary_and_mark_uncertain_figures():
    plan = complete_plan()
    plan.baseline[2] = pick_figures("PER", ["PER-REINFO-2025-CLOSED"])[0]
    md = to_markdown(plan, "en")
    assert md.index("## Summary") < md.index("## 1. Team")
    assert "at least 50,000 records [U]" in md and "artisanalmining.org" in md
    page = to_html(plan, "es")
    assert "<html lang='es'>" in page and "Resumen" in page and "al menos 50,000 records [U]" in page
    assert "<script" not in page
    kinds = [b.kind for b in plan_blocks(plan, "en")]
    assert kinds.index("table") < kinds.index("break") < kinds.index("heading", kinds.index("break"))


def test_html_escapes_what_the_team_typed():
    plan = complete_plan()
    plan.team = "<b>Team</b> & co"
    assert "&lt;b&gt;Team&lt;/b&gt; &amp; co" in to_html(plan, "en")


def test_the_form_lives_in_the_m09_exercise_folder_and_notes_come_from_every_exercise(tmp_path: Path):
    from asm_course.plan import exercise_folders, form_folder

    course = tmp_path / "course" / "en"
    m09 = tmp_path / "exercises" / "en" / "m09_monitoring"
    m02 = tmp_path / "exercises" / "en" / "m02_organising_government"
    for folder in (course, m09, m02, tmp_path / "exercises" / "en" / "notes"):
        folder.mkdir(parents=True)
    assert form_folder(course) == m09.resolve() and form_folder(m09) == m09.resolve()
    assert form_folder(tmp_path) == tmp_path.resolve()          # no course around: stay where we are
    assert exercise_folders(course) == sorted([course.resolve(), m02.resolve(), m09.resolve()])
    assert exercise_folders(m09) == sorted([m02.resolve(), m09.resolve()])
