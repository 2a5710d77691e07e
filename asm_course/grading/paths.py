"""Where things are: the shipped solutions, the trainer's course folder, assignments."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

ASSIGNMENT_RE = re.compile(r"^(m\d\d)_[a-z0-9_]+$")
PARTICIPANT_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,99}$")
STATUS_FILE = "grading_status.json"


def package_root() -> Path:
    """The folder that holds the ``asm_course`` package (the repo root in a checkout)."""
    return Path(__file__).resolve().parents[2]


def default_source(lang: str) -> Path:
    """``solutions/<lang>`` next to the package (repo checkout / editable install),
    else shipped inside the package as ``asm_course/_solutions/<lang>``."""
    for candidate in (
        package_root() / "solutions" / lang,
        Path(__file__).resolve().parents[1] / "_solutions" / lang,
    ):
        if candidate.is_dir():
            return candidate
    return package_root() / "solutions" / lang


def module_id(assignment: str) -> str:
    """``m00_getting_started`` -> ``m00`` (the prefix before the first underscore)."""
    match = ASSIGNMENT_RE.match(assignment)
    return match.group(1) if match else assignment.split("_", 1)[0]


def answers_filename(assignment: str) -> str:
    """The answers file that answer widgets write beside the notebook: ``m00_answers.json``."""
    return f"{module_id(assignment)}_answers.json"


@dataclass(frozen=True)
class Assignment:
    """One assignment of the source tree: its id, folder and notebook names."""

    id: str
    folder: Path
    notebooks: tuple[str, ...]  # file names, e.g. ("m00_exercises.ipynb",)

    @property
    def module(self) -> str:
        return module_id(self.id)

    @property
    def answers_file(self) -> str:
        return answers_filename(self.id)


def discover_assignments(source: Path, only: list[str] | None = None) -> list[Assignment]:
    """Assignments under ``source`` (folders with notebooks), optionally filtered by
    assignment id or module id (``m00`` matches ``m00_getting_started``)."""
    found: list[Assignment] = []
    if not source.is_dir():
        return found
    for folder in sorted(p for p in source.iterdir() if p.is_dir() and not p.name.startswith(".")):
        notebooks = tuple(sorted(p.name for p in folder.glob("*.ipynb")))
        if notebooks:
            found.append(Assignment(folder.name, folder, notebooks))
    if only:
        wanted = set(only)
        found = [a for a in found if a.id in wanted or a.module in wanted]
        missing = wanted - {a.id for a in found} - {a.module for a in found}
        if missing:
            from asm_course.i18n import t

            raise SystemExit(t("grading.error.unknown_module", modules=", ".join(sorted(missing)),
                               source=str(source)))
    return found


@dataclass(frozen=True)
class CourseDir:
    """The trainer's working folder (nbgrader layout plus our status and reports)."""

    root: Path

    @property
    def submitted(self) -> Path:
        return self.root / "submitted"

    @property
    def autograded(self) -> Path:
        return self.root / "autograded"

    @property
    def feedback(self) -> Path:
        return self.root / "feedback"

    @property
    def release(self) -> Path:
        return self.root / "release"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def status_file(self) -> Path:
        return self.root / STATUS_FILE

    def private(self, path: Path) -> Path:
        """Create ``path`` (a folder) readable by the trainer only."""
        path.mkdir(parents=True, exist_ok=True)
        os.chmod(path, 0o700)
        return path

    def submissions(self, assignment: str) -> list[str]:
        """Participants with a submitted folder for ``assignment``, sorted."""
        if not self.submitted.is_dir():
            return []
        return sorted(p.name for p in self.submitted.iterdir() if (p / assignment).is_dir())
