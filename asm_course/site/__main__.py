"""``python -m asm_course.site [--root DIR] [--out DIR]``: build the static site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from asm_course import layout
from asm_course.i18n import t
from asm_course.site.build import build_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m asm_course.site", description=t("site.title"))
    parser.add_argument("--root", type=Path, default=layout.repository_root() or layout.packaged_content())
    parser.add_argument("--out", type=Path, default=Path("build/site"))
    args = parser.parse_args(argv)
    try:
        report = build_site(args.root, args.out)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 2
    for warning in report.missing_alt + report.missing_pages:
        print(warning, file=sys.stderr)
    print(t("site.built", pages=len(report.pages), folder=args.out, seconds=report.seconds,
            size_kb=report.size_bytes // 1024))
    return 0


if __name__ == "__main__":
    sys.exit(main())
