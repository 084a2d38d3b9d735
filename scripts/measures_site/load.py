"""Read data/measures.yaml into a validated MeasuresDocument, or fail with located problems.

Every problem an editor can make ends here as a Problem at FILE:LINE:COL in plain
words. ruamel.yaml keeps each node's position; pydantic validates the types; the
rules pydantic cannot express (numbering, domains, script) are small generators
that yield (location, message) pairs, located the same way.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.nodes import MappingNode, Node, SequenceNode

from . import scripts
from .model import ConversionOverrides, Domain, Measure, MeasuresDocument, SearchTerms
from .problems import DataError, Problem

Location = tuple[str | int, ...]
ModelT = TypeVar("ModelT", bound=BaseModel)
Finding = tuple[Location, str]


# ── reading ──────────────────────────────────────────────────────────────────


def read_text(path: Path, shown: str) -> str:
    """The file's text: UTF-8 (a BOM is accepted), with Windows line endings folded."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError([Problem(shown, 1, 1, "file not found")]) from None
    except IsADirectoryError:
        raise DataError([Problem(shown, 1, 1, "is a folder, not a data file")]) from None
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
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


def _duplicate_keys(node: Node | None, shown: str) -> Iterator[Problem]:
    if isinstance(node, MappingNode):
        seen: dict[Any, int] = {}
        for key, value in node.value:
            name = key.value
            if name in seen:
                yield Problem(
                    shown,
                    key.start_mark.line + 1,
                    key.start_mark.column + 1,
                    f"field '{name}' appears twice in the same block (first on line {seen[name]})"
                    " — only one can be kept: merge them or delete one",
                )
            else:
                seen[name] = key.start_mark.line + 1
            yield from _duplicate_keys(value, shown)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            yield from _duplicate_keys(item, shown)


def parse_yaml(text: str, shown: str) -> Any:
    """YAML text -> ruamel round-trip data, which remembers every node's line and column."""
    tabs = _tab_indentation(text, shown)
    if tabs:
        raise DataError(tabs)
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = True  # reported below, all at once, with both lines
    try:
        # Parsed once: the node tree is checked for duplicates, then built into data
        # (parsing is most of a build's own time at thousands of measures).
        node = yaml.compose(text)
        duplicates = list(_duplicate_keys(node, shown))
        if duplicates:
            raise DataError(duplicates)
        return yaml.constructor.construct_document(node)
    except MarkedYAMLError as error:
        raise DataError([_syntax_problem(error, shown)]) from None
    except ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        raise DataError(
            [
                Problem(
                    shown,
                    line,
                    column,
                    f"an invisible control character (U+{error.character:04X}) is in the text — delete it"
                    " (it often comes with text pasted from another program)",
                )
            ]
        ) from None
    except YAMLError as error:  # any other parser complaint, still reported, never a traceback
        raise DataError([Problem(shown, 1, 1, f"YAML error: {error}".replace("\n", " "))]) from None


# The parser's words for the usual mistakes, and what an editor should look for.
_SYNTAX_HINTS = {
    "found unexpected end of stream": "a quote (\") is opened but never closed",
    "expected <block end>, but found": "unexpected text: a quote may be left open above, or the indentation is off",
    "mapping values are not allowed here": "a ': ' inside text — put the whole text in double quotes",
    "could not find expected ':'": "a line is missing its ':' or a quote is left open",
    "found character '\\t' that cannot start any token": "a tab character — use spaces",
}


def _syntax_problem(error: MarkedYAMLError, shown: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = error.problem or error.context or "the text is not valid YAML"
    words = next((hint for prefix, hint in _SYNTAX_HINTS.items() if problem.startswith(prefix)), problem)
    context = error.context_mark
    where = f" (in the block that starts on line {context.line + 1})" if context and context.line + 1 != line else ""
    return Problem(shown, line, column, f"YAML syntax error: {words}{where}")


# ── locating ─────────────────────────────────────────────────────────────────


def locate(data: Any, location: Location, *, key: bool = False) -> tuple[int, int]:
    """1-based (line, column) of the node at `location`, or of its nearest existing parent.

    With key=True a mapping entry is located at its key (for "unknown field") rather
    than at its value.
    """
    position = (1, 1)
    node = data
    for step in location:
        lc = getattr(node, "lc", None)
        if lc is None:
            break
        position = (lc.line + 1, lc.col + 1)
        try:
            if isinstance(step, int) and isinstance(node, list) and step < len(node):
                line, column = lc.item(step)
            elif isinstance(step, str) and isinstance(node, dict) and step in node:
                line, column = lc.key(step) if key else lc.value(step)
            else:
                break
        except (KeyError, TypeError):
            break
        position = (line + 1, column + 1)
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
                words[-1] = f"measure {number}" if isinstance(number, int) else f"measure #{step + 1} in the list"
            elif parent == "domains":
                words[-1] = f"domain {step + 1}"
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
        found = scripts.find_simplified(text)
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


def _validated(model: type[ModelT], data: Any, shown: str, problems: list[Problem]) -> ModelT:
    """`data` as `model`, or DataError with `problems` plus pydantic's, located and in plain words."""
    problem = _locator(data, shown)
    if not isinstance(data, dict):
        fields = ", ".join(f"{name}:" for name in model.model_fields)
        raise DataError([*problems, problem((), f"the file must be a block of fields ({fields})")])
    try:
        return model.model_validate(data)
    except ValidationError as error:
        findings = _pydantic_findings(model, data, error)
        raise DataError([*problems, *(problem(loc, message, key=at_key) for loc, message, at_key in findings)]) from None


def validate(data: Any, shown: str) -> MeasuresDocument:
    """Round-trip YAML data -> MeasuresDocument, or DataError with every problem located."""
    problem = _locator(data, shown)
    problems = [problem(location, message) for location, message in _simplified_characters(data)]
    document = _validated(MeasuresDocument, data, shown, problems)
    problems += [
        problem(location, message)
        for rule in (_numbering(document.measures), _domains(document.domains, document.measures))
        for location, message in rule
    ]
    if problems:
        raise DataError(problems)
    return document


def load_document(path: Path, shown: str | None = None) -> MeasuresDocument:
    """The validated document in `path`; `shown` is how problems name the file."""
    shown = shown or str(path)
    return validate(parse_yaml(read_text(path, shown), shown), shown)


@dataclass(frozen=True)
class LocatedOverrides:
    """The conversion overrides, with where each one is written (to report an unused one)."""

    overrides: ConversionOverrides
    path: str
    positions: tuple[tuple[int, int], ...]

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
    data = parse_yaml(read_text(path, shown), shown)
    overrides = _validated(ConversionOverrides, data, shown, [])
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
    return LocatedOverrides(overrides, shown, positions)


def load_search_terms(path: Path, shown: str | None = None) -> SearchTerms:
    """The editors' search synonyms and variant forms in `path`; none when the file does not exist."""
    shown = shown or str(path)
    if not path.exists():
        return SearchTerms()
    data = parse_yaml(read_text(path, shown), shown)
    problem = _locator(data, shown)
    problems = [problem(location, message) for location, message in _simplified_characters(data)]
    terms = _validated(SearchTerms, data, shown, problems)
    if problems:
        raise DataError(problems)
    return terms
