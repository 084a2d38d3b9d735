"""Generate the measures pages from data/measures.yaml: command line and MkDocs hook.

    python scripts/build_measures.py            validate, then write docs/<locale>/ pages
    python scripts/build_measures.py --check    validate only; exit 1 with located errors
    python scripts/build_measures.py --check --format github [--changed-since REF]
                                                problems as GitHub annotations and a job summary
    python scripts/build_measures.py --review BASE_DIR
                                                Markdown: what the data change will publish,
                                                compared with the data files in BASE_DIR
    python scripts/build_measures.py --write-schema   data/measures.schema.json from the model
    python scripts/build_measures.py --fix [FILE…]    repair pasted-text artefacts in place (both data
                                                files by default), then list what needs a person

As a hook (mkdocs.yml `hooks:`) it regenerates the pages before every build, so
`mkdocs build` and `mkdocs serve` always render the current data, and it makes
`mkdocs serve` watch data/.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.plugins import CombinedEvent, event_priority

from measures_site.annotations import changed_lines, in_review_order, workflow_command
from measures_site.annotations import summary as problems_summary
from measures_site.content_policy import add_content_security_policy
from measures_site.files import write_atomically
from measures_site.fix import fix_file, remaining_problems
from measures_site.html_whitespace import compact_css, compact_js, drop_indentation
from measures_site.locales import LOCALES, hreflang_alternates, locale_of_path, script_dir
from measures_site.open_data import DATA_FOLDER, data_file_name, write_open_data
from measures_site.pipeline import SiteContent, check_site_content, load_site_content
from measures_site.preview import keep_serving_on_failure, only_local_hosts
from measures_site.problems import DataError
from measures_site.publish import ForeignFiles, publish_pages
from measures_site.render import LABELS, PATHS, SIMPLIFIED_SECTION, chinese_date, navigation
from measures_site.review import review_change
from measures_site.schema import write_schemas
from measures_site.search_build import SearchBuild
from measures_site.search_index import point_search_at_script_root
from measures_site.valid_html import valid_html

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DATA_FILE = DATA_DIR / "measures.yaml"
OVERRIDES_FILE = DATA_DIR / "conversion.yaml"
DOCS_DIR = ROOT / "docs"


def _shown(path: Path) -> str:
    """How error messages name a file: relative to the project when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _locale_dirs() -> list[str]:
    return [locale.code for locale in LOCALES]


def generate(
    data_file: Path = DATA_FILE, overrides_file: Path = OVERRIDES_FILE, docs_dir: Path = DOCS_DIR
) -> SiteContent:
    """Validate the data and write every page; on bad data raise DataError, writing nothing."""
    content = load_site_content(data_file, overrides_file, _shown)
    publish_pages(content.pages, docs_dir, _locale_dirs())
    return content


# ── MkDocs hook ──────────────────────────────────────────────────────────────
#
# mkdocs-static-i18n runs the whole build (and so on_pre_build) once per locale, and
# MkDocs keeps this module loaded across `mkdocs serve` rebuilds. The content is
# therefore cached by the bytes of the data files it was published from: the second
# locale's build reuses it, and any edit makes a new one. It is cached only once its
# pages are written, and the pages are written (if changed) on every build, so the
# pages on disk always are those of the cached content, whatever failed in between.

_content_cache: dict[bytes, SiteContent] = {}
_command: str | None = None  # "build", "serve", … from on_startup


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def _data_key(*paths: Path) -> bytes:
    return b"\0".join(path.read_bytes() if path.is_file() else b"" for path in paths)


def _last_content() -> SiteContent | None:
    """The content of the latest good data, if any."""
    return next(iter(_content_cache.values()), None)


def _site_content(root: Path, docs_dir: Path) -> SiteContent:
    data_file, overrides_file = root / "data" / "measures.yaml", root / "data" / "conversion.yaml"
    key = _data_key(data_file, overrides_file, root / "data" / "search.yaml")
    content = _content_cache.get(key) or load_site_content(data_file, overrides_file, _shown)
    publish_pages(content.pages, docs_dir, _locale_dirs())
    _content_cache.clear()
    _content_cache[key] = content
    return content


def _failure(error: Exception) -> str:
    if isinstance(error, DataError):
        return error.report()
    if isinstance(error, ForeignFiles):
        return str(error)
    return f"The pages could not be generated: {type(error).__name__}: {error}"


def on_pre_build(config) -> None:
    from mkdocs.exceptions import PluginError

    docs_dir = Path(config.docs_dir)
    try:
        content = _site_content(Path(config.config_file_path).parent, docs_dir)
    except Exception as error:
        last_good = _last_content()
        if _command != "serve" or last_good is None:
            raise PluginError(_failure(error)) from None
        # While editors work, a bad save must not stop the preview: say what is wrong, and
        # keep serving the last good pages, rewritten if the failure touched any (printed,
        # not logged: strict mode would turn a logged error into a failed rebuild).
        print(f"{_failure(error)}\nStill serving the last good version.", file=sys.stderr)
        with contextlib.suppress(ForeignFiles):
            publish_pages(last_good.pages, docs_dir, _locale_dirs())
        content = last_good
    localized = content.localized[config.theme["language"]]
    config.nav = navigation(content.source, localized.interface(LABELS["domains"]))
    _date_the_build(content.source)
    config.extra["page_footer"] = _footer(content, config.theme["language"])
    config.extra["page_head"] = _head(content, config.theme["language"])


_SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"
_epoch_set_by_hook: str | None = None


def _date_the_build(document) -> None:
    """Date the build by the data's last change (sitemap lastmod, gzip mtime), not the clock.

    A SOURCE_DATE_EPOCH given by the caller is honoured; one this hook set on an
    earlier `mkdocs serve` rebuild follows the data.
    """
    global _epoch_set_by_hook
    current = os.environ.get(_SOURCE_DATE_EPOCH)
    if current is not None and current != _epoch_set_by_hook:
        return
    day = document.last_updated
    epoch = str(int(datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc).timestamp()))
    os.environ[_SOURCE_DATE_EPOCH] = _epoch_set_by_hook = epoch


def _page_address(prefix: str, path: str) -> str:
    """A page's address relative to the site root: "zh-Hans/about/"."""
    page = path.removesuffix(".md")
    return prefix + ("" if page == "index" else page + "/")


def _footer(content: SiteContent, locale_code: str) -> dict:
    """What overrides/partials/copyright.html shows, in the page's script."""
    localized = content.localized[locale_code]
    prefix = localized.locale.path_prefix
    label = localized.interface
    source = localized.document.site.official_source
    return {
        "last_updated_label": label(LABELS["last_updated"]),
        "last_updated": chinese_date(content.source.last_updated),
        "last_updated_iso": content.source.last_updated.isoformat(),
        "open_data_label": label(LABELS["open_data"]),
        # Relative to the site root; the template prefixes the page's base_url.
        "open_data_page": _page_address(prefix, PATHS.open_data),
        "json": f"{prefix}{DATA_FOLDER}/{data_file_name(locale_code, 'json')}",
        "csv": f"{prefix}{DATA_FOLDER}/{data_file_name(locale_code, 'csv')}",
        # What a Hong Kong government information site links from every page.
        "about_site": [
            {"label": label(LABELS[key]), "page": _page_address(prefix, path)}
            for key, path in PATHS.about_site.items()
        ],
        "official_source": {"label": label(LABELS["official_source"]), "name": source.name, "url": source.url},
    }


def _head(content: SiteContent, locale_code: str) -> dict:
    """What overrides/main.html and overrides/404.html print besides the page, in its script."""
    localized = content.localized[locale_code]
    locale = localized.locale
    return {
        "open_graph_locale": locale.open_graph_locale,
        "open_graph_alternate_locales": [other.open_graph_locale for other in LOCALES if other != locale],
        "page_url_label": localized.interface(LABELS["page_url"]),
        "not_found": {
            "title": localized.interface(LABELS["not_found"]),
            "message": localized.interface(LABELS["not_found_message"]),
            "home_label": localized.interface(LABELS["back_home"]),
            "home_path": locale.path_prefix,  # relative to the site root
        },
        # A missing page has no counterpart: its script switch leads to each script's home.
        "script_homes": {other.code: other.path_prefix for other in LOCALES},
        # Every generated script's pages say what they are, and where the conversion is explained.
        "script_note": None
        if locale.is_source
        else {
            "text": localized.interface(LABELS["script_note"]).format(converter=content.converter),
            "link_label": localized.interface(LABELS["script_note_link"]),
            "page": _page_address(locale.path_prefix, PATHS.about) + "#" + SIMPLIFIED_SECTION,
        },
        # The site root's 404.html is served for every missing address: it sends an
        # address under another script's folder to that script's own 404 page.
        "not_found_elsewhere": [
            {"prefix": other.path_prefix, "page": f"{other.path_prefix}404.html"}
            for other in LOCALES
            if not other.is_source
        ]
        if locale.is_source
        else [],
    }


_source_not_found_page: bytes | None = None


def _write_open_data_and_not_found_pages(config) -> None:
    global _source_not_found_page
    content = _last_content()
    if content is None:
        return
    localized = content.localized[config.theme["language"]]
    locale = localized.locale
    site_url = config.site_url or "/"
    locale_url = site_url if locale.is_source or site_url.endswith(f"/{locale.code}/") else f"{site_url}{locale.code}/"
    locale_dir = script_dir(Path(config.site_dir), locale.code)
    root_dir = locale_dir if locale.is_source else locale_dir.parent
    write_open_data(localized.document, locale.code, locale_url, locale_dir)
    # The i18n plugin builds the locales one after another into the same site root, and
    # each build writes its 404.html there: the source's first, then the others over it.
    # Keep each script's 404 page in its own folder, and the source's at the root.
    not_found = root_dir / "404.html"
    if locale.is_source:
        _source_not_found_page = not_found.read_bytes() if not_found.is_file() else None
        _write_robots_txt(root_dir, site_url)
    elif not_found.is_file() and _source_not_found_page is not None:
        not_found.replace(locale_dir / "404.html")
        not_found.write_bytes(_source_not_found_page)


# Our own stylesheet and scripts, as the site root holds them: published without the
# comments and indentation written for their maintainers (html_whitespace.py).
OWN_ASSETS = {
    "assets/stylesheets/extra.css": compact_css,
    "assets/javascripts/script-switch.js": compact_js,
    "assets/javascripts/not-found.js": compact_js,
}


def _site_root(config) -> Path:
    """The built site's root folder, from the build of any locale."""
    (locale,) = (locale for locale in LOCALES if locale.code == config.theme["language"])
    locale_dir = script_dir(Path(config.site_dir), locale.code)
    return locale_dir if locale.is_source else locale_dir.parent


def _compact_own_assets(config) -> None:
    for path, compact in OWN_ASSETS.items():
        asset = _site_root(config) / path
        if asset.is_file():
            text = asset.read_text(encoding="utf-8")
            compacted = compact(text)
            if compacted != text:
                write_atomically(asset, compacted)


def _write_robots_txt(root_dir: Path, site_url: str) -> None:
    """Every page may be crawled; the sitemap lists both scripts with their alternates."""
    text = f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n"
    robots = root_dir / "robots.txt"
    if not robots.is_file() or robots.read_text(encoding="utf-8") != text:
        write_atomically(robots, text)


# ── search: one index per script (measures_site/search_build.py) ───────────────


def _keep_search_sections(config) -> None:
    _search_build.keep_sections(config)


def _write_search_indexes(config) -> None:
    content = _last_content()
    if content is not None:
        _search_build.write_indexes(config, content)


def _search_this_script(output: str, page, config) -> str:
    (locale,) = (locale for locale in LOCALES if locale.code == config.theme["language"])
    return point_search_at_script_root(output, page.url, locale.path_prefix.rstrip("/"))


_search_build = SearchBuild()


def _drop_indentation(output: str, page, config) -> str:
    return drop_indentation(output)


def _finish_page(html: str) -> str:
    """Valid HTML, locked down by its Content-Security-Policy: the last change to a page.

    Not for `mkdocs serve`, whose live-reload script is inline and new on every response.
    """
    html = valid_html(html)
    return html if _command == "serve" else add_content_security_policy(html)


def _finish(output: str, page, config) -> str:
    return _finish_page(output)


on_post_page = CombinedEvent(
    _search_this_script, event_priority(-100)(_drop_indentation), event_priority(-1000)(_finish)
)
on_post_build = CombinedEvent(
    _write_open_data_and_not_found_pages,
    _compact_own_assets,
    event_priority(-50)(_keep_search_sections),
    event_priority(-200)(_write_search_indexes),
)


def _relative_language_links(config) -> None:
    """Make the language switcher's links page-relative, like every other link.

    The i18n plugin gives the home pages root-absolute links ("/zh-Hans/"), which
    only work when site_url is exactly right; relative links work under any path.
    Material's `url` filter turns a site-root-relative link into a page-relative one.
    """
    root = urlsplit(config.site_url or "/").path
    # The plugin sets the attribute (what templates read), not the mapping item.
    for alternate in getattr(config.extra, "alternate", None) or ():
        link = alternate.get("link", "")
        if link.startswith(root):
            alternate["link"] = link[len(root):] or "./"


def _page_context(context, page, config, nav):
    _relative_language_links(config)
    # Absolute, as search engines require; overrides/main.html prints them in <head>.
    context["hreflang_alternates"] = hreflang_alternates(config.site_url or "/", page.url)
    # Each script's home page, which MkDocs knows only for the first (page.is_homepage).
    context["is_script_home"] = locale_of_path(page.url.removeprefix("./"))[1] == ""
    return context


def _after_i18n(function):
    # The i18n plugin rewrites the links in its own on_page_context (priority 0): run after it.
    return event_priority(-50)(function)


on_page_context = _after_i18n(_page_context)


def on_post_template(output: str, template_name: str, config) -> str:
    # 404.html is a template of its own, not a page.
    return _finish_page(drop_indentation(output)) if template_name.endswith(".html") else output


def on_serve(server, config, builder):
    server.watch(str(Path(config.config_file_path).parent / "data"))
    server.builder = keep_serving_on_failure(server.builder)
    server.set_app(only_local_hosts(server.get_app()))
    return server


# ── command line ─────────────────────────────────────────────────────────────


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="validate only, write nothing")
    parser.add_argument("--data", type=Path, default=DATA_FILE, help="data file (default: data/measures.yaml)")
    parser.add_argument(
        "--overrides", type=Path, default=OVERRIDES_FILE, help="conversion overrides (default: data/conversion.yaml)"
    )
    parser.add_argument("--docs-dir", type=Path, default=DOCS_DIR, help="where pages are written")
    parser.add_argument("--write-schema", action="store_true", help="rewrite the data files' JSON schemas from the model")
    parser.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="github: also print problems as GitHub workflow annotations and write the job summary",
    )
    parser.add_argument(
        "--changed-since", metavar="REF", help="with --format github: problems on lines changed since REF come first"
    )
    parser.add_argument(
        "--review", type=Path, metavar="BASE_DIR", help="print what will be published, compared with BASE_DIR's data"
    )
    parser.add_argument(
        "--fix",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="repair radicals, compatibility ideographs and invisible characters in place (default: both data files),"
        " then list what still needs a person",
    )
    arguments = parser.parse_args(argv)
    if arguments.fix is not None:
        return _fix(arguments.fix, arguments.data, arguments.overrides)
    if arguments.write_schema:
        write_schemas(DATA_DIR)
        return 0
    try:
        if arguments.review:
            print(review_change(arguments.review, arguments.data, arguments.overrides, _shown), end="")
            return 0
        if arguments.check:
            warnings = check_site_content(arguments.data, arguments.overrides, _shown)
        else:
            warnings = generate(arguments.data, arguments.overrides, arguments.docs_dir).warnings
    except ForeignFiles as error:
        print(error, file=sys.stderr)
        return 1
    except DataError as error:
        print(error.report(), file=sys.stderr)
        if arguments.format == "github":
            data_files = [arguments.data, arguments.overrides, arguments.data.parent / "search.yaml"]
            _annotate_on_github(error.problems, data_files, arguments.changed_since)
        return 1
    for warning in warnings:
        print(warning, file=sys.stderr)
        if arguments.format == "github":
            print(workflow_command(warning))
    print(f"{_shown(arguments.data)}, {_shown(arguments.overrides)}: OK", file=sys.stderr)
    return 0


def _fix(files: list[Path], data: Path, overrides: Path) -> int:
    """Repair each file, print every repair, then what is left: the whole check for the data files."""
    problems = []
    search_terms = data.parent / "search.yaml"
    defaults = [data, overrides, *([search_terms] if search_terms.is_file() else [])]
    for path in files or defaults:
        try:
            for repair in fix_file(path, _shown(path)):
                print(repair)
            if files:
                problems += remaining_problems(path, _shown(path))
        except DataError as error:
            problems += error.problems
    if not files and not problems:
        try:
            for warning in check_site_content(data, overrides, _shown):
                print(warning, file=sys.stderr)
        except DataError as error:
            problems += error.problems
    if problems:
        print(DataError(problems).report().replace("nothing was published", "for a person to correct"), file=sys.stderr)
        return 1
    print(f"{', '.join(_shown(path) for path in files or defaults)}: OK", file=sys.stderr)
    return 0


def _annotate_on_github(problems: list, data_files: list[Path], changed_since: str | None) -> None:
    changed = {
        (_shown(path), line) for path in data_files if changed_since for line in changed_lines(path, changed_since)
    }
    for problem in in_review_order(problems, changed):
        print(workflow_command(problem))
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        with open(summary_file, "a", encoding="utf-8") as summary_output:
            summary_output.write(problems_summary(problems))


if __name__ == "__main__":
    sys.exit(main())
