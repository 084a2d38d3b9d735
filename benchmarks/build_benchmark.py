"""Build time, peak memory, page weight and first-view transfer, at growing data sizes, beside a bare peer.

    python benchmarks/build_benchmark.py [--sizes 1000,5000]     (make bench)

For the real data/measures.yaml and for generated files of 1,000 and 5,000 measures, of
1,000 with three reports of progress each, of 1,000 shared among four meetings and of four
meetings of 25 (generate_measures.py), each in a temporary copy of the project (the build always reads
its own folder's data), it runs the full `mkdocs build --strict` (both scripts) and reports:

- the project's build with no share image cached (as a fresh clone), then again with
  all cached (as a CI run with the cache of the run before, or a second `make build`);
- the **bare peer**: the same generated Markdown built by MkDocs with Material and
  mkdocs-static-i18n, the project's navigation, Material's own search (with its jieba
  pass), no hook, no overrides: what the pages would cost without the site's own work.
  The three builds run one after another, so they see about the same load; the ratios
  are the project's time over the peer's;
- what reports of progress cost: the first size's warm build with three reports per measure over
  the same without them, the two built in turn three times each (medians), against its budget;
- each build's peak memory (max RSS, from wait4, the build's process and its workers);
- where the project's time goes, in the build itself: the generator (validate, convert,
  render and write the pages), the share images (plan, wait for the workers, copy), the
  passes over each built page (whitespace, valid HTML, its classes, the CSP, search's
  root), the passes after each locale (open data, feeds, search indexes, the unused CSS),
  and the rest, MkDocs and the theme rendering the pages;
- page weight of each kind of page (its heaviest page, from the page records), gzip-compressed as
  GitHub Pages sends it;
- share images (real data only): how many, their bytes, the time to draw one;
- first view of the home page and the site map, the pages that list every meeting, for the
  generated data of one meeting of 1,000 and of several meetings;
- first view (real data only): the compressed bytes a fresh phone downloads to show
  the heaviest page of each kind until the network is idle (HTML, CSS, JS, icon), served like GitHub Pages
  (scripts/compressed_server.py) to the system Chromium. Bodies only: HTTP headers
  depend on the host.

Figures, not pass/fail: `make bench` writes the latest into MAINTAINERS.md (record.py).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
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
SCRIPT_FOLDERS = {"繁體": "", "简体": "zh-Hans/"}
FIRST_VIEW_BUDGET_KIB = 64
# Reports of progress: the build of the first size with three reports per measure, over the same
# build without them, all share images cached. Builds minutes apart differ by a tenth on a shared
# machine, so the two are built in turn, ROUNDS times each, and their medians compared.
REPORTS_PER_MEASURE = 3
REPORTS_BUDGET = 1.25
ROUNDS = 3
# Several meetings: the first size shared among MEETINGS, and MEETINGS of SMALL_MEETING measures each.
MEETINGS = 4
SMALL_MEETING = 25


def run_measured(command: list[str], cwd: Path, **extra_environment: str) -> tuple[float, int]:
    """(seconds, peak resident memory in KiB) of one child process."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", **extra_environment}
    # Its messages go to a file, not a pipe: wait4 reads nothing while it waits, and a build that
    # warns more than a pipe holds (64 KiB) would wait on it for ever.
    with tempfile.TemporaryFile() as messages:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=environment, stdout=subprocess.DEVNULL, stderr=messages)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            messages.seek(0)
            sys.exit(f"{' '.join(command)} failed:\n{messages.read().decode()}")
    return elapsed, usage.ru_maxrss  # KiB on Linux


# `mkdocs build --strict --quiet` in this process, its hook's steps timed where they run, the
# seconds of each part written as JSON to $BUILD_PARTS. The hook's module is the one imported
# here (scripts/ first on the path), so the timing wraps what the build calls.
TIMED_BUILD = """
import collections, json, os, sys, time
sys.path.insert(0, "scripts")
from measures_site.site import mkdocs_build as build

spent = collections.Counter()

def timed(part, function):
    def measured(*arguments, **keywords):
        started = time.perf_counter()
        try:
            return function(*arguments, **keywords)
        finally:
            spent[part] += time.perf_counter() - started
    return measured

build.MeasuresBuild.publish_content = timed("generator", build.MeasuresBuild.publish_content)
for method in ("plan", "write"):
    setattr(build.ShareImageBuild, method, timed("share images", getattr(build.ShareImageBuild, method)))
for name in ("valid_html", "classes_in_html", "add_content_security_policy", "drop_indentation", "point_search_at_locale_root"):
    setattr(build, name, timed("each page's passes", getattr(build, name)))
build.SiteScripts.hashes = timed("each page's passes", build.SiteScripts.hashes)
build.SiteFiles.write = timed("after each locale", build.SiteFiles.write)
build.SearchBuild.keep_sections = timed("after each locale", build.SearchBuild.keep_sections)
build.SearchBuild.write_indexes = timed("after each locale", build.SearchBuild.write_indexes)
build.compact_own_assets = timed("after each locale", build.compact_own_assets)
build.drop_unused_theme_rules = timed("after each locale", build.drop_unused_theme_rules)

from mkdocs.__main__ import cli
started = time.perf_counter()
try:
    cli(["build", "--strict", "--quiet"])
except SystemExit as ended:
    if ended.code:
        raise
spent["total"] = time.perf_counter() - started
with open(os.environ["BUILD_PARTS"], "w") as parts:
    json.dump(spent, parts)
"""
PARTS = ("generator", "share images", "each page's passes", "after each locale")


def project_build(project: Path, parts_file: Path) -> tuple[float, int, dict[str, float]]:
    """(seconds, peak KiB, {part: seconds, "MkDocs and theme": the rest}) of the project's build."""
    seconds, peak = run_measured([sys.executable, "-c", TIMED_BUILD], project, BUILD_PARTS=str(parts_file))
    spent = json.loads(parts_file.read_text())
    parts = {part: spent.get(part, 0.0) for part in PARTS}
    parts["MkDocs and theme"] = spent["total"] - sum(parts.values())
    return seconds, peak, parts


def reports_cost(without: Path, with_reports: Path) -> tuple[float, float]:
    """Median seconds of the warm build of each project, the two built in turn."""
    times: dict[Path, list[float]] = {without: [], with_reports: []}
    for _ in range(ROUNDS):
        for project, seconds in times.items():
            seconds.append(run_measured([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], project)[0])
    return statistics.median(times[without]), statistics.median(times[with_reports])


def peer_config(project: Path) -> dict:
    """The bare peer's mkdocs.yml (as JSON, which is YAML): the project's theme, plugins and
    Markdown extensions as mkdocs.yml names them, its navigation in each script, nothing of its own."""
    from ruamel.yaml import YAML

    from measures_site.content.pipeline import load_site_content
    from measures_site.project import MEASURES_PATH, OVERRIDES_PATH
    from measures_site.site.theme_context import navigation

    yaml = YAML(typ="safe")
    yaml.constructor.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
    config = yaml.load((project / "mkdocs.yml").read_text("utf-8"))
    content = load_site_content(project / MEASURES_PATH, project / OVERRIDES_PATH)
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    # Material's own interface words: it has none for zh-Hans (the project writes its own), so
    # the peer's 简体 pages take its zh (Simplified) ones.
    material_language = {"zh-Hant": "zh-Hant", "zh-Hans": "zh"}
    languages = [
        {key: value for key, value in language.items() if key != "copyright"}
        | {"nav": navigation(content, language["locale"]), "theme": {"language": material_language[language["locale"]]}}
        for language in i18n["languages"]
    ]
    theme = {key: value for key, value in config["theme"].items() if key != "custom_dir"}
    return {
        "site_name": config["site_name"],
        "site_url": "http://127.0.0.1:8000/",
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": theme,
        "plugins": ["search", {"i18n": {"docs_structure": "folder", "fallback_to_default": False, "reconfigure_material": True, "languages": languages}}],
        "markdown_extensions": config["markdown_extensions"],
    }


def make_peer(project: Path, peer: Path) -> None:
    """The peer beside the project, of the Markdown the project's build generated."""
    for locale in ("zh-Hant", "zh-Hans"):
        shutil.copytree(project / "docs" / locale, peer / "docs" / locale)
    (peer / "mkdocs.yml").write_text(json.dumps(peer_config(project), ensure_ascii=False, indent=1), encoding="utf-8")


def peer_build(peer: Path) -> tuple[float, int]:
    # Not strict: the pages link files the project's hook writes (the open data, the feeds).
    return run_measured([sys.executable, "-m", "mkdocs", "build", "--quiet"], peer)


SHARE_IMAGE_TIMING = """
import sys, time
sys.path.insert(0, "scripts")
from measures_site.content.pipeline import load_site_content
from measures_site.project import DATA_FILE, OVERRIDES_FILE
from measures_site.site.share_drawing import draw_card
from measures_site.site.share_images import page_card, script_fonts
content = load_site_content(DATA_FILE, OVERRIDES_FILE)
cards = []
for page, record in content.pages.items():
    code, _, path = page.partition("/")
    cards.append((page_card(record, code, "site"), script_fonts(code)))
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


def page_of_each_kind(project: Path) -> dict[str, str]:
    """{kind: its heaviest page, as a path under a script's folder}, from the project's page records."""
    from measures_site.content.paths import url
    from measures_site.content.pipeline import load_site_content
    from measures_site.project import MEASURES_PATH, OVERRIDES_PATH

    content = load_site_content(project / MEASURES_PATH, project / OVERRIDES_PATH)
    return {kind: url(path) for kind, path in content.page_of_each_kind().items()}


def first_view(site: Path, pages: dict[str, str]) -> dict[str, float]:
    """{'home (繁體)': compressed KiB of a cold first view}, with the system Chromium. A measure's
    page is where a shared link lands: a first view like the home page's."""
    from compressed_server import serve_compressed
    from playwright.sync_api import sync_playwright

    sent: list[tuple[str, int]] = []
    views = {}
    with serve_compressed(site, sent=sent) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        for script, folder in SCRIPT_FOLDERS.items():
            for name, path in pages.items():
                context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
                sent.clear()
                context.new_page().goto(url + folder + path, wait_until="networkidle")
                views[f"{name} ({script})"] = sum(size for _, size in sent) / KIB
                context.close()
        browser.close()
    return views


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000", help="generated measure counts (default 1000,5000)")
    sizes = [int(size) for size in parser.parse_args(argv).sizes.split(",") if size]

    rows = []
    weights: dict[str, dict[str, float]] = {}
    views: dict[str, float] = {}
    listed_views: dict[str, float] = {}
    share_images: tuple = ()
    with tempfile.TemporaryDirectory(prefix="build-benchmark-") as temporary:
        # What reports of progress cost: the first size again, each measure with three.
        reported = [(f"{sizes[0]:,}, {REPORTS_PER_MEASURE} reports each", sizes[0], REPORTS_PER_MEASURE, 1)] if sizes else []
        # The conference meets again: the first size shared among four meetings, and four meetings
        # of 25 measures (the home page and the site map within the first view's budget).
        several = [(f"{sizes[0]:,} in {MEETINGS} meetings", sizes[0], 0, MEETINGS)] if sizes else []
        several.append((f"{MEETINGS} meetings × {SMALL_MEETING}", MEETINGS * SMALL_MEETING, 0, MEETINGS))
        kept: dict[int, Path] = {}  # the first size's projects, without and with reports
        cases = [("real", None, 0, 1), *((f"{size:,}", size, 0, 1) for size in sizes), *reported, *several]
        for label, count, reports, meetings in cases:
            project = copy_project(Path(temporary) / f"project-{count or 'real'}-{reports}-{meetings}")
            if count is not None:
                subprocess.run(
                    [
                        sys.executable,
                        str(ROOT / "benchmarks" / "generate_measures.py"),
                        *(str(count), "data/measures.yaml", str(reports), str(meetings)),
                    ],
                    cwd=project,
                    check=True,
                )
            parts_file = Path(temporary) / "parts.json"
            cold, cold_peak, cold_parts = project_build(project, parts_file)
            print(f"built {label}, no image cached: {cold:.1f} s", file=sys.stderr)
            peer = Path(temporary) / f"peer-{count or 'real'}"
            make_peer(project, peer)
            bare, bare_peak = peer_build(peer)
            print(f"built {label}, bare peer: {bare:.1f} s", file=sys.stderr)
            warm, warm_peak, warm_parts = project_build(project, parts_file)
            print(f"built {label}, all images cached: {warm:.1f} s", file=sys.stderr)
            site = project / "site"
            pages = len(list(site.rglob("index.html")))
            rows.append((label, pages, cold, warm, bare, cold_peak / KIB, warm_peak / KIB, bare_peak / KIB, cold_parts, warm_parts))
            pages = page_of_each_kind(project)
            weights[label] = {
                f"{name} ({script})": gzip_kib(site / folder / path / "index.html")
                for name, path in pages.items()
                for script, folder in SCRIPT_FOLDERS.items()
            }
            if count is None:
                views = first_view(site, pages)
            elif reports == 0 and (meetings > 1 or count == sizes[0]):
                # The pages that list every meeting's content: within budget however much there is.
                listing = first_view(site, {kind: pages[kind] for kind in ("home", "site-map")})
                listed_views.update({f"{page}, {label}": kib for page, kib in listing.items()})
                pngs = [path.stat().st_size / KIB for path in site.rglob("share.png")]
                share_images = (len(pngs), sum(pngs), max(pngs), share_image_seconds(project))
            shutil.rmtree(peer)
            if count == sizes[0] and meetings == 1:
                kept[reports] = project
            else:
                shutil.rmtree(project)
        reports_medians = reports_cost(kept[0], kept[REPORTS_PER_MEASURE]) if kept else ()

    print("\n### Build (both scripts), beside the bare peer\n")
    print("| measures | pages | no image cached | all cached | bare peer | peak memory (cold / warm / peer) |")
    print("| --- | --: | --: | --: | --: | --: |")
    for label, pages, cold, warm, bare, cold_peak, warm_peak, bare_peak, _, _ in rows:
        print(
            f"| {label} | {pages:,} | {cold:.1f} s ({cold / bare:.2f}×) | {warm:.1f} s ({warm / bare:.2f}×) | {bare:.1f} s"
            f" | {cold_peak:.0f} / {warm_peak:.0f} / {bare_peak:.0f} MiB |"
        )

    if reports_medians:
        without, with_reports = reports_medians
        ratio = with_reports / without
        print(f"\n### What reports of progress cost ({sizes[0]:,} measures, all images cached, median of {ROUNDS} builds in turn)\n")
        print(f"| without reports | with {REPORTS_PER_MEASURE} each | ratio | target |")
        print("| --: | --: | --: | --- |")
        verdict = "" if ratio <= REPORTS_BUDGET else " (over)"
        print(f"| {without:.1f} s | {with_reports:.1f} s | {ratio:.2f}×{verdict} | ≤ {REPORTS_BUDGET}× |")

    print("\n### Where the project's build spends its time (seconds, no image cached / all cached)\n")
    names = [*PARTS, "MkDocs and theme"]
    print("| measures | " + " | ".join(names) + " |")
    print("| --- |" + " --: |" * len(names))
    for label, *_, cold_parts, warm_parts in rows:
        print(f"| {label} | " + " | ".join(f"{cold_parts[name]:.1f} / {warm_parts[name]:.1f}" for name in names) + " |")

    print("\n### Page weight, gzip (KiB)\n")
    labels = list(weights)
    print("| page | " + " | ".join(labels) + " |")
    print("| --- |" + " --: |" * len(labels))
    for page in weights[labels[0]]:
        print(f"| {page} | " + " | ".join(f"{weights[label][page]:.1f}" for label in labels) + " |")

    if share_images:
        print("\n### Share images, real data\n")
        print("| images | total | largest | one image, drawn |")
        print("| --: | --: | --: | --: |")
        images, total, largest, one = share_images
        print(f"| {images} | {total:.0f} KiB | {largest:.1f} KiB | {one * 1000:.0f} ms |")

    print(f"\n### First view, real data (compressed KiB; budget {FIRST_VIEW_BUDGET_KIB})\n")
    print("| page | KiB |")
    print("| --- | --: |")
    for page, kib in views.items():
        print(f"| {page} | {kib:.1f} |")

    if listed_views:
        print(f"\n### First view of the pages that list everything, generated data (compressed KiB; budget {FIRST_VIEW_BUDGET_KIB})\n")
        print("| page | KiB |")
        print("| --- | --: |")
        for page, kib in listed_views.items():
            verdict = "" if kib <= FIRST_VIEW_BUDGET_KIB else " (over)"
            print(f"| {page} | {kib:.1f}{verdict} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
