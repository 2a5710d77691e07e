"""asm-course: managing artisanal and small-scale mining, an offline Jupyter course.

Public names: ``set_language`` (``"en"`` or ``"es"``) and ``progress()``, the table of
questions a self-study learner has checked as correct.
"""

from __future__ import annotations

from asm_course.i18n import get_language, set_language

__version__ = "0.1.0"
__all__ = ["__version__", "get_language", "progress", "set_language"]


def progress():
    """Your self-study progress per module (questions checked as correct)."""
    from asm_course.checks import all_questions
    from asm_course.selfstudy import progress_table

    return progress_table([q.id for q in all_questions() if q.auto_graded])
