"""Benchmark: stock ``nbgrader autograde`` (serial CLI over a whole assignment) against
``asm-course autograde --jobs 2`` on the same 30 synthetic participants, for every
module in ``solutions/en`` (or the test fixture assignment when there is none).
Scores must be identical; prints wall times and the speed-up.

    .venv/bin/python benchmarks/bench_autograde.py [--participants 30] [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests" / "grading")]

import grading_fixtures as gf  # noqa: E402

from asm_course.grading.paths import discover_assignments  # noqa: E402

STOCK_CONFIG = """
import sys
sys.path.insert(0, {repo!r})
from asm_course.nbgrader_settings import course_config, put_environment_on_path
c = get_config()
c.merge(course_config())
put_environment_on_path()
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "release"
"""
BENIGN = ["correct", "blank", "tampered_test", "deleted_test", "hostile_sysexit", "hostile_bigout"]


def participants(assignment, release_folder: Path, fixture: bool, count: int) -> dict[str, dict]:
    if fixture:
        cases = gf.fixture_submissions(release_folder / assignment.notebooks[0], Path("/nonexistent"),
                                       Path("/nonexistent"))
        kinds = ["correct", "wrong", "blank", "tampered_test", "deleted_test", "big_output", "sys_exit"]
    else:
        cases = gf.generic_submissions(assignment, release_folder)
        kinds = BENIGN
    return {f"p{i:02d}": cases[kinds[i % len(kinds)]] for i in range(count)}


def place(cases: dict[str, dict], course: Path, assignment) -> None:
    for name, case in cases.items():
        folder = course / "submitted" / name / assignment.id
        folder.mkdir(parents=True)
        (folder / assignment.notebooks[0]).write_bytes(case["nb"])
        if case.get("answers") is not None:
            (folder / assignment.answers_file).write_text(json.dumps(case["answers"]))


def scores(db: Path) -> dict[tuple[str, str], float | None]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{db}", "asm_course") as gb:
        return {(s.student.id, g.name): g.auto_score for a in gb.assignments
                for s in a.submissions for nb in s.notebooks for g in nb.grades}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=2)
    opts = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="asm-bench-"))
    env = gf.isolated_env(work / "env")
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    os.environ.update(env)
    fixture = not gf.real_modules()
    source = gf.build_fixture_source(work / "solutions") if fixture else REPO / "solutions" / "en"
    results = []
    try:
        for assignment in discover_assignments(source):
            release = gf.release_notebook(source, assignment.id, assignment.notebooks[0],
                                          work / f"rel-{assignment.id}").parent
            cases = participants(assignment, release, fixture, opts.participants)
            # stock nbgrader: its own course folder, assignment generated beforehand
            stock = work / f"stock-{assignment.id}"
            shutil.copytree(assignment.folder, stock / "source" / assignment.id)
            (stock / "nbgrader_config.py").write_text(STOCK_CONFIG.format(repo=str(REPO)))
            subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", assignment.id],
                           cwd=stock, env=env, check=True, capture_output=True)
            place(cases, stock, assignment)
            t0 = time.perf_counter()
            run = subprocess.run([sys.executable, "-m", "nbgrader", "autograde", assignment.id],
                                 cwd=stock, env=env, capture_output=True, text=True)
            stock_s = time.perf_counter() - t0
            # asm-course: same submissions, parallel sandboxed jobs
            ours = work / f"ours-{assignment.id}"
            subprocess.run([sys.executable, "-m", "asm_course.cli", "release", assignment.id,
                            "--course-dir", str(ours), "--source", str(source)],
                           env=env, capture_output=True, check=False)  # autograde needs release/
            place(cases, ours, assignment)
            t0 = time.perf_counter()
            mine = subprocess.run([sys.executable, "-m", "asm_course.cli", "autograde",
                                   "--course-dir", str(ours), "--source", str(source),
                                   "--jobs", str(opts.jobs)], env=env, capture_output=True, text=True)
            ours_s = time.perf_counter() - t0
            a, b = scores(stock / "gradebook.db"), scores(ours / "gradebook.db")
            assert run.returncode == 0, run.stderr[-2000:]
            assert mine.returncode == 0, mine.stdout[-2000:] + mine.stderr[-2000:]
            assert len(a) == len(b) > 0 and a == b, {k: (a.get(k), b.get(k)) for k in set(a) | set(b)
                                                      if a.get(k) != b.get(k)}
            results.append((assignment.id, len(cases), stock_s, ours_s))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{'module':24} {'participants':>12} {'nbgrader (s)':>13} {'asm-course (s)':>15} {'speed-up':>9}")
    for module, n, s, o in results:
        print(f"{module:24} {n:12d} {s:13.1f} {o:15.1f} {s / o:8.2f}x")
    print(f"(jobs={opts.jobs}, cpus={os.cpu_count()}, identical scores: yes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
