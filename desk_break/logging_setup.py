"""Logs go to a rotated file in the user log dir; the console stays quiet unless asked."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

from desk_break.paths import DETACHED_ENV, UnusablePath, os_reason

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(log_file: Path, *, verbose: bool = False) -> None:
    """Log to `log_file`; UnusablePath (naming the file and why) when it cannot be written."""
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise UnusablePath("the log folder", log_file.parent, "is a file, not a folder") from None
    except OSError as exc:
        reason = f"cannot be created ({os_reason(exc)})"
        raise UnusablePath("the log folder", log_file.parent, reason) from None
    try:
        handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=512 * 1024, backupCount=3, encoding="utf-8"
        )
    except OSError as exc:
        reason = f"cannot be written ({os_reason(exc)})"
        raise UnusablePath("the log file", log_file, reason) from None
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    # APScheduler logs every job run at INFO: all day, that is noise, not news.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    if verbose:
        console = logging.StreamHandler()
        console.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(console)


def detach_stderr() -> None:
    """Started by `desk-break` (the launcher, of the app or the statistics window): its
    pipe on our stderr was for start-up failures only. The launcher stops reading once
    we answer, so stderr goes to /dev/null from here on (the log has what matters)."""
    if os.environ.pop(DETACHED_ENV, None) != "1":
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, sys.stderr.fileno())
    finally:
        os.close(null)
