"""Build the whole site into site/ without ever leaving it half-published (`build_measures.py build`).

The data are validated first; MkDocs then builds into a temporary folder beside
site/, and only a complete, successful build replaces site/ (two renames). Any
failure or interruption (Ctrl-C, SIGTERM, at any moment, the imports included), a
read-only or busy folder, or a working folder deleted during the build, leaves the last
good site/ byte for byte as it was, removes the temporary folder, and says why in one
line (one located line per problem in the data).

The build deletes only what it made: it refuses a site folder that is the project,
holds it, is in data/ or docs/, or has files without the mark every site it makes
carries (site_folder.py).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

from measures_site.commands.interruption import exit_status, interruption_in, signals_ignored, stopped_by
from measures_site.commands.site_folder import IN_PROGRESS, mark, read_only, refusal, retired, staging_prefix
from measures_site.content.pipeline import load_site_content
from measures_site.data.problems import DataError
from measures_site.project import DATA_FILE, OVERRIDES_FILE, ROOT, display_path

# What to do about the errors a folder can give while the site is put in its place.
_WHAT_TO_DO = {
    errno.EROFS: "Its file system is read-only: build into a folder on a writable disk with --site-dir.",
    errno.EACCES: "This user may not write there: make the folder writable, or build elsewhere with --site-dir.",
    errno.EPERM: "This user may not write there: make the folder writable, or build elsewhere with --site-dir.",
    errno.EBUSY: "It is in use, or a mount point, which cannot be replaced:"
    " build into another folder with --site-dir and copy the files in.",
    errno.ENOSPC: "The disk is full: free some space and build again.",
    errno.ENOENT: "A folder was moved or deleted during the build (by `make clean`, or another build?): build again.",
    errno.ENOTEMPTY: "An earlier build's working folder is in the way: remove it and build again.",
    errno.EEXIST: "An earlier build's working folder is in the way: remove it and build again.",
}


WARNING = re.compile(r"(\S+:\d+:\d+: )?warning: ")


def _mkdocs_errors(log: str) -> str:
    """MkDocs' own error lines, without its log-level prefix and banner."""
    lines = [line.split("-", 1)[-1].strip() for line in log.splitlines() if line.startswith(("ERROR", "WARNING"))]
    if lines:
        return "\n".join(lines)
    return log.strip().splitlines()[-1] if log.strip() else "mkdocs build failed"


def _fail(message: str, status: int = 1) -> int:
    print(message, file=sys.stderr)
    return status


def _os_says(error: OSError) -> str:
    said = error.strerror or str(error)
    names = [display_path(Path(os.fsdecode(name))) for name in (error.filename, error.filename2) if name]
    return f"{said}: {' → '.join(names)}" if names else said


def _mkdocs_build(staging: Path) -> str | None:
    """MkDocs' errors, or None once it has built the whole site into `staging`."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(staging)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if result.returncode != 0:
        return _mkdocs_errors(result.stderr + result.stdout)
    # What the build warns of without failing (the data's warnings, a character a share image
    # leaves out) is printed by the hook, not logged, and must not vanish with MkDocs' output.
    for line in result.stderr.splitlines():
        if WARNING.match(line):
            print(line, file=sys.stderr)
    return None


def _put_in_place(staging: Path, site_dir: Path) -> None:
    (staging / IN_PROGRESS).unlink()  # FileNotFoundError: the folder was deleted during the build
    mark(staging)
    old = retired(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    with contextlib.suppress(FileNotFoundError):  # no site yet, or deleted meanwhile: nothing to keep
        site_dir.rename(old)
    staging.rename(site_dir)


def _is_folder(path: Path, made: os.stat_result | None) -> bool:
    try:
        now = path.stat()
    except OSError:
        return False
    return made is not None and (now.st_dev, now.st_ino) == (made.st_dev, made.st_ino)


def _finish(site_dir: Path, staging: Path, made: os.stat_result | None) -> str:
    """Put the last good site back if it was moved aside, remove the working folders; where the site is."""
    old = retired(site_dir)
    with signals_ignored():
        # Decided from the disk, not from how far the code got: a signal can land between
        # a rename and the next line.
        replaced = _is_folder(site_dir, made)
        if not replaced and old.is_dir() and not site_dir.exists():
            with contextlib.suppress(OSError):
                old.rename(site_dir)
        shutil.rmtree(staging, ignore_errors=True)
        if site_dir.is_dir():
            shutil.rmtree(old, ignore_errors=True)
    shown = display_path(site_dir)
    if replaced:
        return f"{shown}/ holds the new build"
    if site_dir.is_dir():
        return f"{shown}/ is unchanged"
    if old.is_dir():
        return f"{shown}/ could not be put back: the last good site is {display_path(old)}/"
    return f"no {shown}/ was published"


def build_site(site_dir: Path) -> int:
    """Build into a working folder beside `site_dir`, then put it in its place; the exit status."""
    shown = display_path(site_dir)
    refused = refusal(site_dir, ROOT)
    if refused:
        return _fail(f"{shown}: not a site folder: {refused}. Nothing was built or deleted.")
    locked = read_only(site_dir)
    if locked:
        return _fail(f"{shown}/ cannot be replaced: {locked}. Nothing was built; {shown}/ is unchanged.")
    try:
        load_site_content(DATA_FILE, OVERRIDES_FILE, display_path)
    except DataError as error:
        return _fail(error.report())
    site_dir = site_dir.resolve()
    # Named before it exists, so that however early a signal lands, the cleanup knows it.
    staging = site_dir.parent / f"{staging_prefix(site_dir)}{secrets.token_hex(4)}"
    made = None
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        staging.mkdir(mode=0o700)
        made = staging.stat()
        (staging / IN_PROGRESS).touch()
        failure = _mkdocs_build(staging)
        if failure is None:
            _put_in_place(staging, site_dir)
        state = _finish(site_dir, staging, made)  # inside the `try`: a signal may land on its first line
    except (KeyboardInterrupt, RuntimeError) as error:
        interruption = interruption_in(error)
        if interruption is None:
            raise
        name = stopped_by(interruption).name
        return _fail(f"Interrupted ({name}); {_finish(site_dir, staging, made)}.", exit_status(interruption))
    except OSError as error:
        advice = _WHAT_TO_DO.get(error.errno, "Build again once that is fixed.")
        return _fail(f"{shown}/ could not be replaced ({_os_says(error)}); {_finish(site_dir, staging, made)}. {advice}")
    if failure is not None:
        return _fail(f"{failure}\nThe build failed; {state}.")
    print(f"Built {shown}/", file=sys.stderr)
    return 0
