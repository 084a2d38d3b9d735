"""The frozen fixture with two more meetings (tests/fixture/meetings.yaml, made up): a 5th with its
memorandum, domains, measures and reports, and the 3rd known only from a press release.

    python tests/meetings_fixture.py > three-meetings.yaml     (a measures file, for the audit's --data)

Written as an editor adds them: each meeting's block copied in after the 4th's, the change-log
entry at the end of the log and last_updated set to its day; the fixture file itself stays the
signed text as it is.
"""

from __future__ import annotations

import json
import sys

import yaml

from conftest import FIXTURE_FOLDER

FIXTURE_DATA = (FIXTURE_FOLDER / "measures.yaml").read_text(encoding="utf-8")
ADDED_TEXT = (FIXTURE_FOLDER / "meetings.yaml").read_text(encoding="utf-8")
ADDED = yaml.safe_load(ADDED_TEXT)
# Where each block goes in the fixture: after the last meeting's, before the site's own block.
MEETINGS_END = "\n# About this website"


def _block(name: str) -> str:
    """The lines of the top-level list `name` of meetings.yaml, as written (comments and all)."""
    lines = ADDED_TEXT.split("\n")
    start = lines.index(f"{name}:") + 1
    end = next((i for i in range(start, len(lines)) if lines[i] and not lines[i].startswith((" ", "#"))), len(lines))
    return "\n".join(lines[start:end]).strip("\n") + "\n"


def with_meetings(text: str = FIXTURE_DATA) -> str:
    """`text` (the fixture's data) with the made-up meetings after its own, their change-log entry
    after its others and last_updated at their day."""
    text = text.replace('last_updated: "2023-06-28"', f"last_updated: {json.dumps(ADDED['last_updated'])}", 1)
    end = text.index(MEETINGS_END)
    text = text[:end] + "\n\n" + _block("meetings").rstrip("\n") + text[end:]
    return text.rstrip("\n") + "\n" + _block("changes")


if __name__ == "__main__":
    sys.stdout.write(with_meetings())
