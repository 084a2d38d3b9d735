"""Check, repair and generate the measures pages from data/measures.yaml: the command line.

    python scripts/build_measures.py            validate, then write docs/<locale>/ pages
    python scripts/build_measures.py --check    validate only; exit 1 with located errors
    python scripts/build_measures.py --check [--changed-since REF]
                                                also warn of the addresses the change since REF
                                                removes or moves without a record
    python scripts/build_measures.py --check --format github [--changed-since REF]
                                                problems as GitHub annotations and a job summary
    python scripts/build_measures.py --review BASE_DIR
                                                Markdown: what the data change will publish,
                                                compared with the data files in BASE_DIR
    python scripts/build_measures.py --write-schema   data/*.yaml.schema.json from the model
    python scripts/build_measures.py --write-partials the theme's language partials from interface.yaml
    python scripts/build_measures.py --fix [FILE…]    repair pasted-text artefacts in place (both data
                                                files by default), then list what needs a person

The command editors run (`make check`, `make fix`); it loads no part of MkDocs. The
MkDocs build calls the same steps from scripts/mkdocs_hooks.py.
"""

import sys

# Ctrl-C raises KeyboardInterrupt from the first line on, so even the imports are inside
# a `try` that ends the command in one line (measures_site/commands/interruption.py).
try:
    from measures_site.commands.interruption import exit_status, interruption_in, raise_if_dropped, stop_on_signals, stopped_by

    if __name__ == "__main__":
        stop_on_signals()

    import argparse
    import os
    from pathlib import Path

    from measures_site.commands.addresses import address_warnings
    from measures_site.commands.annotations import changed_lines, in_review_order, workflow_command
    from measures_site.commands.annotations import summary as problems_summary
    from measures_site.commands.fix import fix_file, remaining_problems
    from measures_site.content.interface import write_language_partials
    from measures_site.locales import LOCALES
    from measures_site.content.pipeline import SiteContent, check_site_content, load_site_content
    from measures_site.data.problems import DataError
    from measures_site.project import DATA_DIR, DATA_FILE, DOCS_DIR, OVERRIDES_FILE, ROOT, display_path, search_terms_file
    from measures_site.site.docs_folder import ForeignFiles, publish_pages
    from measures_site.commands.review import review_change
    from measures_site.data.schema import write_schemas

    if __name__ == "__main__":
        raise_if_dropped()
except (KeyboardInterrupt, RuntimeError) as error:
    from measures_site.commands.interruption import exit_status, interruption_in, stopped_by

    interruption = interruption_in(error)
    if __name__ != "__main__" or interruption is None:
        raise

    print(f"Interrupted ({stopped_by(interruption).name}).", file=sys.stderr)
    sys.exit(exit_status(interruption))


def generate(
    data_file: Path = DATA_FILE, overrides_file: Path = OVERRIDES_FILE, docs_dir: Path = DOCS_DIR
) -> SiteContent:
    """Validate the data and write every page; on bad data raise DataError, writing nothing."""
    content = load_site_content(data_file, overrides_file, display_path)
    publish_pages(content.markdown(), docs_dir, [locale.code for locale in LOCALES])
    return content


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="validate only, write nothing")
    parser.add_argument("--data", type=Path, default=DATA_FILE, help="data file (default: data/measures.yaml)")
    parser.add_argument(
        "--overrides", type=Path, default=OVERRIDES_FILE, help="conversion overrides (default: data/conversion.yaml)"
    )
    parser.add_argument("--docs-dir", type=Path, default=DOCS_DIR, help="where pages are written")
    parser.add_argument("--write-schema", action="store_true", help="rewrite the data files' JSON schemas from the model")
    parser.add_argument(
        "--write-partials",
        action="store_true",
        help="rewrite overrides/partials/languages/ from the interface strings (measures_site/content/interface.yaml)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="github: also print problems as GitHub workflow annotations and write the job summary",
    )
    parser.add_argument(
        "--changed-since",
        metavar="REF",
        help="warn of addresses the change since REF removes or moves; with --format github, problems on lines"
        " changed since REF come first",
    )
    parser.add_argument(
        "--review", type=Path, metavar="BASE_DIR", help="print what will be published, compared with BASE_DIR's data"
    )
    parser.add_argument(
        "--fix",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="repair radicals, compatibility ideographs and invisible characters in place (default: both data files),"
        " then list what still needs a person",
    )
    arguments = parser.parse_args(argv)
    if arguments.fix is not None:
        return _fix(arguments.fix, arguments.data, arguments.overrides)
    if arguments.write_schema:
        write_schemas(DATA_DIR)
        return 0
    if arguments.write_partials:
        write_language_partials(ROOT / "overrides" / "partials" / "languages", LOCALES)
        return 0
    try:
        if arguments.review:
            print(review_change(arguments.review, arguments.data, arguments.overrides, display_path), end="")
            return 0
        if arguments.check:
            warnings = check_site_content(arguments.data, arguments.overrides, display_path)
            if arguments.changed_since:
                warnings = (
                    *warnings,
                    *address_warnings(arguments.data, display_path(arguments.data), arguments.changed_since),
                )
        else:
            warnings = generate(arguments.data, arguments.overrides, arguments.docs_dir).warnings
    except ForeignFiles as error:
        print(error, file=sys.stderr)
        return 1
    except DataError as error:
        print(error.report(), file=sys.stderr)
        if arguments.format == "github":
            data_files = [arguments.data, arguments.overrides, search_terms_file(arguments.data)]
            _annotate_on_github(error.problems, data_files, arguments.changed_since)
        return 1
    for warning in warnings:
        print(warning, file=sys.stderr)
        if arguments.format == "github":
            print(workflow_command(warning))
    print(f"{', '.join(display_path(path) for path in _checked(arguments.data, arguments.overrides))}: OK", file=sys.stderr)
    return 0


def _checked(data: Path, overrides: Path) -> list[Path]:
    """The files a check read: search.yaml only when there is one (it is optional)."""
    search_terms = search_terms_file(data)
    return [data, overrides, *([search_terms] if search_terms.is_file() else [])]


def _fix(files: list[Path], data: Path, overrides: Path) -> int:
    """Repair each file, print every repair, then what is left: the whole check for the data files."""
    problems = []
    search_terms = search_terms_file(data)
    defaults = [data, overrides, *([search_terms] if search_terms.is_file() else [])]
    for path in files or defaults:
        try:
            for repair in fix_file(path, display_path(path)):
                print(repair)
            if files:
                problems += remaining_problems(path, display_path(path))
        except DataError as error:
            problems += error.problems
    if not files and not problems:
        try:
            for warning in check_site_content(data, overrides, display_path):
                print(warning, file=sys.stderr)
        except DataError as error:
            problems += error.problems
    if problems:
        print(DataError(problems).report().replace("nothing was published", "for a person to correct"), file=sys.stderr)
        return 1
    print(f"{', '.join(display_path(path) for path in files or [data, overrides])}: OK", file=sys.stderr)
    return 0


def _annotate_on_github(problems: list, data_files: list[Path], changed_since: str | None) -> None:
    changed = {
        (display_path(path), line) for path in data_files if changed_since for line in changed_lines(path, changed_since)
    }
    for problem in in_review_order(problems, changed):
        print(workflow_command(problem))
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        with open(summary_file, "a", encoding="utf-8") as summary_output:
            summary_output.write(problems_summary(problems))


if __name__ == "__main__":
    try:
        status = main()
    except (KeyboardInterrupt, RuntimeError) as error:
        interruption = interruption_in(error)
        if interruption is None:
            raise
        print(f"Interrupted ({stopped_by(interruption).name}).", file=sys.stderr)
        status = exit_status(interruption)
    sys.exit(status)
