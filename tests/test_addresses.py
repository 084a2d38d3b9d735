"""Addresses that survive: every address published before there were several meetings still serving
what it served (tests/fixture/addresses.tsv), domains numbered by their place, a renamed domain's old address
leading to its new page in both scripts, and a change warned of when it removes or moves an
address without a record."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURE_FOLDER, ROOT, build_site, copy_project, serve_directory
from measures_site.content.pipeline import load_site_content
from test_valid_html import VNU_JAR

FIXTURE = (FIXTURE_FOLDER / "measures.yaml").read_text("utf-8")
RENAMED = FIXTURE.replace("        slug: education\n", "        slug: education-and-training\n", 1).replace(
    "        domain: education\n", "        domain: education-and-training\n"
)
RECORDED = RENAMED.replace(
    "        slug: education-and-training\n", "        slug: education-and-training\n        former_slugs: [education]\n", 1
)


def published_addresses() -> list[tuple[str, str]]:
    """(address under the site's root, what it served) of tests/fixture/addresses.tsv."""
    lines = (FIXTURE_FOLDER / "addresses.tsv").read_text("utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]


def served_file(path: Path) -> str:
    """What kind of file `path` is, in addresses.tsv's words, judged from its content."""
    text = path.read_text("utf-8-sig")
    if path.name == "robots.txt":
        return "(robots.txt)" if re.search(r"^Sitemap: \S+sitemap\.xml$", text, re.MULTILINE) else "?"
    if path.suffix == ".xml":
        root = ElementTree.fromstring(text.encode("utf-8")).tag
        return {"{http://www.w3.org/2005/Atom}feed": "(Atom feed)", "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset": "(sitemap)"}.get(root, root)
    if path.suffix == ".csv":
        # Its header names the measures' fields (a column may be added: the meeting came so).
        return "(open data, CSV)" if "number" in text.split("\n", 1)[0].split(",") else "?"
    data = json.loads(text)
    if "$schema" in data:
        return "(open data's schema)"
    return "(open data, JSON)" if data.get("measures") else "?"


# With several meetings the home page leads with the newest that has measures; what it served of the
# 4th, its overview, is then the 4th's own page, which the home page lists.
OVERVIEW_MOVED = {"": "meetings/4/", "zh-Hans/": "zh-Hans/meetings/4/"}


def test_every_address_published_before_several_meetings_still_serves_what_it_served(each_site):
    site = each_site
    addresses = published_addresses()
    assert len(addresses) > 150 and ("", "閩港合作會議第四次會議") in addresses  # the list is read whole
    several = (site.site / "meetings" / "5").is_dir()
    pages: dict[str, BeautifulSoup] = {}
    for address, served in addresses:
        page, _, anchor = address.partition("#")
        if several and page in OVERVIEW_MOVED:
            home = BeautifulSoup(site.page(page), "html.parser")
            assert home.select_one(f'article a[href="{OVERVIEW_MOVED[page].removeprefix(page)}"]'), address
            page = OVERVIEW_MOVED[page]
        if served.startswith("("):
            assert served_file(site.site / page) == served, address
            continue
        if page not in pages:
            pages[page] = BeautifulSoup(site.page(page), "html.parser").select_one("article")
        element = pages[page].find(id=anchor) if anchor else pages[page].find("h1")
        assert element is not None, address
        assert element.get_text(" ", strip=True) == served, address


def test_domains_are_numbered_by_their_place_so_reordering_renumbers_them(tmp_path: Path):
    first, second = "\n      - name: 經貿\n        slug: economy-trade\n", "\n      - name: 金融\n        slug: finance\n"
    assert first + second in FIXTURE
    (tmp_path / "measures.yaml").write_text(FIXTURE.replace(first + second, second + first), "utf-8")
    shutil.copy2(FIXTURE_FOLDER / "conversion.yaml", tmp_path / "conversion.yaml")
    content = load_site_content(tmp_path / "measures.yaml", tmp_path / "conversion.yaml")
    home = content.pages["zh-Hant/index.md"].markdown
    assert home.index("一、金融") < home.index("二、經貿") < home.index("三、創新及科技")
    assert "一、經貿" not in home
    assert content.pages["zh-Hant/domains/finance.md"].markdown.count("# 一、金融") == 1


# ── warned against the base ──────────────────────────────────────────────────


def git(project: Path, *arguments: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *arguments],
        cwd=project,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A repository whose last commit holds the fixture's data files: the base of a change."""
    (tmp_path / "data").mkdir()
    for name in ("measures.yaml", "conversion.yaml", "search.yaml"):
        shutil.copy2(FIXTURE_FOLDER / name, tmp_path / "data" / name)
    git(tmp_path, "init", "--quiet")
    git(tmp_path, "add", "data")
    git(tmp_path, "commit", "--quiet", "-m", "base")
    return tmp_path


def check_since_base(project: Path, text: str) -> subprocess.CompletedProcess:
    (project / "data" / "measures.yaml").write_text(text, "utf-8")
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_measures.py"), "check", "--data", "data/measures.yaml",
         "--overrides", "data/conversion.yaml", "--changed-since", "HEAD"],
        cwd=project,
        capture_output=True,
        text=True,
    )


def address_warnings(result: subprocess.CompletedProcess) -> list[str]:
    # measures.yaml's warnings but the fixture's placeholder: a deleted measure may also leave a synonym of
    # search.yaml finding nothing, which is another warning's business.
    return [
        line
        for line in result.stderr.splitlines()
        if line.startswith("data/measures.yaml:") and "warning:" in line and "placeholder" not in line
    ]


def test_a_renamed_slug_without_a_record_is_warned_at_its_line(repository: Path):
    result = check_since_base(repository, RENAMED)
    assert result.returncode == 0, result.stderr
    assert address_warnings(result) == [
        "data/measures.yaml:65:15: warning: slug 'education' of HEAD is gone: its address domains/education/ would"
        " answer 404 in both scripts — if this domain was renamed, add the line `former_slugs: [education]` to it"
    ]


def test_a_renamed_slug_is_warned_in_a_file_saved_with_a_byte_order_mark(repository: Path):
    # Windows editors save one without saying so: the check accepts it, and so does every reader of the data.
    (repository / "data" / "measures.yaml").write_bytes(b"\xef\xbb\xbf" + RENAMED.encode("utf-8"))
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_measures.py"), "check", "--data", "data/measures.yaml",
         "--overrides", "data/conversion.yaml", "--changed-since", "HEAD"],
        cwd=repository,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    [warning] = address_warnings(result)
    assert warning.startswith("data/measures.yaml:65:15: warning: slug 'education' of HEAD is gone")


def test_a_base_that_cannot_be_read_is_said_not_checked(repository: Path):
    git(repository, "rm", "--quiet", "--cached", "data/measures.yaml")
    git(repository, "commit", "--quiet", "-m", "the data file leaves git")
    result = check_since_base(repository, RENAMED)
    assert result.returncode == 0, result.stderr
    assert address_warnings(result) == [
        "data/measures.yaml:1:1: warning: the data of HEAD could not be read (not in git there, or not valid then):"
        " the addresses this change moves or removes were not checked — compare the old and new slugs and numbers by hand"
    ]


def test_a_renamed_slug_listed_in_former_slugs_is_not_warned(repository: Path):
    result = check_since_base(repository, RECORDED)
    assert (result.returncode, address_warnings(result)) == (0, []), result.stderr
    assert result.stderr.splitlines()[-1] == "data/measures.yaml, data/conversion.yaml, data/search.yaml: OK"


def test_a_deleted_domain_and_measure_are_warned_against_the_base(repository: Path):
    text = FIXTURE.replace("\n      - name: 便利港人在內地發展\n        slug: hong-kong-people-in-mainland\n", "")
    start = text.index("      - number: 21\n")
    text = text[:start] + text[text.index("\n\n", start) + 1 :]
    result = check_since_base(repository, text)
    assert result.returncode == 0, result.stderr
    assert address_warnings(result) == [
        "data/measures.yaml:41:5: warning: domain 'hong-kong-people-in-mainland' (便利港人在內地發展) of HEAD is gone,"
        " and no domain lists it in former_slugs: its address domains/hong-kong-people-in-mainland/ would answer 404"
        " in both scripts — add 'hong-kong-people-in-mainland' to the former_slugs of the domain that took its measures",
        "data/measures.yaml:70:5: warning: measure 21 of HEAD is gone: its addresses meetings/4/measures/21/ and"
        " domains/hong-kong-people-in-mainland/#measure-21 would lead nowhere in both scripts — if it was deleted,"
        " say so in the change log (an entry with `meeting: 4` and `measure: 21`)",
    ]


def test_renumbering_names_the_addresses_that_move(repository: Path):
    start = FIXTURE.index("      - number: 20\n")
    text = FIXTURE[:start] + FIXTURE[FIXTURE.index("      - number: 21\n") :]
    text = text.replace("      - number: 21\n", "      - number: 20\n")
    result = check_since_base(repository, text)
    assert result.returncode == 0, result.stderr
    assert address_warnings(result) == [
        "data/measures.yaml:73:5: warning: measure 21 of HEAD is gone: its addresses meetings/4/measures/21/ and"
        " domains/hong-kong-people-in-mainland/#measure-21 would lead nowhere in both scripts — if it was deleted,"
        " say so in the change log (an entry with `meeting: 4` and `measure: 21`)",
        "data/measures.yaml:150:17: warning: measure 20 was measure 21 in HEAD: its addresses change"
        " (meetings/4/measures/21/ → meetings/4/measures/20/, domains/hong-kong-people-in-mainland/#measure-21 →"
        " domains/hong-kong-people-in-mainland/#measure-20); links to the old ones now lead to another measure or"
        " nowhere — say so in the change log",
    ]


# ── the old address, built and visited ───────────────────────────────────────

OLD_ADDRESSES = {
    "domains/education/": "domains/education-and-training/",
    "domains/education/side-by-side/": "domains/education-and-training/side-by-side/",
}
PREFIXES = ("", "zh-Hans/")


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory: pytest.TempPathFactory):
    project = copy_project(tmp_path_factory.mktemp("renamed") / "project")
    (project / "data" / "measures.yaml").write_text(RECORDED, "utf-8")
    build = build_site(project)
    assert build.returncode == 0, build.output
    return build


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("old", OLD_ADDRESSES)
def test_the_old_address_is_a_redirect_page_no_search_engine_keeps(renamed_site, prefix: str, old: str):
    page = BeautifulSoup((renamed_site.site / prefix / old / "index.html").read_text("utf-8"), "html.parser")
    relative = "../" * old.count("/") + OLD_ADDRESSES[old]
    assert page.html["lang"] == ("zh-Hans" if prefix else "zh-Hant")
    assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={relative}"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    new_page = BeautifulSoup((renamed_site.site / prefix / OLD_ADDRESSES[old] / "index.html").read_text("utf-8"), "html.parser")
    assert page.find("link", rel="canonical")["href"] == new_page.find("link", rel="canonical")["href"]
    [link] = page.find_all("a")
    assert (link["href"], link.get_text()) == (relative, "「八、教育」")
    assert page.find_all("script") == []
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert policy.startswith("default-src 'none'")
    # The redirect is no page of the site: not in the sitemap, where only real pages are.
    sitemap = (renamed_site.site / "sitemap.xml").read_text("utf-8")
    assert "/education/" not in sitemap and "/education-and-training/" in sitemap


def test_the_redirect_pages_are_valid_html(renamed_site):
    java = shutil.which("java")
    assert java and VNU_JAR.is_file(), "`make test` installs Java and vnu.jar"
    pages = [str(renamed_site.site / prefix / old / "index.html") for prefix in PREFIXES for old in OLD_ADDRESSES]
    result = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", *pages], capture_output=True, text=True, timeout=300)
    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.parametrize("prefix", PREFIXES)
def test_in_chromium_the_old_address_ends_on_the_new_page(renamed_site, page, prefix: str):
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    with serve_directory(renamed_site.site) as base:
        for old, new in OLD_ADDRESSES.items():
            page.goto(f"{base}{prefix}{old}")
            page.wait_for_url(f"{base}{prefix}{new}", timeout=10_000)
            heading = page.locator("h1").first.inner_text()
            assert re.sub(r"\s", "", heading).startswith("八、教育")
    assert not [text for text in console if "Content Security Policy" in text or "Refused" in text], console
