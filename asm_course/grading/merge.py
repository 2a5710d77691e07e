"""Copying one job's grades into the real gradebook: ONE transaction per participant.

Either every grade, comment and the submission row of that participant is written,
or nothing is (rollback). Manual grades already given by the trainer are kept.
"""

from __future__ import annotations

from nbgrader import api as nbapi
from nbgrader.api import Gradebook


def read_job(job_db_url: str, assignment: str, student: str) -> dict:
    """The job's autograde results as plain data."""
    with Gradebook(job_db_url, "asm_course") as gb:
        sub = gb.find_submission(assignment, student)
        return {
            "timestamp": sub.timestamp,
            "notebooks": {
                nb.name: {
                    "late_penalty": nb.late_submission_penalty,
                    "grades": {g.name: (g.auto_score, g.needs_manual_grade) for g in nb.grades},
                    "comments": {c.name: c.auto_comment for c in nb.comments},
                }
                for nb in sub.notebooks
            },
        }


def merge(gb: Gradebook, assignment: str, student: str, data: dict) -> float:
    """Write ``data`` (from ``read_job``) for ``student``; returns the auto score total."""
    db = gb.db
    try:
        if db.get(nbapi.Student, student) is None:
            db.add(nbapi.Student(id=student))
            db.flush()
        sub = (db.query(nbapi.SubmittedAssignment)
               .join(nbapi.Assignment, nbapi.Assignment.id == nbapi.SubmittedAssignment.assignment_id)
               .filter(nbapi.Assignment.name == assignment,
                       nbapi.SubmittedAssignment.student_id == student)
               .one_or_none())
        if sub is None:
            sub = _new_submission(db, gb, assignment, student)
        sub.timestamp = data["timestamp"]
        total = 0.0
        for nb in sub.notebooks:
            job_nb = data["notebooks"].get(nb.name)
            if job_nb is None:
                continue
            nb.late_submission_penalty = job_nb["late_penalty"]
            for grade in nb.grades:
                if grade.name in job_nb["grades"]:
                    auto, needs = job_nb["grades"][grade.name]
                    grade.auto_score = auto
                    grade.needs_manual_grade = bool(needs) and grade.manual_score is None
                    total += auto or 0.0
            for comment in nb.comments:
                if comment.name in job_nb["comments"]:
                    comment.auto_comment = job_nb["comments"][comment.name]
        db.commit()
        return total
    except BaseException:
        db.rollback()
        raise


def _new_submission(db, gb: Gradebook, assignment: str, student: str):
    """Like ``Gradebook.add_submission`` but without committing."""
    found = gb.find_assignment(assignment)
    with db.no_autoflush:
        sub = nbapi.SubmittedAssignment(assignment=found, student=db.get(nbapi.Student, student))
        db.add(sub)
        for notebook in found.notebooks:
            nb = nbapi.SubmittedNotebook(notebook=notebook, assignment=sub)
            db.add(nb)
            for cell in notebook.grade_cells:
                db.add(nbapi.Grade(cell_id=cell.id, notebook=nb))
            for cell in notebook.solution_cells:
                db.add(nbapi.Comment(cell_id=cell.id, notebook=nb))
            for cell in notebook.task_cells:
                db.add(nbapi.Comment(cell_id=cell.id, notebook=nb))
                db.add(nbapi.Grade(cell_id=cell.id, notebook=nb))
    db.flush()
    return sub
