"""Drawing the share images and the apple-touch icon (what each shows: share_images.py).

Run in the build's worker process (share_build.py), so the build itself never loads Pillow
when every image is cached. The cache key covers this file's code (share_images.cache_key).
"""

from __future__ import annotations

import functools
import io
import os
import re
import threading
import time

from PIL import Image, ImageDraw, ImageFont

from measures_site.site.share_images import HEIGHT, ICON_SIZE, WIDTH, Face, ScriptFonts, ShareCard

# The favicon's colours (overrides/assets/images/favicon.svg) and the stylesheet's text colours
# (87 % and 65 % black on white, as Material's), with a few steps between each pair for the
# edges of letters: every pixel is one of these 16.
WHITE, PRIMARY, TEXT, SECONDARY = (255, 255, 255), (64, 81, 181), (33, 33, 33), (89, 89, 89)
BLEND_STEPS = 4


@functools.cache
def _palette() -> Image.Image:
    colours = [WHITE, PRIMARY, TEXT, SECONDARY]
    for ink, paper in ((TEXT, WHITE), (SECONDARY, WHITE), (WHITE, PRIMARY)):
        for step in range(1, BLEND_STEPS + 1):
            share = step / (BLEND_STEPS + 1)
            colours.append(tuple(round(i * share + p * (1 - share)) for i, p in zip(ink, paper)))
    palette = Image.new("P", (1, 1))
    palette.putpalette([channel for colour in colours for channel in colour])
    return palette


# Never at the start of a line (closing punctuation) or at its end (opening punctuation).
NO_LINE_START = set("，。、；：？！」』）》〉】〕’”…‥・·,.;:?!)]}%")
NO_LINE_END = set("「『（《〈【〔‘“([{")
# A run of Latin letters, digits and their punctuation stays on one line ("2023", "COVID-19").
WORD = re.compile(r"[0-9A-Za-z][0-9A-Za-z.,:/%\-]*|.", re.S)
NUMBERING = re.compile(r"[0-9]+\.")  # "16. 推動…": a measure's number ends no line


@functools.cache
def _font(face: Face, size: int) -> ImageFont.FreeTypeFont:
    # Loaded once per process and size: a CJK collection takes tens of milliseconds to open.
    return ImageFont.truetype(face.path, size, index=face.index)


Fallbacks = dict[str, ImageFont.FreeTypeFont]  # the font of each character the main one lacks


def runs(text: str, font: ImageFont.FreeTypeFont, fallbacks: Fallbacks) -> list[tuple[str, ImageFont.FreeTypeFont]]:
    """The text cut where its font changes: (piece, its font)."""
    pieces: list[tuple[str, ImageFont.FreeTypeFont]] = []
    for character in text:
        used = fallbacks.get(character, font)
        if pieces and pieces[-1][1] is used:
            pieces[-1] = (pieces[-1][0] + character, used)
        else:
            pieces.append((character, used))
    return pieces


@functools.cache
def _piece_length(font: ImageFont.FreeTypeFont, piece: str) -> float:
    # CJK text repeats characters, and every page repeats the site's words: measure each once.
    return font.getlength(piece)


# Two full-width punctuation marks side by side leave a gap of a whole character: a closing
# bracket's glyph sits in the left half of its square, an opening one's in the right half.
# As typesetters do (clreq, 3.1.6), the blank half beside the other mark is taken out:
# 「）：」 and 「”，」 close up, 「，「」 too; 「。」」 stays, a centred mark having no blank half.
CLOSING_BRACKETS = set("」』）》〉】〕”’")
OPENING_BRACKETS = set("「『（《〈【〔“‘")
FULL_WIDTH_PUNCTUATION = CLOSING_BRACKETS | OPENING_BRACKETS | set("，。、；：？！")


def _squeezed(text: str) -> list[bool]:
    """For each character, whether half a character is taken out after it."""
    pairs = zip(text, text[1:])
    return [
        (first in CLOSING_BRACKETS and second in FULL_WIDTH_PUNCTUATION)
        or (first in FULL_WIDTH_PUNCTUATION and second in OPENING_BRACKETS)
        for first, second in pairs
    ] + [False]


def _set_pieces(text: str, font: ImageFont.FreeTypeFont, fallbacks: Fallbacks) -> list[tuple[str, ImageFont.FreeTypeFont, float]]:
    """The text as it is set: (piece, its font, its advance), cut where the font changes and
    after each squeezed mark."""
    pieces: list[tuple[str, ImageFont.FreeTypeFont, float]] = []
    start = 0
    for end, squeezed in enumerate(_squeezed(text), 1):
        if squeezed or end == len(text):
            for piece, used in runs(text[start:end], font, fallbacks):
                pieces.append((piece, used, _piece_length(used, piece)))
            if squeezed:
                piece, used, advance = pieces[-1]
                pieces[-1] = (piece, used, advance - font.size / 2)
            start = end
    return pieces


def _length(font: ImageFont.FreeTypeFont, fallbacks: Fallbacks, text: str) -> float:
    return sum(advance for _, _, advance in _set_pieces(text, font, fallbacks))


def _cut(word: str, length, width: float) -> list[str]:
    """A word longer than the line, in pieces that fit (the longest first)."""
    pieces = [""]
    for character in word:
        if pieces[-1] and length(pieces[-1] + character) > width:
            pieces.append("")
        pieces[-1] += character
    return pieces


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int, fallbacks: Fallbacks | None = None) -> list[str]:
    """Lines of at most `width` pixels, broken between any two CJK characters but never
    before closing or after opening punctuation, nor inside a Latin word or number unless
    it is longer than a line; the last line ends in "……" when the text does not fit."""
    length = functools.partial(_length, font, fallbacks or {})
    # A piece of a cut word leaves room for the punctuation that may join its line
    # ("（" before it, "，" after).
    piece_width = width - 2 * length("，")
    tokens = []
    for token in WORD.findall(" ".join(text.split())):
        tokens += _cut(token, length, piece_width) if length(token) > width else [token]
    lines: list[list[str]] = [[]]
    for token in tokens:
        line = lines[-1]
        if not line or length("".join(line) + token) <= width:
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
    while last and length(last + ellipsis) > width:
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
    indexed = image.quantize(palette=_palette(), dither=Image.Dither.NONE)
    output = io.BytesIO()
    indexed.save(output, "PNG", bits=4, compress_level=6)
    return output.getvalue()


def _draw_line(draw: ImageDraw.ImageDraw, x: float, y: float, text: str, font, fallbacks: Fallbacks, fill, anchor: str) -> None:
    """One line, each piece in its own font, all on the main font's baseline."""
    if anchor == "lt":
        y += font.getmetrics()[0]
    elif anchor == "lm":
        y += font.getmetrics()[0] - sum(font.getmetrics()) / 2
    for piece, used, advance in _set_pieces(text, font, fallbacks):
        draw.text((x, y), piece, font=used, fill=fill, anchor="ls")
        x += advance


def draw_card(card: ShareCard, fonts: ScriptFonts) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), WHITE)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, WIDTH, BAND], fill=PRIMARY)
    draw.rectangle([0, HEIGHT - BOTTOM_BAR, WIDTH, HEIGHT], fill=PRIMARY)
    image.paste(_book_image(ICON, PRIMARY, WHITE, 0.85), (MARGIN - 8, (BAND - ICON) // 2))
    text_width = WIDTH - 2 * MARGIN

    def fallbacks(size: int) -> Fallbacks:
        return {character: _font(face, size) for character, face in fonts.fallbacks}

    if card.title != card.site_name:
        site_font, left = _font(fonts.bold, SITE_NAME_SIZE), MARGIN + ICON + 12
        # One line beside the book: a longer name ends in "……" rather than leave the image.
        for line in wrap(card.site_name, site_font, WIDTH - MARGIN - left, 1, fallbacks(SITE_NAME_SIZE)):
            _draw_line(draw, left, BAND // 2, line, site_font, fallbacks(SITE_NAME_SIZE), WHITE, "lm")
    title_font = _font(fonts.bold, TITLE_SIZE)
    y = BAND + 56
    for line in wrap(card.title, title_font, text_width, TITLE_LINES, fallbacks(TITLE_SIZE)):
        _draw_line(draw, MARGIN, y, line, title_font, fallbacks(TITLE_SIZE), TEXT, "lt")
        y += round(TITLE_SIZE * 1.35)
    description_font = _font(fonts.regular, DESCRIPTION_SIZE)
    y += 16
    line_height = round(DESCRIPTION_SIZE * 1.6)
    room = (HEIGHT - BOTTOM_BAR - 40 - y) // line_height
    if card.description and room > 0:
        for line in wrap(card.description, description_font, text_width, room, fallbacks(DESCRIPTION_SIZE)):
            _draw_line(draw, MARGIN, y, line, description_font, fallbacks(DESCRIPTION_SIZE), SECONDARY, "lt")
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
