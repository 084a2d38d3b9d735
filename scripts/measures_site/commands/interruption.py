"""Ctrl-C and SIGTERM end a command with one line and the shell's exit status, never a traceback.

Both signals raise KeyboardInterrupt (SIGTERM, what `kill`, a CI runner's cancel and `timeout`
send, as its subclass Interrupted) from a script's first line on, so one `except` around
everything a command does, its imports included, is the whole of it (`interruption_in` finds
it where Python has wrapped it in another error). Python drops an exception raised where it
cannot be passed on (a weakref callback: an import releasing its lock runs one), so each signal
is also remembered, and `raise_if_dropped` raises it again once the imports are done.
Standard library only: the commands import it before anything heavy.
"""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Iterator


class Interrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM, raised where Python raises KeyboardInterrupt; its argument the signal's number."""


_received: list[int] = []


def _raise(signal_number: int, frame: object) -> None:
    _received.append(signal_number)
    raise Interrupted(signal_number)


def _unless_dropped_interruption(unraisable: sys.UnraisableHookArgs) -> None:
    """Python's report of an exception it drops, except for a signal: raise_if_dropped raises it."""
    if not isinstance(unraisable.exc_value, Interrupted):
        sys.__unraisablehook__(unraisable)


def stop_on_signals() -> None:
    """Ctrl-C and SIGTERM raise Interrupted from here on, and are remembered."""
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signal_number, _raise)
    sys.unraisablehook = _unless_dropped_interruption


def raise_if_dropped() -> None:
    """Raise again a signal that landed where Python drops exceptions; any signal raised
    before this is called has already ended the `try` around the imports."""
    if _received:
        raise Interrupted(_received[-1])


def interruption_in(error: BaseException) -> KeyboardInterrupt | None:
    """The Ctrl-C or SIGTERM behind `error`: itself, or what caused it. Python 3.11 wraps an
    exception raised while a class is being made (in `__set_name__`) in a RuntimeError, so a
    signal landing there, during an import, arrives as one."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, KeyboardInterrupt):
            return error
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return None


def stopped_by(interruption: KeyboardInterrupt) -> signal.Signals:
    if isinstance(interruption, Interrupted) and interruption.args:
        return signal.Signals(interruption.args[0])
    return signal.SIGINT


def exit_status(interruption: KeyboardInterrupt) -> int:
    """What a shell reports for a command a signal stopped: 128 + its number (130 for Ctrl-C)."""
    return 128 + stopped_by(interruption)


@contextlib.contextmanager
def signals_ignored() -> Iterator[None]:
    """Let a command that is already stopping clean up: a second Ctrl-C must not cut that short.

    A no-op outside the main thread, where Python lets no one change the handlers.
    """
    handled = (signal.SIGINT, signal.SIGTERM)
    try:
        before = {number: signal.signal(number, signal.SIG_IGN) for number in handled}
    except ValueError:
        yield
        return
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)
