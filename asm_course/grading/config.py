"""One nbgrader configuration for the whole course.

The course-wide settings live in ``asm_course.nbgrader_settings`` (also used by
``nbgrader_config.py``); ``make_config`` adds the paths of one run of the trainer
pipeline (course folder, source folder, gradebook).
"""

from __future__ import annotations

import os
from pathlib import Path

from traitlets.config import Config

from asm_course.nbgrader_settings import course_config, put_environment_on_path

COURSE_ID = "asm_course"
DB_ENV = "ASM_COURSE_DB_URL"


def default_db_url(course_dir: Path) -> str:
    """``$ASM_COURSE_DB_URL`` or a SQLite gradebook in the course folder."""
    return os.environ.get(DB_ENV) or f"sqlite:///{Path(course_dir).resolve() / 'gradebook.db'}"


def make_config(
    course_dir: Path,
    source_dir: Path,
    db_url: str,
    lang: str = "en",
    release_dir: Path | None = None,
) -> Config:
    """Course settings plus the folders and gradebook of one pipeline run.

    Source and release folders may be absolute (nbgrader joins them to the root).
    """
    put_environment_on_path()
    c = course_config(lang)
    c.CourseDirectory.root = str(Path(course_dir).resolve())
    c.CourseDirectory.source_directory = str(Path(source_dir).resolve())
    c.CourseDirectory.release_directory = str(
        Path(release_dir).resolve() if release_dir else Path(course_dir).resolve() / "release"
    )
    c.CourseDirectory.db_url = db_url
    c.CourseDirectory.submitted_directory = "submitted"
    c.CourseDirectory.autograded_directory = "autograded"
    c.CourseDirectory.feedback_directory = "feedback"
    return c
