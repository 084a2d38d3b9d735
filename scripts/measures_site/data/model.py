"""Typed, immutable model of the memorandum and its measures.

Field names here are the keys editors write in data/measures.yaml and the names in
data/measures.yaml.schema.json. Every field holding reader-facing Chinese text is typed
`Text`, which is how convert.py knows what to convert to another script.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Callable
from typing import Annotated, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictInt,
    StrictStr,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from measures_site.data.web_address import email_address_problem, web_address_problem

# A measure's heading is at #measure-<number> on every page that shows it.
MEASURE_ANCHOR_PREFIX = "measure-"
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# A slug names a folder of the site; file systems allow 255 bytes a name, readers want short addresses.
SLUG_MAX_LENGTH = 60
# The build dates every file by last_updated (SOURCE_DATE_EPOCH, the sitemap's gzip header),
# which counts seconds from 1970 and, in gzip, ends in February 2106.
EARLIEST_DATE = datetime.date(1970, 1, 1)
LATEST_DATE = datetime.date(2105, 12, 31)


class TextMarker:
    """Marks a field as reader-facing text, converted per script."""


# Characters that end a line: in a Markdown page or a review table, a carriage return or a
# Unicode line separator starts a new line as a line feed does, and cuts a heading from its anchor.
LINE_ENDS = {
    "\n": "a line feed",
    "\r": "a carriage return",
    "\x0b": "a vertical tab",
    "\x0c": "a form feed",
    "\x85": "a next-line character",
    "\u2028": "a line separator",
    "\u2029": "a paragraph separator",
}
# How long an editor's text may be, in characters. Each is written into pages many times over (a
# domain's name into every page's menu, an override's phrase wherever it applies), so a text
# pasted in error would balloon the site; each bound is several times the longest signed text.
LINE_MAX = 300  # a title, a name, a note, a reason: one sentence (the signed titles are under 30)
PARAGRAPH_MAX = 3000  # a measure's body, a paragraph of the memorandum (the signed ones are under 300)
PHRASE_MAX = 30  # an override's phrase, a search term: a word or a few


def _one_line(max_length: int) -> AfterValidator:
    """The one text rule: something written, on one line, with no control character, not too long."""

    def check(value: str) -> str:
        value = value.strip("\n")  # a folded block (>) ends with a line feed
        if not value.strip():
            raise ValueError("is empty or only spaces")
        for character in value:
            if character in LINE_ENDS:
                raise ValueError(
                    f"has a line break (U+{ord(character):04X}, {LINE_ENDS[character]}): write it on one line"
                    " (a new paragraph is a new list item)"
                )
            if unicodedata.category(character) == "Cc":
                raise ValueError(
                    f"holds U+{ord(character):04X}, an invisible control character — delete it, or type the"
                    " space or punctuation it stands for"
                )
        if len(value) > max_length:
            raise ValueError(
                f"is {len(value):,} characters long: at most {max_length:,} are allowed here — shorten it,"
                " or check that nothing else was pasted with it"
            )
        return value

    return AfterValidator(check)


# The editors' schema says the same, for the red underlines of VS Code: no control character, something written.
_ONE_LINE_PATTERN = "^(?=[\\s\\S]*\\S)[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029]*\\n?$"


def _one_line_schema(max_length: int, description: str | None = None) -> WithJsonSchema:
    schema = {"type": "string", "pattern": _ONE_LINE_PATTERN, "maxLength": max_length}
    return WithJsonSchema({**schema, "description": description} if description else schema)


def _text(max_length: int, description: str) -> object:
    """Reader-facing text: converted per script (TextMarker), one line of at most `max_length`."""
    return Annotated[StrictStr, _one_line(max_length), TextMarker(), _one_line_schema(max_length, description)]


Text = _text(LINE_MAX, "Traditional Chinese text, on one line")
LongText = _text(PARAGRAPH_MAX, "Traditional Chinese text: a paragraph, on one line")
# What editors write that is not shown as it is: a reason (converted apart), a phrase of an override or a search term.
Line = Annotated[StrictStr, _one_line(LINE_MAX), _one_line_schema(LINE_MAX)]
Phrase = Annotated[StrictStr, _one_line(PHRASE_MAX), _one_line_schema(PHRASE_MAX)]
Slug = Annotated[StrictStr, StringConstraints(pattern=SLUG_PATTERN, max_length=SLUG_MAX_LENGTH)]


def _datable(value: datetime.date) -> datetime.date:
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValueError(
            f"is {value.isoformat()}: the site dates its files by this day, which must lie between"
            f" {EARLIEST_DATE.isoformat()} and {LATEST_DATE.isoformat()} — write the day the content last changed"
        )
    return value


DatableDay = Annotated[datetime.date, AfterValidator(_datable)]


def _refused_by(rule: Callable[[str], str | None]) -> AfterValidator:
    """A validator raising what `rule` says is wrong with a value, in its words."""

    def check(value: str) -> str:
        problem = rule(value)
        if problem:
            raise ValueError(problem)
        return value

    return AfterValidator(check)


WebAddress = Annotated[
    StrictStr,
    _refused_by(web_address_problem),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^https://[^\\s\"'<>`{}|\\\\^@/]+\\.[^\\s\"'<>`{}|\\\\^@/]+(/[^\\s\"'<>`{}|\\\\^]*)?$",
            "description": "A full web address (https://…), as the browser's address bar shows it",
        }
    ),
]


EmailAddress = Annotated[
    StrictStr,
    _refused_by(email_address_problem),
    WithJsonSchema({"type": "string", "pattern": "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", "description": "An e-mail address"}),
]


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Leader(Record):
    """A leader who led a delegation to the conference."""

    government: Text
    position: Text
    name: Text


class Conference(Record):
    """The conference: name, meeting number, date (YYYY-MM-DD), venue and leaders."""

    name: Text
    meeting_number: StrictInt = Field(ge=1)
    date: datetime.date
    venue: Text
    leaders: tuple[Leader, ...] = Field(min_length=1)


class Signatory(Record):
    """A signature block under the memorandum."""

    government: Text
    signature: Text


class Memorandum(Record):
    """The memorandum: title, paragraphs in order, signatories and the date line."""

    title: Text
    paragraphs: tuple[LongText, ...] = Field(min_length=1)
    signatories: tuple[Signatory, ...] = Field(min_length=1)
    signed_on: Text


class Annex(Record):
    """The annex listing the measures."""

    title: Text


_DIGITS = "〇一二三四五六七八九"


def chinese_ordinal(number: int) -> str:
    """一, 二 … 十, 十一 … 二十, 二十一 … 九十九, 一百…: how the signed annex numbers its domains."""
    if number >= 100:
        hundreds, rest = divmod(number, 100)
        tail = "" if not rest else ("〇" + chinese_ordinal(rest) if rest < 10 else chinese_ordinal(rest))
        # 一百一十: a ten after a hundred keeps its 一.
        tail = "一" + tail if 10 <= rest < 20 else tail
        return f"{chinese_ordinal(hundreds)}百{tail}"
    tens, units = divmod(number, 10)
    if not tens:
        return _DIGITS[units]
    return f"{'' if tens == 1 else _DIGITS[tens]}十{_DIGITS[units] if units else ''}"


class Domain(Record):
    """A cooperation domain: name, and slug, its web address; its ordinal (一、二…) is its place in the list."""

    name: Text
    slug: Slug
    former_slugs: tuple[Slug, ...] = Field(
        default=(),
        description="The slugs this domain was published under before: each old address sends readers to the new one",
    )
    # Set by the document from the domain's place in the list, so that reordering, adding
    # or deleting a domain never leaves an ordinal to retype.
    _place: int = PrivateAttr(default=0)

    @property
    def ordinal(self) -> str:
        if not self._place:
            raise ValueError(f"domain '{self.slug}' is not in a document: it has no place, so no ordinal")
        return chinese_ordinal(self._place)


# What a public report says of a measure, in a word: a statement to the public about government
# action, so a short fixed list, each worded and defined in interface.yaml (`progress_statuses`),
# and never inferred from anything else: an editor writes it from the report.
ProgressStatus = Literal["preparing", "in-progress", "ongoing", "completed", "delayed"]
PROGRESS_STATUSES: tuple[str, ...] = get_args(ProgressStatus)


class Progress(Record):
    """One public report of progress on a measure: its day, its status, what it says, and where."""

    date: datetime.date = Field(description="The day of the report (YYYY-MM-DD), not after last_updated")
    status: ProgressStatus = Field(description="What the report says of the measure, in one word of the list")
    note: Text = Field(description="What the report says, in one sentence")
    source: WebAddress = Field(description="The public report it comes from (https://…)")


class Measure(Record):
    """A measure: number (1, 2, 3… in order), domain slug, title as bolded in the source, body,
    and the reports of its progress."""

    number: StrictInt = Field(ge=1)
    domain: Slug
    title: Text
    body: LongText
    progress: tuple[Progress, ...] = Field(
        default=(), description="Public reports of the measure's progress, in any order: one a day"
    )

    @property
    def progress_newest_first(self) -> tuple[Progress, ...]:
        return tuple(sorted(self.progress, key=lambda entry: entry.date, reverse=True))

    @property
    def latest_progress(self) -> Progress | None:
        """The newest report: what the pages say of the measure where they list it."""
        return max(self.progress, key=lambda entry: entry.date, default=None)

    @property
    def anchor(self) -> str:
        """The permanent fragment of this measure's heading: links to it never break."""
        return f"{MEASURE_ANCHOR_PREFIX}{self.number}"

    @property
    def label(self) -> str:
        """「15. 開啟閩港新領域合作」: the measure as readers name it (a page's title, a search result),
        without the full stop that ends the signed heading, which is shown verbatim."""
        return f"{self.number}. {self.title.removesuffix('。')}"


class Link(Record):
    """A page on another website: its name as readers see it, and its address."""

    name: Text
    url: WebAddress


class SiteInfo(Record):
    """Who publishes this website, where readers send feedback, the official source and the data licence."""

    publisher: Text = Field(description="Who publishes this website, as shown on 關於本站 and 重要告示")
    notice: Text | None = Field(
        default=None,
        description="What every page's footer says of who publishes the site; when not set,"
        " 「本站由（publisher）編製，並非政府網站。」",
    )
    feedback_url: WebAddress | None = Field(
        default=None,
        description="Where readers report a mistake or ask a question; when not set, a build on GitHub"
        " links the repository's issue page",
    )
    feedback_email: EmailAddress | None = Field(
        default=None,
        description="An e-mail address readers may write to instead (offered first on the 简体 pages:"
        " GitHub needs an account and is unreliable from the mainland)",
    )
    official_source: Link = Field(description="The official source of the memorandum and its measures")
    official_document: Link | None = Field(
        default=None,
        description="The official document itself (the signed text on the government's site): every page's"
        " footer links it instead of official_source",
    )
    data_licence: Link = Field(description="The licence of the open data files (measures JSON and CSV)")


Number = Annotated[StrictInt, Field(ge=1)]


class Change(Record):
    """One entry of the change log: the day, what it is about (a measure or a paragraph of the
    memorandum of a meeting, or neither: the site as a whole) and what changed, in one sentence."""

    date: datetime.date = Field(description="The day of the change (YYYY-MM-DD)")
    # Kept as written when the measure is later deleted or renumbered: the log is history.
    meeting: Number | None = Field(
        default=None, description="The number of the meeting whose measure or memorandum paragraph it is about"
    )
    measure: Number | None = Field(default=None, description="The number of the measure it is about, if any")
    paragraph: Number | None = Field(
        default=None, description="The number of the memorandum's paragraph it is about (1 for the first), if any"
    )
    note: Text = Field(description="What changed, in one sentence")

    @property
    def subject(self) -> str:
        """What the entry is about, as its permanent address says it: measure-15, paragraph-2 or site."""
        if self.measure is not None:
            return f"measure-{self.measure}"
        if self.paragraph is not None:
            return f"paragraph-{self.paragraph}"
        return "site"


class Meeting(Record):
    """One plenary of the conference and what was published about it: its conference block (number,
    date, venue, co-chairs) always; the signed memorandum, the annex's title, its domains and its
    measures when the data holds them; where the rest can be read (source) and a summary otherwise."""

    conference: Conference
    source: WebAddress | None = Field(
        default=None,
        description="Where the public can read about the meeting (https://…): a government press release"
        " or the signed text; needed when the memorandum is not written here",
    )
    summary: LongText | None = Field(
        default=None, description="What the source says the meeting agreed, in a paragraph, when no memorandum is written here"
    )
    memorandum: Memorandum | None = None
    annex: Annex | None = None
    domains: tuple[Domain, ...] = Field(
        default=(), description="The meeting's cooperation domains (areas), in the signed order: its own, not another meeting's"
    )
    measures: tuple[Measure, ...] = Field(default=(), description="The meeting's measures, numbered 1, 2, 3… within it")

    @model_validator(mode="after")
    def _number_the_domains(self) -> Meeting:
        for place, domain in enumerate(self.domains, start=1):
            domain._place = place
        return self

    @property
    def number(self) -> int:
        return self.conference.meeting_number

    def measures_in(self, domain: Domain) -> tuple[Measure, ...]:
        return tuple(measure for measure in self.measures if measure.domain == domain.slug)

    def domain_of(self, measure: Measure) -> Domain:
        return next(domain for domain in self.domains if domain.slug == measure.domain)


class MeasuresDocument(Record):
    """data/measures.yaml: the meetings of the Fujian–Hong Kong Cooperation Conference, their
    memoranda and measures, and what is site-wide (the day of the last change, the site, the change log)."""

    # When the published content last changed: shown on every page, dates the sitemap
    # and the open data, so two builds of the same data are byte-identical.
    last_updated: DatableDay = Field(description="The day the content last changed (YYYY-MM-DD), shown as 最後更新")
    meetings: tuple[Meeting, ...] = Field(
        min_length=1, description="The conference's meetings, each one block starting with '- conference:', in any order"
    )
    site: SiteInfo
    changes: tuple[Change, ...] = Field(
        default=(), description="The change log, shown on 修訂紀錄 and in its feeds: one entry per change, in any order"
    )

    @property
    def several_meetings(self) -> bool:
        """Whether the data holds more than one meeting: then every page says which it is of."""
        return len(self.meetings) > 1

    @property
    def meetings_newest_first(self) -> tuple[Meeting, ...]:
        return tuple(sorted(self.meetings, key=lambda meeting: meeting.number, reverse=True))

    @property
    def lead_meeting(self) -> Meeting:
        """The latest meeting with measures: the one the home page leads with (the check makes sure there is one)."""
        return next(meeting for meeting in self.meetings_newest_first if meeting.measures)

    def meeting(self, number: int) -> Meeting | None:
        return next((meeting for meeting in self.meetings if meeting.number == number), None)


class ConversionOverride(Record):
    """One editor's correction of OpenCC's Simplified text, with the reason for it."""

    opencc: Phrase = Field(
        description="The phrase as OpenCC writes it in Simplified"
    )
    simplified: Phrase = Field(
        description="The phrase as mainland readers write it"
    )
    reason: Line = Field(
        description="Why OpenCC's phrase is wrong for mainland readers"
    )


class ConversionOverrides(Record):
    """data/conversion.yaml: phrase corrections applied after OpenCC, longest phrase first."""

    overrides: tuple[ConversionOverride, ...] = ()


class SearchSynonym(Record):
    """A term readers type that the text does not use, and the text's words it stands for."""

    query: Phrase = Field(
        description="What readers type, in Traditional characters or Latin letters (文憑試, AI)"
    )
    finds: Phrase = Field(
        description="The words of the text it stands for, in Traditional characters (香港中學文憑考試)"
    )


class SearchShortForm(Record):
    """A short form of a name of the text that the build does not derive by itself."""

    short: Phrase = Field(
        description="The short form readers type, in Traditional characters or Latin letters (閩企)"
    )
    full: Phrase = Field(
        description="The name as the text writes it, in Traditional characters (福建企業)"
    )


def _one_character_in_several_forms(value: str) -> str:
    if len(value) < 2 or len(set(value)) != len(value) or any(character.isspace() for character in value):
        raise ValueError("must be two or more different forms of one character, written together (綫線)")
    return value


class SearchTerms(Record):
    """data/search.yaml: what search finds besides the text's own words."""

    synonyms: tuple[SearchSynonym, ...] = ()
    short_forms: tuple[SearchShortForm, ...] = Field(
        default=(),
        description="Short forms of the text's names, found below an exact match, besides those the build derives (閩企)",
    )
    variants: tuple[Annotated[StrictStr, _one_line(PHRASE_MAX), AfterValidator(_one_character_in_several_forms)], ...] = Field(
        default=(),
        description="Forms of one character that search treats alike, besides those OpenCC's variant tables know (綫線)",
    )
