"""Validation of a return-to-work plan: what is missing or inconsistent, section by section.

Each gap is a catalogue key (``plan.gap.<kind>``) with the fields its message needs, so the
same check reads in every course language. Nothing here prints or raises on a bad plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from asm_course.i18n import t
from asm_course.plan import ANNEX_C, APPROVALS, PHASES, RISK_GROUPS, SECTIONS, THEMES, ReturnToWorkPlan, parse_date

MIN_FIGURES, MAX_FIGURES = 3, 5
MIN_ACTIONS, MAX_ACTIONS = 3, 5
HORIZON_DAYS = 365


@dataclass(frozen=True)
class Gap:
    """One thing the team still has to fix, in the section where it sits."""

    section: str
    kind: str
    details: dict = field(default_factory=dict)

    def text(self, lang: str | None = None) -> str:
        """The gap in plain words, in ``lang`` (the course language by default)."""
        details = dict(self.details)
        if "group" in details:
            details["group"] = t(f"plan.group.{details['group']}", lang=lang)
        return t(f"plan.gap.{self.kind}", lang=lang, **details)


def check_plan(plan: ReturnToWorkPlan) -> list[Gap]:
    """Every gap of ``plan``, in section order (empty when the plan is complete)."""
    gaps: list[Gap] = []
    for section, checker in _CHECKS.items():
        gaps += [Gap(section, kind, details) for kind, details in checker(plan)]
    return gaps


def gaps_by_section(gaps: list[Gap]) -> dict[str, list[Gap]]:
    """The gaps grouped under every section (sections without gaps map to [])."""
    return {s: [g for g in gaps if g.section == s] for s in SECTIONS}


def _team(plan: ReturnToWorkPlan):
    if not plan.iso3:
        yield "no_country", {}
    if not plan.team.strip():
        yield "no_team", {}
    if not plan.lead_agency.strip():
        yield "no_lead_agency", {}
    if not plan.mandate.strip():
        yield "no_mandate", {}
    if parse_date(plan.start) is None:
        yield ("bad_start" if plan.start.strip() else "no_start"), {"value": plan.start}


def _baseline(plan: ReturnToWorkPlan):
    n = len(plan.baseline)
    if not MIN_FIGURES <= n <= MAX_FIGURES:
        yield "figure_count", {"n": n, "low": MIN_FIGURES, "high": MAX_FIGURES}
    for f in plan.baseline:
        if not f.source:
            yield "figure_no_source", {"figure": f.figure_id}
        if f.year is None:
            yield "figure_no_year", {"figure": f.figure_id}


def _objectives(plan: ReturnToWorkPlan):
    if not plan.objectives:
        yield "no_objectives", {}
    covered = {i.objective for i in plan.indicators if i.name.strip()}
    for n, o in enumerate(plan.objectives, 1):
        if not o.text.strip():
            yield "objective_no_text", {"n": n}
            continue
        if o.phase not in PHASES and o.theme not in THEMES:
            yield "objective_no_phase", {"n": n}
        if o.theme == "mercury" and o.annex_c not in ANNEX_C:
            yield "objective_no_annex_c", {"n": n}
        if n not in covered:
            yield "objective_no_indicator", {"n": n}


def _actions(plan: ReturnToWorkPlan):
    n = len(plan.actions)
    if not MIN_ACTIONS <= n <= MAX_ACTIONS:
        yield "action_count", {"n": n, "low": MIN_ACTIONS, "high": MAX_ACTIONS}
    start = parse_date(plan.start)
    limit = start + timedelta(days=HORIZON_DAYS) if start else None
    for k, a in enumerate(plan.actions, 1):
        name = a.text.strip() or f"#{k}"
        if not a.text.strip():
            yield "action_no_text", {"n": k}
        if not a.responsible.strip() or not a.accountable.strip():
            yield "action_no_owner", {"action": name}
        yield from _action_dates(name, a.start, a.end, start, limit)
        if not a.budget.strip():
            yield "action_no_budget", {"action": name}
        if a.approval not in APPROVALS:
            yield "action_no_approval", {"action": name}
        if a.objective is not None and not 1 <= a.objective <= len(plan.objectives):
            yield "action_bad_objective", {"action": name, "n": a.objective}


def _action_dates(name: str, start_text: str, end_text: str, plan_start: date | None, limit: date | None):
    begin, end = parse_date(start_text), parse_date(end_text)
    for text, value in ((start_text, begin), (end_text, end)):
        if text.strip() and value is None:
            yield "action_bad_date", {"action": name, "value": text}
    if not start_text.strip() or not end_text.strip():
        yield "action_no_dates", {"action": name}
        return
    if begin and end and end < begin:
        yield "action_end_before_start", {"action": name}
    if limit and end and end > limit:
        yield "action_past_12_months", {"action": name, "end": end.isoformat(), "limit": limit.isoformat()}
    if plan_start and begin and begin < plan_start:
        yield "action_before_start", {"action": name, "start": plan_start.isoformat()}


def _indicators(plan: ReturnToWorkPlan):
    if not plan.indicators:
        yield "no_indicators", {}
    for k, i in enumerate(plan.indicators, 1):
        name = i.name.strip() or f"#{k}"
        if i.baseline is None:
            yield "indicator_no_baseline", {"indicator": name}
        else:
            figure = plan.figure(i.baseline_figure) if i.baseline_figure else None
            if i.baseline_figure and figure is None:
                yield "indicator_unknown_figure", {"indicator": name, "figure": i.baseline_figure}
            if figure is not None and figure.uncertain and not i.baseline_caveat.strip():
                yield "indicator_uncertain_baseline", {"indicator": name, "figure": figure.figure_id}
            if figure is None and not i.source.strip():
                yield "indicator_baseline_no_source", {"indicator": name}
            if i.baseline_year is None:
                yield "indicator_no_baseline_year", {"indicator": name}
        if i.target is None or i.target_year is None:
            yield "indicator_no_target", {"indicator": name}
        elif i.baseline_year is not None and i.target_year <= i.baseline_year:
            yield "indicator_target_before_baseline", {"indicator": name}
        if not i.owner.strip():
            yield "indicator_no_owner", {"indicator": name}
        if not i.frequency.strip():
            yield "indicator_no_frequency", {"indicator": name}


def _risks(plan: ReturnToWorkPlan):
    groups = {r.group for r in plan.risks if r.text.strip()}
    for group in ("informal_miners", "women"):
        if group not in groups:
            yield "risk_missing_group", {"group": group}
    for r in plan.risks:
        if r.text.strip() and not r.safeguard.strip():
            yield "risk_no_safeguard", {"risk": r.text.strip()}
        if r.text.strip() and r.group not in RISK_GROUPS:
            yield "risk_no_group", {"risk": r.text.strip()}


def _stakeholders(plan: ReturnToWorkPlan):
    if not plan.stakeholder_plan.strip():
        yield "no_stakeholder_plan", {}
    if not plan.gender_plan.strip():
        yield "no_gender_plan", {}


def _milestones(plan: ReturnToWorkPlan):
    for days in (30, 90, 180):
        if not getattr(plan, f"milestone_{days}").strip():
            yield "no_milestone", {"days": days}


_CHECKS = {"team": _team, "baseline": _baseline, "objectives": _objectives, "actions": _actions,
           "indicators": _indicators, "risks": _risks, "stakeholders": _stakeholders, "milestones": _milestones}
