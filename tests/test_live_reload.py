"""`make serve` for editors: a saved edit shows in the open page; a broken save is reported
and the last good site stays served."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from compressed_server import free_port

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
        page.goto(url)
        data = project_copy / "data" / "measures.yaml"
        original = data.read_text(encoding="utf-8")

        data.write_text(original.replace("攜手融入“雙循環”", "攜手共融“雙循環”"), encoding="utf-8")
        page.locator("#measure-1", has_text="攜手共融").wait_for(timeout=30_000)
        page.goto(url.replace("/domains/", "/zh-Hans/domains/"))
        assert "携手共融" in page.locator("#measure-1").inner_text()

        data.write_text(original.replace("攜手融入“雙循環”", "攜手共融“雙循環”").replace("  venue: 香港\n", "  venue: 香港\n  venue: 福州\n"), encoding="utf-8")
        wait_until(lambda: "appears twice" in log.read_text(encoding="utf-8"), 30, "the located error in the terminal")
        assert "data/measures.yaml:15:3: field 'venue' appears twice" in log.read_text(encoding="utf-8")
        assert server.poll() is None, "mkdocs serve stopped on bad data"
        assert "攜手共融" in fetch(url)
        assert "Traceback" not in log.read_text(encoding="utf-8")

        data.write_text(original, encoding="utf-8")
        wait_until(lambda: "攜手融入" in fetch(url), 30, "the fixed data to be served")
