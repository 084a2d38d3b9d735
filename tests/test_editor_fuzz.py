"""Property: whatever an editor does to the real file, the outcome is a valid document or
located problems (exit 1), never a crash."""

from __future__ import annotations

import copy
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from broken_cases import FIXTURE_DATA
from measures_site.data.load import load_document
from measures_site.data.problems import DataError

REAL = YAML(typ="safe").load(FIXTURE_DATA)
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Characters editors paste by accident: markup, YAML syntax, other scripts, controls.
NASTY = st.sampled_from(
    list("\t\"':#-{}[]|>&*!%@`\\\n\r\x00\x1b\u200b\ufeff") + ["经", "峰", "着", "😀", "\u3000", "<script>", "${x}"]
)
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.lists(st.text(max_size=4), max_size=2),
    st.dictionaries(st.text(max_size=4), st.text(max_size=4), max_size=2),
)


def outcome(text: bytes) -> str:
    """'valid' or 'located'; anything else (an exception) fails the property."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "measures.yaml"
        path.write_bytes(text)
        try:
            load_document(path, "measures.yaml")
        except DataError as error:
            assert error.problems
            for problem in error.problems:
                assert problem.path == "measures.yaml" and problem.line >= 1 and problem.column >= 1
                assert problem.message and "\n" not in problem.message
            return "located"
    return "valid"


def dump(data: object) -> bytes:
    stream = io.StringIO()
    yaml = YAML()
    yaml.allow_unicode = True
    yaml.dump(data, stream)
    return stream.getvalue().encode("utf-8")


def paths(node: object, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += paths(value, (*prefix, index))
    return found


ALL_PATHS = [path for path in paths(REAL) if path]


def parent_of(data: object, path: tuple) -> object:
    for step in path[:-1]:
        data = data[step]
    return data


@SETTINGS
@given(
    st.lists(
        st.tuples(st.sampled_from(["delete", "duplicate", "retype"]), st.sampled_from(ALL_PATHS), VALUES),
        min_size=1,
        max_size=3,
    )
)
def test_structural_edits_give_a_document_or_located_problems(edits):
    data = copy.deepcopy(REAL)
    for action, path, value in edits:
        try:
            parent = parent_of(data, path)
            key = path[-1]
            current = parent[key]
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed this node
        if not isinstance(parent, (dict, list)):
            continue  # an earlier edit made it text, which can be indexed but not edited
        if action == "delete":
            del parent[key]
        elif action == "duplicate" and isinstance(parent, list):
            parent.insert(key, copy.deepcopy(current))
        elif action == "duplicate":
            parent[f"{key}"] = copy.deepcopy(current)
        else:
            parent[key] = value
    assert outcome(dump(data)) in ("valid", "located")


@SETTINGS
@given(st.lists(st.tuples(st.integers(min_value=0), NASTY), min_size=1, max_size=4))
def test_pasted_characters_give_a_document_or_located_problems(insertions):
    text = FIXTURE_DATA
    for position, fragment in insertions:
        position %= len(text) + 1
        text = text[:position] + fragment + text[position:]
    assert outcome(text.encode("utf-8")) in ("valid", "located")


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(["delete", "duplicate"]), st.integers(min_value=0)), min_size=1, max_size=3))
def test_line_edits_give_a_document_or_located_problems(edits):
    lines = FIXTURE_DATA.split("\n")
    for action, index in edits:
        index %= len(lines)
        if action == "delete":
            del lines[index]
        else:
            lines.insert(index, lines[index])
    assert outcome("\n".join(lines).encode("utf-8")) in ("valid", "located")


@SETTINGS
@given(st.binary(max_size=64), st.integers(min_value=0))
def test_bytes_from_another_encoding_give_located_problems(junk, position):
    raw = FIXTURE_DATA.encode("utf-8")
    position %= len(raw) + 1
    assert outcome(raw[:position] + junk + raw[position:]) in ("valid", "located")
