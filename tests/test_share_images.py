"""Every page's link preview has its own picture, in the page's script, and phones get a
home-screen icon: the og:image tags of the built pages, the PNG files they point at, the
line breaking of the CJK text drawn, and what happens without a CJK font."""

from __future__ import annotations

import io
import os
import signal
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from PIL import Image, ImageDraw
from conftest import ROOT, build_site

from measures_site.content.paths import APPLE_TOUCH_ICON, share_image
from measures_site.content.render import PageRecord
from measures_site.site.share_drawing import NO_LINE_END, NO_LINE_START, _draw_line, _font, _length, wrap
from measures_site.site.share_images import script_fonts

SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default: the tests build with it


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, position = [], 8
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        chunks.append((kind, data[position + 8 : position + 8 + length]))
        position += 12 + length
    return chunks


def png_size(data: bytes) -> tuple[int, int]:
    kind, header = png_chunks(data)[0]
    assert kind == b"IHDR"
    return struct.unpack(">II", header[:8])


def pages(site: Path) -> dict[str, BeautifulSoup]:
    """{"zh-Hans/domains/education/": parsed page} of every built page."""
    return {
        path.parent.relative_to(site).as_posix().removeprefix(".") + ("/" if path.parent != site else ""): BeautifulSoup(
            path.read_text("utf-8"), "html.parser"
        )
        for path in sorted(site.rglob("index.html"))
    }


def meta(page: BeautifulSoup, name: str) -> str | None:
    tag = page.find("meta", property=name)
    return tag["content"] if tag else None


def test_every_page_has_its_own_share_image_of_the_stated_size_and_title(site) -> None:
    built = pages(site.site)
    assert len(built) > 20 and "" in built and "zh-Hans/" in built
    images = {}
    for path, page in built.items():
        image_url = meta(page, "og:image")
        assert image_url == SITE_URL + share_image(path), path
        png = (site.site / share_image(path)).read_bytes()
        width, height = int(meta(page, "og:image:width")), int(meta(page, "og:image:height"))
        assert png_size(png) == (width, height) == (1200, 630), path
        assert meta(page, "og:image:type") == "image/png"
        # The picture's alt is its title: the page's, as og:title gives it without the site's name;
        # on the home, whose title is the site's name, the page's heading.
        site_name, title = meta(page, "og:site_name"), meta(page, "og:title")
        heading = page.find("h1").get_text().strip()
        assert meta(page, "og:image:alt") == (heading if title == site_name else title.removesuffix(f" - {site_name}")), path
        assert meta(page, "og:image:alt") and "&" not in meta(page, "og:image:alt")
        images[path] = png
    # Each page's own picture: no two alike, so 繁體 and 简体 of a page differ too.
    assert len(set(images.values())) == len(images)
    assert images["domains/education/"] != images["zh-Hans/domains/education/"]
    # The home's picture: the site's name in its band, the conference's name as its title.
    assert meta(built[""], "og:image:alt") == "閩港合作會議第四次會議"
    assert meta(built["zh-Hans/"], "og:image:alt") == "闽港合作会议第四次会议"
    assert meta(built["domains/education/"], "og:image:alt") == "八、教育"


def test_share_images_are_small_palette_pngs_without_dates_or_text(site) -> None:
    for png_file in [*site.site.rglob("share.png"), site.site / APPLE_TOUCH_ICON]:
        data = png_file.read_bytes()
        kinds = [kind for kind, _ in png_chunks(data)]
        assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND"
        assert set(kinds) <= {b"IHDR", b"PLTE", b"IDAT", b"IEND"}, png_file  # no tIME, tEXt, iTXt, zTXt
        header = dict(png_chunks(data))[b"IHDR"]
        bit_depth, colour_type = header[8], header[9]
        assert colour_type == 3 and bit_depth <= 4  # a palette of at most 16 colours
        # Chat apps refuse large previews; these stay far below.
        assert len(data) < 60_000, png_file
        zlib.decompress(b"".join(body for kind, body in png_chunks(data) if kind == b"IDAT"))


def test_every_page_links_the_apple_touch_icon_180_pixels_square(site) -> None:
    icon = site.site / APPLE_TOUCH_ICON
    assert png_size(icon.read_bytes()) == (180, 180)
    files = [*site.site.rglob("index.html"), *site.site.rglob("404.html")]
    for html_file in files:
        link = BeautifulSoup(html_file.read_text("utf-8"), "html.parser").find("link", rel="apple-touch-icon")
        assert link is not None, html_file
        href = link["href"]
        target = (site.site / href.lstrip("/")) if href.startswith("/") else (html_file.parent / href)
        assert target.resolve() == icon.resolve(), html_file


@pytest.mark.parametrize("locale_code", ["zh-Hant", "zh-Hans"])
def test_cjk_lines_never_start_with_closing_or_end_with_opening_punctuation(locale_code: str) -> None:
    font = _font(script_fonts(locale_code).regular, 36)
    em = font.getlength("國")
    text = "一二三四五六七八九十，「甲乙丙丁戊己庚辛壬」。天地玄黃宇宙洪荒、日月盈昃辰宿列張（寒來暑往）秋收冬藏。"
    for columns in range(4, 14):
        lines = wrap(text, font, int(em * columns), max_lines=99)
        assert "".join(lines) == text, columns
        for line in lines:
            assert font.getlength(line) <= em * columns + 1
        for earlier, later in zip(lines, lines[1:]):
            assert later[0] not in NO_LINE_START, (columns, lines)
            assert earlier[-1] not in NO_LINE_END, (columns, lines)
    # The break that greedy filling would put before "，" (10 columns) moves "十" down with it.
    assert wrap(text, font, int(em * 10), max_lines=99)[:2] == ["一二三四五六七八九", "十，「甲乙丙丁戊己庚"]


@pytest.mark.parametrize("locale_code", ["zh-Hant", "zh-Hans"])
def test_two_punctuation_marks_side_by_side_close_up_by_half_a_character(locale_code: str) -> None:
    """「香港）：21」 and 「”，」 as typesetters set them; 「。」」 as it is, a centred 。 having no blank half."""
    font = _font(script_fonts(locale_code).regular, 36)
    half = font.size / 2
    for pair in ("）：", "”，", "」。", "，「", "：「", "）（"):
        assert _length(font, {}, f"香港{pair}21") == pytest.approx(font.getlength(f"香港{pair}21") - half), pair
    for text in ("。」", "香港，21", "（香港）"):
        assert _length(font, {}, text) == pytest.approx(font.getlength(text)), text
    # Three marks in a row close up twice; a line is set as it is measured.
    assert _length(font, {}, "」）：") == pytest.approx(font.getlength("」）：") - 2 * half)
    image = Image.new("L", (800, 80), 255)
    _draw_line(ImageDraw.Draw(image), 0, 10, "香港）：21", font, {}, 0, "lt")
    right = image.point(lambda value: 255 if value < 128 else 0).getbbox()[2]
    assert right == pytest.approx(_length(font, {}, "香港）：21"), abs=4)


def test_numbers_stay_whole_and_a_long_text_ends_in_an_ellipsis() -> None:
    font = _font(script_fonts("zh-Hant").regular, 36)
    em = font.getlength("國")
    lines = wrap("會議於2023年6月28日在香港舉行，雙方就發揮閩港合作會議平台作用達成共識。", font, int(em * 5), max_lines=3)
    assert len(lines) == 3 and lines[-1].endswith("……")
    assert any("2023" in line for line in lines)
    assert all(font.getlength(line) <= em * 5 + 1 for line in lines)


def test_without_a_cjk_font_the_build_says_what_to_install(project_copy: Path, tmp_path: Path, monkeypatch) -> None:
    # A font configuration with no fonts in it: the machine as if no CJK font were installed.
    empty = tmp_path / "fonts.conf"
    empty.write_text('<?xml version="1.0"?>\n<fontconfig></fontconfig>\n', "utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(empty))
    build = build_site(project_copy)
    assert build.returncode == 1
    assert "Traceback" not in build.output
    errors = [line for line in build.output.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1
    assert "No font for the zh-Hant share images" in errors[0] and "fonts-noto-cjk" in errors[0]


def fonts_check(environment: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "measures_site.site.share_images", "--fonts"],
        cwd=ROOT,
        env={**environment, "PYTHONPATH": str(ROOT / "scripts")},
        capture_output=True,
        text=True,
    )


def test_without_fontconfig_the_standard_font_folders_are_searched(tmp_path: Path) -> None:
    no_tools = {"PATH": str(tmp_path), "HOME": os.environ.get("HOME", str(tmp_path))}  # no fc-list on the PATH
    found = fonts_check(no_tools)
    assert found.returncode == 0, found.stderr
    assert found.stdout.startswith("zh-Hant: ") and "\nzh-Hans: " in found.stdout
    nowhere = fonts_check({"PATH": str(tmp_path), "HOME": str(tmp_path), "XDG_DATA_DIRS": str(tmp_path / "none")})
    assert nowhere.returncode == 1
    assert nowhere.stdout == "" and nowhere.stderr.count("\n") == 1 and "fonts-noto-cjk" in nowhere.stderr


def test_a_failed_drawing_is_planned_again_on_the_next_build(tmp_path: Path, monkeypatch) -> None:
    """What `mkdocs serve` relies on: after a drawing fails (here, a font file that is not one),
    the next rebuild of the same content draws again."""
    from conftest import FIXTURE_FOLDER

    from measures_site.content.pipeline import load_site_content
    from measures_site.locales import LOCALES
    from measures_site.site import share_build
    from measures_site.site.share_images import Face, ScriptFonts

    content = load_site_content(FIXTURE_FOLDER / "measures.yaml", FIXTURE_FOLDER / "conversion.yaml")
    names = {"zh-Hant": "閩港合作措施", "zh-Hans": "闽港合作措施"}
    not_a_font = tmp_path / "broken.ttc"
    not_a_font.write_bytes(b"not a font")
    build = share_build.ShareImageBuild()
    try:
        monkeypatch.setattr(share_build, "script_fonts", lambda code: ScriptFonts(Face(str(not_a_font), 0), Face(str(not_a_font), 0)))
        build.plan(content, names, tmp_path)
        with pytest.raises(OSError):
            build.write(tmp_path / "site", LOCALES[0])
        monkeypatch.undo()
        build.plan(content, names, tmp_path)
        for locale in LOCALES:
            build.write(tmp_path / "site", locale)
    finally:
        build.stop()
    assert png_size((tmp_path / "site" / "zh-Hans" / "domains" / "education" / "share.png").read_bytes()) == (1200, 630)
    assert len(list((tmp_path / ".cache" / "share-images").glob("*.png"))) == len(list((tmp_path / "site").rglob("*.png")))


def test_after_a_one_sentence_edit_only_the_images_that_show_it_are_drawn(tmp_path: Path) -> None:
    """What a CI run finds with the cache folder of the run before (.github/workflows/pages.yml):
    a new build, whose images are drawn only where a page's picture shows what changed."""
    from conftest import FIXTURE_FOLDER

    from measures_site.content.pipeline import load_site_content
    from measures_site.locales import LOCALES
    from measures_site.site.share_build import ShareImageBuild

    data = tmp_path / "data"
    data.mkdir()
    for name in ("measures.yaml", "conversion.yaml", "search.yaml"):
        (data / name).write_bytes((FIXTURE_FOLDER / name).read_bytes())

    def build_with(text: str | None = None) -> tuple[list[str], set[str]]:
        if text is not None:
            (data / "measures.yaml").write_text(text, encoding="utf-8")
        content = load_site_content(data / "measures.yaml", data / "conversion.yaml")
        build = ShareImageBuild()
        try:
            build.plan(content, NAMES, tmp_path)
            for locale in LOCALES:
                build.write(tmp_path / "site", locale)
        finally:
            build.stop()
        return build.drawn, {path.name for path in (tmp_path / ".cache" / "share-images").iterdir()}

    cold, cached = build_with()
    images = sorted(path.relative_to(tmp_path / "site").as_posix() for path in (tmp_path / "site").rglob("*.png"))
    assert cold == images and len(cached) == len(images)
    assert build_with() == ([], cached)

    original = (data / "measures.yaml").read_text(encoding="utf-8")
    # Measure 16's body, within the start its page's description (and so its picture) shows.
    shown = original.replace("提升姊妹學校交流的質與量", "提高姊妹學校交流的質與量", 1)
    drawn, now_cached = build_with(shown)
    assert drawn == ["meetings/4/measures/16/share.png", "zh-Hans/meetings/4/measures/16/share.png"]
    # The two pictures it replaced are gone from the cache: it holds the current images only.
    assert len(now_cached) == len(cached) and len(now_cached - cached) == 2

    # Measure 4's last sentence, past what any picture shows: nothing is drawn.
    unshown = shown.replace("作綠色和可持續投融資及認證。", "作綠色和可持續投融資。", 1)
    assert unshown != shown
    assert build_with(unshown) == ([], now_cached)


# ── the worker: another process, which can die or stop answering ──

NAMES = {"zh-Hant": "閩港合作措施", "zh-Hans": "闽港合作措施"}


def small_content(title: str) -> SimpleNamespace:
    """What ShareImageBuild.plan reads of the site's content (its pages), for one page a script:
    a new title needs new images, so the worker is handed a job."""
    return SimpleNamespace(
        pages={
            f"{code}/domains/education.md": PageRecord("domain", title, title, "推動閩港教育合作。", True, "")
            for code in NAMES
        }
    )


def write_all(build, content: SimpleNamespace, project: Path) -> None:
    from measures_site.locales import LOCALES

    build.plan(content, NAMES, project)
    for locale in LOCALES:
        build.write(project / "site", locale)


def process_state(pid: int) -> str | None:
    """The state letter of /proc/<pid>/stat ("T" stopped, "Z" exited, not yet reaped), None once reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except FileNotFoundError:
        return None


def wait_for_state(pid: int, *states: str | None) -> None:
    """Until the kernel has done what the signal asked (a signal is delivered asynchronously)."""
    deadline = time.monotonic() + 30
    while process_state(pid) not in states:
        assert time.monotonic() < deadline, f"process {pid} is {process_state(pid)}, not {states}"
        time.sleep(0.01)


def wait_until_gone(pid: int) -> None:
    wait_for_state(pid, "Z", None)


def wait_until_stopped(pid: int) -> None:
    wait_for_state(pid, "T")


def education_image(project: Path) -> bytes:
    png = (project / "site" / "zh-Hans" / "domains" / "education" / "share.png").read_bytes()
    assert png_size(png) == (1200, 630)
    return png


def test_several_workers_draw_the_images_one_draws(tmp_path: Path) -> None:
    from measures_site.site.share_build import ShareImageBuild

    drawn = {}
    for workers in (1, 3):
        project = tmp_path / str(workers)
        build = ShareImageBuild(workers=workers)
        try:
            write_all(build, small_content("一、教育"), project)
        finally:
            build.stop()
        drawn[workers] = {path.relative_to(project).as_posix(): path.read_bytes() for path in (project / "site").rglob("*.png")}
    assert drawn[1] == drawn[3] and len(drawn[1]) == 3  # a page in each script, and the icon


def test_a_worker_killed_between_builds_is_replaced_at_the_next(tmp_path: Path) -> None:
    from measures_site.site.share_build import ShareImageBuild

    build = ShareImageBuild(workers=1)  # the one it kills is the one drawing
    try:
        write_all(build, small_content("一、教育"), tmp_path)
        first = build.worker_pid
        os.kill(first, signal.SIGKILL)
        wait_until_gone(first)
        # What `mkdocs serve` did before: every later rebuild failed, "process pool is not usable anymore".
        write_all(build, small_content("二、教育"), tmp_path)
        assert build.worker_pid not in (None, first)
        second = education_image(tmp_path)
        write_all(build, small_content("三、教育"), tmp_path)
        assert education_image(tmp_path) != second
    finally:
        build.stop()


def test_a_worker_killed_while_drawing_is_replaced_and_its_images_drawn(tmp_path: Path, capfd) -> None:
    from measures_site.site.share_build import ShareImageBuild

    build = ShareImageBuild(workers=1)  # the one it kills is the one drawing
    try:
        write_all(build, small_content("一、教育"), tmp_path)
        first = build.worker_pid
        # Stopped before it is handed the job, then killed: it dies holding the job, undrawn.
        os.kill(first, signal.SIGSTOP)
        wait_until_stopped(first)
        build.plan(small_content("二、教育"), NAMES, tmp_path)
        os.kill(first, signal.SIGKILL)
        from measures_site.locales import LOCALES

        for locale in LOCALES:
            build.write(tmp_path / "site", locale)
        assert build.worker_pid not in (None, first)
    finally:
        build.stop()
    education_image(tmp_path)
    said = capfd.readouterr().err.splitlines()
    assert said == [f"The share-image worker (process {first}) died; drawing its images again in a new one."]


def test_a_worker_that_stops_answering_is_killed_within_the_bound_and_replaced(tmp_path: Path) -> None:
    from measures_site.locales import LOCALES
    from measures_site.site.share_build import SECONDS_PER_IMAGE, WORKER_GRACE_SECONDS, ShareImageBuild, WorkerFailed

    build = ShareImageBuild(workers=1)  # the one it stops is the one drawing
    try:
        # A worker starting on a loaded machine takes its time: the default bound, until the stall.
        write_all(build, small_content("一、教育"), tmp_path)
        stopped = build.worker_pid
        os.kill(stopped, signal.SIGSTOP)
        wait_until_stopped(stopped)
        build.grace, build.per_image = 0.5, 0.1
        started = time.monotonic()
        build.plan(small_content("二、教育"), NAMES, tmp_path)
        with pytest.raises(WorkerFailed) as failed:
            build.write(tmp_path / "site", LOCALES[0])
        # Its bound: the grace and an allowance for the job's one image (the icon is drawn already).
        waited = time.monotonic() - started
        assert 0.5 + 0.1 <= waited < 0.5 + 0.1 + 5
        message = str(failed.value)
        assert "\n" not in message and f"process {stopped}" in message and "within 1 s" in message
        assert not Path(f"/proc/{stopped}").exists()  # killed, and reaped
        assert build.worker_pid is None
        # The next build (a `mkdocs serve` rebuild) starts a new worker and draws.
        build.grace, build.per_image = WORKER_GRACE_SECONDS, SECONDS_PER_IMAGE
        write_all(build, small_content("二、教育"), tmp_path)
        assert build.worker_pid not in (None, stopped)
    finally:
        build.stop()
    education_image(tmp_path)


# ── what the fonts cannot draw ──


def test_a_word_longer_than_the_line_is_cut_and_drawn_inside_the_column() -> None:
    from PIL import Image

    from measures_site.site.share_drawing import MARGIN, draw_card
    from measures_site.site.share_images import HEIGHT, WIDTH, ShareCard

    fonts = script_fonts("zh-Hant")
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 2
    font = _font(fonts.regular, 36)
    lines = wrap(f"見{word}。", font, 600, max_lines=99)
    assert "".join(lines) == f"見{word}。" and len(lines) > 2
    assert all(font.getlength(line) <= 600 for line in lines), lines
    png = draw_card(ShareCard("zh-Hant", "閩港合作措施", f"合作{word}", f"說明{word}{word}"), fonts)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    # Right of the text column, between the band and the bottom bar, the image stays white.
    beyond = image.crop((WIDTH - MARGIN + 1, 121, WIDTH, HEIGHT - 15))
    assert beyond.getcolors() == [(beyond.width * beyond.height, (255, 255, 255))]
    # And the text is drawn: the column itself has ink.
    assert len(image.crop((MARGIN, 121, WIDTH - MARGIN, HEIGHT - 15)).getcolors()) > 1


def fontconfig_with(tmp_path: Path, monkeypatch, *folders: Path) -> None:
    """fontconfig, and so the share images, finding the fonts of these folders only."""
    from measures_site.site import share_images

    configuration = tmp_path / "fonts.conf"
    dirs = "".join(f"<dir>{folder}</dir>" for folder in folders)
    configuration.write_text(
        f'<?xml version="1.0"?>\n<fontconfig>{dirs}<cachedir>{tmp_path / "fc-cache"}</cachedir></fontconfig>\n', "utf-8"
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(configuration))
    for cached in (share_images._installed_faces, share_images._coverage, share_images.fallback_face):
        cached.cache_clear()


@pytest.fixture
def fonts_found_again():
    """The font look-ups are cached per process: a test that changes the fonts found clears them
    before and after."""
    from measures_site.site import share_images

    caches = (share_images._installed_faces, share_images._coverage, share_images.fallback_face)
    for cached in caches:
        cached.cache_clear()
    yield
    for cached in caches:
        cached.cache_clear()


def cjk_folder() -> Path:
    return Path(script_fonts("zh-Hant").regular.path).parent


def test_a_character_no_font_has_is_a_warning_at_its_data_line(tmp_path: Path, monkeypatch, fonts_found_again) -> None:
    from measures_site.locales import LOCALES
    from measures_site.site.share_build import ShareImageBuild

    folder = cjk_folder()
    fontconfig_with(tmp_path, monkeypatch, folder)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "measures.yaml").write_text("measures:\n  - title: 教育𠀀合作😀\n", "utf-8")
    build, content = ShareImageBuild(), small_content("教育𠀀合作😀")
    try:
        warnings = build.plan(content, NAMES, tmp_path)
        # Said once a plan: the second locale's build finds the plan made.
        assert build.plan(content, NAMES, tmp_path) == []
        for locale in LOCALES:
            build.write(tmp_path / "site", locale)
    finally:
        build.stop()
    pages = "domains/education/, zh-Hans/domains/education/"
    assert warnings == [
        f"data/measures.yaml:2:14: warning: 「𠀀」 U+20000 CJK UNIFIED IDEOGRAPH-20000 is left out of the share images of {pages}: no installed font has it: install one that does",
        f"data/measures.yaml:2:17: warning: 「😀」 U+1F600 GRINNING FACE is left out of the share images of {pages}: no installed font has it: install one that does",
    ]
    # The picture is of what can be drawn; its alt text is the title, whole.
    assert build.page_image("domains/education/", SITE_URL)["alt"] == "教育𠀀合作😀"


def test_right_to_left_text_is_left_out_with_one_warning(tmp_path: Path, fonts_found_again) -> None:
    from measures_site.site.share_build import ShareImageBuild

    build = ShareImageBuild()
    try:
        warnings = build.plan(small_content("教育 مرحبا 合作"), NAMES, tmp_path)
    finally:
        build.stop()
    assert len(warnings) == 1
    assert warnings[0].startswith("warning: 「ا」 U+0627 ARABIC LETTER ALEF (and 4 more such characters) is left out")
    assert "right-to-left text is not drawn" in warnings[0]


def test_a_character_the_cjk_font_lacks_is_drawn_in_a_font_that_has_it(tmp_path: Path, monkeypatch, fonts_found_again) -> None:
    from measures_site.site import share_images
    from measures_site.site.share_build import ShareImageBuild
    from measures_site.site.share_drawing import draw_card

    dejavu = subprocess.run(["fc-match", "--format", "%{file}", "DejaVu Sans:charset=1f600"], capture_output=True, text=True).stdout
    assert dejavu.endswith("DejaVuSans.ttf"), f"the test draws its emoji in DejaVu Sans (Debian: fonts-dejavu-core), found {dejavu!r}"
    fontconfig_with(tmp_path, monkeypatch, cjk_folder(), Path(dejavu).parent)
    build = ShareImageBuild()
    try:
        warnings = build.plan(small_content("教育合作😀"), NAMES, tmp_path)
    finally:
        build.stop()
    assert warnings == []
    planned = build._images[share_image("domains/education/")]
    assert planned.card.title == "教育合作😀"
    assert planned.fonts.fallbacks == (("😀", share_images.Face(dejavu, 0)),)
    # Drawn with it, the face is not the CJK font's empty box.
    without = share_images.ScriptFonts(planned.fonts.regular, planned.fonts.bold)
    assert draw_card(planned.card, planned.fonts) != draw_card(planned.card, without)


def test_a_character_left_out_of_a_picture_does_not_fail_the_strict_build(project_copy: Path) -> None:
    data = project_copy / "data" / "measures.yaml"
    text = data.read_text("utf-8")
    assert text.splitlines()[79] == '        title: "積極拓展投資合作。"'
    data.write_text(text.replace("積極拓展投資合作。", "積極拓展投資合作𠀀。"), "utf-8")
    # `make build`'s command: MkDocs' output is captured, its warnings passed on.
    build = subprocess.run(
        [sys.executable, "scripts/build_measures.py", "build"], cwd=project_copy, capture_output=True, text=True, timeout=600
    )
    output = build.stderr + build.stdout
    assert build.returncode == 0, output
    said = [line for line in output.splitlines() if "U+20000" in line]
    assert len(said) == 1, output
    assert said[0].startswith("data/measures.yaml:80:25: warning: 「𠀀」 U+20000 CJK UNIFIED IDEOGRAPH-20000 is left out of the share images of ")
    assert "Traceback" not in output
