"""Lighthouse over the site as a phone in mainland China would get it; prints the scores.

    python scripts/audit.py [--runs 3] [--data MEASURES.yaml]     (make audit: installs the pinned Lighthouse first)

Audits a page of each kind (each template: home, domain, measure, progress…), the heaviest of
its kind (the site's page records, SiteContent.page_of_each_kind), in both scripts. With --data,
the site of that measures file instead of data/measures.yaml (the pages with reports of progress:
tests/progress_fixture.py writes the made-up ones into the fixture).

Builds the site into a temporary folder for a loopback address, serves it
gzip-compressed like GitHub Pages (compressed_server.py), and runs Lighthouse
(node_modules, pinned in package.json / package-lock.json) on the system Chromium
with its default mobile settings: a mid-range phone on a slow 4G link. Each page is
audited --runs times and the median report kept, as Lighthouse's own documentation
advises (its performance score varies from run to run on a busy machine). Exit 1 when
any score is under the budget, listing the audits that cost points.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from compressed_server import free_port, serve_compressed
from measures_site.content.paths import url
from measures_site.content.pipeline import load_site_content
from measures_site.project import MEASURES_PATH, OVERRIDES_PATH, copy_build_inputs

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
BUDGET = 100
SCRIPTS = {"繁體": "", "简体": "zh-Hans/"}


def chromium() -> str:
    path = os.environ.get("CHROME_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        sys.exit("No Chromium found: install it (Debian/Ubuntu: apt-get install chromium), or set CHROME_PATH")
    return path


def build(project: Path, site_dir: Path, site_url: str) -> None:
    """The site as published, but addressed at the loopback server (canonical URLs must match)."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)],
        cwd=project,
        env={**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(result.stderr + result.stdout)


def lighthouse(url: str, chrome: str) -> dict:
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        env={**os.environ, "CHROME_PATH": chrome},
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        sys.exit(f"Lighthouse failed on {url}:\n{result.stderr}")
    return json.loads(result.stdout)


def lost_points(report: dict) -> list[str]:
    """The scored audits that did not pass, as 'category: audit — title'."""
    lost = []
    for category in CATEGORIES:
        for reference in report["categories"][category]["auditRefs"]:
            audit = report["audits"][reference["id"]]
            if reference["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                lost.append(f"{category}: {audit['id']} — {audit['title']} ({audit.get('displayValue', '')})")
    return lost


def median_report(url: str, chrome: str, runs: int) -> dict:
    """The run whose performance score is the median of `runs` runs."""
    reports = sorted(
        (lighthouse(url, chrome) for _ in range(runs)), key=lambda report: report["categories"]["performance"]["score"]
    )
    return reports[len(reports) // 2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; the median is kept (default 3)")
    parser.add_argument("--data", type=Path, help="a measures file to build the site of, instead of data/measures.yaml")
    arguments = parser.parse_args(argv)
    runs = arguments.runs
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `make audit` (npm ci installs the pinned version)")
    chrome = chromium()
    port = free_port()
    site_url = f"http://127.0.0.1:{port}/"
    header = f"{'page':<22}" + "".join(f"{name:>16}" for name in CATEGORIES) + f"{'transfer KiB':>14}"
    rows, problems = [], {}
    with tempfile.TemporaryDirectory(prefix="audit-") as temporary:
        project = ROOT
        if arguments.data:
            project = copy_build_inputs(Path(temporary) / "project")
            shutil.copy2(arguments.data, project / MEASURES_PATH)
        content = load_site_content(project / MEASURES_PATH, project / OVERRIDES_PATH)
        pages = {kind: url(path) for kind, path in content.page_of_each_kind().items()}
        site_dir = Path(temporary) / "site"
        build(project, site_dir, site_url)
        with serve_compressed(site_dir, port):
            for script, prefix in SCRIPTS.items():
                for name, path in pages.items():
                    label = f"{name} ({script})"
                    print(f"Lighthouse: {label}, median of {runs}…", file=sys.stderr)
                    report = median_report(site_url + prefix + path, chrome, runs)
                    scores = [round(report["categories"][category]["score"] * 100) for category in CATEGORIES]
                    weight = report["audits"]["total-byte-weight"]["numericValue"] / 1024
                    rows.append((label, scores, weight))
                    if min(scores) < BUDGET:
                        problems[label] = lost_points(report)
    print(f"Lighthouse {lighthouse_version()}, mobile (default throttling), site served gzip-compressed on loopback")
    print("The heaviest page of each kind: " + ", ".join(f"{name} {path or '/'}" for name, path in pages.items()))
    print(header)
    for label, scores, weight in rows:
        print(f"{label:<22}" + "".join(f"{score:>16}" for score in scores) + f"{weight:>14.1f}")
    for label, lost in problems.items():
        print(f"\n{label} is under {BUDGET}:")
        print("\n".join(f"  {line}" for line in lost))
    return 1 if problems else 0


def lighthouse_version() -> str:
    return json.loads((ROOT / "node_modules" / "lighthouse" / "package.json").read_text())["version"]


if __name__ == "__main__":
    sys.exit(main())
