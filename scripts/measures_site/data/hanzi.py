"""Which characters belong to which script, from OpenCC's own character tables.

A character is *Simplified-only* when OpenCC's STCharacters table turns it into
something else and no Traditional standard that OpenCC knows (its Hong Kong and
Taiwan variant tables, or the Traditional side of TSCharacters) writes it. That keeps
「峰」 and 「着」, which Hong Kong's standard forms use, out of the list while
catching 「经」 for 「經」. *Traditional-only* is the mirror image.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import opencc

DICTIONARY_DIR = Path(opencc.__file__).parent / "dictionary"


def read_table(name: str) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for line in (DICTIONARY_DIR / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, values = line.split("\t", 1)
            table[key] = tuple(values.split(" "))
    return table


def _values(*names: str) -> set[str]:
    return {value for name in names for values in read_table(name).values() for value in values}


@functools.cache
def simplified_only() -> dict[str, tuple[str, ...]]:
    """Simplified-only character -> its Traditional forms."""
    traditional = set(read_table("TSCharacters.txt")) | _values("HKVariants.txt", "TWVariants.txt")
    return {
        char: forms
        for char, forms in read_table("STCharacters.txt").items()
        if len(char) == 1 and char not in forms and char not in traditional
    }


@functools.cache
def traditional_only() -> dict[str, tuple[str, ...]]:
    """Traditional-only character -> its Simplified forms."""
    simplified = set(read_table("STCharacters.txt")) | _values("TSCharacters.txt")
    return {
        char: forms
        for char, forms in read_table("TSCharacters.txt").items()
        if len(char) == 1 and char not in forms and char not in simplified
    }


def find_simplified(text: str) -> list[tuple[int, str, tuple[str, ...]]]:
    """(offset, character, Traditional forms) of each Simplified-only character in text."""
    table = simplified_only()
    return [(offset, char, table[char]) for offset, char in enumerate(text) if char in table]


def find_traditional(text: str) -> list[tuple[int, str, tuple[str, ...]]]:
    """(offset, character, Simplified forms) of each Traditional-only character in text."""
    table = traditional_only()
    return [(offset, char, table[char]) for offset, char in enumerate(text) if char in table]


@functools.cache
def variant_forms() -> tuple[str, ...]:
    """Each character with its Hong Kong and Taiwan forms (衛衞, 啟啓, 峰峯), OpenCC's standard form first."""
    groups = []
    for name in ("HKVariants.txt", "TWVariants.txt"):
        for standard, variants in read_table(name).items():
            group = "".join(dict.fromkeys((standard, *variants)))
            if len(group) > 1 and all(len(form) == 1 for form in (standard, *variants)):
                groups.append(group)
    return tuple(groups)


# A quotation in an editor's note: 「…」 (or 『…』 inside it). What it quotes keeps its own script:
# a reason may quote the Simplified phrase it corrects, or the Traditional word of the source.
QUOTATION = re.compile(r"「[^「」]*」|『[^『』]*』")


def quoted_pieces(text: str) -> list[tuple[str, bool]]:
    """`text` cut into (piece, whether it is a quotation 「…」), in order."""
    pieces, done = [], 0
    for match in QUOTATION.finditer(text):
        if match.start() > done:
            pieces.append((text[done : match.start()], False))
        pieces.append((match.group(), True))
        done = match.end()
    if done < len(text):
        pieces.append((text[done:], False))
    return pieces


def script_of(text: str) -> str | None:
    """"zh-Hans" or "zh-Hant" when `text` holds characters of one script only, else None."""
    simplified, traditional = bool(find_simplified(text)), bool(find_traditional(text))
    if simplified == traditional:
        return None
    return "zh-Hans" if simplified else "zh-Hant"
