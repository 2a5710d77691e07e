"""What ``asm-course lab`` serves: the work folder, the participant's view of it, and
the start page of the chosen language.

Participants get a view folder that holds only ``course/`` and ``exercises/`` (links to
the work folder's own), so neither the file browser nor the contents API can reach
``solutions/``; trainers get the work folder itself.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from asm_course import layout
from asm_course.i18n import t

VIEW_FOLDER = ".asm-course-lab"          # inside the work folder; hidden, so never served
PARTICIPANT_FOLDERS = layout.CONTENT_FOLDERS  # ("course", "exercises")


class LabError(Exception):
    """A problem the person starting the lab can fix; the message says how."""


def work_folder(requested: Path | None, trainer: bool = False) -> Path:
    """The folder to work in: ``--dir`` (filled from the packaged copy when something is
    missing), else the repository clone, else ``./asm-course``. Trainers also get
    ``solutions/``."""
    repo = layout.repository_root()
    if requested is None:
        if repo is not None:
            return repo
        requested = Path.cwd() / "asm-course"
    requested = requested.resolve()
    sources = {name: (repo or layout.packaged_content()) / name for name in layout.CONTENT_FOLDERS}
    if trainer:
        sources["solutions"] = repo / "solutions" if repo else layout.packaged_solutions()
    missing = {name: source for name, source in sources.items()
               if not (requested / name).exists() and source.is_dir()}
    if missing:
        print(t("lab.copying", folder=requested), flush=True)
    for name, source in missing.items():
        shutil.copytree(source, requested / name)
    return requested


def participant_view(work: Path) -> Path:
    """``<work>/.asm-course-lab/participant``: links to ``course/`` and ``exercises/`` only.

    Files a participant creates at the top of the file browser stay there between runs."""
    view = work / VIEW_FOLDER / "participant"
    view.mkdir(parents=True, exist_ok=True)
    for name in PARTICIPANT_FOLDERS:
        link = view / name
        if link.is_symlink() or not link.exists():
            link.unlink(missing_ok=True)
            link.symlink_to(Path("..", "..", name), target_is_directory=True)
    return view


def course_languages(folder: Path) -> list[str]:
    """Languages whose start page exists in ``folder`` (e.g. ``["en"]``)."""
    return sorted(p.parent.name for p in folder.glob(layout.start_page("*")) if p.is_file())


@dataclass(frozen=True)
class StartPage:
    """The page to open, and the note to print when it is not in the language asked for."""

    path: str
    note: str | None = None


def start_page(folder: Path, lang: str, shown: Path | None = None) -> StartPage:
    """The start page of ``lang`` in ``folder``; the English one, with a note, when the
    course has no pages in ``lang`` yet; a ``LabError`` saying what was looked for and where
    when there is no start page at all. Messages name ``shown`` (the work folder that
    ``folder`` is a view of), else ``folder``."""
    wanted = layout.start_page(lang)
    where = shown or folder
    if (folder / wanted).is_file():
        return StartPage(wanted)
    available = course_languages(folder)
    if available:
        fallback = "en" if "en" in available else available[0]
        page = layout.start_page(fallback)
        return StartPage(page, t("lab.no_course_lang", page=wanted, folder=where, fallback=page,
                                 available=", ".join(available)))
    raise LabError(t("lab.no_course", page=wanted, folder=where))
