"""Model in the source script -> the same model in another script.

OpenCC does the conversion; editors' overrides (phrase -> phrase, applied to
OpenCC's output, longest phrase first) correct it where mainland usage differs.
Only fields typed `Text` in model.py are converted: slugs and numbers never change.
"""

from __future__ import annotations

import functools
import importlib.metadata
import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import opencc
from pydantic import BaseModel

from measures_site.data.hanzi import read_table
from measures_site.data.model import TextMarker

CONFIG_DIR = Path(opencc.__file__).parent / "config"

ModelT = TypeVar("ModelT", bound=BaseModel)


def converter_name(opencc_config: str) -> str:
    """The converter and its version, as the Simplified pages name it: readers may check it."""
    version = importlib.metadata.version("opencc-python-reimplemented")
    return f"OpenCC（{opencc_config}，opencc-python-reimplemented {version}）"


class LocaleConverter:
    """Text into one locale's script: OpenCC, then the editors' phrase overrides."""

    def __init__(self, opencc_config: str, overrides: Mapping[str, str] | None = None) -> None:
        self._config = opencc_config
        self._override_sources: re.Pattern[str] | None = None
        self._opencc = opencc.OpenCC(opencc_config)
        self.overrides = dict(overrides or {})
        phrases = sorted(self.overrides, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, phrases))) if phrases else None
        self.used: set[str] = set()

    def overrides_in(self, text: str) -> list[str]:
        """The override phrases that apply to `text`, in the order they apply."""
        if self._pattern is None:
            return []
        return self._pattern.findall(self._opencc.convert(text))

    def __call__(self, text: str) -> str:
        converted = self._opencc.convert(text)
        if self._pattern is None:
            return converted
        return self._pattern.sub(self._apply_override, converted)

    def pieces(self, text: str) -> tuple[tuple[str, bool], ...]:
        """`text` converted, cut where an editor's override replaced OpenCC's phrase:
        (piece, whether an override wrote it), which join into exactly `self(text)`.
        The side-by-side pages mark those pieces for editors checking the conversion."""
        converted = self._opencc.convert(text)
        if self._pattern is None:
            return ((converted, False),)
        pieces: list[tuple[str, bool]] = []
        start = 0
        for match in self._pattern.finditer(converted):
            pieces += [(converted[start : match.start()], False), (self.overrides[match.group(0)], True)]
            start = match.end()
        pieces.append((converted[start:], False))
        return tuple(piece for piece in pieces if piece[0])

    def _apply_override(self, match: re.Match[str]) -> str:
        self.used.add(match.group(0))
        return self.overrides[match.group(0)]

    def may_apply_overrides(self, text: str) -> bool:
        """False only when no override can apply to `text`: OpenCC writes no override's first
        character from any character of it. Lets the data check convert only what may matter."""
        if self._pattern is None:
            return False
        if self._override_sources is None:
            sources = set().union(*(_sources(self._config, phrase[0]) for phrase in self.overrides))
            self._override_sources = re.compile("[" + "".join(map(re.escape, sorted(sources))) + "]")
        return self._override_sources.search(text) is not None


@functools.cache
def _conversion_stages(config: str) -> tuple[tuple[dict[str, tuple[str, ...]], ...], ...]:
    """The dictionaries of each stage of an OpenCC conversion, as its configuration lists them."""
    chain = json.loads((CONFIG_DIR / f"{config}.json").read_text(encoding="utf-8"))["conversion_chain"]
    stages = []
    for stage in chain:
        entries = stage["dict"]["dicts"] if stage["dict"]["type"] == "group" else [stage["dict"]]
        stages.append(tuple(read_table(entry["file"]) for entry in entries))
    return tuple(stages)


@functools.cache
def _sources(config: str, character: str) -> frozenset[str]:
    """Every character from which OpenCC's `config` could write `character`.

    Every character OpenCC writes is either one it read, or part of a dictionary value
    whose key holds a character it read; going back through the stages from the last
    (within a stage until nothing more is found, in case its dictionaries apply one after
    another) gives a set that holds every true source, and perhaps more, never fewer.
    """
    wanted = {character}
    for stage in reversed(_conversion_stages(config)):
        while True:
            found = set(wanted)
            for table in stage:
                for key, values in table.items():
                    if any(char in wanted for value in values for char in value):
                        found.update(key)
            if found == wanted:
                break
            wanted = found
    return frozenset(wanted)


def _holds_text(model: type[BaseModel], name: str) -> bool:
    """Whether a field is Text, or a tuple of Text."""
    field = model.model_fields[name]
    metadata = [*field.metadata]
    for arg in getattr(field.annotation, "__args__", ()):
        metadata += getattr(arg, "__metadata__", ())
    return any(isinstance(meta, TextMarker) for meta in metadata)


def _convert_value(value: Any, text: bool, convert: Callable[[str], str]) -> Any:
    if isinstance(value, BaseModel):
        return convert_model(value, convert)
    if isinstance(value, tuple):
        return tuple(_convert_value(item, text, convert) for item in value)
    if text and isinstance(value, str):
        return convert(value)
    return value


def convert_model(model: ModelT, convert: Callable[[str], str]) -> ModelT:
    """A copy of `model` with every Text field (nested ones included) passed through `convert`."""
    cls = type(model)
    changes = {
        name: _convert_value(getattr(model, name), _holds_text(cls, name), convert)
        for name in cls.model_fields
    }
    return model.model_copy(update=changes)
