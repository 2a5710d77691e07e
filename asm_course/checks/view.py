"""What a question does in a notebook: print, remember progress, fail nbgrader tests, show widgets.

The question kinds of :mod:`asm_course.checks.verdict` only judge. The classes here add the
calls a notebook makes, so a bank writes ``ValueQuestion(...)`` once and a participant calls:

- ``check(answer)`` prints "Correct", "Not yet: <why>" or "Not attempted"; never raises;
- ``hint(n)`` and ``solution()`` (solutions can be switched off by the trainer);
- ``grade(answer)`` for the visible test cell, ``grade_hidden(answer)`` for the hidden tests:
  under nbgrader a failed test raises ``AssertionError`` with a short message (how nbgrader
  scores it); in JupyterLab it prints the outcome instead, so a blank or half-done notebook
  runs top to bottom without an error;
- ``widget()`` for questions answered by clicking or writing (saved beside the notebook).
"""

from __future__ import annotations

from typing import Any

from asm_course import layout, plan, selfstudy
from asm_course.checks import verdict
from asm_course.checks.verdict import Feedback, Status
from asm_course.i18n import t
from asm_course.widgets import answer as answer_widgets

_NO_ANSWER: Any = object()  # check() called with nothing between the brackets


def report(feedback: Feedback, passed_key: str) -> None:
    """The outcome of a graded test cell: raise under nbgrader, print otherwise."""
    if layout.grading_run():
        if not feedback.passed:
            raise AssertionError(feedback.text)
        return
    print(t(passed_key) if feedback.passed else t("checks.test_not_passed", result=feedback.text))


class NotebookCalls:
    """The calls of a question in a notebook, on top of a verdict question kind."""

    id: str
    evaluate: Any
    visible: Any
    hint_text: Any
    solution_text: Any

    def check(self, answer: Any = _NO_ANSWER) -> None:
        """Print whether the answer is right (stdout only) and remember progress."""
        if answer is _NO_ANSWER:
            print(t("checks.check_needs_answer", question=self.id))
            return
        feedback = self.evaluate(answer)
        if feedback.status is not Status.NOT_ATTEMPTED:
            selfstudy.record(self.id, feedback.passed)
        print(feedback.text)

    def hint(self, n: int = 1) -> None:
        """Print hint number ``n`` (1-based) and say whether there is another one."""
        print(self.hint_text(n))

    def solution(self) -> None:
        """Print the worked answer, unless the trainer has switched solutions off."""
        print(self.solution_text() if layout.solutions_enabled() else t("checks.solutions_off"))

    def grade(self, answer: Any) -> None:
        """Visible test: fails when the answer is missing or has the wrong form."""
        report(self.visible(answer), "checks.visible_test_passed")

    def grade_hidden(self, answer: Any) -> None:
        """Hidden test: fails unless the answer is right."""
        report(self.evaluate(answer), "checks.test_passed")


class ValueQuestion(NotebookCalls, verdict.ValueQuestion):
    __doc__ = verdict.ValueQuestion.__doc__


class ItemsQuestion(NotebookCalls, verdict.ItemsQuestion):
    __doc__ = verdict.ItemsQuestion.__doc__


class FrameQuestion(NotebookCalls, verdict.FrameQuestion):
    __doc__ = verdict.FrameQuestion.__doc__


class FunctionQuestion(NotebookCalls, verdict.FunctionQuestion):
    __doc__ = verdict.FunctionQuestion.__doc__


class PlotQuestion(NotebookCalls, verdict.PlotQuestion):
    __doc__ = verdict.PlotQuestion.__doc__


class RangeChartQuestion(NotebookCalls, verdict.RangeChartQuestion):
    __doc__ = verdict.RangeChartQuestion.__doc__


class Reflection(NotebookCalls, verdict.Reflection):
    __doc__ = verdict.Reflection.__doc__


class ChoiceQuestion(NotebookCalls, verdict.ChoiceQuestion):
    __doc__ = verdict.ChoiceQuestion.__doc__

    def widget(self) -> Any:
        """Show radio buttons whose choice is saved beside the notebook; returns them."""
        return answer_widgets.choice_answer(self)


class PlanPrompt(plan.PlanPrompt):
    """A return-to-work plan prompt in a notebook: ``widget()`` shows its saved text box."""

    def widget(self) -> Any:
        """Show a text box whose content is saved beside the notebook; returns it."""
        return answer_widgets.text_answer(self)
