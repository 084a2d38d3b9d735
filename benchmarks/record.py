"""Run the benchmarks and write their latest figures into MAINTAINERS.md's benchmark section.

    python benchmarks/record.py [NAME …] [-- ARGUMENT …]   (make bench: every benchmarks/*_benchmark.py)

Each benchmark prints Markdown tables; its output goes to the terminal as it runs, and then
replaces that benchmark's own part of the section "Benchmark figures" in MAINTAINERS.md,
headed by the day, the commit and the load average it ran at. The part of a benchmark not
run this time is left as it was, so the section holds one latest run of each, never a
history. NAME is a benchmark's file name without `_benchmark.py` (build, check, search …);
ARGUMENTs after `--` are handed to each (`build -- --sizes 1000`), and the heading says so.
"""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAINTAINERS = ROOT / "MAINTAINERS.md"
SECTION_START = "<!-- make bench writes below: each benchmark's latest run -->"
SECTION_END = "<!-- make bench writes above -->"


def part_marks(name: str) -> tuple[str, str]:
    return f"<!-- {name}_benchmark.py -->", f"<!-- end of {name}_benchmark.py -->"


def run(name: str, arguments: list[str]) -> str:
    """The benchmark's printed figures, shown as they come."""
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "benchmarks" / f"{name}_benchmark.py"), *arguments], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    lines = []
    for line in process.stdout:
        print(line, end="", flush=True)
        lines.append(line)
    if process.wait() != 0:
        sys.exit(f"{name}_benchmark.py failed (exit {process.returncode}); MAINTAINERS.md is left as it was")
    return "".join(lines).strip()


def heading(name: str, arguments: list[str], load: tuple[float, float, float]) -> str:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    changed = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True).stdout
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"#### `{' '.join([f'{name}_benchmark.py', *arguments])}`\n\n"
        f"{datetime.date.today().isoformat()}, commit {commit or 'unknown'}{' with local changes' if changed else ''},"
        f" {cores} cores, load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1 / 5 / 15 min) at its start."
    )


def with_part(text: str, name: str, figures: str) -> str:
    """MAINTAINERS.md's text with the benchmark's part replaced (or added at the section's end)."""
    if SECTION_START not in text or SECTION_END not in text:
        sys.exit(f"MAINTAINERS.md has no benchmark section (its marks: {SECTION_START} … {SECTION_END})")
    start, end = part_marks(name)
    part = f"{start}\n{figures}\n{end}"
    existing = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if existing.search(text):
        return existing.sub(lambda _: part, text, count=1)
    return text.replace(SECTION_END, f"{part}\n\n{SECTION_END}", 1)


def main(argv: list[str]) -> int:
    arguments = argv[argv.index("--") + 1 :] if "--" in argv else []
    argv = argv[: argv.index("--")] if "--" in argv else argv
    names = argv or sorted(path.name.removesuffix("_benchmark.py") for path in (ROOT / "benchmarks").glob("*_benchmark.py"))
    for name in names:
        load = os.getloadavg()
        # Its tables' headings under the part's own.
        figures = re.sub(r"^#+ ", "##### ", run(name, arguments), flags=re.MULTILINE)
        # Written after each benchmark, so a later one failing keeps those done.
        text = MAINTAINERS.read_text(encoding="utf-8")
        MAINTAINERS.write_text(with_part(text, name, f"{heading(name, arguments, load)}\n\n{figures}"), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
