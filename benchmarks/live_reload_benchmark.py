"""How long an editor waits, with `make serve` running, from saving the data to
seeing the change in the open page.

    python benchmarks/live_reload_benchmark.py [ROUNDS]

Starts `mkdocs serve` on a copy of the project, opens a domain page in Chromium,
then saves an edit to data/measures.yaml ROUNDS times (default 5) and times each
save until the open page shows the new text, without reloading it by hand.
Issue target: within 2 s.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from conftest import chromium_path, copy_project  # noqa: E402  (the tests' own project copy and browser)
from test_live_reload import fetch, mkdocs_serve, wait_until  # noqa: E402

from measures_site.project import MEASURES_PATH  # noqa: E402

ORIGINAL = "攜手融入“雙循環”"


def main(rounds: int) -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        project = copy_project(Path(folder) / "project")
        data = project / MEASURES_PATH
        original = data.read_text(encoding="utf-8")
        with mkdocs_serve(project, project / "serve.log") as (_, base_url):
            url = f"{base_url}domains/economy-trade/"
            wait_until(lambda: "攜手融入" in fetch(url), 120, "mkdocs serve to start")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
                page = browser.new_page()
                page.goto(url)
                seconds = []
                for round_number in range(1, rounds + 1):
                    marker = f"攜手第{round_number}次融入“雙循環”"
                    time.sleep(1.5)  # let the server settle after the previous rebuild
                    saved = time.monotonic()
                    data.write_text(original.replace(ORIGINAL, marker), encoding="utf-8")
                    page.locator("#measure-1", has_text=f"攜手第{round_number}次").wait_for(timeout=30_000)
                    seconds.append(time.monotonic() - saved)
                browser.close()

    print("Live reload: save data/measures.yaml -> open page shows the change")
    print("| rounds | fastest (s) | median (s) | slowest (s) | target |")
    print("| ---: | ---: | ---: | ---: | --- |")
    print(f"| {rounds} | {min(seconds):.2f} | {statistics.median(seconds):.2f} | {max(seconds):.2f} | ≤ 2 s |")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5))
