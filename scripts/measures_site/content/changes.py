"""The change log as readers see it, in one script: newest first, each entry with the words for
what it is about and the page it links to. The change-log page (render.py) and the Atom feeds
(feed.py) both show it from here, so the two never disagree. A report of progress recorded on a
measure is an entry of its own: what readers follow the site for.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from measures_site.content.interface import fill, meeting_label
from measures_site.content.paths import MEETING_AT_ROOT, PATHS
from measures_site.data.model import Change, MeasuresDocument


@dataclass(frozen=True)
class ShownChange:
    date: datetime.date
    subject: str  # in the page's script: 第 15 項措施, 合作備忘錄第 2 段, 本站
    # The page (with its anchor) of the measure or paragraph; None for the site as a whole, and for
    # a measure or paragraph the data no longer holds: the log is history, and stays valid.
    target: str | None
    note: str
    # What the entry is about, as its permanent id says it: measure-15, paragraph-2, site, or
    # measure-15-progress for a report of progress; meeting-5-measure-3 for another meeting's than
    # the one at the root (paths.MEETING_AT_ROOT).
    key: str


def _key(meeting_number: int | None, subject: str) -> str:
    """An entry's permanent id in the feeds: as the site of one meeting wrote it for the meeting at
    the root (feed readers keep ids), with its meeting for any other."""
    return subject if meeting_number in (None, MEETING_AT_ROOT) else f"meeting-{meeting_number}-{subject}"


def entry_key(change: Change) -> str:
    """What a change-log entry is about, as its permanent id says it: measure-15, meeting-5-measure-3."""
    return _key(change.meeting, change.subject)


def shown_changes(
    document: MeasuresDocument, labels: Mapping[str, str], status_words: Mapping[str, str]
) -> tuple[ShownChange, ...]:
    """The document's changes and reports of progress, newest first (entries of one day in the
    order they are written, the change log's first).

    `document`, `labels` (the pages' words, interface.yaml `pages`) and `status_words` (each
    progress status's, progress.progress_words) are in the page's script.
    """
    def named(meeting_number: int | None, words: str) -> str:
        """第 15 項措施, or with several meetings 第五次會議第 15 項措施."""
        return f"{meeting_label(meeting_number, labels)}{words}" if document.several_meetings and meeting_number else words

    shown = []
    for change in document.changes:
        meeting = document.meeting(change.meeting) if change.meeting is not None else None
        at = PATHS.meeting(change.meeting) if meeting else None
        if change.measure is not None:
            subject = named(change.meeting, fill(labels["change_measure"], number=change.measure))
            measure = next((m for m in meeting.measures if m.number == change.measure), None) if meeting else None
            target = at.measure_page(measure) if at and measure else None
        elif change.paragraph is not None:
            subject = named(change.meeting, fill(labels["change_paragraph"], number=change.paragraph))
            paragraphs = len(meeting.memorandum.paragraphs) if meeting and meeting.memorandum else 0
            target = at.paragraph(change.paragraph) if at and change.paragraph <= paragraphs else None
        else:
            subject, target = labels["change_site"], None
        shown.append(ShownChange(change.date, subject, target, change.note, entry_key(change)))
    for meeting in document.meetings:
        at = PATHS.meeting(meeting.number)
        for measure in meeting.measures:
            for report in measure.progress:
                shown.append(
                    ShownChange(
                        report.date,
                        named(meeting.number, fill(labels["change_progress"], number=measure.number)),
                        at.measure_reports(measure),
                        f"{status_words[report.status]}——{report.note}",
                        # measure-15-progress: with its day, the report's permanent id in the feeds.
                        _key(meeting.number, f"measure-{measure.number}-progress"),
                    )
                )
    return tuple(sorted(shown, key=lambda entry: entry.date, reverse=True))
