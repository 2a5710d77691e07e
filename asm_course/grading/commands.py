"""The trainer commands of ``asm-course``: release, collect, autograde, feedback,
grades, report. ``add_commands`` registers them on the main parser (``cli.py``)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from asm_course import layout
from asm_course.i18n import t


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--course-dir", type=Path, default=None, metavar="DIR",
                        help=t("grading.help.course_dir"))
    common.add_argument("--lang", default=None, help=t("grading.help.lang"))
    common.add_argument("--source", type=Path, default=None, metavar="DIR",
                        help=t("grading.help.source"))
    common.add_argument("--db", default=None, metavar="URL", help=t("grading.help.db"))
    return common


def add_commands(subparsers) -> None:
    """Register every trainer subcommand; each sets ``run`` to a callable(args) -> int."""
    common = _common()
    p = subparsers.add_parser("release", parents=[common], help=t("grading.help.release"),
                              description=t("grading.help.release"))
    p.add_argument("modules", nargs="*", metavar="MODULE", help=t("grading.help.modules"))
    p.add_argument("--zip", action="store_true", help=t("grading.help.zip"))
    p.add_argument("--no-solutions", action="store_true", help=t("grading.help.no_solutions"))
    p.set_defaults(run=run_release)

    p = subparsers.add_parser("collect", parents=[common], help=t("grading.help.collect"),
                              description=t("grading.help.collect_long"))
    p.add_argument("path", type=Path, metavar="PATH", help=t("grading.help.collect_path"))
    p.add_argument("--dry-run", action="store_true", help=t("grading.help.dry_run"))
    p.add_argument("--replace", action="store_true", help=t("grading.help.replace"))
    p.set_defaults(run=run_collect)

    p = subparsers.add_parser("autograde", parents=[common], help=t("grading.help.autograde"),
                              description=t("grading.help.autograde"))
    p.add_argument("modules", nargs="*", metavar="MODULE", help=t("grading.help.modules"))
    p.add_argument("--jobs", type=int, default=max(1, min(4, os.cpu_count() or 1)), metavar="N",
                   help=t("grading.help.jobs"))
    p.add_argument("--cell-timeout", type=int, default=60, metavar="S", help=t("grading.help.cell_timeout"))
    p.add_argument("--notebook-timeout", type=int, default=600, metavar="S",
                   help=t("grading.help.notebook_timeout"))
    p.add_argument("--memory-mb", type=int, default=2048, metavar="M", help=t("grading.help.memory"))
    p.add_argument("--regrade", action="store_true", help=t("grading.help.regrade"))
    p.add_argument("--no-isolation", action="store_true", help=t("grading.help.no_isolation"))
    p.set_defaults(run=run_autograde)

    p = subparsers.add_parser("formgrade", parents=[common], help=t("grading.help.formgrade"),
                              description=t("grading.help.formgrade"))
    p.add_argument("--port", type=int, default=8890, metavar="N", help=t("grading.help.port"))
    p.set_defaults(run=run_formgrade)

    p = subparsers.add_parser("feedback", parents=[common], help=t("grading.help.feedback"),
                              description=t("grading.help.feedback"))
    p.add_argument("modules", nargs="*", metavar="MODULE", help=t("grading.help.modules"))
    p.set_defaults(run=run_feedback)

    p = subparsers.add_parser("grades", parents=[common], help=t("grading.help.grades"),
                              description=t("grading.help.grades"))
    p.add_argument("--out", type=Path, default=None, metavar="FILE", help=t("grading.help.out_csv"))
    p.set_defaults(run=run_grades)

    p = subparsers.add_parser("report", parents=[common], help=t("grading.help.report"),
                              description=t("grading.help.report"))
    p.add_argument("--out", type=Path, default=None, metavar="FILE", help=t("grading.help.out_html"))
    p.set_defaults(run=run_report)

    from asm_course.grading import plans  # the return-to-work plans gallery (module m09)
    plans.add_command(subparsers, common)


# ------------------------------------------------------------------ helpers
def _setup(args, need_source: bool = True):
    """(course, source, db_url, lang) from the common options."""
    from asm_course.grading.paths import CourseDir, default_source
    from asm_course.i18n import get_language, set_language
    from asm_course.nbgrader_settings import default_db_url, put_environment_on_path

    lang = args.lang or get_language()
    if args.lang:
        set_language(lang)
    root = (args.course_dir or Path.cwd()).resolve()
    root.mkdir(parents=True, exist_ok=True)
    source = (args.source or default_source(lang)).resolve()
    if need_source and not source.is_dir():
        raise SystemExit(t("grading.error.no_source", source=str(source)))
    put_environment_on_path()
    return CourseDir(root), source, args.db or default_db_url(root), lang


def _say(message: str) -> None:
    print(message, flush=True)


# ------------------------------------------------------------------ commands
def run_release(args) -> int:
    from asm_course.grading.paths import discover_assignments
    from asm_course.grading.release import release

    course, source, db_url, lang = _setup(args)
    assignments = discover_assignments(source, args.modules)
    exercises = source.parent.parent / "exercises" / lang
    results = release(course, source, assignments, db_url, lang, make_zip=args.zip,
                      solutions_off=args.no_solutions,
                      exercises=exercises if exercises.is_dir() else None)
    code = 0
    for item in results:
        _say(t("grading.release.done", assignment=item.assignment, folder=str(item.folder)))
        for leak in item.leaks:
            _say("  " + t("grading.release.leak", problem=leak))
            code = 1
        for diff in item.out_of_sync:
            _say("  " + t("grading.release.out_of_sync", file=diff, folder=str(exercises / item.assignment)))
            code = code or 3
        if item.zip_path:
            _say("  " + t("grading.release.zip", path=str(item.zip_path)))
        if item.key_folder:
            _say("  " + t("grading.release.key", folder=str(item.key_folder)))
    return code


def run_collect(args) -> int:
    from asm_course.grading.collect import CollectError, collect
    from asm_course.grading.paths import discover_assignments

    course, source, _db, _lang = _setup(args)
    if not args.path.exists():
        raise SystemExit(t("grading.error.no_path", path=str(args.path)))
    try:
        items, messages = collect(args.path, course, discover_assignments(source),
                                  dry_run=args.dry_run, replace=args.replace)
    except CollectError as exc:
        print(t("grading.collect.refused"), file=sys.stderr)
        print(str(exc), file=sys.stderr)
        return 2
    for item in items:
        dest = Path("submitted") / item.participant / item.assignment / item.notebook
        extra = t("grading.collect.with_answers") if item.answers else ""
        _say(t("grading.collect.item", source=item.label, dest=str(dest), extra=extra))
    for message in messages:
        _say(message)
    _say(t("grading.collect.dry_run" if args.dry_run else "grading.collect.done", n=len(items)))
    return 0


def run_autograde(args) -> int:
    from asm_course.grading.autograde import Interrupted, Limits, PreflightFailed, autograde, summary_table
    from asm_course.grading.preflight import TrainerFault

    course, source, db_url, lang = _setup(args)
    limits = Limits(jobs=max(1, args.jobs), cell_timeout=args.cell_timeout,
                    notebook_timeout=args.notebook_timeout, memory_mb=args.memory_mb,
                    isolation=not args.no_isolation)
    try:
        outcomes = autograde(course, source, db_url, args.modules or None, limits, lang,
                             regrade=args.regrade)
    except (TrainerFault, PreflightFailed) as exc:
        print(str(exc), file=sys.stderr)
        print(t("grading.autograde.nobody_marked"), file=sys.stderr)
        return 2
    except Interrupted as exc:
        graded = sum(o.status == "graded" for o in exc.outcomes)
        print(t("grading.autograde.interrupted", graded=graded, remaining=exc.remaining,
                status=str(course.status_file)), file=sys.stderr)
        return 130
    if not outcomes:
        _say(t("grading.autograde.nothing"))
        return 0
    _say(summary_table(outcomes))
    failed = sum(o.status == "failed" for o in outcomes)
    skipped = sum(o.skipped for o in outcomes)
    _say(t("grading.autograde.summary", graded=len(outcomes) - failed - skipped, failed=failed,
           status=str(course.status_file)))
    if skipped:
        _say(t("grading.autograde.skipped", n=skipped))
    return 1 if failed else 0


def run_formgrade(args) -> int:
    from asm_course.grading import trainer_lab

    course, source, db_url, lang = _setup(args)
    return trainer_lab.serve(course, source, db_url, lang, args.port,
                             token=layout.FORMGRADE_TOKEN.get() or None)


def run_feedback(args) -> int:
    from asm_course.grading.feedback import generate
    from asm_course.grading.paths import discover_assignments

    course, source, db_url, lang = _setup(args)
    pages, problems = generate(course, source, discover_assignments(source, args.modules), db_url, lang)
    for problem in problems:
        print(problem, file=sys.stderr)
    _say(t("grading.feedback.done", n=len(pages), folder=str(course.feedback)))
    return 1 if problems else 0


def run_grades(args) -> int:
    from asm_course.grading.grades import collect_rows, write_csv

    course, _source, db_url, _lang = _setup(args, need_source=False)
    out = write_csv(collect_rows(course, db_url), args.out or course.root / "grades.csv")
    _say(t("grading.grades.done", path=str(out)))
    return 0


def run_report(args) -> int:
    from asm_course.grading import report, status
    from asm_course.grading.grades import collect_rows

    course, _source, db_url, _lang = _setup(args, need_source=False)
    out = report.write(collect_rows(course, db_url), status.load(course.status_file),
                       args.out or course.root / "class_report.html")
    _say(t("grading.report.done", path=str(out)))
    return 0
