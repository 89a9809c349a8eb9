"""Atomic file writes: a reader never sees a half-written output file.

The data goes to a temporary file in the target's own directory (so the
final ``os.replace`` is a rename on one file system), is flushed to disk,
then replaces the target in one step. On any error the temporary file is
removed and the target is left as it was. Ctrl-C during a write waits until
the file is whole (a few milliseconds), then interrupts as usual: an
interrupted run leaves complete files only.

``atomic_write_many`` writes a set of files all or none: each to its
temporary file first, then all renamed. ``folder_lock`` keeps two runs from
writing one folder at once. ``writable_folder`` checks an output folder
before any work is done; ``written_by_policykit`` tells a file policykit
wrote from one it must not overwrite.
"""
from __future__ import annotations

import errno
import os
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from ..errors import PolicykitError
from ..paths import NAME_MAX, bounded_name

#: Errors that mean the folder, not one file, cannot take more: a batch stops.
FOLDER_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO})


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
    tmp = _temporary(target, data)
    try:
        os.replace(tmp, target)
    except BaseException:
        _remove(tmp)
        raise
    return target


def _temporary(target: Path, data: bytes) -> str:
    """``data`` in a new temporary file beside ``target``, on disk; its path.
    The name (``.NAME.XXXXXXXX.tmp``) stays within 255 bytes however long NAME is."""
    prefix = "." + bounded_name(target.name, ".", NAME_MAX - len(".XXXXXXXX.tmp") - 1)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=prefix, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _default_mode())
    except BaseException:
        _remove(tmp)
        raise
    return tmp


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def atomic_write_many(plan: Iterable[tuple[Path, Callable[[], bytes]]]) -> list[Path]:
    """Builds and writes every file of ``plan`` (target, function giving its
    bytes), all or none: each goes to a temporary file first, and only when
    all are on disk are they renamed into place. A failure (a full disk,
    Ctrl-C) removes the temporary files and leaves the folder as it was; an
    ``OSError`` names the file that could not be written."""
    written: list[tuple[str, Path]] = []
    try:
        for target, build in plan:
            data = build()
            try:
                written.append((_temporary(target, data), target))
            except OSError as exc:
                exc.filename = str(target)
                raise
        with _interrupts_deferred():
            for tmp, target in written:
                os.replace(tmp, target)
    except BaseException:
        for tmp, _ in written:
            _remove(tmp)
        raise
    return [target for _, target in written]


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


@contextmanager
def folder_lock(path: str | os.PathLike[str], wait: bool = False) -> Iterator[None]:
    """Holds a lock on the folder ``path`` (flock on the folder itself: no
    lock file is left behind). Another run holding it is an ``OutputError``,
    or, with ``wait``, waited for."""
    import fcntl

    fd = os.open(path, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            raise OutputError("another policykit run is writing in this folder; try again when it is done",
                              str(path)) from None
        except OSError:
            pass   # a file system without locks: go on unlocked
        yield
    finally:
        os.close(fd)


def written_by_policykit(path: str | os.PathLike[str], *marks: bytes) -> bool:
    """Whether the file at ``path`` begins (in its first 4 KB) with one of
    ``marks``, the way policykit starts what it writes; a folder, a link
    or anything else there is not policykit's."""
    target = Path(path)
    if target.is_symlink() or not target.is_file():
        return False
    try:
        with open(target, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return any(mark in head for mark in marks)
