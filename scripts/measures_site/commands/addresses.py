"""What a change does to the site's addresses, compared with the data before it (a git revision).

An address readers may have saved or linked is a domain's page (its slug) and a measure's
(its number: its own page, and its anchor on the domain page). A slug that disappears
without being listed in its domain's `former_slugs` leaves a 404 in both scripts; a measure
number that disappears, or a renumbering, makes old links lead to another measure or to
none. None of these stops publishing (a deletion may be meant), so each is a warning at
the line where it shows, for the editor to record (former_slugs, the change log) or accept.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from measures_site.content.paths import PATHS, url
from measures_site.data.load import validate
from measures_site.data.model import Change, Domain, Measure, MeasuresDocument, Meeting
from measures_site.data.problems import DataError, Problem
from measures_site.data.read import as_written_today, data_text, locate, parse_file, read_text

Location = tuple[str | int, ...]


@dataclass(frozen=True)
class AddressChanges:
    """How the addresses of `base` fare in `head`."""

    renamed: tuple[tuple[str, Domain], ...]  # (old slug, the domain that lists it): redirected
    lost_slugs: tuple[tuple[Domain, Domain | None], ...]  # (base domain, the head domain of its name, if any)
    lost_measures: tuple[Measure, ...]  # numbers of base that head no longer has, without a log entry
    renumbered: tuple[tuple[Measure, Measure], ...]  # (as in base, as in head): same text, other number


def _text(measure: Measure) -> tuple[str, str]:
    return measure.title, measure.body


def address_changes(base: Meeting, head: Meeting, new_changes: Iterable[Change] = ()) -> AddressChanges:
    """What a change of one meeting (`base` to `head`) does to its addresses; `new_changes`, the
    change log's entries new in it, record a measure's deletion or renumbering."""
    slugs = {domain.slug for domain in head.domains}
    recorded = {slug: domain for domain in head.domains for slug in domain.former_slugs}
    names = {domain.name: domain for domain in head.domains}
    renamed, lost = [], []
    for domain in base.domains:
        for slug in (domain.slug, *domain.former_slugs):
            if slug in slugs:
                continue
            if slug in recorded:
                if slug == domain.slug:
                    renamed.append((slug, recorded[slug]))
            else:
                lost.append((domain.model_copy(update={"slug": slug}), names.get(domain.name)))
    numbers = {measure.number for measure in head.measures}
    # A change log entry about a measure, new in this change, records its deletion or renumbering.
    logged = {change.measure for change in new_changes if change.meeting == head.number}
    lost_measures = [m for m in base.measures if m.number not in numbers and m.number not in logged]
    head_by_text = {}
    for measure in head.measures:
        head_by_text.setdefault(_text(measure), measure)
    renumbered = [
        (measure, head_by_text[_text(measure)])
        for measure in base.measures
        if _text(measure) in head_by_text and head_by_text[_text(measure)].number != measure.number
    ]
    return AddressChanges(tuple(renamed), tuple(lost), tuple(lost_measures), tuple(renumbered))


def measure_addresses(meeting: Meeting, measure: Measure) -> tuple[str, str]:
    """The measure's own page and its place on its domain page, relative to a locale's root."""
    at = PATHS.meeting(meeting.number)
    return url(at.measure_page(measure)), url(at.measure(measure))


def base_bytes(data_file: Path, revision: str) -> bytes | None:
    """The data file at `revision` (None when git cannot tell, or the file was not there)."""
    try:
        return subprocess.run(
            ["git", "show", f"{revision}:./{data_file.name}"],
            cwd=data_file.parent,
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


def _document(text: str, shown: str) -> tuple[MeasuresDocument, object]:
    parsed = parse_file(text, shown, MeasuresDocument)
    return validate(parsed, shown), parsed.data


def address_warnings(data_file: Path, shown: str, revision: str) -> list[Problem]:
    """Warnings, at their lines of `data_file` (which the check has found valid), about the addresses
    its change since `revision` moves or removes without a record; one warning, on line 1, when
    the data of `revision` cannot be read, so that an unchecked change never passes as a checked one."""
    old_bytes = base_bytes(data_file, revision)
    try:
        if old_bytes is None:
            raise DataError([])
        base, _ = _document(as_written_today(data_text(old_bytes, f"{revision}:{shown}")), f"{revision}:{shown}")
    except DataError:
        return [
            Problem(
                shown,
                1,
                1,
                f"the data of {revision} could not be read (not in git there, or not valid then): the addresses"
                " this change moves or removes were not checked — compare the old and new slugs and numbers by hand",
                "warning",
            )
        ]
    head, data = _document(read_text(data_file, shown), shown)
    new_changes = [change for change in head.changes if change not in base.changes]

    def warning(location: Location, message: str, *, key: bool = False) -> Problem:
        return Problem(shown, *locate(data, location, key=key), message, "warning")

    found = []
    for place, meeting in enumerate(head.meetings):
        before = base.meeting(meeting.number)
        if before is not None:
            found += _meeting_warnings(before, meeting, ("meetings", place), new_changes, revision, warning)
    return found


def _meeting_warnings(
    base: Meeting, head: Meeting, at: Location, new_changes: list[Change], revision: str, warning: Callable[..., Problem]
) -> list[Problem]:
    changes = address_changes(base, head, new_changes)
    found = []
    for domain, successor in changes.lost_slugs:
        address = url(PATHS.meeting(head.number).domain(domain))
        if successor is not None:
            index = head.domains.index(successor)
            found.append(
                warning(
                    (*at, "domains", index, "slug"),
                    f"slug '{domain.slug}' of {revision} is gone: its address {address} would answer 404 in both"
                    f" scripts — if this domain was renamed, add the line `former_slugs: [{domain.slug}]` to it",
                )
            )
        else:
            found.append(
                warning(
                    (*at, "domains"),
                    f"domain '{domain.slug}' ({domain.name}) of {revision} is gone, and no domain lists it in"
                    f" former_slugs: its address {address} would answer 404 in both scripts — add"
                    f" '{domain.slug}' to the former_slugs of the domain that took its measures",
                    key=True,
                )
            )
    for measure in changes.lost_measures:
        own, anchor = measure_addresses(base, measure)
        found.append(
            warning(
                (*at, "measures"),
                f"measure {measure.number} of {revision} is gone: its addresses {own} and {anchor} would lead"
                f" nowhere in both scripts — if it was deleted, say so in the change log (an entry with"
                f" `meeting: {head.number}` and `measure: {measure.number}`)",
                key=True,
            )
        )
    for before, after in changes.renumbered:
        index = head.measures.index(after)
        moves = ", ".join(
            f"{old} → {new}" for old, new in zip(measure_addresses(base, before), measure_addresses(head, after))
        )
        found.append(
            warning(
                (*at, "measures", index, "number"),
                f"measure {after.number} was measure {before.number} in {revision}: its addresses change ({moves});"
                f" links to the old ones now lead to another measure or nowhere — say so in the change log",
            )
        )
    return found
