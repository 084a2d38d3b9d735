"""Model in one script -> the Markdown pages of that script.

Every value a template prints is escaped for Markdown and HTML by default (the
environment's `finalize`), so whatever an editor types is shown as literal text;
only values wrapped in `Markdown` (the links this module builds) pass unescaped.
"""

from __future__ import annotations

import datetime
import functools
import html
import json
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from .model import Domain, Measure, MeasuresDocument

DATA_FILE = "data/measures.yaml"

# Words the generated pages use around the data, written in the source script and
# converted like the data, so each page is in one script.
LABELS: Mapping[str, str] = {
    "home": "首頁",
    "memorandum": "合作備忘錄",
    "all_measures": "全部措施",
    "domains": "合作領域",
    "date": "日期",
    "venue": "地點",
    "led_by": "率領",
    "measure_count": "項措施",
    "number": "編號",
    "measure": "措施",
    "domain": "領域",
    "summary": "雙方簽署合作備忘錄，同意在以下領域加強合作，合共",
    "read_memorandum": "閱讀合作備忘錄全文",
    "annex": "附件",
    "domain_total": "本領域措施數目：",
    "last_updated": "最後更新",
    "open_data": "資料下載",
    "covers": "涵蓋",
    "page_url": "本頁網址",
    "not_found": "找不到此頁",
    "not_found_message": "網址可能有誤，或此頁已經移動。",
    "back_home": "返回首頁",
    "about": "關於本站",
    "accessibility": "無障礙聲明",
    "notices": "重要告示",
    "site_map": "網站地圖",
    "source": "內容來源",
    "official_source": "官方來源",
    "licence": "授權",
    "script_note": "本頁由繁體原文經 {converter}自動轉換，並非簽署的簡體文本。",
    "script_note_link": "轉換說明",
}

# Interface words that mainland readers write otherwise than the conversion of the Hong
# Kong word: applied to the generated pages' own words (LABELS, PAGE_TEXT), never to the
# data, whose corrections are the editors' (data/conversion.yaml).
INTERFACE_WORDS: Mapping[str, Mapping[str, str]] = {
    "zh-Hans": {
        "资料下载": "数据下载",
        "开放资料": "开放数据",
        "栏位": "字段",
        "个人资料": "个人信息",
        "私隐": "隐私",
        "连结": "链接",
        "萤幕": "屏幕",
        "卷动": "滚动",
        "程式": "程序",
        "意见回馈": "意见反馈",
        "回报": "反馈",
        "服务供应商": "服务提供商",
        "寄存": "托管",
        "搜寻": "搜索",
        "资讯": "信息",
    },
}


def interface_converter(locale_code: str, convert: Callable[[str], str]) -> Callable[[str], str]:
    """The conversion of the pages' own words into a locale's script and usage."""
    words = INTERFACE_WORDS.get(locale_code, {})

    def interface(text: str) -> str:
        converted = convert(text)
        for word, usage in words.items():
            converted = converted.replace(word, usage)
        return converted

    return interface

# The Data page: what each open-data field holds (names as in measures.json and the CSV header).
OPEN_DATA_TEXT: Mapping[str, Any] = {
    "intro": "本站全部措施亦以開放資料形式提供，內容與網頁相同，可自由下載使用；繁體及簡體各有一份。",
    "fields_heading": "欄位說明",
    "field": "欄位",
    "meaning": "內容",
    "fields": (
        ("number", "措施編號（1 起）"),
        ("domain_ordinal", "合作領域的序號（一、二……）"),
        ("domain", "合作領域名稱"),
        ("domain_slug", "合作領域的英文代號（只在 JSON）"),
        ("title", "措施標題"),
        ("body", "措施內容全文"),
        ("url", "該措施在本站的網址"),
    ),
    "url_note": "CSV 每行一項措施，首行為欄位名稱；JSON 另有 locale、title、conference、date、last_updated 及 domains。網址為完整網址。",
    "licence_note": "開放資料以下列授權提供：",
}

# The words of the pages about the site itself (關於本站, 無障礙聲明, 重要告示), in the
# source script, converted like LABELS; {publisher} and {converter} are filled in as they are rendered.
PAGE_TEXT: Mapping[str, str] = {
    "about_intro": "本站由{publisher}編製及維護，刊載閩港合作會議第四次會議合作備忘錄及具體合作措施的全文，分繁體及簡體兩個版本。本站並非政府網站；如有出入，以官方來源的文本為準。",
    "official_source_intro": "合作備忘錄及措施的官方來源：",
    "feedback": "意見回饋",
    "feedback_text": "如發現錯漏，或對本站有任何意見，請在本站的問題回報頁留言：",
    "feedback_link": "問題回報頁",
    "simplified_heading": "簡體版",
    "simplified_text": "合作備忘錄以繁體及簡體簽署，但本站的簡體版並非從簽署的簡體文本複製，而是由繁體原文經 {converter}自動轉換生成，再按下表作人工修訂。電腦轉換未能保證完全正確；如有出入，以簽署文本為準。",
    "overrides_heading": "人工修訂",
    "override_opencc": "自動轉換結果",
    "override_simplified": "修訂為",
    "override_reason": "理由",
    "no_overrides": "目前沒有人工修訂。",
    "accessibility_intro": "{publisher}致力令所有人都能使用本站，目標是符合《無障礙網頁內容指引》（WCAG）2.2 AA 級。",
    "accessibility_how": "本站的做法",
    "accessibility_points": (
        "每頁都有「跳至內容」連結、一個主標題及依次排列的標題；只用鍵盤即可瀏覽、切換繁簡及搜尋。",
        "每頁都標明語言（繁體中文或簡體中文），讀屏軟件可用正確的讀音朗讀。",
        "文字放大至 200%，或在 320 像素寬的螢幕上，都無須左右捲動。",
        "連結有底線，不單靠顏色區分；文字與背景的對比符合 AA 級；跟隨系統的深色模式。",
        "每次更新，都以自動工具在手機及電腦大小的螢幕上檢查每一頁。",
    ),
    "accessibility_limits": "已知限制",
    "accessibility_limits_text": "簡體版由電腦轉換（見關於本站），讀屏軟件讀出的字詞可能與簽署的簡體文本不同。",
    "accessibility_feedback": "如在使用本站時遇到困難，請在問題回報頁告訴我們：",
    "statement_date": "本聲明最後更新：",
    "copyright": "版權",
    "copyright_text": "合作備忘錄及具體合作措施的文字出自閩港合作會議第四次會議簽署的文件，原文見官方來源。本站的編排、程式及開放資料由{publisher}製作。",
    "data_licence_text": "本站的開放資料以下列授權提供，使用時請註明出處：",
    "privacy": "私隱",
    "privacy_text": "本站不收集任何個人資料：不使用 cookie，沒有登記或表格，不載入任何分析或追蹤程式，也不向其他網站發出請求。搜尋在你的瀏覽器內進行，輸入的字詞不會傳送出去。寄存本站的服務供應商或會為保安及運作需要保留存取紀錄（例如 IP 地址）。",
    "disclaimer": "免責聲明",
    "disclaimer_text": "本站力求準確，但不保證內容無誤；一切以簽署文本為準。",
}

# Python-Markdown's escapable characters, plus '|' (tables) and ':' is harmless.
_MARKDOWN_SPECIAL = frozenset("\\`*_{}[]()>#+-.!|")


class Markdown(str):
    """Text that is already Markdown and must not be escaped again."""


def escape_markdown(value: Any) -> str:
    """Literal text -> Markdown that shows exactly that text."""
    if isinstance(value, Markdown):
        return value
    text = html.escape(str(value), quote=False)
    return "".join(f"\\{char}" if char in _MARKDOWN_SPECIAL else char for char in text)


def web_address(url: str) -> Markdown:
    """An editor's web address as a Markdown link target: characters that would end it encoded."""
    encoded = "".join({"(": "%28", ")": "%29", " ": "%20", "<": "%3C", ">": "%3E"}.get(char, char) for char in url)
    return Markdown(html.escape(encoded, quote=True))


def front_matter_string(value: str) -> Markdown:
    """A page title for the front matter: YAML-safe (a JSON string is a YAML string) and
    HTML-escaped, because MkDocs and Material print titles into <title> and the
    navigation without escaping them."""
    return Markdown(json.dumps(html.escape(value, quote=True), ensure_ascii=False))


@dataclass(frozen=True)
class PagePaths:
    """Where each page lives, relative to a locale's docs folder: one source for every URL."""

    home: str = "index.md"
    memorandum: str = "memorandum.md"
    all_measures: str = "measures.md"
    # The open data files are written into the same folder (open_data.py): data/measures-zh-Hant.json.
    open_data: str = "data.md"
    # About the site itself: linked from every page's footer and from the site map.
    about: str = "about.md"
    accessibility: str = "accessibility.md"
    notices: str = "notices.md"
    site_map: str = "site-map.md"

    @property
    def about_site(self) -> dict[str, str]:
        """{LABELS key: page} of the pages about the site, in the footer's order."""
        return {"about": self.about, "accessibility": self.accessibility, "notices": self.notices, "site_map": self.site_map}

    @staticmethod
    def domain(domain: Domain) -> str:
        return f"domains/{domain.slug}.md"

    def measure(self, measure: Measure) -> str:
        return f"domains/{measure.domain}.md#{measure.anchor}"


PATHS = PagePaths()
# The section of the about page on how the Simplified pages are made: every 简体 page links it.
SIMPLIFIED_SECTION = "simplified"


def navigation(document: MeasuresDocument, domains_label: str) -> list[Any]:
    """The site's navigation, in MkDocs' nav form: the content pages, domains as a section."""
    return [
        PATHS.home,
        PATHS.memorandum,
        {domains_label: [PATHS.domain(domain) for domain in document.domains]},
        PATHS.all_measures,
        PATHS.open_data,
    ]


@dataclass(frozen=True)
class ShownOverride:
    """One conversion override as a page lists it: the phrases, and the reason in the page's script."""

    opencc: str
    simplified: str
    reason: str


@dataclass(frozen=True)
class ConversionNote:
    """How the Simplified pages are made: the converter, and the editors' corrections."""

    converter: str
    overrides: tuple[ShownOverride, ...]


def chinese_date(day: datetime.date) -> str:
    """2023年6月28日: written the same way in both scripts."""
    return f"{day.year}年{day.month}月{day.day}日"


# Search engines and link previews (WhatsApp, WeChat) show about this many characters.
DESCRIPTION_LENGTH = 120


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """A page description: the text itself when short enough, else its start and "……"."""
    return text if len(text) <= limit else text[: limit - 2] + "……"


def page_descriptions(
    document: MeasuresDocument,
    labels: Mapping[str, str],
    open_data_intro: str,
    about_site_descriptions: Mapping[str, str],
) -> dict[str, str]:
    """{page path: one-line description drawn from the page's own content}, in its script.

    Printed as the page's meta description and Open Graph description; plain text here,
    HTML-escaped with the rest of the front matter.
    """
    conference = document.conference
    domain_names = "、".join(domain.name for domain in document.domains)
    descriptions = {
        PATHS.home: (
            f"{document.annex.title}（{chinese_date(conference.date)}，{conference.venue}）："
            f"{len(document.measures)} {labels['measure_count']}，{labels['covers']}{domain_names}。"
        ),
        PATHS.memorandum: document.memorandum.paragraphs[0],
        PATHS.all_measures: f"{document.annex.title}：" + " ".join(
            f"{measure.number}. {measure.title}" for measure in document.measures
        ),
        PATHS.open_data: open_data_intro,
        **about_site_descriptions,
    }
    for domain in document.domains:
        titles = " ".join(f"{measure.number}. {measure.title}" for measure in document.measures_in(domain))
        descriptions[PATHS.domain(domain)] = f"{domain.ordinal}、{domain.name}：{titles}"
    return {path: shorten(text) for path, text in descriptions.items()}


def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("measures_site", "templates"),
        finalize=escape_markdown,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # Markdown, not HTML: escaping is `finalize`'s job
    )
    environment.filters["yaml_string"] = front_matter_string
    environment.filters["chinese_date"] = chinese_date
    environment.filters["anchor"] = lambda measure: Markdown(measure.anchor)
    environment.filters["web_address"] = web_address
    return environment


_ENVIRONMENT = _environment()


def _open_data_text(convert: Callable[[str], str], locale_code: str) -> dict[str, Any]:
    # File names stay as written: they are links, not words.
    from .open_data import data_file_name
    from .schema import OPEN_DATA_SCHEMA_NAME

    text: dict[str, Any] = {key: convert(value) for key, value in OPEN_DATA_TEXT.items() if isinstance(value, str)}
    text["fields"] = tuple((Markdown(name), convert(meaning)) for name, meaning in OPEN_DATA_TEXT["fields"])
    text.update(
        json_name=Markdown(data_file_name(locale_code, "json")),
        csv_name=Markdown(data_file_name(locale_code, "csv")),
        schema_name=Markdown(OPEN_DATA_SCHEMA_NAME),
    )
    return text


def _page_text(convert: Callable[[str], str], document: MeasuresDocument, converter: str) -> dict[str, Any]:
    def fill(text: str) -> str:
        return convert(text).format(publisher=document.site.publisher, converter=converter)

    return {
        key: tuple(fill(item) for item in value) if isinstance(value, tuple) else fill(value)
        for key, value in PAGE_TEXT.items()
    }


# The index page links every measure, and thousands of them share a handful of paths.
_relative_path = functools.lru_cache(maxsize=1024)(posixpath.relpath)


def render_pages(
    document: MeasuresDocument, convert: Callable[[str], str], locale_code: str, conversion: ConversionNote
) -> dict[str, str]:
    """{path relative to the locale's docs folder: Markdown} for one script.

    `document` is already in the page's script; `convert` turns the source-script
    labels into it (interface_converter); `conversion` is what the about page says of
    the Simplified pages.
    """
    labels = {key: convert(value) for key, value in LABELS.items()}
    open_data = _open_data_text(convert, locale_code)
    text = _page_text(convert, document, conversion.converter)
    descriptions = page_descriptions(
        document,
        labels,
        open_data["intro"],
        {
            PATHS.about: text["about_intro"],
            PATHS.accessibility: text["accessibility_intro"],
            PATHS.notices: text["copyright_text"],
            PATHS.site_map: f"{labels['site_map']}：" + "、".join(
                labels[key] for key in ("home", "memorandum", "domains", "all_measures", "open_data")
            ),
        },
    )

    def render(template: str, page: str, **context: Any) -> str:
        def link(target: str) -> Markdown:
            path, _, anchor = target.partition("#")
            relative = _relative_path(path, posixpath.dirname(page) or ".")
            return Markdown(f"{relative}#{anchor}" if anchor else relative)

        return _ENVIRONMENT.get_template(template).render(
            doc=document,
            labels=labels,
            paths=PATHS,
            link=link,
            data_file=Markdown(DATA_FILE),
            description=descriptions[page],
            text=text,
            **context,
        )

    pages = {
        PATHS.home: render("home.md.j2", PATHS.home),
        PATHS.memorandum: render("memorandum.md.j2", PATHS.memorandum),
        PATHS.all_measures: render("measures.md.j2", PATHS.all_measures),
        PATHS.open_data: render("data.md.j2", PATHS.open_data, open_data=open_data),
        PATHS.about: render(
            "about.md.j2", PATHS.about, conversion=conversion, simplified_section=Markdown(SIMPLIFIED_SECTION)
        ),
        PATHS.accessibility: render("accessibility.md.j2", PATHS.accessibility),
        PATHS.notices: render("notices.md.j2", PATHS.notices),
        PATHS.site_map: render("site-map.md.j2", PATHS.site_map),
    }
    for domain in document.domains:
        page = PATHS.domain(domain)
        pages[page] = render("domain.md.j2", page, domain=domain, measures=document.measures_in(domain))
    return pages
