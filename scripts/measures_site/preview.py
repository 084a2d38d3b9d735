"""`mkdocs serve` made safe to leave running while editors work.

- It answers only requests addressed to this machine by name (127.0.0.1 or
  localhost): a web page elsewhere cannot point a host name of its own at the
  loopback address (DNS rebinding) and read the preview.
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


def keep_serving_on_failure(builder: Callable) -> Callable:
    """`builder`, reporting a failure in one line instead of raising it."""

    def build(*args, **kwargs) -> None:
        try:
            builder(*args, **kwargs)
        except Exception as error:  # any failure: the preview must keep answering
            print(f"The preview could not be rebuilt: {error}. Still serving the last build.", file=sys.stderr)

    return build
