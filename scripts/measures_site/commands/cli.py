"""Check, fix, review, build and serve the measures site: one command line, a subcommand for each job.

    build_measures.py check [--changed-since REF] [--format github]
                        validate the data files; exit 1 with every problem at its line;
                        with REF, also warn of the addresses the change since REF removes or
                        moves without a record; github: problems as annotations and a job summary
    build_measures.py fix [FILE…]
                        repair pasted-text artefacts in place (the data files by default),
                        then list what needs a person
    build_measures.py review BASE_DIR
                        Markdown: what the data change will publish, against BASE_DIR's data files
    build_measures.py build [--site-dir DIR]
                        the whole site into site/ (or DIR), never half-published
    build_measures.py serve
                        build, serve on this machine and rebuild on every save
    build_measures.py schema
                        data/*.yaml.schema.json from the model
    build_measures.py partials
                        the theme's language partials from interface.yaml

check, fix and review read data/measures.yaml and data/conversion.yaml unless --data and
--overrides name others. check, fix, review, schema and partials load no part of MkDocs.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from measures_site.commands.addresses import address_warnings
from measures_site.commands.annotations import changed_lines, in_review_order, workflow_command
from measures_site.commands.annotations import summary as problems_summary
from measures_site.commands.build import build_site
from measures_site.commands.fix import fix_file, remaining_problems
from measures_site.commands.review import review_change
from measures_site.content.interface import write_language_partials
from measures_site.content.pipeline import check_site_content
from measures_site.data.problems import DataError
from measures_site.data.schema import write_schemas
from measures_site.locales import LOCALES
from measures_site.project import DATA_DIR, DATA_FILE, OVERRIDES_FILE, ROOT, display_path, search_terms_file

# Where `serve` answers: this machine only (the preview refuses other hosts, preview.py).
SERVE_ADDRESS = "127.0.0.1:8000"


def parser() -> argparse.ArgumentParser:
    commands = argparse.ArgumentParser(
        prog="build_measures.py", description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    subcommands = commands.add_subparsers(dest="command", required=True, metavar="COMMAND")
    data_files = argparse.ArgumentParser(add_help=False)
    data_files.add_argument("--data", type=Path, default=DATA_FILE, help="data file (default: data/measures.yaml)")
    data_files.add_argument(
        "--overrides", type=Path, default=OVERRIDES_FILE, help="conversion overrides (default: data/conversion.yaml)"
    )

    check = subcommands.add_parser("check", parents=[data_files], help="validate the data files, write nothing")
    check.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="github: also print problems as GitHub workflow annotations and write the job summary",
    )
    check.add_argument(
        "--changed-since",
        metavar="REF",
        help="warn of addresses the change since REF removes or moves; with --format github, problems on lines"
        " changed since REF come first",
    )
    fix = subcommands.add_parser(
        "fix", parents=[data_files], help="repair pasted-text artefacts in place, then list what needs a person"
    )
    fix.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="repair radicals, compatibility ideographs and invisible characters in these (default: the data files)",
    )
    review = subcommands.add_parser("review", parents=[data_files], help="what the data change will publish (Markdown)")
    review.add_argument("base", type=Path, metavar="BASE_DIR", help="the folder holding the data files before the change")
    build = subcommands.add_parser("build", help="build the whole site, never half-published")
    build.add_argument("--site-dir", type=Path, default=ROOT / "site")
    subcommands.add_parser("serve", help=f"build, serve on http://{SERVE_ADDRESS}/ and rebuild on every save")
    subcommands.add_parser("schema", help="rewrite the data files' JSON schemas from the model")
    subcommands.add_parser(
        "partials", help="rewrite overrides/partials/languages/ from the interface strings (content/interface.yaml)"
    )
    return commands


def main(argv: list[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    if arguments.command == "build":
        return build_site(arguments.site_dir)
    if arguments.command == "serve":
        return _serve()
    if arguments.command == "fix":
        return _fix(arguments.files, arguments.data, arguments.overrides)
    if arguments.command == "schema":
        write_schemas(DATA_DIR)
        return 0
    if arguments.command == "partials":
        write_language_partials(ROOT / "overrides" / "partials" / "languages", LOCALES)
        return 0
    if arguments.command == "review":
        try:
            print(review_change(arguments.base, arguments.data, arguments.overrides, display_path), end="")
        except DataError as error:
            print(error.report(), file=sys.stderr)
            return 1
        return 0
    return _check(arguments)


def _check(arguments: argparse.Namespace) -> int:
    try:
        warnings = check_site_content(arguments.data, arguments.overrides, display_path)
        if arguments.changed_since:
            warnings = (*warnings, *address_warnings(arguments.data, display_path(arguments.data), arguments.changed_since))
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


def _serve() -> int:
    """MkDocs' own server in place of this process: its live reload, its Ctrl-C."""
    os.chdir(ROOT)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    os.execv(sys.executable, [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", SERVE_ADDRESS])
    return 1  # not reached: exec replaces the process


def _checked(data: Path, overrides: Path) -> list[Path]:
    """The files a check read: search.yaml only when there is one (it is optional)."""
    search_terms = search_terms_file(data)
    return [data, overrides, *([search_terms] if search_terms.is_file() else [])]


def _fix(files: list[Path], data: Path, overrides: Path) -> int:
    """Repair each file, print every repair, then what is left: the whole check for the data files."""
    problems = []
    for path in files or _checked(data, overrides):
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
