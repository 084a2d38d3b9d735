"""Drop the whitespace readers do not need: the templates' indentation from built pages,
comments and indentation from our own stylesheet and scripts. Fewer bytes for every reader.

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


# Our own stylesheet and scripts are written for their readers, with a comment for
# every why; a phone needs none of it, and the first view has little room under its
# 64 KiB budget. Comments and indentation are dropped as the files are published.
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_SPACE_AROUND_PUNCTUATION = re.compile(r"\s*([{};,>])\s*")


def compact_css(css: str) -> str:
    """The stylesheet without comments and the whitespace around its punctuation.

    Runs of whitespace elsewhere become one space: a descendant combinator stays one
    (and a space before a colon, as in "a :hover", is kept; only the one after goes).
    """
    css = re.sub(r"\s+", " ", _CSS_COMMENT.sub("", css)).replace(": ", ":")
    return _CSS_SPACE_AROUND_PUNCTUATION.sub(r"\1", css).replace(";}", "}").strip() + "\n"


def compact_js(script: str) -> str:
    """The script without its whole-line comments, indentation and blank lines.

    Only lines that are comments from their start go: our scripts keep no string
    or regular expression that spans lines.
    """
    lines = (line.strip() for line in script.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"
