"""YAML text -> plain data that remembers where each value is written, refusing what editors never need.

libyaml (through PyYAML's C parser) reads the text into events, each with its line
and column; this module builds dicts and lists from them in one pass, without
recursion, so that no input can make it hang or overflow:

- anchors, aliases, merge keys (`<<`) and tags are refused where they are written, and
  nothing is expanded (a "billion laughs" file costs no more than its own length);
- lists and blocks nested deeper than the data's model allows are refused at their start;
- a second document, a repeated field and a field name that is not a word are refused;
- a plain value is read as YAML 1.2 does, but stricter about numbers: only plain
  decimals (1, 21, -3, 1.5) are numbers; 0x1, +1, 01, 0o1, 1e3, 1_000, .inf and
  numbers of more than 18 digits are refused, since an editor who writes them means
  something else than what YAML would read.

What cannot be judged without knowing which field a value is in (a character written
as an escape, a number YAML would misread) is returned as a finding at its location,
for the caller to word with the field's name.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from yaml import events
from yaml._yaml import CParser
from yaml.error import MarkedYAMLError, YAMLError
from yaml.reader import ReaderError

from measures_site.data import characters
from measures_site.data.problems import DataError, Problem

Location = tuple[str | int, ...]
Position = tuple[int, int]  # 1-based line, column


class LocatedMapping(dict):
    """A block of fields, with the position of the block, of each key and of each value."""

    def __init__(self, position: Position) -> None:
        super().__init__()
        self.position = position
        self.key_positions: dict[str, Position] = {}
        self.value_positions: dict[str, Position] = {}


class LocatedSequence(list):
    """A list, with the position of the list and of each item."""

    def __init__(self, position: Position) -> None:
        super().__init__()
        self.position = position
        self.item_positions: list[Position] = []


@dataclass(frozen=True)
class Finding:
    """Something wrong with one value, worded after the field it is in: "'title' of measure 3 " + message."""

    location: Location
    position: Position
    message: str
    severity: str = characters.ERROR


@dataclass
class _Frame:
    container: LocatedMapping | LocatedSequence
    location: Location
    mark: Any  # where the list or block starts
    key: str | None = None
    key_position: Position | None = None


@dataclass
class Composed:
    data: Any
    findings: list[Finding] = field(default_factory=list)
    # What was refused, and where a refused value was left empty: reported, not read past silently,
    # and never reported again as an empty value.
    refused: list[Problem] = field(default_factory=list)
    emptied: list[Location] = field(default_factory=list)


_NULL = {"", "~", "null", "Null", "NULL"}
_BOOLEANS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_DECIMAL_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
_DECIMAL_FRACTION = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# What YAML 1.1 or 1.2 would read as a number, in any notation.
_NUMBER_LIKE = re.compile(
    r"[-+]?(?:0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+"
    r"|[0-9][0-9_]*(?::[0-5]?[0-9])*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?"
    r"|\.[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?"
    r"|\.(?:inf|Inf|INF))|\.(?:nan|NaN|NAN)"
)
MAX_DIGITS = 18


def _position(mark) -> Position:
    return mark.line + 1, mark.column + 1


def _plain_value(text: str) -> tuple[Any, str | None]:
    """(value, None), or (text, why it is refused) for a number YAML would misread."""
    if text in _NULL:
        return None, None
    if text in _BOOLEANS:
        return _BOOLEANS[text], None
    if _DECIMAL_INTEGER.fullmatch(text):
        if len(text.lstrip("-")) > MAX_DIGITS:
            return text, f"is a number of {len(text.lstrip('-'))} digits — numbers here have at most {MAX_DIGITS}"
        return int(text), None
    if _DECIMAL_FRACTION.fullmatch(text) and len(text) <= MAX_DIGITS + 2:
        return float(text), None
    if _DATE.fullmatch(text):
        try:
            return datetime.date.fromisoformat(text), None
        except ValueError:
            return text, None
    if _NUMBER_LIKE.fullmatch(text):
        return text, (
            f"is written {text}, which is not a plain decimal number — write whole numbers as 1, 2, 3…"
            " (and put text that looks like a number in double quotes)"
        )
    return text, None


def _escaped_hazards(value: str, source: str) -> list[str]:
    """Why each character a backslash escape put into `value` must not be there."""
    found = []
    for character in dict.fromkeys(value):
        hazard = characters.hazard(character)
        if hazard is None or character in source:
            continue
        if hazard.replacement:
            advice = f"write 「{hazard.replacement}」 instead of the escape"
        else:
            advice = "remove the escape from the quoted text"
        found.append(f"holds {characters.name(character)}, {hazard.what}, written as a backslash escape — {advice}")
    return found


def _warnings(value: str, source: str, position: Position) -> list[tuple[Position, str]]:
    """Warnings about a text value, at the character when the value is written as it reads."""
    found = []
    inner = source[1:-1] if source[:1] in ("'", '"') else source
    offset_base = 1 if source[:1] in ("'", '"') else 0
    exact = inner == value and "\n" not in value
    for offset, hazard in characters.find_warnings(value):
        where = (position[0], position[1] + offset_base + offset) if exact else position
        found.append((where, f"has {characters.name(hazard.character)}, {hazard.what} — {hazard.advice}"))
    return found


def compose(text: str, shown: str, max_depth: int) -> Composed:
    """The one document in `text` as LocatedMapping/LocatedSequence/scalars, or DataError."""
    refused: list[Problem] = []
    findings: list[Finding] = []
    stack: list[_Frame] = []
    root: Any = None
    skipping = 0  # the depth inside a refused list or block, read past without building it

    emptied: list[Location] = []

    def refuse(mark, message: str, *, empties: Location | None = None) -> None:
        refused.append(Problem(shown, *_position(mark), message))
        if empties is not None:
            emptied.append(empties)

    def place(value: Any, mark, event: events.Event) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        frame = stack[-1]
        container = frame.container
        if isinstance(container, LocatedSequence):
            container.append(value)
            container.item_positions.append(_position(mark))
            return
        if frame.key is None:
            if not isinstance(event, events.ScalarEvent):
                refuse(mark, "a field name must be a word, not a list or a block", empties=(*frame.location, f"\0{len(container)}"))
                frame.key, frame.key_position = f"\0{len(container)}", _position(mark)
                return
            name = event.value
            if name == "<<" and not event.style:
                refuse(
                    mark,
                    "'<<' (a merge key) copies fields from elsewhere — write the fields out in full",
                    empties=(*frame.location, name),
                )
            elif name in container.key_positions:
                first = container.key_positions[name][0]
                refuse(
                    mark,
                    f"field '{name}' appears twice in the same block (first on line {first})"
                    " — only one can be kept: merge them or delete one",
                )
            frame.key, frame.key_position = name, _position(mark)
            return
        key = frame.key
        if key not in container.key_positions:
            container[key] = value
            container.key_positions[key] = frame.key_position
            container.value_positions[key] = _position(mark)
        frame.key = None

    def here() -> Location:
        if not stack:
            return ()
        frame = stack[-1]
        if isinstance(frame.container, LocatedSequence):
            return (*frame.location, len(frame.container))
        return (*frame.location, frame.key) if frame.key is not None else frame.location

    parser = CParser(text)
    documents = 0
    aliased: set[str] = set()
    try:
        while (event := parser.get_event()) is not None:
            if skipping:
                if isinstance(event, (events.MappingStartEvent, events.SequenceStartEvent)):
                    skipping += 1
                elif isinstance(event, (events.MappingEndEvent, events.SequenceEndEvent)):
                    skipping -= 1
                    if not skipping:
                        place(None, event.start_mark, event)
                continue
            if isinstance(event, events.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    refuse(event.start_mark, "a second document starts here ('---'): a data file holds one — delete the line")
                    break
                continue
            if isinstance(event, events.AliasEvent):
                # Once per anchor: a file of a million aliases gets a short answer.
                if event.anchor not in aliased:
                    aliased.add(event.anchor)
                    refuse(
                        event.start_mark,
                        f"an alias (*{event.anchor}) repeats another part of the file — write the value out in full"
                        " (the data files use no anchors or aliases)",
                    )
                emptied.append(here())
                place(None, event.start_mark, event)
                continue
            if not isinstance(event, events.NodeEvent) and not isinstance(event, events.CollectionEndEvent):
                continue
            mark = event.start_mark
            if isinstance(event, events.CollectionEndEvent):
                frame = stack.pop()
                place(frame.container, frame.mark, event)
                continue
            if event.anchor is not None:
                refuse(
                    mark,
                    f"an anchor (&{event.anchor}) marks a value to repeat elsewhere — delete it"
                    " (the data files use no anchors or aliases)",
                )
            if event.tag is not None:
                refuse(mark, f"a tag ({event.tag}) — delete it: the data files use no tags")
            if isinstance(event, events.ScalarEvent):
                is_key = bool(stack) and isinstance(stack[-1].container, LocatedMapping) and stack[-1].key is None
                if is_key:
                    place(event.value, mark, event)
                    continue
                source = text[mark.index : event.end_mark.index]
                location = here()
                if not event.style:  # plain: libyaml gives '' or None
                    value, why = _plain_value(event.value)
                else:
                    value, why = event.value, None
                if why:
                    findings.append(Finding(location, _position(mark), why))
                if isinstance(value, str):
                    if event.style == '"' and "\\" in source:
                        findings += [Finding(location, _position(mark), message) for message in _escaped_hazards(value, source)]
                    findings += [
                        Finding(location, where, message, characters.WARNING)
                        for where, message in _warnings(value, source, _position(mark))
                    ]
                place(value, mark, event)
                continue
            # the start of a list or a block
            if len(stack) + 1 > max_depth:
                refuse(
                    mark,
                    f"lists and blocks are nested deeper here than the data ever needs (at most {max_depth}"
                    " levels) — check the indentation, or put the text in double quotes",
                    # The field the nesting is written in: it holds a list, but that is this same mistake.
                    empties=next(here()[: index + 1] for index in range(len(here()) - 1, -1, -1) if isinstance(here()[index], str))
                    if any(isinstance(step, str) for step in here())
                    else here(),
                )
                skipping = 1
                continue
            position = _position(mark)
            container = LocatedMapping(position) if isinstance(event, events.MappingStartEvent) else LocatedSequence(position)
            stack.append(_Frame(container, here(), mark))
    except MarkedYAMLError as error:
        raise SyntaxDataError(refused, syntax_problem(error, shown)) from None
    except ReaderError as error:
        # libyaml counts bytes; an editor counts characters.
        offset = len(text.encode("utf-8")[: error.position].decode("utf-8", errors="ignore"))
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        raise DataError([*refused, Problem(shown, line, column, f"a character YAML does not allow: U+{error.character:04X}")]) from None
    except YAMLError as error:  # any other parser complaint, still reported, never a traceback
        raise DataError([*refused, Problem(shown, 1, 1, f"YAML error: {error}")]) from None
    return Composed(root, findings, refused, emptied)


class SyntaxDataError(DataError):
    """libyaml stopped at `syntax`: the caller may repair the text there and read on."""

    def __init__(self, refused: list[Problem], syntax: Problem) -> None:
        super().__init__([*refused, syntax])
        self.refused, self.syntax = refused, syntax


# libyaml's words for the usual mistakes, and what an editor should look for.
_SYNTAX_HINTS = {
    "found unexpected end of stream": 'a quote (") is opened but never closed',
    "did not find expected key": "unexpected text: a quote may be left open above, or the indentation is off",
    "mapping values are not allowed in this context": "a ': ' inside text — put the whole text in double quotes",
    "could not find expected ':'": "a line is missing its ':' or a quote is left open",
    "found character that cannot start any token": (
        "a character that cannot start a value (a tab, '@' or '`') — indent with spaces, and put text in double quotes"
    ),
    "did not find expected '-' indicator": "the items of a list do not line up: check the indentation",
    "did not find expected node content": "a value is missing, or starts with a sign YAML reserves — put the text in double quotes",
    "found unknown escape character": (
        "an unknown escape after a backslash (\\) in double quotes — write \\\\ for a backslash itself"
    ),
    "found invalid Unicode character escape code": (
        "the escape names no character (a lone surrogate such as \\ud800) — type the character itself"
    ),
    "found undefined tag handle": "a tag ('!') — delete it: the data files use no tags",
    "did not find expected ',' or ']'": "a list opened with '[' is not closed with ']'",
    "did not find expected ',' or '}'": "a block opened with '{' is not closed with '}'",
    "exceeded maximum nesting depth": "lists and blocks are nested deeper here than the data ever needs",
}


def syntax_problem(error: MarkedYAMLError, shown: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = error.problem or error.context or "the text is not valid YAML"
    words = next((hint for prefix, hint in _SYNTAX_HINTS.items() if problem.startswith(prefix)), problem)
    context = error.context_mark
    where = f" (in the block that starts on line {context.line + 1})" if context and context.line + 1 != line else ""
    return Problem(shown, line, column, f"YAML syntax error: {words}{where}")
