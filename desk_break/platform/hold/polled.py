"""Device use read by asking the OS at a slow period: Windows and macOS.

Neither offers a change event that fits a small Qt loop (Windows'
RegNotifyChangeKeyValue needs a waiting thread; CoreMediaIO/CoreAudio property
listeners need a CFRunLoop), so a PolledDetector asks every POLL_MS and at once
when the lead calls check_now() shortly before a break is due.

- Windows: `HKCU\\...\\CapabilityAccessManager\\ConsentStore\\<capability>`
  ("webcam", "microphone"): an app key, packaged or under `NonPackaged`, with
  LastUsedTimeStop == 0 and LastUsedTimeStart > 0 is using the device now.
- macOS: `k...DevicePropertyDeviceIsRunningSomewhere` ('gone') on each device of
  `k...HardwarePropertyDevices` ('dev#'), through CoreMediaIO for cameras and
  CoreAudio (same call shape) for microphones.

The OS calls come in as arguments (a RegistryReader, a PropertyReader), so the
tests run on data anywhere.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import importlib
import struct
import sys
from collections.abc import Callable
from typing import Any, ClassVar, Protocol

from PySide6.QtCore import QObject

from desk_break.platform.hold.base import HoldDetector
from desk_break.qt.timers import make_timer

# Look this often, and when asked (check_now).
POLL_MS = 60_000


class PolledDetector(HoldDetector):
    """A reason read by a probe that has no change events here; check_now() reads at once.

    Subclasses only name their reason.

    Signals:
        changed(bool): active() changed.
    """

    def __init__(self, probe: Callable[[], bool | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._probe = probe
        self._on = False
        self.poll_timer = make_timer(
            f"{self.reason}-poll", self, POLL_MS, on_timeout=self.check_now
        )

    def start(self) -> bool:
        """False when the probe cannot answer on this machine (None)."""
        if self._probe() is None:
            return False
        self.poll_timer.start()
        self.check_now()
        return True

    def stop(self) -> None:
        self.poll_timer.stop()
        self._on = False

    def active(self) -> bool:
        return self._on

    def check_now(self) -> None:
        on = bool(self._probe())
        if on != self._on:
            self._on = on
            self.changed.emit(on)


CONSENT_STORE = r"Software\Microsoft\Windows\CurrentVersion\CapabilityAccessManager\ConsentStore"


class RegistryReader(Protocol):
    """The two registry reads the ConsentStore needs (HKEY_CURRENT_USER)."""

    def subkeys(self, path: str) -> list[str]: ...

    def integer(self, path: str, name: str) -> int | None: ...


def consent_apps_in_use(reader: RegistryReader, capability: str) -> list[str]:
    """App keys of `capability` ("webcam", "microphone") using the device right now.

    Windows stamps LastUsedTimeStart (a FILETIME) when an app begins and
    LastUsedTimeStop when it ends; Stop == 0 with Start > 0 means still running.
    """
    base = f"{CONSENT_STORE}\\{capability}"
    keys: list[str] = []
    for sub in reader.subkeys(base):
        if sub == "NonPackaged":
            keys += [f"{base}\\NonPackaged\\{s}" for s in reader.subkeys(f"{base}\\NonPackaged")]
        else:
            keys.append(f"{base}\\{sub}")
    return [
        key for key in keys
        if (reader.integer(key, "LastUsedTimeStart") or 0) > 0
        and reader.integer(key, "LastUsedTimeStop") == 0
    ]


class WinregReader:
    """RegistryReader over the real winreg (Windows only; imported on use)."""

    def subkeys(self, path: str) -> list[str]:
        winreg: Any = importlib.import_module("winreg")

        names: list[str] = []
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, path) as key:
                count = winreg.QueryInfoKey(key)[0]
                names = [winreg.EnumKey(key, i) for i in range(count)]
        except OSError:
            return []
        return names

    def integer(self, path: str, name: str) -> int | None:
        winreg: Any = importlib.import_module("winreg")

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, path) as key:
                value, _kind = winreg.QueryValueEx(key, name)
        except OSError:
            return None
        return value if isinstance(value, int) else None


def consent_probe(reader: RegistryReader, capability: str) -> Callable[[], bool | None]:
    """A probe for PolledDetector; None when this Windows has no ConsentStore for it."""

    def probe() -> bool | None:
        if not reader.subkeys(f"{CONSENT_STORE}\\{capability}"):
            return None
        return bool(consent_apps_in_use(reader, capability))

    return probe


def fourcc(code: str) -> int:
    """Apple's four-character property selectors ('gone') as the UInt32 they stand for."""
    raw = code.encode("ascii")
    if len(raw) != 4:
        raise ValueError(f"a four-character code has 4 characters: {code!r}")
    return int.from_bytes(raw, "big")


SYSTEM_OBJECT = 1  # kCMIOObjectSystemObject, kAudioObjectSystemObject
PROPERTY_DEVICES = fourcc("dev#")  # kCMIOHardwarePropertyDevices, kAudioHardwarePropertyDevices
PROPERTY_RUNNING_SOMEWHERE = fourcc("gone")  # k...DevicePropertyDeviceIsRunningSomewhere
SCOPE_GLOBAL = fourcc("glob")

# (object id, selector, scope) -> the property's bytes, or None when it cannot be read.
PropertyReader = Callable[[int, int, int], bytes | None]


def uint32s(raw: bytes) -> list[int]:
    """A native-endian UInt32 array (device ids, flags) from a property's bytes."""
    count = len(raw) // 4
    return list(struct.unpack(f"={count}I", raw[: count * 4]))


def devices_running(read: PropertyReader, wanted: Callable[[int], bool] = lambda _d: True) -> (
    bool | None
):
    """Whether any wanted device runs in some process; None when the list is unreadable."""
    raw = read(SYSTEM_OBJECT, PROPERTY_DEVICES, SCOPE_GLOBAL)
    if raw is None:
        return None
    for device in uint32s(raw):
        if not wanted(device):
            continue
        flag = read(device, PROPERTY_RUNNING_SOMEWHERE, SCOPE_GLOBAL)
        if flag and uint32s(flag)[:1] != [0]:
            return True
    return False


def apple_property_reader(framework: str, prefix: str) -> PropertyReader | None:
    """<prefix>ObjectGetPropertyDataSize / ...GetPropertyData of a framework, or None.

    CoreMediaIO (prefix "CMIO") and CoreAudio (prefix "Audio") share one shape:
    (object, &{selector, scope, element}, 0, NULL, [size,] &used, data).
    """
    path = ctypes.util.find_library(framework)
    if sys.platform != "darwin" or path is None:
        return None
    lib = ctypes.CDLL(path)

    class Address(ctypes.Structure):
        _fields_: ClassVar = [("selector", ctypes.c_uint32), ("scope", ctypes.c_uint32),
                              ("element", ctypes.c_uint32)]

    get_size = getattr(lib, f"{prefix}ObjectGetPropertyDataSize")
    get_data = getattr(lib, f"{prefix}ObjectGetPropertyData")

    def read(object_id: int, selector: int, scope: int) -> bytes | None:
        address = Address(selector, scope, 0)  # element 0: kCMIOObjectPropertyElementMain
        size = ctypes.c_uint32(0)
        if get_size(ctypes.c_uint32(object_id), ctypes.byref(address), 0, None,
                    ctypes.byref(size)) != 0:
            return None
        buffer = ctypes.create_string_buffer(size.value)
        used = ctypes.c_uint32(0)
        if get_data(ctypes.c_uint32(object_id), ctypes.byref(address), 0, None, size,
                    ctypes.byref(used), buffer) != 0:
            return None
        return buffer.raw[: used.value]

    return read
