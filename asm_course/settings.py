"""Run-time switches a trainer or the grading environment sets (no state of its own)."""

from __future__ import annotations

import json
import os
from pathlib import Path

SOLUTIONS_ENV = "ASM_COURSE_SOLUTIONS"
SETTINGS_FILE = "asm_course_settings.json"
_OFF = {"0", "false", "no", "off"}


def grading_run() -> str | None:
    """``"autograde"`` or ``"validate"`` while nbgrader executes the notebook, else None."""
    return os.environ.get("NBGRADER_EXECUTION") or None


def _folder_settings(folder: Path) -> dict:
    """Settings a trainer shipped with a release (``asm_course_settings.json``)."""
    path = folder / SETTINGS_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def solutions_enabled(folder: Path | None = None) -> bool:
    """Whether ``solution()`` may show worked answers.

    Off during nbgrader runs, when ``$ASM_COURSE_SOLUTIONS`` is 0/false/off, or when
    the release folder carries ``{"solutions": false}`` in asm_course_settings.json.
    """
    if grading_run():
        return False
    if os.environ.get(SOLUTIONS_ENV, "").strip().lower() in _OFF:
        return False
    return _folder_settings(folder or Path.cwd()).get("solutions", True) is not False
