"""The site's part in a MkDocs build: one object that each event of the hook
(scripts/mkdocs_hooks.py) is handed to, and that holds what lasts between events.

mkdocs-static-i18n runs the whole build (and so every event) once per locale, and
MkDocs keeps the hook loaded across `mkdocs serve` rebuilds. The content is therefore
cached by the bytes of the data files it was published from: the second locale's build
reuses it, and any edit makes a new one. It is cached only once its pages are written,
and the pages are written (if changed) on every build, so the pages on disk always are
those of the cached content, whatever failed in between.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import InclusionLevel

from measures_site.content.pipeline import SiteContent, load_site_content
from measures_site.data.problems import DataError
from measures_site.locales import LOCALE_BY_CODE, LOCALES, Locale
from measures_site.project import MEASURES_PATH, OVERRIDES_PATH, display_path, search_terms_file
from measures_site.publication import Publication
from measures_site.site import theme_context
from measures_site.site.compact import drop_indentation
from measures_site.site.content_policy import SiteScripts, UnlistedScript, add_content_security_policy
from measures_site.site.docs_folder import ForeignFiles, publish_pages
from measures_site.site.preview import keep_serving_on_failure, only_file_addresses, only_local_hosts
from measures_site.site.search_build import SearchBuild, keep_sections_as_written
from measures_site.site.search_index import point_search_at_locale_root
from measures_site.site.share_build import ShareImageBuild, WorkerFailed
from measures_site.site.share_images import FontsMissing
from measures_site.site.site_files import SiteFiles, compact_own_assets, site_root
from measures_site.site.source_date_epoch import SourceDateEpoch
from measures_site.site.unused_css import classes_in_html, drop_unused_theme_rules
from measures_site.site.valid_html import valid_html

I18N_LOGGER = "mkdocs.plugins.mkdocs_static_i18n"

LOCALE_CODES = [locale.code for locale in LOCALES]


def _locale(config) -> Locale:
    """The locale this build (one of the i18n plugin's) is of."""
    return LOCALE_BY_CODE[config.theme["language"]]


def _failure(error: Exception) -> str:
    if isinstance(error, DataError):
        return error.report()
    if isinstance(error, ForeignFiles):
        return str(error)
    return f"The pages could not be generated: {type(error).__name__}: {error}"


class MeasuresBuild:
    def __init__(self) -> None:
        self.command: str | None = None  # "build", "serve", … from on_startup
        self._content_cache: dict[bytes, SiteContent] = {}
        self._source_date_epoch = SourceDateEpoch()
        self._site_files = SiteFiles()
        self._search = SearchBuild()
        self._share_images = ShareImageBuild()
        # The classes of every page of the build under way, all locales: what the theme's
        # stylesheet keeps (unused_css.py).
        self._page_classes: set[str] = set()
        self._theme_rules_dropped = False
        self._site_scripts: SiteScripts | None = None  # the theme's, for this locale's build (on_env)
        self._base_url = ""  # of the page or template being rendered

    # ── the content: validated, converted, rendered and published as pages ──

    def publish_content(self, root: Path, docs_dir: Path, publication: Publication = Publication()) -> SiteContent:
        data_file, overrides_file = root / MEASURES_PATH, root / OVERRIDES_PATH
        data_files = (data_file, overrides_file, search_terms_file(data_file))
        key = b"\0".join(path.read_bytes() if path.is_file() else b"" for path in data_files)
        content = self._content_cache.get(key)
        if content is None:
            content = load_site_content(data_file, overrides_file, display_path, publication)
            # Printed, not logged: strict mode would turn a logged warning into a failed build.
            for warning in content.warnings:
                print(warning, file=sys.stderr)
        publish_pages(content.markdown(), docs_dir, LOCALE_CODES)
        self._content_cache.clear()
        self._content_cache[key] = content
        return content

    def last_content(self) -> SiteContent | None:
        """The content of the latest good data, if any."""
        return next(iter(self._content_cache.values()), None)

    # ── events ──

    def on_startup(self, command: str, dirty: bool) -> None:
        self.command = command
        # The i18n plugin tells of each locale it builds and each setting it overrides, on every
        # rebuild: the preview's log is for what an editor should read (their data's warnings).
        logging.getLogger(I18N_LOGGER).setLevel(logging.WARNING)

    def on_shutdown(self) -> None:
        self._share_images.stop()

    @event_priority(-100)  # after Material's search has made its index
    def on_config(self, config):
        keep_sections_as_written(config)
        return config

    def on_pre_build(self, config) -> None:
        if _locale(config).is_source:  # the first locale built: the others are built inside it
            self._page_classes.clear()
            self._theme_rules_dropped = False
        docs_dir = Path(config.docs_dir)
        try:
            publication = Publication.from_environment(config.site_url)
            content = self.publish_content(Path(config.config_file_path).parent, docs_dir, publication)
        except Exception as error:
            last_good = self.last_content()
            if self.command != "serve" or last_good is None:
                raise PluginError(_failure(error)) from None
            # While editors work, a bad save must not stop the preview: say what is wrong, and
            # keep serving the last good pages, rewritten if the failure touched any (printed,
            # not logged: strict mode would turn a logged error into a failed rebuild).
            print(f"{_failure(error)}\nStill serving the last good version.", file=sys.stderr)
            with contextlib.suppress(ForeignFiles):
                publish_pages(last_good.markdown(), docs_dir, LOCALE_CODES)
            content = last_good
        locale_code = config.theme["language"]
        config.nav = theme_context.navigation(content, locale_code)
        self._source_date_epoch.follow(content.source.last_updated)
        config.extra["page_footer"] = theme_context.footer(content, locale_code)
        config.extra["page_head"] = theme_context.head(content, locale_code)
        try:
            left_out = self._share_images.plan(content, theme_context.site_names(config), Path(config.config_file_path).parent)
        except FontsMissing as missing:
            raise PluginError(str(missing)) from None
        # Printed, not logged: strict mode would fail the build for an editor's valid text,
        # which the pages show whole; only the picture lacks it.
        for warning in left_out:
            print(warning, file=sys.stderr)

    def on_files(self, files, config):
        """The pages the menu leaves out on purpose (a measure's own page, a side-by-side view) are
        declared so, as MkDocs' `not_in_nav` would: it lists every other page missing from the menu."""
        pages = self.last_content().pages  # this build's, as on_pre_build published them
        for file in files.documentation_pages():
            record = pages.get(file.src_uri)  # "<locale>/<page>.md", as under docs/
            if record is not None and record.menu_section is None:
                file.inclusion = InclusionLevel.NOT_IN_NAV
        return files

    def on_env(self, env, config, files):
        def render(template: str, base_url: str) -> str:
            return env.get_template(template).render(config=config, base_url=base_url)

        self._site_scripts = SiteScripts(render, drop_indentation)
        return env

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        # A generated page's title is HTML already: escaped in its front matter, because the theme
        # prints it as it is in most places. Marked as such, it is not escaped again where the
        # theme escapes it (the footer's previous and next links).
        if isinstance(page.meta.get("title"), str):
            page.meta["title"] = Markup(page.meta["title"])
        return markdown

    def on_template_context(self, context, template_name: str, config):
        self._base_url = context["base_url"]
        return context

    # The i18n plugin rewrites the links in its own on_page_context (priority 50): run after it.
    @event_priority(-50)
    def on_page_context(self, context, page, config, nav):
        self._base_url = context["base_url"]
        # The plugin sets the attribute (what templates read), not the mapping item.
        theme_context.relative_language_links(getattr(config.extra, "alternate", None), config.site_url or "/")
        context["share_image"] = self._share_images.page_image(page.url, config.site_url or "/")
        return theme_context.page_context(context, page.url, config.site_url or "/")

    def _search_this_locale(self, output: str, page, config) -> str:
        return point_search_at_locale_root(output, page.url, _locale(config).path_prefix.rstrip("/"))

    @event_priority(-100)
    def _drop_indentation(self, output: str, page, config) -> str:
        return drop_indentation(output)

    def _finish_page(self, html: str, name: str) -> str:
        """Valid HTML, locked down by its Content-Security-Policy: the last change to a page.

        Not for `mkdocs serve`, whose live-reload script is inline and new on every response.
        """
        html = valid_html(html)
        self._page_classes |= classes_in_html(html)
        if self.command == "serve":
            return html
        try:
            return add_content_security_policy(html, self._site_scripts.hashes(self._base_url))
        except UnlistedScript as unlisted:
            raise PluginError(f"{name}: {unlisted}") from None

    @event_priority(-1000)
    def _finish(self, output: str, page, config) -> str:
        finished = self._finish_page(output, page.file.dest_uri)
        # MkDocs writes the page next and reads neither again, but keeps every page until the
        # build ends, and the i18n plugin builds the next locale inside this one's end: the
        # HTML of the pages already written would be held through it (their Markdown gives the
        # titles the navigation of every later page shows).
        page.content = None
        return finished

    on_post_page = CombinedEvent(_search_this_locale, _drop_indentation, _finish)

    def on_post_template(self, output: str, template_name: str, config) -> str:
        # 404.html is a template of its own, not a page.
        return self._finish_page(drop_indentation(output), template_name) if template_name.endswith(".html") else output

    def write_site_files(self, config) -> None:
        content = self.last_content()
        if content is not None:
            localized = content.localized[config.theme["language"]]
            self._site_files.write(localized, Path(config.site_dir), config.site_url or "/")

    def _write_share_images(self, config) -> None:
        locale = _locale(config)
        try:
            self._share_images.write(site_root(Path(config.site_dir), locale), locale)
        except WorkerFailed as error:
            raise PluginError(f"The share images could not be drawn: {error}") from None
        except Exception as error:
            raise PluginError(f"The share images could not be drawn: {type(error).__name__}: {error}") from None

    def _compact_own_assets(self, config) -> None:
        compact_own_assets(site_root(Path(config.site_dir), _locale(config)))

    @event_priority(-50)
    def _keep_search_sections(self, config) -> None:
        self._search.keep_sections(config)

    @event_priority(-200)
    def _write_search_indexes(self, config) -> None:
        content = self.last_content()
        if content is not None:
            self._search.write_indexes(config, content)

    # The last locale's build ends with every page made (the source's first, then the others
    # inside its on_post_build), so the stylesheet is purged there, once; the source's own end,
    # which follows, has nothing more to drop.
    @event_priority(-300)
    def _drop_unused_theme_rules(self, config) -> None:
        if not self._theme_rules_dropped:
            drop_unused_theme_rules(site_root(Path(config.site_dir), _locale(config)), self._page_classes)
            self._theme_rules_dropped = True

    on_post_build = CombinedEvent(
        write_site_files,
        _write_share_images,
        _compact_own_assets,
        _keep_search_sections,
        _write_search_indexes,
        _drop_unused_theme_rules,
    )

    def on_serve(self, server, config, builder):
        server.watch(str(Path(config.config_file_path).parent / "data"))
        server.builder = keep_serving_on_failure(server.builder)
        server.set_app(only_local_hosts(only_file_addresses(server.get_app())))
        return server
