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


def locations(findings) -> list:
    return [location for location, _ in findings]


def test_numbering_wants_1_2_3_in_order_each_number_once():
    assert list(rules.numbering(measures(1, 2, 3))) == []
    assert locations(rules.numbering(measures(1, 3, 3))) == [("measures", 1, "number"), ("measures", 2, "number")]
    [(_, message)] = rules.numbering(measures(1, 1))
    assert "used twice" in message
    # A measure whose number is unreadable is said where its field is read; the others' places are not judged.
    assert list(rules.numbering(measures(1, None, 5))) == []


def test_domains_want_names_and_slugs_of_their_own_and_a_measure_in_a_known_one():
    assert list(rules.domains(domains("finance"), measures(1))) == []
    twice = domains("finance", "finance")
    assert ("domains", 1, "slug") in locations(rules.domains(twice, measures(1)))
    [(location, message)] = rules.domains(domains("finance"), measures(1) + measures(2, domain="finanse"))
    assert location == ("measures", 1, "domain") and "did you mean 'finance'?" in message
    [(location, message)] = rules.domains(domains("finance", "tourism"), measures(1))
    assert location == ("domains", 1) and "has no measures" in message
    former_of_today = domains("finance", "tourism", former=["finance"])
    assert ("domains", 0, "former_slugs", 0) in locations(rules.domains(former_of_today, measures(1, 2)))


def test_changes_are_about_one_subject_a_day_and_not_after_last_updated():
    assert list(rules.changes(DOCUMENT)) == []
    day = DOCUMENT.last_updated
    later = day + datetime.timedelta(days=1)
    document = DOCUMENT.model_copy(update={"changes": (
        Change(date=later, measure=3, note="改正標題。"),
        Change(date=day, measure=3, paragraph=2, note="改正。"),
        Change(date=day, note="更新網站。"),
        Change(date=day, note="再更新網站。"),
    )})
    assert locations(rules.changes(document)) == [("changes", 0, "date"), ("changes", 1, "paragraph"), ("changes", 3)]


def test_progress_wants_one_report_a_day_none_after_last_updated():
    data = copy.deepcopy(DATA)
    assert list(rules.progress(data)) == []
    last = datetime.date.fromisoformat(str(data["last_updated"]))
    before, after = (last - datetime.timedelta(days=30)).isoformat(), (last + datetime.timedelta(days=1)).isoformat()
    report = {"status": "in_progress", "note": "已展開。", "source": "https://www.info.gov.hk/"}
    data["measures"][2]["progress"] = [{**report, "date": before}, {**report, "date": before}, {**report, "date": after}]
    found = list(rules.progress(data))
    assert locations(found) == [("measures", 2, "progress", 1, "date"), ("measures", 2, "progress", 2, "date")]
    assert "measure 3" in found[0][1] and "like report 1" in found[0][1]


def test_simplified_characters_are_found_in_any_text_at_their_place():
    data = copy.deepcopy(DATA)
    assert list(rules.simplified_characters(data)) == []
    data["measures"][0]["title"] = "推动合作"
    [(location, message)] = rules.simplified_characters(data)
    assert location == ("measures", 0, "title") and "「动」" in message


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
