"""The static, read-only web copy of the course: ``python -m asm_course.site`` (``make site``)."""

from asm_course.site.build import SiteReport, build_site

__all__ = ["SiteReport", "build_site"]
