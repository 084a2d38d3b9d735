"""The site's command line: check, fix, review, build, serve (and schema, partials).

    python scripts/build_measures.py COMMAND [options]     (python scripts/build_measures.py --help)

The commands are described in measures_site/commands/cli.py. The `make` targets run them
(`make check`, `make fix`, `make build`, `make serve`); scripts/mkdocs_hooks.py hands MkDocs'
events to the same steps during a build.
"""

import sys

# Ctrl-C raises KeyboardInterrupt from the first line on, so even the imports are inside a `try`
# that ends the command in one line (measures_site/commands/interruption.py).
try:
    from measures_site.commands.interruption import exit_status, interruption_in, raise_if_dropped, stop_on_signals, stopped_by

    if __name__ == "__main__":
        stop_on_signals()

    from measures_site.commands.cli import main

    if __name__ == "__main__":
        raise_if_dropped()
except (KeyboardInterrupt, RuntimeError) as error:
    from measures_site.commands.interruption import exit_status, interruption_in, stopped_by

    interruption = interruption_in(error)
    if __name__ != "__main__" or interruption is None:
        raise

    print(f"Interrupted ({stopped_by(interruption).name}); nothing was written.", file=sys.stderr)
    sys.exit(exit_status(interruption))


if __name__ == "__main__":
    try:
        status = main()
    except (KeyboardInterrupt, RuntimeError) as error:
        interruption = interruption_in(error)
        if interruption is None:
            raise
        # Before a build's working folder existed (the build says what became of site/ itself).
        print(f"Interrupted ({stopped_by(interruption).name}); nothing was written.", file=sys.stderr)
        status = exit_status(interruption)
    sys.exit(status)
