"""The check's rules that pydantic cannot express, one small generator each: given the data (or
the model, when it validated), each yields (location, message) for every problem it finds, and
the check locates them at their lines (load.py). A rule judges what the data says even where
another field is wrong, so that one run reports every problem."""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterator, Sequence
from typing import Any

from measures_site.data import hanzi
from measures_site.data.model import Domain, Measure, MeasuresDocument
from measures_site.data.read import Location, describe, located_strings
from measures_site.data.web_address import placeholder_problem
from measures_site.publication import Publication

Finding = tuple[Location, str]


def numbering(measures: Sequence[Measure], at: Location, meeting: str) -> Iterator[Finding]:
    """Measures numbered 1, 2, 3… within their meeting (`at`, named `meeting` in the messages)."""
    seen: dict[int, int] = {}
    # A measure without a number of its own moves every later one: their places would be its consequence.
    places_known = all(type(measure.number) is int for measure in measures)
    for index, measure in enumerate(measures):
        if type(measure.number) is not int:  # said where the field is read
            continue
        if measure.number in seen:
            yield (
                (*at, "measures", index, "number"),
                f"measure number {measure.number} is used twice in {meeting} (also measure #{seen[measure.number] + 1}"
                " in its list) — each measure needs its own number",
            )
            continue
        seen[measure.number] = index
        if places_known and measure.number != index + 1:
            yield (
                (*at, "measures", index, "number"),
                f"measure {measure.number} of {meeting} is #{index + 1} in its list: measures must be numbered"
                f" 1, 2, 3… in order without gaps — expected {index + 1} here",
            )


def domains(domains: Sequence[Domain], measures: Sequence[Measure], at: Location, meeting: str) -> Iterator[Finding]:
    """A meeting's domains (`at`, named `meeting`): names and slugs its own, each with measures
    when the meeting has measures, each measure in one of them."""
    # Two menu entries and two pages under one name: readers could not tell them apart.
    names: dict[str, int] = {}
    for index, domain in enumerate(domains):
        if domain.name is None:  # not written, or not text: said where the field is read
            continue
        if domain.name in names:
            yield (
                (*at, "domains", index, "name"),
                f"the name '{domain.name}' is used by two domains of {meeting} (also domain {names[domain.name] + 1})"
                " — each domain needs its own name",
            )
        names.setdefault(domain.name, index)
    slugs: dict[str, int] = {}
    for index, domain in enumerate(domains):
        if domain.slug is None:
            continue
        if domain.slug in slugs:
            yield (
                (*at, "domains", index, "slug"),
                f"slug '{domain.slug}' is used by two domains of {meeting} (also domain {slugs[domain.slug] + 1})"
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
                    (*at, "domains", index, "former_slugs", item),
                    f"former slug '{slug}' of domain {index + 1} of {meeting} is the slug of domain {slugs[slug] + 1} today:"
                    " one address cannot lead to two pages — remove it from former_slugs",
                )
            elif slug in former:
                yield (
                    (*at, "domains", index, "former_slugs", item),
                    f"former slug '{slug}' is listed twice in {meeting} (also under domain {former[slug] + 1})"
                    " — its old address can lead to one domain only: keep one",
                )
            former.setdefault(slug, index)
    if any(domain.slug is None for domain in domains) or any(measure.domain is None for measure in measures):
        return  # a slug unread leaves every measure's domain and every domain's measures unjudged
    used = {measure.domain for measure in measures}
    # A meeting known from its press release lists its areas without measures; one with measures has none empty.
    for index, domain in enumerate(domains if measures else ()):
        if domain.slug is not None and domain.slug not in used:
            yield (*at, "domains", index), f"domain '{domain.slug}' ({domain.name}) of {meeting} has no measures"
    for index, measure in enumerate(measures):
        if measure.domain is not None and measure.domain not in slugs:
            close = difflib.get_close_matches(measure.domain, list(slugs), n=1)
            hint = f" — did you mean '{close[0]}'?" if close else f" — known domains of {meeting}: {', '.join(slugs) or 'none'}"
            yield (
                (*at, "measures", index, "domain"),
                f"measure {measure.number} of {meeting} is in unknown domain '{measure.domain}'{hint}",
            )


def meetings(meetings: Sequence[Any], names: Sequence[str]) -> Iterator[Finding]:
    """The meetings as written (each with conference, memorandum, annex, source, measures, None
    where not written or wrong), each named in the messages by `names` (read.describe's words):
    a number no other meeting has, measures somewhere, the annex and memorandum of the measures
    written, and a source for what a meeting's page does not hold."""
    numbers: dict[int, int] = {}
    for index, meeting in enumerate(meetings):
        number = getattr(meeting.conference, "meeting_number", None)
        if type(number) is not int:  # said where the field is read
            continue
        if number in numbers:
            yield (
                ("meetings", index, "conference", "meeting_number"),
                f"meeting number {number} is used by two meetings (also meeting #{numbers[number] + 1} in the list)"
                " — each meeting has its own number: its addresses are made from it",
            )
        numbers.setdefault(number, index)
    for index, (meeting, name) in enumerate(zip(meetings, names)):
        if meeting.measures:
            for field, what in (("memorandum", "its memorandum"), ("annex", "its annex's title")):
                if getattr(meeting, field) is None:
                    yield (
                        ("meetings", index),
                        f"{name} has measures but no '{field}': write {what} (from the signed text) above its measures",
                    )
        if meeting.memorandum is None and meeting.source is None:
            yield (
                ("meetings", index),
                f"{name} has no memorandum and no 'source': write the https address where the public can read"
                " about it (a government press release), which its page links",
            )
    if meetings and not any(meeting.measures for meeting in meetings):
        yield ("meetings",), "no meeting has measures: the site shows measures — write those of at least one meeting"


def changes(document: MeasuresDocument) -> Iterator[Finding]:
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
        if change.meeting is None and (change.measure is not None or change.paragraph is not None):
            yield (
                ("changes", index),
                f"{where} is about {_subject_words(change)} but names no meeting — add 'meeting:' with the"
                " number of the meeting it belongs to (meeting: 4)",
            )
        key = (change.date, change.meeting, change.subject)
        if key in seen:
            yield (
                ("changes", index),
                f"{where} is about {_subject_words(change)} on {change.date.isoformat()}, like change"
                f" #{seen[key] + 1} — write one entry per day for each measure, paragraph or the site"
                " (say both changes in its note)",
            )
        seen.setdefault(key, index)


def progress(data: Any) -> Iterator[Finding]:
    """A measure's reports: none dated after last_updated, one a day (the day is the report's
    permanent id in the feeds). Judged on the days as written, read from the data without
    validating it again, so that a report wrong in another way, or a measure wrong elsewhere,
    hides none of these."""
    if not isinstance(data, dict) or not isinstance(data.get("meetings"), list):
        return
    last_updated = _written_date(data.get("last_updated"))
    measures = [
        ((*at, "measures", index), measure)
        for at, meeting in (((("meetings", place)), meeting) for place, meeting in enumerate(data["meetings"]))
        if isinstance(meeting, dict) and isinstance(meeting.get("measures"), list)
        for index, measure in enumerate(meeting["measures"])
    ]
    for at, measure in measures:
        reports = measure.get("progress") if isinstance(measure, dict) else None
        if not isinstance(reports, list):
            continue
        name = describe(data, at)
        seen: dict[datetime.date, int] = {}
        for item, report in enumerate(reports):
            day = _written_date(report.get("date")) if isinstance(report, dict) else None
            if day is None:  # said where the field is read
                continue
            location = (*at, "progress", item, "date")
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


def simplified_characters(data: Any) -> Iterator[Finding]:
    for location, text in located_strings(data):
        found = hanzi.find_simplified(text)
        if found:
            pairs = "、".join(f"「{char}」→「{'/'.join(forms)}」" for _, char, forms in found)
            yield (
                location,
                f"{describe(data, location)} has Simplified characters in the Traditional text: {pairs}"
                " — type the Traditional form (the Simplified pages are generated)",
            )


def reason_script(reason: str, index: int) -> Iterator[str]:
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


def addresses(document: MeasuresDocument, publication: Publication) -> Iterator[Finding]:
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
    for place, meeting in enumerate(document.meetings):
        problem = meeting.source and placeholder_problem(meeting.source)
        if problem:
            yield ("meetings", place, "source"), f"the source of meeting {meeting.number} {problem} — its page would link it"
        for index, measure in enumerate(meeting.measures):
            for item, entry in enumerate(measure.progress):
                problem = placeholder_problem(entry.source)
                if problem:
                    yield (
                        ("meetings", place, "measures", index, "progress", item, "source"),
                        f"the source of report {item + 1} of measure {measure.number} of meeting {meeting.number}"
                        f" {problem} — the published pages would link it",
                    )
    if site.feedback_url is None and publication.issues_address is None:
        yield (
            ("site",),
            "site.feedback_url is not set: the pages offer readers no way to report a mistake — write the address"
            " where they can (on GitHub the build uses the repository's issue page when it is not set)",
        )
