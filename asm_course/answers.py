"""Answers given through widgets, stored beside the notebook so they can be graded.

Autograding re-executes the notebook in a fresh kernel, so what is on screen is lost.
An answer widget therefore writes every choice to ``<module>_answers.json`` in the
notebook's folder (the kernel's working directory) and reads it back when the cell runs
again. The file travels with the submission and is what ``nbgrader autograde`` grades.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from asm_course import layout


def answers_path(module: str, folder: Path | None = None) -> Path:
    """Where the answers of ``module`` (e.g. ``"m00"``) are kept."""
    base = folder or Path(layout.ANSWERS_DIR.get() or Path.cwd())
    return Path(base) / layout.answers_filename(module)


def read_answers(module: str, folder: Path | None = None) -> dict[str, Any]:
    """All stored answers of a module; an unreadable file counts as no answers."""
    path = answers_path(module, folder)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def read_answer(question_id: str, folder: Path | None = None) -> Any:
    """The stored answer of ``"m00.q3"``, or None when there is none."""
    return read_answers(layout.module_of(question_id), folder).get(question_id)


def save_answer(question_id: str, value: Any, folder: Path | None = None) -> bool:
    """Store an answer atomically; returns False (and writes nothing) during grading.

    nbgrader runs must never change a participant's answers, and a solution notebook
    validated by nbgrader must never leave an answers file in ``solutions/``.
    """
    if layout.grading_run():
        return False
    module = layout.module_of(question_id)
    answers = read_answers(module, folder)
    answers[question_id] = value
    layout.write_json_atomic(answers_path(module, folder), answers)
    return True
