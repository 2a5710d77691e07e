"""Self-check questions for every module, and the set-up call of exercise notebooks.

Usage in a notebook::

    from asm_course.checks import setup_notebook, m00
    setup_notebook("m00")
    m00.q1.check(answer)     # Correct / Not yet: … / Not attempted
    m00.q1.hint()            # m00.q1.hint(2) for the next one
    m00.q1.solution()
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

from asm_course import layout, session
from asm_course.checks.verdict import Feedback, Question, Status
from asm_course.checks.view import (
    ChoiceQuestion,
    FrameQuestion,
    FunctionQuestion,
    ItemsQuestion,
    PlanPrompt,
    PlotQuestion,
    RangeChartQuestion,
    Reflection,
    ValueQuestion,
)
from asm_course.i18n import t

__all__ = [
    "ChoiceQuestion", "Feedback", "FrameQuestion", "FunctionQuestion", "ItemsQuestion", "PlanPrompt",
    "PlotQuestion", "Question", "RangeChartQuestion", "Reflection", "Status", "ValueQuestion",
    "all_questions", "module_questions", "setup_notebook",
]


def question_banks() -> list[ModuleType]:
    """The question bank of every module (``asm_course.checks.m00`` …), in order."""
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if layout.is_module_id(m.name))
    return [importlib.import_module(f"{__name__}.{name}") for name in names]


def module_questions(bank: ModuleType) -> list[Question]:
    """The questions a bank defines, in the order of their ids (q1, q2, …)."""
    found = [v for v in vars(bank).values() if isinstance(v, Question)]
    return sorted(found, key=lambda q: layout.question_sort_key(q.id))


def all_questions() -> list[Question]:
    """Every question of every module."""
    return [q for bank in question_banks() for q in module_questions(bank)]


def setup_notebook(module: str, language: str | None = None) -> None:
    """First cell of every exercise notebook: language, plain-language errors, plots inline.

    The language is ``language`` when given, else the one of the tree the notebook runs in
    (``exercises/es/…`` → Spanish), else $ASM_COURSE_LANG. Errors such as a misspelt name are
    explained in plain words (see :mod:`asm_course.friendly_errors`), except while nbgrader
    runs the notebook: during ``nbgrader autograde`` tracebacks are switched to IPython's
    "Minimal" mode so that feedback shows a checker's short message and never the source of
    hidden tests.
    """
    from IPython import get_ipython

    shell = get_ipython()
    session.prepare(shell, language)
    if shell is not None:
        shell.run_line_magic("matplotlib", "inline")
        if layout.grading_run() == "autograde":
            shell.run_line_magic("xmode", "Minimal")
    print(t("checks.setup_complete", module=module))


def __getattr__(name: str) -> ModuleType:
    """``from asm_course.checks import m00`` loads that module's bank on demand."""
    if layout.is_module_id(name):
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(name)
