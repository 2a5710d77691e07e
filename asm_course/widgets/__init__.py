"""Widgets. Each explorer app wraps domain functions; no domain logic lives in UI code.

- :mod:`~asm_course.widgets.base`: the app base and the accessible controls every app uses;
- :mod:`~asm_course.widgets.controls`: chart areas and country choices shared by the apps;
- :mod:`~asm_course.widgets.answer`: answer widgets (a choice, a plan text) saved beside the
  notebook so that they are graded and collected;
- ``m00`` … ``mNN``: the apps of each module. Notebooks import one module's apps as
  ``from asm_course.widgets import m01 as apps``.
"""
