"""The check: data/measures.yaml (and the conversion overrides and search terms) into a validated
model, or DataError with every problem located.

Every problem an editor can make ends here as a Problem at FILE:LINE:COL in plain
words. The text is read (read.py: the characters that only look right, then libyaml into
data that keeps each value's position), pydantic validates the types, and the rules
pydantic cannot express (rules.py: numbering, domains, dates, script, addresses) yield
(location, message) pairs, located the same way.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from measures_site.data import characters, rules
from measures_site.data.model import ConversionOverrides, Domain, Measure, MeasuresDocument, SearchTerms
from measures_site.data.problems import DataError, Problem
from measures_site.data.read import Location, ParsedFile, describe, locate, located_strings, parse_file, read_text
from measures_site.publication import Publication

ModelT = TypeVar("ModelT", bound=BaseModel)


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
        elif kind == "extra_forbidden" and field == "ordinal" and location[-3:-2] == ("domains",):
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
        elif kind == "too_short" and isinstance(value, list) and value:
            continue  # its items were written, and each one's own problems say what is wrong
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


def _meeting_findings(data: Any, document: MeasuresDocument | None = None) -> Iterator[rules.Finding]:
    """What the rules find in the meetings: on the model when it validated, else on each
    meeting's fields as written."""
    if document is not None:
        meetings: list[Any] = list(document.meetings)
    else:
        written = data.get("meetings") if isinstance(data, dict) else None
        meetings = [_meeting_as_written(item) for item in (written if isinstance(written, list) else ())]
    places = [("meetings", index) for index in range(len(meetings))]
    names = [describe(data, at) for at in places]
    yield from rules.meetings(meetings, names)
    for meeting, at, name in zip(meetings, places, names):
        yield from rules.numbering(meeting.measures, at, name)
        yield from rules.domains(meeting.domains, meeting.measures, at, name)
    yield from rules.progress(data)


def _meeting_as_written(item: Any) -> SimpleNamespace:
    """A meeting's fields as the rules read them, from the data as written."""
    fields = item if isinstance(item, dict) else {}
    conference = fields.get("conference")
    return SimpleNamespace(
        conference=SimpleNamespace(meeting_number=conference.get("meeting_number") if isinstance(conference, dict) else None),
        memorandum=fields.get("memorandum"),
        annex=fields.get("annex"),
        source=fields.get("source"),
        domains=_as_written(item, "domains", Domain),
        measures=_as_written(item, "measures", Measure),
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
    problems += [problem(location, message) for location, message in rules.simplified_characters(data)]
    if document is None:
        # A field wrong in one measure hides nothing else: the numbering and the domains are
        # judged on what the data says of them, so that one run reports every problem.
        problems += [problem(location, message) for location, message in _meeting_findings(data)]
        raise DataError(problems)
    problems += [problem(location, message) for location, message in _meeting_findings(data, document)]
    problems += [problem(location, message) for location, message in rules.changes(document)]
    # A placeholder stops only a build for the public; a preview shows it, with a warning.
    address_problems = [
        problem(location, message, key=location == ("site",)) for location, message in rules.addresses(document, publication)
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
        for message in rules.reason_script(override.reason, index)
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
    problems = [problem(location, message) for location, message in rules.simplified_characters(parsed.data)]
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

    texts = folded("\n".join(text for _, text in located_strings(document.model_dump(mode="json"))))
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
