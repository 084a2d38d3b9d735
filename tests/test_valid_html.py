"""Every page of both scripts is valid HTML, by the Nu HTML checker (vnu-jar, from package-lock.json)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import NOT_FOUND_PAGES, ROOT, Build
from site_links import built_pages

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_errors(site: Build) -> list[str]:
    java = shutil.which("java")
    if java is None:
        pytest.fail("No java on PATH: `make test` installs a headless JRE (Debian: default-jre-headless)")
    if not VNU_JAR.is_file():
        pytest.fail("No vnu.jar: `make test` installs it from package-lock.json (npm ci --ignore-scripts)")
    pages = [site.site / path / "index.html" for path in built_pages(site.site)]
    pages += [site.site / path for path in NOT_FOUND_PAGES]
    assert len(pages) > 20
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [f"{message.get('url', '').rsplit('/site/', 1)[-1]}:{message.get('lastLine')}: {message['message']}" for message in messages]


def test_every_page_of_the_fixture_is_valid_html(site: Build):
    assert nu_errors(site) == []


def test_every_page_of_the_fixture_with_reports_of_progress_is_valid_html(progress_site: Build):
    # The progress page's chart and table, the reports on the measures' pages and their newest status.
    assert nu_errors(progress_site) == []


@pytest.mark.live_content
def test_every_page_of_the_live_data_is_valid_html(live_site: Build):
    assert nu_errors(live_site) == []


def test_every_page_of_the_fixture_of_three_meetings_is_valid_html(meetings_site: Build):
    assert nu_errors(meetings_site) == []
