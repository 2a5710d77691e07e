"""``asm-course feedback``: one HTML page per participant and module, with no hidden
test in it and widget answers shown as text.

Three layers keep hidden tests out: nbgrader's ClearHiddenTests removes them from the
source, the notebook's setup cell makes tracebacks minimal during autograde, and a
final scan removes any line of hidden-test source still present in the HTML.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from nbconvert.preprocessors import Preprocessor
from nbformat.v4 import new_markdown_cell
from traitlets import Bool

from asm_course.grading import notebooks as nbs
from asm_course.grading.paths import Assignment, CourseDir
from asm_course.i18n import t

WIDGET_CALL = re.compile(r"\b([A-Za-z_][A-Za-z0-9_]*)\.(q[A-Za-z0-9_]+)\.widget\s*\(")


def widget_keys(source: str) -> list[str]:
    """``pick = m00.q3.widget()`` -> ``["m00.q3"]``."""
    return [f"{m}.{q}" for m, q in WIDGET_CALL.findall(source)]


class ShowWidgetAnswers(Preprocessor):
    """After each cell that creates an answer widget, add a markdown line with the
    answer saved in ``<module>_answers.json`` (widgets render blank in HTML)."""

    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        folder = Path(resources.get("metadata", {}).get("path") or ".")
        answers: dict = {}
        for path in folder.glob("*_answers.json"):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                answers.update(data if isinstance(data, dict) else {})
            except (OSError, ValueError):
                continue
        cells = []
        for cell in nb.cells:
            cells.append(cell)
            if cell.cell_type != "code":
                continue
            for key in widget_keys(cell.source):
                if answers.get(key) is not None:  # else: set in code, or nothing chosen
                    cells.append(new_markdown_cell(
                        t("grading.feedback.widget_answer", answer=_escape(answers[key]))))
        nb.cells = cells
        return nb, resources


def _escape(value: object) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = html.escape(text[:500])
    return "`" + text.replace("`", "'") + "`"


def scrub(page: str, hidden_lines: list[str]) -> tuple[str, int]:
    """Remove hidden-test regions and hidden source lines from rendered HTML."""
    count = 0
    page, n = re.subn(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS", "", page, flags=re.S)
    count += n
    for line in hidden_lines:
        for variant in {line, html.escape(line), html.escape(line, quote=False)}:
            if variant in page:
                count += page.count(variant)
                page = page.replace(variant, "")
    return page, count


def hidden_lines_for(assignment: Assignment) -> list[str]:
    lines = []
    for name in assignment.notebooks:
        lines += nbs.hidden_test_lines(nbs.read(assignment.folder / name))
    # also the bare call, e.g. "m00.q2.grade_hidden(share)", without a trailing comment
    return sorted({part for line in lines for part in (line, line.split("#")[0].strip())
                   if len(part) >= 8}, key=len, reverse=True)


def generate(course: CourseDir, source: Path, assignments: list[Assignment], db_url: str,
             lang: str = "en") -> tuple[list[Path], list[str]]:
    """Run nbgrader generate_feedback, then scrub every page. Returns (pages, problems)."""
    from nbgrader.apps import NbGraderAPI

    from asm_course.nbgrader_settings import make_config

    config = make_config(course.root, source, db_url, lang)
    api = NbGraderAPI(config=config)
    pages: list[Path] = []
    problems: list[str] = []
    for a in assignments:
        if not (course.autograded.is_dir() and any((p / a.id).is_dir() for p in course.autograded.iterdir())):
            continue
        result = api.generate_feedback(a.id, force=True)
        if not result["success"]:
            problems.append(t("grading.feedback.failed", assignment=a.id,
                              error=(result.get("error") or result.get("log", ""))[-500:]))
        hidden = hidden_lines_for(a)
        for page in sorted(course.feedback.glob(f"*/{a.id}/*.html")):
            text, removed = scrub(page.read_text(encoding="utf-8"), hidden)
            page.write_text(text, encoding="utf-8")
            pages.append(page)
    if course.feedback.is_dir():
        course.private(course.feedback)
    return pages, problems
