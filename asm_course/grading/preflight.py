"""Trainer-side checks before a batch writes anything: the course folder is writable
and has room, the gradebook is a readable database, every module to grade was
released from this course folder. Each problem is ONE clear message (``TrainerFault``)
and nothing has been written when it is raised; the same holds for a disk that fills
up or a folder that turns read-only during the batch (``fault_from_os_error``).
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

from asm_course.i18n import t

MIN_FREE_MB = 20  # gradebook transaction, status file, one autograded copy
PER_TASK_MB = 2


class TrainerFault(Exception):
    """A problem of the trainer's machine or folders, not of any participant: stop the
    batch and mark nobody failed."""


def check_course_folder(root: Path, tasks: int) -> None:
    """The course folder exists, accepts new files and has room for ``tasks`` gradings."""
    try:
        fd, probe = tempfile.mkstemp(prefix=".asm-write-check-", dir=root)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise fault_from_os_error(exc, root) from exc
    free_mb = shutil.disk_usage(root).free // (1024 * 1024)
    needed = MIN_FREE_MB + PER_TASK_MB * tasks
    if free_mb < needed:
        raise TrainerFault(t("grading.fault.disk_full", folder=str(root), free=free_mb, needed=needed))


def fault_from_os_error(exc: OSError, where: Path) -> TrainerFault | OSError:
    """The trainer-facing fault for a write error of the machine (full disk, read-only
    folder, no permission); any other error is returned unchanged."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return TrainerFault(t("grading.fault.disk_full_now", folder=str(where), error=exc.strerror))
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return TrainerFault(t("grading.fault.read_only", folder=str(where), error=exc.strerror))
    return exc


def check_gradebook(db_url: str) -> None:
    """The gradebook opens as an nbgrader database (a new one may be created)."""
    from nbgrader.api import Gradebook
    from sqlalchemy.exc import SQLAlchemyError

    from asm_course.nbgrader_settings import COURSE_ID

    if db_url.startswith("sqlite:///"):
        path = Path(db_url[len("sqlite:///"):])
        if path.exists() and path.stat().st_size:
            with open(path, "rb") as fh:
                if not fh.read(16).startswith(b"SQLite format 3"):
                    raise TrainerFault(t("grading.fault.gradebook_corrupt", db=str(path),
                                         error="not an SQLite file"))
    try:
        with Gradebook(db_url, COURSE_ID) as gb:
            list(gb.assignments)
    except (SQLAlchemyError, ValueError, OSError) as exc:
        shown = db_url.split("@")[-1]  # never print a password
        raise TrainerFault(t("grading.fault.gradebook_corrupt", db=shown,
                             error=str(exc).splitlines()[0][:300])) from exc


def check_released(release_root: Path, lang: str, assignments: list[str]) -> None:
    """Every assignment to grade was released from this course folder."""
    missing = [a for a in assignments if not (release_root / lang / a).is_dir()]
    if missing:
        raise TrainerFault(t("grading.fault.not_released", modules=", ".join(missing),
                             folder=str(release_root / lang)))
