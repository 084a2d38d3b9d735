"""The frozen fixture with made-up reports of progress (tests/fixture/progress.yaml) under its measures.

    python tests/progress_fixture.py > with-reports.yaml     (a measures file, for the audit's --data)

Written as an editor writes them, after each measure's body, so that the check reads them at their
lines; the fixture file itself stays the signed text as it is.
"""

from __future__ import annotations

import json
import sys

import yaml

from conftest import FIXTURE_FOLDER

PROGRESS = yaml.safe_load((FIXTURE_FOLDER / "progress.yaml").read_text(encoding="utf-8"))
FIXTURE_DATA = (FIXTURE_FOLDER / "measures.yaml").read_text(encoding="utf-8")


def progress_lines(entries: list[dict]) -> str:
    """`progress:` as an editor writes it under a measure."""
    lines = ["        progress:"]
    for entry in entries:
        lines += [
            f'          - date: "{entry["date"]}"',
            f"            status: {entry['status']}",
            f"            note: {entry['note']}",
            f"            source: {entry['source']}",
        ]
    return "\n".join(lines) + "\n"


def body_end(text: str, number: int) -> int:
    """Where the line after measure `number`'s body starts in `text`: where an editor writes its reports."""
    return text.index("\n", text.index("        body: ", text.index(f"      - number: {number}\n"))) + 1


def with_progress(text: str = FIXTURE_DATA) -> str:
    """`text` (the fixture's data) with the made-up reports under their measures and last_updated at their day."""
    text = text.replace('last_updated: "2023-06-28"', f"last_updated: {json.dumps(PROGRESS['last_updated'])}", 1)
    for number, entries in PROGRESS["progress"].items():
        end = body_end(text, number)
        text = text[:end] + progress_lines(entries) + text[end:]
    return text


if __name__ == "__main__":
    sys.stdout.write(with_progress())
