"""`make serve`'s answers to requests no page can match, asked in-process of the WSGI application
`mkdocs serve` runs (the hook's wrappers around MkDocs' own), without starting a server."""

from __future__ import annotations

import logging
import wsgiref.util
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.livereload import LiveReloadServer

from measures_site.site.mkdocs_build import MeasuresBuild


@pytest.fixture
def preview(tmp_path: Path):
    """The application `mkdocs serve` would answer with, serving one page from tmp_path/site."""
    (tmp_path / "data").mkdir()
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<html><body>首頁</body></html>", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"))
    MeasuresBuild().on_serve(server, config, builder=lambda: None)
    yield server.get_app()
    server.server_close()


def request(app, path_info: str) -> tuple[str, bytes]:
    """Status and body for a GET whose path the server decoded to `path_info` (PEP 3333: bytes as latin-1)."""
    environ = {"PATH_INFO": path_info, "HTTP_HOST": "127.0.0.1:8000"}
    wsgiref.util.setup_testing_defaults(environ)
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = status

    body = b"".join(app(environ, start_response))
    return answer["status"], body


def test_the_preview_serves_its_pages(preview):
    assert request(preview, "/")[0] == "200 OK"


@pytest.mark.parametrize(
    "path_info",
    [
        "/\x00",  # /%00: no file name holds a NUL (MkDocs' open() raised, a 500 and a traceback)
        "/a\x00b/",
        "/\xff",  # /%ff: not UTF-8 (MkDocs dropped the byte and answered for another address)
        "/zh-Hans/\xe7\xae",  # a character cut short
        "/\xc0\xaf",  # an overlong "/", the classic way around a path check
    ],
)
def test_an_address_no_file_can_have_is_a_bad_request_in_one_line(preview, path_info, caplog):
    with caplog.at_level(logging.DEBUG):
        status, body = request(preview, path_info)
    assert status == "400 Bad Request"
    assert body.decode("utf-8").count("\n") == 1
    assert not [record for record in caplog.records if record.exc_info or record.levelno >= logging.ERROR]
