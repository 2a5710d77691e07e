"""Reading and repairing notebooks: submissions as participants send them."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from asm_course.i18n import t

HIDDEN_RE = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS", re.S)
SOLUTION_RE = re.compile(r"### BEGIN SOLUTION(.*?)### END SOLUTION", re.S)
MARK_SCHEME_RE = re.compile(r"=== BEGIN MARK SCHEME ===.*?=== END MARK SCHEME ===", re.S)
LEAK_MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS", "MARK SCHEME")
MAX_NOTEBOOK_BYTES = 50 * 1024 * 1024


class NotebookError(ValueError):
    """A submission that cannot be graded; the message is shown to the trainer."""


@dataclass
class Cleaned:
    """A submission ready for grading, with what was repaired on the way."""

    nb: NotebookNode
    notes: list[str] = field(default_factory=list)


def nbgrader_meta(cell: NotebookNode) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def grade_id(cell: NotebookNode) -> str | None:
    return nbgrader_meta(cell).get("grade_id")


def is_locked(cell: NotebookNode) -> bool:
    return bool(nbgrader_meta(cell).get("locked"))


def is_editable_by_participant(cell: NotebookNode) -> bool:
    """Answer cells and cells the participant added (no nbgrader metadata)."""
    meta = nbgrader_meta(cell)
    return bool(meta.get("solution")) or not meta.get("grade_id")


def load_submission(path: Path) -> Cleaned:
    """Read a submitted notebook: clear message on bad JSON, upgrade old formats,
    de-duplicate ``grade_id`` cells (keep the last copy)."""
    raw = path.read_bytes()
    if len(raw) > MAX_NOTEBOOK_BYTES:
        raise NotebookError(t("grading.fail.too_big", mb=len(raw) // (1024 * 1024)))
    try:
        data = json.loads(raw.decode("utf-8", errors="replace"))
    except json.JSONDecodeError as exc:
        raise NotebookError(t("grading.fail.json", line=exc.lineno, col=exc.colno)) from None
    if not isinstance(data, dict) or "nbformat" not in data:
        raise NotebookError(t("grading.fail.not_notebook"))
    notes = []
    version = data.get("nbformat")
    try:
        nb = nbformat.reads(json.dumps(data), as_version=4)
    except Exception as exc:  # nbformat raises several types for broken documents
        raise NotebookError(t("grading.fail.nbformat", version=version, error=str(exc)[:200])) from None
    if version != 4:
        notes.append(t("grading.note.upgraded", version=version))
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError:
        nb = _repair(nb)
        notes.append(t("grading.note.repaired"))
    duplicated = dedupe_grade_ids(nb)
    if duplicated:
        notes.append(t("grading.note.duplicates", ids=", ".join(duplicated)))
    return Cleaned(nb, notes)


def _repair(nb: NotebookNode) -> NotebookNode:
    """Add missing ids and drop unknown keys so a hand-edited notebook validates."""
    import uuid

    for cell in nb.cells:
        cell.setdefault("metadata", {})
        if "id" not in cell:
            cell["id"] = uuid.uuid4().hex[:8]
        if cell.get("cell_type") == "code":
            cell.setdefault("outputs", [])
            cell.setdefault("execution_count", None)
    return nb


def dedupe_grade_ids(nb: NotebookNode) -> list[str]:
    """Keep nbgrader metadata on the LAST cell of each ``grade_id`` only.

    nbgrader's own DeduplicateIds blanks the earlier copy, then aborts the whole batch
    with a misleading "old metadata" error (stack.md §1.5). Returns the repaired ids.
    """
    last: dict[str, int] = {}
    for index, cell in enumerate(nb.cells):
        gid = grade_id(cell)
        if gid:
            last[gid] = index
    repaired = []
    for index, cell in enumerate(nb.cells):
        gid = grade_id(cell)
        if gid and last[gid] != index:
            for key in ("nbgrader", "deletable", "editable"):
                cell.metadata.pop(key, None)
            repaired.append(gid)
    return sorted(set(repaired))


def hidden_test_lines(source_nb: NotebookNode) -> list[str]:
    """Non-trivial source lines inside hidden-test regions of a source notebook."""
    lines = []
    for cell in source_nb.cells:
        for block in HIDDEN_RE.findall(cell.source):
            for line in block.splitlines()[1:-1]:
                if len(line.strip()) >= 8:
                    lines.append(line.strip())
    return lines


def solution_lines(source_nb: NotebookNode) -> list[str]:
    """Non-trivial lines of solution regions (to detect solutions leaking to a release)."""
    lines = []
    public = "\n".join(SOLUTION_RE.sub("", c.source) for c in source_nb.cells)
    for cell in source_nb.cells:
        for block in SOLUTION_RE.findall(cell.source):
            for line in block.splitlines():
                text = line.strip()
                if len(text) >= 12 and not text.startswith("#") and text not in public:
                    lines.append(text)
    return lines


def read(path: Path) -> NotebookNode:
    return nbformat.read(str(path), as_version=4)


def write(nb: NotebookNode, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
