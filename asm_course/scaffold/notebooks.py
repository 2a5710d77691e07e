"""The two notebooks of a scaffolded module, built cell by cell (nbgrader metadata included),
in each language of the course: the same cells, ids and code, the words of that language."""

from __future__ import annotations

from typing import TYPE_CHECKING

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from asm_course import headings

if TYPE_CHECKING:
    from asm_course.scaffold import NewModule

KERNEL = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}

# The stub's words; the author replaces them (and translates the replacement).
TEXT = {
    "en": {
        "why": "Write here, in two or three sentences, why this matters to an official.",
        "objectives": ("By the end of this module you can:\n\n- count the published workforce estimates of each "
                       "country;\n- say why many estimates are not the same as a well-known sector."),
        "time": "About 60 minutes.",
        "part1": "## 1. The estimates per country\n\nThe table of published estimates is real; each row has its "
                 "source and status.",
        "explore": "Move the slider: which countries are covered by several studies?",
        "summary": "- Write the two or three points to remember.",
        "reading": ("- IGF (2017), *Global Trends in Artisanal and Small-Scale Mining (ASM): A review of key numbers "
                    "and issues*. Winnipeg: IISD."),
        "intro": "# Module {m} exercises: {title}\n\nSix questions, 12 points: 9 checked automatically and 3 for a "
                 "reflection that your trainer reads.",
        "q1": "Peru's estimates", "q2": "well-covered countries", "q3": "complete the function (one expression)",
        "q3_comment": "one expression: the rows of each iso3 group, counted",
        "q4": "a chart", "q4_title": "Published estimates per country", "q4_x": "Country (ISO3 code)",
        "q4_y": "estimates", "q5": "answer with the buttons", "q6": "reflection, graded by your trainer",
        "q6_prompt": "What would you need to know before quoting one of these estimates?",
        "guide": ("*Marking guide (trainers; removed from the participants' copy). 3 points in all:* scope and year "
                  "(1), method or source and its status (1), what to do with an uncertain figure (1)."),
        "plan": "## For your return-to-work plan\n\nNot graded: saved beside this notebook for the capstone module.",
    },
    "es": {
        "why": "Escriba aquí, en dos o tres oraciones, por qué esto le importa a un funcionario o una funcionaria.",
        "objectives": ("Al terminar este módulo usted podrá:\n\n- contar las estimaciones publicadas de la fuerza "
                       "laboral de cada país;\n- explicar por qué muchas estimaciones no equivalen a un sector bien "
                       "conocido."),
        "time": "Unos 60 minutos.",
        "part1": "## 1. Las estimaciones por país\n\nLa tabla de estimaciones publicadas es real; cada fila tiene su "
                 "fuente y su estado.",
        "explore": "Mueva el control deslizante: ¿qué países cubren varios estudios?",
        "summary": "- Escriba los dos o tres puntos que conviene recordar.",
        "reading": ("- IGF (2017), *Global Trends in Artisanal and Small-Scale Mining (ASM): A review of key numbers "
                    "and issues* (en inglés). Winnipeg: IISD."),
        "intro": "# Ejercicios del módulo {m}: {title}\n\nSeis preguntas, 12 puntos: 9 se verifican automáticamente "
                 "y 3 corresponden a una reflexión que lee su facilitador o facilitadora.",
        "q1": "las estimaciones del Perú", "q2": "países bien cubiertos", "q3": "complete la función (una expresión)",
        "q3_comment": "una expresión: las filas de cada grupo iso3, contadas",
        "q4": "un gráfico", "q4_title": "Estimaciones publicadas por país", "q4_x": "País (código ISO3)",
        "q4_y": "estimaciones", "q5": "responda con los botones",
        "q6": "reflexión, calificada por su facilitador o facilitadora",
        "q6_prompt": "¿Qué necesitaría saber antes de citar una de estas estimaciones?",
        "guide": ("*Guía de calificación (para facilitadores; se elimina de la copia de participantes). 3 puntos en "
                  "total:* alcance y año (1), método o fuente y su estado (1), qué hacer con una cifra incierta (1)."),
        "plan": "## Para su plan de acción al regreso\n\nNo se califica: se guarda junto a este cuaderno para el "
                "módulo integrador.",
    },
}


def teaching(new: NewModule, lang: str = "en") -> nbformat.NotebookNode:
    """The teaching notebook: the skeleton every module follows, with one explorer."""
    m, words = new.module, TEXT[lang]
    ids = iter(("title", "objectives", "time", "part1", "load", "explore", "app", "summary", "reading"))
    cells = [
        new_markdown_cell(f"# {new.title}\n\n{words['why']}"),
        new_markdown_cell(f"{headings.section('objectives', lang)}\n\n{words['objectives']}"),
        new_markdown_cell(f"{headings.section('time', lang)}\n\n{words['time']}"),
        new_markdown_cell(words["part1"]),
        new_code_cell(f"from asm_course import data, {new.concept}\n"
                      f"from asm_course.widgets import {m} as apps\n\n"
                      "estimates = data.load(\"workforce_estimates\")\n"
                      f"{new.concept}.estimates_per_country(estimates)"),
        new_markdown_cell(words["explore"]),
        new_code_cell("explorer = apps.count_explorer(estimates)", metadata={"tags": ["nbval-ignore-output"]}),
        new_markdown_cell(f"{headings.section('summary', lang)}\n\n{words['summary']}"),
        new_markdown_cell(f"{headings.section('further_reading', lang)}\n\n{words['reading']}"),
    ]
    for cell in cells:  # the same ids in every language (the translation parity test compares them)
        cell["id"] = f"{m}-{next(ids)}"
    return new_notebook(cells=cells, metadata={"kernelspec": KERNEL, "language_info": {"name": "python"},
                                               "asm_course": {"language": lang}})


def _cell(kind: str, grade_id: str, source: str, *, grade: bool = False, solution: bool = False,
          locked: bool = True, points: int | None = None) -> nbformat.NotebookNode:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution}
    if points is not None:
        meta["points"] = points
    make = new_code_cell if kind == "code" else new_markdown_cell
    cell = make(source, metadata={"nbgrader": meta})
    cell["id"] = grade_id.replace("_", "-")
    return cell


def _question(module: str, number: int, points: int, prompt: str, name: str, answer: str, lang: str
              ) -> list[nbformat.NotebookNode]:
    """Prompt, answer cell (``answer`` defines ``name``) and locked test cell of one question."""
    q = f"q{number}"
    return [
        _cell("markdown", f"{q}_prompt", f"{headings.question(number, points, lang)}: {prompt}"),
        _cell("code", f"{q}_answer", answer, solution=True, locked=False),
        _cell("code", f"{q}_test", f"{module}.{q}.grade({name})\n### BEGIN HIDDEN TESTS\n"
                                   f"{module}.{q}.grade_hidden({name})\n### END HIDDEN TESTS",
              grade=True, points=points),
    ]


def exercises(new: NewModule, lang: str = "en") -> nbformat.NotebookNode:
    """The nbgrader source: five auto-graded questions (one answered by a widget), a
    reflection with its marking guide, and a return-to-work plan prompt."""
    m, w = new.module, TEXT[lang]
    cells = [
        _cell("markdown", "intro", w["intro"].format(m=m, title=new.title)),
        _cell("code", "setup", f"from asm_course import data, plots\nfrom asm_course.checks import {m}, setup_notebook\n\n"
                               f"setup_notebook(\"{m}\")\nestimates = data.load(\"workforce_estimates\")"),
        *_question(m, 1, 2, w["q1"], "peru_estimates", "peru_estimates = ...\n### BEGIN SOLUTION\n"
                   "peru_estimates = len(estimates[estimates[\"iso3\"] == \"PER\"])\n### END SOLUTION\n"
                   f"{m}.q1.check(peru_estimates)", lang),
        *_question(m, 2, 2, w["q2"], "well_covered", "well_covered = ...\n### BEGIN SOLUTION\n"
                   "counts = estimates.groupby(\"iso3\").size()\n"
                   "well_covered = [code for code, n in counts.items() if n >= 5]\n### END SOLUTION\n"
                   f"{m}.q2.check(well_covered)", lang),
        *_question(m, 3, 2, w["q3"], "estimates_per_country", "def estimates_per_country(estimates):\n"
                   f"    counts = ...  # {w['q3_comment']}\n"
                   "    ### BEGIN SOLUTION\n    counts = estimates.groupby(\"iso3\").size()\n    ### END SOLUTION\n"
                   "    return counts\n\n"
                   f"{m}.q3.check(estimates_per_country)", lang),
        *_question(m, 4, 2, w["q4"], "ax", "ax = ...\n### BEGIN SOLUTION\n"
                   f"ax = plots.bar_chart(estimates.groupby(\"iso3\").size(), title=\"{w['q4_title']}\",\n"
                   f"                     xlabel=\"{w['q4_x']}\", ylabel=\"{w['q4_y']}\")\n### END SOLUTION\n"
                   f"{m}.q4.check(ax)", lang),
        *_question(m, 5, 1, w["q5"], "pick.value", f"pick = {m}.q5.widget()\n### BEGIN SOLUTION\n"
                   f"pick.value = \"b\"\n### END SOLUTION\n{m}.q5.check(pick.value)", lang),
        _cell("markdown", "q6_prompt", f"{headings.question(6, 3, lang)}: {w['q6']}\n\n{w['q6_prompt']}"),
        _cell("markdown", "q6_reflection", f"### BEGIN SOLUTION\n{w['guide']}\n### END SOLUTION",
              grade=True, solution=True, locked=False, points=3),
        _cell("markdown", "plan_prompt", w["plan"]),
        _cell("code", "plan1", f"plan1 = {m}.plan1.widget()"),
    ]
    return new_notebook(cells=cells, metadata={"kernelspec": KERNEL, "language_info": {"name": "python"},
                                               "asm_course": {"language": lang, "module": m}})
