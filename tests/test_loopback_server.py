"""The tests' and the audit's web server: quiet when a browser closes a connection early, loud otherwise."""

from __future__ import annotations

import http.server

import pytest

from compressed_server import LoopbackServer


@pytest.fixture
def server():
    server = LoopbackServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    yield server
    server.server_close()


def error_report(server: LoopbackServer, error: Exception, capsys) -> str:
    """What the server prints when handling a request raised `error`."""
    try:
        raise error
    except Exception:
        server.handle_error(None, ("127.0.0.1", 50000))
    return capsys.readouterr().err


@pytest.mark.parametrize("error", [BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "Connection reset by peer")])
def test_a_connection_the_browser_closed_is_dropped_without_a_traceback(server, error, capsys):
    assert error_report(server, error, capsys) == ""


def test_any_other_error_is_still_reported_with_its_traceback(server, capsys):
    report = error_report(server, ValueError("a real fault"), capsys)
    assert "Traceback" in report and "ValueError: a real fault" in report
