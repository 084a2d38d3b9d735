"""When, during a MkDocs build, the share images (share_images.py) are drawn and written.

Drawing every page's image takes about as long as MkDocs takes to build the pages, so it
runs beside it: at the first locale's on_pre_build the generated pages of every locale are
known, and the images not already cached are handed to worker processes, one for each core
MkDocs leaves free (one on two cores), which draw while MkDocs renders both locales
(mkdocs-static-i18n runs the second build inside the first). Each locale's on_post_build
waits for the workers if they are still drawing, then copies that locale's images into the
site. The workers are started once and kept across `mkdocs serve` rebuilds, with the fonts
they have loaded.

The cache is a folder of PNGs named by their key (share_images.cache_key): what is cached is
known from the folder's names alone, no image is read into the build's memory, and a worker
writes what it draws there itself. The folder holds the images of the latest plan only, so
the copy CI keeps between runs (.github/workflows/pages.yml) does not grow with every edit.

The worker is another process, so it can die (killed, out of memory) or stop answering
(SIGSTOP, a stuck drawing) while the build goes on. A dead one is replaced: at the next
plan, and, for the images a build is waiting for, at once, once. Each job has a deadline,
generous for the work it holds; past it the worker is killed and the build fails in one
line, so no build waits for ever, and the next starts a new worker.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from measures_site.content.paths import APPLE_TOUCH_ICON, share_image, url
from measures_site.data.characters import name
from measures_site.data.problems import Problem
from measures_site.files import copy_atomically, write_atomically
from measures_site.locales import LOCALE_BY_CODE, LOCALES, SOURCE_LOCALE, Locale
from measures_site.project import MEASURES_PATH, ROOT, share_image_cache
from measures_site.site.share_images import (
    HEIGHT,
    MIME_TYPE,
    NOT_RIGHT_TO_LEFT,
    WIDTH,
    ScriptFonts,
    ShareCard,
    cache_key,
    drawable,
    page_card,
    script_fonts,
)

if TYPE_CHECKING:
    from measures_site.content.pipeline import SiteContent

SCRIPTS_FOLDER = str(ROOT / "scripts")

# How long a job may take before its worker is taken for stuck. An image takes 15–20 ms on
# the project's 2 cores, and the first job also waits for the worker to start (a spawned one
# imports Pillow and opens the CJK collections): far below these, even on a loaded CI machine.
WORKER_GRACE_SECONDS = 120.0
SECONDS_PER_IMAGE = 1.0


class WorkerFailed(Exception):
    """The worker died again after being replaced, or stopped answering: the build's one-line error."""


def _worker_start(parent: int) -> None:
    # Pillow is imported here, in the worker, as it starts: the build itself never loads it.
    from measures_site.site.share_drawing import follow_parent

    follow_parent(parent)


def _draw(jobs: list, keys: list[str], cache_dir: Path | None) -> list[bytes | None]:
    """Each image's PNG, or None once it is in the cache folder: the build copies it from there,
    and a job's thousands of images never travel back through the pipe."""
    from measures_site.site.share_drawing import draw_all

    drawn: list[bytes | None] = []
    for key, png in zip(keys, draw_all(jobs)):
        kept = False
        if cache_dir is not None:
            # A cache that cannot be written (read-only checkout) only costs memory.
            with contextlib.suppress(OSError):
                write_atomically(share_image_cache_file(cache_dir, key), png)
                kept = True
        drawn.append(None if kept else png)
    return drawn


def free_cores() -> int:
    """The cores MkDocs leaves free: it renders on one."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, cores - 1)


# Images a job holds at most: the workers share a locale's images, and a job's PNGs, when the
# cache cannot take them, come back together.
IMAGES_PER_JOB = 200


@dataclass(frozen=True)
class PlannedImage:
    key: str  # share_images.cache_key
    locale: Locale  # whose build writes it
    card: ShareCard | None  # None: the apple-touch icon; else what can be drawn of the page's
    fonts: ScriptFonts | None
    alt: str = ""  # the page's title, whole


@dataclass
class _Job:
    locale: Locale  # whose build waits for it
    keys: list[str]  # cache keys, in the order of `work`
    work: list  # (card, fonts) of each image: what a new worker is handed if this one dies
    drawing: Future  # their PNGs
    deadline: float  # time.monotonic() past which the worker is taken for stuck
    allowed: float  # seconds from submission to the deadline
    redrawn: bool = False  # handed to a second worker already


class ShareImageBuild:
    def __init__(
        self, grace: float = WORKER_GRACE_SECONDS, per_image: float = SECONDS_PER_IMAGE, workers: int | None = None
    ) -> None:
        # How long a job may take before its worker is taken for stuck: grace + per_image × its images.
        self.grace, self.per_image = grace, per_image
        self._workers = workers or free_cores()
        self._pool: ProcessPoolExecutor | None = None
        # PNG by cache key, of the current images that are not in the cache folder (it could
        # not be written); the others are copied from it.
        self._memory: dict[str, bytes] = {}
        self._cached: set[str] = set()  # keys of the current images in the cache folder
        self.drawn: list[str] = []  # the paths of the images the latest plan had drawn
        self._planned_for: tuple | None = None
        self._images: dict[str, PlannedImage] = {}  # by path under the site root
        self._drawing: list[_Job] = []  # submitted, not yet collected, in the order of submission
        self._cache_dir: Path | None = None

    def _start(self) -> None:
        """Start the worker process, when there is something to draw: a build whose images are
        all cached is spared starting one."""
        if self._pool is None:
            # Forked where that is safe (Linux, one thread: `mkdocs build`): a copy of the build,
            # ready at once. Else spawned (`mkdocs serve` runs threads, which a fork may deadlock):
            # a new interpreter that imports this package afresh, from the parent's sys.path,
            # which holds the package's folder only while MkDocs loads the hook.
            forked = sys.platform == "linux" and threading.active_count() == 1
            if SCRIPTS_FOLDER not in sys.path:
                sys.path.append(SCRIPTS_FOLDER)
            self._pool = ProcessPoolExecutor(
                max_workers=self._workers,
                mp_context=multiprocessing.get_context("fork" if forked else "spawn"),
                initializer=_worker_start,
                initargs=(os.getpid(),),
            )

    @property
    def worker_pid(self) -> int | None:
        """The (first) worker's process id, while there is one."""
        # ProcessPoolExecutor offers no public way to reach its processes: a stuck one can only
        # be killed through this attribute.
        processes = getattr(self._pool, "_processes", None) or {}
        return next(iter(processes), None)

    def stop(self) -> None:
        """End the worker. It is killed, not asked: a polite shutdown waits for a worker that
        stopped answering for ever, and a worker holds nothing once its images are collected."""
        pool, self._pool = self._pool, None
        if pool is not None:
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.kill()
            pool.shutdown(wait=True, cancel_futures=True)

    def _submit(self, work: list, keys: list[str]) -> tuple[Future, float, float]:
        """Hand `work` to the workers, new ones if one died since: the drawing, its deadline and
        the seconds that leaves."""
        self._start()
        assert self._pool is not None
        try:
            drawing = self._pool.submit(_draw, work, keys, self._cache_dir)
        except BrokenProcessPool:  # died between two builds (killed while `mkdocs serve` waited)
            self.stop()
            self._start()
            drawing = self._pool.submit(_draw, work, keys, self._cache_dir)
        # A job waits for those handed over before it: its deadline counts their images too
        # (as if one worker drew them all, which only lengthens it).
        queued = sum(len(job.work) for job in self._drawing if not job.drawing.done())
        allowed = self.grace + self.per_image * (queued + len(work))
        return drawing, time.monotonic() + allowed, allowed

    def plan(self, content: SiteContent, site_names: dict[str, str], project: Path) -> list[str]:
        """Which images the pages need; hand the ones not cached to the worker.

        Called on every locale's on_pre_build: the first call for given content plans all
        locales, later ones find the plan made. Raises share_images.FontsMissing. Returns
        what the images leave out (share_images.drawable), once a plan: warnings, located in
        data/measures.yaml where the character is written there.
        """
        # The content itself, not its id: held here, it cannot be freed and its id reused.
        planned_for = (content, sorted(site_names.items()), project)
        if self._planned_for is not None and self._planned_for[0] is content and self._planned_for[1:] == planned_for[1:]:
            return []
        self.collect()
        fonts = {locale.code: script_fonts(locale.code) for locale in LOCALES}
        images: dict[str, PlannedImage] = {}
        left_out: dict[tuple[str, str], list[str]] = {}  # (reason, character): the pages' addresses
        for page, record in content.pages.items():
            locale_code, _, path = page.partition("/")
            locale = LOCALE_BY_CODE[locale_code]
            card = page_card(record, locale_code, site_names[locale_code])
            page_url = locale.path_prefix + url(path)
            drawn, drawn_fonts, unshown = drawable(card, fonts[locale_code])
            for character, reason in unshown.items():
                left_out.setdefault((reason, character), []).append(page_url or "/")
            images[share_image(page_url)] = PlannedImage(cache_key(drawn, drawn_fonts), locale, drawn, drawn_fonts, card.title)
        images[APPLE_TOUCH_ICON] = PlannedImage(cache_key(None, None), SOURCE_LOCALE, None, None)

        self._cache_dir = share_image_cache(project)
        wanted = {image.key: image for image in images.values()}
        self._memory = {key: png for key, png in self._memory.items() if key in wanted}
        self._cached = _cached_keys(self._cache_dir, wanted.keys())
        have = self._cached | self._memory.keys()
        self.drawn = sorted(path for path, image in images.items() if image.key not in have)
        # Jobs in the order of the builds, each locale's shared among the workers: the first
        # locale's build waits only for its own.
        for locale in LOCALES:
            missing = sorted({image.key for image in images.values() if image.locale == locale} - have)
            size = max(1, min(IMAGES_PER_JOB, -(-len(missing) // self._workers)))
            for start in range(0, len(missing), size):
                keys = missing[start : start + size]
                work = [(wanted[key].card, wanted[key].fonts) for key in keys]
                self._drawing.append(_Job(locale, keys, work, *self._submit(work, keys)))
        self._images = images
        self._planned_for = planned_for
        return _warnings(left_out, project / MEASURES_PATH, MEASURES_PATH.as_posix())

    def collect(self, locale: Locale | None = None) -> None:
        """Wait for the worker's images of `locale` (or all), if any are being drawn, and cache them.

        Raises WorkerFailed when the worker stops answering or dies twice."""
        waiting = [job for job in self._drawing if locale is None or job.locale == locale]
        for job in waiting:
            try:
                drawn = self._result(job)
            except BaseException:
                # Plan afresh next time (a `mkdocs serve` rebuild), with a new worker if this one died.
                self._planned_for, self._drawing = None, []
                raise
            self._drawing.remove(job)
            for key, png in zip(job.keys, drawn):
                if png is None:
                    self._cached.add(key)
                else:
                    self._memory[key] = png

    def _result(self, job: _Job) -> list[bytes]:
        while True:
            pid = self.worker_pid
            try:
                return job.drawing.result(timeout=max(0.0, job.deadline - time.monotonic()))
            except FutureTimeout:
                self.stop()
                raise WorkerFailed(
                    f"the share-image worker (process {pid}) had not drawn {len(job.work)} images"
                    f" within {job.allowed:.0f} s: it was stopped, and the next build starts a new one"
                ) from None
            except BrokenProcessPool:
                self.stop()
                if job.redrawn:
                    raise WorkerFailed(
                        f"the share-image worker died again while drawing {len(job.work)} images, in a new process"
                    ) from None
            # Died (killed, out of memory): every job it held is handed to a new worker, once.
            print(f"The share-image worker (process {pid}) died; drawing its images again in a new one.", file=sys.stderr)
            for other in self._drawing:
                drawn = other.drawing.done() and not other.drawing.cancelled() and other.drawing.exception() is None
                if not drawn:
                    other.drawing, other.deadline, other.allowed = self._submit(other.work, other.keys)
                    other.redrawn = True

    def write(self, root: Path, locale: Locale) -> None:
        """Write the locale's images under the site root (at the end of its build)."""
        self.collect(locale)
        mine = {path: image for path, image in self._images.items() if image.locale == locale}
        gone = {path: image for path, image in mine.items() if not self._put(root / path, image.key)}
        if gone:
            # Deleted from the cache since the plan (`make clean`, another build's plan of the
            # same project): drawn again, while this build waits.
            keys = sorted({image.key for image in gone.values()})
            self._cached -= set(keys)
            by_key = {image.key: image for image in gone.values()}
            work = [(by_key[key].card, by_key[key].fonts) for key in keys]
            self._drawing.append(_Job(locale, keys, work, *self._submit(work, keys)))
            self.collect(locale)
            for path, image in gone.items():
                if not self._put(root / path, image.key):
                    raise FileNotFoundError(f"{self._cache_dir}/{image.key}.png, deleted while it was drawn again")

    def _put(self, target: Path, key: str) -> bool:
        """The image of `key` at `target`; False if the cache folder lost it."""
        png = self._memory.get(key)
        if png is not None:
            write_atomically(target, png)
            return True
        try:
            copy_atomically(share_image_cache_file(self._cache_dir, key), target)
        except FileNotFoundError:
            return False
        return True

    def page_image(self, page_url: str, site_url: str) -> dict | None:
        """What overrides/main.html prints as the page's og:image, if it has one."""
        path = share_image(page_url.removeprefix("./"))
        image = self._images.get(path)
        if image is None or image.card is None:
            return None
        return {"url": site_url + path, "type": MIME_TYPE, "width": WIDTH, "height": HEIGHT, "alt": image.alt}


def share_image_cache_file(folder: Path, key: str) -> Path:
    return folder / f"{key}.png"


def _cached_keys(folder: Path, wanted) -> set[str]:
    """The wanted keys the cache folder holds, by their names alone; the images no page
    wants any more are deleted (deleting one only costs time: another build of the same
    project that still wanted it draws it again)."""
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError:
        return set()
    wanted = set(wanted)
    cached = set()
    for name in names:
        key, _, extension = name.partition(".")
        if extension != "png":
            continue  # a file being written (.<key>.png.….tmp) is another build's
        if key in wanted:
            cached.add(key)
        else:
            with contextlib.suppress(OSError):
                (folder / name).unlink()
    return cached


def _warnings(left_out: dict[tuple[str, str], list[str]], data_file: Path, shown: str) -> list[str]:
    """One warning per character left out (one for all the right-to-left letters of the same
    pages), at its first line in the data file, else naming the pages alone (a character of a
    template, or changed by the conversion)."""
    # Imported here: a spawned drawing worker imports this module, and needs none of the data's reading.
    from measures_site.data.problems import DataError
    from measures_site.data.read import read_text

    try:
        data_lines = read_text(data_file, shown).splitlines()
    except (OSError, DataError):
        data_lines = []
    groups: dict[tuple[str, tuple[str, ...], str], list[str]] = {}
    for (reason, character), pages in sorted(left_out.items()):
        # Right-to-left letters come in words: one warning for all those on the same pages.
        group = (reason, tuple(pages), "" if reason == NOT_RIGHT_TO_LEFT else character)
        groups.setdefault(group, []).append(character)
    warnings: list[Problem | str] = []
    for (reason, pages, _), characters in groups.items():
        shown_pages = ", ".join(pages[:3]) + (f" and {len(pages) - 3} more" if len(pages) > 3 else "")
        more = f" (and {len(characters) - 1} more such characters)" if len(characters) > 1 else ""
        images = "image" if len(pages) == 1 else "images"
        message = f"{name(characters[0])}{more} is left out of the share {images} of {shown_pages}: {reason}"
        where = next(
            ((number, line.find(character) + 1) for number, line in enumerate(data_lines, 1) for character in characters if character in line),
            None,
        )
        warnings.append(Problem(shown, *where, message, "warning") if where else message)
    # In the order of the data file, then those it does not hold.
    located = sorted(warning for warning in warnings if isinstance(warning, Problem))
    return [str(warning) for warning in located] + [f"warning: {warning}" for warning in warnings if isinstance(warning, str)]
