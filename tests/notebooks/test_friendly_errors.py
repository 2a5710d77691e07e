"""Plain-language errors: the message functions (English and Spanish), the language a
notebook's tree gives, and a real IPython kernel that shows the plain message with the full
traceback in a collapsed section (and nothing changed under nbgrader)."""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from jupyter_client.manager import start_new_kernel

from asm_course import friendly_errors as fe
from asm_course import i18n, session
from asm_course.checks import m00

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _english():
    i18n.set_language("en")
    yield
    i18n._current = None


def raised(code: str, namespace: dict | None = None) -> BaseException:
    """The exception a piece of code raises (compiled like a cell)."""
    try:
        exec(compile(code, "<cell>", "exec"), dict(namespace or {}))
    except BaseException as error:  # noqa: BLE001 - the point is to catch it
        return error
    raise AssertionError(f"{code!r} raised nothing")


# --- message functions -------------------------------------------------------------------

def test_a_misspelt_name_gets_the_closest_defined_name():
    namespace = {"peru_gold_t": 27.7, "estimates": object()}
    found = fe.explain(raised("peru_gold * 2", namespace), namespace, fe.Where(1, "peru_gold * 2", cell=5))
    assert found.message == "Nothing called peru_gold has been defined. Did you mean peru_gold_t?"
    assert "upper and lower case" in found.advice
    assert found.where == "Cell [5], line 1: peru_gold * 2"
    assert fe.closest_name("Estimates", namespace) == "estimates"  # case only
    assert fe.closest_name("prnt", {}) == "print"  # built-ins count


def test_a_name_with_nothing_close_suggests_running_earlier_cells_or_quotes():
    found = fe.explain(raised("PER"), {"estimates": 1})
    assert "Did you mean" not in found.message
    assert "Run All Above Selected Cell" in found.advice and '"PER"' in found.advice


def test_names_ipython_defines_are_never_suggested():
    assert fe.closest_name("Inn", {"In": [], "Out": {}}) is None


def test_a_question_call_without_an_answer_says_what_to_put_between_the_brackets():
    error = raised("m00.q1.grade()", {"m00": m00})
    found = fe.explain(error, {}, fe.Where(1, "m00.q1.grade()"))
    assert found.title == "Something is missing between the brackets"
    assert found.message == "m00.q1.grade() needs your answer between its brackets."
    assert "m00.q1.grade(my_answer)" in found.advice


def test_a_missing_argument_of_a_function_names_it_with_the_right_plural():
    namespace = {}
    exec("def implied_workers(value, income):\n    return value / income", namespace)
    one = fe.explain(raised("implied_workers(900)", namespace), namespace, fe.Where(1, "implied_workers(900)"))
    assert one.message == "implied_workers() needs 1 more value between its brackets: income."
    two = fe.explain(raised("implied_workers()", namespace), namespace, fe.Where(1, "implied_workers()"))
    assert two.message == "implied_workers() needs 2 more values between its brackets: value, income."


@pytest.mark.parametrize("code", ["... * 31.1035", "None / 1_000_000", "total = 5 + ..."])
def test_a_placeholder_left_in_a_formula(code):
    found = fe.explain(raised(code), {})
    assert "placeholder" in found.message and "Replace every ..." in found.advice


@pytest.mark.parametrize("code", ['"3" + 4', '4 + "3"', '"3" < 4'])
def test_text_combined_with_a_number(code):
    found = fe.explain(raised(code), {})
    assert found.message.startswith("Text and a number are combined")
    assert "Remove the quotes" in found.advice


def test_other_type_mismatches_name_both_kinds_in_plain_words():
    found = fe.explain(raised("[1, 2] - {}"), {})
    assert found.message == "- cannot combine a list and a dictionary."


def test_type_errors_we_do_not_know_keep_pythons_traceback():
    assert fe.explain(raised("len(5)"), {}) is None
    assert fe.explain(raised("x = 3\nx()"), {}) is None
    assert fe.explain(ValueError("no"), {}) is None


@pytest.mark.parametrize("code, words", [
    ("print('gold'", "never closed"),
    ("total = (5 +", "never closed"),
    ("name = 'gold", "closing quote"),
    ("if True\n    x = 1", "colon"),
    ("x = [1 2]", "comma"),
    ("x = 1)", "no matching opening"),
    ("5 = x", "left side of ="),
    ("x = 1,5.3.2", "Python's message"),
])
def test_syntax_errors_in_plain_words_with_their_line(code, words):
    found = fe.explain(raised(code), {})
    assert found.title == "Python could not read this code"
    assert words in found.message
    assert found.where.startswith("Line ")
    assert "Nothing in the cell ran" in found.advice


@pytest.mark.parametrize("code, words", [
    ("x = 1\n    y = 2", "should not have"),
    ("def f():\nreturn 1", "must be indented"),
    ("if True:\n        x = 1\n    y = 2", "do not match"),
])
def test_indentation_errors(code, words):
    found = fe.explain(raised(code), {})
    assert found.title == "The spaces at the start of a line are not right"
    assert words in found.message
    line = int(re.match(r"Line (\d+)", found.where)[1])
    assert line == len(code.splitlines())


def test_messages_follow_the_language():
    i18n.set_language("es")
    namespace = {"peru_gold_t": 1}
    assert fe.explain(raised("peru_gold"), namespace).message == \
        "No se ha definido nada llamado peru_gold. ¿Quiso decir peru_gold_t?"
    assert fe.explain(raised('"3" + 4'), {}).title == "Estos valores no se pueden usar juntos en un cálculo"
    assert fe.explain(raised("print('x'"), {}).title == "Python no pudo leer este código"
    assert fe.explain(raised("m00.q1.grade()", {"m00": m00}), {}, fe.Where(1, "m00.q1.grade()")).message == \
        "m00.q1.grade() necesita su respuesta entre los paréntesis."
    namespace = {}
    exec("def f(a, b):\n    return a", namespace)
    assert fe.explain(raised("f()", namespace), namespace).message == \
        "f() necesita 2 valores más entre los paréntesis: a, b."


def test_the_layout_keeps_the_full_traceback_one_click_away_and_escapes_it():
    found = fe.Explanation("Title <1>", "Message", "Advice", "Line 1: x < y")
    page = fe.as_html(found, "Traceback <module>\nNameError: name 'x' is not defined")
    assert "<details><summary>Full error message (for you or your trainer)</summary>" in page
    assert "<details open" not in page  # collapsed
    assert "Traceback &lt;module&gt;" in page and "Title &lt;1&gt;" in page
    text = fe.as_text(found, "Traceback …")
    assert text.splitlines()[:4] == ["Title <1>", "Message", "Line 1: x < y", "Advice"]
    assert text.endswith("Full error message (for you or your trainer):\nTraceback …")
    assert fe.plain_traceback(["\x1b[31mNameError\x1b[0m: x"]) == "NameError: x"


# --- the language of the tree ------------------------------------------------------------

@pytest.mark.parametrize("path, lang", [
    ("/home/ana/asm-course/exercises/es/m00_getting_started", "es"),
    ("/srv/course/en/m03_baseline.ipynb", "en"),
    ("solutions/es/m01_what_is_asm/m01_exercises.ipynb", "es"),
    ("course/es/start_here.ipynb", "es"),
    ("/tmp/exercises/xx/m00", None),        # no catalogue for xx
    ("/home/ana/es/notes", None),           # not in a course tree
    ("/course/en/exercises/es/m00", "es"),  # the innermost tree counts
])
def test_tree_language(path, lang):
    assert i18n.tree_language(path) == lang


def test_the_tree_sets_the_language_and_an_explicit_one_wins(tmp_path, monkeypatch):
    folder = tmp_path / "exercises" / "es" / "m00_getting_started"
    folder.mkdir(parents=True)
    monkeypatch.chdir(folder)
    assert session.prepare() == "es"
    assert i18n.t("checks.label_correct") == "Correcto"
    assert session.prepare(language="en") == "en"
    monkeypatch.chdir(tmp_path)  # outside the trees: the language stays as it is
    assert session.prepare() == "en"


def test_the_notebook_path_jupyterlab_gives_counts_before_the_working_folder(tmp_path, monkeypatch):
    class Shell:
        user_ns = {"__session__": str(tmp_path / "course" / "es" / "m00_getting_started.ipynb")}

    monkeypatch.chdir(tmp_path)
    assert session.notebook_language(Shell()) == "es"
    assert session.notebook_language(None) is None


# --- a real kernel ---------------------------------------------------------------------------

def _tree(root: Path, lang: str) -> Path:
    folder = root / "exercises" / lang / "m00_getting_started"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture()
def kernel(tmp_path) -> Iterator:
    """An IPython kernel whose working folder is an exercise folder of a given language."""
    started = []

    def start(lang: str = "en", **env: str):
        environment = {k: v for k, v in os.environ.items() if k not in ("NBGRADER_EXECUTION", "ASM_COURSE_LANG")}
        environment.update(env, PYTHONPATH=str(REPO))
        folder = _tree(tmp_path / lang, lang)
        manager, client = start_new_kernel(kernel_name="python3", cwd=str(folder), env=environment)
        started.append((manager, client))
        return client

    yield start
    for manager, client in started:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def run(client, code: str) -> tuple[dict, list[dict]]:
    """Execute one cell; its reply and its output messages (as a front end receives them)."""
    outputs: list[dict] = []

    def keep(message: dict) -> None:
        if message["msg_type"] in ("stream", "display_data", "execute_result", "error"):
            outputs.append({"type": message["msg_type"], **message["content"]})

    reply = client.execute_interactive(code, output_hook=keep, timeout=120)
    return reply["content"], outputs


def only_friendly(outputs: list[dict]) -> dict:
    """The one display of a plain message, and no raw traceback output."""
    assert [o["type"] for o in outputs] == ["display_data"], outputs
    return outputs[0]["data"]


SETUP = "from asm_course.checks import m00, setup_notebook\nsetup_notebook('m00')\nperu_gold_t = 27.7"


def test_a_kernel_shows_plain_messages_with_the_traceback_collapsed(kernel):
    client = kernel("en")
    reply, outputs = run(client, SETUP)
    assert reply["status"] == "ok" and "Setup complete" in outputs[0]["text"]

    reply, outputs = run(client, "x = 1\ntotal = peru_gold * 2")
    data = only_friendly(outputs)
    page = data["text/html"]
    assert "Did you mean peru_gold_t?" in page
    assert re.search(r"Cell \[\d+\], line 2: total = peru_gold \* 2", page)
    collapsed = page.split("<details>", 1)[1]
    assert "NameError" in collapsed and "name &#x27;peru_gold&#x27; is not defined" in collapsed
    assert "NameError" not in page.split("<details>", 1)[0]  # the plain part has no Python jargon
    assert "name 'peru_gold' is not defined" in data["text/plain"]  # the text fallback keeps it too
    # the cell still fails (Run All stops there) and the reply carries the full traceback for tools
    assert reply["status"] == "error" and reply["ename"] == "NameError"
    assert any("peru_gold" in line for line in reply["traceback"])
    reply, outputs = run(client, "%tb")  # a trainer's usual way back to the last traceback still works
    assert "name 'peru_gold' is not defined" in html.unescape(str(outputs))

    reply, outputs = run(client, "print('gold'")
    page = only_friendly(outputs)["text/html"]
    assert "Python could not read this code" in page and "is never closed" in page
    assert "SyntaxError" in page.split("<details>", 1)[1]
    assert reply["status"] == "error"

    reply, outputs = run(client, "if True:\nx = 1")
    assert "must be indented" in only_friendly(outputs)["text/html"]

    reply, outputs = run(client, "m00.q1.grade()")
    page = only_friendly(outputs)["text/html"]
    assert "m00.q1.grade() needs your answer between its brackets." in page
    assert "missing 1 required positional argument" in page.split("<details>", 1)[1]

    reply, outputs = run(client, "m00.q1.check()")  # check() itself explains, without an error
    assert reply["status"] == "ok"
    assert outputs == [{"type": "stream", "name": "stdout", "text": (
        "Nothing to check yet: put your answer between the brackets, for example m00.q1.check(my_answer).\n")}]

    reply, outputs = run(client, "peru_gold_t = ... * 31.1035 / 1_000_000")
    assert "placeholder" in only_friendly(outputs)["text/html"]

    reply, outputs = run(client, "x = 1 / 0")  # an error we do not explain: IPython's own traceback
    assert [o["type"] for o in outputs] == ["error"] and outputs[0]["ename"] == "ZeroDivisionError"


def test_a_spanish_exercise_folder_speaks_spanish_without_set_language(kernel):
    client = kernel("es")
    reply, outputs = run(client, SETUP)
    assert outputs[0]["text"].strip() == i18n.t("checks.setup_complete", lang="es", module="m00")
    reply, outputs = run(client, "peru_gold")
    page = only_friendly(outputs)["text/html"]
    assert "¿Quiso decir peru_gold_t?" in page
    assert "Mensaje de error completo" in page
    reply, outputs = run(client, "m00.q1.check(27682.115)")
    assert "parecen kilogramos; esta pregunta pide toneladas" in outputs[0]["text"]


def test_under_nbgrader_tracebacks_stay_as_they_were(kernel):
    client = kernel("en", NBGRADER_EXECUTION="autograde")
    run(client, SETUP)
    reply, outputs = run(client, "peru_gold")
    assert [o["type"] for o in outputs] == ["error"]
    assert outputs[0]["ename"] == "NameError"
    assert not any("Did you mean" in html.unescape(str(o)) for o in outputs)


def test_teaching_notebooks_load_the_same_handler_as_an_extension(kernel):
    client = kernel("es")
    reply, _ = run(client, "%load_ext asm_course.session")
    assert reply["status"] == "ok"
    reply, outputs = run(client, 'total = "3" + 4')
    assert "Se combinan un texto y un número" in only_friendly(outputs)["text/html"]


def test_in_the_participant_lab_a_teaching_notebook_explains_errors_without_a_set_up_cell(tmp_path):
    """The lab's kernels load the course session at start: a misspelt name in a teaching
    notebook (which has no set-up call) gives the plain message, in the tree's language."""
    from asm_course.lab_config import LabSettings, StateFolders, child_environment, write_state

    state = StateFolders.inside(tmp_path / "state")
    write_state(LabSettings(root=tmp_path, start_page="course/es/start_here.ipynb", port=9124, token="t",
                            locale="es_ES", trainer=False, open_browser=False), state)
    environment = {k: v for k, v in child_environment(state).items() if k not in ("NBGRADER_EXECUTION", "ASM_COURSE_LANG")}
    environment["PYTHONPATH"] = str(REPO)
    folder = tmp_path / "course" / "es"
    folder.mkdir(parents=True)
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(folder), env=environment)
    try:
        run(client, "peru_gold_t = 27.7")
        _reply, outputs = run(client, "total = peru_gold * 2")
        page = only_friendly(outputs)["text/html"]
        assert "peru_gold_t" in page and "<details>" in page
        assert i18n.t("errors.name.title", lang="es") in page  # Spanish: the tree it runs in
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
