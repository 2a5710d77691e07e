"""Translations of the course notebooks: parity with English and the translation state.

A translated notebook (``course/es/m01_what_is_asm.ipynb``, ``solutions/es/m01_…/m01_exercises.ipynb``)
has the same cells as its English source: same ids, types and order, the same nbgrader metadata and
the same code up to strings and comments. It records in its metadata the fingerprint of the English
source it was translated from (cell types, ids, sources and nbgrader metadata: not outputs, so
re-executing English changes nothing). When English changes, the record no longer matches and the
translation is *stale* until a maintainer updates it, or records that the change needs none::

    python -m asm_course.translation status [--lang es]
    python -m asm_course.translation refresh course/es/m01_what_is_asm.ipynb [...]
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import nbformat

from asm_course import layout
from asm_course.i18n import available_languages

ROOT = layout.PACKAGE_DIR.parent  # a maintainer tool: it works on the clone
SOURCE_LANG = "en"
METADATA_KEY = "asm_course_translation"
TREES = ("course", "solutions")  # exercises/<lang> are generated from solutions/<lang>


def fingerprint(nb: nbformat.NotebookNode) -> str:
    """SHA-256 of what a translation follows: each cell's type, id, source and nbgrader metadata."""
    cells = [[c.cell_type, c.get("id"), c.source, c.metadata.get("nbgrader")] for c in nb.cells]
    return hashlib.sha256(json.dumps(cells, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def source_of(path: Path, root: Path = ROOT) -> Path:
    """The English notebook a translated one follows: ``<tree>/es/…`` → ``<tree>/en/…``."""
    tree, _lang, *rest = path.resolve().relative_to(root.resolve()).parts
    return root / tree / SOURCE_LANG / Path(*rest)


def translated_path(source: Path, lang: str, root: Path = ROOT) -> Path:
    """Where the ``lang`` translation of an English notebook lives."""
    tree, _en, *rest = source.resolve().relative_to(root.resolve()).parts
    return root / tree / lang / Path(*rest)


def english_notebooks(root: Path = ROOT) -> list[Path]:
    """Every English notebook that has to exist in each language."""
    return sorted([*(root / "course" / SOURCE_LANG).glob("*.ipynb"),
                   *(root / "solutions" / SOURCE_LANG).glob("*/*.ipynb")])


def course_languages() -> list[str]:
    """English first, then every language the course is translated into."""
    return [SOURCE_LANG, *languages()]


def languages() -> list[str]:
    """Languages other than English that the package speaks (a message catalogue): the course
    ships every notebook in each."""
    return [lang for lang in available_languages() if lang != SOURCE_LANG]


def _code_shape(source: str) -> str:
    """The code of a cell with every string emptied and comments gone (``ast.dump``): two cells
    have the same shape when they differ only in words shown to people."""
    from IPython.core.inputtransformer2 import TransformerManager

    class Blank(ast.NodeTransformer):
        def visit_Constant(self, node: ast.Constant) -> ast.AST:
            return ast.Constant("") if isinstance(node.value, str) else node

        def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.AST:
            return ast.Constant("")

    try:
        tree = ast.parse(TransformerManager().transform_cell(source))
    except SyntaxError:
        return source  # an answer cell left as `...` style prose: compare it as it is
    return ast.dump(Blank().visit(tree))


def differences(english: nbformat.NotebookNode, translated: nbformat.NotebookNode) -> list[str]:
    """What keeps a translation from matching its English source, one line per problem, naming
    the cell (its id and position)."""
    problems: list[str] = []
    en_ids = [c.get("id") for c in english.cells]
    tr_ids = [c.get("id") for c in translated.cells]
    if en_ids != tr_ids:
        missing = [i for i in en_ids if i not in tr_ids]
        extra = [i for i in tr_ids if i not in en_ids]
        problems.append(f"cells differ from English: missing {missing}, extra {extra}"
                        if missing or extra else "cells are in another order than in English")
        return problems
    for number, (en, tr) in enumerate(zip(english.cells, translated.cells, strict=True), start=1):
        where = f"cell {number} (id {en.get('id')})"
        if en.cell_type != tr.cell_type:
            problems.append(f"{where}: {tr.cell_type} here, {en.cell_type} in English")
        elif en.metadata.get("nbgrader") != tr.metadata.get("nbgrader"):
            problems.append(f"{where}: nbgrader metadata differs from English "
                            f"({tr.metadata.get('nbgrader')} vs {en.metadata.get('nbgrader')})")
        elif en.cell_type == "code" and _code_shape(en.source) != _code_shape(tr.source):
            problems.append(f"{where}: the code differs from English in more than strings and comments")
        elif en.cell_type == "markdown" and en.source.strip() and not tr.source.strip():
            problems.append(f"{where}: empty here, not in English")
    return problems


@dataclass(frozen=True)
class State:
    path: Path
    source: Path
    status: str  # "current", "stale", "unrecorded", "no source"

    def message(self, root: Path = ROOT) -> str:
        rel, src = self.path.relative_to(root), self.source.relative_to(root)
        return {
            "current": f"{rel}: up to date with {src}",
            "stale": (f"{rel}: {src} changed since it was translated; update the translation, then "
                      f"record it with `python -m asm_course.translation refresh {rel}`"),
            "unrecorded": (f"{rel}: records no English source; after checking it against {src} run "
                           f"`python -m asm_course.translation refresh {rel}`"),
            "no source": f"{rel}: {src} does not exist (remove the translation or restore the source)",
        }[self.status]


def state(path: Path, root: Path = ROOT) -> State:
    """Whether a translated notebook is up to date with its English source."""
    source = source_of(path, root)
    if not source.is_file():
        return State(path, source, "no source")
    record = nbformat.read(path, as_version=4).metadata.get(METADATA_KEY)
    if not record:
        return State(path, source, "unrecorded")
    current = fingerprint(nbformat.read(source, as_version=4))
    return State(path, source, "current" if record.get("sha256") == current else "stale")


def refresh(path: Path, root: Path = ROOT) -> State:
    """Record that ``path`` follows its English source as it is now (after updating it)."""
    source = source_of(path, root)
    nb = nbformat.read(path, as_version=4)
    nb.metadata[METADATA_KEY] = {
        "source": source.relative_to(root).as_posix(),
        "sha256": fingerprint(nbformat.read(source, as_version=4)),
    }
    layout.write_text_atomic(path, nbformat.writes(nb) + "\n")
    return state(path, root)


def translated_notebooks(lang: str, root: Path = ROOT) -> list[Path]:
    """The translated notebooks of one language that exist."""
    return sorted(p for tree in TREES for p in (root / tree / lang).rglob("*.ipynb")
                  if ".ipynb_checkpoints" not in p.parts)


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m asm_course.translation", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    status = sub.add_parser("status", help="list translations that are missing, stale or differ from English")
    status.add_argument("--lang", default=None)
    again = sub.add_parser("refresh", help="record that translations follow their English source as it is now")
    again.add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.command == "refresh":
        for path in args.paths:
            print(refresh(path.resolve()).message())
        return 0
    bad = 0
    for lang in [args.lang] if args.lang else languages():
        for source in english_notebooks():
            path = translated_path(source, lang)
            if not path.is_file():
                print(f"{path.relative_to(ROOT)}: missing (translate {source.relative_to(ROOT)})")
                bad += 1
                continue
            found = state(path)
            problems = differences(nbformat.read(source, as_version=4), nbformat.read(path, as_version=4))
            bad += found.status != "current" or bool(problems)
            print(found.message())
            for problem in problems:
                print(f"    {problem}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
