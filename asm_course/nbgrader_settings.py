"""The one nbgrader configuration of the course, used by ``nbgrader_config.py``, the
authoring tools and the trainer pipeline alike."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from traitlets.config import Config

from asm_course import layout
from asm_course.i18n import t

COURSE_ID = "asm_course"
IGNORED_WARNINGS = r"(FutureWarning|DeprecationWarning|UserWarning|RuntimeWarning)"


def course_config(lang: str = "en", cell_timeout: int = 60) -> Config:
    """nbgrader settings for ``solutions/<lang>`` → ``exercises/<lang>``."""
    c = Config()
    c.CourseDirectory.course_id = COURSE_ID
    c.CourseDirectory.source_directory = os.path.join("solutions", lang)
    c.CourseDirectory.release_directory = os.path.join("exercises", lang)
    # Answers files (``*_answers.json``) must NOT be in CourseDirectory.ignore: nbgrader
    # uses that list when it copies a submission for autograding, and widget answers
    # live there. The release tests check that none ever sits in solutions/.

    # A blank exercise says "Not attempted" instead of crashing on NotImplementedError.
    c.ClearSolutions.code_stub = {"python": t("grading.code_stub", lang=lang)}
    c.ClearSolutions.text_stub = t("grading.text_stub", lang=lang)

    # Grading: a per-cell time limit; a deleted test cell is put back, not lost.
    c.Execute.timeout = cell_timeout
    c.Execute.kernel_name = "python3"
    c.OverwriteCells.add_missing_cells = True

    # Known harmless warnings on stderr must not turn a passing test cell into 0 points.
    c.IgnorePattern.enabled = True
    c.IgnorePattern.pattern = IGNORED_WARNINGS

    # Feedback never shows hidden tests: their source is removed here, and tracebacks
    # are minimal because each exercise's setup cell sets %xmode Minimal in autograde.
    # Widget answers render blank in HTML, so feedback also states them as text.
    c.GenerateFeedback.preprocessors = [
        "nbgrader.preprocessors.GetGrades",
        "nbgrader.preprocessors.ClearHiddenTests",
        "asm_course.grading.feedback.ShowWidgetAnswers",
        "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
    ]
    return c


def put_environment_on_path() -> None:
    """nbgrader runs ``alembic`` through subprocess when it creates a gradebook: make
    sure this environment's executables are found even when the venv is not activated."""
    bin_dir = os.path.dirname(sys.executable)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")


def default_db_url(course_dir: Path) -> str:
    """``$ASM_COURSE_DB_URL`` or a SQLite gradebook in the course folder."""
    return layout.DB_URL.get() or f"sqlite:///{Path(course_dir).resolve() / 'gradebook.db'}"


def make_config(course_dir: Path, source_dir: Path, db_url: str, lang: str = "en",
                release_dir: Path | None = None) -> Config:
    """Course settings plus the folders and gradebook of one run of the trainer pipeline.

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
