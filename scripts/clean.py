"""`make clean`: remove what the build made, and only that.

    python3 scripts/clean.py

Removes site/ and the working folders a killed build may have left beside it, the
share images kept between builds, and the generated pages under docs/<script>/. A file there that the generator did not
write is kept and named. Needs only Python's standard library.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measures_site.commands.site_folder import leftovers  # noqa: E402
from measures_site.locales import LOCALES  # noqa: E402
from measures_site.project import share_image_cache  # noqa: E402
from measures_site.site.docs_folder import ForeignFiles, remove_generated_pages  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    site = ROOT / "site"
    for folder in [site, *leftovers(site), share_image_cache(ROOT)]:
        shutil.rmtree(folder, ignore_errors=True)
    kept = remove_generated_pages(ROOT / "docs", [locale.code for locale in LOCALES])
    if kept:
        print(f"Kept: {ForeignFiles(kept, ROOT / 'docs')}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
