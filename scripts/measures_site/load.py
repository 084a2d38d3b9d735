"""Read data/measures.yaml into a validated MeasuresDocument, or fail with located problems.

Every problem an editor can make ends here as a Problem at FILE:LINE:COL in plain
words. The text is scanned for characters that only look right (characters.py),
libyaml reads it into data that keeps each value's position (located_yaml.py),
pydantic validates the types, and the rules pydantic cannot express (numbering,
domains, script) are small generators that yield (location, message) pairs, located
the same way.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import UnionType
from typing import Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from . import characters, hanzi
from .located_yaml import Finding as ValueFinding
from .located_yaml import LocatedMapping, LocatedSequence, compose
from .model import ConversionOverrides, Domain, Measure, MeasuresDocument, SearchTerms
from .problems import DataError, Problem
from .publication import Publication
from .web_address import placeholder_problem

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
    """The file's text: UTF-8 (a BOM is accepted), with Windows line endings folded."""
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


def character_problems(text: str, shown: str) -> tuple[list[Problem], bool]:
    """Every character of `text` that only looks right (characters.py), at its line and column,
    and whether one of them stops YAML from reading the text as it reads."""
    found = list(characters.find(text))
    problems = [Problem(shown, *_position(text, offset), hazard.message()) for offset, hazard in found]
    return problems, any(characters.breaks_yaml(hazard.character) for _, hazard in found)


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


def parse_file(text: str, shown: str, model: type[BaseModel]) -> ParsedFile:
    """YAML text -> data that remembers every value's line and column, or DataError."""
    tabs = _tab_indentation(text, shown)
    if tabs:
        raise DataError(tabs)
    found, unreadable = character_problems(text, shown)
    if unreadable:
        raise DataError(found)
    # One level more than the model so that a list where text belongs is reported as such.
    try:
        composed = compose(text, shown, collection_depth(model) + 1)
    except DataError as error:
        raise DataError([*found, *error.problems]) from None
    return ParsedFile(composed.data, found, composed.findings)


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
    model: type[BaseModel], data: Any, error: ValidationError
) -> Iterator[tuple[Location, str, bool]]:
    """(location, message, at_key) per pydantic error, in plain words."""
    for item in error.errors(include_url=False):
        location: Location = tuple(item["loc"])
        kind = item["type"]
        where = describe(data, location)
        value = item.get("input")
        field = location[-1] if location else None
        if kind == "missing":
            parent = location[:-1]
            yield parent, f"{describe(data, parent)} is missing the required field '{field}'", False
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
        elif kind.startswith("date"):
            yield location, f"{where} must be a date written YYYY-MM-DD, e.g. \"2023-06-28\"", False
        elif kind == "value_error":
            yield location, f"{where} {item['ctx']['error']}", False
        else:
            yield location, f"{where}: {item['msg']}", False


def _numbering(measures: Sequence[Measure]) -> Iterator[Finding]:
    seen: dict[int, int] = {}
    for index, measure in enumerate(measures):
        if measure.number in seen:
            yield (
                ("measures", index, "number"),
                f"measure number {measure.number} is used twice (also measure #{seen[measure.number] + 1}"
                " in the list) — each measure needs its own number",
            )
            continue
        seen[measure.number] = index
        if measure.number != index + 1:
            yield (
                ("measures", index, "number"),
                f"measure {measure.number} is #{index + 1} in the list: measures must be numbered"
                f" 1, 2, 3… in order without gaps — expected {index + 1} here",
            )


def _domains(domains: Sequence[Domain], measures: Sequence[Measure]) -> Iterator[Finding]:
    # Two menu entries and two pages under one name: readers could not tell them apart.
    for field, what in (("name", "name"), ("ordinal", "ordinal")):
        seen_at: dict[str, int] = {}
        for index, domain in enumerate(domains):
            value = getattr(domain, field)
            if value in seen_at:
                yield (
                    ("domains", index, field),
                    f"the {what} '{value}' is used by two domains (also domain {seen_at[value] + 1})"
                    f" — each domain needs its own {what}",
                )
            seen_at.setdefault(value, index)
    slugs: dict[str, int] = {}
    for index, domain in enumerate(domains):
        if domain.slug in slugs:
            yield (
                ("domains", index, "slug"),
                f"slug '{domain.slug}' is used by two domains (also domain {slugs[domain.slug] + 1})"
                " — each domain needs its own web address",
            )
        else:
            slugs[domain.slug] = index
    used = {measure.domain for measure in measures}
    for index, domain in enumerate(domains):
        if domain.slug not in used:
            yield ("domains", index), f"domain '{domain.slug}' ({domain.name}) has no measures"
    for index, measure in enumerate(measures):
        if measure.domain not in slugs:
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


def _locator(data: Any, shown: str):
    def problem(location: Location, message: str, *, key: bool = False) -> Problem:
        line, column = locate(data, location, key=key)
        return Problem(shown, line, column, message)

    return problem


def _validated(model: type[ModelT], parsed: ParsedFile, shown: str, problems: list[Problem]) -> ModelT:
    """The parsed data as `model`, or DataError with `problems` plus the value findings and
    pydantic's, located and in plain words (pydantic's only where a finding has not spoken)."""
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
        raise DataError([*problems, problem((), f"the file must be a block of fields ({fields})")])
    try:
        validated = model.model_validate(data)
    except ValidationError as error:
        spoken = {finding.location for finding in parsed.findings if finding.severity == characters.ERROR}
        findings = _pydantic_findings(model, data, error)
        raise DataError(
            [*problems, *(problem(loc, message, key=at_key) for loc, message, at_key in findings if loc not in spoken)]
        ) from None
    if problems:
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
    for location, address in (
        (("site", "feedback_url"), site.feedback_url),
        (("site", "official_source", "url"), site.official_source.url),
        (("site", "data_licence", "url"), site.data_licence.url),
    ):
        problem = address and placeholder_problem(address)
        if problem:
            field = ".".join(map(str, location))
            yield location, f"{field} {problem} — the published pages would link it"
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
    problems = [problem(location, message) for location, message in _simplified_characters(data)]
    try:
        document = _validated(MeasuresDocument, parsed, shown, [])
    except DataError as error:
        raise DataError([*error.problems, *problems]) from None
    problems += [
        problem(location, message)
        for rule in (
            _numbering(document.measures),
            _domains(document.domains, document.measures),
            _changes(document),
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
    problems = []
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
