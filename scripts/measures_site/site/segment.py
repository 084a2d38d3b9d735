"""Chinese word segmentation for the search index: the same words in both scripts.

jieba's dictionary is Simplified. It cuts Simplified text well and Traditional text
badly (「貿易洽|談會」, 「閩|港產業|鏈」), so the Traditional text is converted to
Simplified, cut there, and the cuts carried back to the Traditional characters.
That works because the conversion keeps the length: OpenCC maps the characters of
this content one to one. Where a conversion changes the length (an OpenCC phrase or
an editor's override of another length), each character is converted on its own
instead, which always keeps the length.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping

import jieba

from measures_site.project import ROOT

CACHE_DIR = ROOT / ".cache" / "jieba"


@functools.cache
def _dictionary() -> jieba.Tokenizer:
    """jieba's cutter and its dictionary, loaded on first use.

    The site's own, not jieba's shared one: jieba caches its parsed dictionary and loads it
    back with `marshal`, by default under a fixed name in the machine's shared temporary
    folder, where anyone could plant one; this one keeps it in the project's cache folder,
    writable by its owner alone.
    """
    jieba.setLogLevel(logging.WARNING)  # it announces its dictionary loading on stderr; the build log is for problems
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(CACHE_DIR)
    tokenizer.initialize()
    return tokenizer


def dictionary_frequencies() -> Mapping[str, int]:
    """How often each word of jieba's dictionary (Simplified) was seen in its corpus."""
    return _dictionary().FREQ


# Runs of Han characters (CJK unified ideographs, extension A, compatibility ideographs).
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# What separates words in the indexed text: zero-width, so the page text is unchanged.
WORD_BREAK = "\u200b"


# Longer dictionary words are split into shorter ones (see `_shorter_words`).
LONGEST_WORD = 3


def _shorter_words(word: str) -> list[str]:
    """A long word as the fewest dictionary words of at most LONGEST_WORD characters.

    jieba keeps 「福建省人民政府」 or 「生物医药」 whole. The browser's search matches the
    beginning of a word, so 「政府」 or 「医药」 would not find them; 福建省|人民|政府 and
    生物|医药 are found by each part, and by the whole (the query is cut the same way).
    A character no dictionary word covers stands alone.
    """
    if len(word) <= LONGEST_WORD:
        return [word]
    frequency = _dictionary().FREQ
    # cost[i]: the fewest pieces covering word[:i], a lone character counting double.
    cost: list[float] = [0.0] + [float("inf")] * len(word)
    start_of: list[int] = [0] * (len(word) + 1)
    for end in range(1, len(word) + 1):
        for length in range(1, min(LONGEST_WORD, end) + 1):
            piece = word[end - length : end]
            price = 1 if length > 1 and frequency.get(piece) else (2 if length == 1 else float("inf"))
            if cost[end - length] + price < cost[end]:
                cost[end], start_of[end] = cost[end - length] + price, end - length
    pieces, end = [], len(word)
    while end:
        pieces.append(word[start_of[end] : end])
        end = start_of[end]
    return pieces[::-1]


def cut_simplified(run: str) -> list[str]:
    """The words of a run of Simplified Han characters."""
    return [short for word in _dictionary().cut(run) for short in _shorter_words(word)]


def _same_length_simplified(run: str, to_simplified: Callable[[str], str]) -> str:
    converted = to_simplified(run)
    if len(converted) == len(run):
        return converted
    per_character = [to_simplified(character) for character in run]
    return "".join(
        simplified if len(simplified) == 1 else character for character, simplified in zip(run, per_character)
    )


def cut_grouped(run: str, to_simplified: Callable[[str], str]) -> list[list[tuple[str, str]]]:
    """jieba's words of a Traditional run, each as its pieces in the index: (Traditional, Simplified).

    The index holds the pieces (集成|電路); search also needs what jieba kept together
    (集成電路), to know the names of the text (search_index.names).
    """
    simplified = _same_length_simplified(run, to_simplified)
    groups, start = [], 0
    for word in _dictionary().cut(simplified):
        pieces = []
        for piece in _shorter_words(word):
            pieces.append((run[start : start + len(piece)], piece))
            start += len(piece)
        groups.append(pieces)
    return groups


def cut_traditional(run: str, to_simplified: Callable[[str], str]) -> list[str]:
    """The words of a run of Traditional Han characters, cut where its Simplified form is cut."""
    return _carry(run, cut_simplified(_same_length_simplified(run, to_simplified)))


def segment(text: str, cut: Callable[[str], list[str]]) -> str:
    """`text` with a zero-width break around and between the words of every Han run."""
    without_breaks = text.replace(WORD_BREAK, "")
    segmented = HAN_RUN.sub(lambda run: WORD_BREAK + WORD_BREAK.join(cut(run.group(0))) + WORD_BREAK, without_breaks)
    return segmented.strip(WORD_BREAK)


def segment_alike(traditional: str, simplified: str, to_simplified: Callable[[str], str]) -> tuple[str, str]:
    """A Traditional text and its Simplified counterpart, segmented at the same places.

    The Simplified pages already hold the conversion of the Traditional text, so where
    the two line up (same length, Han runs at the same places: OpenCC's one-to-one
    conversion) the Simplified runs are cut once and the cuts carried over, with no
    second conversion. Where they do not (an override of another length), each is
    segmented on its own.
    """
    traditional, simplified = traditional.replace(WORD_BREAK, ""), simplified.replace(WORD_BREAK, "")
    simplified_runs = [run.group(0) for run in HAN_RUN.finditer(simplified)]
    spans = [run.span() for run in HAN_RUN.finditer(traditional)]
    if len(traditional) != len(simplified) or spans != [run.span() for run in HAN_RUN.finditer(simplified)]:
        return segment(traditional, lambda run: cut_traditional(run, to_simplified)), segment(simplified, cut_simplified)
    cuts = [cut_simplified(run) for run in simplified_runs]
    simplified_cuts, traditional_cuts = iter(cuts), iter(cuts)
    return (
        segment(traditional, lambda run: _carry(run, next(traditional_cuts))),
        segment(simplified, lambda run: next(simplified_cuts)),
    )


def _carry(run: str, simplified_words: list[str]) -> list[str]:
    """`run` cut into pieces as long as `simplified_words`."""
    words, start = [], 0
    for word in simplified_words:
        words.append(run[start : start + len(word)])
        start += len(word)
    return words


def words(text: str) -> Iterator[str]:
    """The Han words of a segmented text."""
    for piece in text.split(WORD_BREAK):
        if HAN_RUN.fullmatch(piece):
            yield piece


class WholeWords:
    """Whether a word is in segmented texts as whole words, beginning and ending where their
    words do (社會保障 in 社會|保障), or inside one of them (質量 in 高質量); not astride two
    (線上 in 航線|上)."""

    def __init__(self, texts: Iterable[str]) -> None:
        pieces, self._bounds, at = [], {0}, 0
        for text in texts:
            for piece in [*text.split(WORD_BREAK), "\n"]:
                pieces.append(piece)
                at += len(piece)
                self._bounds.add(at)
        self._plain = "".join(pieces)

    def __call__(self, word: str) -> bool:
        start = self._plain.find(word)
        while start != -1:
            end = start + len(word)
            if (start in self._bounds and end in self._bounds) or not self._bounds.intersection(range(start + 1, end)):
                return True
            start = self._plain.find(word, start + 1)
        return False
