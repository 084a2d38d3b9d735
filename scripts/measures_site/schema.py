"""JSON Schemas: the editors' data file (from model.py) and the published open data.

data/measures.schema.json is generated from the pydantic model, so the editors'
completion and the validation can never disagree (a test keeps the committed copy
current). The open-data schema reuses its definitions of a domain and a measure.
"""

from __future__ import annotations

import json
from typing import Any

from .model import MeasuresDocument

EDITOR_SCHEMA_FILE = "data/measures.schema.json"
OPEN_DATA_SCHEMA_NAME = "measures.schema.json"


def editor_schema() -> dict[str, Any]:
    schema = MeasuresDocument.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": "Generated from scripts/measures_site/model.py by `python scripts/build_measures.py --schema` — do not edit.",
        **schema,
    }


def open_data_schema() -> dict[str, Any]:
    """Schema of measures.json; its domain and text rules are the editors' ones."""
    editor = editor_schema()
    definitions = editor["$defs"]
    measure = definitions["Measure"]["properties"]
    domain = definitions["Domain"]["properties"]
    text = {"type": "string", "minLength": 1}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "閩港合作措施 open data (measures.json)",
        "type": "object",
        "additionalProperties": False,
        "required": ["locale", "title", "conference", "date", "last_updated", "domains", "measures"],
        "properties": {
            "locale": {"enum": ["zh-Hant", "zh-Hans"]},
            "title": text,
            "conference": text,
            "date": {"type": "string", "format": "date"},
            "last_updated": {"type": "string", "format": "date"},
            "domains": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["ordinal", "name", "slug"],
                    "properties": {"ordinal": text, "name": text, "slug": domain["slug"]},
                },
            },
            "measures": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["number", "domain_ordinal", "domain", "domain_slug", "title", "body", "url"],
                    "properties": {
                        "number": measure["number"],
                        "domain_ordinal": text,
                        "domain": text,
                        "domain_slug": measure["domain"],
                        "title": text,
                        "body": text,
                        "url": {"type": "string", "format": "uri"},
                    },
                },
            },
        },
    }


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
