"""The verdict on an answer: question kinds and the comparisons behind them (pure).

A question kind knows what a right answer is and says what is wrong with another one:

- ``evaluate(answer)`` → :class:`Feedback` (correct / not yet: why / not attempted);
- ``visible(answer)`` → the verdict of the visible test (form only: type, columns, chart kind);
- ``hint_text(n)`` and ``solution_text()``: the texts, from the catalogue.

Nothing here prints, records progress, raises for nbgrader or builds widgets: that is the
view (:mod:`asm_course.checks.view`). Messages come from the i18n catalogue and never reveal
the expected value. Expected values are computed lazily from the course data by the domain
modules.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import pandas as pd

from asm_course.i18n import t


class Status(Enum):
    """Outcome of checking one answer."""

    CORRECT = "correct"
    NOT_YET = "not_yet"
    NOT_ATTEMPTED = "not_attempted"
    ERROR = "error"


@dataclass(frozen=True)
class Feedback:
    """What ``check`` says about an answer: a status and a plain-text message."""

    question_id: str
    status: Status
    message: str = ""

    @property
    def passed(self) -> bool:
        return self.status is Status.CORRECT

    @property
    def text(self) -> str:
        label = t(f"checks.label_{self.status.value}")
        return f"{label}: {self.message}" if self.message else label

    def __str__(self) -> str:
        return self.text


class Problem(Exception):
    """Raised inside a checker to say, in words, what is wrong with an answer."""


def is_placeholder(answer: Any) -> bool:
    """``...`` (Ellipsis) and None mean the participant has not answered yet."""
    return answer is Ellipsis or answer is None


def type_name(value: Any) -> str:
    """A short, readable name of a value's type for messages."""
    return type(value).__name__


# --- comparisons (each raises Problem with a message) ---------------------------------

def require_number(answer: Any) -> float:
    """The answer as a float, or a Problem if it is not a single number."""
    if isinstance(answer, bool) or not isinstance(answer, (int, float)) and not _is_numpy_number(answer):
        raise Problem(t("checks.not_number", got=type_name(answer)))
    value = float(answer)
    if math.isnan(value):
        raise Problem(t("checks.nan"))
    return value


def _is_numpy_number(value: Any) -> bool:
    return hasattr(value, "dtype") and getattr(value, "shape", None) == () and value.dtype.kind in "iuf"


def compare_number(answer: Any, expected: float, rel_tol: float, abs_tol: float) -> None:
    """Raise a Problem unless ``answer`` is within tolerance of ``expected``."""
    value = require_number(answer)
    if not math.isclose(value, float(expected), rel_tol=rel_tol, abs_tol=abs_tol):
        key = "checks.number_high" if value > expected else "checks.number_low"
        raise Problem(t(key, got=_short(value)))


def normalise_text(value: str) -> str:
    """Case-, accent-space-insensitive form used to compare short text answers."""
    return " ".join(str(value).casefold().split())


def compare_text(answer: Any, expected: str) -> None:
    if not isinstance(answer, str):
        raise Problem(t("checks.wrong_type", expected="str", got=type_name(answer)))
    if normalise_text(answer) != normalise_text(expected):
        raise Problem(t("checks.text_off", got=answer))


def compare_items(answer: Any, expected: Sequence[Any], ordered: bool) -> None:
    """Compare lists of labels (e.g. country codes); order matters only if ``ordered``."""
    if isinstance(answer, (str, bytes)) or not isinstance(answer, (list, tuple, set, pd.Series, pd.Index)):
        raise Problem(t("checks.wrong_type", expected="list", got=type_name(answer)))
    got = [normalise_text(x) for x in answer]
    want = [normalise_text(x) for x in expected]
    if len(got) != len(want):
        raise Problem(t("checks.count_off", got=len(got), expected=len(want)))
    if ordered and got != want:
        same = sorted(got) == sorted(want)
        raise Problem(t("checks.order_off" if same else "checks.items_off"))
    if not ordered and sorted(got) != sorted(want):
        raise Problem(t("checks.items_off"))


def compare_frame_form(answer: Any, expected: pd.DataFrame | pd.Series) -> None:
    """Type, then columns (or index name), then number of rows."""
    kind = "DataFrame" if isinstance(expected, pd.DataFrame) else "Series"
    if type_name(answer) != kind:
        raise Problem(t("checks.wrong_type", expected=kind, got=type_name(answer)))
    if isinstance(expected, pd.DataFrame):
        missing = [c for c in expected.columns if c not in answer.columns]
        if missing:
            raise Problem(t("checks.missing_columns", columns=", ".join(map(str, missing))))
    if len(answer) != len(expected):
        raise Problem(t("checks.rows_off", got=len(answer), expected=len(expected)))


def compare_frame_values(answer: Any, expected: pd.DataFrame | pd.Series, rel_tol: float,
                         ordered: bool) -> None:
    """Values of every expected column (or of the Series), with a tolerance for numbers."""
    got = answer.to_frame() if isinstance(answer, pd.Series) else answer[list(expected.columns)]
    want = expected.to_frame() if isinstance(expected, pd.Series) else expected
    if isinstance(expected, pd.Series):
        got = got.reset_index()
        want = want.reset_index()
        got.columns = want.columns = range(want.shape[1])
    if not ordered:
        got = _sorted(got)
        want = _sorted(want)
    for column in want.columns:
        bad = _mismatches(got[column].reset_index(drop=True), want[column].reset_index(drop=True), rel_tol)
        if bad:
            raise Problem(t("checks.values_off", column=column, count=len(bad)))


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in a canonical order (by their text), so row order does not matter."""
    order = frame.astype(str).sort_values(list(frame.columns)).index
    return frame.loc[order].reset_index(drop=True)


def _mismatches(got: pd.Series, want: pd.Series, rel_tol: float) -> list[int]:
    """Row positions where two columns differ (numbers compared with a tolerance)."""
    out = []
    for i, (g, w) in enumerate(zip(got, want)):
        if pd.isna(w) and pd.isna(g):
            continue
        if _is_plain_number(w):
            try:
                if math.isclose(float(g), float(w), rel_tol=rel_tol, abs_tol=1e-9):
                    continue
            except (TypeError, ValueError):
                pass
        elif normalise_text(g) == normalise_text(w):
            continue
        out.append(i)
    return out


def _is_plain_number(value: Any) -> bool:
    return (isinstance(value, (int, float)) or _is_numpy_number(value)) and not isinstance(value, bool) \
        and not pd.isna(value)


def _short(value: Any) -> str:
    return f"{value:,.6g}" if isinstance(value, float) else str(value)


# --- question kinds -------------------------------------------------------------------

@dataclass
class Question:
    """Base of every question: identity, points, hints and the five calls.

    Hint texts are catalogue entries ``<id>.hint1``, ``<id>.hint2``…; the worked answer
    is ``<id>.solution``; the prompt summary is ``<id>.title``.
    """

    id: str
    points: int = 1
    hints: int = 1
    auto_graded: bool = field(default=True, init=False)

    # subclasses implement these two; each raises Problem with a message
    def form(self, answer: Any) -> None:
        """Checks that need no expected value: type, columns, chart kind."""

    def substance(self, answer: Any) -> None:
        """Checks against the expected value or the reference function."""

    def unanswered(self, answer: Any) -> bool:
        """True while the participant has not answered (``...`` or None)."""
        return is_placeholder(answer)

    def evaluate(self, answer: Any) -> Feedback:
        """The verdict on an answer; never raises."""
        if self.unanswered(answer):
            return Feedback(self.id, Status.NOT_ATTEMPTED, t("checks.not_attempted"))
        try:
            self.form(answer)
            self.substance(answer)
        except Problem as problem:
            return Feedback(self.id, Status.NOT_YET, str(problem))
        except Exception as error:  # a checker must never crash a participant's notebook
            return Feedback(self.id, Status.ERROR, t("checks.checker_error", error=type(error).__name__))
        return Feedback(self.id, Status.CORRECT, t("checks.well_done"))

    def visible(self, answer: Any) -> Feedback:
        """The verdict of the visible test: is the answer there and of the right form?"""
        if self.unanswered(answer):
            return Feedback(self.id, Status.NOT_ATTEMPTED)
        try:
            self.form(answer)
        except Problem as problem:
            return Feedback(self.id, Status.NOT_YET, str(problem))
        return Feedback(self.id, Status.CORRECT)

    def hint_text(self, n: int = 1) -> str:
        """Hint number ``n`` (1-based), saying whether another one follows."""
        n = max(int(n), 1)
        if n > self.hints:
            return t("checks.no_more_hints", count=self.hints)
        more = t("checks.more_hints", next=n + 1) if n < self.hints else ""
        return f"{t('checks.label_hint')} {n}/{self.hints}: {t(f'{self.id}.hint{n}')}{more}"

    def solution_text(self) -> str:
        """The worked answer."""
        return f"{t('checks.label_solution')}:\n{t(f'{self.id}.solution')}"


@dataclass
class ValueQuestion(Question):
    """A single number or short text, e.g. "How many estimates are there for Peru?"."""

    expected: Callable[[], Any] = lambda: None
    rel_tol: float = 1e-6
    abs_tol: float = 0.0

    def form(self, answer: Any) -> None:
        if not isinstance(self.expected(), str):
            require_number(answer)
        elif not isinstance(answer, str):
            raise Problem(t("checks.wrong_type", expected="str", got=type_name(answer)))

    def substance(self, answer: Any) -> None:
        expected = self.expected()
        if isinstance(expected, str):
            compare_text(answer, expected)
        else:
            compare_number(answer, expected, self.rel_tol, self.abs_tol)


@dataclass
class ItemsQuestion(Question):
    """A list of labels such as country codes; ``ordered`` for rankings."""

    expected: Callable[[], Sequence[Any]] = lambda: []
    ordered: bool = False

    def form(self, answer: Any) -> None:
        if isinstance(answer, (str, bytes)) or not isinstance(answer, (list, tuple, set, pd.Series, pd.Index)):
            raise Problem(t("checks.wrong_type", expected="list", got=type_name(answer)))

    def substance(self, answer: Any) -> None:
        compare_items(answer, list(self.expected()), self.ordered)


@dataclass
class FrameQuestion(Question):
    """A pandas DataFrame or Series built from the course data."""

    expected: Callable[[], pd.DataFrame | pd.Series] = lambda: pd.DataFrame()
    rel_tol: float = 1e-6
    ordered: bool = False

    def form(self, answer: Any) -> None:
        compare_frame_form(answer, self.expected())

    def substance(self, answer: Any) -> None:
        compare_frame_values(answer, self.expected(), self.rel_tol, self.ordered)


@dataclass
class FunctionQuestion(Question):
    """A function the participant writes, tested on visible and hidden cases.

    ``cases`` and ``hidden_cases`` return lists of argument tuples; the expected result
    of each case is what ``reference`` returns for it.
    """

    reference: Callable[..., Any] = lambda *args: None
    cases: Callable[[], list[tuple]] = lambda: []
    hidden_cases: Callable[[], list[tuple]] = lambda: []
    rel_tol: float = 1e-6

    def unanswered(self, answer: Any) -> bool:
        """Also true for a given scaffold (``def f(...): ... return ...``) that still
        returns ``...`` on the first visible case."""
        if is_placeholder(answer):
            return True
        if not callable(answer) or not self.cases():
            return False
        try:
            return answer(*_copies(self.cases()[0])) is Ellipsis
        except Exception:
            return False

    def form(self, answer: Any) -> None:
        if not callable(answer):
            raise Problem(t("checks.not_function", got=type_name(answer)))
        self._run(answer, self.cases())

    def substance(self, answer: Any) -> None:
        self._run(answer, self.cases() + self.hidden_cases())

    def _run(self, func: Callable[..., Any], cases: list[tuple]) -> None:
        for number, args in enumerate(cases, start=1):
            try:
                got = func(*_copies(args))
            except Exception as error:
                raise Problem(t("checks.function_raised", case=number, error=f"{type(error).__name__}: {error}"))
            try:
                _compare_any(got, self.reference(*_copies(args)), self.rel_tol)
            except Problem as problem:
                raise Problem(t("checks.function_case", case=number, problem=problem)) from None


def _copies(args: tuple) -> tuple:
    """Fresh copies of DataFrame arguments, so a function that edits its input cannot
    change the reference result or later cases."""
    return tuple(a.copy() if isinstance(a, (pd.DataFrame, pd.Series)) else a for a in args)


def _compare_any(got: Any, expected: Any, rel_tol: float) -> None:
    """Compare by the kind of the expected value."""
    if isinstance(expected, (pd.DataFrame, pd.Series)):
        compare_frame_form(got, expected)
        compare_frame_values(got, expected, rel_tol, ordered=False)
    elif isinstance(expected, str):
        compare_text(got, expected)
    elif isinstance(expected, bool):
        if not isinstance(got, bool) or got is not expected:
            raise Problem(t("checks.bool_off"))
    elif isinstance(expected, (int, float)):
        compare_number(got, expected, rel_tol, 1e-9)
    elif isinstance(expected, (list, tuple, set)):
        compare_items(got, list(expected), ordered=isinstance(expected, (list, tuple)))
    elif got != expected:
        raise Problem(t("checks.text_off", got=got))


@dataclass
class ChoiceQuestion(Question):
    """Multiple choice; answered by typing the option key or through ``widget()``.

    Option labels are catalogue entries ``<id>.option_<key>``.
    """

    options: tuple[str, ...] = ()
    correct: str = ""

    def option_labels(self) -> list[tuple[str, str]]:
        return [(t(f"{self.id}.option_{key}"), key) for key in self.options]

    def form(self, answer: Any) -> None:
        if answer not in self.options:
            raise Problem(t("checks.not_an_option", got=answer, options=", ".join(self.options)))

    def substance(self, answer: Any) -> None:
        if answer != self.correct:
            raise Problem(t("checks.choice_off"))


@dataclass
class PlotQuestion(Question):
    """A chart returned as a matplotlib ``Axes``, read back through its artists.

    ``kind`` is ``"bar"``, ``"line"`` or ``"scatter"``; ``expected`` returns a mapping of
    category label (bars) or x value (lines, points) to the plotted value.
    """

    kind: str = "bar"
    expected: Callable[[], dict[Any, float]] = lambda: {}
    rel_tol: float = 1e-3

    def form(self, answer: Any) -> None:
        from asm_course import plots

        if not plots.is_axes(answer):
            raise Problem(t("checks.not_axes", got=type_name(answer)))
        if not answer.get_title().strip():
            raise Problem(t("checks.no_title"))
        if not answer.get_xlabel().strip() or not answer.get_ylabel().strip():
            raise Problem(t("checks.no_axis_labels"))
        if not plots.plotted_values(answer, self.kind):
            raise Problem(t("checks.wrong_chart_kind", kind=t(f"checks.chart_{self.kind}")))

    def substance(self, answer: Any) -> None:
        from asm_course import plots

        got = plots.plotted_values(answer, self.kind)
        want = self.expected()
        if len(got) != len(want):
            raise Problem(t("checks.marks_count_off", got=len(got), expected=len(want)))
        if {normalise_text(k) for k in got} != {normalise_text(k) for k in want}:
            raise Problem(t("checks.categories_off"))
        lookup = {normalise_text(k): v for k, v in got.items()}
        for key, value in want.items():
            if not _close_to(lookup[normalise_text(key)], value, self.rel_tol):
                raise Problem(t("checks.heights_off", category=key))


@dataclass
class RangeChartQuestion(PlotQuestion):
    """A range chart (one horizontal line from low to high per row, a central mark on it),
    read back through :func:`asm_course.plots.range_values`. ``expected`` maps row label → (low, high, central)."""

    kind: str = "range"
    expected: Callable[[], dict[str, tuple[float, float, float]]] = lambda: {}

    def form(self, answer: Any) -> None:
        from asm_course import plots

        if not plots.is_axes(answer):
            raise Problem(t("checks.not_axes", got=type_name(answer)))
        if not answer.get_title().strip():
            raise Problem(t("checks.no_title"))
        if not answer.get_xlabel().strip():
            raise Problem(t("checks.no_xlabel"))
        if not plots.range_values(answer):
            raise Problem(t("checks.no_ranges"))

    def substance(self, answer: Any) -> None:
        from asm_course import plots

        got = {normalise_text(k): v for k, v in plots.range_values(answer).items()}
        want = self.expected()
        if len(got) != len(want):
            raise Problem(t("checks.marks_count_off", got=len(got), expected=len(want)))
        if set(got) != {normalise_text(k) for k in want}:
            raise Problem(t("checks.categories_off"))
        for key, (low, high, central) in want.items():
            entry = got[normalise_text(key)]
            if not (_close_to(entry["low"], low, self.rel_tol) and _close_to(entry["high"], high, self.rel_tol)):
                raise Problem(t("checks.range_off", category=key))
            if "central" not in entry:
                raise Problem(t("checks.no_central", category=key))
            if not _close_to(entry["central"], central, self.rel_tol):
                raise Problem(t("checks.central_off", category=key))


def _close_to(got: float, want: float, rel_tol: float) -> bool:
    return math.isclose(float(got), float(want), rel_tol=rel_tol, abs_tol=1e-9)


@dataclass
class Reflection(Question):
    """A written answer graded by the trainer; self-study gets guidance, not a verdict.

    ``<id>.rubric`` holds the mark scheme shown by ``solution()`` for self-study.
    """

    min_words: int = 60
    auto_graded: bool = field(default=False, init=False)

    def evaluate(self, answer: Any) -> Feedback:
        if is_placeholder(answer) or not str(answer).strip():
            return Feedback(self.id, Status.NOT_ATTEMPTED, t("checks.not_attempted_text"))
        words = len(str(answer).split())
        if words < self.min_words:
            return Feedback(self.id, Status.NOT_YET, t("checks.reflection_short", words=words, minimum=self.min_words))
        return Feedback(self.id, Status.CORRECT, t("checks.reflection_ok", words=words))

    def solution_text(self) -> str:
        """The rubric the trainer uses (points to cover)."""
        return f"{t('checks.label_rubric')}:\n{t(f'{self.id}.rubric')}"
