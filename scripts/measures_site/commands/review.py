"""What a change to the data will publish: a table a reviewer reads before merging.

Compares the content of a base (the data before the change) with the content after
it, item by item: memorandum paragraphs, the titles and other texts, domains and
measures, each with its 繁體 text before and after and the 简体 text that will be
generated from it, naming the conversion overrides that applied; then the overrides
added, removed or changed, and the site: block. An item is listed whenever what readers
read of it changes, in either script, with the cause named: its own edit, an override
(its 简体 alone changed), a renumbering, a move to another domain. Items are matched by
content, so a measure that was only renumbered or moved is one item, not a deletion and a
new one; a domain renamed with its former slug recorded is one rename, with the addresses
it moves. A summary line in the editors' words comes first.
"""

from __future__ import annotations

import difflib
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from measures_site.commands.annotations import markdown_cell, markdown_code
from measures_site.content.changes import entry_key
from measures_site.content.paths import PATHS, url
from measures_site.content.pipeline import SiteContent, load_site_content
from measures_site.data.model import Domain, Measure, Meeting, SearchTerms
from measures_site.data.problems import DataError
from measures_site.data.read import as_written_today, read_text
from measures_site.locales import SIMPLIFIED_LOCALE
from measures_site.project import search_terms_file

ItemT = TypeVar("ItemT")
KeyT = TypeVar("KeyT")


@dataclass(frozen=True)
class Row:
    item: str
    before: str
    after: str
    simplified: str
    overrides: str


def _similar(before: str, after: str) -> bool:
    """Whether `after` reads as an edit of `before` rather than another text."""
    return difflib.SequenceMatcher(a=before, b=after, autojunk=False).ratio() >= 0.5


def _pairs(
    old: Sequence[ItemT],
    new: Sequence[ItemT],
    key: Callable[[ItemT], object],
    same_item: Callable[[ItemT, ItemT], bool],
):
    """(old or None, new or None) for every item that differs, in order.

    Within a run of differing items, an old and a new item in the same place are
    one item changed when `same_item` says so; otherwise one deleted and one new.
    """
    matcher = difflib.SequenceMatcher(a=[key(item) for item in old], b=[key(item) for item in new], autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            continue
        removed, added = list(old[old_start:old_end]), list(new[new_start:new_end])
        while removed or added:
            if removed and added and same_item(removed[0], added[0]):
                yield removed.pop(0), added.pop(0)
            elif removed and (not added or not any(same_item(removed[0], item) for item in added)):
                yield removed.pop(0), None
            else:
                yield None, added.pop(0)


def _marked(before: str, after: str) -> tuple[str, str]:
    """Both texts as table cells, the characters that differ in <del> and <ins>."""
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    old, new = [], []
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        removed, added = markdown_cell(before[old_start:old_end]), markdown_cell(after[new_start:new_end])
        if tag == "equal":
            old.append(removed)
            new.append(added)
            continue
        if removed:
            old.append(f"<del>{removed}</del>")
        if added:
            new.append(f"<ins>{added}</ins>")
    return "".join(old), "".join(new)


class _Review:
    def __init__(self, base: SiteContent | None, head: SiteContent) -> None:
        self.base, self.head = base, head
        self.convert = head.localized[SIMPLIFIED_LOCALE.code].convert
        self.base_convert = base.localized[SIMPLIFIED_LOCALE.code].convert if base else None
        self.counts: Counter[str] = Counter()
        # With several meetings on either side, each row says which meeting it is of.
        self.several = head.source.several_meetings or (base is not None and base.source.several_meetings)

    def meeting_pairs(self) -> list[tuple[Meeting | None, Meeting | None]]:
        """(the meeting before, after) of each meeting, by its number: the head's newest first, then
        those the change deletes."""
        old = {meeting.number: meeting for meeting in self.base.source.meetings} if self.base else {}
        new = self.head.source.meetings_newest_first
        numbers = {meeting.number for meeting in new}
        return [(old.get(meeting.number), meeting) for meeting in new] + [
            (meeting, None) for number, meeting in sorted(old.items(), reverse=True) if number not in numbers
        ]

    def of(self, old: Meeting | None, new: Meeting | None) -> str:
        """"Meeting 5, " before a row's subject when the site holds several meetings, else nothing."""
        meeting = new or old
        return f"Meeting {meeting.number}, " if self.several and meeting else ""

    @staticmethod
    def renamed(old: Meeting | None, new: Meeting | None) -> dict[str, str]:
        """{former slug: slug}: the domains of a meeting renamed by this change, their old address recorded."""
        old_slugs = {domain.slug for domain in old.domains} if old else set()
        new_slugs = {domain.slug for domain in new.domains} if new else set()
        return {
            former: domain.slug
            for domain in (new.domains if new else ())
            for former in domain.former_slugs
            if former in old_slugs and former not in new_slugs
        }

    def simplified(self, *texts: str) -> tuple[str, str]:
        """The 简体 text and the overrides that shaped it."""
        phrases = sorted({phrase for text in texts for phrase in self.convert.overrides_in(text)})
        applied = "、".join(f"{phrase} → {self.convert.overrides[phrase]}" for phrase in phrases)
        return "<br>".join(markdown_cell(self.convert(text)) for text in texts), markdown_cell(applied)

    def simplified_change(self, before: tuple[str, ...], after: tuple[str, ...]) -> str | None:
        """Why the 简体 of texts whose 繁體 did not change is published otherwise now, if it is."""
        if self.base_convert is None or before != after:
            return None
        if [self.base_convert(text) for text in before] == [self.convert(text) for text in after]:
            return None
        old = {(phrase, self.base_convert.overrides[phrase]) for text in before for phrase in self.base_convert.overrides_in(text)}
        new = {(phrase, self.convert.overrides[phrase]) for text in after for phrase in self.convert.overrides_in(text)}
        words = [f"{markdown_cell(a)} → {markdown_cell(b)} added" for a, b in sorted(new - old)]
        words += [f"{markdown_cell(a)} → {markdown_cell(b)} removed" for a, b in sorted(old - new)]
        return f"简体 changed by the conversion overrides ({'、'.join(words) or 'the converter'})"

    def row(self, item: str, before: tuple[str, ...], after: tuple[str, ...]) -> Row:
        simplified, overrides = self.simplified(*after) if after else ("", "")
        if before and after:
            cells = [_marked(old, new) for old, new in zip(before, after)]
            shown_before, shown_after = (tuple(cell[side] for cell in cells) for side in (0, 1))
        else:
            shown_before, shown_after = (tuple(markdown_cell(text) for text in texts) for texts in (before, after))
        return Row(item, "<br>".join(shown_before), "<br>".join(shown_after), simplified, overrides)

    def paragraphs(self, old_meeting: Meeting | None, new_meeting: Meeting | None) -> list[Row]:
        old = old_meeting.memorandum.paragraphs if old_meeting and old_meeting.memorandum else ()
        new = new_meeting.memorandum.paragraphs if new_meeting and new_meeting.memorandum else ()
        rows = []
        for before, after in _all_pairs(old, new, key=lambda text: text, same_item=_similar):
            causes = []
            if before is None or after is None:
                causes.append("new" if after is not None else "deleted")
            elif before != after:
                causes.append("changed")
            elif (why := self.simplified_change((before,), (after,))) is not None:
                causes.append(why)
            if not causes:
                continue
            self.counts["paragraphs"] += 1
            where = f"paragraph {new.index(after) + 1}" if after is not None else "paragraph (deleted)"
            item = f"{self.of(old_meeting, new_meeting)}Memorandum, {where}: {'; '.join(causes)}"
            rows.append(self.row(item, _texts(before), _texts(after)))
        return rows

    def titles(self, old_meeting: Meeting | None, new_meeting: Meeting | None) -> list[Row]:
        """The other texts readers read: the titles, the conference, the signatures, a summary."""
        rows = []
        old = dict(_text_fields(old_meeting)) if old_meeting else {}
        new = dict(_text_fields(new_meeting)) if new_meeting else {}
        for path, after in [*new.items(), *((path, None) for path in old if path not in new)]:
            before = old.get(path)
            if before != after:
                status = "changed" if before is not None else "new"
            elif (why := self.simplified_change((before,), (after,))) is not None:
                status = why
            else:
                continue
            status = status if after is not None else "deleted"
            self.counts["titles"] += 1
            rows.append(self.row(f"{self.of(old_meeting, new_meeting)}`{path}`: {status}", _texts(before), _texts(after)))
        return rows

    def domains(self, old_meeting: Meeting | None, new_meeting: Meeting | None) -> list[Row]:
        old = {domain.slug: domain for domain in (old_meeting.domains if old_meeting else ())}
        new = {domain.slug: domain for domain in (new_meeting.domains if new_meeting else ())}
        renamed = self.renamed(old_meeting, new_meeting)
        at = PATHS.meeting((new_meeting or old_meeting).number)
        of = self.of(old_meeting, new_meeting)
        rows = []
        for slug, target in renamed.items():
            before, after = old[slug], new[target]
            addresses = ", ".join(
                f"{url(page(before))} → {url(page(after))}" for page in (at.domain, at.domain_side_by_side)
            )
            self.counts["addresses"] += 1
            rows.append(
                self.row(
                    f"{of}Domain `{slug}` renamed `{target}`: its addresses move in both scripts ({addresses});"
                    " the old ones send readers on",
                    _domain(before),
                    _domain(after),
                )
            )
        for slug in [*new, *(slug for slug in old if slug not in new and slug not in renamed)]:
            before, after = old.get(slug), new.get(slug)
            if before is None and slug in renamed.values():
                continue
            if _domain(before) == _domain(after):
                continue
            status = "changed" if before and after else ("new" if after else "deleted")
            if before and after and before.name == after.name:
                status = f"changed (now {after.ordinal}: its place in the list)"
            if status == "deleted":
                self.counts["addresses"] += 1
            rows.append(self.row(f"{of}Domain `{slug}`: {status}", _domain(before), _domain(after)))
        return rows

    def measures(self, old_meeting: Meeting | None, new_meeting: Meeting | None) -> tuple[list[Row], list[str]]:
        old = old_meeting.measures if old_meeting else ()
        new = new_meeting.measures if new_meeting else ()
        renamed = self.renamed(old_meeting, new_meeting)
        at = PATHS.meeting((new_meeting or old_meeting).number)
        of = self.of(old_meeting, new_meeting)

        def same_measure(before: Measure, after: Measure) -> bool:
            return before.title == after.title or before.body == after.body or _similar(before.body, after.body)

        rows = []
        renumbered = []
        for before, after in _all_pairs(old, new, key=lambda measure: (measure.title, measure.body), same_item=same_measure):
            causes = []
            if before is not None and after is not None:
                if before.number != after.number:
                    causes.append(f"renumbered (was {before.number})")
                    renumbered.append(f"{of}{before.number} → {after.number}")
                    self.counts["addresses"] += 1
                # A measure of a renamed domain stays where it was: the domain's row says what moved.
                if renamed.get(before.domain, before.domain) != after.domain:
                    causes.append(
                        f"moved from {markdown_cell(old_meeting.domain_of(before).name)}"
                        f" to {markdown_cell(new_meeting.domain_of(after).name)}"
                        f" (its place {url(at.measure(before))} → {url(at.measure(after))})"
                    )
                    self.counts["moved"] += 1
                if _measure(before) != _measure(after):
                    causes.append("changed")
                    self.counts["measures"] += 1
                elif (why := self.simplified_change(_measure(before), _measure(after))) is not None:
                    causes.append(why)
                    self.counts["measures"] += 1
            elif after is not None:
                causes.append("new")
                self.counts["new"] += 1
            else:
                causes.append("deleted")
                self.counts["deleted"] += 1
            if not causes:
                continue
            if after is not None:
                item = f"{of}Measure {after.number} ({markdown_cell(new_meeting.domain_of(after).name)}): {'; '.join(causes)}"
            else:
                item = f"{of}Measure {before.number} ({markdown_cell(old_meeting.domain_of(before).name)}): deleted"
            rows.append(self.row(item, _measure(before), _measure(after)))
        return rows, renumbered

    def _entries(self, what: str, count: str, old: dict[str, str], new: dict[str, str]) -> list[Row]:
        """A row for each entry of a list of the editors' added, removed or changed: `old` and `new`
        map an entry's key to what it says (shown as it is written)."""
        rows = []
        for key, before, after, status in _keyed_changes(old, new):
            self.counts[count] += 1
            rows.append(
                Row(f"{what} {markdown_code(key)}: {status}", markdown_cell(before or ""), markdown_cell(after or ""), "", "")
            )
        return rows

    def overrides(self) -> list[Row]:
        """The conversion overrides added, removed or changed (what each does to the text is in its rows)."""
        old = self.base.corrections if self.base else ()
        return self._entries(
            "Conversion override",
            "overrides",
            {phrase: f"{phrase} → {value}" for phrase, value in old},
            {phrase: f"{phrase} → {value}" for phrase, value in self.head.corrections},
        )

    def search_terms(self) -> list[Row]:
        """data/search.yaml's entries added, removed or changed: what readers' searches find changes with them."""
        old = _search_entries(self.base.search_terms) if self.base else {}
        new = _search_entries(self.head.search_terms)
        rows = []
        for what in ("Search synonym", "Search short form", "Search variant forms"):
            rows += self._entries(
                what,
                "search",
                {key: shown for (kind, key), shown in old.items() if kind == what},
                {key: shown for (kind, key), shown in new.items() if kind == what},
            )
        return rows

    def site(self) -> list[Row]:
        """The site: block: who publishes, where readers write, the source and the licence."""
        old = dict(_flat(self.base.source.site.model_dump(mode="json"), "site")) if self.base else {}
        rows = []
        for path, after in _flat(self.head.source.site.model_dump(mode="json"), "site"):
            before = old.get(path)
            if before == after:
                continue
            self.counts["site"] += 1
            rows.append(Row(f"`{path}`: changed", markdown_cell(before or "—"), markdown_cell(after or "—"), "", ""))
        return rows

    def progress(self, old_meeting: Meeting | None, new_meeting: Meeting | None) -> list[Row]:
        """Reports of progress added, changed or removed, each known by its measure and day (its
        permanent name in the feeds): the status and note, then the source."""
        old = _reports(old_meeting) if old_meeting else {}
        new = _reports(new_meeting) if new_meeting else {}
        of = self.of(old_meeting, new_meeting)
        rows = []
        for (number, day), before, after, status in _keyed_changes(old, new):
            self.counts["progress"] += 1
            rows.append(self.row(f"{of}Measure {number}, report of {day}: {status}", before or (), after or ()))
        return rows

    def changes(self) -> list[Row]:
        """The change log's entries added or removed (a reworded note is both)."""
        old = self.base.source.changes if self.base else ()
        new = self.head.source.changes
        rows = [self.row(f"Change log, {c.date} ({entry_key(c)}): new", (), (c.note,)) for c in new if c not in old]
        rows += [self.row(f"Change log, {c.date} ({entry_key(c)}): deleted", (c.note,), ()) for c in old if c not in new]
        return rows

    def summary(self) -> str:
        counts = self.counts
        parts = [
            (counts["measures"], "項措施文字有變"),
            (counts["new"], "項新措施"),
            (counts["deleted"], "項措施刪除"),
            (counts["moved"], "項移往另一領域"),
            (counts["paragraphs"], "段備忘錄文字有變"),
            (counts["titles"], "處標題或其他文字有變"),
            (counts["addresses"], "個網址改變"),
            (counts["overrides"], "項轉換規則有變"),
            (counts["site"], "項網站資料有變"),
            (counts["search"], "項搜尋用語有變"),
            (counts["progress"], "項進度報告有變"),
        ]
        return "、".join(f"{count} {words}" for count, words in parts if count)

    def markdown(self) -> str:
        lines = ["## What this change will publish", ""]
        if self.base is None:
            lines += ["The data before the change could not be read: everything is listed as new.", ""]
        rows: list[Row] = []
        renumbered: list[str] = []
        for old, new in self.meeting_pairs():
            measure_rows, moved = self.measures(old, new)
            rows += self.paragraphs(old, new) + self.titles(old, new) + self.domains(old, new) + measure_rows
            rows += self.progress(old, new)
            renumbered += moved
        rows += self.changes()
        rows += self.overrides() + self.search_terms() + self.site()
        summary = self.summary()
        if summary:
            lines += [f"**{summary}**", ""]
        old_date = self.base.source.last_updated if self.base else None
        if old_date != self.head.source.last_updated:
            lines += [f"**Last updated** (最後更新): {old_date or '—'} → {self.head.source.last_updated}", ""]
        if renumbered:
            lines += [f"**Measures renumbered**: {', '.join(renumbered)}", ""]
        if not rows:
            lines += ["No text of the memorandum, the domains, the measures, the change log or the search terms changes.", ""]
            return "\n".join(lines)
        lines += [
            "| What | 繁體 before | 繁體 after | 简体 that will be published | Conversion overrides applied |",
            "| --- | --- | --- | --- | --- |",
        ]
        lines += [f"| {r.item} | {r.before} | {r.after} | {r.simplified} | {r.overrides} |" for r in rows]
        return "\n".join(lines) + "\n"


def _all_pairs(old, new, key, same_item):
    """(old or None, new or None) for every item, in order: those of equal key paired one to one,
    the others as `_pairs` pairs them, so that an item that only moved or was renumbered is one item."""
    matcher = difflib.SequenceMatcher(a=[key(item) for item in old], b=[key(item) for item in new], autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            yield from zip(old[old_start:old_end], new[new_start:new_end])
        else:
            yield from _pairs(old[old_start:old_end], new[new_start:new_end], key, same_item)


def _flat(value, path: str):
    if isinstance(value, dict):
        for name, inner in value.items():
            yield from _flat(inner, f"{path}.{name}")
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _flat(inner, f"{path}.{index + 1}")
    else:
        yield path, value


def _text_fields(meeting: Meeting):
    """(where, text) of a meeting's texts outside its measures, domains and paragraphs."""
    for name in ("conference", "memorandum", "annex", "summary", "source"):
        value = getattr(meeting, name)
        if value is None:
            continue
        dumped = value.model_dump(mode="json") if hasattr(value, "model_dump") else value
        for path, text in (_flat(dumped, name) if isinstance(dumped, dict) else [(name, dumped)]):
            if isinstance(text, str) and not path.startswith("memorandum.paragraphs.") and path != "conference.date":
                yield path, text


def _keyed_changes(old: Mapping[KeyT, ItemT], new: Mapping[KeyT, ItemT]) -> Iterator[tuple[KeyT, ItemT | None, ItemT | None, str]]:
    """(key, before, after, "new", "changed" or "deleted") of each entry that differs: in the order
    of `new`, then the deleted ones in the order of `old`."""
    for key in [*new, *(key for key in old if key not in new)]:
        before, after = old.get(key), new.get(key)
        if before != after:
            yield key, before, after, "changed" if before and after else ("new" if after else "deleted")


def _reports(meeting: Meeting) -> dict[tuple[int, str], tuple[str, str]]:
    """{(measure number, day): (「status：note」, source)} of every report of progress on a meeting's measures."""
    return {
        (measure.number, report.date.isoformat()): (f"{report.status}：{report.note}", report.source)
        for measure in meeting.measures
        for report in measure.progress
    }


def _search_entries(terms: SearchTerms) -> dict[tuple[str, str], str]:
    """{(kind, what readers type): the entry as written}: a query with several synonyms is one entry."""
    entries: dict[tuple[str, str], list[str]] = {}
    for synonym in terms.synonyms:
        entries.setdefault(("Search synonym", synonym.query), []).append(synonym.finds)
    for short_form in terms.short_forms:
        entries.setdefault(("Search short form", short_form.short), []).append(short_form.full)
    shown = {(kind, key): f"{key} → {'、'.join(targets)}" for (kind, key), targets in entries.items()}
    return shown | {("Search variant forms", group): group for group in terms.variants}


def _texts(text: str | None) -> tuple[str, ...]:
    return (text,) if text is not None else ()


def _domain(domain: Domain | None) -> tuple[str, ...]:
    return (f"{domain.ordinal}、{domain.name}",) if domain else ()


def _measure(measure: Measure | None) -> tuple[str, ...]:
    return (measure.title, measure.body) if measure else ()


def review_change(base_dir: Path, data_file: Path, overrides_file: Path, shown: Callable[[Path], str] = str) -> str:
    """Markdown of what changes between BASE_DIR's data files and the given ones.

    The data after the change must be valid (DataError otherwise); the base may be
    missing or invalid, and then everything is listed as new.
    """
    head = load_site_content(data_file, overrides_file, shown)
    base_data = base_dir / data_file.name
    try:
        if base_data.is_file():
            # A base written before the ordinals followed the list is read as it would be written today.
            with tempfile.TemporaryDirectory() as folder:
                today = Path(folder) / data_file.name
                today.write_text(as_written_today(read_text(base_data, shown(base_data))), encoding="utf-8")
                if search_terms_file(base_data).is_file():
                    shutil.copyfile(search_terms_file(base_data), search_terms_file(today))
                base = load_site_content(today, base_dir / overrides_file.name, shown)
        else:
            base = None
    except DataError:
        base = None
    return _Review(base, head).markdown()
