"""Search: how the Traditional text is cut, how big each index is, how fast results come.

    python benchmarks/search_benchmark.py        (or `make bench`, which runs every benchmark)

1. Segmentation of the real Traditional text, three ways: jieba on the Traditional
   text (what Material does), jieba on the Simplified conversion with the cuts carried
   back (what the site does), and jieba with its dictionary converted to Hong Kong
   Traditional. Measured against jieba's cut of the Simplified text (the reference the
   two scripts must share), and by whether each Traditional query of the search tests
   is cut into whole words of its measure.
2. Index size per script, raw and gzip-compressed as served, against the shared
   default index (Material + mkdocs-static-i18n, jieba installed) at equal content.
3. Time from the last keystroke to results in Chromium, median and worst over the
   queries, for the real data and a generated file of 1,000 measures, against the
   shared default index; and how many queries show their measure first (its anchor,
   in the page's script).
4. The readers' queries of the search tests, per kind (natural phrasings, variant
   forms, synonyms, Latin letters and digits, noise): how often their measure is among
   the first three results (top-3 recall), and how often nothing is found (zero-result
   rate; for noise, nothing is what should be found), in both scripts.
"""

from __future__ import annotations

import gzip
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "tests")]

import jieba  # noqa: E402
import opencc  # noqa: E402
from conftest import FIXTURE_FOLDER, build_site, chromium_path, copy_project, serve_directory  # noqa: E402
from ruamel.yaml import YAML  # noqa: E402
from test_search import KINDS, NOTHING, QUERIES, READER_QUERIES  # noqa: E402

from measures_site.data import hanzi  # noqa: E402
from measures_site.project import MEASURES_PATH  # noqa: E402
from measures_site.site import segment  # noqa: E402

GENERATED_COUNT = 1000
REAL_MEASURES = 21
PREFIX = {"zh-Hant": "", "zh-Hans": "zh-Hans/"}

# The shared default, for comparison: the site's hook without its search changes.
DEFAULT_SEARCH_HOOK = '''"""Benchmark only: the site's hook, leaving Material's shared search index as it is
(without the site's on_config, Material segments with jieba, its default when jieba is installed)."""
from measures_site.site.mkdocs_build import MeasuresBuild

build = MeasuresBuild()
on_startup, on_pre_build, on_page_context, on_serve = (
    build.on_startup, build.on_pre_build, build.on_page_context, build.on_serve)
on_post_build = build.write_site_files
'''


# ── 1. segmentation ──────────────────────────────────────────────────────────


def _signed_meeting() -> dict:
    """The fixture's meeting: the signed text the tests' queries are written from."""
    data = YAML(typ="safe").load((FIXTURE_FOLDER / "measures.yaml").read_text(encoding="utf-8"))
    (meeting,) = data["meetings"]
    return meeting


def _traditional_runs() -> list[str]:
    meeting = _signed_meeting()
    texts = [m["title"] + m["body"] for m in meeting["measures"]] + list(meeting["memorandum"]["paragraphs"])
    return [run for text in texts for run in segment.HAN_RUN.findall(text)]


def _boundaries(words: list[str]) -> set[int]:
    ends, position = set(), 0
    for word in words:
        position += len(word)
        ends.add(position)
    return ends


def _traditional_dictionary_tokenizer(folder: Path) -> jieba.Tokenizer:
    source = Path(jieba.__file__).parent / "dict.txt"
    to_hong_kong = opencc.OpenCC("s2hk").convert
    lines = source.read_text(encoding="utf-8").splitlines()
    converted = to_hong_kong("\n".join(line.split(" ", 1)[0] for line in lines)).splitlines()
    dictionary = folder / "dict.hk.txt"
    dictionary.write_text(
        "\n".join(f"{word} {line.split(' ', 1)[1]}" for word, line in zip(converted, lines)) + "\n", encoding="utf-8"
    )
    return jieba.Tokenizer(str(dictionary))


def segmentation_table(folder: Path) -> list[str]:
    to_simplified = opencc.OpenCC("hk2s").convert
    hong_kong = _traditional_dictionary_tokenizer(folder)
    ways = {
        "jieba on the Traditional text (Material's default)": lambda run: list(jieba.cut(run)),
        "jieba with a Hong Kong Traditional dictionary": lambda run: list(hong_kong.cut(run)),
        "Simplified cut carried back (this site)": lambda run: segment.cut_traditional(run, to_simplified),
    }
    runs = _traditional_runs()
    reference = {run: segment.cut_simplified(to_simplified(run)) for run in runs}
    bodies = {m["number"]: m["title"] + m["body"] for m in _signed_meeting()["measures"]}
    traditional_queries = [(q, n) for q, n in QUERIES if segment.HAN_RUN.fullmatch(q) and not hanzi.find_simplified(q)]
    rows = ["| segmentation of the Traditional text | boundaries as in Simplified | words as in Simplified | queries cut into words of their measure |", "| --- | --- | --- | --- |"]
    for name, cut in ways.items():
        same_boundaries = total_boundaries = same_words = total_words = 0
        for run in runs:
            words, expected = cut(run), reference[run]
            same_boundaries += len(_boundaries(words) & _boundaries(expected))
            total_boundaries += len(_boundaries(expected))
            expected_spans = {(end - len(w), end) for w, end in zip(expected, sorted(_boundaries(expected)))}
            spans = {(end - len(w), end) for w, end in zip(words, sorted(_boundaries(words)))}
            same_words += len(spans & expected_spans)
            total_words += len(expected_spans)
        found = 0
        for query, number in traditional_queries:
            measure_words = {w for run in segment.HAN_RUN.findall(bodies[number]) for w in cut(run)}
            found += all(word in measure_words for word in cut(query))
        rows.append(
            f"| {name} | {same_boundaries / total_boundaries:.1%} | {same_words / total_words:.1%} "
            f"| {found}/{len(traditional_queries)} |"
        )
    return rows


# ── 2 and 3. index size and time to results ──────────────────────────────────


def _project(folder: Path, count: int | None, default_search: bool) -> Path:
    project = copy_project(folder)
    if count is not None:
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "generate_measures.py"), str(count), str(project / MEASURES_PATH)],
            check=True,
        )
    if default_search:
        (project / "scripts" / "default_search_hook.py").write_text(DEFAULT_SEARCH_HOOK, encoding="utf-8")
        config = project / "mkdocs.yml"
        default = config.read_text(encoding="utf-8").replace("scripts/mkdocs_hooks.py", "scripts/default_search_hook.py")
        # The i18n plugin's default: it merges both scripts' sections into one index.
        default = default.replace("reconfigure_search: false", "reconfigure_search: true")
        config.write_text(default, encoding="utf-8")
    return project


def _size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, mtime=0))


LAST_KEY_TO_RESULTS = """() => {
  // The last keystroke is the last key up that changed the query (Material searches on
  // key up, for a changed value); the results are the last change on screen, once
  // nothing has changed for a while.
  const box = document.querySelector(".md-search__input");
  const results = document.querySelector(".md-search-result");
  let lastKey = 0, lastValue = box.value, lastChange = 0;
  box.addEventListener("keyup", () => {
    if (box.value !== lastValue) { lastValue = box.value; lastKey = performance.now(); }
  });
  window.__lastKeyToResults = new Promise(resolve => {
    const settled = () => { observer.disconnect(); resolve(lastChange > lastKey && lastKey ? lastChange - lastKey : NaN); };
    let timer = setTimeout(settled, 3000);
    const observer = new MutationObserver(() => {
      lastChange = performance.now();
      clearTimeout(timer);
      timer = setTimeout(settled, 300);
    });
    observer.observe(results, { childList: true, subtree: true, characterData: true });
  });
}"""


def _time_queries(site_dir: Path, prefix: str, queries: list[tuple[str, int | None]]) -> tuple[float, list[float], list[tuple[list[int], int]]]:
    """Time to results per query, and what each found: the measures of its first three
    results (in the page's script), and how many results it had."""
    from playwright.sync_api import sync_playwright

    with serve_directory(site_dir) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url + prefix + "domains/finance/")
        box = page.locator(".md-search__input")
        times = []
        first = None
        outcomes = []
        for query, _ in queries:
            box.click()
            box.fill("")
            page.wait_for_timeout(50)
            page.evaluate(LAST_KEY_TO_RESULTS)
            page.keyboard.type(query)
            page.keyboard.press("End")
            elapsed = page.evaluate("window.__lastKeyToResults")
            if first is None:
                first = elapsed  # includes building the index in the worker
            else:
                times.append(elapsed)
            links = page.evaluate(
                "[...document.querySelectorAll('.md-search-result__list > li')].map(item => item.querySelector('a').href)"
            )
            found = []
            for link in links[:3]:
                address = urlsplit(link)
                in_page_script = address.path.startswith(urlsplit(url).path + PREFIX["zh-Hans"]) == (prefix != "")
                number = re.fullmatch(r"measure-(\d+)", address.fragment)
                # A generated measure N repeats real measure (N - 1) % 21 + 1: finding a copy is right.
                found.append((int(number[1]) - 1) % REAL_MEASURES + 1 if number and in_page_script else 0)
            outcomes.append((found, len(links)))
        browser.close()
    return first, times, outcomes


def _measure_first(queries: list[tuple[str, int | None]], outcomes: list[tuple[list[int], int]]) -> int:
    return sum(bool(found) and found[0] == number for (_, number), (found, _) in zip(queries, outcomes))


def _timing(first: float, times: list[float], right: int, count: int) -> str:
    answered = [time for time in times if time == time]  # NaN: nothing shown after the last keystroke
    unanswered = f" ({len(times) - len(answered)} unanswered)" if len(answered) < len(times) else ""
    p90 = statistics.quantiles(answered, n=10)[-1]
    return (
        f"{first:.0f} ms | {statistics.median(answered):.0f} ms | {p90:.0f} ms | {max(answered):.0f} ms{unanswered} "
        f"| {right}/{count}"
    )


def _by_kind(outcomes: list[tuple[list[int], int]]) -> str:
    """Top-3 recall and zero-result rate of the readers' queries, kind by kind."""
    cells = []
    for kind in KINDS:
        rows = [(number, outcome) for (k, _, number), outcome in zip(READER_QUERIES, outcomes) if k == kind]
        zero = sum(count == 0 for _, (_, count) in rows)
        if kind in NOTHING:
            cells.append(f"{zero / len(rows):.0%} ({zero}/{len(rows)})")
            continue
        recalled = sum(number in found for number, (found, _) in rows)
        cells.append(f"{recalled / len(rows):.0%} ({recalled}/{len(rows)}) · {zero / len(rows):.0%}")
    return " | ".join(cells)


def main() -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    exact = list(QUERIES)
    readers = [(query, number) for _, query, number in READER_QUERIES]
    quality = []
    with tempfile.TemporaryDirectory(prefix="search-benchmark-") as temporary:
        folder = Path(temporary)
        print("## Segmentation (real data, Traditional text; reference: jieba on the Simplified text)\n")
        print("\n".join(segmentation_table(folder)), flush=True)
        print("\n## Index size and time from the last keystroke to results (Chromium)\n")
        print("| data | index | script | size | ÷ shared | gzip | ÷ shared | first query | median | 90 % within | worst | exact query's measure first |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for label, count in (("real (21 measures)", None), (f"generated ({GENERATED_COUNT:,} measures)", GENERATED_COUNT)):
            shared_build = build_site(_project(folder / f"default-{count}", count, default_search=True))
            own_build = build_site(_project(folder / f"own-{count}", count, default_search=False))
            for build in (shared_build, own_build):
                if build.returncode:
                    print(build.output, file=sys.stderr)
                    return 1
            shared_raw, shared_gzip = _size(shared_build.site / "search" / "search_index.json")
            for locale, prefix in PREFIX.items():
                first, times, outcomes = _time_queries(shared_build.site, prefix, exact)
                print(
                    f"| {label} | shared default | {locale} | {shared_raw / 1024:.1f} KiB | 1 | {shared_gzip / 1024:.1f} KiB | 1 "
                    f"| {_timing(first, times, _measure_first(exact, outcomes), len(exact))} |",
                    flush=True,
                )
            for locale, prefix in PREFIX.items():
                raw, compressed = _size(own_build.site / prefix / "search" / "search_index.json")
                # Timed over every query of the tests: the exact ones, then the readers'.
                first, times, outcomes = _time_queries(own_build.site, prefix, exact + readers)
                print(
                    f"| {label} | per script | {locale} | {raw / 1024:.1f} KiB | {raw / shared_raw:.2f} "
                    f"| {compressed / 1024:.1f} KiB | {compressed / shared_gzip:.2f} "
                    f"| {_timing(first, times, _measure_first(exact, outcomes[: len(exact)]), len(exact))} |",
                    flush=True,
                )
                quality.append((label, locale, _measure_first(exact, outcomes[: len(exact)]), outcomes[len(exact) :]))
    print(f"\nShared default: the {len(exact)} exact queries; per script: those and the {len(readers)} readers' queries "
          "(tests/test_search.py). The first query also builds the index in the worker.")
    print("\n## Readers' queries: top-3 recall · zero-result rate, per kind (noise: zero-result rate, the goal 100 %)\n")
    counts = {kind: sum(k == kind for k, _, _ in READER_QUERIES) for kind in KINDS}
    print("| data | script | exact: measure first | " + " | ".join(f"{kind} ({counts[kind]})" for kind in KINDS) + " |")
    print("| --- | --- | --- | " + " | ".join("---" for _ in KINDS) + " |")
    for label, locale, right, outcomes in quality:
        print(f"| {label} | {locale} | {right}/{len(exact)} | {_by_kind(outcomes)} |")
    # Timings on a shared machine vary with what else runs: say how busy it was.
    print(f"\nLoad average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPU cores.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
