"""``python -m asm_course.scaffold``."""

import sys

from asm_course.scaffold import main

sys.exit(main())
