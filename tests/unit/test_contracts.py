"""Checker contract: for every auto-graded question, the reference answer is correct, the
placeholder is "not attempted", and every plausible wrong answer is "not yet" — through
the same ``evaluate`` that ``check()`` and the graded tests use."""

from __future__ import annotations

import importlib
import pkgutil

import contracts
import pytest

from asm_course.checks import Status, all_questions

pytestmark = pytest.mark.contract


def load_cases() -> dict:
    cases = {}
    for module in pkgutil.iter_modules(contracts.__path__):
        cases.update(importlib.import_module(f"contracts.{module.name}").CASES)
    return cases


CASES = load_cases()
AUTO = [q for q in all_questions() if q.auto_graded]


@pytest.fixture(autouse=True)
def _clean(monkeypatch, tmp_path):
    monkeypatch.setenv("ASM_COURSE_HOME", str(tmp_path))
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)


def test_every_auto_graded_question_has_contract_cases():
    missing = [q.id for q in AUTO if q.id not in CASES]
    assert missing == []
    assert all(CASES[q.id].wrong for q in AUTO), "each question needs at least one wrong answer"


@pytest.mark.parametrize("question", AUTO, ids=lambda q: q.id)
def test_reference_answer_is_correct(question):
    feedback = question.evaluate(CASES[question.id].right())
    assert feedback.status is Status.CORRECT, feedback.text


@pytest.mark.parametrize("question", AUTO, ids=lambda q: q.id)
def test_placeholder_is_not_attempted(question):
    assert question.evaluate(...).status is Status.NOT_ATTEMPTED
    assert question.evaluate(None).status is Status.NOT_ATTEMPTED


@pytest.mark.parametrize("question", AUTO, ids=lambda q: q.id)
def test_plausible_wrong_answers_are_not_yet_and_do_not_reveal_the_answer(question):
    right = CASES[question.id].right()
    for make in CASES[question.id].wrong:
        feedback = question.evaluate(make())
        assert feedback.status is Status.NOT_YET, f"{question.id}: {feedback.text}"
        if isinstance(right, (int, float, str)) and not isinstance(right, bool) and len(str(right)) > 1:
            assert f"{right}" not in feedback.text
