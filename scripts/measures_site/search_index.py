"""One search index per script, each beside that script's pages.

Material's search plugin (lunr in a web worker) indexes every section of every page,
and mkdocs-static-i18n merges both scripts into one index: a reader of one script got
results in both. Here each script gets its own index, made from the sections Material
collected for that script's pages:

- locations relative to the script's root (its pages look their index up there, see
  `point_search_at_locale_root`);
- the text segmented into words, the same words in both scripts (segment.py);
- a measure's section titled as readers know it: 「15. 開啟閩港新領域合作」;
- `config.query_replacements`: the other script's forms of this content's characters mapped
  to this script's, so that a query typed in either script is searched in the page's
  script;
- `config.variants`: the forms of one character that search treats as one (衞衛, 綫線),
  each mapped to the form of this content, for the text and the query alike;
- `config.synonyms`: terms readers type that the text does not use (the editors'
  data/search.yaml, and the phrases of the conversion overrides in the other script),
  each with the text's words it also finds, in this script.

The browser applies them (assets/javascripts/workers/search-measures.js), which keeps
each index to one script's words.
"""

from __future__ import annotations

import functools
import html
import json
import posixpath
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import opencc

from . import hanzi, segment
from .locales import LOCALES, SIMPLIFIED_LOCALE, SOURCE_LOCALE
from .model import Measure, SearchTerms
from .paths import PATHS, url

if TYPE_CHECKING:
    from .pipeline import SiteContent

INDEX_PATH = "search/search_index.json"
# The search worker every page starts instead of Material's: it answers Material's
# search box with ranked measures (see MAINTAINERS.md, Search).
WORKER_PATH = "assets/javascripts/workers/search-measures.js"

# What separates tokens, in the browser (a JavaScript regular expression, no `u` flag):
# white space, the word breaks of segment.py, Chinese and Western punctuation (full-width
# brackets around 「（REITs）」 and half-width ones around 「(CEPA)」 included), and the
# point where Han characters meet Latin letters or digits (「21世紀」 is 21 + 世紀).
SEPARATOR = (
    r"[\s\u200b\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2010-\u2027\u2030-\u205e"
    r"()\[\]{}<>,.;:!?\"'/\\|&\-]+"
    r"|(?<=[0-9A-Za-z])(?=[\u3400-\u9fff])|(?<=[\u3400-\u9fff])(?=[0-9A-Za-z])"
)


# Segmentation and query conversion go through OpenCC alone, without the editors'
# overrides: they change wording for mainland readers, not where words begin and end.
SIMPLIFIED_CONVERSION = SIMPLIFIED_LOCALE.opencc_config


def locale_entries(entries: Iterable[Mapping[str, Any]], prefix: str) -> list[dict[str, Any]]:
    """The entries of one script's pages, located relative to that script's root.

    `prefix` is the script's folder ("zh-Hans/"), or "" for the source script at the root.
    """
    return [dict(entry, location=entry["location"].removeprefix(prefix)) for entry in entries]


def titled_entries(entries: Iterable[Mapping[str, Any]], measures: Iterable[Measure]) -> list[dict[str, Any]]:
    """The entries, a measure's section titled as readers know it (「15. 開啟閩港新領域合作」)."""
    by_location = {measure_location(measure): measure for measure in measures}
    docs = []
    for entry in entries:
        doc = dict(entry)
        measure = by_location.get(doc["location"])
        if measure is not None:
            # HTML, like every title and text of Material's index: the worker reads it as such.
            doc["title"] = html.escape(measure.label, quote=False)
        docs.append(doc)
    return docs


def segment_entries(
    source_docs: list[dict[str, Any]], converted_docs: list[dict[str, Any]], to_simplified: Callable[[str], str]
) -> None:
    """Segment both scripts' entries in place, alike: each section with its counterpart.

    Both scripts' builds collect the same sections in the same order (a test checks the
    locations). Should they ever differ, each script is segmented on its own.
    """
    if [doc["location"] for doc in source_docs] != [doc["location"] for doc in converted_docs]:
        for doc in source_docs:
            for field in ("title", "text"):
                doc[field] = segment.segment(doc[field], lambda run: segment.cut_traditional(run, to_simplified))
        for doc in converted_docs:
            for field in ("title", "text"):
                doc[field] = segment.segment(doc[field], segment.cut_simplified)
        return
    for source, converted in zip(source_docs, converted_docs):
        for field in ("title", "text"):
            source[field], converted[field] = segment.segment_alike(source[field], converted[field], to_simplified)


def index_document(docs: list[dict[str, Any]], config: Mapping[str, Any]) -> dict[str, Any]:
    """What search_index.json holds, without query replacements."""
    # The keys of Material's own index configuration, with this site's separator.
    index_config = {key: config[key] for key in ("lang", "pipeline", "fields")}
    return {"config": {**index_config, "separator": SEPARATOR}, "docs": docs}


def _han_characters(texts: Iterable[str]) -> set[str]:
    return {character for text in texts for run in segment.HAN_RUN.findall(text) for character in run}


def to_source_replacements(source_texts: Iterable[str], to_simplified: Callable[[str], str]) -> dict[str, str]:
    """Simplified -> Traditional, for queries typed in Simplified on the Traditional pages.

    A Simplified character with one Traditional form here maps to it; one with several
    (系: 系 係 繫) is mapped by whole words of this content instead (联系 -> 聯繫).
    """
    texts = list(source_texts)
    # Every word is converted character by character below: a few thousand distinct
    # characters, converted once each rather than once per occurrence.
    to_simplified = functools.cache(to_simplified)
    sources: dict[str, set[str]] = defaultdict(set)
    for character in _han_characters(texts):
        sources[to_simplified(character)].add(character)
    replacements = {
        simplified: next(iter(traditional))
        for simplified, traditional in sources.items()
        if len(traditional) == 1 and simplified != next(iter(traditional))
    }
    ambiguous = {simplified for simplified, traditional in sources.items() if len(traditional) > 1}
    for text in texts:
        for word in segment.words(text):
            simplified = "".join(to_simplified(character) for character in word)
            if ambiguous.intersection(simplified) and len(word) > 1:
                replacements.setdefault(simplified, word)
    return replacements


def to_converted_replacements(source_texts: Iterable[str], to_simplified: Callable[[str], str]) -> dict[str, str]:
    """Traditional -> Simplified, for queries typed in Traditional on the Simplified pages."""
    replacements = {}
    for character in _han_characters(source_texts):
        simplified = to_simplified(character)
        if len(simplified) == 1 and simplified != character:
            replacements[character] = simplified
    return replacements


def variant_folding(groups: Iterable[str], source_texts: Iterable[str]) -> dict[str, str]:
    """Each form of a character mapped to one form of it: the one this content uses most.

    Groups that share a character are one (the Hong Kong and the Taiwan table both pair
    啓 with 啟); a group none of whose forms is in the content keeps its first form,
    OpenCC's standard one. Any choice would find the same: text and query fold alike.
    """
    parent: dict[str, str] = {}

    def root(character: str) -> str:
        while parent.setdefault(character, character) != character:
            character = parent[character]
        return character

    for group in groups:
        for character in group[1:]:
            parent[root(character)] = root(group[0])
    counts: dict[str, int] = defaultdict(int)
    for text in source_texts:
        for character in text:
            if character in parent:
                counts[character] += 1
    members: dict[str, list[str]] = defaultdict(list)
    for character in parent:
        members[root(character)].append(character)
    folding = {}
    for forms in members.values():
        chosen = max(forms, key=lambda form: (counts[form], form == root(form)))
        folding.update({form: chosen for form in forms if form != chosen})
    return dict(sorted(folding.items()))


def _replaced(text: str, replacements: Mapping[str, str]) -> str:
    """`text` with the other script's characters replaced, as the browser replaces a query's."""
    return "".join(replacements.get(character, character) for character in text)


def synonyms_by_locale(
    terms: SearchTerms,
    corrections: Iterable[tuple[str, str]],
    converters: Mapping[str, Callable[[str], str]],
    replacements: Mapping[str, Mapping[str, str]],
) -> dict[str, dict[str, list[str]]]:
    """{locale code: {what readers type: [the text's words it finds]}}, in each script.

    The editors' synonyms are written in the source script and converted; a conversion
    override's two phrases find each other: OpenCC's phrase (数位产业, what typing 數位產業
    gives on the 简体 site) finds the editors' (数字产业), and on the source site the
    editors' phrase, in source characters (數字產業), finds the source's own (數位產業).
    """
    tables: dict[str, dict[str, list[str]]] = {code: defaultdict(list) for code in converters}
    for synonym in terms.synonyms:
        for code, convert in converters.items():
            key, found = convert(synonym.query), convert(synonym.finds)
            if found not in tables[code][key]:
                tables[code][key].append(found)
    for code in converters:
        for opencc_phrase, simplified in corrections:
            if code == SOURCE_LOCALE.code:
                key, found = _replaced(simplified, replacements[code]), _replaced(opencc_phrase, replacements[code])
            else:
                key, found = opencc_phrase, simplified
            if key != found and found not in tables[code][key]:
                tables[code][key].append(found)
    return {code: dict(sorted(table.items())) for code, table in tables.items()}


def write_index(index: Mapping[str, Any], locale_root: Path) -> Path:
    """Write the index (UTF-8, not \\u escapes: half the bytes of Chinese text)."""
    path = locale_root / INDEX_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return path


_CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


def point_search_at_locale_root(html: str, page_url: str, locale_root: str) -> str:
    """Make a page search its own script's index, with the site's search worker.

    Material's page configuration (`__config`) names the base its search index and its
    result links are relative to, and the search worker to start. `base` becomes the
    script's root (the Simplified pages' index is zh-Hans/search/search_index.json), and
    the worker becomes the site's, beside Material's.
    """

    def rewrite(match: re.Match[str]) -> str:
        page_config = json.loads(match.group(2))
        page_folder = posixpath.dirname(page_url.rstrip("/")) if not page_url.endswith("/") else page_url.rstrip("/")
        page_config["base"] = posixpath.relpath(locale_root or ".", page_folder or ".")
        worker = page_config["search"]
        folder = posixpath.dirname(worker)
        page_config["search"] = f"{folder}/{posixpath.basename(WORKER_PATH)}"
        return match.group(1) + json.dumps(page_config, ensure_ascii=False) + match.group(3)

    return _CONFIG_SCRIPT.sub(rewrite, html, count=1)


def measure_location(measure: Measure) -> str:
    """Where a measure is, relative to its script's root: domains/education/#measure-15."""
    return url(PATHS.measure(measure))


def search_indexes(
    content: SiteContent, sections: Mapping[str, list[dict[str, Any]]], config: Mapping[str, Any]
) -> dict[str, dict[str, Any]]:
    """{locale code: its index}, from the sections Material collected for each locale's pages."""
    to_simplified = opencc.OpenCC(SIMPLIFIED_CONVERSION).convert
    docs = {
        locale.code: titled_entries(
            locale_entries(sections[locale.code], locale.path_prefix),
            content.localized[locale.code].document.measures,
        )
        for locale in LOCALES
        if locale.code in sections
    }
    # Two scripts: the source and its Simplified conversion, segmented as a pair.
    (converted_code,) = (code for code in docs if code != SOURCE_LOCALE.code)
    segment_entries(docs[SOURCE_LOCALE.code], docs[converted_code], to_simplified)
    indexes = {code: index_document(locale_docs, config) for code, locale_docs in docs.items()}
    # Both directions come from the source script's words and characters (and those of
    # the synonyms readers type): the other script's text is their conversion.
    terms = content.search_terms
    source_texts = [doc["title"] + doc["text"] for doc in indexes[SOURCE_LOCALE.code]["docs"]]
    typed_texts = [synonym.query + segment.WORD_BREAK + synonym.finds for synonym in terms.synonyms]
    replacements = {
        code: to_source_replacements(source_texts + typed_texts, to_simplified)
        if code == SOURCE_LOCALE.code
        else to_converted_replacements(source_texts + typed_texts, to_simplified)
        for code in indexes
    }
    converters = {code: content.localized[code].convert for code in indexes}
    synonyms = synonyms_by_locale(terms, content.corrections, converters, replacements)
    folding = variant_folding([*hanzi.variant_forms(), *terms.variants], source_texts)
    for code, index in indexes.items():
        # In `config`: the part of the index Material hands to its worker whole.
        index["config"]["query_replacements"] = dict(sorted(replacements[code].items()))
        index["config"]["variants"] = folding
        index["config"]["synonyms"] = synonyms[code]
    return indexes
