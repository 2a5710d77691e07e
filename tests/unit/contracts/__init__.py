"""Checker-contract cases: for every question, a reference answer and plausible wrong ones.

One file per module (``m00.py`` …) defines ``CASES = {"m00.q1": Case(...), ...}``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Case:
    """``right`` builds the reference answer; each of ``wrong`` builds a plausible mistake."""

    right: Callable[[], Any]
    wrong: list[Callable[[], Any]] = field(default_factory=list)
