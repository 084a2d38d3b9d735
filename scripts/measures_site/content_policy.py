"""The Content-Security-Policy of every page, as a <meta> tag: the site's own files only.

Scripts run only from the site's own files or when they are one of the page's own
inline scripts, listed by their SHA-256 hash; styles come from files only (no
`style` attribute, no <style>); nothing is fetched from another host, no form is
sent anywhere. The hashes are taken from the finished page, after every other
change to it, so any inline script a template or hook adds is covered without a
list to keep.
"""

from __future__ import annotations

import base64
import hashlib
import re

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


def _hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(html: str) -> str:
    hashes = sorted({_hash(match.group(1)) for match in INLINE_SCRIPT.finditer(html)})
    directives = {**_POLICY, "script-src": [*_POLICY["script-src"], *hashes]}
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def add_content_security_policy(html: str) -> str:
    """The page with its policy right after <meta charset>, before anything it governs."""
    if CHARSET not in html:
        raise ValueError(f"no {CHARSET} to put the Content-Security-Policy after")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html.replace(CHARSET, CHARSET + meta, 1)
