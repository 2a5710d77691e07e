"""``python -m asm_course.datagen``: write (or, with ``--check``, compare) the data package."""

import sys

from asm_course.datagen.cli import main

sys.exit(main())
