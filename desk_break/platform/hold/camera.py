"""Hold breaks while another application uses the camera (a video call).

- Linux: another process holds a `/dev/video*` node open. inotify on the nodes
  (IN_OPEN, IN_CLOSE_WRITE, IN_CLOSE_NOWRITE; measured: devtmpfs reports opens and
  closes of character devices) wakes us only when someone opens or closes one;
  then one scan of `/proc/*/fd` decides, reading links (os.readlink), never file
  contents, and skipping our own pid. Without inotify it falls back to a slow
  poll plus check_now() before a due break.
- Windows (ConsentStore `webcam`) and macOS (CoreMediaIO 'device is running
  somewhere'): asked at a slow period, see polled.py.

The device root, the proc root and our pid come in as arguments, so the tests
use a plain file standing for /dev/video0 and the real /proc.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import struct
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QObject, QSocketNotifier

from desk_break.platform.hold.base import HoldDetector
from desk_break.platform.hold.polled import (
    PolledDetector,
    WinregReader,
    apple_property_reader,
    consent_probe,
    devices_running,
)
from desk_break.qt.timers import make_timer

IN_OPEN = 0x00000020
IN_CLOSE_WRITE = 0x00000008
IN_CLOSE_NOWRITE = 0x00000010
IN_CREATE = 0x00000100
IN_DELETE = 0x00000200
IN_NONBLOCK = os.O_NONBLOCK
IN_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_EVENT = struct.Struct("iIII")  # wd, mask, cookie, len (struct inotify_event)

# Opens come in bursts (an app probes every node, then opens one): scan once after.
SCAN_DELAY_MS = 250
# Without inotify: look this seldom (one full /proc scan costs about 3.5 ms of CPU
# with 93 processes, measured here), and when asked (check_now before a due break).
FALLBACK_POLL_MS = 300_000


# ---- Linux: who holds a video node open -------------------------------------


def video_devices(device_root: Path) -> list[Path]:
    """The `video*` nodes under the device root (`/dev` in the app)."""
    try:
        names = sorted(n for n in os.listdir(device_root) if n.startswith("video"))
    except OSError:
        return []
    return [device_root / n for n in names]


def find_holder(devices: Iterable[Path], proc_root: Path, own_pid: int) -> int | None:
    """The pid of some other process with one of `devices` open, or None.

    Only links are read: /proc/<pid>/fd/<n> names the open file. Processes of
    other users cannot be read and are skipped (the call app is the person's own).
    """
    targets = {os.path.realpath(d) for d in devices}
    if not targets:
        return None
    try:
        entries = os.listdir(proc_root)
    except OSError:
        return None
    for name in entries:
        if not name.isdigit() or int(name) == own_pid:
            continue
        fd_dir = os.path.join(proc_root, name, "fd")
        try:
            fds = os.listdir(fd_dir)
        except OSError:
            continue
        for fd in fds:
            try:
                if os.readlink(os.path.join(fd_dir, fd)) in targets:
                    return int(name)
            except OSError:
                continue
    return None


class Inotify:
    """inotify_init1 / inotify_add_watch through ctypes: the standard library has neither."""

    def __init__(self) -> None:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        self._add = libc.inotify_add_watch
        self._add.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32]
        self._add.restype = ctypes.c_int
        init = libc.inotify_init1
        init.argtypes = [ctypes.c_int]
        init.restype = ctypes.c_int
        fd = init(IN_NONBLOCK | IN_CLOEXEC)
        if fd < 0:
            err = ctypes.get_errno()
            raise OSError(err, os.strerror(err))
        self.fd: int = fd

    def add_watch(self, path: Path, mask: int) -> int:
        wd = int(self._add(self.fd, os.fsencode(path), mask))
        if wd < 0:
            err = ctypes.get_errno()
            raise OSError(err, os.strerror(err), str(path))
        return wd

    def read_events(self) -> list[tuple[int, int, str]]:
        """(wd, mask, name) of every queued event; [] when none is waiting."""
        try:
            data = os.read(self.fd, 65536)
        except BlockingIOError:
            return []
        events: list[tuple[int, int, str]] = []
        offset = 0
        while offset + _EVENT.size <= len(data):
            wd, mask, _cookie, length = _EVENT.unpack_from(data, offset)
            start = offset + _EVENT.size
            name = data[start : start + length].rstrip(b"\0").decode(errors="replace")
            events.append((wd, mask, name))
            offset = start + length
        return events

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.fd)


class LinuxCameraDetector(HoldDetector):
    """Active while another process has a `/dev/video*` node open.

    Signals:
        changed(bool): active() changed.
    """

    reason: ClassVar[str] = "camera"

    def __init__(
        self,
        device_root: Path = Path("/dev"),
        proc_root: Path = Path("/proc"),
        own_pid: int | None = None,
        use_inotify: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._device_root = device_root
        self._proc_root = proc_root
        self._own_pid = os.getpid() if own_pid is None else own_pid
        self._use_inotify = use_inotify
        self._in_use = False
        self._inotify: Inotify | None = None
        self._notifier: QSocketNotifier | None = None
        self._scan_timer = make_timer(
            "camera-scan", self, SCAN_DELAY_MS, single_shot=True, on_timeout=self.check_now
        )
        self.poll_timer = make_timer(
            "camera-poll", self, FALLBACK_POLL_MS, on_timeout=self.check_now
        )

    @property
    def event_driven(self) -> bool:
        """True when inotify watches the nodes (no polling at all)."""
        return self._notifier is not None

    def start(self) -> bool:
        """False when this machine has no camera node."""
        devices = video_devices(self._device_root)
        if not devices:
            return False
        if self._use_inotify:
            self._start_inotify(devices)
        if self._notifier is None:
            self.poll_timer.start()
        self.check_now()
        return True

    def _start_inotify(self, devices: list[Path]) -> None:
        try:
            inotify = Inotify()
        except (OSError, AttributeError):  # AttributeError: a libc without inotify
            return
        try:
            for device in devices:
                inotify.add_watch(device, IN_OPEN | IN_CLOSE_WRITE | IN_CLOSE_NOWRITE)
            # A camera plugged in later gets its own watch.
            inotify.add_watch(self._device_root, IN_CREATE | IN_DELETE)
        except OSError:
            inotify.close()
            return
        self._inotify = inotify
        self._notifier = QSocketNotifier(inotify.fd, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_inotify)

    def _on_inotify(self) -> None:
        if self._inotify is None:
            return
        relevant = False
        for _wd, mask, name in self._inotify.read_events():
            if mask & IN_CREATE and name.startswith("video"):
                with contextlib.suppress(OSError):
                    self._inotify.add_watch(
                        self._device_root / name, IN_OPEN | IN_CLOSE_WRITE | IN_CLOSE_NOWRITE
                    )
                relevant = True
            elif mask & (IN_OPEN | IN_CLOSE_WRITE | IN_CLOSE_NOWRITE) or name.startswith("video"):
                relevant = True
        if relevant and not self._scan_timer.isActive():
            self._scan_timer.start()

    def stop(self) -> None:
        self._scan_timer.stop()
        self.poll_timer.stop()
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._inotify is not None:
            self._inotify.close()
            self._inotify = None
        self._in_use = False

    def active(self) -> bool:
        return self._in_use

    def check_now(self) -> None:
        holder = find_holder(video_devices(self._device_root), self._proc_root, self._own_pid)
        in_use = holder is not None
        if in_use != self._in_use:
            self._in_use = in_use
            self.changed.emit(in_use)


# ---- Windows and macOS ------------------------------------------------------


class PolledCameraDetector(PolledDetector):
    """The camera on Windows (ConsentStore) and macOS (CoreMediaIO)."""

    reason: ClassVar[str] = "camera"


def camera_detector(parent: QObject | None = None) -> HoldDetector:
    """The camera detector for this OS (its start() says whether it can work)."""
    if sys.platform == "win32":
        return PolledCameraDetector(consent_probe(WinregReader(), "webcam"), parent)
    if sys.platform == "darwin":
        read = apple_property_reader("CoreMediaIO", "CMIO")
        return PolledCameraDetector(
            lambda: None if read is None else devices_running(read), parent
        )
    return LinuxCameraDetector(parent=parent)
