"""data/measures.schema.json, derived from the model so the two can never disagree.

Editors get completion and red underlines from it in VS Code (the
`# yaml-language-server: $schema=` line of data/measures.yaml); a test fails when the
committed file is not what the model produces (`python scripts/build_measures.py --write-schema`).
"""

from __future__ import annotations

import json
from pathlib import Path

from .model import MeasuresDocument

SCHEMA_ID = "measures.schema.json"


def document_schema() -> dict:
    schema = MeasuresDocument.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def schema_text() -> str:
    return json.dumps(document_schema(), ensure_ascii=False, indent=2) + "\n"


def write_schema(path: Path) -> None:
    path.write_text(schema_text(), encoding="utf-8")
