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
  each with the text's words it also finds, in this script;
- `config.names`: the names of the text (集成電路, 武夷學院, 粵港澳大灣區), of which a
  part (集成, 大灣區) or a form one character off (武夷學園) is also found;
- `config.short_forms`: short forms of those names (世遺 for 世界遺產, 閩企 for 福建企業),
  derived by the rules of Chinese abbreviation or written by the editors, each with its
  names in this script;
- `config.specific_words`: the words of the text that are rare in the language (武夷山,
  郵輪), which find their section whatever else a query holds.

The browser applies them (assets/javascripts/workers/search-measures.js), which keeps
each index to one script's words.
"""

from __future__ import annotations

import dataclasses
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

from measures_site.content.interface import PAGE_LABELS, meeting_suffix
from measures_site.content.paths import PATHS, url
from measures_site.data import hanzi
from measures_site.data.model import MEASURE_ANCHOR_PREFIX, Measure, Meeting, SearchTerms
from measures_site.locales import LOCALES, SIMPLIFIED_LOCALE, SOURCE_LOCALE
from measures_site.site import search_words, segment

if TYPE_CHECKING:
    from measures_site.content.pipeline import LocalizedContent, SiteContent

INDEX_PATH = "search/search_index.json"
# The search worker every page starts instead of Material's: it answers Material's
# search box with ranked measures (see MAINTAINERS.md, Search).
WORKER_PATH = "assets/javascripts/workers/search-measures.js"

# The address of a measure's section, in Python and in the browser alike.
MEASURE_LOCATION = re.compile(f"#{MEASURE_ANCHOR_PREFIX}[0-9]+$")

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


def titled_entries(
    entries: Iterable[Mapping[str, Any]], meetings: Iterable[tuple[Meeting, str]]
) -> list[dict[str, Any]]:
    """The entries, a measure's section titled as readers know it (「15. 開啟閩港新領域合作」), and
    the reports of progress on a measure's page with the measure they are about
    (「15. 開啟閩港新領域合作（落實進度）」, the section's own title in the page's script); each
    meeting's with the words that name it when the site holds several (「（第五次會議）」), from
    `meetings`: (meeting, its words or "")."""
    by_location: dict[str, tuple[Measure, str]] = {}
    reports: dict[str, tuple[Measure, str]] = {}
    for meeting, named in meetings:
        at = PATHS.meeting(meeting.number)
        for measure in meeting.measures:
            by_location[url(at.measure(measure))] = measure, named
            if measure.progress:
                reports[url(at.measure_reports(measure))] = measure, named
    docs = []
    for entry in entries:
        doc = dict(entry)
        # HTML, like every title and text of Material's index: the worker reads it as such.
        if (found := by_location.get(doc["location"])) is not None:
            measure, named = found
            doc["title"] = html.escape(measure.label + named, quote=False)
        elif (found := reports.get(doc["location"])) is not None:
            measure, named = found
            doc["title"] = f"{html.escape(measure.label, quote=False)}（{doc['title']}）{html.escape(named, quote=False)}"
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
    groups_of_forms = search_words.joined(groups)
    forms_of_groups = {form for forms in groups_of_forms for form in forms}
    counts: dict[str, int] = defaultdict(int)
    for text in source_texts:
        for character in text:
            if character in forms_of_groups:
                counts[character] += 1
    folding = {}
    for forms in groups_of_forms:
        chosen = max(forms, key=lambda form: (counts[form], form == forms[0]))
        folding.update({form: chosen for form in forms if form != chosen})
    return dict(sorted(folding.items()))


def _replaced(text: str, replacements: Mapping[str, str]) -> str:
    """`text` with the other script's characters replaced, as the browser replaces a query's."""
    return "".join(replacements.get(character, character) for character in text)


def synonyms_by_locale(
    synonyms: Iterable[tuple[str, str]],
    corrections: Iterable[tuple[str, str]],
    converters: Mapping[str, Callable[[str], str]],
    replacements: Mapping[str, Mapping[str, str]],
) -> dict[str, dict[str, list[str]]]:
    """{locale code: {what readers type: [the text's words it finds]}}, in each script.

    The editors' synonyms, (what readers type, what it finds), are written in the source
    script and converted; a conversion override's two phrases find
    each other: OpenCC's phrase (数位产业, what typing 數位產業 gives on the 简体 site) finds
    the editors' (数字产业), and on the source site the editors' phrase, in source
    characters (數字產業), finds the source's own (數位產業).
    """
    tables: dict[str, dict[str, list[str]]] = {code: defaultdict(list) for code in converters}
    for query, finds in synonyms:
        for code, convert in converters.items():
            key, found = convert(query), convert(finds)
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


# The one-character names of places that Chinese short forms use (福建企業 → 閩企, 香港學生 → 港生).
PLACE_SHORT_FORMS = {
    "福建": "閩", "福建省": "閩", "香港": "港", "澳門": "澳", "廣東": "粵", "廈門": "廈", "泉州": "泉", "中國": "中",
}
# jieba's dictionary parts of speech: n a noun, ns a place; nt and nz other proper nouns.
NOUN, PLACE = "n", "ns"
PROPER_NOUNS = ("n", "nt", "nz")
# Words of these parts of speech (verbs, adverbs, adjectives …) make phrases, not names:
# 充分|發揮 is not shortened to 充發.
NOT_NOMINAL = ("v", "d", "ad", "a", "c", "p", "u", "r", "m")
# A name is a place and at most this many nouns after it (粵港澳|大灣|區).
NOUNS_AFTER_PLACE = 2
# The generic last word of the name of a body, an event or a scheme, and what its short form
# keeps of it (青年|聯合會 → 青聯, 投資|貿易|洽談會 → 投洽會); and of a 「…之路」, whose short
# form keeps the first characters of the two words before it (海上|絲綢|之路 → 海絲).
GENERIC_ENDINGS = (
    ("聯合會", "聯"), ("聯盟", "盟"), ("計劃", "計劃"), ("會", "會"), ("局", "局"), ("院", "院"), ("展", "展"), ("節", "節"),
)
ROAD = "之路"
# What begins such a name but makes no part of its short form, besides a place: 中國|國際|投資|
# 貿易|洽談會 is 投洽會. A place ending so (福建省, 廈門市) is a place too.
NAME_PREFIXES = ("中國", "國際", "全國")
PLACE_ENDINGS = ("省", "市")
# A short form names at most this many words of its name (the first and the last of them).
WORDS_OF_A_BODY = 3

# A word of the text is specific (a name, a rare term: 武夷山 175, 郵輪 104, 晉江 68) when
# jieba's dictionary, the one that cuts the text, holds it as a noun seen fewer times than
# this in its corpus of 60 million words; not 學校 (17,020), 金融 (6,455) or 國家 (79,520).
RARE_IN_THE_LANGUAGE = 500

Piece = tuple[str, str]  # one piece of the index, Traditional and Simplified


@functools.cache
def _dictionary_tags() -> Mapping[str, str]:
    """Each word of jieba's dictionary (Simplified) with its part of speech, read on first use."""
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab


@dataclasses.dataclass(frozen=True)
class Name:
    """A name of the text, as the index's pieces of it (集成|電路)."""

    pieces: tuple[Piece, ...]
    compound: bool  # one word of jieba's (集成電路), not a place and its nouns (武夷|學院)
    # The name of a body, an event or a scheme (投資|貿易|洽談會, without the place and the
    # prefixes before it), or a 「…之路」 (海上|絲綢|之路)
    body: bool = False

    @property
    def text(self) -> str:
        return "".join(traditional for traditional, _ in self.pieces)


def specific_words(texts: Iterable[str], to_simplified: Callable[[str], str]) -> list[str]:
    """The words of segmented `texts` (the measures') that are specific: nouns rare in the language, not the
    places of PLACE_SHORT_FORMS, which qualify half of this site's questions (廈門大學排名)."""
    frequencies, tags = segment.dictionary_frequencies(), _dictionary_tags()
    places = {to_simplified(place) for place in PLACE_SHORT_FORMS}
    found = set()
    for text in texts:
        for word in segment.words(text):
            simplified = to_simplified(word)
            if (
                len(word) > 1
                and 0 < frequencies.get(simplified, 0) < RARE_IN_THE_LANGUAGE
                and tags.get(simplified, "").startswith(NOUN)
                and simplified not in places
            ):
                found.add(word)
    return sorted(found)


def names(source_texts: Iterable[str], to_simplified: Callable[[str], str]) -> list[Name]:
    """The names of the text: the words jieba keeps whole and the index holds in pieces
    (集成|電路, 世界|遺產), a place with the nouns after it (武夷|學院, 福建|企業,
    粵港澳|大灣|區), and the names of bodies, events and schemes that the press shortens
    (投資|貿易|洽談會, 青年|聯合會, 海上|絲綢|之路), in the order of the text, each once."""
    tags = _dictionary_tags()
    cut = functools.cache(lambda run: segment.cut_grouped(run, to_simplified))
    found: dict[tuple[Piece, ...], Name] = {}
    for text in source_texts:
        for run in segment.HAN_RUN.findall(text.replace(segment.WORD_BREAK, "")):
            groups = cut(run)
            for group in groups:
                if len(group) > 1:
                    found.setdefault(tuple(group), Name(tuple(group), compound=True))
            pieces = [piece for group in groups for piece in group]
            for start, (traditional, simplified) in enumerate(pieces):
                if tags.get(simplified) != PLACE and traditional not in PLACE_SHORT_FORMS:
                    continue
                end = start + 1
                # Another place of the table begins a name of its own (香港大學生|福建).
                while end < len(pieces) and end - start <= NOUNS_AFTER_PLACE and (
                    tags.get(pieces[end][1]) == NOUN
                    or (tags.get(pieces[end][1]) == PLACE and pieces[end][0] not in PLACE_SHORT_FORMS)
                ):
                    end += 1
                if end - start > 1:
                    found.setdefault(tuple(pieces[start:end]), Name(tuple(pieces[start:end]), compound=False))
            for end in range(len(pieces)):
                if (body := _body_name(pieces, end, tags)) is not None:
                    found.setdefault(body.pieces, body)
    return list(found.values())


def _body_name(pieces: list[Piece], end: int, tags: Mapping[str, str]) -> Name | None:
    """The name of a body, an event or a scheme that ends with pieces[end] (中國|國際|投資|貿易|
    洽談會 → 投資|貿易|洽談會), or a 「…之路」 (海上|絲綢|之路), or None."""
    last = pieces[end][0]
    if last == ROAD:
        start = end - 2
    elif last.endswith(tuple(ending for ending, _ in GENERIC_ENDINGS)):
        start = end
        while start > 0 and _continues_a_name(pieces[start - 1], tags):
            start -= 1
    else:
        return None
    # Only a name the press's rule shortens: not 國家|發展 (a verb's 展) nor 社會.
    body = Name(tuple(pieces[max(start, 0) : end + 1]), compound=False, body=True)
    return body if start >= 0 and _body_short_form(body.pieces, tags) else None


def _continues_a_name(piece: Piece, tags: Mapping[str, str]) -> bool:
    """A word of a body's name before its last: nominal, and not a place or a prefix (what the
    name begins with, and its short form drops)."""
    word, simplified = piece
    if word in PLACE_SHORT_FORMS or word in NAME_PREFIXES or word.endswith(PLACE_ENDINGS):
        return False
    return tags.get(simplified) not in (None, *NOT_NOMINAL)


def short_form(name: Name) -> str | None:
    """The short form Chinese makes of `name` by rule, or None when no rule applies.

    A place and a noun: the place's one-character name and the noun's first character
    (福建|企業 → 閩企). A compound of two or three two-character words, a noun of jieba's
    dictionary made of nouns: the first character of each (世界|遺產 → 世遺). Other names are
    shortened by custom, not by rule (香港中學文憑考試 → 文憑試): the editors write those.
    """
    tags = _dictionary_tags()
    if name.body:
        return _body_short_form(name.pieces, tags)
    (first, _), *rest = name.pieces
    if first in PLACE_SHORT_FORMS:
        if len(rest) == 1 and len(rest[0][0]) == 2 and tags.get(rest[0][1]) == NOUN:
            return PLACE_SHORT_FORMS[first] + rest[0][0][0]
        return None
    simplified_name = "".join(simplified for _, simplified in name.pieces)
    if (
        name.compound
        and len(name.pieces) in (2, 3)
        and all(len(word) == 2 for word, _ in name.pieces)
        and tags.get(simplified_name) in PROPER_NOUNS
        and not any(tags.get(simplified, NOUN) in NOT_NOMINAL or simplified in tags and tags[simplified] == PLACE
                    for _, simplified in name.pieces)
    ):
        return "".join(word[0] for word, _ in name.pieces)
    return None


def _body_short_form(pieces: tuple[Piece, ...], tags: Mapping[str, str]) -> str | None:
    """The press's short form of a body's, an event's or a scheme's name: the first character
    of the first and the last of the words that make it specific, and its generic character
    (投資|貿易|洽談會 → 投洽會, 青年|聯合會 → 青聯); of a 「…之路」, the first characters of the two
    words before it (海上|絲綢|之路 → 海絲). Words of jieba's dictionary, of two characters,
    only: 閩籍|商|協會 is shortened by custom if at all, and 旅發局 is already short."""
    *specific, (last, last_simplified) = pieces
    if last == ROAD:
        kept = ""
    else:
        ending, kept = next((ending, kept) for ending, kept in GENERIC_ENDINGS if last.endswith(ending))
        if stem := last.removesuffix(ending):
            specific.append((stem, last_simplified[: len(stem)]))
    if not 1 <= len(specific) <= WORDS_OF_A_BODY:
        return None
    if any(len(word) != 2 or simplified not in tags for word, simplified in specific):
        return None
    return specific[0][0][0] + (specific[-1][0][0] if len(specific) > 1 else "") + kept


def derived_short_forms(text_names: Iterable[Name], source_texts: Iterable[str]) -> dict[str, list[str]]:
    """{short form: the names it stands for}, each derived by `short_form`, in source characters.

    A short form that the text holds outside its names (文藝, from 文化藝術: the text
    writes 文藝演出) is left out: it is an ordinary word of the text, and finds what that
    word finds. Inside its own name it does not count (港企 in 香港企業).
    """
    text = "\n".join(source_texts).replace(segment.WORD_BREAK, "")
    forms: dict[str, list[str]] = defaultdict(list)
    for name in text_names:
        short = short_form(name)
        if short and name.text not in forms[short]:
            forms[short].append(name.text)
    return {short: fulls for short, fulls in forms.items() if short not in _without(text, fulls)}


def _without(text: str, names: Iterable[str]) -> str:
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, "\n")
    return text


def short_forms_by_locale(
    derived: Mapping[str, list[str]], terms: SearchTerms, converters: Mapping[str, Callable[[str], str]]
) -> dict[str, dict[str, list[str]]]:
    """{locale code: {short form: [its names]}}: the derived short forms and the editors', in each script."""
    tables: dict[str, dict[str, list[str]]] = {}
    pairs = [(short, full) for short, fulls in derived.items() for full in fulls]
    pairs += [(item.short, item.full) for item in terms.short_forms]
    for code, convert in converters.items():
        table: dict[str, list[str]] = defaultdict(list)
        for short, full in pairs:
            if convert(full) not in table[convert(short)]:
                table[convert(short)].append(convert(full))
        tables[code] = dict(sorted(table.items()))
    return tables


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


def _meetings_named(localized: LocalizedContent) -> list[tuple[Meeting, str]]:
    """Each meeting, with the words its results end with when the site holds several (「（第五次會議）」)."""
    document = localized.document
    labels = {"meeting_label": localized.interface(PAGE_LABELS["meeting_label"])}
    return [(meeting, meeting_suffix(meeting.number, labels) if document.several_meetings else "") for meeting in document.meetings]


def search_indexes(
    content: SiteContent, sections: Mapping[str, list[dict[str, Any]]], config: Mapping[str, Any]
) -> dict[str, dict[str, Any]]:
    """{locale code: its index}, from the sections Material collected for each locale's pages."""
    to_simplified = opencc.OpenCC(SIMPLIFIED_CONVERSION).convert
    docs = {
        locale.code: titled_entries(
            locale_entries(sections[locale.code], locale.path_prefix), _meetings_named(content.localized[locale.code])
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
    typed_texts += [item.short + segment.WORD_BREAK + item.full for item in terms.short_forms]
    # Each script's words, to know which of its words a query may find whole.
    text_words = {
        code: segment.WholeWords(doc["title"] + doc["text"] for doc in index["docs"]) for code, index in indexes.items()
    }
    language = search_words.language_synonyms(text_words[SOURCE_LOCALE.code])
    typed_texts += [query + segment.WORD_BREAK + finds for query, finds in language]
    typed_texts.append(segment.WORD_BREAK.join(search_words.ASKING_WORDS))
    replacements = {
        code: to_source_replacements(source_texts + typed_texts, to_simplified)
        if code == SOURCE_LOCALE.code
        else to_converted_replacements(source_texts + typed_texts, to_simplified)
        for code in indexes
    }
    converters = {code: content.localized[code].convert for code in indexes}
    typed = [(synonym.query, synonym.finds) for synonym in terms.synonyms]
    synonyms = synonyms_by_locale(typed, content.corrections, converters, replacements)
    # A word of another region that this script's text writes itself finds what it says there
    # (數位 of the 繁體 text's 數位產業), not its group's words too.
    for code, convert in converters.items():
        for query, finds in language:
            key, found = convert(query), convert(finds)
            if not text_words[code](key) and found not in synonyms[code].setdefault(key, []):
                synonyms[code][key].append(found)
        synonyms[code] = dict(sorted(synonyms[code].items()))
    folding = variant_folding([*hanzi.variant_forms(), *terms.variants], source_texts)
    text_names = names(source_texts, to_simplified)
    short_forms = short_forms_by_locale(derived_short_forms(text_names, source_texts), terms, converters)
    # Each name as its pieces, as the index's texts write them: what a part of it may be depends on them.
    name_texts = list(
        dict.fromkeys(
            [segment.WORD_BREAK.join(traditional for traditional, _ in name.pieces) for name in text_names]
            + [item.full for item in terms.short_forms]
        )
    )
    for code, index in indexes.items():
        # In `config`: the part of the index Material hands to its worker whole.
        index["config"]["query_replacements"] = dict(sorted(replacements[code].items()))
        index["config"]["variants"] = folding
        index["config"]["synonyms"] = synonyms[code]
        index["config"]["short_forms"] = short_forms[code]
        index["config"]["names"] = [converters[code](name) for name in name_texts]
        index["config"]["specific_words"] = specific_words(
            (doc["title"] + segment.WORD_BREAK + doc["text"] for doc in index["docs"] if MEASURE_LOCATION.search(doc["location"])),
            to_simplified,
        )
        index["config"]["asking_words"] = list(dict.fromkeys(converters[code](word) for word in search_words.ASKING_WORDS))
        # What the worker reads from the index rather than knowing it: where the texts' words
        # break, and the address of a measure's section (ranked first of two alike).
        index["config"]["word_break"] = segment.WORD_BREAK
        index["config"]["measure_location"] = MEASURE_LOCATION.pattern
    return indexes
