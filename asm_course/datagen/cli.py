"""Command line: ``python -m asm_course.datagen [--out DIR] [--src DIR] [--check]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from asm_course.data import data_dir
from asm_course.datagen.writer import generated_files

DESCRIPTION = "Build the course data package: schema, README catalogue and synthetic tables."


def main(argv: list[str] | None = None) -> int:
    """Write the generated files (or compare them with ``--check``); the exit status of the command."""
    parser = argparse.ArgumentParser(prog="python -m asm_course.datagen", description=DESCRIPTION)
    parser.add_argument("--out", type=Path, help="folder to write to (default: the data folder)")
    parser.add_argument("--src", type=Path, help="folder with the real tables (default: the data folder)")
    parser.add_argument("--check", action="store_true", help="compare with the files on disk; exit 1 if any differs")
    args = parser.parse_args(argv)
    src = args.src or data_dir()
    out = args.out or src
    files = generated_files(src)
    if args.check:
        stale = [n for n, t in files.items() if not (out / n).is_file() or (out / n).read_bytes() != t.encode("utf-8")]
        for name in stale:
            print(f"out of date: {out / name}  (run: python -m asm_course.datagen)", file=sys.stderr)
        return 1 if stale else 0
    out.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (out / name).write_bytes(content.encode("utf-8"))
    print(f"wrote {len(files)} files to {out}")
    return 0
