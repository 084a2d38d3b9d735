"""The data files' JSON schemas, derived from the model so the two can never disagree.

data/measures.schema.json, data/conversion.schema.json and data/search.schema.json.

The open data's schema (measures-<locale>.json) is derived from it: a domain's slug and a
measure's number follow the editors' rules.

Editors get completion and red underlines from it in VS Code (the
`# yaml-language-server: $schema=` line of data/measures.yaml); a test fails when the
committed file is not what the model produces (`python scripts/build_measures.py --write-schema`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from measures_site.locales import LOCALES
from measures_site.data.model import ConversionOverrides, MeasuresDocument, SearchTerms
from measures_site.data.published import TEXT_SCHEMA, measure_schema

SCHEMA_ID = "measures.schema.json"
# Published beside measures-<locale>.json and .csv: the open data's contract.
OPEN_DATA_SCHEMA_NAME = "measures.schema.json"


def document_schema() -> dict:
    schema = MeasuresDocument.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def open_data_schema() -> dict[str, Any]:
    """Schema of measures-<locale>.json; its domain and text rules are the editors' ones."""
    definitions = document_schema()["$defs"]
    domain = definitions["Domain"]["properties"]
    text = TEXT_SCHEMA
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "閩港合作措施 open data (measures-<locale>.json)",
        "type": "object",
        "additionalProperties": False,
        "required": ["locale", "title", "conference", "date", "last_updated", "licence", "domains", "measures"],
        "properties": {
            "locale": {"enum": [locale.code for locale in LOCALES]},
            "title": text,
            "conference": text,
            "date": {"type": "string", "format": "date"},
            "last_updated": {"type": "string", "format": "date"},
            "licence": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "url"],
                "properties": {"name": text, "url": {"type": "string", "format": "uri"}},
            },
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
            "measures": {"type": "array", "minItems": 1, "items": measure_schema(definitions)},
        },
    }


def conversion_schema() -> dict:
    schema = ConversionOverrides.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "conversion.schema.json", **schema}


def search_schema() -> dict:
    schema = SearchTerms.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "search.schema.json", **schema}


def _json(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def schema_text() -> str:
    return _json(document_schema())


# File name in data/ -> its text, as the model makes it.
def data_schemas() -> dict[str, str]:
    return {
        "measures.schema.json": schema_text(),
        "conversion.schema.json": _json(conversion_schema()),
        "search.schema.json": _json(search_schema()),
    }


def write_schemas(data_dir: Path) -> None:
    for name, text in data_schemas().items():
        (data_dir / name).write_text(text, encoding="utf-8")


def open_data_schema_text() -> str:
    return _json(open_data_schema())
