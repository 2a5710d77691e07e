"""The course's conventions, in one place.

- the id grammar: module ``m01``, assignment ``m01_what_is_asm``, question ``m01.q3``, plan
  prompt ``m01.plan2``;
- file names: the exercise notebook ``m01_exercises.ipynb``, the widget answers file
  ``m01_answers.json`` beside it, the trainer's ``asm_course_settings.json``;
- where things are: the repository in a clone, or the copies the wheel carries;
- every environment variable the package reads, with its default and meaning;
- the run-time switches they control (grading run, solutions on/off);
- one atomic JSON write.

Nothing here imports another module of the package, so every module may import it.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# --- ids ----------------------------------------------------------------------------------

MODULE_ID = re.compile(r"^m\d\d$")
ASSIGNMENT_ID = re.compile(r"^(m\d\d)_[a-z0-9_]+$")
QUESTION_ID = re.compile(r"^(m\d\d)\.q\d+$")
PLAN_PROMPT_ID = re.compile(r"^(m\d\d)\.plan\d+$")
_LEADING_MODULE = re.compile(r"^(m\d\d)(?=$|[._])")


def module_of(identifier: str) -> str:
    """The module id at the start of any course id or file name.

    ``"m01.q3"``, ``"m01_what_is_asm"``, ``"m01_answers.json"`` and ``"m01"`` all give
    ``"m01"``; anything else raises ``ValueError`` naming the expected form.
    """
    found = _LEADING_MODULE.match(str(identifier))
    if not found:
        raise ValueError(f"{identifier!r} does not start with a module id such as 'm01' "
                         "(expected 'm01', 'm01.q3', 'm01_slug' or 'm01_answers.json')")
    return found.group(1)


def is_module_id(text: str) -> bool:
    """True for ``"m00"`` … ``"m99"``."""
    return bool(MODULE_ID.match(text))


def question_sort_key(question_id: str) -> tuple[int, str]:
    """Orders ``q2`` before ``q10`` within a module."""
    return (len(question_id), question_id)


# --- file names ---------------------------------------------------------------------------

ANSWERS_SUFFIX = "_answers.json"
ANSWERS_GLOB = "m[0-9][0-9]" + ANSWERS_SUFFIX
SETTINGS_FILE = "asm_course_settings.json"


def answers_filename(identifier: str) -> str:
    """The widget answers file of a module (``m00_answers.json``), from any course id."""
    return module_of(identifier) + ANSWERS_SUFFIX


def exercise_notebook_name(identifier: str) -> str:
    """``m00_exercises.ipynb`` for module, assignment or question ids of m00."""
    return f"{module_of(identifier)}_exercises.ipynb"


# --- where things are ---------------------------------------------------------------------

PACKAGE_DIR = Path(__file__).resolve().parent
CONTENT_FOLDERS = ("course", "exercises")


def repository_root() -> Path | None:
    """The clone this package runs from (editable install), or None when installed."""
    root = PACKAGE_DIR.parent
    return root if (root / "course").is_dir() and (root / "pyproject.toml").is_file() else None


def packaged_content() -> Path:
    """The copy of ``course/`` and ``exercises/`` that the wheel carries."""
    return PACKAGE_DIR / "_content"


def packaged_data() -> Path:
    """The copy of ``data/`` that the wheel carries."""
    return PACKAGE_DIR / "_data"


def packaged_solutions() -> Path:
    """The copy of ``solutions/`` that the wheel carries (for trainer commands)."""
    return PACKAGE_DIR / "_solutions"


def start_page(lang: str) -> str:
    """Path of the course start page, relative to the folder JupyterLab serves."""
    return f"course/{lang}/start_here.ipynb"


# --- environment variables ----------------------------------------------------------------

@dataclass(frozen=True)
class Variable:
    """One environment variable the package reads."""

    name: str
    default: str
    meaning: str

    def get(self) -> str:
        """The value, stripped; the default when unset or empty."""
        return os.environ.get(self.name, "").strip() or self.default


LANG = Variable("ASM_COURSE_LANG", "en", "language of messages and of the trees `asm-course` uses (en, es)")
DATA = Variable("ASM_COURSE_DATA", "", "folder of the data package; default: the wheel's copy, else the clone's data/")
HOME = Variable("ASM_COURSE_HOME", "", "folder of self-study progress; default: $XDG_DATA_HOME/asm-course")
ANSWERS_DIR = Variable("ASM_COURSE_ANSWERS_DIR", "", "folder of widget answers files; default: the notebook's folder")
SOLUTIONS = Variable("ASM_COURSE_SOLUTIONS", "on", "`off` (or 0/false/no) switches `solution()` off")
DB_URL = Variable("ASM_COURSE_DB_URL", "", "gradebook URL for trainer commands; default: SQLite gradebook.db in the course folder")
WORK_DIR = Variable("ASM_COURSE_WORK_DIR", "", "where autograde makes its throw-away job folders; default: the system temp folder")
KEEP_WORK = Variable("ASM_COURSE_KEEP_WORK", "", "any value keeps autograde's job folders (debugging)")
FORMGRADE_TOKEN = Variable("ASM_COURSE_FORMGRADE_TOKEN", "", "token of `asm-course formgrade`; default: a new random one")
NBGRADER_EXECUTION = Variable("NBGRADER_EXECUTION", "", "set by nbgrader while it runs a notebook (autograde, validate)")

ENVIRONMENT: tuple[Variable, ...] = (LANG, DATA, HOME, ANSWERS_DIR, SOLUTIONS, DB_URL, WORK_DIR, KEEP_WORK,
                                     FORMGRADE_TOKEN, NBGRADER_EXECUTION)

_OFF = {"0", "false", "no", "off"}


def grading_run() -> str | None:
    """``"autograde"`` or ``"validate"`` while nbgrader executes the notebook, else None."""
    return NBGRADER_EXECUTION.get() or None


def _folder_settings(folder: Path) -> dict[str, Any]:
    """Settings a trainer shipped with a release (``asm_course_settings.json``)."""
    try:
        found = json.loads((folder / SETTINGS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def solutions_enabled(folder: Path | None = None) -> bool:
    """Whether ``solution()`` may show worked answers.

    Off during nbgrader runs, when ``$ASM_COURSE_SOLUTIONS`` is 0/false/no/off, or when
    the release folder carries ``{"solutions": false}`` in asm_course_settings.json.
    """
    if grading_run():
        return False
    if SOLUTIONS.get().lower() in _OFF:
        return False
    return _folder_settings(folder or Path.cwd()).get("solutions", True) is not False


# --- writing --------------------------------------------------------------------------------

def write_text_atomic(path: Path, text: str, *, mode: int | None = None) -> None:
    """Write UTF-8 ``text`` so that readers see the old file or the new one, never half.

    The text goes to a temporary file in the same folder (with permissions ``mode`` when
    given), is flushed to disk, then replaces ``path``; on any error the temporary file is
    removed and ``path`` is untouched.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json_atomic(path: Path, data: Any, *, indent: int | None = 1, mode: int | None = None) -> None:
    """Write ``data`` as UTF-8 JSON atomically (see :func:`write_text_atomic`)."""
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=True), mode=mode)
