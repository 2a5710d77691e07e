"""Widget apps. Each one wraps a domain function; no domain logic lives in UI code.

- :mod:`~asm_course.widgets.answer`: answer widgets (a choice, a plan text) saved beside
  the notebook so that they are graded and collected;
- one module of explorer apps per concept (``explorers`` for m00; ``legal``,
  ``institutions``, ``baseline_apps``, ``formalization`` … for later modules).
"""

from asm_course.widgets.answer import choice_answer, text_answer
from asm_course.widgets.explorers import (EstimatesExplorer, GoldValueApp, estimates_explorer,
                                          gold_value_app)

__all__ = ["EstimatesExplorer", "GoldValueApp", "choice_answer", "estimates_explorer", "gold_value_app",
           "text_answer"]
