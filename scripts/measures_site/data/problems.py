"""Located problems in the editors' data files, reported compiler-style."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a data file, at a 1-based line and column."""

    path: str
    line: int
    column: int
    message: str
    severity: str = "error"  # or "warning": reported, but publishing goes on

    def __post_init__(self) -> None:
        # One problem, one line: a value quoted from the data may hold a line break or
        # another control character (a slug of "\n"); it is shown escaped.
        object.__setattr__(self, "message", _one_line(self.message))

    def __str__(self) -> str:
        label = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}:{self.column}: {label}{self.message}"


class DataError(Exception):
    """The data cannot be published; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(problem) for problem in self.problems))

    def report(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        return f"{self}\n{count} {noun} found; nothing was published."


def _one_line(text: str) -> str:
    if text.isprintable():  # no control character nor line separator: the common case, at once
        return text
    return "".join(
        character.encode("unicode_escape").decode("ascii")
        if unicodedata.category(character) in ("Cc", "Zl", "Zp")
        else character
        for character in text
    )
