"""Read a person's file (settings, moves, calendar) without hanging or swallowing memory.

Every loader of a file the person names or edits goes through `read_user_file`:
- it opens with O_NONBLOCK, so a FIFO never blocks the app (which holds the
  instance lock while it starts, and a stuck start locks out every later one);
- it checks the open descriptor with fstat (not the path, which could be swapped
  in between) and refuses a FIFO, a device, a socket or a folder before a byte is
  read, so a link to /dev/zero or /dev/urandom is one clear message, not gigabytes;
- it caps the size at 1 MiB (these files are a few KB; an 18 MB file of comments
  takes tomlkit close to a minute), also for a file that grows while it is read.

Qt-free and pure standard library, so the core (the move catalog) uses it too.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from desk_break.core.i18n import QT_TRANSLATE_NOOP, arg, translate

__all__ = ["MAX_USER_FILE_BYTES", "RefusedFile", "open_regular_file", "read_user_file"]

MAX_USER_FILE_BYTES = 1024 * 1024
_CHUNK = 64 * 1024

_KINDS = (
    (stat.S_ISDIR, QT_TRANSLATE_NOOP("Files", "is a folder, not a regular file")),
    (stat.S_ISFIFO, QT_TRANSLATE_NOOP("Files", "is a named pipe (FIFO), not a regular file")),
    (stat.S_ISCHR, QT_TRANSLATE_NOOP("Files", "is a character device, not a regular file")),
    (stat.S_ISBLK, QT_TRANSLATE_NOOP("Files", "is a block device, not a regular file")),
    (stat.S_ISSOCK, QT_TRANSLATE_NOOP("Files", "is a socket, not a regular file")),
)


class RefusedFile(OSError):
    """A file that exists but is not read: `reason` is half a sentence for a person.

    "is a named pipe (FIFO), not a regular file", "is larger than 1 MiB (18.9 MB)",
    "cannot be opened (permission denied)". `str()` is "<path>: <reason>".
    """

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MiB"
    return f"{size} bytes"


def _too_big(path: Path, size: int | None, limit: int) -> RefusedFile:
    limit_text = "1 MiB" if limit == MAX_USER_FILE_BYTES else _size_text(limit)
    seen = f" ({_size_text(size)})" if size is not None else ""
    return RefusedFile(path, arg(translate("Files", "is larger than %1%2, too big for this file"),
                                 limit_text, seen))


def _open_regular(path: Path) -> tuple[int, os.stat_result]:
    """A blocking descriptor on the regular file at `path`, and its fstat.

    Opened with O_NONBLOCK (a FIFO never blocks the open) and checked on the open
    descriptor (not the path, which could be swapped in between). Raises
    FileNotFoundError when there is nothing at `path`, RefusedFile otherwise.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError as exc:
        # A socket cannot be opened at all (ENXIO), Windows opens no folder: say what it is.
        try:
            _refuse_special(path, os.stat(path).st_mode)
        except OSError as inner:
            if isinstance(inner, RefusedFile):
                raise inner from None
        raise RefusedFile(path, arg(translate("Files", "cannot be opened (%1)"),
                                    _reason(exc))) from None
    try:
        info = os.fstat(fd)
        _refuse_special(path, info.st_mode)
        # A regular file opened non-blocking reads normally; clear the flag anyway so a
        # file system that honours it (some FUSE ones) cannot hand back EAGAIN.
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except RefusedFile:
        os.close(fd)
        raise
    except OSError as exc:
        os.close(fd)
        raise RefusedFile(path, arg(translate("Files", "cannot be read (%1)"),
                                    _reason(exc))) from None
    return fd, info


def read_user_file(path: Path, limit: int = MAX_USER_FILE_BYTES) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them.

    Raises FileNotFoundError when there is nothing at `path` (callers treat that
    as "no file"), and RefusedFile for anything there that is not read.
    """
    fd, info = _open_regular(path)
    try:
        if info.st_size > limit:
            raise _too_big(path, info.st_size, limit)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # it grew while we read (or st_size lied: /proc, sysfs)
            raise _too_big(path, None, limit)
        return b"".join(chunks)
    except RefusedFile:
        raise
    except OSError as exc:
        raise RefusedFile(path, arg(translate("Files", "cannot be read (%1)"),
                                    _reason(exc))) from None
    finally:
        os.close(fd)


def open_regular_file(path: Path) -> BinaryIO:
    """A binary reader on the regular file at `path`, of any size (an export to import).

    Checked like `read_user_file`: a named pipe never blocks, a device (a link to
    /dev/zero) or a folder is refused before a byte is read. The caller bounds what
    it reads (lines). Raises FileNotFoundError or RefusedFile.
    """
    fd, _info = _open_regular(path)
    return os.fdopen(fd, "rb")


def _refuse_special(path: Path, mode: int) -> None:
    for test, kind in _KINDS:
        if test(mode):
            raise RefusedFile(path, translate("Files", kind))
    if not stat.S_ISREG(mode):
        raise RefusedFile(path, translate("Files", "is not a regular file"))


def _reason(exc: OSError) -> str:
    return (exc.strerror or type(exc).__name__).lower()
