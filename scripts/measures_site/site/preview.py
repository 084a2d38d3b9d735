"""`mkdocs serve` made safe to leave running while editors work.

- It answers only requests addressed to this machine by name (127.0.0.1 or
  localhost): a web page elsewhere cannot point a host name of its own at the
  loopback address (DNS rebinding) and read the preview.
- An address no file can have (a NUL, or bytes that are not UTF-8: `/%00`, `/%ff`) is
  answered 400 in one line: MkDocs' server would open() it and answer 500 with a
  traceback in the terminal, or drop the bytes and answer for another address.
- A rebuild that fails does not leave it stuck: MkDocs' server holds every request
  until a rebuild succeeds, so a failure is reported and the last build stays served.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable

LOCAL_HOST_NAMES = frozenset({"127.0.0.1", "localhost"})


def host_name(host_header: str) -> str:
    """The name in a Host header, without its port: "localhost:8000" -> "localhost"."""
    if host_header.startswith("["):
        return host_header.partition("]")[0] + "]"
    return host_header.rpartition(":")[0] if ":" in host_header else host_header


def only_local_hosts(app: Callable) -> Callable:
    """A WSGI application answering like `app` for local host names, 421 for any other."""

    def guarded(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if host_name(environ.get("HTTP_HOST", "")).lower() in LOCAL_HOST_NAMES:
            return app(environ, start_response)
        start_response("421 Misdirected Request", [("Content-Type", "text/plain; charset=utf-8")])
        return [b"This preview answers only at http://127.0.0.1 and http://localhost.\n"]

    return guarded


def _names_a_file(path_info: str) -> bool:
    # PEP 3333: the server hands over the path's bytes as latin-1 characters.
    try:
        return "\0" not in path_info.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return False


def only_file_addresses(app: Callable) -> Callable:
    """A WSGI application answering like `app`, or 400 for an address no file can have."""

    def guarded(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if _names_a_file(environ.get("PATH_INFO", "")):
            return app(environ, start_response)
        start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8")])
        return [b"No page has this address: it holds a NUL or bytes that are not UTF-8.\n"]

    return guarded


def keep_serving_on_failure(builder: Callable) -> Callable:
    """`builder`, reporting a failure in one line instead of raising it."""

    def build(*args, **kwargs) -> None:
        try:
            builder(*args, **kwargs)
        except Exception as error:  # any failure: the preview must keep answering
            print(f"The preview could not be rebuilt: {error}. Still serving the last build.", file=sys.stderr)

    return build
