"""The return-to-work plan: prompts answered along the course, collected for the capstone.

Each module ends with two or three prompts ("For your return-to-work plan"). Their answers
are stored like answer widgets, in ``<module>_answers.json`` beside the exercise notebook,
under ids such as ``"m01.plan1"``; :func:`plan_answers` gathers them for the plan builder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from asm_course import answers, layout

PLAN_ID = layout.PLAN_PROMPT_ID


@dataclass(frozen=True)
class PlanPrompt:
    """One prompt; its text is the catalogue entry ``<id>.title`` (e.g. ``m01.plan1.title``)."""

    id: str

    def __post_init__(self) -> None:
        if not PLAN_ID.match(self.id):
            raise ValueError(f"plan prompt id {self.id!r} must look like 'm01.plan1'")

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
