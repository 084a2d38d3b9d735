"""What keeps Material's pages from being valid HTML, taken out of the built page.

Material marks its two page toggles (the navigation drawer and the search
dialog, both checkboxes) autocomplete="off", so that Firefox does not reopen them
from a saved form state; HTML allows `autocomplete` only on inputs that take text,
and the Nu HTML checker reports it on every page. Without it, a reader going back
in Firefox may find the drawer as they left it.
"""

from __future__ import annotations

import re

_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*\stype="checkbox"[^>]*?)\s+autocomplete="off"')


def drop_checkbox_autocomplete(html: str) -> str:
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
