"""Model in one script -> the open data files of that script: measures-<locale>.json and .csv.

Written beside the site's pages (<locale folder>/data/) from the same converted model
the pages are rendered from, so the data and the pages never disagree. Every URL is
absolute, built from `site_url` (mkdocs.yml), because a downloaded file has no page
to be relative to.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from measures_site.content.paths import DATA_FOLDER, PATHS, data_file_name, url
from measures_site.data.model import Measure, MeasuresDocument, Meeting
from measures_site.data.open_data_fields import DOCUMENT_FIELDS, MEASURES_KEY, PlacedMeasure, csv_fields, measure_record
from measures_site.data.schema import OPEN_DATA_SCHEMA_NAME, open_data_schema_text


def measure_url(locale_url: str, meeting: Meeting, measure: Measure) -> str:
    """Absolute URL of a measure's heading on its domain page; locale_url ends with '/'."""
    return locale_url + url(PATHS.meeting(meeting.number).measure(measure))


def open_data(document: MeasuresDocument, locale_code: str, locale_url: str) -> dict[str, Any]:
    """The open data of one script: every meeting's measures, the newest meeting's first."""
    records = []
    for meeting in document.meetings_newest_first:
        # One pass over the measures: each finds its domain by slug, not by a search.
        domains = {domain.slug: domain for domain in meeting.domains}
        records += [
            measure_record(PlacedMeasure(measure, meeting, domains[measure.domain], measure_url(locale_url, meeting, measure)))
            for measure in meeting.measures
        ]
    return {**{field.name: field.value(document, locale_code) for field in DOCUMENT_FIELDS}, MEASURES_KEY: records}


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# A spreadsheet runs a cell beginning with one of these as a formula (=HYPERLINK(…) opens a link):
# OWASP's guidance on CSV injection is a leading apostrophe, which shows the cell as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: Any) -> Any:
    """A value for a CSV cell that a spreadsheet shows and never runs (JSON keeps the text exact)."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def to_csv(data: dict[str, Any]) -> bytes:
    """UTF-8 with a byte order mark, so Excel shows the Chinese text instead of mojibake."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=csv_fields(), extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({name: spreadsheet_cell(value) for name, value in measure.items()} for measure in data["measures"])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def write_open_data(document: MeasuresDocument, locale_code: str, locale_url: str, locale_site_dir: Path) -> list[Path]:
    """Write the script's JSON and CSV files and their schema into <locale_site_dir>/data/."""
    folder = locale_site_dir / DATA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    data = open_data(document, locale_code, locale_url)
    files = {
        folder / data_file_name(locale_code, "json"): to_json(data).encode("utf-8"),
        folder / data_file_name(locale_code, "csv"): to_csv(data),
        folder / OPEN_DATA_SCHEMA_NAME: open_data_schema_text().encode("utf-8"),
    }
    for path, content in files.items():
        path.write_bytes(content)
    return list(files)
