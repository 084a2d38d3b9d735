"""A measure's published fields: the one definition from which measures.json, the CSV columns,
the open data's JSON Schema and the Data page's table of fields are made.

A field that comes from the data is declared in model.py as well (what editors write, and
the editors' JSON Schema); everything published about it is here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .model import Domain, Measure

Definitions = Mapping[str, Any]  # the "$defs" of the editors' JSON Schema (schema.document_schema)

TEXT_SCHEMA: dict[str, Any] = {"type": "string", "minLength": 1}


def _text(definitions: Definitions) -> dict[str, Any]:
    return TEXT_SCHEMA


@dataclass(frozen=True)
class PublishedField:
    name: str  # the key in measures.json and the column in measures.csv
    meaning: str  # the Data page's explanation, in the source locale (converted like the data)
    value: Callable[[Measure, Domain, str], Any]  # (measure, its domain, its absolute URL) -> value
    schema: Callable[[Definitions], dict[str, Any]] = _text
    in_csv: bool = True


MEASURE_FIELDS: tuple[PublishedField, ...] = (
    PublishedField(
        "number",
        "措施編號（1 起）",
        lambda measure, domain, url: measure.number,
        schema=lambda definitions: definitions["Measure"]["properties"]["number"],
    ),
    PublishedField("domain_ordinal", "合作領域的序號（一、二……）", lambda measure, domain, url: domain.ordinal),
    PublishedField("domain", "合作領域名稱", lambda measure, domain, url: domain.name),
    PublishedField(
        "domain_slug",
        "合作領域的英文代號（只在 JSON）",
        lambda measure, domain, url: measure.domain,
        schema=lambda definitions: definitions["Measure"]["properties"]["domain"],
        in_csv=False,
    ),
    PublishedField("title", "措施標題", lambda measure, domain, url: measure.title),
    PublishedField("body", "措施內容全文", lambda measure, domain, url: measure.body),
    PublishedField(
        "url",
        "該措施在本站的網址",
        lambda measure, domain, url: url,
        schema=lambda definitions: {"type": "string", "format": "uri"},
    ),
)


def csv_fields() -> tuple[str, ...]:
    return tuple(field.name for field in MEASURE_FIELDS if field.in_csv)


def measure_record(measure: Measure, domain: Domain, url: str) -> dict[str, Any]:
    return {field.name: field.value(measure, domain, url) for field in MEASURE_FIELDS}


def measure_schema(definitions: Definitions) -> dict[str, Any]:
    """The JSON Schema of one entry of measures.json's `measures`."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [field.name for field in MEASURE_FIELDS],
        "properties": {field.name: field.schema(definitions) for field in MEASURE_FIELDS},
    }
