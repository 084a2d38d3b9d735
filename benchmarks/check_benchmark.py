"""How long `make check` takes to answer, for valid files of growing size and for hostile ones.

    python benchmarks/check_benchmark.py [--sizes 1000,5000,20000] [--runs 3]     (make bench)

Each figure is the wall-clock time of `scripts/build_measures.py check` in a fresh
process (imports included, as an editor or CI waits for it), the median of --runs. The
valid files are generated from the fixture (generate_measures.py); the hostile ones are
an alias bomb, 100,000 nested brackets and a 20 MB file. The targets, on the project's
2-core machine: 5 s at 20,000 measures (the check validates; it renders each kind of page,
not every page), and an answer within 10 s for any input; a figure past its target says so.

Figures, not pass/fail: MAINTAINERS.md records the latest ones.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixture"
# Seconds: up to this many measures the check answers within the first figure (issue 25),
# and any input within the second.
VALID_TARGET = (20_000, 5.0)
ANY_INPUT_TARGET = 10.0


def target(measures: int | None) -> float:
    return VALID_TARGET[1] if measures is not None and measures <= VALID_TARGET[0] else ANY_INPUT_TARGET


def verdict(seconds: float, measures: int | None = None) -> str:
    limit = target(measures)
    return f"≤ {limit:g} s" if seconds <= limit else f"**over {limit:g} s**"


def check_seconds(data: Path, runs: int) -> tuple[float, int]:
    """(median seconds, exit status) of `check` on `data` with the fixture's overrides."""
    times, status = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "scripts/build_measures.py", "check", "--data", str(data), "--overrides", str(FIXTURE / "conversion.yaml")],
            cwd=ROOT,
            capture_output=True,
            timeout=120,
        )
        times.append(time.perf_counter() - started)
        status = result.returncode
    return statistics.median(times), status


def hostile_files(folder: Path) -> dict[str, Path]:
    fixture = (FIXTURE / "measures.yaml").read_text(encoding="utf-8")
    levels = ["a0: &a0 [哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈]"]
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 30)]
    files = {
        "alias bomb (10³⁰ strings if expanded)": "\n".join(levels) + "\n" + fixture,
        "100,000 nested brackets": fixture.replace("  venue: 香港\n", "  venue: " + "[" * 100_000 + "]" * 100_000 + "\n"),
        "20 MB file": fixture + "#" * (20 * 1024 * 1024),
    }
    paths = {}
    for index, (name, text) in enumerate(files.items()):
        paths[name] = folder / f"hostile-{index}.yaml"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,20000")
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    sizes = [int(size) for size in arguments.sizes.split(",")]
    print(f"## `make check` answer time (median of {arguments.runs}; load average {os.getloadavg()[0]:.1f})\n")
    print("| input | size | exit | time | target |")
    print("| --- | --: | --: | --: | --- |")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            data = Path(folder) / f"measures-{size}.yaml"
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate_measures.py"), str(size), str(data)], check=True)
            seconds, status = check_seconds(data, arguments.runs)
            size_mb = data.stat().st_size / 1024 / 1024
            print(f"| {size:,} measures | {size_mb:.1f} MB | {status} | {seconds:.2f} s | {verdict(seconds, size)} |", flush=True)
        for name, data in hostile_files(Path(folder)).items():
            seconds, status = check_seconds(data, arguments.runs)
            size_mb = data.stat().st_size / 1024 / 1024
            print(f"| {name} | {size_mb:.1f} MB | {status} | {seconds:.2f} s | {verdict(seconds)} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
