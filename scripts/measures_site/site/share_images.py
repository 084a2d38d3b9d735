"""The picture a link preview shows (Open Graph image), one per page, and the apple-touch icon.

Drawn with Pillow from the page's own title and description, in the page's script and in a
system CJK font of that script (Traditional: the Hong Kong face; Simplified: the mainland's).
Each image is a 16-colour palette PNG with no date or text chunk: small (chat apps refuse big
previews) and the same bytes on every build.

Fonts are found by family name (fontconfig, else the standard font folders), never by a path
written here. Drawing is the slow part of a build, so images are cached by everything they
are drawn from (text, size, font files, the drawing code, Pillow's version): in memory across
`mkdocs serve` rebuilds and on disk under the project's .cache/, and only missing ones are
drawn, in a separate process while MkDocs renders the pages (mkdocs_build.py).

A character the script's face lacks (an emoji, CJK Extension B such as 𠀀, Tibetan) is drawn
in another installed font that has it, found through fontconfig; one that no font has, and
right-to-left text (Arabic, Hebrew, which would need reordering), is left out of the picture,
and the build prints a warning at the character's line in the data (drawable()).

The drawing itself is in share_drawing.py.

    python -m measures_site.site.share_images --fonts     (says which fonts; exit 1 when none)
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from bisect import bisect_right
from dataclasses import asdict, dataclass, replace
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from measures_site.locales import LOCALES

if TYPE_CHECKING:  # the drawing workers import this module, and need no renderer
    from measures_site.content.render import PageRecord

WIDTH, HEIGHT = 1200, 630  # what WhatsApp, WeChat and Facebook crop least
ICON_SIZE = 180  # the apple-touch icon: iPhone's home-screen size
MIME_TYPE = "image/png"

# The faces of each script, by family name, best first; the site's stylesheet names the same.
FONT_FAMILIES = {
    "zh-Hant": ("Noto Sans CJK HK", "Noto Sans CJK TC", "Source Han Sans HK", "Source Han Sans TC"),
    "zh-Hans": ("Noto Sans CJK SC", "Source Han Sans SC"),
}
FONT_PACKAGE_HINT = "install Noto Sans CJK (Debian/Ubuntu: sudo apt-get install fonts-noto-cjk)"



@dataclass(frozen=True)
class Face:
    path: str
    index: int  # the face's number in a collection (.ttc)


@dataclass(frozen=True)
class ScriptFonts:
    regular: Face
    bold: Face
    # The characters of one card that neither face has, each with an installed face that has it.
    fallbacks: tuple[tuple[str, Face], ...] = ()


@dataclass(frozen=True)
class ShareCard:
    """What one image shows: the site's name (unless it is the title), a title, a description."""

    locale_code: str
    site_name: str
    title: str
    description: str


class FontsMissing(Exception):
    pass


# ── fonts ──


def _fontconfig_faces() -> list[tuple[str, str, str, int]] | None:
    """(family, style, file, index) of every installed face, or None without fontconfig."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    listing = subprocess.run(
        [fc_list, "--format", "%{family}\t%{style}\t%{file}\t%{index}\n"], capture_output=True, text=True
    ).stdout
    faces = []
    for line in listing.splitlines():
        families, styles, file, index = line.split("\t")
        for family in families.split(","):
            faces.append((family, styles.split(",")[0], file, int(index)))
    return faces


def _font_folders() -> list[Path]:
    """The standard font folders (XDG base directories), for a system without fontconfig."""
    home = Path(os.environ.get("HOME", "~")).expanduser()
    data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    data_dirs = [Path(d) for d in (os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share").split(":") if d]
    return [folder / "fonts" for folder in (data_home, *data_dirs)] + [home / ".fonts"]


def _folder_faces() -> list[tuple[str, str, str, int]]:
    from PIL import ImageFont  # only here: the build loads Pillow only to draw

    faces = []
    for folder in _font_folders():
        files = sorted(folder.rglob("*")) if folder.is_dir() else []
        for file in files:
            # Only CJK families can serve; opening every font on the system would be slow.
            if file.suffix.lower() not in {".ttc", ".otf", ".ttf"} or not re.search("cjk|sourcehan", file.name, re.I):
                continue
            index = 0
            while True:
                try:
                    family, style = ImageFont.truetype(str(file), 12, index=index).getname()
                except OSError:
                    break
                faces.append((family or "", style or "", str(file), index))
                index += 1
    return faces


@functools.cache
def _installed_faces() -> tuple[tuple[str, str, str, int], ...]:
    faces = _fontconfig_faces()
    return tuple(_folder_faces() if faces is None else faces)


def script_fonts(locale_code: str) -> ScriptFonts:
    """The regular and bold faces of the script's first installed family; FontsMissing if none."""
    faces = _installed_faces()
    for family in FONT_FAMILIES[locale_code]:
        styles = {style: Face(file, index) for name, style, file, index in faces if name == family}
        regular = styles.get("Regular")
        if regular is not None:
            return ScriptFonts(regular, styles.get("Bold", regular))
    raise FontsMissing(
        f"No font for the {locale_code} share images ({' or '.join(FONT_FAMILIES[locale_code])}): {FONT_PACKAGE_HINT}"
    )


# ── the characters a face has ──


@functools.cache
def _coverage(face: Face) -> tuple[tuple[int, int], ...] | None:
    """The code point ranges the face has, sorted, as fontconfig reads its character map; None
    without fontconfig, when nothing can be said."""
    fc_query = shutil.which("fc-query")
    if fc_query is None:
        return None
    charset = subprocess.run(
        [fc_query, "--index", str(face.index), "--format", "%{charset}", face.path], capture_output=True, text=True
    ).stdout
    ranges = []
    for part in charset.split():
        start, _, end = part.partition("-")
        ranges.append((int(start, 16), int(end or start, 16)))
    # Nothing read (not a font fontconfig can open): unknown, as without fontconfig.
    return tuple(sorted(ranges)) or None


def has_character(face: Face, character: str) -> bool | None:
    ranges = _coverage(face)
    if ranges is None:
        return None
    at = bisect_right(ranges, (ord(character), sys.maxunicode + 1)) - 1
    return at >= 0 and ranges[at][0] <= ord(character) <= ranges[at][1]


@functools.cache
def fallback_face(character: str) -> Face | None:
    """An installed face that has the character: a Noto family first, a regular style first."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    listing = subprocess.run(
        [fc_list, f":charset={ord(character):x}:scalable=true", "--format", "%{family}\t%{style}\t%{file}\t%{index}\t%{color}\n"],
        capture_output=True,
        text=True,
    ).stdout
    candidates = []
    for line in listing.splitlines():
        families, styles, file, index, color = line.split("\t")
        # A colour font (Noto Color Emoji) draws in colours of its own, which the 16-colour
        # palette cannot hold, and its bitmaps come in one size only.
        if color.startswith("True"):
            continue
        family, style = families.split(",")[0], styles.split(",")[0]
        candidates.append((not family.startswith("Noto"), style not in ("Regular", "Book"), family, file, int(index)))
    best = min(candidates, default=None)
    return None if best is None else Face(best[3], best[4])


# Right to left (Arabic, Hebrew…): drawn as they are stored, they would read backwards, and
# reordering them among the Chinese is more than this drawing does.
RIGHT_TO_LEFT = {"R", "AL"}
# Variation selectors (after an emoji) choose a form; no font draws them as glyphs.
NO_GLYPH = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
NO_FONT = "no installed font has it: install one that does"
NOT_RIGHT_TO_LEFT = "right-to-left text is not drawn in the share images, which would show it backwards"


def drawable(card: ShareCard, fonts: ScriptFonts) -> tuple[ShareCard, ScriptFonts, dict[str, str]]:
    """The card as it can be drawn, its fonts with the fallbacks it needs, and each character
    left out with the reason."""
    fallbacks: dict[str, Face] = {}
    left_out: dict[str, str] = {}

    def shown(text: str, face: Face) -> str:
        kept = []
        for character in NO_GLYPH.sub("", text):
            if unicodedata.bidirectional(character) in RIGHT_TO_LEFT:
                left_out[character] = NOT_RIGHT_TO_LEFT
            elif character.isspace() or has_character(face, character) is not False:
                kept.append(character)
            elif (face_with_it := fallback_face(character)) is not None:
                fallbacks[character] = face_with_it
                kept.append(character)
            else:
                left_out[character] = NO_FONT
        return "".join(kept)

    drawn = replace(
        card,
        site_name=shown(card.site_name, fonts.bold),
        title=shown(card.title, fonts.bold),
        description=shown(card.description, fonts.regular),
    )
    return drawn, replace(fonts, fallbacks=tuple(sorted(fallbacks.items()))), left_out


# ── what each page's image shows ──


def page_card(page: PageRecord, locale_code: str, site_name: str) -> ShareCard:
    """The image of a generated page: its share title (its title, but the home's heading) and
    description, in its script, under the site's name; a description that begins by repeating
    the title ("八、教育：…") is shown without it.
    """
    return ShareCard(locale_code, site_name, page.share_title, page.description.removeprefix(f"{page.share_title}："))


# ── what an image is drawn from ──


# The modules an image is drawn by: part of its cache key, and of the key CI keeps the
# cache under (.github/workflows/pages.yml; a test compares them).
DRAWING_MODULES = ("share_images.py", "share_drawing.py")


@functools.cache
def _code_version() -> str:
    """The drawing code: DRAWING_MODULES and Pillow's version."""
    code = b"".join((Path(__file__).parent / name).read_bytes() for name in DRAWING_MODULES)
    return hashlib.sha256(code + version("pillow").encode()).hexdigest()


def _font_version(fonts: ScriptFonts) -> list:
    files = {fonts.regular.path, fonts.bold.path, *(face.path for _, face in fonts.fallbacks)}
    return [[file, os.stat(file).st_size, os.stat(file).st_mtime_ns] for file in sorted(files)] + [asdict(fonts)]


def cache_key(card: ShareCard | None, fonts: ScriptFonts | None) -> str:
    """Everything an image is drawn from (None, None: the icon)."""
    described = {
        "code": _code_version(),
        "card": asdict(card) if card else None,
        "fonts": _font_version(fonts) if fonts else None,
        "size": [WIDTH, HEIGHT] if card else [ICON_SIZE, ICON_SIZE],
    }
    return hashlib.sha256(json.dumps(described, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args != ["--fonts"]:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    try:
        for locale in LOCALES:
            fonts = script_fonts(locale.code)
            print(f"{locale.code}: {fonts.regular.path}#{fonts.regular.index}, {fonts.bold.path}#{fonts.bold.index}")
    except FontsMissing as missing:
        print(missing, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
