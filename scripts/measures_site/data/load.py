"""Read data/measures.yaml into a validated MeasuresDocument, or fail with located problems.

Every problem an editor can make ends here as a Problem at FILE:LINE:COL in plain
words. The text is scanned for characters that only look right (characters.py),
libyaml reads it into data that keeps each value's position (located_yaml.py),
pydantic validates the types, and the rules pydantic cannot express (numbering,
domains, script) are small generators that yield (location, message) pairs, located
the same way.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import SimpleNamespace, UnionType
from typing import Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from measures_site.data import characters
from measures_site.data import hanzi
from measures_site.data.located_yaml import Finding as ValueFinding
from measures_site.data.located_yaml import LocatedMapping, LocatedSequence, SyntaxDataError, compose
from measures_site.data.model import ConversionOverrides, Domain, Measure, MeasuresDocument, SearchTerms
from measures_site.data.problems import DataError, Problem
from measures_site.publication import Publication
from measures_site.data.web_address import placeholder_problem

Location = tuple[str | int, ...]
ModelT = TypeVar("ModelT", bound=BaseModel)
Finding = tuple[Location, str]

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


def as_written_today(text: str) -> str:
    """A data file of an earlier revision, as it would be written today: the domains' `ordinal`
    lines, written by hand before the ordinal followed the list, left out. For reading a base
    to compare with, never for checking the editors' file."""
    return _ORDINAL_LINE.sub(r"\g<indent>- ", text)


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
    """Plain words for where a node sits: "'title' of measure 3", "'slug' of domain 2"."""
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
            elif parent == "changes":
                words[-1] = f"change #{step + 1} in the list"
            else:
                words[-1] = f"item {step + 1} of {words[-1]}"
            node = item
        else:
            words.append(f"'{step}'")
            node = node.get(step) if isinstance(node, dict) else None
    return " of ".join(reversed(words)) if words else "the file"


# ── validating ───────────────────────────────────────────────────────────────


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a block of fields"
    if value is None:
        return "nothing"
    return "a date" if hasattr(value, "year") else type(value).__name__


def _known_fields(model: type[BaseModel], location: Location) -> list[str]:
    """Field names allowed at `location` (a model's path, list indexes included)."""
    for step in location:
        if isinstance(step, int):
            continue
        annotation = model.model_fields[step].annotation
        inner = getattr(annotation, "__args__", (annotation,))[0]
        if not (isinstance(inner, type) and issubclass(inner, BaseModel)):
            return []
        model = inner
    return list(model.model_fields)


def _pydantic_findings(
    model: type[BaseModel], data: Any, error: ValidationError, left_out: tuple[tuple[str, int], ...] = ()
) -> Iterator[tuple[Location, str, bool]]:
    """(location, message, at_key) per pydantic error, in plain words; a field missing because a
    syntax error left its line unread is not reported again."""
    for item in error.errors(include_url=False):
        location: Location = tuple(item["loc"])
        kind = item["type"]
        where = describe(data, location)
        value = item.get("input")
        field = location[-1] if location else None
        if kind == "missing":
            parent = location[:-1]
            if any(name == field and line > locate(data, parent)[0] for name, line in left_out):
                continue
            yield parent, f"{describe(data, parent)} is missing the required field '{field}'", False
        elif kind == "extra_forbidden" and field == "ordinal" and location[:1] == ("domains",):
            yield (
                location,
                f"{describe(data, location[:-1])} has an 'ordinal': a domain's ordinal (一、二…) now follows its"
                " place in the list — delete this line",
                True,
            )
        elif kind == "extra_forbidden":
            known = _known_fields(model, location[:-1])
            close = difflib.get_close_matches(str(field), known, n=1)
            hint = f" — did you mean '{close[0]}'?" if close else f" — allowed fields: {', '.join(known)}"
            yield location, f"unknown field '{field}' in {describe(data, location[:-1])}{hint}", True
        elif value is None and kind.endswith("_type"):
            yield location, f"{where} is empty — write its value after the ':'", False
        elif kind in ("string_type",):
            yield location, f"{where} must be text, not {_type_name(value)}", False
        elif kind in ("int_type", "int_parsing", "int_from_float"):
            yield location, f"{where} must be a whole number, not {_type_name(value)}", False
        elif kind in ("greater_than_equal",):
            yield location, f"{where} must be 1 or more, not {value}", False
        elif kind in ("tuple_type", "list_type"):
            yield location, f"{where} must be a list (lines starting with '- '), not {_type_name(value)}", False
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            yield location, f"{where} must be a block of fields, not {_type_name(value)}", False
        elif kind == "too_short":
            yield location, f"{where} must have at least one item", False
        elif kind == "string_pattern_mismatch":
            yield (
                location,
                f"{where} '{value}' is not fit for a web address: use lowercase letters a-z, digits"
                " and single hyphens, e.g. 'economy-trade'",
                False,
            )
        elif kind == "string_too_long":
            yield (
                location,
                f"{where} is {len(value)} characters long: a web address part may be at most"
                f" {item['ctx']['max_length']} — shorten it",
                False,
            )
        elif kind == "literal_error":
            allowed = [str(choice).strip("'") for choice in item["ctx"]["expected"].replace(" or ", ", ").split(", ")]
            close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.5)
            hint = f"did you mean '{close[0]}'? " if close else ""
            yield location, f"{where} '{value}' is not one of the statuses — {hint}write one of: {', '.join(allowed)}", False
        elif kind.startswith("date"):
            yield location, f"{where} must be a date written YYYY-MM-DD, e.g. \"2023-06-28\"", False
        elif kind == "value_error":
            yield location, f"{where} {item['ctx']['error']}", False
        else:
            yield location, f"{where}: {item['msg']}", False


def _as_written(data: Any, key: str, model: type[ModelT]) -> list[Any]:
    """The items of the list `key` with the fields of `model` as written, those not written or
    not of a kind the rules can compare (a list where a slug belongs) as None."""
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return []
    written = []
    for item in items:
        try:
            written.append(model.model_validate(item))
            continue
        except ValidationError as error:
            wrong = {entry["loc"][0] for entry in error.errors() if entry["loc"]}
        fields = item if isinstance(item, dict) else {}
        written.append(
            SimpleNamespace(**{name: None if name in wrong else fields.get(name) for name in model.model_fields})
        )
    return written


def _numbering(measures: Sequence[Measure]) -> Iterator[Finding]:
    seen: dict[int, int] = {}
    # A measure without a number of its own moves every later one: their places would be its consequence.
    places_known = all(type(measure.number) is int for measure in measures)
    for index, measure in enumerate(measures):
        if type(measure.number) is not int:  # said where the field is read
            continue
        if measure.number in seen:
            yield (
                ("measures", index, "number"),
                f"measure number {measure.number} is used twice (also measure #{seen[measure.number] + 1}"
                " in the list) — each measure needs its own number",
            )
            continue
        seen[measure.number] = index
        if places_known and measure.number != index + 1:
            yield (
                ("measures", index, "number"),
                f"measure {measure.number} is #{index + 1} in the list: measures must be numbered"
                f" 1, 2, 3… in order without gaps — expected {index + 1} here",
            )


def _domains(domains: Sequence[Domain], measures: Sequence[Measure]) -> Iterator[Finding]:
    # Two menu entries and two pages under one name: readers could not tell them apart.
    names: dict[str, int] = {}
    for index, domain in enumerate(domains):
        if domain.name is None:  # not written, or not text: said where the field is read
            continue
        if domain.name in names:
            yield (
                ("domains", index, "name"),
                f"the name '{domain.name}' is used by two domains (also domain {names[domain.name] + 1})"
                " — each domain needs its own name",
            )
        names.setdefault(domain.name, index)
    slugs: dict[str, int] = {}
    for index, domain in enumerate(domains):
        if domain.slug is None:
            continue
        if domain.slug in slugs:
            yield (
                ("domains", index, "slug"),
                f"slug '{domain.slug}' is used by two domains (also domain {slugs[domain.slug] + 1})"
                " — each domain needs its own web address",
            )
        else:
            slugs[domain.slug] = index
    # A former address leads to one page: never to a domain's page of today, nor to two domains.
    former: dict[str, int] = {}
    for index, domain in enumerate(domains):
        for item, slug in enumerate(domain.former_slugs or ()):
            if not isinstance(slug, str):
                continue
            if slug in slugs:
                yield (
                    ("domains", index, "former_slugs", item),
                    f"former slug '{slug}' of domain {index + 1} is the slug of domain {slugs[slug] + 1} today:"
                    " one address cannot lead to two pages — remove it from former_slugs",
                )
            elif slug in former:
                yield (
                    ("domains", index, "former_slugs", item),
                    f"former slug '{slug}' is listed twice (also under domain {former[slug] + 1})"
                    " — its old address can lead to one domain only: keep one",
                )
            former.setdefault(slug, index)
    if any(domain.slug is None for domain in domains) or any(measure.domain is None for measure in measures):
        return  # a slug unread leaves every measure's domain and every domain's measures unjudged
    used = {measure.domain for measure in measures}
    for index, domain in enumerate(domains):
        if domain.slug is not None and domain.slug not in used:
            yield ("domains", index), f"domain '{domain.slug}' ({domain.name}) has no measures"
    for index, measure in enumerate(measures):
        if measure.domain is not None and measure.domain not in slugs:
            close = difflib.get_close_matches(measure.domain, list(slugs), n=1)
            hint = f" — did you mean '{close[0]}'?" if close else f" — known domains: {', '.join(slugs)}"
            yield ("measures", index, "domain"), f"measure {measure.number} is in unknown domain '{measure.domain}'{hint}"


def _changes(document: MeasuresDocument) -> Iterator[Finding]:
    """The change log's rules: one subject an entry, no day after last_updated, and one entry
    per subject a day (the day and the subject are the entry's permanent id in the feeds)."""
    seen: dict[tuple, int] = {}
    for index, change in enumerate(document.changes):
        where = f"change #{index + 1} in the list"
        if change.measure is not None and change.paragraph is not None:
            yield (
                ("changes", index, "paragraph"),
                f"{where} is about measure {change.measure} and paragraph {change.paragraph}: an entry is"
                " about one measure, one paragraph, or neither (the site as a whole) — write two entries",
            )
        # The footer's 最後更新 and the feeds' date must agree: one of the two days is wrong.
        if change.date > document.last_updated:
            yield (
                ("changes", index, "date"),
                f"{where} is dated {change.date.isoformat()}, after last_updated ({document.last_updated.isoformat()})"
                " — set last_updated to the day of the newest change, or correct this date",
            )
        key = (change.date, change.subject)
        if key in seen:
            yield (
                ("changes", index),
                f"{where} is about {_subject_words(change)} on {change.date.isoformat()}, like change"
                f" #{seen[key] + 1} — write one entry per day for each measure, paragraph or the site"
                " (say both changes in its note)",
            )
        seen.setdefault(key, index)


def _progress(data: Any) -> Iterator[Finding]:
    """A measure's reports: none dated after last_updated, one a day (the day is the report's
    permanent id in the feeds). Judged on the days as written, read from the data without
    validating it again, so that a report wrong in another way, or a measure wrong elsewhere,
    hides none of these."""
    if not isinstance(data, dict) or not isinstance(data.get("measures"), list):
        return
    last_updated = _written_date(data.get("last_updated"))
    for index, measure in enumerate(data["measures"]):
        reports = measure.get("progress") if isinstance(measure, dict) else None
        if not isinstance(reports, list):
            continue
        name = describe(data, ("measures", index))
        seen: dict[datetime.date, int] = {}
        for item, report in enumerate(reports):
            day = _written_date(report.get("date")) if isinstance(report, dict) else None
            if day is None:  # said where the field is read
                continue
            location = ("measures", index, "progress", item, "date")
            if last_updated is not None and day > last_updated:
                yield (
                    location,
                    f"report {item + 1} of {name} is dated {day.isoformat()}, after"
                    f" last_updated ({last_updated.isoformat()}) — set last_updated to the day of the"
                    " newest change, or correct this date",
                )
            if day in seen:
                yield (
                    location,
                    f"report {item + 1} of {name} is dated {day.isoformat()}, like report"
                    f" {seen[day] + 1} — write one report per day for a measure (say both in its note)",
                )
            seen.setdefault(day, item)


def _written_date(value: Any) -> datetime.date | None:
    """A day as written ("2024-06-19", quoted or not), or None when it is not one."""
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) and _ISO_DAY.fullmatch(value) else None
    except ValueError:
        return None


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _subject_words(change) -> str:
    """"measure 15", "paragraph 2" or "the site as a whole": the entry's subject, for a message."""
    return "the site as a whole" if change.subject == "site" else change.subject.replace("-", " ")


def _strings(data: Any, location: Location = ()) -> Iterator[tuple[Location, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*location, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*location, index))
    elif isinstance(data, str):
        yield location, data


def _simplified_characters(data: Any) -> Iterator[Finding]:
    for location, text in _strings(data):
        found = hanzi.find_simplified(text)
        if found:
            pairs = "、".join(f"「{char}」→「{'/'.join(forms)}」" for _, char, forms in found)
            yield (
                location,
                f"{describe(data, location)} has Simplified characters in the Traditional text: {pairs}"
                " — type the Traditional form (the Simplified pages are generated)",
            )


def _reason_script(reason: str, index: int) -> Iterator[str]:
    """A reason is Traditional text, like the data, converted for the 简体 page; only what it
    quotes in 「」 keeps its own script (the Simplified phrase it corrects, say)."""
    unquoted = "".join(piece for piece, quoted in hanzi.quoted_pieces(reason) if not quoted)
    found = hanzi.find_simplified(unquoted)
    if found:
        pairs = "、".join(f"「{char}」→「{'/'.join(forms)}」" for _, char, forms in found)
        yield (
            f"the reason of override {index + 1} has Simplified characters outside a quotation: {pairs}"
            " — type the Traditional form (the 简体 page gets the conversion); quote a Simplified phrase in 「」"
        )


def _locator(data: Any, shown: str):
    def problem(location: Location, message: str, *, key: bool = False) -> Problem:
        line, column = locate(data, location, key=key)
        return Problem(shown, line, column, message)

    return problem


def _validate(model: type[ModelT], parsed: ParsedFile, shown: str, problems: list[Problem]) -> tuple[ModelT | None, list[Problem]]:
    """The parsed data as `model` (None when it does not validate), and `problems` with the value
    findings and pydantic's, located and in plain words (pydantic's only where a finding has not spoken)."""
    data = parsed.data
    problem = _locator(data, shown)
    problems = [
        *parsed.problems,
        *problems,
        *(
            Problem(shown, *finding.position, f"{describe(data, finding.location)} {finding.message}")
            for finding in parsed.findings
            if finding.severity == characters.ERROR
        ),
    ]
    if not isinstance(data, dict):
        fields = ", ".join(f"{name}:" for name in model.model_fields)
        return None, [*problems, problem((), f"the file must be a block of fields ({fields})")]
    try:
        return model.model_validate(data), problems
    except ValidationError as error:
        spoken = {finding.location for finding in parsed.findings if finding.severity == characters.ERROR}
        spoken |= set(parsed.emptied)
        findings = _pydantic_findings(model, data, error, parsed.left_out)
        return None, [*problems, *(problem(loc, message, key=at_key) for loc, message, at_key in findings if loc not in spoken)]


def _validated(model: type[ModelT], parsed: ParsedFile, shown: str, problems: list[Problem]) -> ModelT:
    """The parsed data as `model`, or DataError with every problem found."""
    validated, problems = _validate(model, parsed, shown, problems)
    if problems or validated is None:
        raise DataError(problems)
    return validated


def _warnings(parsed: ParsedFile, shown: str) -> tuple[Problem, ...]:
    return tuple(
        Problem(shown, *finding.position, f"{describe(parsed.data, finding.location)} {finding.message}", "warning")
        for finding in parsed.findings
        if finding.severity == characters.WARNING
    )


def _addresses(document: MeasuresDocument, publication: Publication) -> Iterator[Finding]:
    """Addresses that are not yet real: a placeholder, or no feedback address at all."""
    site = document.site
    site_addresses = [
        (("site", "feedback_url"), site.feedback_url),
        (("site", "feedback_email"), site.feedback_email),
        (("site", "official_source", "url"), site.official_source.url),
        (("site", "official_document", "url"), site.official_document and site.official_document.url),
        (("site", "data_licence", "url"), site.data_licence.url),
    ]
    for location, address in site_addresses:
        problem = address and placeholder_problem(address)
        if problem:
            field = ".".join(map(str, location))
            yield location, f"{field} {problem} — the published pages would link it"
    for index, measure in enumerate(document.measures):
        for item, entry in enumerate(measure.progress):
            problem = placeholder_problem(entry.source)
            if problem:
                yield (
                    ("measures", index, "progress", item, "source"),
                    f"the source of report {item + 1} of measure {measure.number} {problem} — the published pages would link it",
                )
    if site.feedback_url is None and publication.issues_address is None:
        yield (
            ("site",),
            "site.feedback_url is not set: the pages offer readers no way to report a mistake — write the address"
            " where they can (on GitHub the build uses the repository's issue page when it is not set)",
        )


def validate(parsed: ParsedFile, shown: str, publication: Publication = Publication()) -> MeasuresDocument:
    """Parsed YAML data -> MeasuresDocument, or DataError with every problem located."""
    return _validated_document(parsed, shown, publication)[0]


def _validated_document(
    parsed: ParsedFile, shown: str, publication: Publication
) -> tuple[MeasuresDocument, tuple[Problem, ...]]:
    """The document, with its feedback address as published, and the warnings about its addresses."""
    data = parsed.data
    problem = _locator(data, shown)
    document, problems = _validate(MeasuresDocument, parsed, shown, [])
    problems += [problem(location, message) for location, message in _simplified_characters(data)]
    if document is None:
        # A field wrong in one measure hides nothing else: the numbering and the domains are
        # judged on what the data says of them, so that one run reports every problem.
        domains, measures = _as_written(data, "domains", Domain), _as_written(data, "measures", Measure)
        problems += [
            problem(location, message)
            for rule in (_numbering(measures), _domains(domains, measures), _progress(data))
            for location, message in rule
        ]
        raise DataError(problems)
    problems += [
        problem(location, message)
        for rule in (
            _numbering(document.measures),
            _domains(document.domains, document.measures),
            _changes(document),
            _progress(data),
        )
        for location, message in rule
    ]
    # A placeholder stops only a build for the public; a preview shows it, with a warning.
    address_problems = [
        problem(location, message, key=location == ("site",)) for location, message in _addresses(document, publication)
    ]
    if publication.public:
        problems += address_problems
        address_problems = []
    if problems:
        raise DataError(problems)
    if document.site.feedback_url is None and publication.issues_address:
        site = document.site.model_copy(update={"feedback_url": publication.issues_address})
        document = document.model_copy(update={"site": site})
    return document, tuple(replace(found, severity="warning") for found in address_problems)


def read_document(
    path: Path, shown: str | None = None, publication: Publication = Publication()
) -> tuple[MeasuresDocument, tuple[Problem, ...]]:
    """The validated document in `path` and the warnings about it (which do not stop publishing)."""
    shown = shown or str(path)
    parsed = parse_file(read_text(path, shown), shown, MeasuresDocument)
    document, address_warnings = _validated_document(parsed, shown, publication)
    return document, (*_warnings(parsed, shown), *address_warnings)


def load_document(path: Path, shown: str | None = None) -> MeasuresDocument:
    """The validated document in `path`; `shown` is how problems name the file."""
    return read_document(path, shown)[0]


@dataclass(frozen=True)
class LocatedOverrides:
    """The conversion overrides, with where each one is written (to report an unused one)."""

    overrides: ConversionOverrides
    path: str
    positions: tuple[tuple[int, int], ...]
    warnings: tuple[Problem, ...] = ()

    def unused(self, used: set[str]) -> list[Problem]:
        return [
            Problem(
                self.path,
                line,
                column,
                f"override '{override.opencc}' → '{override.simplified}' matches nothing in the"
                " Simplified text — correct the phrase (as OpenCC writes it) or remove the override",
            )
            for override, (line, column) in zip(self.overrides.overrides, self.positions)
            if override.opencc not in used
        ]


def load_overrides(path: Path, shown: str | None = None) -> LocatedOverrides:
    """The editors' conversion overrides in `path`; none when the file does not exist."""
    shown = shown or str(path)
    if not path.exists():
        return LocatedOverrides(ConversionOverrides(), shown, ())
    parsed = parse_file(read_text(path, shown), shown, ConversionOverrides)
    data = parsed.data
    overrides = _validated(ConversionOverrides, parsed, shown, [])
    phrases: dict[str, int] = {}
    problems = [
        Problem(shown, *locate(data, ("overrides", index, "reason")), message)
        for index, override in enumerate(overrides.overrides)
        for message in _reason_script(override.reason, index)
    ]
    for index, override in enumerate(overrides.overrides):
        if override.opencc in phrases:
            line, column = locate(data, ("overrides", index, "opencc"))
            problems.append(
                Problem(
                    shown,
                    line,
                    column,
                    f"override '{override.opencc}' is written twice (also override {phrases[override.opencc] + 1})"
                    " — keep one",
                )
            )
        phrases.setdefault(override.opencc, index)
    if problems:
        raise DataError(problems)
    positions = tuple(locate(data, ("overrides", index)) for index in range(len(overrides.overrides)))
    return LocatedOverrides(overrides, shown, positions, _warnings(parsed, shown))


def load_search_terms(path: Path, shown: str | None = None) -> SearchTerms:
    """The editors' search synonyms and variant forms in `path`; none when the file does not exist."""
    shown = shown or str(path)
    if not path.exists():
        return SearchTerms()
    parsed = parse_file(read_text(path, shown), shown, SearchTerms)
    problem = _locator(parsed.data, shown)
    problems = [problem(location, message) for location, message in _simplified_characters(parsed.data)]
    terms = _validated(SearchTerms, parsed, shown, problems)
    # A "short form" as long as its name would be a synonym ranked lower for no reason.
    longer = [
        problem(("short_forms", index, "short"), f"short form '{item.short}' of item {index + 1} of 'short_forms'"
                f" is not shorter than its full form '{item.full}' — a different term is a synonym (synonyms:)")
        for index, item in enumerate(terms.short_forms)
        if len(item.short) >= len(item.full)
    ]
    if longer:
        raise DataError(longer)
    return terms


def synonyms_finding_nothing(path: Path, shown: str, terms: SearchTerms, document: MeasuresDocument) -> list[Problem]:
    """A warning at each synonym whose words (`finds`) no text of the site holds any more: the
    text it stood for was edited or deleted, and the synonym would silently find nothing."""
    if not terms.synonyms:
        return []
    fold = {character: group[0] for group in terms.variants for character in group}

    def folded(text: str) -> str:
        return "".join(fold.get(character, character) for character in text)

    texts = folded("\n".join(text for _, text in _strings(document.model_dump(mode="json"))))
    data = parse_file(read_text(path, shown), shown, SearchTerms).data
    return [
        Problem(
            shown,
            *locate(data, ("synonyms", index, "finds")),
            f"synonym '{synonym.query}' stands for 「{synonym.finds}」, which no text of the site holds any more"
            " — search would find nothing for it: correct 'finds' to the words the text uses now, or delete the synonym",
            "warning",
        )
        for index, synonym in enumerate(terms.synonyms)
        if folded(synonym.finds) not in texts
    ]
