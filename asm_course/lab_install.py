"""Visible progress for the install step of ``make lab``.

``python -m asm_course.lab_install LOG PIP_ARGS...`` runs pip's install command with
``PIP_ARGS``, shows what it is doing (packages checked so far, then the install of N
packages) and keeps pip's full output in ``LOG``; when pip fails it prints the end of the
log and where the rest is. It runs before the course's packages exist, so it uses the
standard library and the message catalogue only.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from asm_course.i18n import t


@dataclass
class Progress:
    """What pip has done so far, read from its output one line at a time."""

    checked: int = 0
    installing: int = 0

    def read(self, line: str) -> str | None:
        """The status to show after ``line``, or None when it changes nothing worth showing."""
        if line.startswith(("Collecting ", "Requirement already satisfied: ", "Obtaining ")):
            self.checked += 1
            return t("install.checked", count=self.checked)
        if line.startswith("Installing collected packages:"):
            self.installing = len([name for name in line.split(":", 1)[1].split(",") if name.strip()])
            return t("install.installing", count=self.installing)
        return None

    def milestone(self) -> bool:
        """Whether the last status gets a line of its own where it cannot be redrawn in
        place (output to a file or CI): the first package, every 25th, the install."""
        return self.installing > 0 or self.checked == 1 or self.checked % 25 == 0


def run(log: Path, pip_args: list[str], out=sys.stdout) -> int:
    """Run pip with ``pip_args``, output into ``log``, progress onto ``out``; pip's exit code."""
    progress = Progress()
    interactive = out.isatty()
    shown = ""
    with log.open("w", encoding="utf-8") as record:
        pip = subprocess.Popen([sys.executable, "-m", "pip", "install", "--progress-bar", "off", *pip_args],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
        for line in pip.stdout or ():
            record.write(line)
            status = progress.read(line)
            if status is None:
                continue
            if interactive:
                out.write("\r  " + status.ljust(len(shown)))
            elif progress.milestone():
                out.write("  " + status + "\n")
            out.flush()
            shown = status
        code = pip.wait()
    if interactive and shown:
        out.write("\n")
    if code:
        out.write(t("install.failed", code=code, log=log) + "\n")
        out.write("\n".join(log.read_text(encoding="utf-8").splitlines()[-20:]) + "\n")
    else:
        out.write("  " + t("install.done", log=log) + "\n")
    out.flush()
    return code


if __name__ == "__main__":
    sys.exit(run(Path(sys.argv[1]), sys.argv[2:]))
