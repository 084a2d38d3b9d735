"""What keeps Material's pages from being valid HTML, taken out of the built page.

Material marks its two page toggles (the navigation drawer and the search
dialog, both checkboxes) autocomplete="off", so that Firefox does not reopen them
from a saved form state; HTML allows `autocomplete` only on inputs that take text,
and the Nu HTML checker reports it on every page. Without it, a reader going back
in Firefox may find the drawer as they left it.

Material's table of contents has a title labelling the `__toc` toggle, which only the
navigation's entry for the page holds; a page outside the navigation (the pages about
the site, linked from the footer) would label a control that is not there, so the
label loses its `for` there.
"""

from __future__ import annotations

import re

_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*\stype="checkbox"[^>]*?)\s+autocomplete="off"')


def drop_checkbox_autocomplete(html: str) -> str:
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)


_TOC_LABEL = re.compile(r'(<label class="md-nav__title") for="__toc"')


def drop_dangling_toc_label(html: str) -> str:
    return html if 'id="__toc"' in html else _TOC_LABEL.sub(r"\1", html)


def valid_html(html: str) -> str:
    """The built page with what Material makes invalid taken out."""
    return drop_dangling_toc_label(drop_checkbox_autocomplete(html))
