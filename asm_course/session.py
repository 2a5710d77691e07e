"""The set-up of a participant's notebook session: messages in the language of the tree the
notebook lives in, and plain-language errors.

Exercise notebooks get it from ``setup_notebook`` (:mod:`asm_course.checks`). Teaching
notebooks need no call for the language (:func:`asm_course.i18n.get_language` follows the tree of
the kernel's working folder); ``%load_ext asm_course.session`` adds plain-language errors.
"""

from __future__ import annotations

import os
from typing import Any

from asm_course import friendly_errors
from asm_course.i18n import get_language, set_language, tree_language


def notebook_language(shell: Any = None) -> str | None:
    """The language of the running notebook's tree: from the notebook path JupyterLab gives the
    kernel (``__session__``), else from the kernel's working folder (the notebook's folder in
    JupyterLab, nbgrader and nbval)."""
    candidates = [getattr(shell, "user_ns", {}).get("__session__"), os.getcwd()]
    return next((lang for c in candidates if c and (lang := tree_language(c))), None)


def prepare(shell: Any = None, language: str | None = None) -> str:
    """Choose the language (an explicit one wins, then the notebook's tree, then $ASM_COURSE_LANG)
    and show plain-language errors (not under nbgrader). Returns the language in use."""
    chosen = language or notebook_language(shell)
    if chosen:
        set_language(chosen)
    friendly_errors.install(shell)
    return get_language()


def load_ipython_extension(shell: Any) -> None:
    """``%load_ext asm_course.session`` in a teaching notebook."""
    prepare(shell)


def unload_ipython_extension(shell: Any) -> None:
    """``%unload_ext asm_course.session``: back to IPython's own tracebacks."""
    friendly_errors.uninstall(shell)
