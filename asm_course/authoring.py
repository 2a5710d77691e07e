"""Maintainer tools: regenerate releases from ``solutions/`` and re-execute the stored
course notebooks.

    python -m asm_course.authoring release [--lang es] [ASSIGNMENT ...]
    python -m asm_course.authoring execute-course [--lang es] [NOTEBOOK ...]

Without ``--lang`` both work on every language the course has (``make release``, ``make course``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from asm_course.nbgrader_settings import course_config, put_environment_on_path

REPO = Path(__file__).resolve().parent.parent


def assignments(lang: str = "en", root: Path = REPO) -> list[str]:
    """Assignment ids (``mNN_<slug>``) that have a source folder in ``solutions/<lang>``."""
    folder = root / "solutions" / lang
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and p.name[:1] == "m") if folder.is_dir() else []


def generate_release(assignment: str, out_dir: Path, lang: str = "en", root: Path = REPO) -> Path:
    """Run real ``nbgrader generate_assignment`` for one assignment into ``out_dir``.

    The gradebook it needs is a throw-away SQLite file; returns the release folder.
    """
    from nbgrader.apps import NbGraderAPI

    put_environment_on_path()
    with tempfile.TemporaryDirectory() as scratch:
        config = course_config(lang)
        config.CourseDirectory.root = str(root)
        config.CourseDirectory.release_directory = str(Path(out_dir).resolve())
        config.CourseDirectory.db_url = f"sqlite:///{Path(scratch) / 'gradebook.db'}"
        result = NbGraderAPI(config=config).generate_assignment(assignment, force=True, create=True)
    if not result["success"]:
        raise RuntimeError(f"nbgrader could not generate {assignment}:\n{result['error']}\n{result['log']}")
    return Path(out_dir) / assignment


def execute_notebook(path: Path, timeout: int = 180) -> nbformat.NotebookNode:
    """Execute a notebook top to bottom in a fresh kernel, in its own folder."""
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return notebook


def execute_course(lang: str = "en", names: list[str] | None = None) -> list[Path]:
    """Re-execute and store the course notebooks (they are kept executed for nbval); ``names``
    picks some, by stem or file name (``m00_getting_started`` or ``m00_getting_started.ipynb``)."""
    wanted = {Path(name).name.removesuffix(".ipynb") for name in names or ()}
    paths = sorted((REPO / "course" / lang).glob("*.ipynb"))
    unknown = wanted - {p.stem for p in paths}
    if unknown:
        raise ValueError(f"no course notebook {sorted(unknown)} in course/{lang}; "
                         f"choose from {[p.stem for p in paths]}")
    done = []
    for path in paths:
        if wanted and path.stem not in wanted:
            continue
        nbformat.write(execute_notebook(path), path)
        done.append(path)
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m asm_course.authoring")
    parser.add_argument("action", choices=["release", "execute-course"])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--lang", default=None, help="one language (default: every language of the course)")
    args = parser.parse_intermixed_args(argv)  # --lang before or after the names
    from asm_course.translation import course_languages

    for lang in [args.lang] if args.lang else course_languages():
        if args.action == "release":
            known = assignments(lang)
            names = [Path(name).name for name in args.names]
            unknown = sorted(set(names) - set(known))
            if unknown:
                raise SystemExit(f"solutions/{lang} has no assignment {', '.join(unknown)}; it has: {', '.join(known)}")
            for assignment in names or known:
                print(generate_release(assignment, REPO / "exercises" / lang, lang))
        else:
            for path in execute_course(lang, args.names):
                print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
