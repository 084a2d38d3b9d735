"""Shared fixtures: a real build of the site in a temporary folder, and a real browser.

Two sets of data are built. The software is tested on the frozen fixture under
tests/fixture/ (the signed 2023 text), so an editor's change to data/ never changes
what those tests expect; `site` is its build. The editors' live data is built as
`live_site`, and only checks that hold for any valid content run on it.

`project_copy` copies what a build reads (mkdocs.yml, data/, scripts/, overrides/,
docs/) to a temporary folder, with the fixture's data files by default, so tests can
change the data without touching the working tree; `build_site` runs the real
`mkdocs build` there.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from compressed_server import serve_folder  # noqa: E402
from measures_site.locales import LOCALES  # noqa: E402
from measures_site.project import copy_build_inputs  # noqa: E402

# The data files editors keep; the fixture holds a frozen copy of each.
DATA_FILES = ("measures.yaml", "conversion.yaml", "search.yaml")
LIVE_DATA = ROOT / "data"
# Where each locale's pages are under the site root: "" for 繁體, "zh-Hans/" for 简体 (locales.py).
LOCALE_PREFIXES = {locale.code: locale.path_prefix for locale in LOCALES}
FIXTURE_FOLDER = ROOT / "tests" / "fixture"


@dataclass(frozen=True)
class Build:
    project: Path
    site: Path
    returncode: int
    output: str  # MkDocs' log (stderr) and stdout

    def page(self, path: str) -> str:
        """HTML of a built page: "" is the 繁體 home, "zh-Hans/domains/finance/" a 简体 page."""
        return (self.site / path / "index.html").read_text(encoding="utf-8")


# ── the layers of the suite ──────────────────────────────────────────────────
# Every test is in one layer, by the fixtures it uses (pytest_itemcollected):
#   browser  drives Chromium (the `browser` fixture, or the sweep of a page of each kind);
#   build    reads a built site or builds one (a fixture below that builds, or a copy of the project);
#   unit     neither: rules and events called on small inputs, `make test-fast`.
# `make test-fast` runs the unit layer with UNIT_LAYER_ONLY set, under which building a site or
# launching the browser fails the test: a test that builds cannot hide in the fast layer.
BUILDING_FIXTURES = frozenset({
    "site", "live_site", "project_copy", "content", "renamed_site", "day", "review",
    "injected_site", "project_page", "built_project", "site_url", "progress_site", "meetings_site", "each_site", "meetings_day",
})
UNIT_LAYER_ONLY = "MEASURES_UNIT_LAYER_ONLY"


def pytest_itemcollected(item: pytest.Item) -> None:
    fixtures = set(getattr(item, "fixturenames", ()))
    if fixtures & {"browser", "every_page_visit"} or item.get_closest_marker("browser"):
        item.add_marker(pytest.mark.browser)
    elif fixtures & BUILDING_FIXTURES or item.get_closest_marker("build"):
        item.add_marker(pytest.mark.build)
    else:
        item.add_marker(pytest.mark.unit)


def _refused_in_the_unit_layer(what: str) -> None:
    if os.environ.get(UNIT_LAYER_ONLY):
        pytest.fail(f"this test {what}: it belongs to the build or browser layer (mark it, or use a fixture that says so)")


def copy_project(destination: Path, data_from: Path = FIXTURE_FOLDER) -> Path:
    """What a build reads, with the data files of `data_from` (the fixture unless told)."""
    _refused_in_the_unit_layer("copies the project to build it")
    copy_build_inputs(destination)
    for name in DATA_FILES:
        shutil.copy2(data_from / name, destination / "data" / name)
    return destination


def build_site(project: Path, *extra: str) -> Build:
    _refused_in_the_unit_layer("builds a site")
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *extra],
        cwd=project,
        capture_output=True,
        text=True,
        env=environment,
        timeout=600,
    )
    return Build(project, project / "site", result.returncode, result.stderr + result.stdout)


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def _run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test run's temporary folder, which every pytest-xdist worker's own is inside."""
    root = tmp_path_factory.getbasetemp()
    return root.parent if os.environ.get("PYTEST_XDIST_WORKER") else root


def _made_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], Any]) -> Any:
    """What `make(folder)` returns (plain data), made once per test run by whichever worker asks
    first, and read by all.

    Under pytest-xdist each worker has its own temporary folder inside the run's; what is made
    goes in the run's, behind a lock, with its result beside it for the workers that come later.
    """
    root = _run_folder(tmp_path_factory)
    folder = root / name
    with FileLock(root / f"{name}.lock"):
        result = root / f"{name}.json"
        if result.is_file():
            return json.loads(result.read_text(encoding="utf-8"))
        folder.mkdir(exist_ok=True)
        made = make(folder)
        result.write_text(json.dumps(made), encoding="utf-8")
        return made


def _built_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, data_from: Path, measures: str | None = None
) -> Build:
    """A site built once per test run (_made_once), from the data files of `data_from`, its
    measures.yaml replaced by `measures` when given."""

    def build(folder: Path) -> dict[str, Any]:
        project = copy_project(folder / "project", data_from=data_from)
        if measures is not None:
            (project / "data" / "measures.yaml").write_text(measures, encoding="utf-8")
        built = build_site(project)
        return {"returncode": built.returncode, "output": built.output}

    made = _made_once(tmp_path_factory, name, build)
    project = _run_folder(tmp_path_factory) / name / "project"
    return Build(project, project / "site", made["returncode"], made["output"])


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The site built once from the fixture data, shared by the read-only software tests."""
    build = _built_once(tmp_path_factory, "fixture-site", FIXTURE_FOLDER)
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def progress_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fixture with made-up reports of progress (tests/fixture/progress.yaml), built once."""
    from progress_fixture import with_progress

    build = _built_once(tmp_path_factory, "progress-site", FIXTURE_FOLDER, with_progress())
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def meetings_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fixture with two more meetings (tests/fixture/meetings.yaml, made up): a 5th with measures
    and reports, the 3rd known from its press release; built once."""
    from meetings_fixture import with_meetings

    build = _built_once(tmp_path_factory, "meetings-site", FIXTURE_FOLDER, with_meetings())
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session", params=["one meeting", "three meetings"])
def each_site(request: pytest.FixtureRequest) -> Build:
    """The fixture's site of one meeting, then of three: what holds of every page holds of both."""
    return request.getfixturevalue({"one meeting": "site", "three meetings": "meetings_site"}[request.param])


@pytest.fixture(scope="session")
def live_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The site built once from the editors' live data, for the checks that hold for any content."""
    build = _built_once(tmp_path_factory, "live-site", LIVE_DATA)
    assert build.returncode == 0, build.output
    return build


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@contextlib.contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve a folder as it is (no compression) on a free loopback port; yields the base URL."""
    with serve_folder(directory, _QuietHandler) as url:
        yield url


@pytest.fixture(scope="session")
def site_url(site: Build) -> Iterator[str]:
    with serve_directory(site.site) as url:
        yield url


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail("No Chromium on PATH: `make test` installs Debian's chromium package")
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    _refused_in_the_unit_layer("drives the browser")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


# ── every page, visited once in Chromium ──────────────────────────────────────

# Waits until nothing under `root` (the document by default) is animating. A transition that
# a newer one replaces rejects its `finished` with an AbortError, and the newer one must be
# waited for as well: so it looks again until none runs.
ANIMATIONS_DONE = """async (root = document) => {
  for (;;) {
    const running = root.getAnimations({ subtree: true }).filter(animation => animation.playState === "running");
    if (running.length === 0) return;
    await Promise.allSettled(running.map(animation => animation.finished));
  }
}"""

NOT_FOUND_PAGES = ("404.html", "zh-Hans/404.html")
# axe-core's rules for WCAG 2.0, 2.1 and 2.2 at levels A and AA, and its best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]


def axe_violations(page) -> list[str]:
    """'rule: selector — message' for every axe-core violation on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        f"{violation['id']}: {node['target']} — {violation['help']}"
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]


@dataclass
class PageVisit:
    requested: list[str]  # every URL the page asked for, until the network was idle
    errors: list[str]  # console errors, uncaught exceptions, responses of 400 and over
    axe: list[str]  # axe_violations once the page had settled


@pytest.fixture(scope="session")
def every_page_visit(request, tmp_path_factory: pytest.TempPathFactory, site: Build, site_url: str) -> dict[str, PageVisit]:
    """The sweep below, made once per test run and read by every worker (_made_once)."""

    def sweep(_: Path) -> dict[str, dict]:
        # The browser of the worker that sweeps, launched only if this one does.
        browser = request.getfixturevalue("browser")
        visits = _every_page_visit(browser, site, site_url)
        return {"site_url": site_url, "visits": {path: asdict(visit) for path, visit in visits.items()}}

    made = _made_once(tmp_path_factory, "every-page-visit", sweep)

    # Each worker serves the site on a port of its own: the sweep's addresses of the site are
    # given as this worker's, so a test compares them with its own `site_url`.
    def here(text: str) -> str:
        return site_url + text.removeprefix(made["site_url"]) if text.startswith(made["site_url"]) else text

    return {
        path: PageVisit([here(url) for url in visit["requested"]], visit["errors"], visit["axe"])
        for path, visit in made["visits"].items()
    }


def _every_page_visit(browser, site: Build, site_url: str) -> dict[str, PageVisit]:
    """A page of each kind in both scripts and both 404 pages, loaded on a phone-sized screen.

    A page's markup is its template's: one page of each kind shows what all of its kind do
    (the file-based checks read every page)."""
    from site_links import pages_of_each_kind

    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    requested: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda response: response.status >= 400 and errors.append(f"{response.status} {response.url}"))
    visits = {}
    for path in [*pages_of_each_kind(site.project), *NOT_FOUND_PAGES]:
        requested.clear()
        errors.clear()
        page.goto(site_url + path, wait_until="networkidle")
        visits[path] = PageVisit(list(requested), list(errors), axe_violations(page))
    context.close()
    return visits
