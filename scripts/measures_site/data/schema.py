"""The data files' JSON schemas, derived from the model so the two can never disagree.

Each named after the file it describes: data/measures.yaml.schema.json,
data/conversion.yaml.schema.json and data/search.yaml.schema.json.

The open data's schema (measures-<locale>.json) is derived from it: a domain's slug and a
measure's number follow the editors' rules.

Editors get completion and red underlines from it in VS Code (the
`# yaml-language-server: $schema=` line of data/measures.yaml); a test fails when the
committed file is not what the model produces (`python scripts/build_measures.py schema`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from measures_site.data.model import ConversionOverrides, MeasuresDocument, SearchTerms
from measures_site.data.open_data_fields import DOCUMENT_FIELDS, MEASURES_KEY, measure_schema
from measures_site.project import DATA_FILE, OVERRIDES_FILE, search_terms_file

SEARCH_TERMS_FILE = search_terms_file(DATA_FILE)

# Published beside measures-<locale>.json and .csv: the open data's contract. Its address is
# public, so the editors' schema of measures.yaml is the one named after its file.
OPEN_DATA_SCHEMA_NAME = "measures.schema.json"


def schema_file_name(data_file_name: str) -> str:
    """The name of the editors' schema of a data file: "measures.yaml" -> "measures.yaml.schema.json"."""
    return f"{data_file_name}.schema.json"


def _editors_schema(model: type[BaseModel], data_file_name: str) -> dict:
    schema = model.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": schema_file_name(data_file_name), **schema}


def document_schema() -> dict:
    return _editors_schema(MeasuresDocument, DATA_FILE.name)


def open_data_schema() -> dict[str, Any]:
    """Schema of measures-<locale>.json, from its fields (open_data_fields.py); its domain and text
    rules are the editors' ones."""
    definitions = document_schema()["$defs"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "閩港合作措施 open data (measures-<locale>.json)",
        "type": "object",
        "additionalProperties": False,
        "required": [*(field.name for field in DOCUMENT_FIELDS), MEASURES_KEY],
        "properties": {
            **{field.name: field.schema(definitions) for field in DOCUMENT_FIELDS},
            MEASURES_KEY: {"type": "array", "minItems": 1, "items": measure_schema(definitions)},
        },
    }


def conversion_schema() -> dict:
    return _editors_schema(ConversionOverrides, OVERRIDES_FILE.name)


def search_schema() -> dict:
    return _editors_schema(SearchTerms, SEARCH_TERMS_FILE.name)


def _json(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def schema_text() -> str:
    return _json(document_schema())


# File name in data/ -> its text, as the model makes it.
def data_schemas() -> dict[str, str]:
    return {
        schema_file_name(DATA_FILE.name): schema_text(),
        schema_file_name(OVERRIDES_FILE.name): _json(conversion_schema()),
        schema_file_name(SEARCH_TERMS_FILE.name): _json(search_schema()),
    }


def write_schemas(data_dir: Path) -> None:
    for name, text in data_schemas().items():
        (data_dir / name).write_text(text, encoding="utf-8")


def open_data_schema_text() -> str:
    return _json(open_data_schema())
