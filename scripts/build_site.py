"""Build the whole site into site/ without ever leaving it half-published.

    python scripts/build_site.py [--site-dir site]

The data are validated first; MkDocs then builds into a temporary folder beside
site/, and only a complete, successful build replaces site/ (two renames). Any
failure or interruption (Ctrl-C, SIGTERM) leaves the last good site/ byte for byte
as it was, removes the temporary folder, and says why in one located line per problem.

The build deletes only what it made: it refuses a site folder that is the project,
holds it, is in data/ or docs/, or has files without the mark every site it makes
carries (measures_site/site_folder.py).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from measures_site.pipeline import load_site_content
from measures_site.problems import DataError
from measures_site.project import DATA_FILE, OVERRIDES_FILE, ROOT, display_path
from measures_site.site_folder import mark, refusal, retired, staging_prefix


WARNING = re.compile(r"(\S+:\d+:\d+: )?warning: ")


class Interrupted(Exception):
    def __init__(self, signal_number: int) -> None:
        super().__init__(signal.Signals(signal_number).name)
        self.exit_status = 128 + signal_number


def _interrupt(signal_number: int, frame) -> None:
    raise Interrupted(signal_number)


def _mkdocs_errors(log: str) -> str:
    """MkDocs' own error lines, without its log-level prefix and banner."""
    lines = [line.split("-", 1)[-1].strip() for line in log.splitlines() if line.startswith(("ERROR", "WARNING"))]
    if lines:
        return "\n".join(lines)
    return log.strip().splitlines()[-1] if log.strip() else "mkdocs build failed"


def build_site(site_dir: Path) -> int:
    refused = refusal(site_dir, ROOT)
    if refused:
        print(f"{display_path(site_dir)}: not a site folder: {refused}. Nothing was built or deleted.", file=sys.stderr)
        return 1
    try:
        load_site_content(DATA_FILE, OVERRIDES_FILE, display_path)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=staging_prefix(site_dir), dir=site_dir.parent))
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(staging)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        if result.returncode != 0:
            print(_mkdocs_errors(result.stderr + result.stdout), file=sys.stderr)
            print(f"The build failed; {display_path(site_dir)}/ is unchanged.", file=sys.stderr)
            return 1
        # What the build warns of without failing (a character a share image leaves out) is
        # printed by the hook, not logged, and must not vanish with MkDocs' captured output.
        for line in result.stderr.splitlines():
            if WARNING.match(line):
                print(line, file=sys.stderr)
        mark(staging)
        old = retired(site_dir)
        shutil.rmtree(old, ignore_errors=True)
        if site_dir.exists():
            site_dir.rename(old)
        staging.rename(site_dir)
        shutil.rmtree(old, ignore_errors=True)
    except Interrupted as interruption:
        old = retired(site_dir)
        if old.is_dir() and not site_dir.exists():  # interrupted between the two renames
            old.rename(site_dir)
        print(f"Interrupted ({interruption}); {display_path(site_dir)}/ is unchanged.", file=sys.stderr)
        return interruption.exit_status
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"Built {display_path(site_dir)}/", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signal_number, _interrupt)
    return build_site(parser.parse_args(argv).site_dir)


if __name__ == "__main__":
    sys.exit(main())
