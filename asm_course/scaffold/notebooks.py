"""The two notebooks of a scaffolded module, built cell by cell (nbgrader metadata included)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

if TYPE_CHECKING:
    from asm_course.scaffold import NewModule

KERNEL = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def teaching(new: NewModule) -> nbformat.NotebookNode:
    """The teaching notebook: the skeleton every module follows, with one explorer."""
    m = new.module
    cells = [
        new_markdown_cell(f"# {new.title}\n\nWrite here, in two or three sentences, why this matters to an official."),
        new_markdown_cell("## Learning objectives\n\nBy the end of this module you can:\n\n"
                          "- count the published workforce estimates of each country;\n"
                          "- say why many estimates are not the same as a well-known sector."),
        new_markdown_cell("## Time\n\nAbout 60 minutes."),
        new_markdown_cell("## 1. The estimates per country\n\nThe table of published estimates is real; "
                          "each row has its source and status."),
        new_code_cell(f"from asm_course import data, {new.concept}\n"
                      f"from asm_course.widgets import {m} as apps\n\n"
                      "estimates = data.load(\"workforce_estimates\")\n"
                      f"{new.concept}.estimates_per_country(estimates)"),
        new_markdown_cell("Move the slider: which countries are covered by several studies?"),
        new_code_cell("explorer = apps.count_explorer(estimates)", metadata={"tags": ["nbval-ignore-output"]}),
        new_markdown_cell("## Summary\n\n- Write the two or three points to remember."),
        new_markdown_cell("## Further reading\n\n- IGF (2017), *Global Trends in Artisanal and Small-Scale Mining "
                          "(ASM): A review of key numbers and issues*. Winnipeg: IISD."),
    ]
    return new_notebook(cells=cells, metadata={"kernelspec": KERNEL, "language_info": {"name": "python"},
                                               "asm_course": {"language": "en"}})


def _cell(kind: str, grade_id: str, source: str, *, grade: bool = False, solution: bool = False,
          locked: bool = True, points: int | None = None) -> nbformat.NotebookNode:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution}
    if points is not None:
        meta["points"] = points
    make = new_code_cell if kind == "code" else new_markdown_cell
    return make(source, metadata={"nbgrader": meta})


def _question(module: str, number: int, points: int, prompt: str, name: str, answer: str
              ) -> list[nbformat.NotebookNode]:
    """Prompt, answer cell (``answer`` defines ``name``) and locked test cell of one question."""
    q = f"q{number}"
    unit = "point" if points == 1 else "points"
    return [
        _cell("markdown", f"{q}_prompt", f"## Question {number} ({points} {unit}): {prompt}"),
        _cell("code", f"{q}_answer", answer, solution=True, locked=False),
        _cell("code", f"{q}_test", f"{module}.{q}.grade({name})\n### BEGIN HIDDEN TESTS\n"
                                   f"{module}.{q}.grade_hidden({name})\n### END HIDDEN TESTS",
              grade=True, points=points),
    ]


def exercises(new: NewModule) -> nbformat.NotebookNode:
    """The nbgrader source: five auto-graded questions (one answered by a widget), a
    reflection with its marking guide, and a return-to-work plan prompt."""
    m = new.module
    cells = [
        _cell("markdown", "intro", f"# Module {m} exercises: {new.title}\n\nSix questions, 12 points: 9 checked "
                                   "automatically and 3 for a reflection that your trainer reads."),
        _cell("code", "setup", f"from asm_course import data, plots\nfrom asm_course.checks import {m}, setup_notebook\n\n"
                               f"setup_notebook(\"{m}\")\nestimates = data.load(\"workforce_estimates\")"),
        *_question(m, 1, 2, "Peru's estimates", "peru_estimates", "peru_estimates = ...\n### BEGIN SOLUTION\n"
                   "peru_estimates = len(estimates[estimates[\"iso3\"] == \"PER\"])\n### END SOLUTION\n"
                   f"{m}.q1.check(peru_estimates)"),
        *_question(m, 2, 2, "well-covered countries", "well_covered", "well_covered = ...\n### BEGIN SOLUTION\n"
                   "counts = estimates.groupby(\"iso3\").size()\n"
                   "well_covered = [code for code, n in counts.items() if n >= 5]\n### END SOLUTION\n"
                   f"{m}.q2.check(well_covered)"),
        *_question(m, 3, 2, "complete the function (one expression)", "estimates_per_country", "def estimates_per_country(estimates):\n"
                   "    counts = ...  # one expression: the rows of each iso3 group, counted\n"
                   "    ### BEGIN SOLUTION\n    counts = estimates.groupby(\"iso3\").size()\n    ### END SOLUTION\n"
                   "    return counts\n\n"
                   f"{m}.q3.check(estimates_per_country)"),
        *_question(m, 4, 2, "a chart", "ax", "ax = ...\n### BEGIN SOLUTION\n"
                   "ax = plots.bar_chart(estimates.groupby(\"iso3\").size(), title=\"Published estimates per country\",\n"
                   "                     xlabel=\"Country (ISO3 code)\", ylabel=\"estimates\")\n### END SOLUTION\n"
                   f"{m}.q4.check(ax)"),
        *_question(m, 5, 1, "answer with the buttons", "pick.value", f"pick = {m}.q5.widget()\n### BEGIN SOLUTION\n"
                   f"pick.value = \"b\"\n### END SOLUTION\n{m}.q5.check(pick.value)"),
        _cell("markdown", "q6_prompt", "## Question 6 (3 points): reflection, graded by your trainer\n\n"
                                       "What would you need to know before quoting one of these estimates?"),
        _cell("markdown", "q6_reflection", "### BEGIN SOLUTION\n*Marking guide (trainers; removed from the "
                                           "participants' copy). 3 points in all:* scope and year (1), method or "
                                           "source and its status (1), what to do with an uncertain figure (1).\n"
                                           "### END SOLUTION", grade=True, solution=True, locked=False, points=3),
        _cell("markdown", "plan_prompt", "## For your return-to-work plan\n\nNot graded: saved beside this notebook "
                                         "for the capstone module."),
        _cell("code", "plan1", f"plan1 = {m}.plan1.widget()"),
    ]
    return new_notebook(cells=cells, metadata={"kernelspec": KERNEL, "language_info": {"name": "python"},
                                               "asm_course": {"language": "en", "module": m}})
