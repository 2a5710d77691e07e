"""``asm-course collect``: submissions from an LMS or e-mail export into ``submitted/``.

Accepted layouts (in a folder or a zip):

* flat: ``<participant>_<key>.ipynb`` where ``<key>`` is the notebook name
  (``m00_exercises``), the assignment id (``m00_getting_started``) or the module id
  (``m00``); answers file ``<participant>_<module>_answers.json`` (or
  ``<participant>_<assignment>_answers.json``) next to it;
* one folder per participant: ``<participant>/<notebook>.ipynb`` (any depth below the
  participant folder), answers file ``<module>_answers.json`` beside the notebook.

Participant ids: letters, digits, ``_ . @ -`` (max 100), starting with a letter or digit.
Anything ambiguous (unknown or duplicated names, a notebook that matches no module) is
refused as a whole, naming the files; nothing is written then.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from asm_course.grading.paths import PARTICIPANT_RE, Assignment, CourseDir
from asm_course.i18n import t

IGNORED = ("__MACOSX", ".DS_Store", ".ipynb_checkpoints", "Thumbs.db")
MAX_ZIP_BYTES = 500 * 1024 * 1024


@dataclass(frozen=True)
class Item:
    """One submission: where it comes from and where it goes."""

    participant: str
    assignment: str
    notebook: str  # target file name
    path: Path  # the notebook in the export
    answers: Path | None
    mtime: float
    label: str = ""  # the file as named in the export


class CollectError(ValueError):
    """The export cannot be collected; the message lists every problem."""


def _keys(assignments: list[Assignment]) -> dict[str, tuple[Assignment, str]]:
    """Suffix -> (assignment, notebook): notebook stem, assignment id, module id."""
    keys: dict[str, tuple[Assignment, str]] = {}
    for a in assignments:
        for nb in a.notebooks:
            keys[nb[:-len(".ipynb")]] = (a, nb)
        if len(a.notebooks) == 1:
            keys.setdefault(a.id, (a, a.notebooks[0]))
            keys.setdefault(a.module, (a, a.notebooks[0]))
    return keys


def _wanted(path: Path) -> bool:
    return not any(part in IGNORED or part.startswith("._") for part in path.parts)


def plan(export: Path, assignments: list[Assignment]) -> list[Item]:
    """Map every notebook of an export (an extracted folder) to its destination."""
    keys = _keys(assignments)
    notebook_names = {nb: a for a in assignments for nb in a.notebooks}
    problems: list[str] = []
    items: list[Item] = []
    for path in sorted(p for p in export.rglob("*.ipynb") if p.is_file() and _wanted(p.relative_to(export))):
        rel = path.relative_to(export)
        if len(rel.parts) > 1 and path.name in notebook_names:  # folder per participant
            participant = rel.parts[0]
            assignment = notebook_names[path.name]
            notebook = path.name
            answers: Path | None = path.parent / assignment.answers_file
        else:
            stem = path.stem
            match = [(k, v) for k, v in keys.items() if stem.endswith("_" + k)]
            if not match:
                problems.append(t("grading.collect.unknown", file=str(rel)))
                continue
            key, (assignment, notebook) = max(match, key=lambda kv: len(kv[0]))
            participant = stem[: -len(key) - 1]
            candidates = [path.parent / f"{participant}_{assignment.answers_file}",
                          path.parent / f"{participant}_{assignment.id}_answers.json"]
            answers = next((c for c in candidates if c.is_file()), None)
        if not PARTICIPANT_RE.match(participant):
            problems.append(t("grading.collect.bad_participant", file=str(rel), participant=participant))
            continue
        items.append(Item(participant, assignment.id, notebook, path,
                          answers if answers and answers.is_file() else None, path.stat().st_mtime,
                          str(rel)))
    seen: dict[tuple[str, str, str], list[Item]] = {}
    for item in items:
        seen.setdefault((item.participant.lower(), item.assignment, item.notebook), []).append(item)
    for group in seen.values():
        if len(group) > 1:
            problems.append(t("grading.collect.duplicate", participant=group[0].participant,
                              assignment=group[0].assignment,
                              files=", ".join(i.label for i in group)))
    if problems:
        raise CollectError("\n".join(problems))
    return items


def extract(archive: Path, into: Path) -> Path:
    """Extract a zip safely (no absolute paths, no ``..``, bounded size)."""
    with zipfile.ZipFile(archive) as zf:
        total = 0
        for info in zf.infolist():
            name = Path(info.filename)
            if name.is_absolute() or ".." in name.parts:
                raise CollectError(t("grading.collect.unsafe_zip", file=info.filename))
            total += info.file_size
            if total > MAX_ZIP_BYTES:
                raise CollectError(t("grading.collect.zip_too_big"))
        for info in zf.infolist():
            target = into / info.filename
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst)
            stamp = datetime(*info.date_time).timestamp()
            os.utime(target, (stamp, stamp))
    return into


def apply(items: list[Item], course: CourseDir, replace: bool) -> list[str]:
    """Copy submissions into ``submitted/``; existing ones only with ``replace`` (the old
    folder goes to ``backups/``). Returns messages; raises before writing if blocked."""
    existing = [i for i in items if (course.submitted / i.participant / i.assignment).exists()]
    if existing and not replace:
        raise CollectError(t("grading.collect.exists", who=", ".join(
            f"{i.participant}/{i.assignment}" for i in existing)))
    course.private(course.submitted)
    messages = []
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    for item in items:
        dest = course.submitted / item.participant / item.assignment
        if dest.exists():
            backup = course.private(course.backups) / "submitted" / item.participant / f"{item.assignment}-{stamp}"
            backup.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(dest), str(backup))
            messages.append(t("grading.collect.backed_up", who=f"{item.participant}/{item.assignment}",
                              backup=str(backup)))
        dest.mkdir(parents=True)
        shutil.copyfile(item.path, dest / item.notebook)
        if item.answers:
            from asm_course.grading.paths import answers_filename

            shutil.copyfile(item.answers, dest / answers_filename(item.assignment))
        when = datetime.fromtimestamp(item.mtime, timezone.utc)
        (dest / "timestamp.txt").write_text(when.strftime("%Y-%m-%d %H:%M:%S.%f %Z"), encoding="utf-8")
    return messages


def collect(export: Path, course: CourseDir, assignments: list[Assignment], *, dry_run: bool = False,
            replace: bool = False) -> tuple[list[Item], list[str]]:
    """Plan (and unless ``dry_run`` apply) the collection of a folder or zip export."""
    with tempfile.TemporaryDirectory(prefix="asm-collect-") as tmp:
        folder = extract(export, Path(tmp)) if export.is_file() else export
        items = plan(folder, assignments)
        messages = [] if dry_run else apply(items, course, replace)
    return items, messages
