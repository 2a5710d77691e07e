"""The return-to-work plan: prompts answered along the course, gathered into one plan per team.

Each module ends with two or three prompts ("For your return-to-work plan"). Their answers
are stored like answer widgets, in ``<module>_answers.json`` beside the exercise notebook,
under ids such as ``"m01.plan1"``; :func:`plan_answers` gathers them.

A :class:`ReturnToWorkPlan` holds the eight sections a country team takes back to its
ministry (team and mandate, baseline figures, objectives, actions, indicators, risks,
stakeholder and gender plan, milestones). The structured parts are edited in the m09 plan
form and stored as one answer (:data:`FORM_ID`); the prompt answers of every module found
on disk are attached, as notes, to the section they feed. Baseline figures are picked from
``data/`` by id (:func:`baseline_candidates`), so their source, year and status travel with
them. Validation lives in :mod:`asm_course.plan_check`, export in :mod:`asm_course.plan_export`.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from asm_course import answers, layout

PLAN_ID = layout.PLAN_PROMPT_ID
FORM_ID = "m09.plan_form"
SECTIONS = ("team", "baseline", "objectives", "actions", "indicators", "risks", "stakeholders", "milestones")
#: Where the prompts written before this section map was made feed the plan. A prompt can
#: also say it itself (``PlanPrompt("m05.plan1", section="objectives")``); any other prompt
#: found on disk lands in "objectives", the section its answer most often informs.
KNOWN_SECTIONS = {
    "m00.plan1": "objectives", "m01.plan1": "team", "m01.plan2": "risks",
    "m02.plan1": "team", "m02.plan2": "actions", "m02.plan3": "stakeholders",
    "m03.plan1": "baseline", "m03.plan2": "baseline",
    "m04.plan1": "baseline", "m04.plan2": "actions", "m04.plan3": "indicators",
}
DEFAULT_SECTION = "objectives"
PHASES = ("phase1", "phase2", "phase3")
THEMES = ("formalization", "mercury", "ohs", "gender", "value_chain", "institutions", "monitoring")
ANNEX_C = tuple("abcdefghi")   # (j)-(k) are [U] in reference/domain.md §1.4, so not offered
APPROVALS = ("none", "decree", "resolution", "agreement", "law", "budget")
RISK_GROUPS = ("informal_miners", "women", "communities", "other")


@dataclass(frozen=True)
class PlanPrompt:
    """One prompt; its text is the catalogue entry ``<id>.title`` (e.g. ``m01.plan1.title``).

    ``section`` says which plan section the answer feeds (one of :data:`SECTIONS`);
    left empty, :data:`KNOWN_SECTIONS` or :data:`DEFAULT_SECTION` decides.
    """

    id: str
    section: str = ""

    def __post_init__(self) -> None:
        if not PLAN_ID.match(self.id):
            raise ValueError(f"plan prompt id {self.id!r} must look like 'm01.plan1'")
        if self.section and self.section not in SECTIONS:
            raise ValueError(f"plan prompt {self.id}: section {self.section!r} must be one of {SECTIONS}")

    def answer(self, folder: Path | None = None) -> str:
        """What the participant wrote so far ("" when nothing)."""
        stored = answers.read_answer(self.id, folder)
        return stored if isinstance(stored, str) else ""


def plan_answers(folders: list[Path]) -> dict[str, str]:
    """Every non-empty plan answer found in the answers files of ``folders``, by prompt id."""
    found: dict[str, str] = {}
    for folder in folders:
        for path in sorted(Path(folder).glob(layout.ANSWERS_GLOB)):
            for key, value in answers.read_answers(layout.module_of(path.name), Path(folder)).items():
                if PLAN_ID.match(key) and isinstance(value, str) and value.strip():
                    found[key] = value.strip()
    return found


def section_of(prompt_id: str) -> str:
    """The plan section a prompt's answer feeds: declared by its bank, known, or the default."""
    declared = _declared_sections().get(prompt_id)
    return declared or KNOWN_SECTIONS.get(prompt_id, DEFAULT_SECTION)


@cache
def _declared_sections() -> dict[str, str]:
    """Sections declared on PlanPrompt objects of the question banks present (no import errors leak)."""
    import importlib
    import pkgutil

    from asm_course import checks

    out: dict[str, str] = {}
    for info in pkgutil.iter_modules(checks.__path__):
        if not layout.is_module_id(info.name):
            continue
        try:
            bank = importlib.import_module(f"asm_course.checks.{info.name}")
        except Exception:  # a bank being written must not break the plan of every other module
            continue
        for value in vars(bank).values():
            if isinstance(value, PlanPrompt) and value.section:
                out[value.id] = value.section
    return out


# --- the sections ----------------------------------------------------------------------

@dataclass
class BaselineFigure:
    """A figure picked from ``data/``: value (or range), unit, year, source and status."""

    figure_id: str
    indicator: str
    unit: str = ""
    value: float | None = None
    value_low: float | None = None
    value_high: float | None = None
    year: int | None = None
    source: str = ""
    status: str = ""
    note: str = ""
    resource: str = ""

    @property
    def uncertain(self) -> bool:
        """True for figures the course tags [U] (or a range without a central value)."""
        return self.status == "uncertain" or (self.value is None and self.value_low is not None)

    @property
    def has_value(self) -> bool:
        return self.value is not None or self.value_low is not None


@dataclass
class Objective:
    text: str = ""
    phase: str = ""        # one of PHASES, or "" when a theme is given
    theme: str = ""        # one of THEMES
    annex_c: str = ""      # Annex C (Minamata) item a-k, for mercury objectives


@dataclass
class Action:
    text: str = ""
    objective: int | None = None   # 1-based number of the objective it serves
    responsible: str = ""
    accountable: str = ""
    consulted: str = ""
    informed: str = ""
    start: str = ""                # ISO dates, e.g. "2027-02-01"
    end: str = ""
    budget: str = ""               # a cost or the budget line that pays for it
    approval: str = ""             # one of APPROVALS


@dataclass
class Indicator:
    name: str = ""
    objective: int | None = None
    unit: str = ""
    baseline: float | None = None
    baseline_year: int | None = None
    baseline_figure: str = ""      # figure_id of one of the plan's baseline figures
    baseline_caveat: str = ""      # what the team says about an uncertain baseline
    target: float | None = None
    target_year: int | None = None
    owner: str = ""
    source: str = ""
    frequency: str = ""


@dataclass
class Risk:
    text: str = ""
    group: str = ""                # one of RISK_GROUPS
    safeguard: str = ""


@dataclass
class Note:
    """A module prompt's answer attached to the section it feeds."""

    prompt_id: str
    text: str


@dataclass
class ReturnToWorkPlan:
    """One country team's plan; every field can be empty while the team drafts it."""

    iso3: str = ""
    team: str = ""
    lead_agency: str = ""
    mandate: str = ""
    start: str = ""                # the day the 12 months start (ISO date)
    baseline: list[BaselineFigure] = field(default_factory=list)
    objectives: list[Objective] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)
    stakeholder_plan: str = ""
    gender_plan: str = ""
    milestone_30: str = ""
    milestone_90: str = ""
    milestone_180: str = ""
    milestone_365: str = ""
    notes: list[Note] = field(default_factory=list)

    def notes_for(self, section: str) -> list[Note]:
        """The module prompt answers that feed ``section``."""
        return [n for n in self.notes if section_of(n.prompt_id) == section]

    def figure(self, figure_id: str) -> BaselineFigure | None:
        return next((f for f in self.baseline if f.figure_id == figure_id), None)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (what the plan form saves), without the module notes."""
        out = asdict(self)
        out.pop("notes")
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReturnToWorkPlan:
        """Rebuild a plan from :meth:`to_dict`; unknown keys are ignored, wrong types emptied."""
        if not isinstance(data, dict):
            return cls()
        kinds = {"baseline": BaselineFigure, "objectives": Objective, "actions": Action,
                 "indicators": Indicator, "risks": Risk}
        kwargs: dict[str, Any] = {}
        for f in fields(cls):
            if f.name == "notes" or f.name not in data:
                continue
            value = data[f.name]
            if f.name in kinds:
                kwargs[f.name] = [_row(kinds[f.name], item) for item in value or [] if isinstance(item, dict)]
            else:
                kwargs[f.name] = value if isinstance(value, str) else ""
        return cls(**kwargs)


def _row(kind: type, item: dict[str, Any]) -> Any:
    names = {f.name: f for f in fields(kind)}
    values: dict[str, Any] = {}
    for key, value in item.items():
        if key not in names:
            continue
        if names[key].type in ("str",):
            values[key] = "" if value is None else str(value)
        else:
            values[key] = _number(value, integer="int" in str(names[key].type))
    return kind(**values)


def _year(value: Any) -> int | None:
    """A year read like :func:`_number`, as a whole number (None when missing)."""
    number = _number(value, True)
    return None if number is None else int(number)


def _number(value: Any, integer: bool) -> float | int | None:
    """A typed-in number (text, int or float) or None; "1,200" and " 12 " are read too."""
    if value is None or isinstance(value, bool) or not _present(value):
        return None
    try:
        number = float(str(value).replace(",", "").strip()) if isinstance(value, str) else float(value)
    except ValueError:
        return None
    if math.isnan(number):
        return None
    return int(number) if integer and number.is_integer() else number


def parse_date(text: str) -> date | None:
    """An ISO date ("2027-03-31") or None when empty or unreadable."""
    try:
        return date.fromisoformat(text.strip()) if text and text.strip() else None
    except ValueError:
        return None


# --- baseline figures from data/ ------------------------------------------------------

#: Real tables whose rows can serve as baseline figures: resource -> how to read one row.
_FIGURE_TABLES = {
    "national_figures": ("figure_id", "indicator", "unit", "value", "value_low", "value_high"),
    "workforce_estimates": ("estimate_id", "scope", "", "workers", "workers_low", "workers_high"),
    "women_share": ("share_id", "scope", "", "women_share_pct", "", ""),
    "mercury": ("", "", "", "hg_t_per_year", "", ""),
}


def baseline_candidates(iso3: str) -> list[BaselineFigure]:
    """Every real figure of one country in ``data/`` that has a value, with source, year, status."""
    from asm_course.data import load
    from asm_course.i18n import t

    out: list[BaselineFigure] = []
    for resource, (id_col, name_col, unit_col, value_col, low_col, high_col) in _FIGURE_TABLES.items():
        table = load(resource)
        for _, row in table[table["iso3"] == iso3].iterrows():
            figure = BaselineFigure(
                figure_id=str(row[id_col]) if id_col else f"{iso3}-HG-{_number(row['year'], True)}",
                indicator=_indicator_name(resource, row, name_col, t),
                unit=str(row[unit_col]) if unit_col and _present(row[unit_col]) else t(f"plan.unit.{resource}"),
                value=_number(row[value_col], False),
                value_low=_number(row[low_col], False) if low_col else None,
                value_high=_number(row[high_col], False) if high_col else None,
                year=_year(row["year"]),
                source=str(row["source"]) if _present(row["source"]) else "",
                status=str(row["status"]),
                note=str(row["note"]) if _present(row.get("note")) else "",
                resource=resource,
            )
            if figure.has_value:
                out.append(figure)
    return out


def _present(value: Any) -> bool:
    """False for None, NaN, pd.NA and empty text."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or str(value) in ("", "<NA>"):
        return False
    return True


def _indicator_name(resource: str, row: Any, name_col: str, t: Any) -> str:
    if resource == "national_figures":
        return str(row[name_col])
    if not name_col:
        return t(f"plan.figure.{resource}", scope="")
    return t(f"plan.figure.{resource}", scope=str(row[name_col]).replace("_", " "))


def pick_figures(iso3: str, figure_ids: list[str]) -> list[BaselineFigure]:
    """The named figures of ``iso3`` from data/, in the order given; an unknown id is a ValueError."""
    candidates = {f.figure_id: f for f in baseline_candidates(iso3)}
    unknown = [i for i in figure_ids if i not in candidates]
    if unknown:
        raise ValueError(f"figure_ids: {unknown} are not figures of {iso3} with a value in data/; "
                         f"choose among {sorted(candidates)}")
    return [candidates[i] for i in figure_ids]


# --- the plan of one team, from what it saved ------------------------------------------

ASSIGNMENT_DIR = layout.ASSIGNMENT_ID
PLAN_ASSIGNMENT = "m09_monitoring"


def exercise_folders(near: Path) -> list[Path]:
    """The exercise folders of the course around ``near`` (whose answers files hold the prompts).

    ``near`` is an exercise folder (``exercises/en/m09_monitoring``), a language folder of
    exercises, or a course folder (``course/en``, whose exercises sit in ``../../exercises/en``).
    """
    near = Path(near).resolve()
    roots = [near, near.parent, near.parent.parent / "exercises" / near.name]
    found = {near} | {d for root in roots if root.is_dir() for d in root.iterdir()
                      if d.is_dir() and ASSIGNMENT_DIR.match(d.name)}
    return sorted(found)


def form_folder(near: Path) -> Path:
    """Where the plan form is kept: the m09 exercise folder, so that it is collected with the
    submission; ``near`` itself when no such folder is found."""
    near = Path(near).resolve()
    for candidate in (near, near.parent / PLAN_ASSIGNMENT, near.parent.parent / "exercises" / near.name / PLAN_ASSIGNMENT):
        if candidate.name == PLAN_ASSIGNMENT and candidate.is_dir():
            return candidate
    return near


def build_plan(folders: list[Path], form: dict[str, Any] | None = None) -> ReturnToWorkPlan:
    """The plan of the team whose answers files sit in ``folders``.

    The structured sections come from ``form`` or, when it is None, from the saved m09
    plan form (:data:`FORM_ID`, looked up in the same folders); every module prompt
    answered in those folders is attached as a note of the section it feeds.
    """
    if form is None:
        form = next((stored for folder in folders
                     if isinstance(stored := answers.read_answer(FORM_ID, Path(folder)), dict)), {})
    plan = ReturnToWorkPlan.from_dict(form)
    plan.notes = [Note(pid, text) for pid, text in sorted(plan_answers(folders).items())]
    return plan
