"""``asm-course grades``: one CSV row per participant x module x question.

``status`` tells apart ``graded`` (score given), ``failed`` (the notebook could not be
graded: see ``reason``), ``pending`` (submitted, not graded yet) and ``not_submitted``;
the score is empty unless graded. The file is UTF-8 with a byte-order mark, so Excel
(the trainers' usual tool) shows accented names correctly; Python reads it with
``encoding="utf-8-sig"``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass
from pathlib import Path

from asm_course.grading import status as st
from asm_course.grading.paths import CourseDir

TOTAL = "TOTAL"
PENDING = "pending"
PLAN = "return_to_work_plan"  # the "module" of the plan-completeness rows
COLUMNS = ["participant", "module", "question", "score", "max_score", "status",
           "needs_manual_grade", "reason", "flags", "comment"]


@dataclass
class Row:
    participant: str
    module: str
    question: str
    score: float | None
    max_score: float
    status: str
    needs_manual_grade: bool | None = None
    reason: str = ""
    flags: str = ""
    comment: str = ""  # the trainer's comment on the answer (formgrader), if any


def collect_rows(course: CourseDir, db_url: str, assignments: list[str] | None = None) -> list[Row]:
    """Every row of the grade table (questions in notebook order, then a TOTAL row)."""
    from nbgrader.api import Gradebook

    from asm_course.grading.autograde import fast_alembic_version
    from asm_course.nbgrader_settings import COURSE_ID

    fast_alembic_version()
    saved = st.load(course.status_file)["assignments"]
    rows: list[Row] = []
    with Gradebook(db_url, COURSE_ID) as gb:
        names = sorted({a.name for a in gb.assignments} | set(saved))
        if assignments:
            names = [n for n in names if n in assignments or n.split("_")[0] in assignments]
        people = sorted({s.id for s in gb.students} | {p for a in saved.values() for p in a}
                        | {p for n in names for p in course.submissions(n)})
        for name in names:
            try:
                assignment = gb.find_assignment(name)
            except Exception:
                continue
            questions = list(dict.fromkeys(
                (c.name, c.max_score) for nb in assignment.notebooks
                for c in list(nb.grade_cells) + list(nb.task_cells)))
            maximum = sum(m for _, m in questions)
            submitted = set(course.submissions(name))
            for person in people:
                entry = saved.get(name, {}).get(person)
                try:
                    sub = gb.find_submission(name, person)
                except Exception:
                    sub = None
                state = entry["status"] if entry else (st.GRADED if sub else
                                                       PENDING if person in submitted else st.NOT_SUBMITTED)
                reason = (entry or {}).get("reason") or ""
                flags = "; ".join((entry or {}).get("flags", []))
                grades, comments = {}, {}
                if state == st.GRADED and sub is not None:
                    grades = {g.name: g for nb in sub.notebooks for g in nb.grades}
                    comments = {c.name: c.manual_comment for nb in sub.notebooks for c in nb.comments
                                if c.manual_comment}
                for qname, qmax in questions:
                    g = grades.get(qname)
                    rows.append(Row(person, name, qname, None if g is None else g.score, qmax, state,
                                    None if g is None else bool(g.needs_manual_grade), reason, flags,
                                    comments.get(qname, "")))
                total = None if not grades else sum(g.score or 0 for g in grades.values())
                rows.append(Row(person, name, TOTAL, total, maximum, state,
                                None if not grades else any(g.needs_manual_grade for g in grades.values()),
                                reason, flags))
    return rows + plan_rows(course)


def plan_rows(course: CourseDir) -> list[Row]:
    """One row per team that saved a return-to-work plan: sections complete out of eight, and
    the first point the validator says is still open (``asm-course plans`` shows them all)."""
    from asm_course.grading.plans import team_plans
    from asm_course.plan import SECTIONS

    return [Row(team.participant, PLAN, TOTAL, team.sections_complete, len(SECTIONS), st.GRADED, False,
                team.gaps[0].text() if team.gaps else "")
            for team in team_plans(course.submitted)]


def to_csv(rows: list[Row]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        data = asdict(row)
        data["score"] = "" if row.score is None else f"{row.score:g}"
        data["max_score"] = f"{row.max_score:g}"
        data["needs_manual_grade"] = "" if row.needs_manual_grade is None else str(row.needs_manual_grade).lower()
        writer.writerow(data)
    return buf.getvalue()


def write_csv(rows: list[Row], out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(to_csv(rows), encoding="utf-8-sig")
    return out
