"""nbgrader configuration for the course repository.

Sources live in ``solutions/<lang>/<assignment>/``; releases are generated into
``exercises/<lang>/<assignment>/``. Choose the language with ``ASM_COURSE_LANG``
(default ``en``). The settings themselves live in ``asm_course.nbgrader_settings``
so that the trainer commands (``asm-course release/autograde/...``) use the same ones.
"""

import os

from asm_course.nbgrader_settings import course_config, put_environment_on_path

c = get_config()  # noqa: F821 -- provided by nbgrader when it loads this file
c.merge(course_config(os.environ.get("ASM_COURSE_LANG", "en")))
put_environment_on_path()
