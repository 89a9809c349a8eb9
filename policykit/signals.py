"""How a command stops when asked: Ctrl-C (SIGINT), SIGTERM, SIGHUP.

The first signal raises ``Stopped`` (a ``KeyboardInterrupt``) in the main
thread: a batch kills its worker processes, files being written are
finished or removed (``policykit.writers.files``), and the command ends with
one line and exit code 128 + the signal's number (130 for Ctrl-C). A
second signal does not wait for any of that: the workers are killed and
the process leaves at once, still without a traceback.
"""
from __future__ import annotations

import errno
import io
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

STOPPING_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Stopped(KeyboardInterrupt):
    """The command was asked to stop by ``signum``."""

    def __init__(self, signum: int = signal.SIGINT):
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum

    @property
    def line(self) -> str:
        if self.signum == signal.SIGINT:
            return "policykit: interrupted"
        return f"policykit: stopped by {signal.Signals(self.signum).name}"


_stopping: list[int] = []


def _on_signal(signum: int, frame) -> None:
    if _stopping:
        _leave_now(signum)
    _stopping.append(signum)
    raise Stopped(signum)


def _leave_now(signum: int) -> None:
    from .pool import kill_all

    kill_all()
    try:
        os.write(2, f"{Stopped(signum).line}\n".encode())
    except OSError:
        pass
    os._exit(128 + signum)


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Within the block, SIGINT, SIGTERM and SIGHUP raise ``Stopped`` (only in
    the main thread, where Python delivers signals)."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _stopping.clear()
    previous = {}
    for number in STOPPING_SIGNALS:
        try:
            previous[number] = signal.signal(number, _on_signal)
        except (OSError, ValueError):
            pass
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def stopped_by(exc: KeyboardInterrupt) -> Stopped:
    """The ``Stopped`` of a KeyboardInterrupt, whoever raised it."""
    return exc if isinstance(exc, Stopped) else Stopped(signal.SIGINT)


def flush_quietly() -> None:
    """After a failure on standard output: what is still buffered goes nowhere,
    so that the interpreter does not fail again writing it on its way out."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass
    sys.stdout = open(os.devnull, "w", encoding="utf-8")


class _Closed(io.RawIOBase):
    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        raise OSError(errno.EBADF, "closed, nothing can be written")


def guard_closed_output() -> None:
    """A command started with standard output closed (``>&-``) has
    ``sys.stdout`` None, and would print nothing and succeed: its first
    write fails instead."""
    if sys.stdout is None:
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(_Closed()), encoding="utf-8")
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")
