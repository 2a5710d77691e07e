"""Callback latency of the m07 and m08 explorer apps, and execution time of their notebooks.

    python benchmarks/bench_widgets_m07_m08.py [--changes N] [--notebooks]

For each app, sets ``.value`` on its controls N times (default 60, at least 50), cycling
through the options of a menu or along a slider, and times each change from the assignment
to the end of the app's update (callbacks run synchronously, chart included). Prints p50
and p95 per app and exits 1 if any p95 misses the 100 ms target. With ``--notebooks`` it
also executes ``course/en/m07_gender.ipynb`` and ``course/en/m08_value_chain.ipynb`` on a
fresh kernel each and prints the time from the first cell's start to the last cell's end
(target 3 s) and the wall time including kernel start-up.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import matplotlib

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from asm_course import value_chain  # noqa: E402
from asm_course.data import load  # noqa: E402
from asm_course.widgets import m07, m08  # noqa: E402

P95_TARGET_MS = 100.0
NOTEBOOK_TARGET_S = 3.0
NOTEBOOKS = ("m07_gender", "m08_value_chain")


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation between ranks."""
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if q < 100 else max(values)


def options_of(control) -> list:
    return [value for _label, value in control.options] if isinstance(control.options[0], tuple) else list(control.options)


def slider_steps(control, n: int = 7) -> list[float]:
    low, high = control.min, control.max
    return [low + (high - low) * k / (n - 1) for k in range(n)]


def changes(app) -> Iterator[tuple[object, object]]:
    """(control, value) pairs that move every control of an app, endlessly and always to a
    new value, so that each assignment fires the app's callback."""
    controls = [c for c in vars(app).values() if hasattr(c, "observe") and hasattr(c, "value")
                and (hasattr(c, "options") or hasattr(c, "max"))]
    plans = [(c, options_of(c) if hasattr(c, "options") else slider_steps(c)) for c in controls]
    for control, values in itertools.cycle(plans):
        for value in values:
            if value != control.value:
                yield control, value


def inline_shell() -> None:
    """An IPython shell with the inline backend, so that showing a chart renders its PNG as
    it does in a notebook (outside IPython, ``display`` would only print a repr)."""
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.core.pylabtools import select_figure_formats

    matplotlib.use("Agg")
    select_figure_formats(InteractiveShell.instance(), {"png"})


def time_app(name: str, build: Callable[[], object], n: int) -> tuple[str, float, float]:
    """p50 and p95 (ms) of n value changes of the app that ``build`` returns."""
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink):
        app = build()
        times = []
        for control, value in itertools.islice(changes(app), n):
            start = time.perf_counter()
            control.value = value
            times.append((time.perf_counter() - start) * 1000)
            matplotlib.pyplot.close("all")
    return name, percentile(times, 50), percentile(times, 95)


def apps() -> dict[str, Callable[[], object]]:
    shares, countries, workforce = load("women_share"), load("countries"), load("workforce_by_role_sex")
    chain, world = load("gold_chain"), value_chain.world_prices(load("global_figures"))
    return {
        "m07 scope switcher": lambda: m07.ScopeSwitcher(shares),
        "m07 data-gap audit": lambda: m07.DataGapAudit(shares, countries, workforce),
        "m08 royalty and smuggling slider": lambda: m08.RoyaltySmugglingApp(),
        "m08 chain-price explorer": lambda: m08.ChainPriceExplorer(chain, world),
    }


def notebook_seconds(name: str) -> tuple[float, float, float]:
    """Of one course notebook on a fresh kernel: seconds from the first cell's start to the
    last cell's end, the kernel's CPU seconds over those cells (less sensitive to a loaded
    machine), and the wall time including kernel start-up."""
    import nbformat
    from nbclient import NotebookClient

    path = REPO / "course" / "en" / f"{name}.ipynb"
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.insert(0, nbformat.v4.new_code_cell("import time as _t; _cpu = _t.process_time()"))
    notebook.cells.append(nbformat.v4.new_code_cell("print(_t.process_time() - _cpu)"))
    start = time.perf_counter()
    NotebookClient(notebook, timeout=120, kernel_name="python3", record_timing=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    wall = time.perf_counter() - start
    code = [c for c in notebook.cells if c.cell_type == "code"]
    first = datetime.fromisoformat(code[1].metadata["execution"]["iopub.execute_input"].replace("Z", "+00:00"))
    last = datetime.fromisoformat(code[-2].metadata["execution"]["shell.execute_reply"].replace("Z", "+00:00"))
    cpu = float(code[-1].outputs[0]["text"])
    return (last - first).total_seconds(), cpu, wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=60, help="value changes per app (at least 50)")
    parser.add_argument("--notebooks", action="store_true", help="also time the two course notebooks")
    parser.add_argument("--also", nargs="*", default=[], help="more course notebooks to time, for comparison")
    args = parser.parse_args(argv)
    n = max(args.changes, 50)
    inline_shell()
    failed = []
    print(f"{'app':<36}{'p50 ms':>9}{'p95 ms':>9}  p95 <= {P95_TARGET_MS:.0f} ms   ({n} changes each)")
    for name, build in apps().items():
        _, p50, p95 = time_app(name, build, n)
        ok = p95 <= P95_TARGET_MS
        failed += [] if ok else [name]
        print(f"{name:<36}{p50:>9.1f}{p95:>9.1f}  {'ok' if ok else 'TOO SLOW'}")
    if args.notebooks:
        print(f"\n{'notebook':<26}{'cells s':>9}{'CPU s':>8}{'wall s':>9}  cells <= {NOTEBOOK_TARGET_S:.0f} s")
        for name in (*NOTEBOOKS, *args.also):
            cells, cpu, wall = notebook_seconds(name)
            ok = cells <= NOTEBOOK_TARGET_S
            failed += [] if ok else [name]
            print(f"{name:<26}{cells:>9.2f}{cpu:>8.2f}{wall:>9.2f}  {'ok' if ok else 'TOO SLOW (see the load average)'}")
        print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    print("all within target" if not failed else f"missed the target: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
