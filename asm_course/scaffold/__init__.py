"""The module scaffold: every file a new module needs, written in one step.

    make new-module N=05 SLUG=mercury [CONCEPT=mercury] [TITLE="Mercury and the NAP"]
    python -m asm_course.scaffold new 05 mercury --concept mercury --title "Mercury and the NAP"
    python -m asm_course.scaffold remove 05

``new`` writes a working stub (domain module, widgets on the app base, question bank, en/es
catalogues, teaching notebook stored executed, nbgrader source notebook and its generated
release, contract cases, unit tests, a README row and a start-page link) that the whole
suite accepts; the author then replaces the stub's questions and prose. ``remove`` takes
every one of those files and lines out again. MAINTAINING.md explains each piece.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from asm_course import layout, translation
from asm_course.scaffold import notebooks
from asm_course.translation import SOURCE_LANG

TEMPLATES = Path(__file__).parent / "templates"
SLUG = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class NewModule:
    """What the author chooses: number, slug, concept module name and title."""

    number: str
    slug: str
    concept: str
    title: str

    def __post_init__(self) -> None:
        if not re.fullmatch(r"\d\d", self.number):
            raise ValueError(f"N must be two digits such as 05, not {self.number!r}")
        for name, value in (("SLUG", self.slug), ("CONCEPT", self.concept)):
            if not SLUG.match(value):
                raise ValueError(f"{name} must be lower-case letters, digits and _ (starting with a letter), "
                                 f"not {value!r}")

    @property
    def module(self) -> str:
        return f"m{self.number}"

    @property
    def assignment(self) -> str:
        return f"{self.module}_{self.slug}"

    def fill(self, text: str) -> str:
        """A template with this module's number, concept and title put in."""
        return (text.replace("@@NN@@", self.number).replace("@@CONCEPT@@", self.concept)
                .replace("@@TITLE@@", self.title).replace("@@SLUG@@", self.slug))


def planned_files(new: NewModule, root: Path) -> dict[Path, str]:
    """Target path → template name, for the text files of a module."""
    m = new.module
    return {
        root / "asm_course" / f"{new.concept}.py": "domain.py.tmpl",
        root / "asm_course" / "widgets" / f"{m}.py": "widgets.py.tmpl",
        root / "asm_course" / "checks" / f"{m}.py": "bank.py.tmpl",
        root / "asm_course" / "i18n" / "en" / f"{m}.json": "i18n_en.json.tmpl",
        root / "asm_course" / "i18n" / "es" / f"{m}.json": "i18n_es.json.tmpl",
        root / "tests" / "unit" / "contracts" / f"{m}.py": "contract.py.tmpl",
        root / "tests" / "unit" / f"test_{new.concept}.py": "test_domain.py.tmpl",
    }


def notebook_paths(new: NewModule, root: Path, lang: str = "en") -> tuple[Path, Path, Path]:
    """(teaching notebook, nbgrader source, generated release) of the module."""
    name = layout.exercise_notebook_name(new.module)
    return (root / "course" / lang / f"{new.assignment}.ipynb",
            root / "solutions" / lang / new.assignment / name,
            root / "exercises" / lang / new.assignment / name)


def readme_row(new: NewModule) -> str:
    """The module's row of the README module table."""
    return (f"| {new.module} {new.title} | (write what a participant will be able to do) | 60–90 min | "
            f"[teaching](course/en/{new.assignment}.ipynb) · "
            f"[exercises](exercises/en/{new.assignment}/{new.module}_exercises.ipynb) |")


def start_line(new: NewModule, lang: str = "en") -> str:
    """The module's row of the start page's module table in ``lang``."""
    return (f"| {new.module} {new.title} | (write what a participant will be able to do) | 60–90 min | "
            f"[teaching]({new.assignment}.ipynb) · "
            f"[exercises](../../exercises/{lang}/{new.assignment}/{new.module}_exercises.ipynb) |")



def new_module(new: NewModule, root: Path = layout.PACKAGE_DIR.parent, execute: bool = True) -> list[Path]:
    """Write every file of ``new``; returns them. Refuses to overwrite an existing module."""
    from asm_course.authoring import execute_notebook, generate_release

    files = planned_files(new, root)
    languages = translation.course_languages()
    trees = {lang: notebook_paths(new, root, lang) for lang in languages}
    taken = [p for p in files if p.exists()] + [p for t in trees.values() for p in t[:2] if p.exists()]
    if taken or list((root / "course" / SOURCE_LANG).glob(f"{new.module}_*.ipynb")):
        raise FileExistsError(f"module {new.module} exists already ({', '.join(map(str, taken)) or new.module}); "
                              f"choose another N, or run: python -m asm_course.scaffold remove {new.number}")
    for path, template in files.items():
        path.write_text(new.fill((TEMPLATES / template).read_text(encoding="utf-8")), encoding="utf-8")
    for lang, (teaching, source, _release) in trees.items():
        source.parent.mkdir(parents=True)
        nbformat.write(notebooks.exercises(new, lang), source)
        nbformat.write(notebooks.teaching(new, lang), teaching)
        _add_line(root / layout.start_page(lang), start_line(new, lang), after=re.compile(r"^\| m\d\d "),
                  notebook=True)
    _add_line(root / "README.md", readme_row(new), after=re.compile(r"^\| m\d\d "))
    for lang, (teaching, source, _release) in trees.items():
        if execute:
            nbformat.write(execute_notebook(teaching), teaching)
        if lang != SOURCE_LANG:  # written from the English stub as it is now
            translation.refresh(teaching, root)
            translation.refresh(source, root)
        if execute:
            generate_release(new.assignment, root / "exercises" / lang, lang, root=root)
    return [*files, *(p for t in trees.values() for p in t)]


def remove_module(number: str, root: Path = layout.PACKAGE_DIR.parent) -> list[Path]:
    """Take out every file and line ``new_module`` wrote for module ``number``."""
    module = f"m{number}"
    teaching = sorted((root / "course" / "en").glob(f"{module}_*.ipynb"))
    if not teaching:
        raise FileNotFoundError(f"no course/en/{module}_*.ipynb: module {module} does not exist here")
    slug = teaching[0].stem[len(module) + 1:]
    bank = (root / "asm_course" / "checks" / f"{module}.py").read_text(encoding="utf-8")
    concept = re.search(r"^from asm_course import (\w+)$", bank, re.M)
    title = re.search(r'^"""Questions of module m\d\d, "(.*)"\."""', bank)
    new = NewModule(number, slug, concept[1] if concept else slug, title[1] if title else slug)
    removed = [p for p in planned_files(new, root) if p.exists()]
    for path in removed:
        path.unlink()
    for lang in translation.course_languages():
        for folder in (root / "solutions" / lang / new.assignment, root / "exercises" / lang / new.assignment):
            if folder.exists():
                shutil.rmtree(folder)
                removed.append(folder)
        notebook = root / "course" / lang / teaching[0].name
        if notebook.exists():
            notebook.unlink()
            removed.append(notebook)
        _drop_line(root / layout.start_page(lang), start_line(new, lang).split(" | ")[0], notebook=True)
    _drop_line(root / "README.md", readme_row(new).split(" | ")[0])
    return removed


def _add_line(path: Path, line: str, after: re.Pattern[str], notebook: bool = False) -> None:
    """Put ``line`` after the last line matching ``after`` (in a markdown cell of a notebook)."""
    if not notebook:
        lines = path.read_text(encoding="utf-8").split("\n")
        last = max(i for i, text in enumerate(lines) if after.match(text))
        path.write_text("\n".join(lines[:last + 1] + [line] + lines[last + 1:]), encoding="utf-8")
        return
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "markdown" and any(after.match(x) for x in c.source.split("\n")))
    lines = cell.source.split("\n")
    last = max(i for i, text in enumerate(lines) if after.match(text))
    cell.source = "\n".join(lines[:last + 1] + [line] + lines[last + 1:])
    nbformat.write(nb, path)


def _drop_line(path: Path, start: str, notebook: bool = False) -> None:
    """Remove the lines that begin with ``start``."""
    if not notebook:
        text = path.read_text(encoding="utf-8").split("\n")
        path.write_text("\n".join(x for x in text if not x.startswith(start)), encoding="utf-8")
        return
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = "\n".join(x for x in cell.source.split("\n") if not x.startswith(start))
    nbformat.write(nb, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m asm_course.scaffold", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="action", required=True)
    new = sub.add_parser("new", help="write a new module")
    new.add_argument("number", help="two digits, e.g. 05")
    new.add_argument("slug", help="the assignment's name after mNN_, e.g. mercury")
    new.add_argument("--concept", help="the domain module's name (default: the slug)")
    new.add_argument("--title", help="the module's title (default: from the slug)")
    gone = sub.add_parser("remove", help="take a scaffolded module out again")
    gone.add_argument("number")
    args = parser.parse_args(argv)
    try:
        if args.action == "new":
            spec = NewModule(args.number, args.slug, args.concept or args.slug,
                             args.title or args.slug.replace("_", " ").capitalize())
            written = new_module(spec)
        else:
            written = remove_module(args.number)
    except (ValueError, FileExistsError, FileNotFoundError) as problem:
        print(f"asm_course.scaffold: {problem}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    return 0
