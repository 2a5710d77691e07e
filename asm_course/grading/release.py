"""``asm-course release``: exercises generated from the solutions with real nbgrader,
checked for leaks, compared with ``exercises/<lang>``, optionally zipped per module."""

from __future__ import annotations

import filecmp
import json
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from asm_course.grading import notebooks as nbs
from asm_course.grading.paths import Assignment, CourseDir
from asm_course.i18n import t
from asm_course.layout import SETTINGS_FILE
from asm_course.nbgrader_settings import make_config


@dataclass
class Released:
    assignment: str
    folder: Path
    leaks: list[str] = field(default_factory=list)
    out_of_sync: list[str] = field(default_factory=list)
    zip_path: Path | None = None
    key_folder: Path | None = None


def leaks(folder: Path, source: Path) -> list[str]:
    """Problems in a release folder: markers, answers files, solution or hidden text."""
    secret = []
    for nb_path in source.glob("*.ipynb"):
        src = nbs.read(nb_path)
        secret += nbs.solution_lines(src) + nbs.hidden_test_lines(src)
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder)
        if path.name.endswith("_answers.json"):
            found.append(t("grading.release.leak_answers", file=str(rel)))
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        for marker in nbs.LEAK_MARKERS:
            if marker in text:
                found.append(t("grading.release.leak_marker", file=str(rel), marker=marker))
        if path.suffix == ".ipynb":
            body = "\n".join(c.source for c in nbs.read(path).cells)
            for line in secret:
                if line in body:
                    found.append(t("grading.release.leak_text", file=str(rel), line=line[:80]))
    return found


def _notebook_text(path: Path) -> str:
    """A notebook reduced to what matters for sync: cell types, sources, nbgrader metadata."""
    nb = nbs.read(path)
    return json.dumps([(c.cell_type, c.source, c.metadata.get("nbgrader", {})) for c in nb.cells],
                      sort_keys=True)


def differences(generated: Path, committed: Path) -> list[str]:
    """Files that differ between a fresh release and ``exercises/<lang>/<assignment>``."""
    if not committed.is_dir():
        return [t("grading.release.missing_folder", folder=str(committed))]
    gen = {p.relative_to(generated) for p in generated.rglob("*") if p.is_file()}
    com = {p.relative_to(committed) for p in committed.rglob("*") if p.is_file()
           and ".ipynb_checkpoints" not in p.parts}
    diffs = [str(p) for p in sorted(gen ^ com)]
    for rel in sorted(gen & com):
        a, b = generated / rel, committed / rel
        same = (_notebook_text(a) == _notebook_text(b)) if rel.suffix == ".ipynb" else filecmp.cmp(a, b, shallow=False)
        if not same:
            diffs.append(str(rel))
    return diffs


def answer_key(assignment: Assignment, out: Path) -> Path:
    """The trainer's answer key: the source notebooks with delimiters removed (keeps
    hidden tests and mark schemes: never give it to participants)."""
    folder = out / assignment.id
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name in assignment.notebooks:
        nb = nbs.read(assignment.folder / name)
        for cell in nb.cells:
            cell.source = "\n".join(line for line in cell.source.splitlines()
                                    if not line.strip().startswith(("### BEGIN", "### END")))
        nbs.write(nb, folder / name)
    return folder


def release(course: CourseDir, source: Path, assignments: list[Assignment], db_url: str,
            lang: str = "en", *, make_zip: bool = False, solutions_off: bool = False,
            exercises: Path | None = None) -> list[Released]:
    """Generate, verify and package each assignment; always write the trainer's answer keys.

    With ``solutions_off`` each release carries ``asm_course_settings.json`` saying
    ``{"solutions": false}``, so ``solution()`` shows nothing to that cohort. Raises
    RuntimeError on nbgrader errors."""
    from nbgrader.apps import NbGraderAPI

    from asm_course.grading.autograde import fast_alembic_version

    fast_alembic_version()
    out = course.release / lang
    config = make_config(course.root, source, db_url, lang, release_dir=out)
    api = NbGraderAPI(config=config)
    results = []
    for a in assignments:
        outcome = api.generate_assignment(a.id, force=True)
        if not outcome["success"]:
            raise RuntimeError(t("grading.error.release", assignment=a.id,
                                 error=(outcome.get("error") or outcome.get("log", ""))[-2000:]))
        item = Released(a.id, out / a.id, leaks(out / a.id, a.folder))
        if exercises is not None:
            item.out_of_sync = differences(out / a.id, exercises / a.id)
        if solutions_off:
            (item.folder / SETTINGS_FILE).write_text(json.dumps({"solutions": False}) + "\n", encoding="utf-8")
        if make_zip and not item.leaks:
            item.zip_path = out / f"{a.id}.zip"
            with zipfile.ZipFile(item.zip_path, "w", zipfile.ZIP_DEFLATED) as zf:
                for path in sorted(p for p in item.folder.rglob("*") if p.is_file()):
                    zf.write(path, f"{a.id}/{path.relative_to(item.folder).as_posix()}")
        item.key_folder = answer_key(a, course.private(course.root / "answer_keys") / lang)
        results.append(item)
    return results
