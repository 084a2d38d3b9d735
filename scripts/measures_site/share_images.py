"""The picture a link preview shows (Open Graph image), one per page, and the apple-touch icon.

Drawn with Pillow from the page's own title and description, in the page's script and in a
system CJK font of that script (Traditional: the Hong Kong face; Simplified: the mainland's).
Each image is a 16-colour palette PNG with no date or text chunk: small (chat apps refuse big
previews) and the same bytes on every build.

Fonts are found by family name (fontconfig, else the standard font folders), never by a path
written here. Drawing is the slow part of a build, so images are cached by everything they
are drawn from (text, size, font files, this module, Pillow's version): in memory across
`mkdocs serve` rebuilds and on disk under the project's .cache/, and only missing ones are
drawn, in a separate process while MkDocs renders the pages (mkdocs_build.py).

    python -m measures_site.share_images --fonts     (says which fonts; exit 1 when none)
"""

from __future__ import annotations

import functools
import hashlib
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml
from PIL import Image, ImageDraw, ImageFont
from PIL import __version__ as PILLOW_VERSION

from .locales import LOCALES

WIDTH, HEIGHT = 1200, 630  # what WhatsApp, WeChat and Facebook crop least
ICON_SIZE = 180  # the apple-touch icon: iPhone's home-screen size
MIME_TYPE = "image/png"

# The faces of each script, by family name, best first; the site's stylesheet names the same.
FONT_FAMILIES = {
    "zh-Hant": ("Noto Sans CJK HK", "Noto Sans CJK TC", "Source Han Sans HK", "Source Han Sans TC"),
    "zh-Hans": ("Noto Sans CJK SC", "Source Han Sans SC"),
}
FONT_PACKAGE_HINT = "install Noto Sans CJK (Debian/Ubuntu: sudo apt-get install fonts-noto-cjk)"

# The favicon's colours (overrides/assets/images/favicon.svg) and the stylesheet's text colours
# (87 % and 65 % black on white, as Material's), with a few steps between each pair for the
# edges of letters: every pixel is one of these 16.
WHITE, PRIMARY, TEXT, SECONDARY = (255, 255, 255), (64, 81, 181), (33, 33, 33), (89, 89, 89)
BLEND_STEPS = 4


def _palette() -> Image.Image:
    colours = [WHITE, PRIMARY, TEXT, SECONDARY]
    for ink, paper in ((TEXT, WHITE), (SECONDARY, WHITE), (WHITE, PRIMARY)):
        for step in range(1, BLEND_STEPS + 1):
            share = step / (BLEND_STEPS + 1)
            colours.append(tuple(round(i * share + p * (1 - share)) for i, p in zip(ink, paper)))
    palette = Image.new("P", (1, 1))
    palette.putpalette([channel for colour in colours for channel in colour])
    return palette


PALETTE = _palette()

# Never at the start of a line (closing punctuation) or at its end (opening punctuation).
NO_LINE_START = set("，。、；：？！」』）》〉】〕’”…‥・·,.;:?!)]}%")
NO_LINE_END = set("「『（《〈【〔‘“([{")
# A run of Latin letters, digits and their punctuation stays on one line ("2023", "COVID-19").
WORD = re.compile(r"[0-9A-Za-z][0-9A-Za-z.,:/%\-]*|.", re.S)
NUMBERING = re.compile(r"[0-9]+\.")  # "16. 推動…": a measure's number ends no line


@dataclass(frozen=True)
class Face:
    path: str
    index: int  # the face's number in a collection (.ttc)


@dataclass(frozen=True)
class ScriptFonts:
    regular: Face
    bold: Face


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


# ── what each page's image shows ──


def _front_matter(markdown: str) -> dict:
    if not markdown.startswith("---\n"):
        return {}
    end = markdown.find("\n---\n", 4)
    return (yaml.safe_load(markdown[4:end]) or {}) if end > 0 else {}


def page_card(markdown: str, locale_code: str, site_name: str, is_home: bool) -> ShareCard | None:
    """The image of a generated page: its front matter's title and description, in its script.

    The home's title is the site's name, as in its <title>; a description that begins by
    repeating the title ("八、教育：…") is shown without it.
    """
    meta = _front_matter(markdown)
    if not meta.get("title"):
        return None
    # The front matter is HTML-escaped for the theme; the image shows the text itself.
    title = site_name if is_home else html.unescape(str(meta["title"]))
    description = html.unescape(str(meta.get("description") or ""))
    description = description.removeprefix(f"{title}：")
    return ShareCard(locale_code, site_name, title, description)


# ── drawing ──


@functools.cache
def _code_version() -> str:
    return hashlib.sha256(Path(__file__).read_bytes() + PILLOW_VERSION.encode()).hexdigest()


def _font_version(fonts: ScriptFonts) -> list:
    files = {fonts.regular.path, fonts.bold.path}
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


@functools.cache
def _font(face: Face, size: int) -> ImageFont.FreeTypeFont:
    # Loaded once per process and size: a CJK collection takes tens of milliseconds to open.
    return ImageFont.truetype(face.path, size, index=face.index)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """Lines of at most `width` pixels, broken between any two CJK characters but never
    before closing or after opening punctuation, nor inside a Latin word or number; the
    last line ends in "……" when the text does not fit."""
    length = functools.cache(font.getlength)  # CJK text repeats characters: measure each once
    lines: list[list[str]] = [[]]
    for token in WORD.findall(" ".join(text.split())):
        line = lines[-1]
        if not line or sum(map(length, line)) + length(token) <= width:
            if line or token != " ":
                line.append(token)
            continue
        # Closing punctuation takes the character before it along (and "」。" both, with it);
        # opening punctuation and a number ("16.") move down to what they open.
        carried = [] if token == " " else [token]
        while carried and carried[0] in NO_LINE_START and len(line) > 1:
            carried.insert(0, line.pop())
        while len(line) > 1 and (line[-1] in NO_LINE_END or line[-1] == " " or NUMBERING.fullmatch(line[-1])):
            carried.insert(0, line.pop())
        lines.append(carried)
    texts = [text for text in ("".join(line).strip() for line in lines) if text]
    if len(texts) <= max_lines:
        return texts
    last = texts[max_lines - 1]
    ellipsis = "……"
    while last and font.getlength(last + ellipsis) > width:
        last = last[:-1]
    return [*texts[: max_lines - 1], last.rstrip("，。、；： ") + ellipsis]


# The layout, in pixels of the 1200 × 630 image.
MARGIN = 72
BAND = 120  # the coloured band at the top, as the site's header
ICON = 64
SITE_NAME_SIZE = 44
TITLE_SIZE, TITLE_LINES = 64, 3
DESCRIPTION_SIZE = 36
BOTTOM_BAR = 14


def _book(draw: ImageDraw.ImageDraw, left: float, top: float, size: float, fill) -> None:
    """The favicon's open book and head (a 24-unit path, scaled to `size`)."""
    unit = size / 24

    def point(x: float, y: float) -> tuple[float, float]:
        return left + x * unit, top + y * unit

    def curve(start, control1, control2, end, steps: int = 24) -> list[tuple[float, float]]:
        points = []
        for step in range(1, steps + 1):
            t = step / steps
            points.append(
                tuple(
                    (1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t**2 * c + t**3 * d
                    for a, b, c, d in zip(start, control1, control2, end)
                )
            )
        return points

    draw.ellipse([point(9, 2), point(15, 8)], fill=fill)
    outline = [(12, 11.54)]
    outline += curve((12, 11.54), (9.64, 9.35), (6.5, 8), (3, 8))
    outline += [(3, 19)]
    outline += curve((3, 19), (6.5, 19), (9.64, 20.35), (12, 22.54))
    outline += curve((12, 22.54), (14.36, 20.35), (17.5, 19), (21, 19))
    outline += [(21, 8)]
    outline += curve((21, 8), (17.5, 8), (14.36, 9.35), (12, 11.54))
    draw.polygon([point(x, y) for x, y in outline], fill=fill)


def _book_image(size: int, background, ink, glyph: float) -> Image.Image:
    """The book on a square of `background`, drawn four times larger and scaled down for smooth edges."""
    large = Image.new("RGB", (size * 4, size * 4), background)
    offset = size * 4 * (1 - glyph) / 2
    _book(ImageDraw.Draw(large), offset, offset, size * 4 * glyph, ink)
    return large.resize((size, size), Image.Resampling.BOX)


def _png(image: Image.Image) -> bytes:
    """16 colours, 4 bits a pixel, no dither (flat areas compress to almost nothing), no metadata.

    zlib's default level: its best (`optimize`) takes eight times as long for 4 % fewer bytes.
    """
    indexed = image.quantize(palette=PALETTE, dither=Image.Dither.NONE)
    output = io.BytesIO()
    indexed.save(output, "PNG", bits=4, compress_level=6)
    return output.getvalue()


def draw_card(card: ShareCard, fonts: ScriptFonts) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), WHITE)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, WIDTH, BAND], fill=PRIMARY)
    draw.rectangle([0, HEIGHT - BOTTOM_BAR, WIDTH, HEIGHT], fill=PRIMARY)
    image.paste(_book_image(ICON, PRIMARY, WHITE, 0.85), (MARGIN - 8, (BAND - ICON) // 2))
    text_width = WIDTH - 2 * MARGIN
    if card.title != card.site_name:
        draw.text((MARGIN + ICON + 12, BAND // 2), card.site_name, font=_font(fonts.bold, SITE_NAME_SIZE), fill=WHITE, anchor="lm")
    title_font = _font(fonts.bold, TITLE_SIZE)
    y = BAND + 56
    for line in wrap(card.title, title_font, text_width, TITLE_LINES):
        draw.text((MARGIN, y), line, font=title_font, fill=TEXT, anchor="lt")
        y += round(TITLE_SIZE * 1.35)
    description_font = _font(fonts.regular, DESCRIPTION_SIZE)
    y += 16
    line_height = round(DESCRIPTION_SIZE * 1.6)
    room = (HEIGHT - BOTTOM_BAR - 40 - y) // line_height
    if card.description and room > 0:
        for line in wrap(card.description, description_font, text_width, room):
            draw.text((MARGIN, y), line, font=description_font, fill=SECONDARY, anchor="lt")
            y += line_height
    return _png(image)


def draw_icon() -> bytes:
    """The apple-touch icon: the favicon's book, white on the site's blue, edge to edge (the
    phone rounds the corners itself)."""
    return _png(_book_image(ICON_SIZE, PRIMARY, WHITE, 0.62))


def follow_parent(parent: int) -> None:
    """In the worker: exit once the build that started it is gone (a `mkdocs serve` ended by a
    signal never shuts its worker down), checking every second."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def draw_all(jobs: list[tuple[ShareCard | None, ScriptFonts | None]]) -> list[bytes]:
    """Each job's PNG: a card with its fonts, or (None, None) for the icon. Run in a worker process."""
    return [draw_card(card, fonts) if card else draw_icon() for card, fonts in jobs]


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
