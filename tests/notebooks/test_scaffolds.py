"""Code questions a non-programmer can do: every function question gives the whole function
and leaves one decisive line to write, and at least half of each module's auto-graded points
can be earned without writing a function.

How points are counted: a question's points are "without writing a function" unless it is
a ``FunctionQuestion`` whose answer cell is not a one-line scaffold (see ``scaffold_problems``).
A scaffolded function question counts as not requiring a function: the participant writes one
expression, as in any other answer cell. The stricter count, where every function question
needs a function even when scaffolded, must also leave half of the points.
"""

from __future__ import annotations

import contextlib
import io
import re
from types import ModuleType

import nbformat
import pytest

from asm_course import layout
from asm_course.authoring import REPO
from asm_course.checks import FunctionQuestion, Question, Status, module_questions, question_banks

LANG = "en"
BANKS = question_banks()
FUNCTION_QUESTIONS = [q for bank in BANKS for q in module_questions(bank) if isinstance(q, FunctionQuestion)]
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
PLACEHOLDER = re.compile(r"(=|\breturn)\s*\.\.\.\s*(#.*)?$")  # `name = ...` or `return ...`


def bank_id(bank: ModuleType) -> str:
    return bank.__name__.rsplit(".", 1)[-1]


def notebook(tree: str, identifier: str) -> nbformat.NotebookNode:
    """The exercise notebook of a module in ``solutions/`` (source) or ``exercises/`` (release)."""
    found = sorted((REPO / tree / LANG).glob(f"{layout.module_of(identifier)}_*/{layout.exercise_notebook_name(identifier)}"))
    assert len(found) == 1, f"expected one {tree}/{LANG} notebook for {identifier}, found {found}"
    return nbformat.read(found[0], as_version=4)


def cell(nb: nbformat.NotebookNode, grade_id: str) -> str:
    """The source of the cell with this nbgrader grade_id."""
    sources = [c.source for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id]
    assert len(sources) == 1, f"expected one cell with grade_id {grade_id!r}, found {len(sources)}"
    return sources[0]


def answer_cell(nb: nbformat.NotebookNode, question: Question) -> str:
    return cell(nb, f"{question.id.split('.')[1]}_answer")


def checked_name(source: str, question: Question) -> str:
    """The function the answer cell hands to ``check()`` on its last line."""
    last = source.rstrip().splitlines()[-1]
    found = re.fullmatch(rf"{re.escape(question.id)}\.check\((\w+)\)", last.strip())
    assert found, f"{question.id}: the answer cell must end in {question.id}.check(<function>), not {last!r}"
    return found[1]


def scaffold_problems(source: str, question: Question) -> list[str]:
    """What keeps an answer cell from being a one-line scaffold; empty when it is one.

    A one-line scaffold gives the whole function (its ``def`` outside the solution region,
    so participants see it) and has exactly one solution region holding one indented line
    of the function's body. The region may restate the scaffold's ``def`` line above that
    line (m05 and m06 do): participants still write one line only.
    """
    name = checked_name(source, question)
    lines = source.splitlines()
    begins = [i for i, line in enumerate(lines) if line.strip() == BEGIN]
    ends = [i for i, line in enumerate(lines) if line.strip() == END]
    if len(begins) != 1 or len(ends) != 1 or ends[0] < begins[0]:
        return [f"needs exactly one {BEGIN} ... {END} region, found {len(begins)} and {len(ends)}"]
    given = lines[:begins[0]] + lines[ends[0] + 1:]
    region = [line for line in lines[begins[0] + 1:ends[0]] if line.strip()]
    header = re.compile(rf"def {name}\(")
    problems = []
    if not any(header.match(line) for line in given):
        problems.append(f"the scaffold outside the solution region has no `def {name}(...)`")
    if not any(PLACEHOLDER.search(line) for line in given):
        problems.append("the scaffold has no `...` placeholder for the line to write")
    body = [line for line in region if not header.match(line)]
    if len(body) != 1:
        problems.append(f"the solution region holds {len(body)} lines of the function; it must hold one")
    elif not body[0].startswith((" ", "\t")):
        problems.append(f"the line to write is not inside the function: {body[0]!r}")
    return problems


def needs_a_function(question: Question) -> bool:
    """True for a function question that is not a one-line scaffold."""
    if not isinstance(question, FunctionQuestion):
        return False
    return bool(scaffold_problems(answer_cell(notebook("solutions", question.id), question), question))


def shares(bank: ModuleType) -> tuple[float, float]:
    """(share counting scaffolds as no function, share counting every function question as
    one) of the module's auto-graded points earned without writing a function."""
    auto = [q for q in module_questions(bank) if q.auto_graded]
    total = sum(q.points for q in auto)
    assert total > 0, f"{bank_id(bank)} has no auto-graded points"
    lenient = sum(q.points for q in auto if not needs_a_function(q)) / total
    strict = sum(q.points for q in auto if not isinstance(q, FunctionQuestion)) / total
    return lenient, strict


@pytest.mark.parametrize("bank", BANKS, ids=bank_id)
def test_at_least_half_of_each_modules_points_need_no_function(bank):
    lenient, strict = shares(bank)
    assert lenient >= 0.5, f"{bank_id(bank)}: only {lenient:.0%} of the auto-graded points can be earned without " \
                           "writing a function; scaffold its function questions or add other questions"
    assert strict >= 0.5, f"{bank_id(bank)}: function questions carry {1 - strict:.0%} of the auto-graded points, " \
                          "more than half; add questions answered without code"


@pytest.mark.parametrize("question", FUNCTION_QUESTIONS, ids=lambda q: q.id)
def test_every_function_question_is_a_one_line_scaffold(question):
    source = answer_cell(notebook("solutions", question.id), question)
    assert scaffold_problems(source, question) == [], f"{question.id} answer cell:\n{source}"


def run_answer_cell(tree: str, question: Question):
    """Run the set-up cell and the answer cell (without its check line) of a notebook and
    return the function the cell defines."""
    nb = notebook(tree, question.id)
    source = answer_cell(nb, question)
    name = checked_name(source, question)
    namespace: dict = {}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(cell(nb, "setup"), namespace)  # noqa: S102 -- the course's own notebooks
        exec(source.rstrip().rsplit("\n", 1)[0], namespace)  # noqa: S102
    return namespace[name]


@pytest.mark.parametrize("question", FUNCTION_QUESTIONS, ids=lambda q: q.id)
def test_the_released_scaffold_is_not_attempted_and_the_source_is_correct(question, monkeypatch, tmp_path):
    monkeypatch.setenv("ASM_COURSE_HOME", str(tmp_path))
    monkeypatch.setenv("ASM_COURSE_ANSWERS_DIR", str(tmp_path))
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    released = question.evaluate(run_answer_cell("exercises", question))
    assert released.status is Status.NOT_ATTEMPTED, f"{question.id}: the blank scaffold says {released.text!r}"
    source = question.evaluate(run_answer_cell("solutions", question))
    assert source.status is Status.CORRECT, f"{question.id}: the worked line says {source.text!r}"


def test_a_whole_function_to_write_is_caught():
    """The check that guards the scaffolds fails on the old form of these questions."""
    question = FUNCTION_QUESTIONS[0]
    whole = (f"{question.id.split('.')[0]}_fn = ...\n{BEGIN}\ndef fn(x):\n    y = x + 1\n    return y\n{END}\n"
             f"{question.id}.check(fn)")
    problems = scaffold_problems(whole, question)
    assert any("no `def fn(...)`" in p for p in problems), problems
    assert any("holds 2 lines" in p for p in problems), problems
    two_regions = f"def fn(x):\n    y = ...\n    {BEGIN}\n    y = x\n    {END}\n    {BEGIN}\n    {END}\n{question.id}.check(fn)"
    assert scaffold_problems(two_regions, question) != []
    one_line = f"def fn(x):\n    y = ...\n    {BEGIN}\n    y = x + 1\n    {END}\n    return y\n\n{question.id}.check(fn)"
    assert scaffold_problems(one_line, question) == []
