"""Time ``asm_course.data.load()`` per resource: cold (cache cleared) and warm (cached).

    python benchmarks/bench_data.py [--repeat N]

Prints the median of N runs per resource and exits 1 if any warm load misses the
50 ms target. Cold runs clear the loader's cache first, so they include reading, parsing,
validating and converting the file (and the resources its foreign keys point to).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from asm_course import data  # noqa: E402

WARM_TARGET_MS = 50.0


def median_ms(name: str, repeat: int, cold: bool) -> float:
    """Median wall time of ``load(name)`` in milliseconds."""
    times = []
    for _ in range(repeat):
        if cold:
            data.clear_cache()
        start = time.perf_counter()
        data.load(name)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs per measurement (default 7)")
    args = parser.parse_args(argv)
    print(f"data folder: {data.data_dir()}  (median of {args.repeat} runs)")
    print(f"{'resource':<27}{'rows':>7}{'cold ms':>10}{'warm ms':>10}  warm < {WARM_TARGET_MS:.0f} ms")
    failed = []
    for name in data.resource_names():
        cold = median_ms(name, args.repeat, cold=True)
        warm = median_ms(name, args.repeat, cold=False)
        ok = warm < WARM_TARGET_MS
        failed += [] if ok else [name]
        print(f"{name:<27}{len(data.load(name)):>7}{cold:>10.1f}{warm:>10.2f}  {'ok' if ok else 'TOO SLOW'}")
    print("all warm loads within target" if not failed else f"too slow when warm: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
