"""JupyterHub configuration of the asm-course workshop server.

Start it with `asm-course hub start --classlist classlist.csv` (as root): the command checks
the class list, prepares the folders and passes its settings in ASM_HUB_* variables. The
configuration itself lives in asm_course/hub/config.py so that it is tested with the package.
"""

from asm_course.hub.config import configure
from asm_course.hub.settings import HubSettings

configure(get_config(), HubSettings.from_environment())  # noqa: F821 -- given by JupyterHub
