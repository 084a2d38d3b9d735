"""The theme's stylesheet without the rules no page of this site can use.

Every reader's first view downloads the whole of Material's stylesheet (22.8 KiB compressed),
most of it for components this site never shows (blog posts, tabs, banners, consent
forms, repository facts). A rule is dropped only when each of its selectors names, outside
any `:not()`, `:is()` or similar, a class that appears neither in a class attribute of a
built page nor as a word in the site's scripts (the theme's own and ours, which add classes
as readers search and open menus). Everything else stays as it was: element and attribute
selectors, custom properties, @font-face, @keyframes.

The stylesheet keeps its name: the theme's pages link it by name, and its content depends
only on the pages built, so two builds of the same content give the same file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import tinycss2
from tinycss2.ast import IdentToken, LiteralToken, Node

from measures_site.files import write_atomically

_CLASS_ATTRIBUTE = re.compile(r'\bclass="([^"]*)"')
_SCRIPT_WORD = re.compile(r"[A-Za-z_][-\w]*")
# At-rules holding rules of their own, purged inside; every other at-rule is kept whole.
_GROUPING_AT_RULES = frozenset({"media", "supports", "layer", "container"})


def classes_in_html(html: str) -> set[str]:
    """The classes a page's markup uses."""
    return {name for value in _CLASS_ATTRIBUTE.findall(html) for name in value.split()}


def words_in_script(script: str) -> set[str]:
    """Every word of a script: any may be a class it adds to the page."""
    return set(_SCRIPT_WORD.findall(script))


def _selectors(prelude: list[Node]) -> list[list[Node]]:
    """A rule's selector list, split at its top-level commas (commas inside `:is()` stay)."""
    selectors: list[list[Node]] = [[]]
    for token in prelude:
        if isinstance(token, LiteralToken) and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def _top_level_classes(selector: list[Node]) -> Iterable[str]:
    for before, token in zip(selector, selector[1:]):
        if isinstance(before, LiteralToken) and before.value == "." and isinstance(token, IdentToken):
            yield token.value


def _used(selector: list[Node], used_classes: set[str]) -> bool:
    return all(name in used_classes for name in _top_level_classes(selector))


def _kept_rules(rules: list[Node], used_classes: set[str]) -> list[str]:
    kept: list[str] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [selector for selector in _selectors(rule.prelude) if _used(selector, used_classes)]
            if selectors:
                prelude = ",".join(tinycss2.serialize(selector).strip() for selector in selectors)
                kept.append(f"{prelude}{{{tinycss2.serialize(rule.content)}}}")
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in _GROUPING_AT_RULES:
            inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            kept_inner = _kept_rules(inner, used_classes)
            if kept_inner:
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(kept_inner)}}}")
        elif rule.type != "error":
            kept.append(rule.serialize())
    return kept


def drop_unused_rules(stylesheet: str, used_classes: set[str]) -> str:
    rules = tinycss2.parse_stylesheet(stylesheet, skip_comments=True, skip_whitespace=True)
    return "".join(_kept_rules(rules, used_classes)) + "\n"


def drop_unused_theme_rules(root: Path, page_classes: set[str]) -> None:
    """Purge the theme's stylesheets under the site root `root`, given the classes of every page."""
    used = set(page_classes)
    for script in sorted((root / "assets" / "javascripts").rglob("*.js")):
        used |= words_in_script(script.read_text(encoding="utf-8"))
    for stylesheet in sorted((root / "assets" / "stylesheets").glob("main.*.min.css")):
        text = stylesheet.read_text(encoding="utf-8")
        purged = drop_unused_rules(text, used)
        if purged != text:
            write_atomically(stylesheet, purged)
        # Its source map described the original.
        stylesheet.with_name(stylesheet.name + ".map").unlink(missing_ok=True)
