"""Typed, immutable model of the memorandum and its measures.

Field names here are the keys editors write in data/measures.yaml and the names in
data/measures.schema.json. Every field holding reader-facing Chinese text is typed
`Text`, which is how convert.py knows what to convert to another script.
"""

from __future__ import annotations

import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, StrictStr, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class TextMarker:
    """Marks a field as reader-facing text, converted per script."""


def _one_nonblank_line(value: str) -> str:
    if not value.strip():
        raise ValueError("is empty or only spaces")
    if "\n" in value.strip("\n"):
        raise ValueError("has a line break: write it on one line (a new paragraph is a new list item)")
    return value.strip("\n")


Text = Annotated[StrictStr, AfterValidator(_one_nonblank_line), TextMarker()]
Slug = Annotated[StrictStr, StringConstraints(pattern=SLUG_PATTERN)]


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Leader(Record):
    government: Text
    position: Text
    name: Text


class Conference(Record):
    name: Text
    meeting_number: StrictInt = Field(ge=1)
    date: datetime.date
    venue: Text
    leaders: tuple[Leader, ...] = Field(min_length=1)


class Signatory(Record):
    government: Text
    signature: Text


class Memorandum(Record):
    title: Text
    paragraphs: tuple[Text, ...] = Field(min_length=1)
    signatories: tuple[Signatory, ...] = Field(min_length=1)
    signed_on: Text


class Annex(Record):
    title: Text


class Domain(Record):
    ordinal: Text
    name: Text
    slug: Slug


class Measure(Record):
    number: StrictInt = Field(ge=1)
    domain: Slug
    title: Text
    body: Text

    @property
    def anchor(self) -> str:
        """The permanent fragment of this measure's heading: links to it never break."""
        return f"measure-{self.number}"


class MeasuresDocument(Record):
    # When the published content last changed: shown on every page, dates the sitemap
    # and the open data, so two builds of the same data are byte-identical.
    last_updated: datetime.date
    conference: Conference
    memorandum: Memorandum
    annex: Annex
    domains: tuple[Domain, ...] = Field(min_length=1)
    measures: tuple[Measure, ...] = Field(min_length=1)

    def measures_in(self, domain: Domain) -> tuple[Measure, ...]:
        return tuple(measure for measure in self.measures if measure.domain == domain.slug)

    def domain_of(self, measure: Measure) -> Domain:
        return next(domain for domain in self.domains if domain.slug == measure.domain)
