"""Benchmark: callback latency of the m05 and m06 explorer apps, and the execution time of
their teaching notebooks on a fresh kernel.

Each app is built inside a real IPython kernel (inline matplotlib backend, so every chart
is rendered to PNG as in JupyterLab) and driven by setting ``.value`` on its controls;
each change runs its callback synchronously, so the time of the assignment is the time
the participant waits. Prints p50/p95 over the changes (target p95 <= 100 ms) and, per
notebook, the time of its cells and the wall time including the kernel start (target
<= 3 s for the cells).

    .venv/bin/python benchmarks/bench_widgets_m05_m06.py [--changes 60] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from datetime import datetime
from pathlib import Path

import nbformat
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = ("course/en/m05_mercury.ipynb", "course/en/m06_health_safety.ipynb")

# Runs inside the kernel: builds both apps and times `changes` value changes of each.
KERNEL_CODE = r"""
import json, statistics, time
from asm_course import data, mercury
from asm_course.widgets import m05, m06

def timed(changes):
    times = []
    for control, value in changes:
        start = time.perf_counter()
        control.value = value
        times.append(1000 * (time.perf_counter() - start))
    times.sort()
    return {"n": len(times), "p50_ms": statistics.median(times), "p95_ms": times[int(0.95 * (len(times) - 1))],
            "max_ms": times[-1]}

N = {changes}
mix = m05.PracticeMixExplorer(data.load("sites_mercury"), mercury.ratio_parameters(data.load("hg_au_ratios")))
codes = [code for _, code in mix.country.options]
practices = list(mix.shares)
mix_changes = []
for i in range(N):
    if i % 10 == 9:
        mix_changes.append((mix.country, codes[(i // 10) % len(codes)]))
    elif i % 5 == 4:
        mix_changes.append((mix.gold, 50.0 + 7 * i))
    else:
        mix_changes.append((mix.shares[practices[i % len(practices)]], float((13 * i) % 90 + 5)))

matrix = m06.RiskMatrixApp(data.load("ohs_tasks"))
tasks = [task for _, task in matrix.task.options]
controls = [control for _, control in matrix.control.options]
matrix_changes = []
for i in range(N):
    if i % 3 == 2:
        matrix_changes.append((matrix.task, tasks[(i // 3) % len(tasks)]))
    else:
        matrix_changes.append((matrix.control, controls[(i + 1) % len(controls)]))

print(json.dumps({"m05 practice-mix explorer": timed(mix_changes), "m06 risk-matrix app": timed(matrix_changes)}))
"""


def run_cells(cells: list[nbformat.NotebookNode], cwd: Path) -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook(cells=cells)
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    return notebook


def widget_latency(changes: int) -> dict:
    setup = nbformat.v4.new_code_cell("%matplotlib inline")
    bench = nbformat.v4.new_code_cell(KERNEL_CODE.replace("{changes}", str(changes)))
    notebook = run_cells([setup, bench], REPO)
    text = "".join(o.get("text", "") for o in notebook.cells[1].outputs if o.output_type == "stream")
    return json.loads(text.strip().splitlines()[-1])


def cell_seconds(notebook: nbformat.NotebookNode) -> float:
    """From the first cell's start to the last cell's reply, as nbclient records them."""
    stamps = [c.metadata["execution"] for c in notebook.cells if c.cell_type == "code" and "execution" in c.metadata]
    parse = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))  # noqa: E731
    return (parse(stamps[-1]["shell.execute_reply"]) - parse(stamps[0]["iopub.execute_input"])).total_seconds()


def notebook_times(path: Path) -> dict:
    notebook = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return {"cells_s": cell_seconds(notebook), "wall_with_kernel_start_s": time.perf_counter() - start}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=60, help="value changes per app (at least 50)")
    parser.add_argument("--runs", type=int, default=3, help="fresh-kernel runs of each notebook")
    args = parser.parse_args()
    if args.changes < 50:
        parser.error("--changes must be at least 50")
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for app, stats in widget_latency(args.changes).items():
        verdict = "ok" if stats["p95_ms"] <= 100 else "ABOVE TARGET"
        print(f"{app}: {stats['n']} changes, p50 {stats['p50_ms']:.1f} ms, p95 {stats['p95_ms']:.1f} ms, "
              f"max {stats['max_ms']:.1f} ms (target p95 <= 100 ms: {verdict})")
    for name in NOTEBOOKS:
        runs = [notebook_times(REPO / name) for _ in range(args.runs)]
        best = min(r["cells_s"] for r in runs)
        cells = ", ".join(f"{r['cells_s']:.2f}" for r in runs)
        walls = ", ".join(f"{r['wall_with_kernel_start_s']:.2f}" for r in runs)
        verdict = "ok" if best <= 3 else "ABOVE TARGET"
        print(f"{name}: cells {cells} s (best {best:.2f} s; target <= 3 s: {verdict}); "
              f"wall with kernel start {walls} s")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
