"""The open data's fields: the one definition from which measures-<locale>.json (its top-level keys,
DOCUMENT_FIELDS, and each measure's, MEASURE_FIELDS), the CSV columns, the open data's JSON Schema
and the Data page's words about them are made.

A field that comes from the data is declared in model.py as well (what editors write, and
the editors' JSON Schema); everything published about it is here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from measures_site.data.model import PROGRESS_STATUSES, Domain, Measure, MeasuresDocument, Meeting
from measures_site.locales import LOCALES

Definitions = Mapping[str, Any]  # the "$defs" of the editors' JSON Schema (schema.document_schema)

TEXT_SCHEMA: dict[str, Any] = {"type": "string", "minLength": 1}


def _text(definitions: Definitions) -> dict[str, Any]:
    return TEXT_SCHEMA


def _meeting_number(definitions: Definitions) -> dict[str, Any]:
    return definitions["Conference"]["properties"]["meeting_number"]


@dataclass(frozen=True)
class PlacedMeasure:
    """A measure where the site publishes it: its meeting, its domain and its absolute URL."""

    measure: Measure
    meeting: Meeting
    domain: Domain
    url: str


@dataclass(frozen=True)
class PublishedField:
    name: str  # the key in measures.json and the column in measures.csv
    meaning: str  # the Data page's explanation, in the source locale (converted like the data)
    value: Callable[[PlacedMeasure], Any]
    schema: Callable[[Definitions], dict[str, Any]] = _text
    in_csv: bool = True


def _reports(measure: Measure) -> list[dict[str, str]]:
    return [
        {"date": report.date.isoformat(), "status": report.status, "note": report.note, "source": report.source}
        for report in measure.progress_newest_first
    ]


_REPORT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["date", "status", "note", "source"],
    "properties": {
        "date": {"type": "string", "format": "date"},
        "status": {"enum": list(PROGRESS_STATUSES)},
        "note": TEXT_SCHEMA,
        "source": {"type": "string", "format": "uri"},
    },
}

MEASURE_FIELDS: tuple[PublishedField, ...] = (
    PublishedField(
        "meeting",
        "措施所屬的閩港合作會議的屆次（4 即第四次會議）",
        lambda placed: placed.meeting.number,
        schema=lambda definitions: _meeting_number(definitions),
    ),
    PublishedField(
        "number",
        "措施編號（每次會議的措施由 1 起）",
        lambda placed: placed.measure.number,
        schema=lambda definitions: definitions["Measure"]["properties"]["number"],
    ),
    PublishedField("domain_ordinal", "合作領域的序號（一、二……）", lambda placed: placed.domain.ordinal),
    PublishedField("domain", "合作領域名稱", lambda placed: placed.domain.name),
    PublishedField(
        "domain_slug",
        "合作領域的英文代號（只在 JSON）",
        lambda placed: placed.measure.domain,
        schema=lambda definitions: definitions["Measure"]["properties"]["domain"],
        in_csv=False,
    ),
    PublishedField("title", "措施標題", lambda placed: placed.measure.title),
    PublishedField("body", "措施內容全文", lambda placed: placed.measure.body),
    PublishedField(
        "url",
        "該措施在本站的網址",
        lambda placed: placed.url,
        schema=lambda definitions: {"type": "string", "format": "uri"},
    ),
    PublishedField(
        "latest_status",
        "最新一份進度報告的狀態：" + "、".join(PROGRESS_STATUSES) + "（見「落實進度」頁的狀態說明）；未有報告則留空",
        lambda placed: placed.measure.latest_progress.status if placed.measure.latest_progress else None,
        schema=lambda definitions: {"enum": [*PROGRESS_STATUSES, None]},
    ),
    PublishedField(
        "latest_status_date",
        "最新一份進度報告的日期；未有報告則留空",
        lambda placed: placed.measure.latest_progress.date.isoformat() if placed.measure.latest_progress else None,
        schema=lambda definitions: {"type": ["string", "null"], "format": "date"},
    ),
    PublishedField(
        "progress",
        "全部進度報告，由新至舊：日期、狀態、內容及來源網址（只在 JSON）",
        lambda placed: _reports(placed.measure),
        schema=lambda definitions: {"type": "array", "items": _REPORT_SCHEMA},
        in_csv=False,
    ),
)


def csv_fields() -> tuple[str, ...]:
    return tuple(field.name for field in MEASURE_FIELDS if field.in_csv)


def measure_record(placed: PlacedMeasure) -> dict[str, Any]:
    return {field.name: field.value(placed) for field in MEASURE_FIELDS}


def measure_schema(definitions: Definitions) -> dict[str, Any]:
    """The JSON Schema of one entry of measures.json's `measures`."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [field.name for field in MEASURE_FIELDS],
        "properties": {field.name: field.schema(definitions) for field in MEASURE_FIELDS},
    }


# ── the file's top-level keys ──


@dataclass(frozen=True)
class DocumentField:
    name: str  # a top-level key of measures-<locale>.json
    value: Callable[[MeasuresDocument, str], Any]  # (the document in the file's script, its locale code) -> value
    schema: Callable[[Definitions], dict[str, Any]]


_DATE_SCHEMA: dict[str, Any] = {"type": "string", "format": "date"}


def _list_of(properties: dict[str, Any]) -> dict[str, Any]:
    """The schema of a list of at least one object of exactly these properties, all required."""
    return {
        "type": "array",
        "minItems": 1,
        "items": {"type": "object", "additionalProperties": False, "required": list(properties), "properties": properties},
    }

DOCUMENT_FIELDS: tuple[DocumentField, ...] = (
    DocumentField("locale", lambda document, code: code, lambda definitions: {"enum": [locale.code for locale in LOCALES]}),
    # The annex, conference and day of the meeting the home page leads with; every meeting is in `meetings`.
    DocumentField("title", lambda document, code: document.lead_meeting.annex.title, _text),
    DocumentField("conference", lambda document, code: document.lead_meeting.conference.name, _text),
    DocumentField("date", lambda document, code: document.lead_meeting.conference.date.isoformat(), lambda definitions: _DATE_SCHEMA),
    DocumentField("last_updated", lambda document, code: document.last_updated.isoformat(), lambda definitions: _DATE_SCHEMA),
    DocumentField(
        "licence",
        lambda document, code: {"name": document.site.data_licence.name, "url": document.site.data_licence.url},
        lambda definitions: {
            "type": "object",
            "additionalProperties": False,
            "required": ["name", "url"],
            "properties": {"name": TEXT_SCHEMA, "url": {"type": "string", "format": "uri"}},
        },
    ),
    DocumentField(
        "meetings",
        lambda document, code: [
            {
                "number": meeting.number,
                "name": meeting.conference.name,
                "date": meeting.conference.date.isoformat(),
                "venue": meeting.conference.venue,
            }
            for meeting in document.meetings_newest_first
        ],
        lambda definitions: _list_of(
            {"number": _meeting_number(definitions), "name": TEXT_SCHEMA, "date": _DATE_SCHEMA, "venue": TEXT_SCHEMA}
        ),
    ),
    DocumentField(
        "domains",
        lambda document, code: [
            {"meeting": meeting.number, "ordinal": domain.ordinal, "name": domain.name, "slug": domain.slug}
            for meeting in document.meetings_newest_first
            for domain in (meeting.domains if meeting.measures else ())
        ],
        lambda definitions: _list_of(
            {
                "meeting": _meeting_number(definitions),
                "ordinal": TEXT_SCHEMA,
                "name": TEXT_SCHEMA,
                "slug": definitions["Domain"]["properties"]["slug"],
            }
        ),
    ),
)
# The last key: the measures, each with MEASURE_FIELDS.
MEASURES_KEY = "measures"
