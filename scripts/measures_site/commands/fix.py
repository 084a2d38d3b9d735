"""`make fix`: repair in place the characters that have one right answer, and nothing else.

Only the characters characters.py marks as repairable change (radicals, compatibility
ideographs, invisible characters); every other byte of the file stays as it was:
comments, order, quoting, line endings, a byte-order mark at the start. The file is
replaced in one step (written beside it, then renamed), so a reader never sees half of it.
"""

from __future__ import annotations

import bisect
import os
import re
import tempfile
from pathlib import Path

from measures_site.data import characters
from measures_site.data.problems import Problem
from measures_site.data.read import character_problems, read_text

_BOM = b"\xef\xbb\xbf"
_LINE_END = re.compile(r"\r\n|\r|\n")


def _positions(text: str):
    """offset -> 1-based (line, column), with any line ending counting as one."""
    starts = [0] + [match.end() for match in _LINE_END.finditer(text)]

    def position(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    return position


def fix_file(path: Path, shown: str) -> list[Problem]:
    """Repair `path` in place; one Problem-shaped line per repair ("「⼈」 U+2F08 → 「人」 U+4EBA").

    A file that is not UTF-8, too large or missing is not touched: DataError, as for the check.
    """
    read_text(path, shown)  # the same refusals as the check, before anything is written
    raw = path.read_bytes()
    bom = _BOM if raw.startswith(_BOM) else b""
    text = raw[len(bom) :].decode("utf-8")
    fixed, repairs = characters.repair(text)
    if not repairs:
        return []
    position = _positions(text)
    with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=f".{path.name}.", delete=False) as temporary:
        temporary.write(bom + fixed.encode("utf-8"))
    os.chmod(temporary.name, path.stat().st_mode & 0o7777)
    os.replace(temporary.name, path)
    return [Problem(shown, *position(repair.offset), repair.describe()) for repair in repairs]


def remaining_problems(path: Path, shown: str) -> list[Problem]:
    """The characters of `path` that a person must look at (no repair has one right answer)."""
    return character_problems(read_text(path, shown), shown)[0]
