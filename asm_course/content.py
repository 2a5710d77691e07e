"""Where the course content is: the repository in a clone, the wheel's copy otherwise."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
CONTENT_FOLDERS = ("course", "exercises")


def repository_root() -> Path | None:
    """The clone this package runs from (editable install), or None when installed."""
    root = PACKAGE_DIR.parent
    return root if (root / "course").is_dir() and (root / "pyproject.toml").is_file() else None


def packaged_content() -> Path:
    """The copy of ``course/`` and ``exercises/`` that the wheel carries."""
    return PACKAGE_DIR / "_content"


def start_page(lang: str) -> str:
    """Path of the course start page, relative to the folder JupyterLab serves."""
    return f"course/{lang}/start_here.ipynb"
