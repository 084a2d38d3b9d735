"""The site works as a GitHub project page: served under /REPO/, every link and anchor holds."""

from __future__ import annotations

import shutil
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from conftest import build_site, copy_project, serve_directory
from site_links import broken_links, links_and_ids, pages_of_each_kind



def test_link_checker_reports_missing_pages_anchors_and_root_absolute_links(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/#here">ok</a><a href="a/#gone">1</a><a href="b/">2</a><a href="/a/">3</a>'
        '<a href="https://example.org/">external</a>',
        encoding="utf-8",
    )
    assert broken_links(tmp_path) == [
        "index.html: a/#gone — no element with id 'gone'",
        "index.html: b/ — no such file b/index.html",
        "index.html: /a/ — root-absolute link breaks under a sub-path",
    ]


@pytest.mark.build  # the build it reads is a parameter
@pytest.mark.parametrize(
    "build", ["site", pytest.param("live_site", marks=pytest.mark.live_content)], ids=["fixture", "live"]
)
def test_built_html_has_no_broken_or_root_absolute_links(request, build: str) -> None:
    assert broken_links(request.getfixturevalue(build).site) == []


def test_site_url_comes_from_the_environment_variable_mkdocs_yml_reads(site) -> None:
    mkdocs_yml = (site.project / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]' in mkdocs_yml
    assert '<link rel="canonical" href="http://127.0.0.1:8000/zh-Hans/domains/finance/">' in site.page(
        "zh-Hans/domains/finance/"
    )


@pytest.fixture(scope="module")
def project_page(tmp_path_factory: pytest.TempPathFactory):
    """The site built for https://OWNER.github.io/REPO/ and served the same way on loopback."""
    root = tmp_path_factory.mktemp("pages")
    (root / "REPO").mkdir()
    with serve_directory(root) as url:
        project = copy_project(root.parent / "pages-project")
        mp = pytest.MonkeyPatch()
        mp.setenv("SITE_URL", f"{url}REPO/")
        try:
            build = build_site(project)
        finally:
            mp.undo()
        assert build.returncode == 0, build.output
        shutil.copytree(build.site, root / "REPO", dirs_exist_ok=True)
        yield f"{url}REPO/", root / "REPO", project


def test_project_page_html_has_no_broken_links(project_page) -> None:
    base, site_dir, _ = project_page
    assert broken_links(site_dir, urlsplit(base).path) == []
    assert f'<link rel="canonical" href="{base}data/">' in (site_dir / "data" / "index.html").read_text("utf-8")


@pytest.mark.browser
def test_every_link_followed_in_chromium_under_a_sub_path(project_page, page) -> None:
    """From the home page, every link of every page is followed: a page of each kind opened in
    Chromium, its links as the browser resolves them; the other pages fetched and read as HTML
    (their markup is their kind's), so every page is reached and every anchor found."""
    base, site_dir, project = project_page
    opened_in_chromium = {base + path for path in pages_of_each_kind(project)}
    failures: list[str] = []

    def on_response(response) -> None:
        # Material probes "<language link>/sitemap.xml" in the background to map pages
        # between languages; the i18n plugin's page-level language links make that
        # probe miss. It is not a link a reader follows, and Material ignores the miss.
        if response.status >= 400 and not response.url.endswith("/sitemap.xml"):
            failures.append(f"{response.status} {response.url}")

    def on_request_failed(request) -> None:
        # Leaving a page aborts what it was still loading (the search worker's files).
        if request.failure != "net::ERR_ABORTED":
            failures.append(f"failed {request.url}: {request.failure}")

    page.on("response", on_response)
    page.on("requestfailed", on_request_failed)
    queue, seen_pages, anchors, ids = deque([base]), {base}, [], {}
    for url in iter(lambda: queue.popleft() if queue else None, None):
        if url in opened_in_chromium or url == base:
            response = page.goto(url, wait_until="load")
            assert response is not None and response.status == 200, url
            links = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
            ids[url] = set(page.eval_on_selector_all("[id]", "elements => elements.map(e => e.id)"))
        else:
            response = page.request.get(url)
            assert response.status == 200, url
            written, ids[url] = links_and_ids(response.text())
            links = [urljoin(url, link) for link in written]
        for link in links:
            target, fragment = urldefrag(link)
            if not target.startswith(base[: -len("REPO/")]):
                continue  # another site: not ours to check offline
            assert target.startswith(base), f"{url} links outside the project page: {link}"
            if fragment:
                anchors.append((url, target, fragment))
            if target.endswith("/") and target not in seen_pages:
                seen_pages.add(target)
                queue.append(target)
            elif not target.endswith("/"):
                status = page.request.get(target).status
                if status != 200:
                    failures.append(f"{status} {target} (linked from {url})")
    for source, target, fragment in anchors:
        if fragment not in ids.get(target, ()):
            failures.append(f"{source} -> {target}#{fragment}: no such anchor")
    assert failures == []
    # Every page of both scripts is reachable by following links from the home page, and a
    # page of each kind was opened in Chromium.
    assert len(ids) == len(list(site_dir.rglob("index.html"))) >= 28
    assert opened_in_chromium <= set(ids)
    assert {fragment for _, _, fragment in anchors} >= {f"measure-{n}" for n in range(1, 22)}
