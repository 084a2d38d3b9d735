"""The check's rules one by one (measures_site/data/rules.py), each on a small input made for it:
what it yields, where, and that it yields nothing for data that keeps it. The whole check, every
rule at its line in one run, is tested on the editors' file itself (test_editor_checks.py)."""

from __future__ import annotations

import copy
import datetime
from types import SimpleNamespace

from ruamel.yaml import YAML

from broken_cases import FIXTURE_DATA
from measures_site.data import rules
from measures_site.data.model import Change, MeasuresDocument
from measures_site.publication import Publication

DATA = YAML(typ="safe").load(FIXTURE_DATA)
DOCUMENT = MeasuresDocument.model_validate(DATA)
PUBLIC = Publication("https://example.gov.hk/", None)


def measures(*numbers, domain="finance"):
    return [SimpleNamespace(number=number, domain=domain) for number in numbers]


def domains(*slugs, former=()):
    return [SimpleNamespace(name=f"領域{index}", slug=slug, former_slugs=list(former)) for index, slug in enumerate(slugs)]


def meeting(number, *, measures=(), memorandum=True, annex=True, source=None):
    return SimpleNamespace(
        conference=SimpleNamespace(meeting_number=number),
        memorandum={"title": "備忘錄"} if memorandum else None,
        annex={"title": "措施"} if annex else None,
        source=source,
        measures=list(measures),
    )


def meetings_judged(*items) -> list:
    """rules.meetings on `items`, each named as the check names it (read.describe): "meeting 5"."""
    return list(rules.meetings(items, [f"meeting {item.conference.meeting_number}" for item in items]))


def locations(findings) -> list:
    return [location for location, _ in findings]


# Where the rules of one meeting are told it is: the second of the list, the 5th meeting.
AT, NAME = ("meetings", 1), "meeting 5"


def test_numbering_wants_1_2_3_in_order_each_number_once():
    assert list(rules.numbering(measures(1, 2, 3), AT, NAME)) == []
    assert locations(rules.numbering(measures(1, 3, 3), AT, NAME)) == [(*AT, "measures", 1, "number"), (*AT, "measures", 2, "number")]
    [(_, message)] = rules.numbering(measures(1, 1), AT, NAME)
    assert "used twice in meeting 5" in message
    # A measure whose number is unreadable is said where its field is read; the others' places are not judged.
    assert list(rules.numbering(measures(1, None, 5), AT, NAME)) == []


def test_domains_want_names_and_slugs_of_their_own_and_a_measure_in_a_known_one():
    assert list(rules.domains(domains("finance"), measures(1), AT, NAME)) == []
    twice = domains("finance", "finance")
    assert (*AT, "domains", 1, "slug") in locations(rules.domains(twice, measures(1), AT, NAME))
    [(location, message)] = rules.domains(domains("finance"), measures(1) + measures(2, domain="finanse"), AT, NAME)
    assert location == (*AT, "measures", 1, "domain") and "did you mean 'finance'?" in message
    assert "measure 2 of meeting 5" in message
    [(location, message)] = rules.domains(domains("finance", "tourism"), measures(1), AT, NAME)
    assert location == (*AT, "domains", 1) and "has no measures" in message
    former_of_today = domains("finance", "tourism", former=["finance"])
    assert (*AT, "domains", 0, "former_slugs", 0) in locations(rules.domains(former_of_today, measures(1, 2), AT, NAME))
    # A meeting known from its press release lists its areas without measures.
    assert list(rules.domains(domains("finance", "tourism"), [], AT, NAME)) == []


def test_meetings_want_numbers_of_their_own_measures_somewhere_and_a_source_for_what_they_do_not_hold():
    assert meetings_judged(meeting(4, measures=measures(1)), meeting(3, memorandum=False, annex=False, source="https://x.hk/")) == []
    [(location, message)] = meetings_judged(meeting(4, measures=measures(1)), meeting(4))
    assert location == ("meetings", 1, "conference", "meeting_number") and "used by two meetings" in message
    [(location, message)] = meetings_judged(meeting(3, memorandum=False, annex=False, source="https://x.hk/"))
    assert location == ("meetings",) and "no meeting has measures" in message
    found = meetings_judged(meeting(5, measures=measures(1), memorandum=False, annex=False, source="https://x.hk/"))
    assert [message.split(":")[0] for _, message in found] == [
        "meeting 5 has measures but no 'memorandum'",
        "meeting 5 has measures but no 'annex'",
    ]
    [(location, message)] = meetings_judged(meeting(4, measures=measures(1)), meeting(2, memorandum=False, annex=False))
    assert location == ("meetings", 1) and "meeting 2 has no memorandum and no 'source'" in message
    # A number not written (or wrong) is said where the field is read, and judged nowhere else.
    assert meetings_judged(meeting(None, measures=measures(1)), meeting(None, measures=measures(1))) == []


def test_changes_are_about_one_subject_a_day_and_not_after_last_updated():
    assert list(rules.changes(DOCUMENT)) == []
    day = DOCUMENT.last_updated
    later = day + datetime.timedelta(days=1)
    document = DOCUMENT.model_copy(update={"changes": (
        Change(date=later, meeting=4, measure=3, note="改正標題。"),
        Change(date=day, meeting=4, measure=3, paragraph=2, note="改正。"),
        Change(date=day, note="更新網站。"),
        Change(date=day, note="再更新網站。"),
        Change(date=day, measure=5, note="改正。"),
        # The 5th meeting's measure 3 is another measure than the 4th's: one entry each on one day.
        Change(date=day, meeting=5, measure=3, paragraph=None, note="改正。"),
    )})
    assert locations(rules.changes(document)) == [
        ("changes", 0, "date"), ("changes", 1, "paragraph"), ("changes", 3), ("changes", 4)
    ]
    assert "names no meeting" in list(rules.changes(document))[3][1]


def test_progress_wants_one_report_a_day_none_after_last_updated():
    data = copy.deepcopy(DATA)
    assert list(rules.progress(data)) == []
    last = datetime.date.fromisoformat(str(data["last_updated"]))
    before, after = (last - datetime.timedelta(days=30)).isoformat(), (last + datetime.timedelta(days=1)).isoformat()
    report = {"status": "in_progress", "note": "已展開。", "source": "https://www.info.gov.hk/"}
    measure = ("meetings", 0, "measures", 2)
    data["meetings"][0]["measures"][2]["progress"] = [{**report, "date": before}, {**report, "date": before}, {**report, "date": after}]
    found = list(rules.progress(data))
    assert locations(found) == [(*measure, "progress", 1, "date"), (*measure, "progress", 2, "date")]
    assert "measure 3 of meeting 4" in found[0][1] and "like report 1" in found[0][1]


def test_simplified_characters_are_found_in_any_text_at_their_place():
    data = copy.deepcopy(DATA)
    assert list(rules.simplified_characters(data)) == []
    data["meetings"][0]["measures"][0]["title"] = "推动合作"
    [(location, message)] = rules.simplified_characters(data)
    assert location == ("meetings", 0, "measures", 0, "title") and "「动」" in message


def test_a_reasons_own_words_are_traditional_what_it_quotes_may_be_simplified():
    assert list(rules.reason_script("OpenCC 寫成「发展」，應為「發展」。", 0)) == []
    [message] = rules.reason_script("OpenCC 转换有误。", 2)
    assert message.startswith("the reason of override 3")


def test_addresses_refuse_placeholders_and_say_when_readers_cannot_report_a_mistake():
    def with_feedback(address):
        return DOCUMENT.model_copy(update={"site": DOCUMENT.site.model_copy(update={"feedback_url": address})})

    assert list(rules.addresses(with_feedback("https://www.info.gov.hk/feedback"), PUBLIC)) == []
    # The fixture's own placeholder, as the template ships it.
    [(location, message)] = rules.addresses(DOCUMENT, PUBLIC)
    assert location == ("site", "feedback_url") and "placeholder" in message
    assert locations(rules.addresses(with_feedback(None), PUBLIC)) == [("site",)]
    # On GitHub, the repository's issues page stands in for a missing address.
    assert list(rules.addresses(with_feedback(None), Publication(repository="owner/site"))) == []
