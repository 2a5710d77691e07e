"""Answer widgets: what the participant picks or writes **is** the answer.

Every change is saved beside the notebook by :mod:`asm_course.answers` and restored when
the cell runs again, so it survives closing the notebook and is what autograding sees.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as w
from IPython.display import display

from asm_course import answers
from asm_course.i18n import t

if TYPE_CHECKING:
    from asm_course.checks.verdict import ChoiceQuestion
    from asm_course.plan import PlanPrompt


def choice_answer(question: ChoiceQuestion) -> w.RadioButtons:
    """Radio buttons for a choice question; every change is saved and shown as saved."""
    stored = answers.read_answer(question.id)
    buttons = w.RadioButtons(
        options=question.option_labels(),
        value=stored if stored in question.options else None,
        description="",
        layout=w.Layout(width="max-content"),
    )
    status = w.HTML(_saved_text(buttons.value))

    def on_change(change: dict[str, Any]) -> None:
        saved = answers.save_answer(question.id, change["new"])
        status.value = _saved_text(change["new"]) if saved else ""

    buttons.observe(on_change, names="value")
    display(w.VBox([buttons, status]))
    return buttons


def _saved_text(value: Any) -> str:
    return t("common.saved", value=value) if value is not None else t("common.pick_one")


def text_answer(prompt: PlanPrompt) -> w.Textarea:
    """A text box for a return-to-work plan prompt; saved whenever the participant
    leaves the box (or presses Shift+Enter), restored when the cell runs again."""
    stored = answers.read_answer(prompt.id)
    box = w.Textarea(value=stored if isinstance(stored, str) else "", placeholder=t("common.plan_placeholder"),
                     continuous_update=False, layout=w.Layout(width="100%", height="8em"))
    status = w.HTML(t("common.plan_saved") if box.value else "")

    def on_change(change: dict[str, Any]) -> None:
        status.value = t("common.plan_saved") if answers.save_answer(prompt.id, change["new"]) else ""

    box.observe(on_change, names="value")
    display(w.VBox([w.HTML(f"<b>{t(f'{prompt.id}.title')}</b>"), box, status]))
    return box
