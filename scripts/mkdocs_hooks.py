"""MkDocs hook (mkdocs.yml `hooks:`): each event is handed to the site's build.

Before every `mkdocs build` and `mkdocs serve` rebuild it regenerates the pages from
data/, so no stale page is served; the work is in measures_site/site/mkdocs_build.py.
"""

from measures_site.site.mkdocs_build import MeasuresBuild

build = MeasuresBuild()

on_startup = build.on_startup
on_config = build.on_config
on_pre_build = build.on_pre_build
on_files = build.on_files
on_env = build.on_env
on_page_markdown = build.on_page_markdown
on_template_context = build.on_template_context
on_page_context = build.on_page_context
on_post_page = build.on_post_page
on_post_template = build.on_post_template
on_post_build = build.on_post_build
on_serve = build.on_serve
on_shutdown = build.on_shutdown
