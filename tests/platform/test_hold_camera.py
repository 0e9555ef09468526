"""The camera detector: another process holding a video node, for real through /proc.

A plain file stands for /dev/video0 under an injected device root; the holder is
a real child process, found by the real /proc scan, woken by real inotify.
Windows and macOS are checked on data: their OS calls are injected.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desk_break.platform.hold.camera import (
    IN_CLOSE_NOWRITE,
    IN_CLOSE_WRITE,
    IN_OPEN,
    Inotify,
    LinuxCameraDetector,
    PolledCameraDetector,
    find_holder,
    video_devices,
)
from desk_break.platform.hold.polled import (
    CONSENT_STORE,
    PROPERTY_DEVICES,
    PROPERTY_RUNNING_SOMEWHERE,
    SCOPE_GLOBAL,
    SYSTEM_OBJECT,
    consent_apps_in_use,
    consent_probe,
    devices_running,
    fourcc,
)

PROC = Path("/proc")
HOLD = "import sys; f = open(sys.argv[1], 'rb'); print('open', flush=True); sys.stdin.read()"


@pytest.fixture
def dev(tmp_path: Path) -> Path:
    root = tmp_path / "dev"
    root.mkdir()
    (root / "video0").write_bytes(b"")
    (root / "null").write_bytes(b"")
    return root


class Holder:
    """Another application with a file open until it is let go."""

    def __init__(self, path: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLD, str(path)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline() == "open\n"

    def release(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=10)
        assert self.process.stdout is not None
        self.process.stdout.close()


@pytest.fixture
def holders() -> Iterator[list[Holder]]:
    made: list[Holder] = []
    yield made
    for holder in made:
        if holder.process.poll() is None:
            holder.release()


def test_the_proc_scan_finds_another_process_and_skips_our_own(
    dev: Path, holders: list[Holder]
) -> None:
    devices = video_devices(dev)
    assert devices == [dev / "video0"]
    assert find_holder(devices, PROC, os.getpid()) is None
    with open(dev / "video0", "rb"):
        assert find_holder(devices, PROC, os.getpid()) is None  # we are not a video call
        assert find_holder(devices, PROC, own_pid=-1) == os.getpid()
    holder = Holder(dev / "video0")
    holders.append(holder)
    assert find_holder(devices, PROC, os.getpid()) == holder.process.pid
    with open(dev / "null", "rb"):  # other nodes are not cameras
        holder.release()
        assert find_holder(devices, PROC, os.getpid()) is None


def test_goes_active_when_another_app_opens_the_camera_and_back_when_it_closes(
    qtbot: QtBot, dev: Path, holders: list[Holder]
) -> None:
    detector = LinuxCameraDetector(device_root=dev)
    assert detector.start()
    assert detector.event_driven  # inotify here: no polling at all
    assert not detector.poll_timer.isActive()
    assert not detector.active()
    with qtbot.waitSignal(detector.changed, timeout=5000) as blocker:
        holders.append(Holder(dev / "video0"))
    assert blocker.args == [True]
    assert detector.active()
    with qtbot.waitSignal(detector.changed, timeout=5000) as blocker:
        holders[0].release()
    assert blocker.args == [False]
    detector.stop()


def test_a_camera_plugged_in_after_start_is_watched(
    qtbot: QtBot, dev: Path, holders: list[Holder]
) -> None:
    detector = LinuxCameraDetector(device_root=dev)
    assert detector.start()
    (dev / "video2").write_bytes(b"")
    with qtbot.waitSignal(detector.changed, timeout=5000) as blocker:
        holders.append(Holder(dev / "video2"))
    assert blocker.args == [True]
    detector.stop()


def test_inotify_reports_opens_of_a_real_character_device_and_nothing_else() -> None:
    """What the detector relies on, measured on this machine's devtmpfs: /dev/null
    stands for a camera node (same kind of inode), a plain file for an unwatched one."""
    inotify = Inotify()
    try:
        inotify.add_watch(Path("/dev/null"), IN_OPEN | IN_CLOSE_WRITE | IN_CLOSE_NOWRITE)
        assert inotify.read_events() == []
        with open("/dev/zero", "rb"):  # a node nobody watches wakes nobody
            pass
        assert inotify.read_events() == []
        with open("/dev/null", "rb"):
            pass
        assert [mask for _wd, mask, _name in inotify.read_events()] == [
            IN_OPEN, IN_CLOSE_NOWRITE
        ]
    finally:
        inotify.close()


def test_without_inotify_it_polls_slowly_and_answers_check_now(
    qtbot: QtBot, dev: Path, holders: list[Holder]
) -> None:
    detector = LinuxCameraDetector(device_root=dev, use_inotify=False)
    assert detector.start()
    assert not detector.event_driven
    assert detector.poll_timer.isActive()
    assert detector.poll_timer.interval() == 300_000
    holders.append(Holder(dev / "video0"))
    with qtbot.waitSignal(detector.changed) as blocker:
        detector.check_now()
    assert blocker.args == [True]
    holders[0].release()
    detector.check_now()
    assert not detector.active()
    detector.stop()
    assert not detector.poll_timer.isActive()


def test_no_camera_node_is_unavailable(qtbot: QtBot, tmp_path: Path) -> None:
    assert LinuxCameraDetector(device_root=tmp_path).start() is False
    assert LinuxCameraDetector(device_root=tmp_path / "missing").start() is False


# ---- Windows: the ConsentStore, as data ---------------------------------------


class Registry:
    """HKCU as a dict: key path -> {value name: int}; subkeys follow from the paths."""

    def __init__(self, keys: dict[str, dict[str, int]]) -> None:
        self.keys = keys

    def subkeys(self, path: str) -> list[str]:
        prefix = path + "\\"
        return sorted({k[len(prefix):].split("\\")[0] for k in self.keys if k.startswith(prefix)})

    def integer(self, path: str, name: str) -> int | None:
        return self.keys.get(path, {}).get(name)


WEBCAM = f"{CONSENT_STORE}\\webcam"
FILETIME = 133_900_000_000_000_000  # some moment in 2025, 100 ns ticks since 1601


def test_consent_store_an_app_using_the_camera_now_is_in_use() -> None:
    registry = Registry({
        f"{WEBCAM}\\Microsoft.WindowsCamera_8wekyb3d8bbwe": {
            "LastUsedTimeStart": FILETIME, "LastUsedTimeStop": FILETIME + 10},
        f"{WEBCAM}\\NonPackaged\\C:#Program Files#Zoom#bin#Zoom.exe": {
            "LastUsedTimeStart": FILETIME + 50, "LastUsedTimeStop": 0},
        f"{WEBCAM}\\NonPackaged\\C:#never#used.exe": {
            "LastUsedTimeStart": 0, "LastUsedTimeStop": 0},
    })
    assert consent_apps_in_use(registry, "webcam") == [
        f"{WEBCAM}\\NonPackaged\\C:#Program Files#Zoom#bin#Zoom.exe"
    ]
    registry.keys[f"{WEBCAM}\\NonPackaged\\C:#Program Files#Zoom#bin#Zoom.exe"][
        "LastUsedTimeStop"] = FILETIME + 99
    assert consent_apps_in_use(registry, "webcam") == []
    registry.keys[f"{WEBCAM}\\Teams_8wekyb3d8bbwe"] = {"LastUsedTimeStart": FILETIME,
                                                       "LastUsedTimeStop": 0}
    assert consent_apps_in_use(registry, "webcam") == [f"{WEBCAM}\\Teams_8wekyb3d8bbwe"]
    assert consent_apps_in_use(registry, "microphone") == []


def test_windows_detector_goes_active_and_back_and_is_unavailable_without_the_key(
    qtbot: QtBot,
) -> None:
    key = f"{WEBCAM}\\NonPackaged\\C:#call.exe"
    registry = Registry({key: {"LastUsedTimeStart": FILETIME, "LastUsedTimeStop": FILETIME}})
    detector = PolledCameraDetector(consent_probe(registry, "webcam"))
    assert detector.start()
    assert detector.poll_timer.isActive()
    assert not detector.active()
    registry.keys[key]["LastUsedTimeStop"] = 0
    with qtbot.waitSignal(detector.changed) as blocker:
        detector.check_now()
    assert blocker.args == [True]
    registry.keys[key]["LastUsedTimeStop"] = FILETIME + 1
    with qtbot.waitSignal(detector.changed) as blocker:
        detector.poll_timer.timeout.emit()
    assert blocker.args == [False]
    detector.stop()
    assert PolledCameraDetector(consent_probe(Registry({}), "webcam")).start() is False


# ---- macOS: CoreMediaIO, as data ------------------------------------------------


def test_four_character_codes_are_the_apple_constants() -> None:
    assert PROPERTY_RUNNING_SOMEWHERE == fourcc("gone") == 0x676F6E65
    assert PROPERTY_DEVICES == 0x64657623  # 'dev#'
    assert SCOPE_GLOBAL == 0x676C6F62  # 'glob'
    with pytest.raises(ValueError):
        fourcc("gon")


def test_a_device_running_somewhere_is_in_use() -> None:
    running = {33: 0, 47: 0}

    def read(object_id: int, selector: int, scope: int) -> bytes | None:
        assert scope == SCOPE_GLOBAL
        if (object_id, selector) == (SYSTEM_OBJECT, PROPERTY_DEVICES):
            return struct.pack("=2I", 33, 47)
        if selector == PROPERTY_RUNNING_SOMEWHERE and object_id in running:
            return struct.pack("=I", running[object_id])
        return None

    assert devices_running(read) is False
    running[47] = 1
    assert devices_running(read) is True
    assert devices_running(read, wanted=lambda device: device != 47) is False
    assert devices_running(lambda _o, _s, _c: None) is None
