"""Plain-language errors: what went wrong, on which line, and what to do, for people who do
not program, with Python's full error message one click away.

The pure part turns an exception (and the names the notebook has defined) into an
:class:`Explanation`, or None for errors it does not know; :func:`as_html` and
:func:`as_text` lay it out with the full traceback in a collapsed section. The thin IPython
part (:func:`install`) shows that instead of the raw traceback for the common beginner
errors: a misspelt name, a missing argument, a syntax or indentation error, and values of
the wrong type in a calculation (text and numbers, a ``...`` placeholder left in a formula).
Under nbgrader nothing is installed: grading keeps its short tracebacks.
"""

from __future__ import annotations

import builtins
import difflib
import html
import re
import sys
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from asm_course import layout
from asm_course.i18n import t

# Names IPython puts in every namespace: never suggested as "did you mean".
_SHELL_NAMES = {"In", "Out", "exit", "quit", "get_ipython", "open"}
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_MISSING_ARGUMENT = re.compile(
    r"^(?P<function>[\w.<>]+)\(\) missing (?P<count>\d+) required (?:positional|keyword-only) arguments?: "
    r"(?P<names>.+)$")
_QUESTION_CALL = re.compile(r"\b(?P<question>m\d\d\.q\d+)\.(?P<call>check|grade|grade_hidden)\s*\(\s*\)")
_OPERANDS = (
    re.compile(r"unsupported operand type\(s\) for (?P<op>\S+?): '(?P<left>\w+)' and '(?P<right>\w+)'"),
    re.compile(r"'(?P<op>[<>=!]+)' not supported between instances of '(?P<left>\w+)' and '(?P<right>\w+)'"),
    re.compile(r'can only concatenate (?P<left>str) \(not "(?P<right>\w+)"\) to str(?P<op>)'),
    re.compile(r"can't multiply (?P<left>sequence) by non-int of type '(?P<right>\w+)'(?P<op>)"),
)
_PLACEHOLDERS = {"ellipsis", "NoneType"}
_NUMBERS = {"int", "float", "int64", "float64", "Int64", "complex"}
_KNOWN_TYPES = {"int", "float", "str", "NoneType", "ellipsis", "list", "dict", "tuple", "Series", "DataFrame",
                "function", "sequence"}
# what Python's own syntax message says → catalogue entry of the plain explanation
_SYNTAX = (
    ("was never closed", "errors.syntax.never_closed"),
    ("incomplete input", "errors.syntax.incomplete"),  # IPython compiles cells allowing incomplete input
    ("unterminated", "errors.syntax.unterminated"),
    ("unmatched", "errors.syntax.unmatched"),
    ("does not match opening parenthesis", "errors.syntax.unmatched"),
    ("expected ':'", "errors.syntax.colon"),
    ("forgot a comma", "errors.syntax.comma"),
    ("Maybe you meant '=='", "errors.syntax.assign"),
    ("cannot assign to", "errors.syntax.assign"),
    ("invalid decimal literal", "errors.syntax.number"),
)
_INDENTATION = (
    ("unexpected indent", "errors.indent.unexpected"),
    ("expected an indented block", "errors.indent.expected"),
    ("unindent does not match", "errors.indent.mismatch"),
)


@dataclass(frozen=True)
class Where:
    """The place of an error: the cell's execution number (if known), the line in it, its code."""

    line: int | None = None
    code: str = ""
    cell: int | None = None

    def text(self) -> str:
        """``Cell [3], line 2: total = amout * 2`` (or shorter when less is known)."""
        if self.line is None:
            return ""
        key = "errors.where_cell" if self.cell is not None else "errors.where"
        return t(key, cell=self.cell, line=self.line, code=self.code.strip())


@dataclass(frozen=True)
class Explanation:
    """A short, plain message: a title, what happened, where, and what to do."""

    title: str
    message: str
    advice: str
    where: str = ""


# --- the pure part -------------------------------------------------------------------------

def explain(error: BaseException, namespace: Mapping[str, Any], where: Where | None = None) -> Explanation | None:
    """The plain explanation of a beginner's error, or None when it is not one we know."""
    where = where or Where()
    if isinstance(error, SyntaxError):
        return explain_syntax(error, where)
    if isinstance(error, NameError):
        return explain_name(error, namespace, where)
    if isinstance(error, TypeError):
        return explain_missing_argument(error, where) or explain_operands(error, where)
    return None


def closest_name(name: str, namespace: Mapping[str, Any]) -> str | None:
    """The defined name (or built-in) closest in spelling to ``name``, if one is close."""
    candidates = [n for n in namespace if not n.startswith("_") and n not in _SHELL_NAMES]
    candidates += [n for n in dir(builtins) if not n.startswith("_")]
    folded = [n for n in candidates if n.casefold() == name.casefold() and n != name]
    if folded:
        return folded[0]
    found = difflib.get_close_matches(name, candidates, n=1, cutoff=0.75)
    return found[0] if found else None


def explain_name(error: NameError, namespace: Mapping[str, Any], where: Where) -> Explanation | None:
    name = getattr(error, "name", None) or _quoted(str(error))
    if not name:
        return None
    close = closest_name(name, namespace)
    if close:
        message = t("errors.name.message_close", name=name, close=close)
        advice = t("errors.name.advice_close", name=name, close=close)
    else:
        message = t("errors.name.message", name=name)
        advice = t("errors.name.advice", name=name)
    return Explanation(t("errors.name.title"), message, advice, where.text())


def explain_missing_argument(error: TypeError, where: Where) -> Explanation | None:
    found = _MISSING_ARGUMENT.match(str(error))
    if not found:
        return None
    function = found["function"].rsplit(".", 1)[-1]
    names = ", ".join(re.findall(r"'([^']+)'", found["names"]))
    call = _QUESTION_CALL.search(where.code)
    if call:
        message = t("errors.argument.message_question", call=f"{call['question']}.{call['call']}()")
        advice = t("errors.argument.advice_question", example=f"{call['question']}.{call['call']}(my_answer)")
    else:
        count = int(found["count"])
        message = t("errors.argument.message.one" if count == 1 else "errors.argument.message.other",
                    function=f"{function}()", count=count, names=names)
        advice = t("errors.argument.advice", function=function)
    return Explanation(t("errors.argument.title"), message, advice, where.text())


def explain_operands(error: TypeError, where: Where) -> Explanation | None:
    """Values of the wrong type in a calculation: a placeholder, text with a number, …"""
    for pattern in _OPERANDS:
        found = pattern.search(str(error))
        if found:
            break
    else:
        return None
    left, right = found["left"], found["right"]
    op = found["op"] or ("*" if "multiply" in str(error) else "+")
    if {left, right} & _PLACEHOLDERS:
        message = t("errors.arithmetic.message_placeholder", op=op)
        advice = t("errors.arithmetic.advice_placeholder")
    elif "str" in {left, right} and {left, right} & _NUMBERS:
        message = t("errors.arithmetic.message_text", op=op)
        advice = t("errors.arithmetic.advice_text")
    else:
        message = t("errors.arithmetic.message", op=op, left=type_phrase(left), right=type_phrase(right))
        advice = t("errors.arithmetic.advice")
    return Explanation(t("errors.arithmetic.title"), message, advice, where.text())


def type_phrase(name: str) -> str:
    """``str`` → "text (in quotes)", ``NoneType`` → "None (nothing)", in the notebook's language."""
    return t(f"errors.type.{name}") if name in _KNOWN_TYPES else t("errors.type.other", name=name)


def explain_syntax(error: SyntaxError, where: Where) -> Explanation:
    """Syntax and indentation errors: Python's own message, in plain words when it is a common one."""
    detail = str(error.msg or "")
    table, fallback, title = ((_INDENTATION, "errors.indent.other", "errors.indent.title")
                              if isinstance(error, IndentationError)
                              else (_SYNTAX, "errors.syntax.other", "errors.syntax.title"))
    key = next((key for text, key in table if text in detail), fallback)
    place = Where(line=error.lineno, code=error.text or "", cell=where.cell) if error.lineno else where
    return Explanation(t(title), t(key, detail=detail), t("errors.syntax.advice"), place.text())


def _quoted(text: str) -> str | None:
    found = re.search(r"'([^']+)'", text)
    return found[1] if found else None


def plain_traceback(structured: list[str]) -> str:
    """IPython's structured traceback as plain text (colour codes removed)."""
    return _ANSI.sub("", "\n".join(structured))


def as_html(explanation: Explanation, full_traceback: str) -> str:
    """The message, with the full traceback in a collapsed section (one click away)."""
    esc = html.escape
    where = f"<p><code>{esc(explanation.where)}</code></p>" if explanation.where else ""
    return (
        '<div class="asm-friendly-error" role="alert" '
        'style="border-left: 4px solid #b45309; padding: 0.3em 0.9em; background: #fff7ed; color: #1f2937">'
        f"<p><strong>{esc(explanation.title)}</strong></p><p>{esc(explanation.message)}</p>{where}"
        f"<p>{esc(explanation.advice)}</p>"
        f"<details><summary>{esc(t('errors.details'))}</summary>"
        f'<pre style="white-space: pre-wrap">{esc(full_traceback)}</pre></details></div>')


def as_text(explanation: Explanation, full_traceback: str) -> str:
    """The same in plain text, for front ends that do not show HTML."""
    lines = [explanation.title, explanation.message, explanation.where, explanation.advice]
    return "\n".join(line for line in lines if line) + f"\n\n{t('errors.details')}:\n{full_traceback}"


# --- the IPython part ------------------------------------------------------------------------

HANDLED = (NameError, TypeError, SyntaxError)  # IndentationError is a SyntaxError


def install(shell: Any) -> bool:
    """Show plain-language errors in this IPython shell; False (nothing done) under nbgrader."""
    if shell is None or layout.grading_run():
        return False
    shell.set_custom_exc(HANDLED, _handle)
    return True


def uninstall(shell: Any) -> None:
    """Back to IPython's own tracebacks."""
    shell.set_custom_exc((), None)


def _handle(shell: Any, etype: type, value: BaseException, tb: Any, tb_offset: int | None = None) -> list[str]:
    """IPython's custom exception handler: the plain message when we know the error, else
    IPython's usual traceback. The full traceback always stays in the reply to the front end."""
    if issubclass(etype, SyntaxError) and not _ran_code(tb):
        structured = shell.SyntaxTB.structured_traceback(etype, value, [])
    else:
        structured = shell.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
    explanation = explain(value, shell.user_ns, _where(shell, value, tb))
    if explanation is None:
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset, running_compiled_code=True)
        return structured
    from IPython.display import display

    sys.last_type, sys.last_value, sys.last_traceback = etype, value, tb  # %tb and %debug still work
    sys.stdout.flush()
    sys.stderr.flush()
    full = plain_traceback(structured)
    display({"text/html": as_html(explanation, full), "text/plain": as_text(explanation, full)}, raw=True)
    shell._last_traceback = structured  # ipykernel sends it in the execute reply (status "error")
    return structured


def _ran_code(tb: Any) -> bool:
    """A SyntaxError raised while code ran (e.g. by eval) has frames; one from the cell itself has none
    beyond IPython's compiler."""
    return any(frame.name == "run_code" for frame in traceback.extract_tb(tb))


def _where(shell: Any, error: BaseException, tb: Any) -> Where:
    """The line of the participant's cell where the error happened (the last cell frame)."""
    cells = getattr(getattr(shell, "compile", None), "_filename_map", {})
    if isinstance(error, SyntaxError):
        return Where(line=error.lineno, code=error.text or "", cell=cells.get(error.filename))
    frames = [f for f in traceback.extract_tb(tb) if f.filename in cells]
    if not frames:
        return Where()
    frame = frames[-1]
    return Where(line=frame.lineno, code=frame.line or "", cell=cells[frame.filename])
