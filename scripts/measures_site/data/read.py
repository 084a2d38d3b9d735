"""Read a data file: its bytes -> text (refusing what only looks right) -> YAML data that keeps
each value's line and column (ParsedFile); and, for every message, where a value is (`locate`) and
what it is in an editor's words (`describe`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import UnionType
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from measures_site.data import characters
from measures_site.data.located_yaml import Finding as ValueFinding
from measures_site.data.located_yaml import LocatedMapping, LocatedSequence, SyntaxDataError, compose
from measures_site.data.model import MeasuresDocument
from measures_site.data.problems import DataError, Problem

# Where a value is in the data: the keys and list indexes that lead to it.
Location = tuple[str | int, ...]

# A data file larger than this is refused before it is read. The fixture's measures
# take about 440 bytes each as YAML, so this leaves room for over 35,000 of them.
MAX_FILE_BYTES = 16 * 1024 * 1024


# ── reading ──────────────────────────────────────────────────────────────────


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of `offset` in text with "\n" line ends."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def read_text(path: Path, shown: str) -> str:
    """The file's text: UTF-8 (a BOM is accepted), with Windows line endings folded (data_text)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DataError(
                [
                    Problem(
                        shown,
                        1,
                        1,
                        f"the file is {size / 1024 / 1024:.1f} MB: a data file may be at most"
                        f" {MAX_FILE_BYTES // 1024 // 1024} MB — is it the right file?",
                    )
                ]
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError([Problem(shown, 1, 1, "file not found")]) from None
    except IsADirectoryError:
        raise DataError([Problem(shown, 1, 1, "is a folder, not a data file")]) from None
    return data_text(raw, shown)


def data_text(raw: bytes, shown: str) -> str:
    """A data file's bytes as every reader of the data takes them (the check, the review, the address
    warnings, a revision of git's): UTF-8, a byte-order mark accepted (Windows editors write one),
    Windows and old Mac line endings folded; DataError for what is not such a text."""
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        line = raw.count(b"\n", 0, error.start) + 1
        # An editor counts characters, not bytes, to the bad one.
        column = len(raw[line_start : error.start].decode("utf-8", errors="replace")) + 1
        raise DataError(
            [
                Problem(
                    shown,
                    line,
                    column,
                    "the file is not saved as UTF-8 (an editor may have saved it as Big5 or GBK)"
                    " — save it again with the encoding UTF-8",
                )
            ]
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise DataError([Problem(shown, 1, 1, "the file is empty: it must hold the measures data")])
    return text


def _tab_indentation(text: str, shown: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(
                Problem(
                    shown,
                    number,
                    indent.index("\t") + 1,
                    "a tab is used to indent this line — YAML needs spaces: indent with spaces only",
                )
            )
    return problems


def character_problems(text: str, shown: str) -> tuple[list[Problem], str]:
    """Every character of `text` that only looks right (characters.py), at its line and column,
    and the text as YAML can read it: each character that would stop YAML made a space."""
    found = list(characters.find(text))
    problems = [Problem(shown, *_position(text, offset), hazard.message()) for offset, hazard in found]
    readable = list(text)
    for offset, hazard in found:
        if characters.breaks_yaml(hazard.character):
            readable[offset] = " "
    return problems, "".join(readable)


def _tabs_replaced(text: str) -> str:
    """The text with each tab-indented line indented as the editor most likely meant it: a list
    item under the last list item, anything else under the content of the line above."""
    lines = []
    content_column = dash_column = 0
    for line in text.split("\n"):
        stripped = line.lstrip(" \t")
        indent = line[: len(line) - len(stripped)]
        if "\t" in indent:
            line = " " * (dash_column if stripped.startswith("- ") else content_column) + stripped
        if stripped and not stripped.startswith("#"):
            column = len(line) - len(stripped)
            if stripped.startswith("- "):
                dash_column = column
                column += 2
            content_column = column
        lines.append(line)
    return "\n".join(lines)


def _unclosed_quote(line: str) -> int | None:
    """The index of the quote that opens the line's value and is not closed on the line, if any."""
    body = line.lstrip(" ")
    while body.startswith("- "):
        body = body[2:].lstrip(" ")
    key, colon, value = body.partition(": ")
    start = value if colon else body
    if not start.startswith(('"', "'")):
        return None
    opening = len(line) - len(start)
    quote, index = start[0], 1
    while index < len(start):
        if quote == '"' and start[index] == "\\":
            index += 2
            continue
        if start[index] == quote:
            if quote == "'" and start[index + 1 : index + 2] == "'":
                index += 2
                continue
            return None
        index += 1
    return opening


# How many syntax errors one run reads past: each costs a parse of the file.
MAX_SYNTAX_ERRORS = 20
_READ_ON = "; the rest of the file was read {how}: problems in its block and after it may follow from this one"


def _composed_reading_past_syntax_errors(
    text: str, shown: str, max_depth: int
) -> tuple[Any, list[Problem], tuple[tuple[str, int], ...]]:
    """compose(), and when libyaml stops, the text repaired where it stopped and read again, so that
    one run reports the problems of the whole file: an unclosed quote is closed at the end of its
    line (text is written on one line), any other line libyaml cannot read is left out, and
    the field it held is returned with its line, so that it is not reported missing as well."""
    left_out: list[tuple[str, int]] = []
    lines = text.split("\n")
    syntax: list[Problem] = []
    for _ in range(MAX_SYNTAX_ERRORS):
        try:
            return compose("\n".join(lines), shown, max_depth), syntax, tuple(left_out)
        except SyntaxDataError as error:
            row = min(error.syntax.line, len(lines)) - 1
            opened = next(
                ((index, column) for index in range(row, -1, -1) if (column := _unclosed_quote(lines[index])) is not None),
                None,
            )
            if opened is not None:
                index, column = opened
                quote = lines[index][column]
                syntax.append(
                    Problem(
                        shown,
                        index + 1,
                        column + 1,
                        f"YAML syntax error: a quote ({quote}) opens the text here and is not closed on its line"
                        f" — close it at the end of the text" + _READ_ON.format(how="as if it were closed there"),
                    )
                )
                lines[index] += quote
            elif lines[row].strip():
                syntax.append(replace(error.syntax, message=error.syntax.message + _READ_ON.format(how="without this line")))
                left_out.append((lines[row].strip().removeprefix("- ").partition(":")[0].strip(), row + 1))
                lines[row] = ""
            else:  # nothing left to repair here: the parser's word is the last
                raise DataError([*syntax, *error.refused, error.syntax]) from None
    raise DataError(syntax)


def collection_depth(model: type[BaseModel]) -> int:
    """How many lists and blocks deep the data of `model` nests, the file's own block included."""
    deepest = 0
    for model_field in model.model_fields.values():
        annotation, levels = model_field.annotation, 0
        while get_args(annotation) and not isinstance(annotation, type):
            # An optional field (X | None) nests no deeper than X.
            optional = get_origin(annotation) in (Union, UnionType)
            annotation = next(arg for arg in get_args(annotation) if arg is not type(None))
            levels += 0 if optional else 1
        inner = collection_depth(annotation) if isinstance(annotation, type) and issubclass(annotation, BaseModel) else 0
        deepest = max(deepest, levels + inner)
    return 1 + deepest


@dataclass
class ParsedFile:
    """A data file read, not yet validated: its data, and what reading it found."""

    data: Any
    problems: list[Problem] = field(default_factory=list)  # errors that do not stop validation
    findings: list[ValueFinding] = field(default_factory=list)  # about values, worded after their field
    left_out: tuple[tuple[str, int], ...] = ()  # (field, line) of each line a syntax error left unread
    emptied: tuple[Location, ...] = ()  # where a refused value (an alias, too deep a nesting) was left empty


def parse_file(text: str, shown: str, model: type[BaseModel]) -> ParsedFile:
    """YAML text -> data that remembers every value's line and column, or DataError.

    A tab, a character YAML refuses or a syntax error is reported and repaired for the rest of
    the reading, so that the data's other problems are reported in the same run."""
    tabs = _tab_indentation(text, shown)
    found, readable = character_problems(text, shown)
    readable = _tabs_replaced(readable) if tabs else readable
    # One level more than the model so that a list where text belongs is reported as such.
    try:
        composed, syntax, left_out = _composed_reading_past_syntax_errors(readable, shown, collection_depth(model) + 1)
    except DataError as error:
        raise DataError([*tabs, *found, *error.problems]) from None
    return ParsedFile(composed.data, [*tabs, *found, *syntax, *composed.refused], composed.findings, left_out, tuple(composed.emptied))


_ORDINAL_LINE = re.compile(r"^(?P<indent> *)- ordinal: [^\n]*\n *", re.MULTILINE)


# The top-level keys of one meeting, before the file held a list of them.
_ONE_MEETING_KEYS = ("conference:", "memorandum:", "annex:", "domains:", "measures:")


def _as_meetings(text: str) -> str:
    """A file of one meeting (its conference, memorandum… at the top level) as a list of one."""
    lines = text.split("\n")
    if "meetings:" in lines or "conference:" not in lines:
        return text
    start = lines.index("conference:")
    end = start + 1
    while end < len(lines) and (not lines[end] or lines[end].startswith((" ", "#")) or lines[end] in _ONE_MEETING_KEYS):
        end += 1
    block = ["  - conference:", *(f"    {line}" if line else line for line in lines[start + 1 : end])]
    return "\n".join([*lines[:start], "meetings:", *block, *lines[end:]])


def as_written_today(text: str) -> str:
    """A data file of an earlier revision, as it would be written today: the domains' `ordinal`
    lines, written by hand before the ordinal followed the list, left out, and its one meeting
    a list of one. For reading a base to compare with, never for checking the editors' file."""
    return _as_meetings(_ORDINAL_LINE.sub(r"\g<indent>- ", text))


def parse_yaml(text: str, shown: str, model: type[BaseModel] = MeasuresDocument) -> Any:
    """YAML text -> data that remembers every value's line and column; DataError on any character problem."""
    parsed = parse_file(text, shown, model)
    if parsed.problems:
        raise DataError(parsed.problems)
    return parsed.data


# ── locating ─────────────────────────────────────────────────────────────────


def locate(data: Any, location: Location, *, key: bool = False) -> tuple[int, int]:
    """1-based (line, column) of the node at `location`, or of its nearest existing parent.

    With key=True a mapping entry is located at its key (for "unknown field") rather
    than at its value.
    """
    position = (1, 1)
    node = data
    for step in location:
        if not isinstance(node, (LocatedMapping, LocatedSequence)):
            break
        position = node.position
        if isinstance(node, LocatedSequence) and isinstance(step, int) and 0 <= step < len(node):
            position = node.item_positions[step]
        elif isinstance(node, LocatedMapping) and isinstance(step, str) and step in node:
            position = node.key_positions[step] if key else node.value_positions[step]
        else:
            break
        node = node[step]
    return position


def describe(data: Any, location: Location) -> str:
    """Plain words for where a node sits: "'title' of measure 3 of meeting 4", "'slug' of domain 2 of meeting 4"."""
    words: list[str] = []
    node = data
    for index, step in enumerate(location):
        parent = location[index - 1] if index else None
        if isinstance(step, int):
            item = node[step] if isinstance(node, list) and step < len(node) else None
            number = item.get("number") if isinstance(item, dict) else None
            if parent == "measures":
                # type(): true is an int to Python, and "measure True" means nothing to an editor.
                words[-1] = f"measure {number}" if type(number) is int else f"measure #{step + 1} in the list"
            elif parent == "domains":
                words[-1] = f"domain {step + 1}"
            elif parent == "meetings":
                conference = item.get("conference") if isinstance(item, dict) else None
                number = conference.get("meeting_number") if isinstance(conference, dict) else None
                words[-1] = f"meeting {number}" if type(number) is int else f"meeting #{step + 1} in the list"
            elif parent == "changes":
                words[-1] = f"change #{step + 1} in the list"
            else:
                words[-1] = f"item {step + 1} of {words[-1]}"
            node = item
        else:
            words.append(f"'{step}'")
            node = node.get(step) if isinstance(node, dict) else None
    return " of ".join(reversed(words)) if words else "the file"


def located_strings(data: Any, location: Location = ()) -> Iterator[tuple[Location, str]]:
    """Every text in the data, with where it is."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from located_strings(value, (*location, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from located_strings(value, (*location, index))
    elif isinstance(data, str):
        yield location, data
