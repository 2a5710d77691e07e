"""The class list of a workshop: who may log in to the hub, as trainer or participant,
and in which language the course opens for them. Pure: no JupyterHub import."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from asm_course.i18n import t

COLUMNS = ("username", "name", "role", "lang")
ROLES = ("trainer", "participant")
# a system user is made for each person: lowercase letters, digits and '-', a letter first
USERNAME = re.compile(r"^[a-z][a-z0-9-]{1,30}$")


class ClassListError(ValueError):
    """A class list that cannot be used; the message names the file, row and column."""


@dataclass(frozen=True)
class Person:
    username: str
    name: str
    role: str
    lang: str

    @property
    def is_trainer(self) -> bool:
        return self.role == "trainer"


def read_class_list(path: Path, languages: list[str]) -> list[Person]:
    """Everyone in the CSV class list ``path`` (columns: username, name, role, lang).

    Raises ClassListError naming the file, row and column of the first problem."""
    if not path.is_file():
        raise ClassListError(t("hub.classlist.missing", file=path))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ClassListError(t("hub.classlist.columns", file=path, missing=", ".join(missing),
                                   columns=",".join(COLUMNS)))
        people: list[Person] = []
        seen: set[str] = set()
        for row_number, row in enumerate(reader, start=2):
            person = Person(**{c: (row.get(c) or "").strip() for c in COLUMNS})
            problem = _problem(person, seen, languages)
            if problem:
                column, message = problem
                raise ClassListError(t("hub.classlist.bad", file=path, row=row_number, column=column,
                                       problem=message))
            seen.add(person.username)
            people.append(person)
    if not any(p.is_trainer for p in people):
        raise ClassListError(t("hub.classlist.no_trainer", file=path))
    return people


def _problem(person: Person, seen: set[str], languages: list[str]) -> tuple[str, str] | None:
    if not USERNAME.match(person.username):
        return "username", t("hub.classlist.bad_username", value=person.username)
    if person.username in seen:
        return "username", t("hub.classlist.duplicate", value=person.username)
    if person.role not in ROLES:
        return "role", t("hub.classlist.bad_role", value=person.role, roles=", ".join(ROLES))
    if person.lang not in languages:
        return "lang", t("hub.classlist.bad_lang", value=person.lang, languages=", ".join(languages))
    return None
