"""Unit tests of the exercise framework: i18n, question kinds, answers, progress,
settings, plots and widget callbacks (driven headless by setting ``.value``)."""

from __future__ import annotations

import json
import re
import string

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from asm_course import answers, baseline, i18n, layout, plots, value_chain
from asm_course import selfstudy as progress
from asm_course.checks import (
    ChoiceQuestion,
    FrameQuestion,
    FunctionQuestion,
    ItemsQuestion,
    PlotQuestion,
    Reflection,
    Status,
    ValueQuestion,
    all_questions,
)
from asm_course.widgets import m00 as m00_apps

pytestmark = pytest.mark.unit


@pytest.fixture(autouse=True)
def _interactive(monkeypatch, tmp_path):
    """Each test: not under nbgrader, English, answers and progress in a temp folder."""
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.delenv("ASM_COURSE_SOLUTIONS", raising=False)
    monkeypatch.setenv(layout.ANSWERS_DIR.name, str(tmp_path))
    monkeypatch.setenv(layout.HOME.name, str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    i18n.set_language("en")
    yield
    i18n._current = None


# --- i18n ---------------------------------------------------------------------------

def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_language_has_the_same_files_keys_and_fields_and_no_empty_entry():
    root = i18n._HERE
    english = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in (root / "en").glob("*.json")}
    assert english, "no English catalogue files"
    for lang in i18n.available_languages():
        other = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in (root / lang).glob("*.json")}
        assert other.keys() == english.keys(), f"{lang}: catalogue files differ from English"
        for name, entries in english.items():
            assert other[name].keys() == entries.keys(), f"{lang}/{name}: keys differ from en/{name}"
            for key, text in other[name].items():
                assert text, f"{lang}/{name}: {key} has no text (translate it)"
                assert _fields(text) == _fields(entries[key]), f"{lang}/{name}: {key} uses other {{fields}}"


def test_untranslated_entries_fall_back_to_english(monkeypatch):
    monkeypatch.setitem(i18n.catalogue("es"), "checks.label_correct", None)
    i18n.set_language("es")
    assert i18n.t("checks.label_correct") == "Correct"
    monkeypatch.setitem(i18n.catalogue("es"), "checks.label_correct", "Correcto")
    assert i18n.t("checks.label_correct") == "Correcto"


def test_language_comes_from_the_environment_and_unknown_ones_are_refused(monkeypatch):
    i18n._current = None
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "es")
    assert i18n.get_language() == "es"
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "xx")
    assert i18n.get_language() == "en"
    with pytest.raises(ValueError, match="No message catalogue for language 'xx'"):
        i18n.set_language("xx")


def test_language_follows_the_tree_of_the_working_folder(monkeypatch, tmp_path):
    """A kernel started for course/es/… runs in course/es: its messages are Spanish without a
    set-up call; the tree wins over $ASM_COURSE_LANG, an explicit choice wins over both."""
    spanish = tmp_path / "course" / "es"
    spanish.mkdir(parents=True)
    monkeypatch.setattr(i18n, "_current", None)
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "en")
    monkeypatch.chdir(spanish)
    assert i18n.get_language() == "es"
    assert i18n.t("checks.label_correct") == "Correcto"
    monkeypatch.chdir(tmp_path)
    assert i18n.get_language() == "en"
    monkeypatch.chdir(spanish)
    i18n.set_language("en")
    assert i18n.get_language() == "en"


def test_every_question_has_its_texts_in_the_catalogue():
    english = i18n.catalogue("en")
    for question in all_questions():
        needed = [f"{question.id}.title"] + [f"{question.id}.hint{n}" for n in range(1, question.hints + 1)]
        needed.append(f"{question.id}.rubric" if isinstance(question, Reflection) else f"{question.id}.solution")
        if isinstance(question, ChoiceQuestion):
            needed += [f"{question.id}.option_{key}" for key in question.options]
        missing = [key for key in needed if not english.get(key)]
        assert not missing, f"{question.id}: missing catalogue entries {missing}"


# --- question kinds -----------------------------------------------------------------

def number_question(**kw):
    return ValueQuestion("m99.q1", expected=lambda: 27.68, rel_tol=1e-3, **kw)


def test_value_question_outcomes_and_messages_do_not_reveal_the_answer():
    q = number_question()
    assert q.evaluate(...).status is Status.NOT_ATTEMPTED
    assert q.evaluate(None).status is Status.NOT_ATTEMPTED
    assert q.evaluate(27.681).passed
    wrong = q.evaluate(27680.0)
    assert wrong.status is Status.NOT_YET and "too high" in wrong.message
    assert "27.68" not in wrong.text
    assert "single number" in q.evaluate("27.68").message  # type is reported first
    assert q.evaluate(True).status is Status.NOT_YET  # a bool is not a number


def test_check_prints_to_stdout_never_raises_and_records_progress(capsys):
    q = number_question()
    q.check(object())
    q.check(...)
    q.check(27.68)
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.strip().splitlines()
    assert lines[0].startswith("Not yet") and lines[1].startswith("Not attempted") and lines[2].startswith("Correct")
    assert json.loads(progress.progress_file().read_text()) == {"m99.q1": True}


def test_grade_raises_only_under_nbgrader_and_prints_otherwise(monkeypatch, capsys):
    q = number_question()
    q.grade(...)  # interactive: a blank notebook runs without an error
    assert "Not attempted" in capsys.readouterr().out
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with pytest.raises(AssertionError, match="Not attempted"):
        q.grade(...)
    q.grade(5.0)  # visible test: right form, wrong value passes
    with pytest.raises(AssertionError, match="too low"):
        q.grade_hidden(5.0)
    q.grade_hidden(27.68)
    assert capsys.readouterr().out == ""  # passing graded tests print nothing


def test_text_and_items_questions_ignore_case_spacing_and_order():
    text = ValueQuestion("m99.q2", expected=lambda: "COL")
    assert text.evaluate(" col ").passed
    assert not text.evaluate("BOL").passed
    items = ItemsQuestion("m99.q3", expected=lambda: ["PER", "COL"])
    assert items.evaluate(["col", "per"]).passed
    assert "3 items" in items.evaluate(["COL", "PER", "BOL"]).message
    ranked = ItemsQuestion("m99.q4", expected=lambda: ["PER", "COL"], ordered=True)
    assert "order" in ranked.evaluate(["COL", "PER"]).message


def test_frame_question_reports_type_then_columns_then_rows_then_values():
    expected = pd.DataFrame({"iso3": ["PER", "BOL"], "workers": [100_000, 230_000]})
    q = FrameQuestion("m99.q5", expected=lambda: expected)
    assert "DataFrame" in q.evaluate([1, 2]).message
    assert "workers" in q.evaluate(expected[["iso3"]]).message
    assert "row 'BOL' is missing" in q.evaluate(expected.head(1)).message
    changed = expected.assign(workers=[100_000, 1])
    assert "column 'workers'" in q.evaluate(changed).message
    assert q.evaluate(expected.iloc[::-1]).passed  # row order does not matter
    assert q.evaluate(expected.assign(extra=1)).passed  # extra columns are allowed


def test_series_question_compares_index_and_values():
    expected = pd.Series({"BRA": 850_000.0, "PER": 100_000.0})
    q = FrameQuestion("m99.q6", expected=lambda: expected)
    assert q.evaluate(expected.sort_values()).passed
    assert not q.evaluate(pd.Series({"BRA": 850_000.0, "BOL": 100_000.0})).passed
    assert "Series" in q.evaluate(expected.to_frame()).message


def test_function_question_runs_visible_and_hidden_cases_on_fresh_copies():
    frame = pd.DataFrame({"x": [1, 2, 3]})
    q = FunctionQuestion("m99.q7", reference=lambda df, k: int((df["x"] > k).sum()),
                         cases=lambda: [(frame, 1)], hidden_cases=lambda: [(frame, 2), (frame, 0)])

    def mutating(df, k):
        df["x"] = 0
        return 1

    assert q.evaluate(lambda df, k: int((df["x"] > k).sum())).passed
    assert "case 2" in q.evaluate(lambda df, k: 2).message  # right on the visible case only
    assert "stopped with an error" in q.evaluate(lambda df, k: df["nope"]).message
    assert "function" in q.evaluate(3).message
    assert not q.evaluate(mutating).passed and frame["x"].tolist() == [1, 2, 3]


def test_choice_question_validates_options():
    q = ChoiceQuestion("m00.q6", options=("a", "b", "c", "d"), correct="c")
    assert q.evaluate("c").passed
    assert "not one of the options" in q.evaluate("z").message
    assert q.evaluate("a").status is Status.NOT_YET


def test_plot_question_reads_bars_title_and_labels():
    values = pd.Series({"BRA": 850_000.0, "PER": 100_000.0})
    q = PlotQuestion("m99.q8", kind="bar", expected=lambda: values.to_dict())
    ax = plots.bar_chart(values, "Workers", "Country", "People")
    assert q.evaluate(ax).passed
    _, bare = plt.subplots()
    bare.bar(["BRA", "PER"], [850_000, 100_000])
    assert "title" in q.evaluate(bare).message
    bare.set_title("t")
    assert "label both axes" in q.evaluate(bare).message
    bare.set_xlabel("x")
    bare.set_ylabel("y")
    assert q.evaluate(bare).passed
    _, lines = plt.subplots()
    lines.plot([1, 2], [3, 4])
    lines.set(title="t", xlabel="x", ylabel="y")
    assert "bar chart" in q.evaluate(lines).message
    wrong = plots.bar_chart(pd.Series({"BRA": 1.0, "PER": 100_000.0}), "t", "x", "y")
    assert "'BRA'" in q.evaluate(wrong).message
    assert "Axes" in q.evaluate(values).message


def test_scatter_is_read_from_collections_or_marker_lines():
    _, ax = plt.subplots()
    ax.scatter([1, 2], [3, 4])
    assert plots.scatter_points(ax) == {1: 3, 2: 4}
    _, ax2 = plt.subplots()
    ax2.plot([1, 2], [3, 4], "o")
    assert plots.scatter_points(ax2) == {1: 3, 2: 4}


def test_describe_gives_a_text_alternative():
    ax = plots.bar_chart(pd.Series({"BRA": 850_000.0}), "Workers", "Country", "People")
    text = plots.describe(ax)
    assert "Workers" in text and "Country" in text and "BRA: 850,000" in text


def test_reflection_is_never_auto_graded_and_counts_words():
    q = Reflection("m99.q9", min_words=5)
    assert not q.auto_graded
    assert q.evaluate("").status is Status.NOT_ATTEMPTED
    assert "2 words" in q.evaluate("too short").message
    assert q.evaluate("one two three four five six").passed


def test_hints_step_through_and_solutions_can_be_switched_off(monkeypatch, tmp_path, capsys):
    from asm_course.checks import m00

    m00.q4.hint()
    m00.q4.hint(2)
    m00.q4.hint(3)
    m00.q4.hint(99)
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Hint 1/3") and "hint(2)" in out[0]
    assert out[1].startswith("Hint 2/3") and out[2].startswith("Hint 3/3") and "hint(4)" not in out[2]
    assert out[3].startswith("There are no more hints: this question has 3.")
    m00.q4.solution()
    assert "groupby" in capsys.readouterr().out
    monkeypatch.setenv(layout.SOLUTIONS.name, "off")
    m00.q4.solution()
    assert "switched off" in capsys.readouterr().out
    monkeypatch.delenv(layout.SOLUTIONS.name)
    (tmp_path / layout.SETTINGS_FILE).write_text('{"solutions": false}')
    assert not layout.solutions_enabled()
    (tmp_path / layout.SETTINGS_FILE).unlink()
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    assert not layout.solutions_enabled()


# --- answers and progress -----------------------------------------------------------

def test_answers_are_saved_atomically_and_a_broken_file_is_ignored(tmp_path):
    assert answers.save_answer("m00.q6", "c")
    assert answers.save_answer("m00.q9", 3)
    assert answers.read_answer("m00.q6") == "c"
    assert json.loads((tmp_path / "m00_answers.json").read_text()) == {"m00.q6": "c", "m00.q9": 3}
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []
    (tmp_path / "m00_answers.json").write_text("{not json")
    assert answers.read_answer("m00.q6") is None


def test_check_with_nothing_to_check_says_what_to_write(capsys):
    from asm_course.checks import m00

    m00.q1.check()
    assert capsys.readouterr().out.strip() == (
        "Nothing to check yet: put your answer between the brackets, for example m00.q1.check(my_answer).")


def test_nbgrader_runs_never_write_answers_or_progress(monkeypatch, tmp_path):
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    assert not answers.save_answer("m00.q6", "c")
    progress.record("m00.q1", True)
    assert not (tmp_path / "m00_answers.json").exists()
    assert not progress.progress_file().exists()


def test_progress_table_counts_correct_questions_once_done():
    progress.record("m00.q1", True)
    progress.record("m00.q1", False)  # a later wrong try does not undo it
    progress.record("m00.q2", False)
    table = progress.progress_table(["m00.q1", "m00.q2", "m00.q3"])
    row = table.iloc[0].to_dict()
    assert row == {"module": "m00", "correct": 1, "questions": 3, "still to do": "q2, q3"}


# --- widgets (callbacks driven headless) ----------------------------------------------

def test_choice_widget_restores_the_stored_answer_and_saves_each_change(tmp_path):
    from asm_course.checks import m00

    answers.save_answer("m00.q6", "b")
    buttons = m00.q6.widget()
    assert buttons.value == "b"
    buttons.value = "c"
    assert json.loads((tmp_path / "m00_answers.json").read_text()) == {"m00.q6": "c"}
    assert m00.q6.widget().value == "c"  # a re-run of the cell (or autograde) sees it


def test_choice_widget_ignores_a_stored_value_that_is_not_an_option():
    from asm_course.checks import m00

    answers.save_answer("m00.q6", "zz")
    assert m00.q6.widget().value is None


def test_gold_value_app_recomputes_when_a_slider_moves():
    app = m00_apps.GoldValueApp(gold_t=27.7, price_usd_per_oz=1250)
    assert app.result == pytest.approx(value_chain.gold_value_usd_m(27.7, 1250))
    app.price.value = 2500
    assert app.result == pytest.approx(2 * value_chain.gold_value_usd_m(27.7, 1250))
    assert re.search(r"USD 2,22\d million", app.summary.value)


def test_estimates_explorer_follows_the_dropdown():
    estimates = pd.DataFrame({
        "iso3": ["BOL", "BOL", "MEX"], "workers": [100_000, None, None],
        "workers_low": [None, 220_000, None], "workers_high": [None, 240_000, None],
        "year": [1999, 2021, 2020], "source_label": ["ILO 1999", "Hruschka", "none"],
    }).astype({"workers": "Int64", "workers_low": "Int64", "workers_high": "Int64"})
    app = m00_apps.EstimatesExplorer(estimates, {"BOL": "Bolivia", "MEX": "Mexico"})
    assert "Bolivia: 2 published estimate(s) from 1999 to 2021" in app.summary.value
    assert "100,000" in app.summary.value and "240,000" in app.summary.value
    app.country.value = "MEX"
    assert "No published workforce estimate" in app.summary.value


# --- domain functions used by m00 ---------------------------------------------------

def test_gold_conversions():
    assert value_chain.ounces_to_tonnes(890_000) == pytest.approx(27.68, abs=0.01)
    assert value_chain.gold_value_usd_m(1, 1250) == pytest.approx(40.19, abs=0.01)
    with pytest.raises(ValueError):
        value_chain.gold_value_usd_m(-1, 1250)


def test_baseline_medians_skip_gaps_and_spread_ranks_countries():
    estimates = pd.DataFrame({
        "iso3": ["COL", "COL", "BOL", "BOL", "MEX"],
        "workers": [314_000, 2_000_000, 100_000, 130_000, None],
        "workers_low": [None] * 5, "workers_high": [None] * 5,
    }).astype({"workers": "Int64", "workers_low": "Int64", "workers_high": "Int64"})
    medians = baseline.median_by_country(estimates)
    assert medians.to_dict() == {"COL": 1_157_000.0, "BOL": 115_000.0}
    spread = baseline.spread_by_country(estimates)
    assert list(spread.index) == ["COL", "BOL"]
    assert spread.loc["COL", "high_to_low"] == pytest.approx(2_000_000 / 314_000)


def test_plan_prompts_are_saved_like_widget_answers_and_collected(tmp_path, monkeypatch):
    from asm_course.checks import PlanPrompt
    from asm_course.plan import plan_answers

    with pytest.raises(ValueError, match="must look like 'm01.plan1'"):
        PlanPrompt("plan1")
    prompt = PlanPrompt("m00.plan1")
    monkeypatch.setitem(i18n.catalogue("en"), "m00.plan1.title", "Your first action")
    box = prompt.widget()
    box.value = "  Count miners by sex in the registry.  "
    assert prompt.answer() == box.value
    assert PlanPrompt("m00.plan1").widget().value == box.value  # restored on re-run
    answers.save_answer("m00.q6", "c")  # ordinary answers are not plan answers
    assert plan_answers([tmp_path]) == {"m00.plan1": "Count miners by sex in the registry."}


def test_a_function_scaffold_that_still_returns_ellipsis_is_not_attempted(monkeypatch):
    q = FunctionQuestion("m99.q10", reference=lambda x: x * 2, cases=lambda: [(1,)], hidden_cases=lambda: [(5,)])

    def scaffold(x):
        ...  # the participant has not filled in the body yet
        return ...

    assert q.evaluate(scaffold).status is Status.NOT_ATTEMPTED
    assert q.evaluate(lambda x: x + 1).status is Status.NOT_YET  # right on 1, wrong on 5
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with pytest.raises(AssertionError, match="Not attempted"):
        q.grade(scaffold)


def test_explorer_charts_are_skipped_while_nbgrader_runs(monkeypatch):
    import ipywidgets

    from asm_course.widgets.controls import fresh_chart

    area = ipywidgets.Output()
    assert fresh_chart(area)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert not fresh_chart(area)
