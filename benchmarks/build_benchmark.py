"""Build time, peak memory, page weight and first-view transfer, at growing data sizes.

    python benchmarks/build_benchmark.py [--sizes 100,1000,5000]     (make bench)

For the real data/measures.yaml and for generated files of 100, 1,000 and 5,000
measures (generate_measures.py), each in a temporary copy of the project (the build
always reads its own folder's data), it runs the full `mkdocs build --strict` (both
scripts) and reports:

- build time (wall clock) and the build process's peak memory (max RSS, from wait4);
- the generator's own share: validating, converting and writing the pages, which the
  hook does once per build (`generate` of scripts/build_measures.py), timed alone;
- page weight per page type, gzip-compressed as GitHub Pages sends it;
- share images (real data only): how many, their bytes, the time to draw one (in one
  process, fonts loaded), and the build again in the same copy, its images all cached;
- first view (real data only): the compressed bytes a fresh phone downloads to show
  each page until the network is idle (HTML, CSS, JS, icon), served like GitHub Pages
  (scripts/compressed_server.py) to the system Chromium. Bodies only: HTTP headers
  depend on the host.

Figures, not pass/fail: MAINTAINERS.md records the latest ones.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import chromium_path, copy_project  # noqa: E402  (the tests' own copy of what a build reads)

KIB = 1024
# One page of each type, as paths under a script's folder.
PAGE_TYPES = {
    "home": "",
    "memorandum": "memorandum/",
    "domain (education)": "domains/education/",
    "index of measures": "measures/",
    "open data": "data/",
    "measure (15)": "meetings/4/measures/15/",
}
# A measure's page is where a shared link lands: a first view like the home page's.
FIRST_VIEW_PAGES = {
    "home": "",
    "memorandum": "memorandum/",
    "domain": "domains/education/",
    "index": "measures/",
    "measure": "meetings/4/measures/15/",
}
SCRIPT_FOLDERS = {"繁體": "", "简体": "zh-Hans/"}
FIRST_VIEW_BUDGET_KIB = 64


def run_measured(command: list[str], cwd: Path) -> tuple[float, int]:
    """(seconds, peak resident memory in KiB) of one child process."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss  # KiB on Linux


GENERATOR_TIMING = """
import sys, time
sys.path.insert(0, "scripts")
import build_measures
started = time.perf_counter()
from measures_site.project import ROOT
build_measures.generate(docs_dir=ROOT / "generator-timing")
print(time.perf_counter() - started)
"""


def generator_seconds(project: Path) -> float:
    """The hook's own work (validate, convert, render, write), after imports, as in a build."""
    result = subprocess.run(
        [sys.executable, "-c", GENERATOR_TIMING], cwd=project, capture_output=True, text=True, check=True
    )
    return float(result.stdout.strip().splitlines()[-1])


SHARE_IMAGE_TIMING = """
import sys, time
sys.path.insert(0, "scripts")
from measures_site.pipeline import load_site_content
from measures_site.project import DATA_FILE, OVERRIDES_FILE
from measures_site.share_drawing import draw_card
from measures_site.share_images import page_card, script_fonts
content = load_site_content(DATA_FILE, OVERRIDES_FILE)
cards = []
for page, markdown in content.pages.items():
    code, _, path = page.partition("/")
    card = page_card(markdown, code, "site")
    if card:
        cards.append((card, script_fonts(code)))
draw_card(*cards[0])  # the fonts loaded once, as in the build's worker
started = time.perf_counter()
for card, fonts in cards:
    draw_card(card, fonts)
print((time.perf_counter() - started) / len(cards))
"""


def share_image_seconds(project: Path) -> float:
    """The time to draw one page's share image, fonts loaded (the mean over every page)."""
    result = subprocess.run(
        [sys.executable, "-c", SHARE_IMAGE_TIMING], cwd=project, capture_output=True, text=True, check=True
    )
    return float(result.stdout.strip().splitlines()[-1])


def gzip_kib(path: Path) -> float:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)) / KIB


def first_view(site: Path) -> dict[str, float]:
    """{'home (繁體)': compressed KiB of a cold first view}, with the system Chromium."""
    from compressed_server import serve_compressed
    from playwright.sync_api import sync_playwright

    sent: list[tuple[str, int]] = []
    views = {}
    with serve_compressed(site, sent=sent) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        for script, folder in SCRIPT_FOLDERS.items():
            for name, path in FIRST_VIEW_PAGES.items():
                context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
                sent.clear()
                context.new_page().goto(url + folder + path, wait_until="networkidle")
                views[f"{name} ({script})"] = sum(size for _, size in sent) / KIB
                context.close()
        browser.close()
    return views


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="generated measure counts (default 100,1000,5000)")
    sizes = [int(size) for size in parser.parse_args(argv).sizes.split(",") if size]

    rows = []
    weights: dict[str, dict[str, float]] = {}
    views: dict[str, float] = {}
    share_images: tuple = ()
    with tempfile.TemporaryDirectory(prefix="build-benchmark-") as temporary:
        for label, count in [("real (21)", None), *((f"{size:,}", size) for size in sizes)]:
            project = copy_project(Path(temporary) / f"project-{count or 'real'}")
            if count is not None:
                subprocess.run(
                    [sys.executable, str(ROOT / "benchmarks" / "generate_measures.py"), str(count), "data/measures.yaml"],
                    cwd=project,
                    check=True,
                )
            seconds, peak_kib = run_measured([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], project)
            generator = generator_seconds(project)
            site = project / "site"
            pages = len(list(site.rglob("index.html")))
            rows.append((label, pages, seconds, peak_kib / KIB, generator, generator / seconds))
            print(f"built {label}: {seconds:.1f} s", file=sys.stderr)
            weights[label] = {
                f"{name} ({script})": gzip_kib(site / folder / path / "index.html")
                for name, path in PAGE_TYPES.items()
                for script, folder in SCRIPT_FOLDERS.items()
            }
            if count is None:
                views = first_view(site)
                pngs = [path.stat().st_size / KIB for path in site.rglob("share.png")]
                warm, _ = run_measured([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], project)
                share_images = (len(pngs), sum(pngs), max(pngs), share_image_seconds(project), seconds, warm)
            shutil.rmtree(project)

    print("\n### Build (both scripts)\n")
    print("| measures | pages | build time | peak memory | generator | generator share |")
    print("| --- | --: | --: | --: | --: | --: |")
    for label, pages, seconds, peak, generator, share in rows:
        print(f"| {label} | {pages} | {seconds:.1f} s | {peak:.0f} MiB | {generator:.2f} s | {share:.0%} |")

    print("\n### Page weight, gzip (KiB)\n")
    labels = list(weights)
    print("| page | " + " | ".join(labels) + " |")
    print("| --- |" + " --: |" * len(labels))
    for page in weights[labels[0]]:
        print(f"| {page} | " + " | ".join(f"{weights[label][page]:.1f}" for label in labels) + " |")

    if share_images:
        print("\n### Share images, real data\n")
        print("| images | total | largest | one image, drawn | build, none cached | build, all cached |")
        print("| --: | --: | --: | --: | --: | --: |")
        images, total, largest, one, cold, warm = share_images
        print(f"| {images} | {total:.0f} KiB | {largest:.1f} KiB | {one * 1000:.0f} ms | {cold:.1f} s | {warm:.1f} s |")

    print(f"\n### First view, real data (compressed KiB; budget {FIRST_VIEW_BUDGET_KIB})\n")
    print("| page | KiB |")
    print("| --- | --: |")
    for page, kib in views.items():
        print(f"| {page} | {kib:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
