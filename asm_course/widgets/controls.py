"""Small pieces shared by the explorer apps."""

from __future__ import annotations


def country_options(codes: list[str], names: dict[str, str]) -> list[tuple[str, str]]:
    """Dropdown options ``(country name, ISO3 code)`` in the order of ``codes``."""
    return [(names.get(code, code), code) for code in codes]
