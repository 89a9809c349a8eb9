"""Atomic file writes: a reader never sees a half-written output file.

The data goes to a temporary file in the target's own directory (so the
final ``os.replace`` is a rename on one file system), is flushed to disk,
then replaces the target in one step. On any error the temporary file is
removed and the target is left as it was. Ctrl-C during a write waits until
the file is whole (a few milliseconds), then interrupts as usual: an
interrupted run leaves complete files only.

``writable_folder`` checks an output folder before any work is done.
"""
from __future__ import annotations

import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from ..errors import PolicykitError


class OutputError(PolicykitError):
    """An output folder or file that cannot be written."""

    code = "output_error"


@lru_cache(maxsize=1)
def _default_mode() -> int:
    # mkstemp creates files 0600; outputs should get the mode a plain open() would.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    with _interrupts_deferred():
        return _write(Path(path), data)


def _write(target: Path, data: bytes) -> Path:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _default_mode())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return target


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> Path:
    return atomic_write_bytes(path, text.encode(encoding))


@contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Ctrl-C (SIGINT) arriving inside the block takes effect when it ends.

    Python raises KeyboardInterrupt between any two bytecodes, also between
    creating the temporary file and the ``try`` that would remove it. Only
    the main thread receives signals, and only it may set their handlers."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught:
            if callable(previous):
                previous(signal.SIGINT, None)   # the default handler raises KeyboardInterrupt
            elif previous == signal.SIG_DFL:
                os.kill(os.getpid(), signal.SIGINT)


def writable_folder(path: str | os.PathLike[str]) -> Path:
    """The folder ``path``, created if missing, once a file could be written
    in it; an ``OutputError`` saying why not otherwise (a file in the way, a
    read-only or virtual file system, no permission). Called before any
    work, so a run that cannot save its results does not start."""
    folder = Path(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise OutputError("cannot create this folder: a file is in the way", str(folder)) from None
    except OSError as exc:
        raise OutputError(f"cannot create this folder ({_reason(exc)})", str(folder)) from None
    try:
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".policykit-", suffix=".tmp")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(f"cannot write in this folder ({_reason(exc)})", str(folder)) from None
    return folder


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()
