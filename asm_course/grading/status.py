"""The durable record of every grading attempt: ``grading_status.json`` in the course
folder (graded / failed, with reason, flags for the trainer and notes)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from asm_course import layout

GRADED, FAILED, NOT_SUBMITTED = "graded", "failed", "not_submitted"


def load(path: Path) -> dict:
    """``{"assignments": {assignment: {participant: entry}}}`` (empty if missing)."""
    if not path.is_file():
        return {"assignments": {}}
    data = json.loads(path.read_text(encoding="utf-8"))
    data.setdefault("assignments", {})
    return data


def save(path: Path, data: dict) -> None:
    """Write atomically (never a half-written file), readable by the trainer only."""
    layout.write_json_atomic(path, data, mode=0o600)


def entry(status: str, *, reason: str | None = None, flags: list[str] | None = None,
          notes: list[str] | None = None, score: float | None = None,
          max_score: float | None = None, cause: str | None = None,
          submission: str | None = None) -> dict:
    """One participant's record; ``cause`` says why it failed (``jobs.explain_failure``),
    ``submission`` fingerprints what was graded (a rerun skips it if unchanged)."""
    return {"status": status, "reason": reason, "flags": flags or [], "notes": notes or [],
            "score": score, "max_score": max_score, "cause": cause, "submission": submission,
            "time": datetime.now(timezone.utc).isoformat(timespec="seconds")}


def record(data: dict, assignment: str, participant: str, item: dict) -> None:
    data["assignments"].setdefault(assignment, {})[participant] = item
