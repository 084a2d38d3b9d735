"""What the reports of progress add up to, per domain: the figures of the progress page, its chart,
its table and its share image, counted once here.

A measure counts under the status of its newest report; a measure with no report counts as "no
report recorded" (NO_REPORT), never as a status: the site says only what a public report said.
The chart is an SVG drawn here at build time, inline in the page: no script, a picture with a
title and a description in words, each part marked by its words and a pattern as well as a colour.
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from measures_site.content.interface import PAGE_LABELS, PROGRESS_STATUS_TEXT
from measures_site.data.model import PROGRESS_STATUSES, Domain, Meeting

NO_REPORT = "none"
# The order of the chart, the table and the words: the statuses, then the measures without a report.
COUNTED = (*PROGRESS_STATUSES, NO_REPORT)


def progress_words(convert: Callable[[str], str]) -> tuple[dict[str, str], dict[str, str]]:
    """({status, or NO_REPORT: its words}, {…: what it means}), in the script of `convert`
    (interface.page_converter)."""
    words = {status: convert(text["label"]) for status, text in PROGRESS_STATUS_TEXT.items()}
    meanings = {status: convert(text["definition"]) for status, text in PROGRESS_STATUS_TEXT.items()}
    words[NO_REPORT] = convert(PAGE_LABELS["progress_no_report"])
    meanings[NO_REPORT] = convert(PAGE_LABELS["progress_no_report_definition"])
    return words, meanings


@dataclass(frozen=True)
class DomainFigures:
    """How many of a domain's measures each status (or no report) stands for."""

    domain: Domain
    counts: Mapping[str, int]  # every key of COUNTED

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def progress_figures(meeting: Meeting) -> tuple[DomainFigures, ...]:
    """Each domain's figures of a meeting, in the domains' order."""
    figures = []
    for domain in meeting.domains:
        counts = dict.fromkeys(COUNTED, 0)
        for measure in meeting.measures_in(domain):
            latest = measure.latest_progress
            counts[latest.status if latest else NO_REPORT] += 1
        figures.append(DomainFigures(domain, counts))
    return tuple(figures)


def totals(figures: tuple[DomainFigures, ...]) -> dict[str, int]:
    return {key: sum(domain.counts[key] for domain in figures) for key in COUNTED}


def newest_report_day(meeting: Meeting) -> datetime.date | None:
    return max((entry.date for measure in meeting.measures for entry in measure.progress), default=None)


def figures_in_words(figures: tuple[DomainFigures, ...], words: Mapping[str, str], measure_count: str) -> str:
    """「21 項措施中，進行中 1、已完成 1、未有報告 19。」: the whole in one sentence, for the chart's
    description and the page's (its share image's), the counts that are not zero in COUNTED's order."""
    total = totals(figures)
    parts = "、".join(f"{words[key]} {total[key]}" for key in COUNTED if total[key])
    return f"{sum(total.values())} {measure_count}中，{parts}。"


# The chart's geometry, in the units of its viewBox: as wide as a phone's text column, so that its
# words read at the text's size there; the stylesheet caps its width on wider screens.
WIDTH = 340
ROW = 46  # a domain: its name, then its bar
BAR = 18
FONT = 13
LEGEND_ROW = 22


def progress_chart(
    figures: tuple[DomainFigures, ...], words: Mapping[str, str], title: str, description: str, lang: str
) -> str:
    """The figures as an SVG bar per domain, each bar cut into its statuses: each part's count is
    written in it where it fits, its pattern and colour are the legend's, and the table beside it
    gives every figure in words."""
    widest = max((domain.total for domain in figures), default=0) or 1
    shown = [key for key in COUNTED if any(domain.counts[key] for domain in figures)]
    legend_rows = -(-len(shown) // 2)
    top = legend_rows * LEGEND_ROW + 6
    height = top + len(figures) * ROW
    parts = [
        f'<svg class="progress-chart" role="img" aria-labelledby="progress-chart-title progress-chart-description"'
        f' viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" lang="{lang}">',
        f'<title id="progress-chart-title">{html.escape(title)}</title>',
        f'<desc id="progress-chart-description">{html.escape(description)}</desc>',
        "<defs>",
        *(_pattern(key) for key in COUNTED),
        "</defs>",
    ]
    for index, key in enumerate(shown):
        x, y = (index % 2) * (WIDTH // 2), (index // 2) * LEGEND_ROW
        parts.append(_part(key, x, y + 3, 16, 14))
        parts.append(f'<text x="{x + 22}" y="{y + 15}">{html.escape(words[key])}</text>')
    for row, domain in enumerate(figures):
        y = top + row * ROW
        name = f"{domain.domain.ordinal}、{domain.domain.name}"
        parts.append(f'<g class="progress-chart__domain"><text x="0" y="{y + FONT}">{html.escape(name)}（{domain.total}）</text>')
        x = 0.0
        for key in COUNTED:
            count = domain.counts[key]
            if not count:
                continue
            width = count / widest * WIDTH
            parts.append(_part(key, x, y + 20, width, BAR))
            if width >= 16:
                parts.append(
                    f'<text class="progress-chart__count" x="{x + width / 2:.1f}" y="{y + 20 + BAR - 4}"'
                    f' text-anchor="middle">{count}</text>'
                )
            x += width
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def _pattern(key: str) -> str:
    """A texture per status, so that the parts differ without colour (in print, to every eye)."""
    marks = {
        "preparing": '<circle cx="3" cy="3" r="1"/>',
        "in-progress": '<path d="M0 6L6 0"/>',
        "ongoing": '<path d="M0 3H6"/>',
        "completed": "",
        "delayed": '<path d="M0 0L6 6M0 6L6 0"/>',
        NO_REPORT: "",
    }[key]
    return (
        f'<pattern id="progress-pattern-{key}" class="progress-chart__marks" width="6" height="6"'
        f' patternUnits="userSpaceOnUse">{marks}</pattern>'
    )


def _part(key: str, x: float, y: float, width: float, height: float) -> str:
    shape = f'x="{x:.1f}" y="{y}" width="{width:.1f}" height="{height}"'
    return (
        f'<rect class="progress-chart__part progress-status--{key}" {shape}/>'
        f'<rect {shape} fill="url(#progress-pattern-{key})"/>'
    )
