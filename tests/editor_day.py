"""An ordinary day of editors' work, applied to any valid copy of the data.

Each edit is what an editor does in data/measures.yaml or data/conversion.yaml, chosen
from the data it is given (never from line numbers or today's counts), so the same day
can be replayed on the live data whatever the editors have changed since. `apply`
returns what was done, for the acceptance test to look for on the built site.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from measures_site.content.paths import PATHS
from measures_site.data.model import chinese_ordinal

# Text an editor could add. 資訊科技 is Hong Kong usage: OpenCC writes 资讯科技, and the
# day's new override turns it into the mainland 信息技术.
CORRECTED_SENTENCE = "雙方每年檢討落實進度，並向社會公布成果。"
INSERTED_PARAGRAPH = "雙方同意每年舉行工作會議，檢視各項合作措施的落實情況。"
NEW_MEASURE_TITLE = "深化閩港資訊科技教育交流。"
NEW_MEASURE_BODY = "支持兩地學校共同開展資訊科技教育活動，鼓勵師生互訪交流。"
# The new domain's name: the first of these the data does not use (names, like slugs, are one
# domain's each, and the editors may one day add such a domain themselves).
NEW_DOMAIN_NAMES = ("環境保護", "生態環境保護", "綠色低碳發展", "海洋經濟合作", "體育交流", "氣候變化應對")
NEW_DOMAIN_SLUG = "environmental-protection"
NEW_DOMAIN_MEASURE_TITLE = "加強生態環境保護合作。"
NEW_DOMAIN_MEASURE_BODY = "推動閩港在海洋生態保護、減碳及綠色建築等方面交流合作，共同舉辦環保研討會。"
NEW_OVERRIDE = {
    "opencc": "资讯科技",
    "simplified": "信息技术",
    "reason": "「資訊科技」是香港用語，內地規範用語是「信息技术」。",
}
# The day's date, unless the data is already dated later (then the day after its last_updated):
# a change log entry may not be dated after last_updated, so the day never goes back in time.
NEW_DATE = datetime.date(2026, 11, 27)
# The day's entries in the change log: one for the corrected measure, one for the new measure
# (資訊科技 again: the 简体 feed shows the override applied).
CORRECTED_NOTE = "補充措施內文：雙方每年檢討落實進度。"
# The day's reports of progress, on two measures (the corrected one gets two, written oldest
# last): made up for the test, at addresses no public report has.
PROGRESS_SOURCE = "https://www.info.gov.hk/editor-day-test/{}"
PROGRESS_REPORTS = (
    ("in-progress", "有關部門開展首輪交流活動。"),
    ("completed", "首輪交流活動完成，雙方公布成果。"),
)
FIRST_MEASURE_REPORT = ("ongoing", "雙方舉辦年度推介活動。")
NEW_MEASURE_NOTE = "新增措施：深化閩港資訊科技教育交流。"


@dataclass(frozen=True)
class EditedMeasure:
    number: int
    domain: str  # slug
    title: str
    body: str


@dataclass
class EditorDay:
    """What the day changed, as it reads in the Traditional source after all edits."""

    corrected: EditedMeasure  # a measure with CORRECTED_SENTENCE added
    added_to_existing_domain: EditedMeasure
    added_with_new_domain: EditedMeasure
    date: datetime.date  # the day's last_updated, and the date of its change log entries
    meeting: int  # the number of the meeting edited: the newest with measures
    removed_domain: str  # slug of the domain deleted with its measures
    new_domain: str  # slug of the domain added
    new_domain_name: str  # and its name
    removed_measure_titles: list[str] = field(default_factory=list)
    measure_count: int = 0
    domain_count: int = 0
    # The change log's entries the day added: (measure number, note), as written.
    changes: list[tuple[int, str]] = field(default_factory=list)
    # The reports of progress the day recorded: {measure number: [(day, status, note, source)], newest first}.
    progress: dict[int, list[tuple[datetime.date, str, str, str]]] = field(default_factory=dict)

    @property
    def folder(self) -> str:
        """Where the edited meeting's pages are, relative to a script's root."""
        return PATHS.meeting(self.meeting).folder


def _yaml() -> YAML:
    yaml = YAML()  # round trip: comments, order and quoting stay as the editors left them
    yaml.width = 100_000
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _measure(number: int, domain: str, title: str, body: str) -> dict:
    return {
        "number": number,
        "domain": domain,
        "title": DoubleQuotedScalarString(title),
        "body": DoubleQuotedScalarString(body),
    }


def day_meeting(meetings: list) -> dict:
    """The meeting the day edits: the newest its edits fit, with measures in two domains or more, one
    of which keeps two once the last domain is deleted with its measures."""

    def fits(meeting) -> bool:
        domains = meeting.get("domains") or []
        kept = [m["domain"] for m in meeting.get("measures") or [] if domains and m["domain"] != domains[-1]["slug"]]
        return len(domains) > 1 and any(kept.count(slug) > 1 for slug in kept)

    return max((m for m in meetings if fits(m)), key=lambda m: m["conference"]["meeting_number"])


def apply(data_dir: Path) -> EditorDay:
    """Edit data_dir/measures.yaml and data_dir/conversion.yaml as an editor's day would."""
    yaml = _yaml()
    data_file = data_dir / "measures.yaml"
    data = yaml.load(data_file.read_text(encoding="utf-8"))
    meeting = day_meeting(data["meetings"])
    domains, measures = meeting["domains"], meeting["measures"]
    taken = {domain["slug"] for domain in domains}  # before the deletion: a new slug is never an old one

    meeting_number = meeting["conference"]["meeting_number"]

    # A domain deleted with its measures: the last one that is not the only domain.
    removed = domains[-1]["slug"]
    removed_titles = [str(m["title"]) for m in measures if m["domain"] == removed]
    del domains[-1]
    meeting["measures"] = measures = [m for m in measures if m["domain"] != removed]
    if not measures:
        raise AssertionError("the day needs a domain left with measures")

    # A measure removed from a domain that keeps others, and the rest renumbered
    # (measures are numbered 1, 2, 3… in order).
    removed_measure = next(
        m for m in measures if sum(1 for other in measures if other["domain"] == m["domain"]) > 1
    )
    removed_titles.append(str(removed_measure["title"]))
    measures.remove(removed_measure)
    for number, measure in enumerate(measures, start=1):
        measure["number"] = number

    # A sentence corrected in the middle measure.
    middle = measures[len(measures) // 2]
    middle["body"] = DoubleQuotedScalarString(str(middle["body"]) + CORRECTED_SENTENCE)

    # A paragraph inserted in the middle of the memorandum.
    paragraphs = meeting["memorandum"]["paragraphs"]
    paragraphs.insert(len(paragraphs) // 2, DoubleQuotedScalarString(INSERTED_PARAGRAPH))

    # A new measure in the first domain, and a new domain with its first measure (its name and
    # slug made unique, should the editors one day have added such a domain themselves).
    first_domain = domains[0]["slug"]
    measures.append(_measure(len(measures) + 1, first_domain, NEW_MEASURE_TITLE, NEW_MEASURE_BODY))
    new_slug = next(
        slug for slug in (NEW_DOMAIN_SLUG, *(f"{NEW_DOMAIN_SLUG}-{n}" for n in range(2, 100))) if slug not in taken
    )
    new_name = next(name for name in NEW_DOMAIN_NAMES if name not in {domain["name"] for domain in domains})
    domains.append({"name": new_name, "slug": new_slug})
    measures.append(_measure(len(measures) + 1, new_slug, NEW_DOMAIN_MEASURE_TITLE, NEW_DOMAIN_MEASURE_BODY))
    today = max(NEW_DATE, datetime.date.fromisoformat(str(data["last_updated"])) + datetime.timedelta(days=1))
    data["last_updated"] = DoubleQuotedScalarString(today.isoformat())

    # Progress recorded on two measures, from public reports: two on the corrected measure (the
    # newer written first, as an editor may), one on the first.
    recorded: dict[int, list[tuple[datetime.date, str, str, str]]] = {}

    def free_day(measure) -> datetime.date:
        """A month before the day, or earlier: a day the measure has no report of (one a day)."""
        taken = {str(entry["date"]) for entry in measure.get("progress") or []}
        day = today - datetime.timedelta(days=30)
        while day.isoformat() in taken:
            day -= datetime.timedelta(days=1)
        return day

    for measure, reports in (
        (middle, [(today, *PROGRESS_REPORTS[1]), (free_day(middle), *PROGRESS_REPORTS[0])]),
        (measures[0], [(free_day(measures[0]), *FIRST_MEASURE_REPORT)]),
    ):
        entries = [
            (day, status, note, PROGRESS_SOURCE.format(f"{measure['number']}-{day.isoformat()}"))
            for day, status, note in reports
        ]
        measure.setdefault("progress", [])
        measure["progress"] += [
            {"date": DoubleQuotedScalarString(day.isoformat()), "status": status, "note": note, "source": source}
            for day, status, note, source in entries
        ]
        recorded[measure["number"]] = sorted(entries, reverse=True)
    day_changes = [(middle["number"], CORRECTED_NOTE), (measures[-2]["number"], NEW_MEASURE_NOTE)]
    if data.get("changes") is None:
        data["changes"] = []
    for number, note in day_changes:
        data["changes"].append(
            {"date": DoubleQuotedScalarString(today.isoformat()), "meeting": meeting_number, "measure": number, "note": note}
        )
    _dump(yaml, data, data_file)

    overrides_file = data_dir / "conversion.yaml"
    overrides = yaml.load(overrides_file.read_text(encoding="utf-8"))
    if overrides.get("overrides") is None:
        overrides["overrides"] = []
    # An override is written once: the editors may already have this one.
    if all(override["opencc"] != NEW_OVERRIDE["opencc"] for override in overrides["overrides"]):
        overrides["overrides"].append(dict(NEW_OVERRIDE))
    _dump(yaml, overrides, overrides_file)

    def edited(measure) -> EditedMeasure:
        return EditedMeasure(measure["number"], measure["domain"], str(measure["title"]), str(measure["body"]))

    return EditorDay(
        corrected=edited(middle),
        added_to_existing_domain=edited(measures[-2]),
        added_with_new_domain=edited(measures[-1]),
        date=today,
        meeting=meeting_number,
        removed_domain=removed,
        new_domain=new_slug,
        new_domain_name=new_name,
        removed_measure_titles=removed_titles,
        measure_count=len(measures),
        domain_count=len(domains),
        changes=day_changes,
        progress=recorded,
    )


# A meeting the day adds, as the README's "Adding a meeting" says: the newest meeting's block copied
# and filled in from the signed text (made up here: every text says so), numbered after the newest.
NEW_MEETING_TITLE = "測試虛構：共辦閩港海洋經濟論壇。"
NEW_MEETING_BODY = "測試虛構：兩地每年合辦海洋經濟論壇，推動海上牧場及航運合作。"
NEW_MEETING_DOMAIN = {"name": "海洋經濟", "slug": "marine-economy"}
# An earlier plenary from its press release: its number, day, place, leaders, source and areas only.
EARLIER_SOURCE = "https://www.info.gov.hk/editor-day-test/earlier-plenary"
EARLIER_SUMMARY = "測試虛構：雙方就經貿及青年發展等領域的合作達成共識。"


@dataclass(frozen=True)
class AddedMeetings:
    newest: int  # the number of the meeting added with its measures
    measure_count: int
    earlier: int | None  # the number of the earlier plenary added, if a number before the others was free


def add_meetings(data_dir: Path) -> AddedMeetings:
    """Add a new meeting with three measures after the newest, and an earlier plenary known from
    its press release before the earliest (when a number is free there), as an editor would."""
    yaml = _yaml()
    data_file = data_dir / "measures.yaml"
    data = yaml.load(data_file.read_text(encoding="utf-8"))
    meetings = data["meetings"]
    numbers = [meeting["conference"]["meeting_number"] for meeting in meetings]
    template = max((m for m in meetings if m.get("measures")), key=lambda m: m["conference"]["meeting_number"])
    newest = max(numbers) + 1
    day = max(datetime.date.fromisoformat(str(data["last_updated"])), NEW_DATE)

    copied = YAML(typ="rt").load(io.StringIO(_dumped(yaml, template)))
    copied["conference"]["name"] = f"閩港合作會議第{chinese_ordinal(newest)}次會議（測試虛構）"
    copied["conference"]["meeting_number"] = newest
    copied["conference"]["date"] = DoubleQuotedScalarString(day.isoformat())
    copied["memorandum"]["title"] = f"閩港合作會議第{chinese_ordinal(newest)}次會議 合作備忘錄（測試虛構）"
    copied["memorandum"]["paragraphs"] = [DoubleQuotedScalarString("測試虛構：雙方同意在海洋經濟及經貿領域加強合作。")]
    copied["annex"]["title"] = f"閩港合作會議第{chinese_ordinal(newest)}次會議同意的具體合作措施（測試虛構）"
    kept = copied["domains"][0]
    copied["domains"] = [dict(NEW_MEETING_DOMAIN), {"name": kept["name"], "slug": kept["slug"]}]
    copied["measures"] = [
        _measure(1, NEW_MEETING_DOMAIN["slug"], NEW_MEETING_TITLE, NEW_MEETING_BODY),
        _measure(2, kept["slug"], "測試虛構：擴大兩地商貿配對。", "測試虛構：每年舉辦兩地企業商貿配對活動。"),
        _measure(3, kept["slug"], "測試虛構：便利企業跨境投資。", "測試虛構：簡化兩地企業跨境投資的手續。"),
    ]
    meetings.append(copied)

    earlier = min(numbers) - 1 if min(numbers) > 1 else None
    if earlier is not None:
        earliest = min(datetime.date.fromisoformat(str(m["conference"]["date"])) for m in meetings)
        meetings.append(
            {
                "conference": {
                    "name": f"閩港合作會議第{chinese_ordinal(earlier)}次會議（測試虛構）",
                    "meeting_number": earlier,
                    "date": DoubleQuotedScalarString((earliest - datetime.timedelta(days=365)).isoformat()),
                    "venue": "福州",
                    # Made up: no leader of a real meeting is named for one the test invents.
                    "leaders": [
                        {"government": "香港特別行政區政府", "position": "政務司司長", "name": "測試丙"},
                        {"government": "福建省人民政府", "position": "常務副省長", "name": "測試丁"},
                    ],
                },
                "source": EARLIER_SOURCE,
                "summary": DoubleQuotedScalarString(EARLIER_SUMMARY),
                "domains": [{"name": "經貿", "slug": "economy-trade"}, {"name": "青年發展", "slug": "youth-development"}],
            }
        )
    data["last_updated"] = DoubleQuotedScalarString(day.isoformat())
    _dump(yaml, data, data_file)
    return AddedMeetings(newest, 3, earlier)


def _dumped(yaml: YAML, data) -> str:
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


def _dump(yaml: YAML, data, path: Path) -> None:
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    path.write_text(buffer.getvalue(), encoding="utf-8")
