"""Self-study progress: which questions a learner has checked as correct."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from asm_course import layout
from asm_course.i18n import t


def progress_file() -> Path:
    """``$ASM_COURSE_HOME/progress.json``, else the user's data folder (XDG)."""
    if layout.HOME.get():
        return Path(layout.HOME.get()) / "progress.json"
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "asm-course" / "progress.json"


def _load() -> dict[str, bool]:
    try:
        data = json.loads(progress_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: bool(v) for k, v in data.items()} if isinstance(data, dict) else {}


def record(question_id: str, correct: bool) -> None:
    """Remember the latest self-check of a question (not during nbgrader runs).

    Once correct, a question stays done: a later wrong try does not undo it.
    """
    if layout.grading_run():
        return
    done = _load()
    done[question_id] = done.get(question_id, False) or correct
    path = progress_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        layout.write_json_atomic(path, done)
    except OSError:
        pass  # progress is a convenience: a read-only disk must not break a check


def progress_table(question_ids: list[str]) -> pd.DataFrame:
    """One row per module: of ``question_ids``, those checked correct and those that remain."""
    done = _load()
    rows = []
    for module in sorted({layout.module_of(qid) for qid in question_ids}):
        mine = [q for q in question_ids if layout.module_of(q) == module]
        correct = [q for q in mine if done.get(q)]
        rows.append({
            t("progress.col_module"): module,
            t("progress.col_correct"): len(correct),
            t("progress.col_questions"): len(mine),
            t("progress.col_todo"): ", ".join(q.split(".")[1] for q in mine if q not in correct) or "-",
        })
    return pd.DataFrame(rows)
