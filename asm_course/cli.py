"""The ``asm-course`` command: ``asm-course lab`` for everyone, trainer commands on top."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from asm_course.i18n import t


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    from asm_course import lab
    from asm_course.grading import commands as grading_commands
    from asm_course.hub import command as hub_command

    parser = argparse.ArgumentParser(prog="asm-course", description=t("cli.description"))
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    lab.add_command(sub)
    grading_commands.add_commands(sub)
    hub_command.add_command(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``asm-course`` console script; returns the exit code."""
    args = build_parser().parse_args(argv)
    return int(args.run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
