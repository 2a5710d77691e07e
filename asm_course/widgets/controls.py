"""Small pieces shared by the explorer apps."""

from __future__ import annotations

import ipywidgets as w
import matplotlib.pyplot as plt
from IPython.display import display
from matplotlib.axes import Axes

from asm_course.layout import grading_run


def country_options(codes: list[str], names: dict[str, str]) -> list[tuple[str, str]]:
    """Dropdown options ``(country name, ISO3 code)`` in the order of ``codes``."""
    return [(names.get(code, code), code) for code in codes]


def fresh_chart(output: w.Output) -> bool:
    """Clear an app's chart area; True when a new chart should be drawn into it.

    While nbgrader runs a notebook, explorer charts are skipped: they are never graded,
    they render blank in feedback, and their Output-widget traffic was seen to stall
    sandboxed grading kernels running in parallel for a whole cell time-out (60 s).
    """
    output.clear_output(wait=True)
    return not grading_run()


def show_chart(output: w.Output, ax: Axes, text: str | None = None) -> None:
    """Show a drawn chart, and optionally its text alternative, in an app's chart area;
    the figure is closed so that the notebook does not show it a second time."""
    with output:
        display(ax.figure)
        if text:
            print(text)
    plt.close(ax.get_figure(root=True))
