"""Message catalogues: every user-facing string of the package comes from here.

Catalogues live in ``asm_course/i18n/<lang>/<area>.json`` (one file per area of the
package, e.g. ``checks.json``, ``data.json``), each a flat mapping of message key to a
``str.format`` template. Every language has the same files and keys; a Spanish entry
that is still ``null`` falls back to English, so translation can follow English.

The language in use is the one chosen with :func:`set_language`, else the one of the tree the
working folder lies in (a kernel started for ``course/es/m01_….ipynb`` runs in ``course/es``, so
a Spanish notebook speaks Spanish without a call), else ``$ASM_COURSE_LANG``, else English.
"""

from __future__ import annotations

import json
import os
import string
from functools import cache
from pathlib import Path

from asm_course import layout

DEFAULT_LANGUAGE = layout.LANG.default
LANGUAGE_ENV = layout.LANG.name
_HERE = Path(__file__).parent
_current: str | None = None
TREES = (*layout.CONTENT_FOLDERS, "solutions")  # course/<lang>/…, exercises/<lang>/…, solutions/<lang>/…


def available_languages() -> list[str]:
    """Languages that have a catalogue folder, e.g. ``["en", "es"]``."""
    return sorted(p.name for p in _HERE.iterdir() if p.is_dir() and not p.name.startswith("_"))


@cache
def catalogue(lang: str) -> dict[str, str | None]:
    """All messages of one language, merged from its area files."""
    folder = _HERE / lang
    if not folder.is_dir():
        raise ValueError(
            f"No message catalogue for language {lang!r}; choose one of {available_languages()}."
        )
    merged: dict[str, str | None] = {}
    for path in sorted(folder.glob("*.json")):
        entries = json.loads(path.read_text(encoding="utf-8"))
        clash = merged.keys() & entries.keys()
        if clash:
            raise ValueError(f"{path}: keys already defined in another file: {sorted(clash)}")
        merged.update(entries)
    return merged


def tree_language(path: str | os.PathLike[str]) -> str | None:
    """The language of the tree a path lies in: ``…/exercises/es/m00_getting_started`` → ``"es"``.

    The innermost ``<tree>/<lang>`` pair counts; None outside the trees or for a language that
    has no message catalogue."""
    parts = Path(path).parts
    languages = set(available_languages())
    found = None
    for tree, lang in zip(parts, parts[1:], strict=False):
        if tree in TREES and lang in languages:
            found = lang
    return found


@cache
def _folder_language(cwd: str) -> str | None:
    return tree_language(cwd)


def set_language(lang: str) -> None:
    """Choose the language of messages for this session (``"en"`` or ``"es"``)."""
    catalogue(lang)  # fails early with a clear message for an unknown language
    global _current
    _current = lang


def get_language() -> str:
    """The language in use: set_language(), else the working folder's tree, else
    $ASM_COURSE_LANG, else English."""
    if _current:
        return _current
    try:
        here = _folder_language(os.getcwd())
    except OSError:  # the working folder was removed
        here = None
    if here:
        return here
    lang = layout.LANG.get().lower()
    return lang if lang in available_languages() else DEFAULT_LANGUAGE


def thousands_separator(lang: str | None = None) -> str:
    """How the language groups thousands: a comma in English, a non-breaking space in Spanish."""
    return t("checks.thousands_separator", lang=lang)


class _Formatter(string.Formatter):
    """``str.format`` whose thousands grouping (``{x:,.0f}``) uses the language's separator
    (``checks.thousands_separator``: a comma in English, a non-breaking space in Spanish, where
    a comma reads as a decimal mark in much of the region)."""

    def __init__(self, separator: str):
        self.separator = separator

    def format_field(self, value: object, format_spec: str) -> str:
        text = super().format_field(value, format_spec)
        return text.replace(",", self.separator) if "," in format_spec and self.separator != "," else text


def t(key: str, /, lang: str | None = None, **fields: object) -> str:
    """The message ``key`` in the current language, filled with ``fields``.

    Falls back to English when the entry is not translated yet. An unknown key is a
    bug in the package and raises ``KeyError``.
    """
    lang = lang or get_language()
    template = catalogue(lang).get(key) if lang != DEFAULT_LANGUAGE else None
    if template is None:
        template = catalogue(DEFAULT_LANGUAGE)[key]
    if template is None:
        raise KeyError(f"{key}: the English catalogue has no text for it (null)")
    if not fields:
        return template
    return _Formatter(thousands_separator(lang)).format(template, **fields)
