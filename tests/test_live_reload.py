"""`make serve` for editors: a saved edit shows in the open page; a broken save is reported
and the last good site stays served; undoing it serves exactly what a fresh build makes."""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from compressed_server import free_port
from conftest import NOT_FOUND_PAGES, build_site, copy_project
from site_links import built_pages

pytestmark = pytest.mark.browser


def wait_until(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


# The lines `make serve` prints as it starts, each one for an editor: MkDocs' steps, or a problem
# of the data at its line. No page listed as missing from the menu, no plugin's report of itself.
EDITORS_LOG_LINE = re.compile(
    r"INFO    -  (Building documentation\.\.\.|Cleaning site directory|Documentation built in [\d.]+ seconds"
    r"|\[[\d:]+\] (Watching paths for changes: .*|Serving on http://\S+|Browser connected: .*))"
    r"|\S+:\d+:\d+: warning: .*"
)


@contextlib.contextmanager
def mkdocs_serve(project: Path, log: Path) -> Iterator[tuple[subprocess.Popen, str]]:
    """`mkdocs serve` on a free loopback port, as `make serve` runs it; yields it and its base URL."""
    port = free_port()
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    try:
        yield server, f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_saved_edit_reaches_the_open_page_and_a_broken_save_keeps_the_last_good_site(project_copy: Path, page):
    log = project_copy / "serve.log"
    with mkdocs_serve(project_copy, log) as (server, base_url):
        url = f"{base_url}domains/economy-trade/"
        wait_until(lambda: "攜手融入" in fetch(url), 120, "mkdocs serve to start")
        # What `make serve` tells an editor: MkDocs' own progress, and the problems of their data.
        started = log.read_text(encoding="utf-8").splitlines()
        assert [line for line in started if not EDITORS_LOG_LINE.fullmatch(line)] == []
        assert any("Serving on" in line for line in started)
        page.goto(url)
        data = project_copy / "data" / "measures.yaml"
        original = data.read_text(encoding="utf-8")

        data.write_text(original.replace("攜手融入“雙循環”", "攜手共融“雙循環”"), encoding="utf-8")
        page.locator("#measure-1", has_text="攜手共融").wait_for(timeout=30_000)
        # A page of its own: the open one may still be told to reload by a rebuild that follows.
        simplified = page.context.new_page()
        simplified.goto(url.replace("/domains/", "/zh-Hans/domains/"))
        assert "携手共融" in simplified.locator("#measure-1").inner_text()

        data.write_text(original.replace("攜手融入“雙循環”", "攜手共融“雙循環”").replace("      venue: 香港\n", "      venue: 香港\n      venue: 福州\n"), encoding="utf-8")
        wait_until(lambda: "appears twice" in log.read_text(encoding="utf-8"), 30, "the located error in the terminal")
        assert "data/measures.yaml:15:7: field 'venue' appears twice" in log.read_text(encoding="utf-8")
        assert server.poll() is None, "mkdocs serve stopped on bad data"
        assert "攜手共融" in fetch(url)
        assert "Traceback" not in log.read_text(encoding="utf-8")

        data.write_text(original, encoding="utf-8")
        wait_until(lambda: "攜手融入" in fetch(url), 30, "the fixed data to be served")


# What `mkdocs serve` adds to every page it sends: its live-reload script, before </body>.
LIVE_RELOAD_SCRIPT = re.compile(r"<script>\s*var livereload = function.*?</script>(?=</body>)", re.S)
# The preview sends no Content-Security-Policy: the live-reload script is inline and
# changes with every response, so no policy could list it.
CONTENT_SECURITY_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')


def test_after_a_failed_save_and_its_undo_every_served_page_equals_a_fresh_build(project_copy, tmp_path, monkeypatch):
    log = project_copy / "serve.log"
    data = project_copy / "data" / "measures.yaml"
    original = data.read_text(encoding="utf-8")
    with mkdocs_serve(project_copy, log) as (server, base_url):
        url = f"{base_url}domains/economy-trade/"
        wait_until(lambda: "攜手融入" in fetch(url), 120, "mkdocs serve to start")

        # A save the pipeline cannot write (a lone surrogate), then the exact good file again.
        logged = len(log.read_text(encoding="utf-8"))
        data.write_text(original.replace('title: "深化金融合作。"', 'title: "\\ud800"'), encoding="utf-8")
        reported = ("Still serving", "Error")  # ours, or MkDocs' traceback
        wait_until(lambda: any(word in log.read_text("utf-8")[logged:] for word in reported), 60, "the failure")
        assert server.poll() is None
        assert "攜手融入" in fetch(url), "the preview stopped answering after a failed build"
        rebuilds = log.read_text(encoding="utf-8").count("Reloading browsers")
        data.write_text(original, encoding="utf-8")
        wait_until(
            lambda: log.read_text(encoding="utf-8").count("Reloading browsers") > rebuilds, 60, "the undo to be built"
        )
        monkeypatch.setenv("SITE_URL", base_url)
        fresh = build_site(copy_project(tmp_path / "fresh", data_from=project_copy / "data"))
        assert fresh.returncode == 0, fresh.output
        pages = [*built_pages(fresh.site), *NOT_FOUND_PAGES]
        assert len(pages) > 20
        for path in pages:
            file = fresh.site / (path if path.endswith(".html") else path + "index.html")
            expected = CONTENT_SECURITY_POLICY.sub("", file.read_text(encoding="utf-8"))
            assert LIVE_RELOAD_SCRIPT.sub("", fetch(base_url + path)) == expected, path
        assert "Traceback" not in log.read_text(encoding="utf-8")


def status_for_host(base_url: str, host: str, path: str = "/") -> int:
    port = int(base_url.rstrip("/").rsplit(":", 1)[1])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": host})
        return connection.getresponse().status
    finally:
        connection.close()


def test_the_preview_answers_only_requests_addressed_to_this_machine(project_copy: Path):
    log = project_copy / "serve.log"
    with mkdocs_serve(project_copy, log) as (server, base_url):
        wait_until(lambda: "攜手融入" in fetch(f"{base_url}domains/economy-trade/"), 120, "mkdocs serve to start")
        port = base_url.rstrip("/").rsplit(":", 1)[1]
        for host in ("127.0.0.1", f"127.0.0.1:{port}", "localhost", f"LOCALHOST:{port}"):
            assert status_for_host(base_url, host) in (200, 302), host
        # a name of someone else's pointing at the loopback address (DNS rebinding)
        for host in (f"attacker.example:{port}", "attacker.example", f"127.0.0.1.attacker.example:{port}", ""):
            assert status_for_host(base_url, host) == 421, host
        # addresses no file can have, which MkDocs' server answered with a 500 and a traceback
        for path in ("/%00", "/%ff", "/zh-Hans/%00index.html"):
            assert status_for_host(base_url, "127.0.0.1", path) == 400, path
        assert "Traceback" not in log.read_text(encoding="utf-8")
