"""The rule for a web address an editor writes (a source, a licence, the feedback page).

A link on this site is a statement that the page it leads to is the one named, so an
address must be exactly what it looks like: https, a host name, no user name before
the host (https://www.cmab.gov.hk@evil.example/ leads to evil.example), nothing that
could end an HTML attribute, and an international host name only where its letters
come from scripts that are not mistaken for one another (UTS #39's "highly
restrictive" level: Latin may be mixed with Han and Japanese or Korean, nothing else),
written as it will be shown. The rule is a parser's (urllib and IDNA 2008), not a
pattern's.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import SplitResult, urlsplit

import idna

# Reserved for documentation and tests (RFC 2606, RFC 6761): never a real page.
EXAMPLE_HOSTS = ("example", "example.com", "example.net", "example.org", "test", "invalid", "localhost")
# The words a template's placeholder address is written with (the shipped OWNER/REPO).
PLACEHOLDER_WORDS = frozenset({"OWNER", "REPO", "USER", "ORG", "REPOSITORY"})

# Characters that have no place in a written address: they end it in HTML or Markdown, or
# are shown differently from how they are sent. A space is written %20.
_NOT_IN_ADDRESS = frozenset("\"'<>`{}|\\^")

# Scripts that may share a host name (UTS #39, highly restrictive). A script is named by
# the first word of a letter's Unicode name; Han includes the ideographs' other names.
_HAN = {"CJK", "IDEOGRAPHIC"}
_COMPATIBLE_SCRIPTS = (
    frozenset({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}),
    frozenset({"LATIN", "HAN", "BOPOMOFO"}),
    frozenset({"LATIN", "HAN", "HANGUL"}),
)
EXAMPLE = "https://www.cmab.gov.hk/"


def _script(character: str) -> str | None:
    """The script of a letter, or None for what every script shares (digits, '-')."""
    if not unicodedata.category(character).startswith("L"):
        return None
    word = unicodedata.name(character, "UNKNOWN").split()[0]
    return "HAN" if word in _HAN else word


def scripts_of(host: str) -> frozenset[str]:
    return frozenset(script for character in host if (script := _script(character)))


def _mixed_scripts(host: str) -> bool:
    scripts = scripts_of(host)
    return len(scripts) > 1 and not any(scripts <= allowed for allowed in _COMPATIBLE_SCRIPTS)


# Reports of progress cite a handful of hosts thousands of times; IDNA's check of one is slow.
@functools.lru_cache(maxsize=1024)
def _host_problem(host: str) -> str | None:
    """What is wrong with the host name of an address, if anything."""
    if "." not in host.strip(".") or host.endswith("."):
        return f"has the host «{host}», which is not a full host name (like www.cmab.gov.hk)"
    try:
        # IDNA 2008 without the browser's mapping: a host must be written as it is meant.
        ascii_host = idna.encode(host, uts46=False).decode("ascii")
        shown = idna.decode(ascii_host)
    except idna.IDNAError as error:
        return f"has the host «{host}», which is not a valid host name ({error})"
    if shown != host.lower():
        return f"has the host «{host}», which leads to «{shown}»: write the host as it is shown, «{shown}»"
    if _mixed_scripts(shown):
        names = "、".join(sorted(script.title() for script in scripts_of(shown)))
        return (
            f"has the host «{shown}», whose letters mix scripts ({names}): it may be a look-alike of another"
            " site's name — type the address again, letter by letter, or copy it from the browser"
        )
    return None


def web_address_problem(value: str) -> str | None:
    """Why `value` is not a web address a page of this site may link, or None."""
    if any(character.isspace() or unicodedata.category(character) == "Cc" for character in value):
        return f'has a space or line break: write the address on one line, a space as %20, e.g. "{EXAMPLE}"'
    odd = sorted({character for character in value if character in _NOT_IN_ADDRESS})
    if odd:
        shown = " ".join(f"«{character}»" for character in odd)
        return f"has {shown}, which cannot be part of a web address — copy the address from the browser's address bar"
    try:
        parts: SplitResult = urlsplit(value)
        parts.port  # noqa: B018 (raises on a port that is not a number)
    except ValueError:
        return f'is not a web address, e.g. "{EXAMPLE}"'
    if parts.scheme.lower() == "http":
        return f"starts with http://: the site links only secure addresses — write https://{value[len('http://'):]}"
    if parts.scheme != "https" or not value.startswith("https://"):
        return f'must be a full web address starting with https://, e.g. "{EXAMPLE}"'
    if "@" in parts.netloc:
        host = parts.netloc.rpartition("@")[2]
        return (
            f"has «{parts.netloc.rpartition('@')[0]}@» before the host: the address leads to «{host}»,"
            " not to what it seems — remove everything between https:// and the host's name"
        )
    if not parts.hostname:
        return f'has no host name after https://, e.g. "{EXAMPLE}"'
    return _host_problem(parts.hostname)


_MAILBOX = re.compile(r"[A-Za-z0-9.!#$%&*+/=?^_~-]+")


def email_address_problem(value: str) -> str | None:
    """Why `value` is not an e-mail address a page may offer readers (mailto:), or None."""
    mailbox, at, host = value.rpartition("@")
    if not at or not _MAILBOX.fullmatch(mailbox) or mailbox.startswith(".") or ".." in mailbox:
        return 'must be an e-mail address on one line, e.g. "name@example.org", with nothing else around it'
    return _host_problem(host.lower())


def placeholder_problem(value: str) -> str | None:
    """Why `value` is a template's or documentation's address rather than a real page, or None."""
    parts = urlsplit(value if "://" in value else "mailto://" + value.rpartition("@")[2])
    host = (parts.hostname or "").lower()
    if any(host == reserved or host.endswith("." + reserved) for reserved in EXAMPLE_HOSTS):
        return f"is an example address («{host}» is reserved for examples), not a real page"
    words = [word for word in parts.path.split("/") if word in PLACEHOLDER_WORDS]
    if words:
        return f"still holds the placeholder «{'/'.join(words)}»: replace it with the real address"
    return None
