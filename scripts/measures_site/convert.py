"""Model in the source script -> the same model in another script.

OpenCC does the conversion; editors' overrides (phrase -> phrase, applied to
OpenCC's output, longest phrase first) correct it where mainland usage differs.
Only fields typed `Text` in model.py are converted: slugs and numbers never change.
"""

from __future__ import annotations

import importlib.metadata
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import opencc
from pydantic import BaseModel

from .model import TextMarker

ModelT = TypeVar("ModelT", bound=BaseModel)


def converter_name(opencc_config: str) -> str:
    """The converter and its version, as the Simplified pages name it: readers may check it."""
    version = importlib.metadata.version("opencc-python-reimplemented")
    return f"OpenCC（{opencc_config}，opencc-python-reimplemented {version}）"


class ScriptConverter:
    """One script's text conversion: OpenCC, then the editors' phrase overrides."""

    def __init__(self, opencc_config: str, overrides: Mapping[str, str] | None = None) -> None:
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

    def _apply_override(self, match: re.Match[str]) -> str:
        self.used.add(match.group(0))
        return self.overrides[match.group(0)]


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
