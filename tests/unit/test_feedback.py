"""Contract tests of the feedback messages: the first wrong label and the kind of wrong,
unit slips where a question declares its unit, readable numbers, plural forms (en and es),
and "no more hints" — each message asserted word for word, and none reveals the answer."""

from __future__ import annotations

import pandas as pd
import pytest

from asm_course import formalization, i18n
from asm_course.checks import FrameQuestion, ItemsQuestion, Reflection, Status, ValueQuestion, m00, m03, m04
from asm_course.checks.verdict import counted, readable, unit_slip

pytestmark = pytest.mark.contract


@pytest.fixture(autouse=True)
def _english(monkeypatch, tmp_path):
    monkeypatch.setenv("ASM_COURSE_HOME", str(tmp_path))
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    i18n.set_language("en")
    yield
    i18n._current = None


def not_yet(question, answer) -> str:
    feedback = question.evaluate(answer)
    assert feedback.status is Status.NOT_YET, feedback.text
    return feedback.message


# --- tables: the first wrong row and column ---------------------------------------------------

FUNNEL = pd.DataFrame({"records": [3120, 1480, 210], "formalized": [41, 12, 3]},
                      index=pd.Index(["Puno", "Arequipa", "Lima"], name="region"))


def funnel_question(**kw) -> FrameQuestion:
    return FrameQuestion("m99.q1", expected=lambda: FUNNEL, **kw)


def test_a_table_names_the_first_wrong_row_and_column_and_whether_it_is_too_low():
    answer = FUNNEL.assign(records=[3000, 1480, 210])
    assert not_yet(funnel_question(), answer) == "row 'Puno', column 'records': too low."
    assert "3,120" not in not_yet(funnel_question(), answer) and "3120" not in not_yet(funnel_question(), answer)


def test_a_table_counts_the_other_wrong_values():
    answer = FUNNEL.assign(formalized=[50, 20, 3], records=[3120, 1480, 999])
    assert not_yet(funnel_question(), answer) == "row 'Puno', column 'formalized': too high (and 2 more)."


def test_a_missing_and_an_extra_row_are_named():
    assert not_yet(funnel_question(), FUNNEL.drop(index="Arequipa")) == "row 'Arequipa' is missing."
    extra = pd.concat([FUNNEL, pd.DataFrame({"records": [5], "formalized": [1]}, index=["Cusco"])])
    assert not_yet(funnel_question(), extra) == "row 'Cusco' should not be in your answer."
    assert not_yet(funnel_question(), FUNNEL.iloc[[0, 0, 1, 2]]) == "row 'Puno' appears more than once."


def test_a_table_without_text_labels_is_matched_by_its_id_column():
    expected = pd.DataFrame({"estimate_id": ["PER-01", "PER-02"], "iso3": ["PER", "PER"],
                             "workers": [100_000, 70_000]})
    q = FrameQuestion("m99.q2", expected=lambda: expected)
    shuffled = expected.iloc[::-1].reset_index(drop=True)
    assert q.evaluate(shuffled).passed
    assert not_yet(q, expected.assign(workers=[100_000, None])) == \
        "row 'PER-02', column 'workers': the value is missing (NaN)."
    assert not_yet(q, expected.assign(iso3=["PER", "BOL"])) == "row 'PER-02', column 'iso3': not right yet."
    assert not_yet(q, expected.iloc[:1]) == "row 'PER-02' is missing."  # also the visible test says so
    assert q.visible(expected.iloc[:1]).message == "row 'PER-02' is missing."


def test_rows_labelled_by_position_instead_of_names_are_pointed_out():
    answer = FUNNEL.reset_index(drop=True)
    q = FrameQuestion("m99.q3", expected=lambda: FUNNEL["records"])
    assert not_yet(q, answer["records"]) == (
        "the rows of your answer are labelled differently: yours start with '0', the question's with 'Puno'. "
        "Check which column is the index (set_index, groupby).")


def test_a_value_where_the_table_should_be_empty():
    expected = pd.Series({"registered": 100.0, "active": float("nan")})
    q = FrameQuestion("m99.q4", expected=lambda: expected)
    assert not_yet(q, pd.Series({"registered": 100.0, "active": 0.0})) == \
        "row 'active': should be empty (no value)."


def test_ordered_tables_name_the_first_row_out_of_place():
    q = funnel_question(ordered=True)
    assert not_yet(q, FUNNEL.iloc[[1, 0, 2]]) == \
        "the right values, but not in the right order: row 'Arequipa' is out of place."
    assert funnel_question().evaluate(FUNNEL.iloc[[1, 0, 2]]).passed


def test_the_real_funnel_question_names_its_stage():
    right = m04.q1.expected()
    answer = right.copy()
    answer["active"] -= 1000
    message = not_yet(m04.q1, answer)
    assert message == "row 'active': too low."


# --- lists: never name an item the participant did not write -----------------------------------

def test_lists_name_the_wrong_item_written_and_only_count_the_missing_ones():
    q = ItemsQuestion("m99.q5", expected=lambda: ["BOL", "DOM", "GTM"])
    assert not_yet(q, ["BOL", "PER", "GTM"]) == "'PER' is not one of the items asked for."
    assert not_yet(q, ["BOL"]) == "your answer has 1 item; the question needs 3 items. 2 items are still missing."
    assert not_yet(q, ["BOL", "DOM"]) == "your answer has 2 items; the question needs 3 items. 1 item is still missing."
    assert "GTM" not in not_yet(q, ["BOL", "DOM"]) and "DOM" not in not_yet(q, ["BOL", "GTM"])
    assert not_yet(q, ["BOL", "BOL", "DOM", "GTM"]) == \
        "your answer has 4 items; the question needs 3 items. 'BOL' appears more than once."


def test_ranked_lists_name_the_first_position_out_of_place():
    q = ItemsQuestion("m99.q6", expected=lambda: ["PER", "COL", "BOL"], ordered=True)
    assert not_yet(q, ["PER", "BOL", "COL"]) == \
        "the right items, but not in the right order: the first one out of place is number 2 ('BOL')."


# --- unit slips -------------------------------------------------------------------------------

def test_a_fraction_given_for_a_percentage():
    right = m03.q4.expected()
    message = not_yet(m03.q4, right / 100)
    assert message.endswith("it looks like a fraction; this question asks for a percentage "
                            "(for example 25 for 25 %, not 0.25).")
    assert readable(right) not in message
    assert "too low" in not_yet(ValueQuestion("m99.q7", expected=lambda: right), right / 100)  # no unit, no guess


def test_a_percentage_given_for_a_fraction_in_a_function_result():
    message = not_yet(m04.q2, lambda counts: 100 * formalization.conversion_rates(counts))
    assert message == ("test case 1: row 'active': it looks like a percentage; this question asks for a fraction "
                       "(for example 0.25 for 25 %, not 25) (and 3 more).")


def test_grams_and_kilograms_given_for_tonnes():
    grams = 890_000 * 31.1035
    assert not_yet(m00.q1, grams) == ("27,682,115: it looks like grams; this question asks for tonnes "
                                      "(1 t = 1,000,000 g).")
    assert not_yet(m00.q1, grams / 1000).startswith("27,682: it looks like kilograms")
    assert not_yet(m00.q1, 30.0) == "30 is too high."  # no slip: an ordinary wrong value


def test_thousands_given_for_a_count_and_units_given_for_thousands():
    right = m03.q1.expected()
    assert "it looks like a number in thousands; this question asks for the full count" in \
        not_yet(m03.q1, right / 1000)
    in_thousands = ValueQuestion("m99.q8", expected=lambda: 12.5, rel_tol=1e-3, unit="thousands")
    assert not_yet(in_thousands, 12_500) == ("12,500: it looks like a count in units; this question asks for "
                                              "thousands (for example 12.5 for 12,500).")


def test_a_function_that_forgets_the_millions():
    assert "it looks like a number in millions" in not_yet(m03.q3, lambda value, income: value / income)


def test_an_unknown_unit_is_refused_when_the_bank_is_built():
    with pytest.raises(ValueError, match="unknown unit 'percents'"):
        ValueQuestion("m99.q9", expected=lambda: 1.0, unit="percents")
    assert unit_slip(0.5, 50.0, None) is None and unit_slip(0.5, 0.0, "percent") is None


# --- readable numbers and plurals ---------------------------------------------------------------

@pytest.mark.parametrize("value, text", [
    (27_682_115.0, "27,682,115"), (2.76821e7, "27,682,100"), (127_500, "127,500"), (1234.56, "1,235"),
    (123.456, "123.5"), (27.6821, "27.68"), (7.5, "7.5"), (0.075123, "0.0751"), (0.000123456, "0.000123"),
    (-4200.0, "-4,200"), (3, "3"),
])
def test_numbers_are_written_for_people(value, text):
    assert readable(value) == text


def test_spanish_numbers_use_a_space_for_thousands():
    i18n.set_language("es")
    assert readable(27_682_115.0) == "27\u00a0682\u00a0115"
    assert readable(27.68) == "27.68"  # the decimal point stays the one participants type


def test_a_large_wrong_number_is_never_in_scientific_notation():
    message = not_yet(ValueQuestion("m99.q10", expected=lambda: 1.0), 2.76821e7)
    assert "e+" not in message and message == "27,682,100 is too high."


@pytest.mark.parametrize("lang, one, two", [("en", "1 item", "2 items"), ("es", "1 elemento", "2 elementos")])
def test_plural_forms_come_from_the_catalogue(lang, one, two):
    i18n.set_language(lang)
    assert counted("checks.n_items", 1) == one
    assert counted("checks.n_items", 2) == two
    assert counted("checks.n_items", 0).startswith("0 ") and counted("checks.n_items", 0) != one.replace("1", "0")


def test_plurals_in_messages_in_both_languages():
    q = FrameQuestion("m99.q11", expected=lambda: pd.DataFrame({"x": [1.0, 2.0]}))
    assert not_yet(q, pd.DataFrame({"x": [1.0]})) == "your table has 1 row; it should have 2 rows."
    assert not_yet(q, pd.DataFrame({"x": [1.0, 5.0]})) == "column 'x': 1 value is not right yet."
    assert not_yet(q, pd.DataFrame({"x": [7.0, 5.0]})) == "column 'x': 2 values are not right yet."
    essay = Reflection("m99.q12", min_words=5)
    assert essay.evaluate("Short").message.startswith("1 word so far")
    i18n.set_language("es")
    assert not_yet(q, pd.DataFrame({"x": [1.0]})) == "su tabla tiene 1 fila; debería tener 2 filas."
    assert not_yet(q, pd.DataFrame({"x": [1.0, 5.0]})) == "columna 'x': 1 valor todavía no es correcto."
    assert essay.evaluate("Corto").message.startswith("1 palabra hasta ahora")
    assert not_yet(funnel_question(), FUNNEL.assign(records=[3000, 1480, 210])) == \
        "fila 'Puno', columna 'records': demasiado bajo."


def test_no_more_hints_after_the_last_one():
    assert m00.q1.hints == 2
    assert m00.q1.hint_text(3).startswith("There are no more hints: this question has 2.")
    assert "hint(3)" not in m00.q1.hint_text(2) and "hint(2)" in m00.q1.hint_text(1)
