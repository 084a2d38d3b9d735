"""Search, side by side with Pagefind: the site's own search and Pagefind 1.5 (its extended
binary, which segments Chinese) on the same built pages, asked the same readers' queries.

    python benchmarks/pagefind_benchmark.py        (or `make bench`, which runs every benchmark)

The site is built from the frozen fixture (the signed text). Pagefind indexes a copy of the
built pages, the content of each (`article`) in its page's language (zh-Hant, zh-Hans), without
the pages the site's own index leaves out (the all-measures list, the side-by-side pages, whose
rows repeat the measures). The queries are benchmarks/search_queries.py's, in Traditional on the
繁體 site and in their Simplified conversion on the 简体 site, each in a cold browser (a new
context, nothing cached), served gzip-compressed as GitHub Pages serves.

For each kind of query: recall@3 (the query's measure among the first three results), MRR (the
mean of 1 / the rank of the first result that is its measure, 0 when none is), and, for queries
about what the site does not hold, how many return anything. Bytes per cold query: what the
browser downloads for search from the moment it reaches for it to the results (the site's: its
worker and its script's index; Pagefind's: its script, its WebAssembly, the index chunks of the
query's words and the fragments of the first five results, as its own UI loads them).

Each result of the site is one section (a measure); each result of Pagefind is a page, with its
sections (sub-results) under it: its ranks are those of the sections, page by page, each page's
sections in the order of their hits (most first), as Pagefind's UI lists them, each measure
counted at its first rank only.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "tests"), str(ROOT / "benchmarks")]

import opencc  # noqa: E402
from compressed_server import serve_compressed  # noqa: E402
from conftest import build_site, chromium_path, copy_project  # noqa: E402
from search_queries import KINDS, NOT_ON_SITE, QUERIES  # noqa: E402
from test_search import ARM_RESULTS, QUIET_MS  # noqa: E402

PREFIX = {"zh-Hant": "", "zh-Hans": "zh-Hans/"}
START_PAGE = "domains/finance/"
# Left out of the site's own index (search_index.py), so of Pagefind's too.
NOT_SEARCHED = ("measures/index.html", "memorandum/side-by-side/index.html")
# Pagefind's UI fetches the fragments of the first five results at once.
PAGEFIND_FRAGMENTS = 5

PAGEFIND_QUERY = """async ([bundle, query, fragments]) => {
  const pagefind = await import(bundle + "pagefind.js");
  await pagefind.init();
  const search = await pagefind.search(query);
  const pages = await Promise.all(search.results.slice(0, fragments).map(result => result.data()));
  return {
    count: search.results.length,
    sections: pages.flatMap(page => [...page.sub_results]
      .sort((a, b) => (b.locations || []).length - (a.locations || []).length)
      .map(section => section.url)),
  };
}"""


def _measure(link: str, base: str, prefix: str) -> int | None:
    address = urlsplit(link)
    number = re.fullmatch(r"measure-(\d+)", address.fragment)
    in_script = address.path.startswith(urlsplit(base).path + PREFIX["zh-Hans"]) == (prefix != "")
    return int(number[1]) if number and in_script else None


def _pagefind_copy(site: Path, folder: Path) -> Path:
    copy = folder / "pagefind-site"
    shutil.copytree(site, copy)
    for prefix in PREFIX.values():
        for page in NOT_SEARCHED:
            (copy / prefix / page).unlink(missing_ok=True)
    import subprocess

    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(copy), "--root-selector", "article", "--quiet"],
        check=True,
    )
    return copy


def _site_search(page, query: str) -> dict:
    """The site's answer to `query`, entered whole: typed key by key, a busy machine could
    answer 「HKDS」 and fall quiet before 「HKDSE」 is asked (the tests' search() types)."""
    box = page.locator(".md-search__input")
    box.click()
    page.wait_for_timeout(QUIET_MS)
    page.evaluate(ARM_RESULTS)
    box.fill(query)
    page.keyboard.press("End")  # Material searches on key up
    return page.evaluate("() => window.searchAnswer")


def _ask(browser, url: str, sent: list, prefix: str, query: str, engine: str) -> tuple[list[int | None], int, int]:
    """(the measures of the results in order, how many results, bytes downloaded for search)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(url + prefix + START_PAGE, wait_until="networkidle")
        sent.clear()
        if engine == "site":
            answer = _site_search(page, query)
            links = [item["href"] for item in answer["items"]]
            count = len(links)
        else:
            answer = page.evaluate(PAGEFIND_QUERY, [url + "pagefind/", query, PAGEFIND_FRAGMENTS])
            links = [urlsplit(url).scheme + "://" + urlsplit(url).netloc + link for link in answer["sections"]]
            count = answer["count"]
        downloaded = sum(size for _, size in sent)
        # A measure once, at its first rank (Pagefind lists a heading's section and the page's anchor to it).
        found: list[int | None] = []
        for number in (_measure(link, url, prefix) for link in links):
            if number is None or number not in found:
                found.append(number)
        return found, count, downloaded
    finally:
        context.close()


def _row(engine: str, locale: str, outcomes: list[tuple[str, int | None, list[int | None], int]]) -> str:
    cells = []
    for kind in KINDS:
        rows = [outcome for outcome in outcomes if outcome[0] == kind]
        if kind == NOT_ON_SITE:
            returned = sum(count > 0 for _, _, _, count in rows)
            cells.append(f"{returned}/{len(rows)} return results")
            continue
        recalled = sum(number in found[:3] for _, number, found, _ in rows)
        reciprocal = [1 / (found.index(number) + 1) if number in found else 0.0 for _, number, found, _ in rows]
        cells.append(f"{recalled}/{len(rows)} · {statistics.mean(reciprocal):.2f}")
    return f"| {engine} | {locale} | " + " | ".join(cells) + " |"


def main(argv: list[str] | None = None) -> int:
    import argparse

    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("site", "pagefind"), help="ask one search only")
    only = parser.parse_args(argv).only

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    to_simplified = opencc.OpenCC("hk2s").convert
    rows, sizes = [], []
    with tempfile.TemporaryDirectory(prefix="pagefind-benchmark-") as temporary:
        folder = Path(temporary)
        build = build_site(copy_project(folder / "project"))
        if build.returncode:
            print(build.output, file=sys.stderr)
            return 1
        pagefind_site = _pagefind_copy(build.site, folder)
        sent: list[tuple[str, int]] = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox", "--disable-gpu"])
            engines = {"site": ("this site", build.site), "pagefind": ("Pagefind 1.5.2 (extended)", pagefind_site)}
            for key, (engine, site) in engines.items():
                if only and key != only:
                    continue
                with serve_compressed(site, sent=sent) as url:
                    for locale, prefix in PREFIX.items():
                        outcomes, downloaded = [], []
                        for kind, query, number in QUERIES:
                            typed = query if locale == "zh-Hant" else to_simplified(query)
                            found, count, size = _ask(browser, url, sent, prefix, typed, key)
                            outcomes.append((kind, number, found, count))
                            downloaded.append(size)
                        rows.append(_row(engine, locale, outcomes))
                        sizes.append((engine, locale, statistics.mean(downloaded), max(downloaded)))
                        print(rows[-1], flush=True)
            browser.close()
    counts = {kind: sum(k == kind for k, _, _ in QUERIES) for kind in KINDS}
    print(f"\n## Readers' queries (benchmarks/search_queries.py, {len(QUERIES)} in each script), cold browser\n")
    print("recall@3 · MRR per kind; for what the site does not hold, how many return anything (the goal: none)\n")
    print("| search | script | " + " | ".join(f"{kind} ({counts[kind]})" for kind in KINDS) + " |")
    print("| --- | --- | " + " | ".join("---" for _ in KINDS) + " |")
    print("\n".join(rows))
    print("\n| search | script | bytes per cold query (compressed, mean) | most |")
    print("| --- | --- | --- | --- |")
    for engine, locale, mean, most in sizes:
        print(f"| {engine} | {locale} | {mean / 1024:.1f} KiB | {most / 1024:.1f} KiB |")
    print(f"\nLoad average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPU cores.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
