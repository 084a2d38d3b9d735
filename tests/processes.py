"""Watching a command through Linux's /proc, to interrupt it at a moment of its own making
rather than after a guessed delay."""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Callable
from pathlib import Path


def catches(pid: int, signal_number: int) -> bool:
    """Whether the process has a handler of its own for the signal (SigCgt in /proc/PID/status)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return False
    return bool(int(re.search(r"^SigCgt:\s*([0-9a-f]+)$", status, re.M)[1], 16) & (1 << (signal_number - 1)))


def child_commands(pid: int) -> list[list[str]]:
    """The command lines of the process's children."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="utf-8").split()
    except OSError:
        return []
    commands = []
    for child in children:
        try:
            commands.append(Path(f"/proc/{child}/cmdline").read_bytes().decode("utf-8", "replace").split("\0"))
        except OSError:
            pass  # it has ended meanwhile
    return commands


def has_loaded(pid: int, name: str) -> bool:
    """Whether a shared library whose file name contains `name` is mapped into the process."""
    try:
        return name in Path(f"/proc/{pid}/maps").read_text(encoding="utf-8")
    except OSError:
        return False


def wait_while_running(process: subprocess.Popen, condition: Callable[[], object], what: str) -> None:
    """Wait until `condition()` holds; fail if the process ends first or it never does."""
    deadline = time.monotonic() + 120
    while not condition():
        assert process.poll() is None, f"it ended before {what}: {process.communicate()}"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.005)
