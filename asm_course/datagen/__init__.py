"""Build the course data package: schema, README catalogue and synthetic tables.

Single source of truth for the *schema* of every resource. Running this package writes
``datapackage.json``, ``README.md`` and every synthetic CSV; the real national tables are
transcribed by hand (they carry a ``source`` and ``status`` per row) and only *read* here, as
anchors for the synthetic data.

    python -m asm_course.datagen [--out DIR] [--src DIR] [--check]

``--check`` regenerates in memory and exits non-zero if any generated file differs from the
files on disk. Layout:

- :mod:`.schema` the field helpers and ``Resource``; :mod:`.anchors` the real tables as read;
- :mod:`.real` and :mod:`.synthetic` the declarations of every table;
- :mod:`.common` seed, streams, countries and regions; :mod:`.m01` … :mod:`.m09` the generators
  of the tables each module's exercises rely on;
- :mod:`.writer` ``datapackage.json``, ``README.md`` and the CSV text; :mod:`.cli` the command.
"""

from asm_course.datagen.cli import main
from asm_course.datagen.common import SEED
from asm_course.datagen.writer import RESOURCES, generated_files

__all__ = ["RESOURCES", "SEED", "generated_files", "main"]
