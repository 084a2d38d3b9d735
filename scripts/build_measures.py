"""Generate the measures pages from data/measures.yaml: command line and MkDocs hook.

    python scripts/build_measures.py            validate, then write docs/<locale>/ pages
    python scripts/build_measures.py --check    validate only; exit 1 with located errors
    python scripts/build_measures.py --write-schema   data/measures.schema.json from the model

As a hook (mkdocs.yml `hooks:`) it regenerates the pages before every build, so
`mkdocs build` and `mkdocs serve` always render the current data, and it makes
`mkdocs serve` watch data/.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from measures_site.locales import LOCALES
from measures_site.model import MeasuresDocument
from measures_site.load import load_document
from measures_site.pipeline import build_pages
from measures_site.problems import DataError
from measures_site.publish import publish_pages
from measures_site.schema import write_schema

ROOT = Path(__file__).resolve().parent.parent
DATA_FILE = ROOT / "data" / "measures.yaml"
DOCS_DIR = ROOT / "docs"
SCHEMA_FILE = ROOT / "data" / "measures.schema.json"

# Section titles of the navigation, in the source script (converted like the pages).
NAV_DOMAINS = "合作領域"


def _shown(path: Path) -> str:
    """How error messages name a file: relative to the project when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def generate(data_file: Path = DATA_FILE, docs_dir: Path = DOCS_DIR) -> MeasuresDocument:
    """Validate the data and write every page; on bad data raise DataError, writing nothing."""
    document = load_document(data_file, _shown(data_file))
    publish_pages(build_pages(document), docs_dir, [locale.code for locale in LOCALES])
    return document


# ── MkDocs hook ──────────────────────────────────────────────────────────────


def _navigation(document: MeasuresDocument, locale_code: str) -> list:
    from measures_site.convert import ScriptConverter
    from measures_site.render import PATHS

    locale = next(locale for locale in LOCALES if locale.code == locale_code)
    convert = str if locale.is_source else ScriptConverter(locale.opencc_config)
    return [
        PATHS.home,
        PATHS.memorandum,
        {convert(NAV_DOMAINS): [PATHS.domain(domain) for domain in document.domains]},
        PATHS.all_measures,
    ]


def on_pre_build(config) -> None:
    from mkdocs.exceptions import PluginError

    root = Path(config.config_file_path).parent
    try:
        document = generate(root / "data" / "measures.yaml", Path(config.docs_dir))
    except DataError as error:
        raise PluginError(error.report()) from None
    config.nav = _navigation(document, config.theme["language"])


def on_serve(server, config, builder):
    server.watch(str(Path(config.config_file_path).parent / "data"))
    return server


# ── command line ─────────────────────────────────────────────────────────────


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="validate only, write nothing")
    parser.add_argument("--data", type=Path, default=DATA_FILE, help="data file (default: data/measures.yaml)")
    parser.add_argument("--docs-dir", type=Path, default=DOCS_DIR, help="where pages are written")
    parser.add_argument("--write-schema", action="store_true", help="rewrite data/measures.schema.json from the model")
    arguments = parser.parse_args(argv)
    if arguments.write_schema:
        write_schema(SCHEMA_FILE)
        return 0
    try:
        if arguments.check:
            load_document(arguments.data, _shown(arguments.data))
        else:
            generate(arguments.data, arguments.docs_dir)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    print(f"{_shown(arguments.data)}: OK", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
