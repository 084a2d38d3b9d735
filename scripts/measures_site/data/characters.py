"""Characters that look right and are wrong underneath: what they are, and what to type instead.

Text copied from signed PDFs and Word files carries such characters. They break
search (the word no longer matches), the Simplified conversion (OpenCC does not know
them) and, for direction controls, the order in which the text is shown. One rule per
kind of character, used both by the data check (a located error or warning) and by
`make fix` (which repairs only the unambiguous ones).

Errors that `make fix` repairs, because there is one right answer:
- a Kangxi radical or a CJK radical-supplement form with a compatibility mapping
  (「⼈」 U+2F08 → 「人」 U+4EBA): what a PDF font often hands out instead of the character;
- a CJK compatibility ideograph (U+F900–FAFF, U+2F800–2FA1F) → its canonical ideograph.
  The twelve unified ideographs inside that block (U+FA0E…) have no mapping and stay;
- an invisible character: zero-width space, (non-)joiner, word joiner, soft hyphen, a
  byte-order mark inside the text, bidi marks, embeddings, overrides and isolates
  → deleted (Chinese text needs none of them).

Errors that need a person, because the intended character is not known:
- a radical-supplement form without a mapping; a private-use character (left by old
  Big5/HKSCS fonts: only that font knew what it showed); U+FFFD (a character lost in
  an encoding conversion); a control character, a Unicode line or paragraph separator,
  a non-character (U+FFFE, U+FFFF).

Warnings, which do not stop publishing: half-width , ; : ? ! ( ) between Chinese
characters (the signed text uses the full-width forms there; beside a Latin word, as in
《…》(CEPA), the half-width ones are right). It may be a choice, so a person decides.

The text is never normalised as a whole (NFKC would turn full-width punctuation into
ASCII): each character above is repaired on its own, and everything else, 「着」「峰」,
“” quotes, full-width punctuation and Hong Kong characters beyond the BMP (「𨋢」), stays.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"

_INVISIBLE = {
    0x00AD: "a soft hyphen",
    0x034F: "a combining grapheme joiner",
    0x061C: "a bidi mark",
    0x180E: "a Mongolian vowel separator",
    0x200B: "a zero-width space",
    0x200C: "a zero-width non-joiner",
    0x200D: "a zero-width joiner",
    0x200E: "a bidi mark",
    0x200F: "a bidi mark",
    **{code: "a bidi embedding or override" for code in range(0x202A, 0x202F)},
    0x2060: "a word joiner",
    **{code: "an invisible operator" for code in range(0x2061, 0x2065)},
    **{code: "a bidi isolate" for code in range(0x2066, 0x206A)},
    0xFEFF: "a byte-order mark inside the text",
}
_HALF_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}


@dataclass(frozen=True)
class Hazard:
    """One suspicious character: what it is, how bad, and its repair when there is one."""

    character: str
    severity: str  # ERROR or WARNING
    what: str  # "a Kangxi radical", "a zero-width space"…
    replacement: str | None  # what `make fix` writes instead ("" deletes); None: a person decides
    advice: str  # what to type instead, in the editor's words

    @property
    def fixable(self) -> bool:
        return self.replacement is not None

    def message(self) -> str:
        return f"{name(self.character)} is {self.what} — {self.advice}"


def name(character: str) -> str:
    """「⼈」 U+2F08 KANGXI RADICAL PERSON; invisible characters are shown by code point only."""
    code = ord(character)
    label = unicodedata.name(character, "")
    if not label:
        # As UnicodeData.txt writes the characters without a name.
        category = unicodedata.category(character)
        label = {"Co": "<private-use>", "Cc": "<control>", "Cn": "<noncharacter>"}.get(category, "<unnamed>")
    shown = f"「{character}」 " if unicodedata.category(character) not in ("Cc", "Cf", "Co", "Cn", "Zl", "Zp") else ""
    return f"{shown}U+{code:04X} {label}"


def _canonical_ideograph(character: str) -> str | None:
    """The unified ideograph a radical or compatibility ideograph stands for, if Unicode says."""
    mapped = unicodedata.normalize("NFKC", character)
    if len(mapped) == 1 and mapped != character and unicodedata.name(mapped, "").startswith("CJK UNIFIED IDEOGRAPH"):
        return mapped
    return None


def _replaced_by(character: str, what: str) -> Hazard:
    mapped = _canonical_ideograph(character)
    if mapped is None:
        return Hazard(character, ERROR, what, None, "type the character it stands for")
    return Hazard(character, ERROR, what, mapped, f"type 「{mapped}」 U+{ord(mapped):04X} instead (`make fix` does it)")


@functools.cache
def hazard(character: str) -> Hazard | None:
    """The rule for one character, or None when it is an ordinary character."""
    code = ord(character)
    category = unicodedata.category(character)
    if character in "\t\n\r":
        return None
    if 0x2F00 <= code <= 0x2FDF:
        return _replaced_by(character, "a Kangxi radical, not the character")
    if 0x2E80 <= code <= 0x2EFF:
        return _replaced_by(character, "a radical form, not the character")
    if (0xF900 <= code <= 0xFAFF or 0x2F800 <= code <= 0x2FA1F) and unicodedata.decomposition(character):
        return _replaced_by(character, "a compatibility ideograph")
    if code in _INVISIBLE:
        return Hazard(character, ERROR, f"{_INVISIBLE[code]}, invisible", "", "delete it (`make fix` does it)")
    if category == "Co":
        return Hazard(
            character,
            ERROR,
            "a private-use character (left by an old Big5/HKSCS font; it shows nothing elsewhere)",
            None,
            "type the intended character, as in the signed text",
        )
    if code == 0xFFFD:
        return Hazard(
            character,
            ERROR,
            "the mark of a character lost in an encoding conversion",
            None,
            "type the lost character again, as in the signed text",
        )
    if category in ("Cc", "Zl", "Zp") or code in (0xFFFE, 0xFFFF):
        return Hazard(
            character,
            ERROR,
            "an invisible control character",
            None,
            "delete it, or type the space or punctuation it stands for"
            " (it often comes with text pasted from another program)",
        )
    return None


@functools.cache
def _hazard_pattern() -> re.Pattern[str]:
    """A character class of every character with a rule: one fast scan over a whole file."""
    ranges = [(0x00, 0x08), (0x0B, 0x0C), (0x0E, 0x1F), (0x7F, 0x9F), (0x2E80, 0x2FDF), (0xF900, 0xFAFF),
              (0x2F800, 0x2FA1F), (0xE000, 0xF8FF), (0xF0000, 0x10FFFF), (0x2028, 0x2029), (0xFFFD, 0xFFFF)]
    ranges += [(code, code) for code in _INVISIBLE]
    return re.compile("[" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in ranges) + "]")


_CHINESE = r"\u3400-\u9fff\U00020000-\U0003134f\u3000-\u303f\uff00-\uffef"
# Between Chinese characters (or ending the text): beside Latin words, as in 《…》(CEPA) of
# the signed text, half-width marks are the right ones.
_HALF_WIDTH_IN_CHINESE = re.compile(rf"(?<=[{_CHINESE}])[,;:?!()](?=[{_CHINESE}]|$)")


def find(text: str) -> Iterator[tuple[int, Hazard]]:
    """(offset, hazard) of every error-class character in `text`, in order."""
    for match in _hazard_pattern().finditer(text):
        found = hazard(match.group())
        if found is not None:
            yield match.start(), found


def find_warnings(text: str) -> Iterator[tuple[int, Hazard]]:
    """(offset, hazard) of every half-width punctuation mark between Chinese characters."""
    for match in _HALF_WIDTH_IN_CHINESE.finditer(text):
        mark = match.group()
        full = _HALF_WIDTH[mark]
        yield match.start(), Hazard(
            mark,
            WARNING,
            "half-width punctuation inside Chinese text",
            None,
            f"the signed text uses the full-width 「{full}」 U+{ord(full):04X}",
        )


@dataclass(frozen=True)
class Repair:
    offset: int
    hazard: Hazard

    def describe(self) -> str:
        """「⼈」 U+2F08 → 「人」 U+4EBA, or U+200B ZERO WIDTH SPACE → (deleted)."""
        old = self.hazard.character
        before = f"「{old}」 U+{ord(old):04X}" if name(old).startswith("「") else name(old)
        new = self.hazard.replacement
        return f"{before} → " + (f"「{new}」 U+{ord(new):04X}" if new else "(deleted)")


def repair(text: str) -> tuple[str, list[Repair]]:
    """`text` with every unambiguous hazard repaired, and what was repaired, at its offset."""
    repairs = [Repair(offset, found) for offset, found in find(text) if found.fixable]
    if not repairs:
        return text, []
    pieces, last = [], 0
    for item in repairs:
        pieces += [text[last : item.offset], item.hazard.replacement]
        last = item.offset + 1
    pieces.append(text[last:])
    return "".join(pieces), repairs


def breaks_yaml(character: str) -> bool:
    """Whether YAML refuses `character`, or takes it for a line break (then no line number would match)."""
    return (unicodedata.category(character) in ("Cc", "Zl", "Zp") and character not in "\t\n\r") or ord(
        character
    ) in (0xFFFE, 0xFFFF)
