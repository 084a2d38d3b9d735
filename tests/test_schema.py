"""data/*.yaml.schema.json: current with the model, and the real data valid under it."""

from __future__ import annotations

import json

from ruamel.yaml import YAML

from conftest import ROOT
from measures_site.data.schema import data_schemas

SCHEMA_FILE = ROOT / "data" / "measures.yaml.schema.json"


def test_committed_schemas_are_the_ones_the_model_produces():
    for name, text in data_schemas().items():
        assert (ROOT / "data" / name).read_text(encoding="utf-8") == text, (
            f"data/{name} is stale: run `python scripts/build_measures.py schema`"
        )


def test_data_file_points_editors_at_the_schema():
    first_line = (ROOT / "data" / "measures.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=./measures.yaml.schema.json"


def test_real_data_is_valid_under_the_schema_and_a_misspelt_field_is_not():
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    data = YAML(typ="safe").load((ROOT / "data" / "measures.yaml").read_text(encoding="utf-8"))
    assert list(validator.iter_errors(data)) == []
    data["meetings"][0]["measures"][0]["titel"] = data["meetings"][0]["measures"][0].pop("title")
    messages = [error.message for error in validator.iter_errors(data)]
    assert any("'title' is a required property" in m for m in messages)
    assert any("'titel' was unexpected" in m for m in messages)
