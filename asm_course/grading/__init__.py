"""The trainer pipeline on top of nbgrader: release, collect, autograde, feedback,
grades and the class report (``asm-course <command>``; see ``README.md`` here)."""
