"""What a change to the data will publish: a table a reviewer reads before merging.

Compares the content of a base (the data before the change) with the content after
it, item by item: memorandum paragraphs, domains and measures, each with its 繁體
text before and after and the 简体 text that will be generated from it, naming the
conversion overrides that applied. Items are matched by content, so a measure that
was only renumbered is listed as such, not as a change of text.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .annotations import markdown_cell
from .locales import SIMPLIFIED_LOCALE
from .model import Domain, Measure
from .pipeline import SiteContent, load_site_content
from .problems import DataError

ItemT = TypeVar("ItemT")


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

    def simplified(self, *texts: str) -> tuple[str, str]:
        """The 简体 text and the overrides that shaped it."""
        phrases = sorted({phrase for text in texts for phrase in self.convert.overrides_in(text)})
        applied = "、".join(f"{phrase} → {self.convert.overrides[phrase]}" for phrase in phrases)
        return "<br>".join(markdown_cell(self.convert(text)) for text in texts), markdown_cell(applied)

    def row(self, item: str, before: tuple[str, ...], after: tuple[str, ...]) -> Row:
        simplified, overrides = self.simplified(*after) if after else ("", "")
        if before and after:
            cells = [_marked(old, new) for old, new in zip(before, after)]
            shown_before, shown_after = (tuple(cell[side] for cell in cells) for side in (0, 1))
        else:
            shown_before, shown_after = (tuple(markdown_cell(text) for text in texts) for texts in (before, after))
        return Row(item, "<br>".join(shown_before), "<br>".join(shown_after), simplified, overrides)

    def paragraphs(self) -> list[Row]:
        old = self.base.source.memorandum.paragraphs if self.base else ()
        new = self.head.source.memorandum.paragraphs
        rows = []
        for before, after in _pairs(old, new, key=lambda text: text, same_item=_similar):
            where = f"paragraph {new.index(after) + 1}" if after is not None else "paragraph (deleted)"
            status = "changed" if before is not None and after is not None else ("new" if after else "deleted")
            rows.append(self.row(f"Memorandum, {where}: {status}", _texts(before), _texts(after)))
        return rows

    def domains(self) -> list[Row]:
        old = {domain.slug: domain for domain in (self.base.source.domains if self.base else ())}
        new = {domain.slug: domain for domain in self.head.source.domains}
        rows = []
        for slug in [*new, *(slug for slug in old if slug not in new)]:
            before, after = old.get(slug), new.get(slug)
            if before == after:
                continue
            status = "changed" if before and after else ("new" if after else "deleted")
            rows.append(self.row(f"Domain `{slug}`: {status}", _domain(before), _domain(after)))
        return rows

    def measures(self) -> tuple[list[Row], list[str]]:
        old = self.base.source.measures if self.base else ()
        new = self.head.source.measures

        def text_of(measure: Measure) -> tuple[str, str, str]:
            return (measure.domain, measure.title, measure.body)

        def same_measure(before: Measure, after: Measure) -> bool:
            return before.domain == after.domain and (
                before.title == after.title or before.body == after.body or _similar(before.body, after.body)
            )

        rows = []
        for before, after in _pairs(old, new, key=text_of, same_item=same_measure):
            if after is not None:
                status = "changed" if before is not None else "new"
                item = f"Measure {after.number} ({self.head.source.domain_of(after).name}): {status}"
            else:
                item = f"Measure {before.number} ({self.base.source.domain_of(before).name}): deleted"
            rows.append(self.row(item, _measure(before), _measure(after)))
        unchanged_text = {text_of(measure): measure.number for measure in old}
        renumbered = [
            f"{unchanged_text[text_of(measure)]} → {measure.number}"
            for measure in new
            if unchanged_text.get(text_of(measure), measure.number) != measure.number
        ]
        return rows, renumbered

    def changes(self) -> list[Row]:
        """The change log's entries added or removed (a reworded note is both)."""
        old = self.base.source.changes if self.base else ()
        new = self.head.source.changes
        rows = [self.row(f"Change log, {c.date} ({c.subject}): new", (), (c.note,)) for c in new if c not in old]
        rows += [self.row(f"Change log, {c.date} ({c.subject}): deleted", (c.note,), ()) for c in old if c not in new]
        return rows

    def markdown(self) -> str:
        lines = ["## What this change will publish", ""]
        if self.base is None:
            lines += ["The data before the change could not be read: everything is listed as new.", ""]
        old_date = self.base.source.last_updated if self.base else None
        if old_date != self.head.source.last_updated:
            lines += [f"**Last updated** (最後更新): {old_date or '—'} → {self.head.source.last_updated}", ""]
        measure_rows, renumbered = self.measures()
        rows = self.paragraphs() + self.domains() + measure_rows + self.changes()
        if renumbered:
            lines += [f"**Measures renumbered** (text unchanged): {', '.join(renumbered)}", ""]
        if not rows:
            lines += ["No text of the memorandum, the domains, the measures or the change log changes.", ""]
            return "\n".join(lines)
        lines += [
            "| What | 繁體 before | 繁體 after | 简体 that will be published | Conversion overrides applied |",
            "| --- | --- | --- | --- | --- |",
        ]
        lines += [f"| {r.item} | {r.before} | {r.after} | {r.simplified} | {r.overrides} |" for r in rows]
        return "\n".join(lines) + "\n"


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
    try:
        base = load_site_content(base_dir / data_file.name, base_dir / overrides_file.name, shown)
    except DataError:
        base = None
    return _Review(base, head).markdown()
