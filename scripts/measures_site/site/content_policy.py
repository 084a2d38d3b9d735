"""The Content-Security-Policy of every page, as a <meta> tag: the site's own files only.

Scripts run only from the site's own files or when they are one of the site's own
inline scripts, listed by their SHA-256 hash; styles come from files only (no
`style` attribute, no <style>); nothing is fetched from another host, no form is
sent anywhere.

The hashes allowed are those of the scripts the site's templates write
(SCRIPT_TEMPLATES), rendered as the page was, never those of whatever the finished
page contains: text that an editor's field smuggled into a page as a script must not
be blessed by the policy. A page holding any other inline script fails the build, so
a new template script is listed here rather than silently blocked by the browser.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Callable

# The templates that write the site's inline scripts: Material's (the storage helpers its
# bundle reads, which name the page's base_url) and the site's own (overrides/partials/).
SCRIPT_TEMPLATES = (
    "partials/javascripts/base.html",
    "partials/javascripts/hreflang-hold.html",
    "partials/javascripts/lazy-search.html",
    "partials/javascripts/text-size.html",
)

# Inline scripts that run: no src attribute, and no type but JavaScript's. A data block
# (Material's type="application/json" configuration) never runs and needs no hash.
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\ssrc=)(?![^>]*\stype=(?!\"(?:text/javascript|module)\"))[^>]*>(.*?)</script>", re.S | re.I
)
CHARSET = '<meta charset="utf-8">'

_POLICY = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    # Material's stylesheet draws its icons as data: SVG images.
    "img-src": ["'self'", "data:"],
    # The search index, the sitemap Material reads for the script switch. (The search
    # worker falls under script-src; no font or manifest is loaded: default-src forbids them.)
    "connect-src": ["'self'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
}


class UnlistedScript(Exception):
    """A page holds an inline script that none of SCRIPT_TEMPLATES writes."""


def script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_scripts(html: str) -> list[str]:
    return [match.group(1) for match in INLINE_SCRIPT.finditer(html)]


class SiteScripts:
    """The hashes of the site's own inline scripts, as the theme renders them for a page.

    `render(template, base_url)` renders one of SCRIPT_TEMPLATES as the theme does for a
    page at that base_url, and `finish` applies what the build does to every page after
    rendering (the whitespace pass), so the scripts hashed are byte for byte the page's.
    """

    def __init__(self, render: Callable[[str, str], str], finish: Callable[[str], str]) -> None:
        self._render = render
        self._finish = finish

    @functools.cache
    def hashes(self, base_url: str) -> frozenset[str]:
        rendered = self._finish("\n".join(self._render(template, base_url) for template in SCRIPT_TEMPLATES))
        return frozenset(script_hash(script) for script in inline_scripts(rendered))


def policy(script_hashes: frozenset[str]) -> str:
    directives = {**_POLICY, "script-src": [*_POLICY["script-src"], *sorted(script_hashes)]}
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def add_content_security_policy(html: str, allowed: frozenset[str]) -> str:
    """The page with its policy right after <meta charset>, before anything it governs.

    `allowed`: the hashes of the scripts the site's templates wrote for this page. Only
    those the page holds are listed, so a page without search lists no search script.
    """
    if CHARSET not in html:
        raise ValueError(f"no {CHARSET} to put the Content-Security-Policy after")
    found = {script_hash(script): script for script in inline_scripts(html)}
    unlisted = [script for digest, script in found.items() if digest not in allowed]
    if unlisted:
        start = " ".join(unlisted[0].split())[:80]
        raise UnlistedScript(
            f"an inline script that none of the site's script templates writes: «{start}». "
            "If a template of the site's wrote it, list the template in content_policy.SCRIPT_TEMPLATES "
            "(or move the script to a file)."
        )
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(frozenset(found))}">'
    return html.replace(CHARSET, CHARSET + meta, 1)
