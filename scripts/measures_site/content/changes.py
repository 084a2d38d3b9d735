"""The change log as readers see it, in one script: newest first, each entry with the words for
what it is about and the page it links to. The change-log page (render.py) and the Atom feeds
(feed.py) both show it from here, so the two never disagree. A report of progress recorded on a
measure is an entry of its own: what readers follow the site for.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from measures_site.content.interface import fill
from measures_site.content.paths import PATHS
from measures_site.data.model import MeasuresDocument


@dataclass(frozen=True)
class ShownChange:
    date: datetime.date
    subject: str  # in the page's script: 第 15 項措施, 合作備忘錄第 2 段, 本站
    # The page (with its anchor) of the measure or paragraph; None for the site as a whole, and for
    # a measure or paragraph the data no longer holds: the log is history, and stays valid.
    target: str | None
    note: str
    # What the entry is about, as its permanent id says it: measure-15, paragraph-2, site, or
    # measure-15-progress for a report of progress.
    key: str


def shown_changes(
    document: MeasuresDocument, labels: Mapping[str, str], status_words: Mapping[str, str]
) -> tuple[ShownChange, ...]:
    """The document's changes and reports of progress, newest first (entries of one day in the
    order they are written, the change log's first).

    `document`, `labels` (the pages' words, interface.yaml `pages`) and `status_words` (each
    progress status's, progress.progress_words) are in the page's script.
    """
    meeting = document.lead_meeting
    measures = {measure.number: measure for measure in meeting.measures}
    paragraphs = len(meeting.memorandum.paragraphs) if meeting.memorandum else 0
    shown = []
    for change in document.changes:
        here = change.meeting == meeting.number
        if change.measure is not None:
            subject = fill(labels["change_measure"], number=change.measure)
            measure = measures.get(change.measure) if here else None
            target = PATHS.measure_page(meeting.number, measure) if measure else None
        elif change.paragraph is not None:
            subject = fill(labels["change_paragraph"], number=change.paragraph)
            target = PATHS.paragraph(change.paragraph) if here and change.paragraph <= paragraphs else None
        else:
            subject, target = labels["change_site"], None
        shown.append(ShownChange(change.date, subject, target, change.note, change.subject))
    for measure in meeting.measures:
        for report in measure.progress:
            shown.append(
                ShownChange(
                    report.date,
                    fill(labels["change_progress"], number=measure.number),
                    PATHS.measure_reports(meeting.number, measure),
                    f"{status_words[report.status]}——{report.note}",
                    # measure-15-progress: with its day, the report's permanent id in the feeds.
                    f"measure-{measure.number}-progress",
                )
            )
    return tuple(sorted(shown, key=lambda entry: entry.date, reverse=True))
