"""Drop the templates' indentation from built pages: fewer bytes for every reader.

Material's templates indent their HTML deeply and leave blank lines behind every
Jinja tag: about a quarter of each page, half a KiB once compressed. A run of
whitespace that holds a line break is rendered as one space however long it is, so
it is cut to the line break alone; every other character stays as it was (a run
without a line break, such as the single spaces of the signed text, is untouched).
<pre> and <textarea> keep their whitespace, which is shown as written.

An HTML minifier library was tried first (htmlmin2, via mkdocs-minify-plugin) and
dropped: it removes spaces next to character references ("</script> <img", typed
by an editor, became "</script><img") and unescapes attribute values once too
often, and the signed text must not change by one character.
"""

from __future__ import annotations

import re

_KEPT_AS_WRITTEN = re.compile(r"(<(pre|textarea)\b.*?</\2\s*>)", re.DOTALL | re.IGNORECASE)
_INDENTED_LINE_BREAK = re.compile(r"[ \t\r\n\f]*\n[ \t\r\n\f]*")


def drop_indentation(html: str) -> str:
    parts = _KEPT_AS_WRITTEN.split(html)
    # split() returns text, kept block, tag name, text, kept block, tag name, …
    return "".join(
        part if index % 3 else _INDENTED_LINE_BREAK.sub("\n", part) for index, part in enumerate(parts) if index % 3 != 2
    )
