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

from asm_course.i18n import t, thousands_separator


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


# --- how numbers and counts are written ------------------------------------------------

def readable(value: Any) -> str:
    """A number as people read it: thousands separated, sensible digits, never ``2.76821e+07``.

    Whole numbers keep every digit (``27,682,115``); from 1,000 on no decimals, from 100 on one,
    from 1 on two, below 1 three significant digits (``0.075``). The thousands separator comes
    from the catalogue; the decimal point stays a point, as in the code participants write.
    """
    if not _is_plain_number(value):
        return str(value)
    number = float(value)
    if number.is_integer() and abs(number) < 1e15:
        text = f"{int(number):,}"
    elif abs(number) >= 1000:
        text = f"{number:,.0f}"
    elif abs(number) >= 1:
        text = f"{number:,.{1 if abs(number) >= 100 else 2}f}".rstrip("0").rstrip(".")
    else:
        decimals = 2 - math.floor(math.log10(abs(number)))
        text = f"{number:.{decimals}f}".rstrip("0").rstrip(".")
    return text.replace(",", thousands_separator())


def counted(key: str, count: int, **fields: Any) -> str:
    """The catalogue entry for ``count`` things in the right plural form: ``<key>.one`` for
    exactly one (``1 item``), ``<key>.other`` otherwise (``0 items``, ``2 items``)."""
    form = "one" if count == 1 else "other"
    return t(f"{key}.{form}", count=readable(count), **fields)


# --- units a numeric question may declare ------------------------------------------------

# unit → (factor, what the answer looks like): an answer equal to expected × factor is that slip
UNIT_SLIPS: dict[str, tuple[tuple[float, str], ...]] = {
    "percent": ((0.01, "fraction"),),
    "fraction": ((100.0, "percent"),),
    "tonnes": ((1e3, "kilograms"), (1e6, "grams")),
    "thousands": ((1e3, "units"),),
    "count": ((1e-3, "thousands"), (1e-6, "millions")),
}


def require_unit(unit: str | None) -> None:
    """A question bank declaring an unknown unit is a bug: say which units exist."""
    if unit is not None and unit not in UNIT_SLIPS:
        raise ValueError(f"unknown unit {unit!r}; use one of {sorted(UNIT_SLIPS)} or leave it out")


def unit_slip(got: float, want: float, unit: str | None) -> str | None:
    """What an answer that is off by a unit's usual factor looks like, in words, or None.

    ``unit_slip(0.27, 27.0, "percent")`` says it looks like a fraction where a percentage is
    asked; the message names the units only, never the expected value."""
    for factor, looks_like in UNIT_SLIPS.get(unit or "", ()):
        if want and math.isclose(got, want * factor, rel_tol=1e-2):
            return t(f"checks.slip.{unit}.{looks_like}")
    return None


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


def compare_number(answer: Any, expected: float, rel_tol: float, abs_tol: float, unit: str | None = None) -> None:
    """Raise a Problem unless ``answer`` is within tolerance of ``expected``; an answer off by
    the declared unit's usual factor (a fraction for a percentage…) is named as that slip."""
    value = require_number(answer)
    if not math.isclose(value, float(expected), rel_tol=rel_tol, abs_tol=abs_tol):
        slip = unit_slip(value, float(expected), unit)
        if slip:
            raise Problem(t("checks.number_slip", got=readable(value), slip=slip))
        key = "checks.number_high" if value > expected else "checks.number_low"
        raise Problem(t(key, got=readable(value)))


def normalise_text(value: str) -> str:
    """Case-, accent-space-insensitive form used to compare short text answers."""
    return " ".join(str(value).casefold().split())


def compare_text(answer: Any, expected: str) -> None:
    if not isinstance(answer, str):
        raise Problem(t("checks.wrong_type", expected="str", got=type_name(answer)))
    if normalise_text(answer) != normalise_text(expected):
        raise Problem(t("checks.text_off", got=answer))


def is_list_like(answer: Any) -> bool:
    """A list, tuple, set, Series or Index (text is not a list of letters here)."""
    return not isinstance(answer, (str, bytes)) and isinstance(answer, (list, tuple, set, pd.Series, pd.Index))


def compare_items(answer: Any, expected: Sequence[Any], ordered: bool) -> None:
    """Compare lists of labels (e.g. country codes); order matters only if ``ordered``.

    The message names an item the participant wrote (one too many, twice, out of place) and
    only counts the missing ones, so it never gives away an item of the answer."""
    if not is_list_like(answer):
        raise Problem(t("checks.wrong_type", expected="list", got=type_name(answer)))
    written = list(answer)
    got = [normalise_text(x) for x in written]
    want = [normalise_text(x) for x in expected]
    extra = next((x for x, key in zip(written, got, strict=True) if key not in want), None)
    twice = next((x for i, (x, key) in enumerate(zip(written, got, strict=True)) if key in got[:i]), None)
    if extra is not None:
        detail = t("checks.item_extra", item=extra)
    elif twice is not None:
        detail = t("checks.item_twice", item=twice)
    else:
        detail = counted("checks.items_missing", len(set(want) - set(got)))
    if len(got) != len(want):
        raise Problem(t("checks.count_off", got=counted("checks.n_items", len(got)),
                        expected=counted("checks.n_items", len(want)), detail=detail))
    if sorted(got) != sorted(want):
        raise Problem(detail)
    if ordered and got != want:
        position = next(i for i, (g, w) in enumerate(zip(got, want, strict=False)) if g != w)
        raise Problem(t("checks.order_off", position=position + 1, item=written[position]))


def compare_frame_form(answer: Any, expected: pd.DataFrame | pd.Series) -> None:
    """Type, then columns, then rows: a missing, extra or doubled row label, or the row count."""
    kind = "DataFrame" if isinstance(expected, pd.DataFrame) else "Series"
    if type_name(answer) != kind:
        raise Problem(t("checks.wrong_type", expected=kind, got=type_name(answer)))
    if isinstance(expected, pd.DataFrame):
        missing = [c for c in expected.columns if c not in answer.columns]
        if missing:
            raise Problem(t("checks.missing_columns", columns=", ".join(map(str, missing))))
    labels = row_labels(answer, expected)
    if labels is not None:
        compare_row_labels(*labels)
    elif len(answer) != len(expected):
        raise Problem(t("checks.rows_off", got=counted("checks.n_rows", len(answer)),
                        expected=counted("checks.n_rows", len(expected))))


def row_labels(answer: Any, expected: pd.DataFrame | pd.Series) -> tuple[list, list] | None:
    """The labels that name the rows of both tables, as (answer's, expected), or None.

    A Series is labelled by its index. A DataFrame by its index when that holds text
    (e.g. region names), else by its first text column with one distinct value per row
    (e.g. ``estimate_id``). Tables without such labels are compared by position."""
    if isinstance(expected, pd.Series):
        candidates = [(list(answer.index), list(expected.index))]
    else:
        candidates = [(list(answer.index), list(expected.index))] if _is_text(expected.index) else []
        candidates += [(list(answer[c]), list(expected[c])) for c in expected.columns if _is_text(expected[c])]
    for got, want in candidates:
        keys = [_label_key(x) for x in want]
        if want and len(set(keys)) == len(keys) and not any(_is_missing(x) for x in want):
            return got, want
    return None


def _is_text(values: pd.Index | pd.Series) -> bool:
    return values.dtype == object or pd.api.types.is_string_dtype(values) or \
        isinstance(values.dtype, pd.CategoricalDtype)


def _label_key(label: Any) -> Any:
    return normalise_text(label) if isinstance(label, str) else label


def _is_missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _and_more(count: int) -> str:
    return counted("checks.and_more", count) if count else ""


def compare_row_labels(got: list, want: list) -> None:
    """Name the first row label that appears twice, is missing or should not be there."""
    got_keys = [_label_key(x) for x in got]
    want_keys = [_label_key(x) for x in want]
    for i, (label, key) in enumerate(zip(got, got_keys, strict=True)):
        if key in got_keys[:i]:
            raise Problem(t("checks.row_twice", row=label))
    if not set(got_keys) & set(want_keys):
        raise Problem(t("checks.rows_unlabelled", got=got[0] if got else "", want=want[0]))
    missing = [label for label, key in zip(want, want_keys, strict=True) if key not in got_keys]
    if missing:
        raise Problem(t("checks.row_missing", row=missing[0], more=_and_more(len(missing) - 1)))
    extra = [label for label, key in zip(got, got_keys, strict=True) if key not in want_keys]
    if extra:
        raise Problem(t("checks.row_extra", row=extra[0], more=_and_more(len(extra) - 1)))


def compare_frame_values(answer: Any, expected: pd.DataFrame | pd.Series, rel_tol: float,
                         ordered: bool, unit: str | None = None) -> None:
    """Values of every expected column (or of the Series), with a tolerance for numbers.

    Rows are matched by their labels (see :func:`row_labels`); the message names the first
    wrong row and column and the kind of wrong (too high, too low, a unit slip, missing…),
    never the expected value."""
    labels = row_labels(answer, expected)
    if labels is None:
        _compare_by_position(answer, expected, rel_tol, ordered, unit)
        return
    got_labels, want_labels = labels
    compare_row_labels(got_labels, want_labels)
    position = {_label_key(label): i for i, label in enumerate(got_labels)}
    columns = [None] if isinstance(expected, pd.Series) else list(expected.columns)
    wrong = []
    for row, label in enumerate(want_labels):
        for column in columns:
            got = _cell(answer, position[_label_key(label)], column)
            problem = cell_problem(got, _cell(expected, row, column), rel_tol, unit)
            if problem:
                wrong.append((label, column, problem))
    if wrong:
        label, column, problem = wrong[0]
        key = "checks.row_off" if column is None else "checks.cell_off"
        raise Problem(t(key, row=label, column=column, problem=problem, more=_and_more(len(wrong) - 1)))
    if ordered:
        for got, want in zip(got_labels, want_labels, strict=False):
            if _label_key(got) != _label_key(want):
                raise Problem(t("checks.rows_order_off", row=got))


def _cell(table: pd.DataFrame | pd.Series, row: int, column: Any) -> Any:
    return table.iloc[row] if column is None else table[column].iloc[row]


def cell_problem(got: Any, want: Any, rel_tol: float, unit: str | None = None) -> str | None:
    """What is wrong with one value, in a few words, or None when it is right."""
    if _is_missing(want):
        return None if _is_missing(got) else t("checks.kind_not_empty")
    if _is_missing(got):
        return t("checks.kind_missing")
    if _is_plain_number(want):
        try:
            value = float(got)
        except (TypeError, ValueError):
            return t("checks.kind_off")
        if math.isclose(value, float(want), rel_tol=rel_tol, abs_tol=1e-9):
            return None
        return unit_slip(value, float(want), unit) or t("checks.kind_high" if value > want else "checks.kind_low")
    return None if normalise_text(got) == normalise_text(want) else t("checks.kind_off")


def _compare_by_position(answer: Any, expected: pd.DataFrame | pd.Series, rel_tol: float, ordered: bool,
                         unit: str | None) -> None:
    """Tables without row labels: rows in a canonical order unless ``ordered``, then column by column."""
    got = answer.to_frame() if isinstance(answer, pd.Series) else answer[list(expected.columns)]
    want = expected.to_frame() if isinstance(expected, pd.Series) else expected
    got.columns = want.columns
    if not ordered:
        got = _sorted(got)
        want = _sorted(want)
    for column in want.columns:
        bad = [i for i, (g, w) in enumerate(zip(got[column], want[column], strict=False)) if cell_problem(g, w, rel_tol, unit)]
        if bad:
            raise Problem(counted("checks.values_off", len(bad), column=column))


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in a canonical order (by their text), so row order does not matter."""
    order = frame.astype(str).sort_values(list(frame.columns)).index
    return frame.loc[order].reset_index(drop=True)


def _is_plain_number(value: Any) -> bool:
    return (isinstance(value, (int, float)) or _is_numpy_number(value)) and not isinstance(value, bool) \
        and not pd.isna(value)


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

    def __post_init__(self) -> None:
        require_unit(getattr(self, "unit", None))

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
    unit: str | None = None  # "percent", "fraction", "tonnes", "thousands" or "count": names unit slips

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
            compare_number(answer, expected, self.rel_tol, self.abs_tol, self.unit)


@dataclass
class ItemsQuestion(Question):
    """A list of labels such as country codes; ``ordered`` for rankings."""

    expected: Callable[[], Sequence[Any]] = lambda: []
    ordered: bool = False

    def form(self, answer: Any) -> None:
        if not is_list_like(answer):
            raise Problem(t("checks.wrong_type", expected="list", got=type_name(answer)))

    def substance(self, answer: Any) -> None:
        compare_items(answer, list(self.expected()), self.ordered)


@dataclass
class FrameQuestion(Question):
    """A pandas DataFrame or Series built from the course data."""

    expected: Callable[[], pd.DataFrame | pd.Series] = lambda: pd.DataFrame()
    rel_tol: float = 1e-6
    ordered: bool = False
    unit: str | None = None  # of the values, as for ValueQuestion

    def form(self, answer: Any) -> None:
        compare_frame_form(answer, self.expected())

    def substance(self, answer: Any) -> None:
        compare_frame_values(answer, self.expected(), self.rel_tol, self.ordered, self.unit)


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
    unit: str | None = None  # of the results, as for ValueQuestion

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
                raise Problem(t("checks.function_raised", case=number,
                                error=f"{type(error).__name__}: {error}")) from None
            try:
                _compare_any(got, self.reference(*_copies(args)), self.rel_tol, self.unit)
            except Problem as problem:
                raise Problem(t("checks.function_case", case=number, problem=problem)) from None


def _copies(args: tuple) -> tuple:
    """Fresh copies of DataFrame arguments, so a function that edits its input cannot
    change the reference result or later cases."""
    return tuple(a.copy() if isinstance(a, (pd.DataFrame, pd.Series)) else a for a in args)


def _compare_any(got: Any, expected: Any, rel_tol: float, unit: str | None = None) -> None:
    """Compare by the kind of the expected value."""
    if isinstance(expected, (pd.DataFrame, pd.Series)):
        compare_frame_form(got, expected)
        compare_frame_values(got, expected, rel_tol, ordered=False, unit=unit)
    elif isinstance(expected, str):
        compare_text(got, expected)
    elif isinstance(expected, bool):
        if not isinstance(got, bool) or got is not expected:
            raise Problem(t("checks.bool_off"))
    elif isinstance(expected, (int, float)):
        compare_number(got, expected, rel_tol, 1e-9, unit)
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
            raise Problem(t("checks.marks_count_off", got=counted("checks.n_values", len(got)),
                            expected=counted("checks.n_values", len(want))))
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
    expected: Callable[[], dict[Any, Any]] = lambda: {}  # row label → (low, high, central)

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
            raise Problem(t("checks.marks_count_off", got=counted("checks.n_values", len(got)),
                            expected=counted("checks.n_values", len(want))))
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
            return Feedback(self.id, Status.NOT_YET, counted("checks.reflection_short", words, minimum=self.min_words))
        return Feedback(self.id, Status.CORRECT, counted("checks.reflection_ok", words))

    def solution_text(self) -> str:
        """The rubric the trainer uses (points to cover)."""
        return f"{t('checks.label_rubric')}:\n{t(f'{self.id}.rubric')}"
