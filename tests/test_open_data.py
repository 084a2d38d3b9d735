"""Open data: measures-<locale>.json and .csv per script, from the same model as the pages."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup
from measures_site.content.pipeline import load_site_content
from measures_site.data import open_data_fields
from measures_site.data.hanzi import find_simplified, find_traditional
from measures_site.data.load import load_document
from measures_site.data.model import MeasuresDocument
from measures_site.data.open_data_fields import csv_fields
from measures_site.data.schema import document_schema, open_data_schema
from measures_site.site.open_data import open_data, to_csv
from ruamel.yaml import YAML

from conftest import FIXTURE_FOLDER, LIVE_DATA, LOCALE_PREFIXES

LOCALE_FOLDERS = LOCALE_PREFIXES


@pytest.fixture(scope="module")
def document() -> MeasuresDocument:
    """The fixture's data, which `site` is built from."""
    return load_document(FIXTURE_FOLDER / "measures.yaml", "measures.yaml")


def read_json(site, locale: str) -> dict:
    return json.loads((site.site / LOCALE_FOLDERS[locale] / "data" / f"measures-{locale}.json").read_text("utf-8"))


def read_csv(site, locale: str) -> tuple[bytes, list[dict[str, str]]]:
    raw = (site.site / LOCALE_FOLDERS[locale] / "data" / f"measures-{locale}.csv").read_bytes()
    return raw, list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("locale", LOCALE_FOLDERS)
def test_json_validates_against_the_published_schema(site, locale: str) -> None:
    published = json.loads((site.site / LOCALE_FOLDERS[locale] / "data" / "measures.schema.json").read_text("utf-8"))
    assert published == open_data_schema()
    data = read_json(site, locale)
    jsonschema.validate(data, published, format_checker=jsonschema.FormatChecker())
    assert data["locale"] == locale
    assert [measure["number"] for measure in data["measures"]] == list(range(1, len(data["measures"]) + 1))


def test_published_schema_rejects_a_measure_without_body(site) -> None:
    data = read_json(site, "zh-Hant")
    del data["measures"][0]["body"]
    with pytest.raises(jsonschema.ValidationError, match="'body' is a required property"):
        jsonschema.validate(data, open_data_schema())


def test_traditional_json_is_the_data_verbatim(site, document) -> None:
    measures = read_json(site, "zh-Hant")["measures"]
    for measure, source in zip(measures, document.lead_meeting.measures, strict=True):
        assert (measure["title"], measure["body"]) == (source.title, source.body)
        assert measure["domain"] == document.lead_meeting.domain_of(source).name


def test_simplified_json_is_in_simplified_script(site) -> None:
    data = read_json(site, "zh-Hans")
    text = json.dumps(data, ensure_ascii=False)
    assert find_traditional(text) == []
    assert data["measures"][0]["domain"] == "经贸"


@pytest.mark.parametrize("locale", LOCALE_FOLDERS)
def test_csv_is_utf8_with_bom_one_row_per_measure_matching_the_json(site, document, locale: str) -> None:
    raw, rows = read_csv(site, locale)
    assert raw.startswith(b"\xef\xbb\xbf") and not raw.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    assert raw[3:].splitlines()[0].decode() == ",".join(csv_fields())
    measures = read_json(site, locale)["measures"]
    assert len(rows) == len(measures) == len(document.lead_meeting.measures)
    for row, measure in zip(rows, measures, strict=True):
        # A value the JSON gives as null (no report of progress) is an empty cell.
        assert row == {field: "" if measure[field] is None else str(measure[field]) for field in csv_fields()}


@pytest.mark.parametrize("locale", LOCALE_FOLDERS)
def test_each_measure_url_is_absolute_and_reaches_its_heading(site, locale: str) -> None:
    for measure in read_json(site, locale)["measures"]:
        prefix = "http://127.0.0.1:8000/" + LOCALE_FOLDERS[locale]
        assert measure["url"].startswith(prefix)
        path, _, anchor = measure["url"].removeprefix("http://127.0.0.1:8000/").partition("#")
        assert anchor == f"measure-{measure['number']}"
        heading = BeautifulSoup(site.page(path), "html.parser").find(id=anchor)
        assert heading is not None and heading.name == "h2"
        assert measure["title"] in heading.get_text()


@pytest.mark.parametrize("locale", LOCALE_FOLDERS)
def test_every_page_footer_links_the_open_data_and_shows_the_last_update(site, locale: str) -> None:
    folder = site.site / LOCALE_FOLDERS[locale]
    pages = [p for p in folder.rglob("index.html") if locale == "zh-Hans" or "zh-Hans" not in p.parts]
    assert len(pages) >= 14  # home, memorandum, measures, data page, ten domains
    label = {"zh-Hant": "最後更新", "zh-Hans": "最后更新"}[locale]
    for page in pages:
        footer = BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one(".md-copyright")
        links = {a.get_text(strip=True): a["href"] for a in footer.find_all("a")}
        assert {"JSON", "CSV", {"zh-Hant": "資料下載", "zh-Hans": "数据下载"}[locale]} <= set(links)
        for href in links.values():
            if href.startswith("https://"):
                continue  # the official source, on another site
            path = href.split("#")[0]
            target = (page.parent / path).resolve()
            assert (target / "index.html" if path.endswith("/") else target).is_file(), (page, href)
        assert (page.parent / links["JSON"]).resolve() == (folder / "data" / f"measures-{locale}.json").resolve()
        assert f"{label}：2023年6月28日" in footer.get_text()


@pytest.mark.parametrize("locale", LOCALE_FOLDERS)
def test_data_page_documents_every_field_and_links_the_files(site, locale: str) -> None:
    soup = BeautifulSoup(site.page(LOCALE_FOLDERS[locale] + "data/"), "html.parser")
    article = soup.select_one("article")
    assert article.h1.get_text(strip=True) == {"zh-Hant": "資料下載", "zh-Hans": "数据下载"}[locale]
    documented = {code.get_text() for code in article.select("table code")}
    assert documented >= set(csv_fields()) | {"domain_slug"}
    hrefs = {a["href"] for a in article.find_all("a", href=True)}
    assert {f"measures-{locale}.json", f"measures-{locale}.csv", "measures.schema.json"} <= hrefs
    text = article.get_text()
    finder = find_traditional if locale == "zh-Hans" else find_simplified
    assert finder(text) == []


# ── the editors' schema ──────────────────────────────────────────────────────


def _plain(value):
    """ruamel's round-trip types -> JSON's, as an editor's tool would see them."""
    return json.loads(json.dumps(value, default=str))


@pytest.mark.parametrize(
    "folder", [FIXTURE_FOLDER, pytest.param(LIVE_DATA, marks=pytest.mark.live_content)], ids=["fixture", "live"]
)
def test_data_validates_under_both_schema_and_model(folder: Path) -> None:
    data_file = folder / "measures.yaml"
    data = _plain(YAML(typ="safe").load(data_file.read_text("utf-8")))
    jsonschema.validate(data, document_schema(), format_checker=jsonschema.FormatChecker())
    assert MeasuresDocument.model_validate(data) == load_document(data_file, "measures.yaml")


def test_schema_and_model_reject_the_same_misspelt_field() -> None:
    data = _plain(YAML(typ="safe").load((FIXTURE_FOLDER / "measures.yaml").read_text("utf-8")))
    data["meetings"][0]["measures"][0]["titel"] = data["meetings"][0]["measures"][0].pop("title")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, document_schema())
    with pytest.raises(Exception, match="titel"):
        MeasuresDocument.model_validate(data)


def test_schema_field_names_match_the_model() -> None:
    schema = document_schema()

    def fields(model) -> dict:
        return {name: fields(inner) if (inner := _inner_model(model, name)) else None for name in model.model_fields}

    def schema_fields(node: dict) -> dict:
        result = {}
        for name, prop in node["properties"].items():
            # A field that may be left out (official_document) is "anyOf" its record and null.
            options = [prop, prop.get("items", {}), *prop.get("anyOf", ())]
            ref = next((option["$ref"] for option in options if "$ref" in option), None)
            result[name] = schema_fields(schema["$defs"][ref.rsplit("/", 1)[1]]) if ref else None
        return result

    assert schema_fields(schema) == fields(MeasuresDocument)


def _inner_model(model, name: str):
    from pydantic import BaseModel

    annotation = model.model_fields[name].annotation
    for candidate in (annotation, *getattr(annotation, "__args__", ())):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def test_a_field_added_to_the_published_fields_is_in_the_json_csv_schema_and_data_page(monkeypatch) -> None:
    title_length = open_data_fields.PublishedField(
        "title_length", "標題字數", lambda placed: len(placed.measure.title), lambda definitions: {"type": "integer"}
    )
    monkeypatch.setattr(open_data_fields, "MEASURE_FIELDS", (*open_data_fields.MEASURE_FIELDS, title_length))
    content = load_site_content(FIXTURE_FOLDER / "measures.yaml", FIXTURE_FOLDER / "conversion.yaml")
    for code, localized in content.localized.items():
        data = open_data(localized.document, code, "https://example.org/")
        assert [measure["title_length"] for measure in data["measures"]] == [
            len(measure.title) for measure in localized.document.lead_meeting.measures
        ]
        header = to_csv(data)[3:].decode("utf-8").splitlines()[0]
        assert header.endswith(",latest_status_date,title_length")
        jsonschema.validate(data, open_data_schema())
        data["measures"][0]["title_length"] = "長"
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(data, open_data_schema())
    assert "| `title_length` | 標題字數 |" in content.pages["zh-Hant/data.md"].markdown
    assert "| `title_length` | 标题字数 |" in content.pages["zh-Hans/data.md"].markdown


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_shown_as_text_and_the_json_stays_exact(tmp_path: Path) -> None:
    formulas = ['=HYPERLINK("https://evil.example/","官方正本")', "+1+2", "-3", "@SUM(1)"]
    text = (FIXTURE_FOLDER / "measures.yaml").read_text("utf-8")
    for number, formula in enumerate(formulas, start=1):
        start = text.index(f"  - number: {number}\n")
        title = text.index("    title: ", start)
        end = text.index("\n", title)
        text = text[:title] + "    title: " + json.dumps(formula, ensure_ascii=False) + text[end:]
    (tmp_path / "measures.yaml").write_text(text, "utf-8")
    content = load_site_content(tmp_path / "measures.yaml", FIXTURE_FOLDER / "conversion.yaml")
    data = open_data(content.localized["zh-Hant"].document, "zh-Hant", "https://example.org/")
    assert [measure["title"] for measure in data["measures"][:5]] == [*formulas, data["measures"][4]["title"]]
    rows = list(csv.DictReader(io.StringIO(to_csv(data).decode("utf-8-sig"), newline="")))
    assert [row["title"] for row in rows[:5]] == [*("'" + formula for formula in formulas), data["measures"][4]["title"]]
    assert not data["measures"][4]["title"].startswith("'")
    assert "CSV 中以 =、+、-、@ 開頭的內容前加上「'」，以免被當作公式執行" in content.pages["zh-Hant/data.md"].markdown.replace("\\", "")
