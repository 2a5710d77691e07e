"""The headings every notebook of the course shares, in each language: the sections of a teaching
notebook and the title of an exercise question (``## Question 3 (2 points): …``).

The words come from the catalogue (``common.section.*``, ``common.question_heading.*``); the
scaffold writes them and the hygiene tests read them back with :func:`parse_question`.
"""

from __future__ import annotations

import re

from asm_course.i18n import t

SECTIONS = ("objectives", "time", "summary", "further_reading")


def skeleton(lang: str) -> tuple[str, ...]:
    """The level-2 headings a teaching notebook has, in order: ``("## Learning objectives", …)``."""
    return tuple(section(name, lang) for name in SECTIONS)


def section(name: str, lang: str) -> str:
    """One skeleton heading (``name`` from :data:`SECTIONS`), markdown level 2."""
    return f"## {t(f'common.section.{name}', lang=lang)}"


def question(number: int, points: int, lang: str) -> str:
    """``## Question 3 (2 points)`` / ``## Pregunta 3 (2 puntos)``; the prompt follows after ``: ``."""
    form = "one" if points == 1 else "other"
    return f"## {t(f'common.question_heading.{form}', lang=lang, number=number, points=points)}"


def _patterns(lang: str) -> list[re.Pattern[str]]:
    found = []
    for form in ("one", "other"):
        template = re.escape(t(f"common.question_heading.{form}", lang=lang))
        body = template.replace(r"\{number\}", r"(?P<number>\d+)").replace(r"\{points\}", r"(?P<points>\d+)")
        found.append(re.compile(r"^## " + body, re.M))
    return found


def parse_question(text: str, lang: str) -> tuple[int, int] | None:
    """(question number, points) of the question heading in ``text``, or None when it has none."""
    for pattern in _patterns(lang):
        if match := pattern.search(text):
            return int(match["number"]), int(match["points"])
    return None
