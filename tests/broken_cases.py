"""The gallery of broken data files: each is the fixture data with one documented edit.

Each case names the edit an editor could make, and the exact problems `make check`
must report for it, as (line, column, message). The edits are made to the frozen
fixture (tests/fixture/), never to the live data, so the lines stay where they are
whatever the editors change in data/.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from conftest import FIXTURE_FOLDER

FIXTURE_DATA = (FIXTURE_FOLDER / "measures.yaml").read_text(encoding="utf-8")
FIXTURE_OVERRIDES = (FIXTURE_FOLDER / "conversion.yaml").read_text(encoding="utf-8")
# What a syntax error adds when the check reads past it.
READ_ON = "; the rest of the file was read {}: problems in its block and after it may follow from this one"
READ_ON_CLOSED = READ_ON.format("as if it were closed there")
READ_ON_LEFT_OUT = READ_ON.format("without this line")


# The fixture keeps the shipped placeholder feedback address, which a preview's check warns of
# (a public build refuses it). A test about other warnings, or about none, fills it in first.
FIXTURE_PLACEHOLDER = "https://github.com/OWNER/REPO/issues"


def with_feedback_address(text: str) -> str:
    """The fixture's data with a feedback address that is not a placeholder (on the same line)."""
    assert FIXTURE_PLACEHOLDER in text
    return text.replace(FIXTURE_PLACEHOLDER, "https://github.com/someone/measures/issues")


def replace(old: str, new: str, count: int = 1) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert text.count(old) >= count, f"edit target not found: {old!r}"
        return text.replace(old, new, count)

    return edit


@dataclass(frozen=True)
class Case:
    name: str
    expected: list[tuple[int, int, str]]
    edit: Callable[[str], str] | None = None  # of data/measures.yaml
    raw: bytes | None = None  # the whole data file instead of an edit
    overrides_edit: Callable[[str], str] | None = None  # of data/conversion.yaml
    file: str = "measures.yaml"  # which file the problems are in
    missing: bool = False

    def data_bytes(self) -> bytes | None:
        if self.missing:
            return None
        if self.raw is not None:
            return self.raw
        return (self.edit(FIXTURE_DATA) if self.edit else FIXTURE_DATA).encode("utf-8")

    def overrides_text(self) -> str:
        return self.overrides_edit(FIXTURE_OVERRIDES) if self.overrides_edit else FIXTURE_OVERRIDES


def edits(*steps: Callable[[str], str]) -> Callable[[str], str]:
    """Several edits of one file, in order: a file with more than one mistake."""

    def edit(text: str) -> str:
        for step in steps:
            text = step(text)
        return text

    return edit


# The mistakes of a day of editing, each also a case of its own below: one run must report them all.
TAB = replace("        slug: economy-trade\n", "\tslug: economy-trade\n")
TITEL = replace('        title: "積極拓展投資合作。"', '        titel: "積極拓展投資合作。"')
SIMPLIFIED = replace("推動閩港經濟部門", "推动闽港經濟部門")
DUPLICATE_SLUG = replace("        slug: tourism\n", "        slug: finance\n")
GAP = replace("      - number: 21\n", "      - number: 22\n")
UNCLOSED_QUOTE = replace('title: "積極拓展投資合作。"', 'title: "積極拓展投資合作。')
FIRST_BODY = FIXTURE_DATA.split('    body: "', 1)[1].split('"\n', 1)[0]
TOP_LEVEL_FIELDS = "last_updated, meetings, site, changes"
KNOWN_DOMAINS = (
    "economy-trade, finance, innovation-technology, aviation-shipping-logistics, healthcare-chinese-medicine,"
    " cultural-exchange, education, youth-development, hong-kong-people-in-mainland"
)

CASES: list[Case] = [
    Case(
        "yaml-syntax-unclosed-quote",
        [
            (80, 16, 'YAML syntax error: a quote (") opens the text here and is not closed on its line — close it at the end of the text' + READ_ON_CLOSED),
        ],
        replace('title: "積極拓展投資合作。"', 'title: "積極拓展投資合作。')),
    Case(
        # A tab, a mistyped key, Simplified characters, a duplicated slug and a gap: all in one run,
        # each at its line, the consequences of the slug (two measures in a domain now unknown) with it.
        "five-mistakes-in-one-file",
        [
            (44, 1, 'a tab is used to indent this line — YAML needs spaces: indent with spaces only'),
            (62, 15, "slug 'finance' is used by two domains of meeting 4 (also domain 2) — each domain needs its own web address"),
            (77, 15, "'body' of measure 1 of meeting 4 has Simplified characters in the Traditional text: 「动」→「動」、「闽」→「閩」 — type the Traditional form (the Simplified pages are generated)"),
            (78, 9, "measure 2 of meeting 4 is missing the required field 'title'"),
            (80, 9, "unknown field 'titel' in measure 2 of meeting 4 — did you mean 'title'?"),
            (123, 17, f"measure 13 of meeting 4 is in unknown domain 'tourism' — known domains of meeting 4: {KNOWN_DOMAINS}"),
            (127, 17, f"measure 14 of meeting 4 is in unknown domain 'tourism' — known domains of meeting 4: {KNOWN_DOMAINS}"),
            (154, 17, 'measure 22 of meeting 4 is #21 in its list: measures must be numbered 1, 2, 3… in order without gaps — expected 21 here'),
        ],
        edits(TAB, TITEL, SIMPLIFIED, DUPLICATE_SLUG, GAP)),
    Case(
        # An unclosed quote is bounded by its line: what follows it is still read and judged.
        "unclosed-quote-and-later-mistakes",
        [
            (77, 15, "'body' of measure 1 of meeting 4 has Simplified characters in the Traditional text: 「动」→「動」、「闽」→「閩」 — type the Traditional form (the Simplified pages are generated)"),
            (80, 16, 'YAML syntax error: a quote (") opens the text here and is not closed on its line — close it at the end of the text' + READ_ON_CLOSED),
            (154, 17, 'measure 22 of meeting 4 is #21 in its list: measures must be numbered 1, 2, 3… in order without gaps — expected 21 here'),
        ],
        edits(UNCLOSED_QUOTE, SIMPLIFIED, GAP)),
    Case(
        # A line libyaml cannot read is left out; the field it held is not reported missing as well.
        "unreadable-line-and-later-mistakes",
        [
            (14, 17, 'YAML syntax error: the escape names no character (a lone surrogate such as \\ud800) — type the character itself' + READ_ON_LEFT_OUT),
            (62, 15, "slug 'finance' is used by two domains of meeting 4 (also domain 2) — each domain needs its own web address"),
            (123, 17, f"measure 13 of meeting 4 is in unknown domain 'tourism' — known domains of meeting 4: {KNOWN_DOMAINS}"),
            (127, 17, f"measure 14 of meeting 4 is in unknown domain 'tourism' — known domains of meeting 4: {KNOWN_DOMAINS}"),
        ],
        edits(replace("      venue: 香港\n", '      venue: "\\ud800"\n'), DUPLICATE_SLUG)),
    Case(
        # A list item indented with a tab is read under the list it belongs to.
        "tab-before-a-list-item-and-a-mistyped-key",
        [
            (46, 1, 'a tab is used to indent this line — YAML needs spaces: indent with spaces only'),
            (78, 9, "measure 2 of meeting 4 is missing the required field 'title'"),
            (80, 9, "unknown field 'titel' in measure 2 of meeting 4 — did you mean 'title'?"),
        ],
        edits(replace("      - name: 金融\n", "\t- name: 金融\n"), TITEL)),
    Case(
        # A refused field (written twice) is reported, and the rest of the file is judged with it.
        "duplicate-key-and-a-gap",
        [
            (15, 7, "field 'venue' appears twice in the same block (first on line 14) — only one can be kept: merge them or delete one"),
            (155, 17, 'measure 22 of meeting 4 is #21 in its list: measures must be numbered 1, 2, 3… in order without gaps — expected 21 here'),
        ],
        edits(replace("      venue: 香港\n", "      venue: 香港\n      venue: 福州\n"), GAP)),
    Case(
        "tab-indentation",
        [
            (44, 1, 'a tab is used to indent this line — YAML needs spaces: indent with spaces only'),
        ],
        replace("        slug: economy-trade\n", "\tslug: economy-trade\n")),
    Case(
        "not-utf8-big5",
        [
            (3, 3, 'the file is not saved as UTF-8 (an editor may have saved it as Big5 or GBK) — save it again with the encoding UTF-8'),
        ],
        raw=FIXTURE_DATA.encode("big5hkscs", errors="replace")),
    Case(
        "empty-file",
        [
            (1, 1, 'the file is empty: it must hold the measures data'),
        ],
        raw=b""),
    Case(
        "only-comments",
        [
            (1, 1, 'the file is empty: it must hold the measures data'),
        ],
        raw=b"# nothing here\n\n"),
    Case(
        "missing-file",
        [
            (1, 1, 'file not found'),
        ],
        missing=True),
    Case(
        "duplicate-key-venue",
        [
            (15, 7, "field 'venue' appears twice in the same block (first on line 14) — only one can be kept: merge them or delete one"),
        ],
        replace("      venue: 香港\n", "      venue: 香港\n      venue: 福州\n")),
    Case(
        "duplicate-key-in-measure",
        [
            (89, 9, "field 'title' appears twice in the same block (first on line 88) — only one can be kept: merge them or delete one"),
        ],
        replace('title: "深化金融合作。"\n', 'title: "深化金融合作。"\n        title: "金融"\n')),
    Case(
        "misspelt-field-titel",
        [
            (78, 9, "measure 2 of meeting 4 is missing the required field 'title'"),
            (80, 9, "unknown field 'titel' in measure 2 of meeting 4 — did you mean 'title'?"),
        ],
        replace('        title: "積極拓展投資合作。"', '        titel: "積極拓展投資合作。"')),
    Case(
        "unknown-top-level-field",
        [
            (9, 1, f"unknown field 'conferance_notes' in the file — allowed fields: {TOP_LEVEL_FIELDS}"),
        ],
        replace("meetings:\n", "conferance_notes: x\nmeetings:\n")),
    Case(
        "missing-body",
        [
            (78, 9, "measure 2 of meeting 4 is missing the required field 'body'"),
        ],
        lambda text: _drop_line(text, "      - number: 2\n", "        body:")),
    Case(
        "number-as-text",
        [
            (82, 17, "'number' of measure #3 in the list of meeting 4 must be a whole number, not text"),
        ],
        replace("      - number: 3\n", '      - number: "3"\n')),
    Case(
        "list-where-text-belongs",
        [
            (89, 11, "'title' of measure 4 of meeting 4 must be text, not a list"),
        ],
        replace('        title: "深化金融合作。"', '        title:\n          - "深化金融合作。"')),
    Case(
        "empty-body",
        [
            (93, 15, "'body' of measure 5 of meeting 4 is empty or only spaces"),
        ],
        lambda text: _set_field(text, "      - number: 5\n", "body", '""')),
    Case(
        "whitespace-only-title",
        [
            (100, 16, "'title' of measure 7 of meeting 4 is empty or only spaces"),
        ],
        lambda text: _set_field(text, "      - number: 7\n", "title", '"   "')),
    Case(
        "duplicate-measure-number",
        [
            (78, 17, 'measure number 1 is used twice in meeting 4 (also measure #1 in its list) — each measure needs its own number'),
        ],
        replace("      - number: 2\n", "      - number: 1\n")),
    Case(
        "numbering-gap",
        [
            (154, 17, 'measure 22 of meeting 4 is #21 in its list: measures must be numbered 1, 2, 3… in order without gaps — expected 21 here'),
        ],
        replace("      - number: 21\n", "      - number: 22\n")),
    Case(
        "numbering-out-of-order",
        [
            (78, 17, 'measure 3 of meeting 4 is #2 in its list: measures must be numbered 1, 2, 3… in order without gaps — expected 2 here'),
            (82, 17, 'measure 2 of meeting 4 is #3 in its list: measures must be numbered 1, 2, 3… in order without gaps — expected 3 here'),
        ],
        lambda text: text.replace("      - number: 2\n", "      - number: X\n").replace("      - number: 3\n", "      - number: 2\n").replace("      - number: X\n", "      - number: 3\n"),
    ),
    Case(
        "unknown-domain",
        [
            (75, 17, "measure 1 of meeting 4 is in unknown domain 'economy-trad' — did you mean 'economy-trade'?"),
        ],
        lambda text: _set_field(text, "      - number: 1\n", "domain", "economy-trad")),
    Case(
        "domain-without-measures",
        [
            (72, 9, "domain 'others' (其他) of meeting 4 has no measures"),
        ],
        replace("\n    measures:\n", "      - name: 其他\n        slug: others\n\n    measures:\n")),
    Case(
        "duplicate-slug",
        [
            (62, 15, "slug 'finance' is used by two domains of meeting 4 (also domain 2) — each domain needs its own web address"),
            (123, 17, "measure 13 of meeting 4 is in unknown domain 'tourism' — known domains of meeting 4: economy-trade, finance, innovation-technology, aviation-shipping-logistics, healthcare-chinese-medicine, cultural-exchange, education, youth-development, hong-kong-people-in-mainland"),
            (127, 17, "measure 14 of meeting 4 is in unknown domain 'tourism' — known domains of meeting 4: economy-trade, finance, innovation-technology, aviation-shipping-logistics, healthcare-chinese-medicine, cultural-exchange, education, youth-development, hong-kong-people-in-mainland"),
        ],
        replace("        slug: tourism\n", "        slug: finance\n")),
    Case(
        # 旅遊 renamed 經貿: two menu entries and two pages titled 經貿.
        "duplicate-domain-name",
        [
            (61, 15, "the name '經貿' is used by two domains of meeting 4 (also domain 1) — each domain needs its own name"),
        ],
        replace("\n      - name: 旅遊\n", "\n      - name: 經貿\n")),
    Case(
        # A file from before ordinals followed the list: the old field is named, not just refused.
        "ordinal-still-written",
        [
            (61, 9, "domain 7 of meeting 4 has an 'ordinal': a domain's ordinal (一、二…) now follows its place in the list — delete this line"),
        ],
        replace("\n      - name: 旅遊\n", "\n      - ordinal: 七\n        name: 旅遊\n")),
    Case(
        # An old address cannot lead to a page that still has it.
        "former-slug-in-use",
        [
            (66, 24, "former slug 'finance' of domain 8 of meeting 4 is the slug of domain 2 today: one address cannot lead to two pages — remove it from former_slugs"),
        ],
        replace("        slug: education\n", "        slug: education\n        former_slugs: [finance]\n")),
    Case(
        "former-slug-listed-twice",
        [
            (70, 24, "former slug 'learning' is listed twice in meeting 4 (also under domain 8) — its old address can lead to one domain only: keep one"),
        ],
        edits(
            replace("        slug: education\n", "        slug: education\n        former_slugs: [learning]\n"),
            replace("        slug: youth-development\n", "        slug: youth-development\n        former_slugs: [learning]\n"),
        )),
    Case(
        "slug-unfit-for-urls",
        [
            (65, 15, "'slug' of domain 8 of meeting 4 'Education Bureau' is not fit for a web address: use lowercase letters a-z, digits and single hyphens, e.g. 'economy-trade'"),
        ],
        replace("        slug: education\n", "        slug: Education Bureau\n")),
    Case(
        "slug-with-a-line-break",
        [
            (65, 15, "'slug' of domain 8 of meeting 4 'edu\\ncation' is not fit for a web address: use lowercase letters a-z, digits and single hyphens, e.g. 'economy-trade'"),
        ],
        replace("        slug: education\n", '        slug: "edu\\ncation"\n')),
    Case(
        "simplified-characters",
        [
            (43, 15, "'name' of domain 1 of meeting 4 has Simplified characters in the Traditional text: 「经」→「經」、「贸」→「貿」 — type the Traditional form (the Simplified pages are generated)"),
        ],
        replace("      - name: 經貿\n", "      - name: 经贸\n")),
    Case(
        "simplified-in-body",
        [
            (77, 15, "'body' of measure 1 of meeting 4 has Simplified characters in the Traditional text: 「动」→「動」、「闽」→「閩」 — type the Traditional form (the Simplified pages are generated)"),
        ],
        replace("推動閩港經濟部門", "推动闽港經濟部門")),
    Case(
        "top-level-list",
        [
            (1, 1, 'the file must be a block of fields (last_updated:, meetings:, site:, changes:)'),
        ],
        raw="- 經貿\n- 金融\n".encode("utf-8")),
    Case(
        "measure-is-text",
        [
            (154, 9, 'measure #21 in the list of meeting 4 must be a block of fields, not text'),
        ],
        replace("      - number: 21\n", "      - 第21項\n      - number: 21\n")),
    Case(
        "null-venue",
        [
            (14, 13, "'venue' of 'conference' of meeting 4 is empty — write its value after the ':'"),
        ],
        replace("      venue: 香港\n", "      venue:\n")),
    Case(
        "impossible-date",
        [
            (13, 13, '\'date\' of \'conference\' of meeting 4 must be a date written YYYY-MM-DD, e.g. "2023-06-28"'),
        ],
        replace('      date: "2023-06-28"', '      date: "2023-13-45"')),
    Case(
        "meeting-number-zero",
        [
            (12, 23, "'meeting_number' of 'conference' of meeting 0 must be 1 or more, not 0"),
        ],
        replace("      meeting_number: 4\n", "      meeting_number: 0\n")),
    Case(
        "line-break-in-title",
        [
            (88, 16, "'title' of measure 4 of meeting 4 has a line break (U+000A, a line feed): write it on one line (a new paragraph is a new list item)"),
        ],
        replace('        title: "深化金融合作。"', '        title: |\n          深化金融\n          合作。')),
    Case(
        # A YAML escape gets past the file's line count: the page would lose the measure's anchor.
        "carriage-return-in-title",
        [
            (88, 16, "'title' of measure 4 of meeting 4 has a line break (U+000D, a carriage return): write it on one line (a new paragraph is a new list item)"),
        ],
        replace('        title: "深化金融合作。"', '        title: "深化金融\\r合作。"')),
    Case(
        # "經貿\r<!--" would open a comment in the review table, hiding every row after it.
        "carriage-return-and-comment-in-domain-name",
        [
            (43, 15, "'name' of domain 1 of meeting 4 has a line break (U+000D, a carriage return): write it on one line (a new paragraph is a new list item)"),
        ],
        replace("      - name: 經貿\n", '      - name: "經貿\\r<!--"\n')),
    Case(
        "tab-escape-in-note",
        [
            (181, 11, "'note' of change #1 in the list holds U+0009, an invisible control character — delete it, or type the space or punctuation it stands for"),
        ],
        replace("    note: 更正措施標題的錯別字。", '    note: "\\t更正措施標題的錯別字。"')),
    Case(
        "body-pasted-many-times",
        [
            (77, 15, f"'body' of measure 1 of meeting 4 is {3000 + len(FIRST_BODY):,} characters long: at most 3,000 are allowed here — shorten it, or check that nothing else was pasted with it"),
        ],
        replace(f'    body: "{FIRST_BODY}"', f'    body: "{FIRST_BODY * 2}{"合" * (3000 - len(FIRST_BODY))}"')),
    Case(
        "override-phrase-of-100000-characters",
        [
            (12, 17, "'simplified' of item 1 of 'overrides' is 100,000 characters long: at most 30 are allowed here — shorten it, or check that nothing else was pasted with it"),
        ],
        overrides_edit=replace("simplified: 数字产业", "simplified: " + "数" * 100_000), file="conversion.yaml"),
    Case(
        "unused-override",
        [
            (11, 5, "override '数位产业链' → '数字产业' matches nothing in the Simplified text — correct the phrase (as OpenCC writes it) or remove the override"),
        ],
        overrides_edit=replace("opencc: 数位产业", "opencc: 数位产业链"), file="conversion.yaml"),
    Case(
        # Typed with a Simplified input method: a reason is Traditional, but for what it quotes.
        "override-reason-in-simplified",
        [
            (13, 13, "the reason of override 1 has Simplified characters outside a quotation: 「简」→「簡」、「体」→「體」"
             " — type the Traditional form (the 简体 page gets the conversion); quote a Simplified phrase in 「」"),
        ],
        overrides_edit=replace("故簡體版用", "故简体版用"), file="conversion.yaml"),
    Case(
        "override-misspelt-field",
        [
            (11, 5, "item 1 of 'overrides' is missing the required field 'reason'"),
            (13, 5, "unknown field 'reasons' in item 1 of 'overrides' — did you mean 'reason'?"),
        ],
        overrides_edit=replace("    reason:", "    reasons:"), file="conversion.yaml"),
    Case(
        "web-address-without-https",
        [
            (164, 17, ''''feedback_url' of 'site' must be a full web address starting with https://, e.g. "https://www.cmab.gov.hk/"'''),
        ],
        replace('feedback_url: "https://github.com/OWNER/REPO/issues"', 'feedback_url: "github.com/OWNER/REPO/issues"')),
    Case(
        "web-address-insecure-http",
        [
            (168, 10, "'url' of 'official_source' of 'site' starts with http://: the site links only secure addresses — write https://www.cmab.gov.hk/"),
        ],
        replace('url: "https://www.cmab.gov.hk/"', 'url: "http://www.cmab.gov.hk/"')),
    Case(
        # Pasted from a phishing mail: a quote would end the link's attribute in the page.
        "web-address-with-markup",
        [
            (168, 10, "'url' of 'official_source' of 'site' has «\"» «<» «>», which cannot be part of a web address — copy the address from the browser's address bar"),
        ],
        replace('url: "https://www.cmab.gov.hk/"', "url: 'https://www.cmab.gov.hk/\"><script>alert(1)</script>'")),
    Case(
        "web-address-with-user-before-host",
        [
            (168, 10, "'url' of 'official_source' of 'site' has «www.cmab.gov.hk@» before the host: the address leads to «evil.example», not to what it seems — remove everything between https:// and the host's name"),
        ],
        replace('url: "https://www.cmab.gov.hk/"', 'url: "https://www.cmab.gov.hk@evil.example/"')),
    Case(
        # A Cyrillic і (U+0456) in place of the Latin i.
        "web-address-look-alike-host",
        [
            (168, 10, "'url' of 'official_source' of 'site' has the host «www.cmab.gov.h\u0456k», whose letters mix scripts (Cyrillic、Latin): it may be a look-alike of another site's name — type the address again, letter by letter, or copy it from the browser"),
        ],
        replace('url: "https://www.cmab.gov.hk/"', 'url: "https://www.cmab.gov.h\u0456k/"')),
    Case(
        # Punycode shown as letters a reader would take for apple.com.
        "web-address-punycode-host",
        [
            (168, 10, "'url' of 'official_source' of 'site' has the host «xn--80ak6aa92e.com», which leads to «\u0430\u0440\u0440\u04cf\u0435.com»: write the host as it is shown, «\u0430\u0440\u0440\u04cf\u0435.com»"),
        ],
        replace('url: "https://www.cmab.gov.hk/"', 'url: "https://xn--80ak6aa92e.com/"')),
    Case(
        "licence-without-name",
        [
            (171, 5, "'data_licence' of 'site' is missing the required field 'name'"),
        ],
        replace("    name: CC BY 4.0\n", "")),
]



# Characters pasted from PDFs and Word that look right and are wrong underneath
# (measures_site/data/characters.py), and YAML that editors never need.
HOSTILE_CASES: list[Case] = [
    Case(
        "kangxi-radical",
        [
            (77, 23, '「⾨」 U+2FA8 KANGXI RADICAL GATE is a Kangxi radical, not the character — type 「門」 U+9580 instead (`make fix` does it)'),
        ],
        replace("推動閩港經濟部門", "推動閩港經濟部\u2fa8")),
    Case(
        "compatibility-ideograph",
        [
            (88, 19, '「金」 U+F90A CJK COMPATIBILITY IDEOGRAPH-F90A is a compatibility ideograph — type 「金」 U+91D1 instead (`make fix` does it)'),
        ],
        replace('title: "深化金融合作。"', 'title: "深化\uf90a融合作。"')),
    Case(
        "zero-width-space",
        [
            (80, 21, 'U+200B ZERO WIDTH SPACE is a zero-width space, invisible — delete it (`make fix` does it)'),
        ],
        replace('title: "積極拓展投資合作。"', 'title: "積極拓展\u200b投資合作。"')),
    Case(
        "right-to-left-override",
        [
            (77, 20, 'U+202E RIGHT-TO-LEFT OVERRIDE is a bidi embedding or override, invisible — delete it (`make fix` does it)'),
        ],
        replace("推動閩港經濟部門", "推動閩港\u202e經濟部門")),
    Case(
        "private-use-character",
        [
            (14, 15, 'U+E05E <private-use> is a private-use character (left by an old Big5/HKSCS font; it shows nothing elsewhere) — type the intended character, as in the signed text'),
        ],
        replace("      venue: 香港\n", "      venue: 香\ue05e\n")),
    Case(
        "replacement-character",
        [
            (14, 15, '「�」 U+FFFD REPLACEMENT CHARACTER is the mark of a character lost in an encoding conversion — type the lost character again, as in the signed text'),
        ],
        replace("      venue: 香港\n", "      venue: 香\ufffd\n")),
    Case(
        "byte-order-mark-inside",
        [
            (88, 21, 'U+FEFF ZERO WIDTH NO-BREAK SPACE is a byte-order mark inside the text, invisible — delete it (`make fix` does it)'),
        ],
        replace('title: "深化金融合作。"', 'title: "深化金融\ufeff合作。"')),
    Case(
        "soft-hyphen-and-word-joiner",
        [
            (80, 19, 'U+00AD SOFT HYPHEN is a soft hyphen, invisible — delete it (`make fix` does it)'),
            (80, 22, 'U+2060 WORD JOINER is a word joiner, invisible — delete it (`make fix` does it)'),
        ],
        replace('title: "積極拓展投資合作。"', 'title: "積極\u00ad拓展\u2060投資合作。"')),
    Case(
        "vertical-tab-from-word",
        [
            (77, 20, 'U+000B <control> is an invisible control character — delete it, or type the space or punctuation it stands for (it often comes with text pasted from another program)'),
        ],
        replace("推動閩港經濟部門", "推動閩港\x0b經濟部門")),
    Case(
        "null-byte",
        [
            (14, 15, 'U+0000 <control> is an invisible control character — delete it, or type the space or punctuation it stands for (it often comes with text pasted from another program)'),
        ],
        replace("      venue: 香港\n", "      venue: 香\x00港\n")),
    Case(
        "escaped-control-characters",
        [
            (14, 14, "'venue' of 'conference' of meeting 4 holds U+0000 <control>, an invisible control character, written as a backslash escape — remove the escape from the quoted text"),
            (14, 14, "'venue' of 'conference' of meeting 4 holds U+001B <control>, an invisible control character, written as a backslash escape — remove the escape from the quoted text"),
        ],
        replace("      venue: 香港\n", '      venue: "香\\0港\\e"\n')),
    Case(
        "escaped-zero-width-space",
        [
            (14, 14, "'venue' of 'conference' of meeting 4 holds U+200B ZERO WIDTH SPACE, a zero-width space, invisible, written as a backslash escape — remove the escape from the quoted text"),
        ],
        replace("      venue: 香港\n", '      venue: "香\\u200b港"\n')),
    Case(
        "escaped-lone-surrogate",
        [
            (14, 17, 'YAML syntax error: the escape names no character (a lone surrogate such as \\ud800) — type the character itself' + READ_ON_LEFT_OUT),
        ],
        replace("      venue: 香港\n", '      venue: "\\ud800"\n')),
    Case(
        "anchor-and-alias",
        [
            (14, 14, 'an anchor (&place) marks a value to repeat elsewhere — delete it (the data files use no anchors or aliases)'),
            (15, 14, 'an alias (*place) repeats another part of the file — write the value out in full (the data files use no anchors or aliases)'),
        ],
        replace("      venue: 香港\n", "      venue: &place 香港\n      name2: *place\n")),
    Case(
        "billion-laughs",
        [
            (1, 1, f"unknown field 'laugh0' in the file — allowed fields: {TOP_LEVEL_FIELDS}"),
            (1, 9, 'an anchor (&laugh0) marks a value to repeat elsewhere — delete it (the data files use no anchors or aliases)'),
            (2, 1, f"unknown field 'laugh1' in the file — allowed fields: {TOP_LEVEL_FIELDS}"),
            (2, 9, 'an anchor (&laugh1) marks a value to repeat elsewhere — delete it (the data files use no anchors or aliases)'),
            (2, 18, 'an alias (*laugh0) repeats another part of the file — write the value out in full (the data files use no anchors or aliases)'),
            (3, 1, f"unknown field 'laugh2' in the file — allowed fields: {TOP_LEVEL_FIELDS}"),
            (3, 9, 'an anchor (&laugh2) marks a value to repeat elsewhere — delete it (the data files use no anchors or aliases)'),
            (3, 18, 'an alias (*laugh1) repeats another part of the file — write the value out in full (the data files use no anchors or aliases)'),
            (4, 1, f"unknown field 'laugh3' in the file — allowed fields: {TOP_LEVEL_FIELDS}"),
            (4, 9, 'an anchor (&laugh3) marks a value to repeat elsewhere — delete it (the data files use no anchors or aliases)'),
            (4, 18, 'an alias (*laugh2) repeats another part of the file — write the value out in full (the data files use no anchors or aliases)'),
            (5, 1, f"unknown field 'laugh4' in the file — allowed fields: {TOP_LEVEL_FIELDS}"),
            (5, 9, 'an anchor (&laugh4) marks a value to repeat elsewhere — delete it (the data files use no anchors or aliases)'),
            (5, 18, 'an alias (*laugh3) repeats another part of the file — write the value out in full (the data files use no anchors or aliases)'),
            (6, 1, f"unknown field 'laugh5' in the file — allowed fields: {TOP_LEVEL_FIELDS}"),
            (6, 9, 'an anchor (&laugh5) marks a value to repeat elsewhere — delete it (the data files use no anchors or aliases)'),
            (6, 18, 'an alias (*laugh4) repeats another part of the file — write the value out in full (the data files use no anchors or aliases)'),
            (7, 1, f"unknown field 'laugh6' in the file — allowed fields: {TOP_LEVEL_FIELDS}"),
            (7, 9, 'an anchor (&laugh6) marks a value to repeat elsewhere — delete it (the data files use no anchors or aliases)'),
            (7, 18, 'an alias (*laugh5) repeats another part of the file — write the value out in full (the data files use no anchors or aliases)'),
            (8, 1, f"unknown field 'laugh7' in the file — allowed fields: {TOP_LEVEL_FIELDS}"),
            (8, 9, 'an anchor (&laugh7) marks a value to repeat elsewhere — delete it (the data files use no anchors or aliases)'),
            (8, 18, 'an alias (*laugh6) repeats another part of the file — write the value out in full (the data files use no anchors or aliases)'),
            (9, 1, f"unknown field 'laugh8' in the file — allowed fields: {TOP_LEVEL_FIELDS}"),
            (9, 9, 'an anchor (&laugh8) marks a value to repeat elsewhere — delete it (the data files use no anchors or aliases)'),
            (9, 18, 'an alias (*laugh7) repeats another part of the file — write the value out in full (the data files use no anchors or aliases)'),
            (86, 15, 'an alias (*laugh8) repeats another part of the file — write the value out in full (the data files use no anchors or aliases)'),
            # What is refused is still read past: the rest of the file is judged too.
            (87, 9, "unknown field 'x' in measure 1 of meeting 4 — allowed fields: number, domain, title, body, progress"),
        ],
        lambda text: _billion_laughs(text)),
    Case(
        "tag",
        [
            (14, 14, 'a tag (tag:yaml.org,2002:str) — delete it: the data files use no tags'),
        ],
        replace("      venue: 香港\n", "      venue: !!str 香港\n")),
    Case(
        "merge-key",
        [
            (15, 7, "'<<' (a merge key) copies fields from elsewhere — write the fields out in full"),
        ],
        replace("      venue: 香港\n", "      venue: 香港\n      <<: {name: 閩港}\n")),
    Case(
        "deep-nesting",
        [
            (14, 19, 'lists and blocks are nested deeper here than the data ever needs (at most 9 levels) — check the indentation, or put the text in double quotes'),
        ],
        replace("  venue: 香港\n", "  venue: " + "[" * 50 + "]" * 50 + "\n")),
    Case(
        "second-document",
        [
            (192, 1, "a second document starts here ('---'): a data file holds one — delete the line"),
        ],
        lambda text: text + "---\nlast_updated: 2024-01-01\n"),
    Case(
        "hexadecimal-number",
        [
            (12, 23, "'meeting_number' of 'conference' of meeting #1 in the list is written 0x4, which is not a plain decimal number — write whole numbers as 1, 2, 3… (and put text that looks like a number in double quotes)"),
        ],
        replace("      meeting_number: 4\n", "      meeting_number: 0x4\n")),
    Case(
        "number-with-a-plus-sign",
        [
            (82, 17, "'number' of measure #3 in the list of meeting 4 is written +3, which is not a plain decimal number — write whole numbers as 1, 2, 3… (and put text that looks like a number in double quotes)"),
        ],
        replace("      - number: 3\n", "      - number: +3\n")),
    Case(
        "number-with-a-leading-zero",
        [
            (82, 17, "'number' of measure #3 in the list of meeting 4 is written 03, which is not a plain decimal number — write whole numbers as 1, 2, 3… (and put text that looks like a number in double quotes)"),
        ],
        replace("      - number: 3\n", "      - number: 03\n")),
    Case(
        "octal-number",
        [
            (82, 17, "'number' of measure #3 in the list of meeting 4 is written 0o3, which is not a plain decimal number — write whole numbers as 1, 2, 3… (and put text that looks like a number in double quotes)"),
        ],
        replace("      - number: 3\n", "      - number: 0o3\n")),
    Case(
        "number-of-5001-digits",
        [
            (12, 23, "'meeting_number' of 'conference' of meeting #1 in the list is a number of 5001 digits — numbers here have at most 18"),
        ],
        replace("  meeting_number: 4\n", "  meeting_number: " + "9" * 5001 + "\n")),
    Case(
        "measure-number-true",
        [
            (82, 17, "'number' of measure #3 in the list of meeting 4 must be a whole number, not true/false"),
        ],
        replace("      - number: 3\n", "      - number: true\n")),
    Case(
        "last-updated-before-1970",
        [
            (8, 15, "'last_updated' is 1969-12-31: the site dates its files by this day, which must lie between 1970-01-01 and 2105-12-31 — write the day the content last changed"),
        ],
        replace('last_updated: "2023-06-28"', 'last_updated: "1969-12-31"')),
    Case(
        "last-updated-year-1",
        [
            (8, 15, "'last_updated' is 0001-01-01: the site dates its files by this day, which must lie between 1970-01-01 and 2105-12-31 — write the day the content last changed"),
        ],
        replace('last_updated: "2023-06-28"', "last_updated: 0001-01-01")),
    Case(
        "last-updated-year-9999",
        [
            (8, 15, "'last_updated' is 9999-12-31: the site dates its files by this day, which must lie between 1970-01-01 and 2105-12-31 — write the day the content last changed"),
        ],
        replace('last_updated: "2023-06-28"', 'last_updated: "9999-12-31"')),
    Case(
        "slug-of-300-characters",
        [
            (65, 15, "'slug' of domain 8 of meeting 4 is 300 characters long: a web address part may be at most 60 — shorten it"),
            (131, 17, "'domain' of measure 15 of meeting 4 is 300 characters long: a web address part may be at most 60 — shorten it"),
            (135, 17, "'domain' of measure 16 of meeting 4 is 300 characters long: a web address part may be at most 60 — shorten it"),
            (139, 17, "'domain' of measure 17 of meeting 4 is 300 characters long: a web address part may be at most 60 — shorten it"),
            (143, 17, "'domain' of measure 18 of meeting 4 is 300 characters long: a web address part may be at most 60 — shorten it"),
        ],
        lambda text: text.replace("slug: education", "slug: " + "e" * 300).replace("domain: education", "domain: " + "e" * 300)),
    Case(
        "file-too-large",
        [
            (1, 1, 'the file is 17.0 MB: a data file may be at most 16 MB — is it the right file?'),
        ],
        raw=FIXTURE_DATA.encode("utf-8") + b"# " + b"x" * (17 * 1024 * 1024) + b"\n"),
    Case(
        "bad-byte-after-chinese-characters",
        [
            (14, 16, 'the file is not saved as UTF-8 (an editor may have saved it as Big5 or GBK) — save it again with the encoding UTF-8'),
        ],
        # The column counts the characters before the bad byte (香港: 2), not their bytes (6).
        raw=FIXTURE_DATA.encode("utf-8").replace("  venue: 香港\n".encode("utf-8"), "  venue: 香港".encode("utf-8") + b"\xff\n")),
    Case(
        "kangxi-radical-in-overrides",
        [
            (12, 20, '「⾋」 U+2F8B KANGXI RADICAL GRASS is a Kangxi radical, not the character — type 「艸」 U+8278 instead (`make fix` does it)'),
        ],
        overrides_edit=replace("simplified: 数字产业", "simplified: 数字产\u2f8b"), file="conversion.yaml"),
    # The change log (the fixture's ends the file: changes: on line 177, entry #1 on 178-180, #4 on 186-188).
    Case(
        "change-date-not-a-day",
        [
            (178, 11, "'date' of change #1 in the list must be a date written YYYY-MM-DD, e.g. \"2023-06-28\""),
        ],
        replace('  - date: "2023-06-20"', '  - date: "2023-02-30"')),
    Case(
        "change-dated-after-last-updated",
        [
            (188, 11, "change #4 in the list is dated 2023-07-01, after last_updated (2023-06-28) — set last_updated to the day of the newest change, or correct this date"),
        ],
        replace('  - date: "2023-06-25"', '  - date: "2023-07-01"')),
    Case(
        "change-unknown-key",
        [
            (180, 5, "unknown field 'measures' in change #1 in the list — did you mean 'measure'?"),
        ],
        replace("    measure: 15\n    note: 更正", "    measures: 15\n    note: 更正")),
    Case(
        "change-empty-note",
        [
            (181, 10, "'note' of change #1 in the list is empty — write its value after the ':'"),
        ],
        replace("note: 更正措施標題的錯別字。", "note:")),
    Case(
        "change-note-only-spaces",
        [
            (181, 11, "'note' of change #1 in the list is empty or only spaces"),
        ],
        replace("note: 更正措施標題的錯別字。", 'note: " "')),
    Case(
        "change-about-a-measure-and-a-paragraph",
        [
            (181, 16, "change #1 in the list is about measure 15 and paragraph 3: an entry is about one measure, one paragraph, or neither (the site as a whole) — write two entries"),
        ],
        replace("    measure: 15\n", "    measure: 15\n    paragraph: 3\n")),
    Case(
        "change-twice-about-one-measure-on-one-day",
        [
            (188, 5, "change #4 in the list is about measure 15 on 2023-06-20, like change #1 — write one entry per day for each measure, paragraph or the site (say both changes in its note)"),
        ],
        replace('  - date: "2023-06-25"\n    meeting: 4\n    paragraph: 2', '  - date: "2023-06-20"\n    meeting: 4\n    measure: 15')),
    Case(
        "change-measure-in-words",
        [
            (180, 14, "'measure' of change #1 in the list must be a whole number, not text"),
        ],
        replace("    measure: 15\n    note: 更正", "    measure: 十五\n    note: 更正")),
    Case(
        "change-paragraph-zero",
        [
            (190, 16, "'paragraph' of change #4 in the list must be 1 or more, not 0"),
        ],
        replace("    paragraph: 2\n", "    paragraph: 0\n")),
    Case(
        "change-note-in-simplified",
        [
            (181, 11, "'note' of change #1 in the list has Simplified characters in the Traditional text: 「标」→「標」、「题」→「題」、「错」→「錯」、「别」→「別/彆」 — type the Traditional form (the Simplified pages are generated)"),
        ],
        replace("note: 更正措施標題的錯別字。", "note: 更正措施标题的错别字。")),
    Case(
        "change-without-a-date",
        [
            (178, 5, "change #1 in the list is missing the required field 'date'"),
        ],
        replace('  - date: "2023-06-20"\n    meeting: 4\n    measure: 15', "  - meeting: 4\n    measure: 15")),
    Case(
        "changes-not-a-list",
        [
            (177, 10, "'changes' must be a list (lines starting with '- '), not text"),
        ],
        lambda text: text[: text.index("changes:")] + "changes: 更正錯字\n"),
]

CASES += HOSTILE_CASES


def _billion_laughs(text: str) -> str:
    """Nine anchors, each a list of nine aliases of the one before: 9⁹ strings if expanded,
    in a measure's body (the anchors hide in a comment-free block above the data)."""
    levels = ["laugh0: &laugh0 [哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈]"]
    levels += [f"laugh{level}: &laugh{level} [{', '.join([f'*laugh{level - 1}'] * 9)}]" for level in range(1, 9)]
    return "\n".join(levels) + "\n" + text.replace('        body: "推動閩港經濟部門', '        body: *laugh8\n        x: "推動閩港經濟部門', 1)


def _lines_of_measure(text: str, start: str) -> tuple[list[str], int]:
    lines = text.split("\n")
    index = lines.index(start.rstrip("\n"))
    return lines, index


def _drop_line(text: str, measure_start: str, prefix: str) -> str:
    lines, index = _lines_of_measure(text, measure_start)
    for offset in range(1, 4):
        if lines[index + offset].startswith(prefix):
            del lines[index + offset]
            return "\n".join(lines)
    raise AssertionError(f"{prefix} not found after {measure_start!r}")


def _set_field(text: str, measure_start: str, name: str, value: str) -> str:
    lines, index = _lines_of_measure(text, measure_start)
    for offset in range(1, 4):
        if lines[index + offset].startswith(f"        {name}:"):
            lines[index + offset] = f"        {name}: {value}"
            return "\n".join(lines)
    raise AssertionError(f"{name} not found after {measure_start!r}")
