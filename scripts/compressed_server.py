"""Serve a built site over loopback the way GitHub Pages does: text gzip-compressed,
a 404 page for missing addresses, a short cache lifetime.

    python scripts/compressed_server.py [SITE_DIR] [--port 8000]

Used by `make audit` and the benchmarks, so that what Lighthouse and the first-view
figures measure is what a reader's phone would download. Python's own server sends
everything uncompressed, which would overstate every page by three to five times.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import socket
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

# What GitHub Pages compresses: text, not images or archives that are compressed already.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")
CACHE_CONTROL = "max-age=600"  # GitHub Pages' own


@functools.lru_cache(maxsize=512)
def _gzipped(path: Path, modified: float) -> bytes:
    # mtime=0: the same bytes each time, like a static host's cache. Level 6 is zlib's
    # default and close to what static hosts use.
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


class CompressingHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "application/javascript",
        ".json": "application/json",
        ".xml": "application/xml",
        ".svg": "image/svg+xml",
    }

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        self._respond(body=True)

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib name
        self._respond(body=False)

    def _respond(self, body: bool) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path.split("?", 1)[0] + "/")
                self.end_headers()
                return
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
            if not path.is_file():
                self.send_error(404)
                return
        content_type = self.guess_type(str(path))
        data = path.read_bytes()
        compress = content_type.startswith(COMPRESSED_TYPES) and "gzip" in self.headers.get("Accept-Encoding", "")
        if compress:
            data = _gzipped(path, path.stat().st_mtime)
        self.send_response(status)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8" if content_type.startswith("text/") else content_type)
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", CACHE_CONTROL)
        self.end_headers()
        if body:
            self.wfile.write(data)
        if self.server.sent is not None:
            self.server.sent.append((self.path, len(data) if body else 0))


def free_port() -> int:
    """A loopback port free now, for a server whose address must be known before it starts."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serve_compressed(directory: Path, port: int = 0, sent: list[tuple[str, int]] | None = None) -> Iterator[str]:
    """Serve `directory` on loopback (a free port unless given); yields the base URL.

    With `sent`, every response is appended to it as (request path, bytes of body sent).
    """
    with serve_folder(directory, CompressingHandler, port, sent=sent) as url:
        yield url


class LoopbackServer(http.server.ThreadingHTTPServer):
    """A server on this machine for a browser: a connection the browser closes before its answer is
    sent (a page left, a request given up) is dropped, not reported with a traceback."""

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):  # BrokenPipeError, ConnectionResetError…
            return
        super().handle_error(request, client_address)


@contextlib.contextmanager
def serve_folder(
    directory: Path, handler_class: type[http.server.SimpleHTTPRequestHandler], port: int = 0, **server_attributes
) -> Iterator[str]:
    """Serve `directory` on loopback with `handler_class` in a background thread; yields the base URL."""
    handler = functools.partial(handler_class, directory=str(directory))
    server = LoopbackServer(("127.0.0.1", port), handler)
    for name, value in server_attributes.items():
        setattr(server, name, value)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", nargs="?", type=Path, default=Path("site"))
    parser.add_argument("--port", type=int, default=8000)
    arguments = parser.parse_args()
    with serve_compressed(arguments.site_dir, arguments.port) as url:
        print(f"Serving {arguments.site_dir}/ at {url} (gzip, like GitHub Pages); Ctrl-C stops.")
        threading.Event().wait()


if __name__ == "__main__":
    main()
