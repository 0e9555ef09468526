"""The real app on a desktop whose tray is a StatusNotifierWatcher (KDE, GNOME + AppIndicator).

There is no XEmbed tray here: the only tray is tests/fake_sni_watcher.py, a watcher
and host that speaks the real org.kde.StatusNotifierWatcher protocol on a private
session bus (a real dbus-daemon). The app runs in its own process with
DBUS_SESSION_BUS_ADDRESS pointing at that bus, and everything is checked from
outside: the app's `status --json`, the watcher's log and properties, and the
item's own properties read over D-Bus with dbus-send, as a panel would read them.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.test_real_display import write_settings_around_now
from tests.xdisplay import AppProcess, require, wait_for, window_tree, xvfb

pytestmark = pytest.mark.xvfb

FAKE_WATCHER = Path(__file__).resolve().parent.parent / "fake_sni_watcher.py"
WATCHER = "org.kde.StatusNotifierWatcher"
ITEM_IFACE = "org.kde.StatusNotifierItem"


@contextmanager
def session_bus(folder: Path) -> Iterator[str]:
    """A private session bus (a real dbus-daemon); yields its address."""
    require("dbus-daemon", "dbus-send")
    proc = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address",
         f"--address=unix:dir={folder}"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    assert proc.stdout is not None
    address = proc.stdout.readline().strip()
    if not address:
        proc.kill()
        raise RuntimeError("dbus-daemon did not start")
    try:
        yield address
    finally:
        proc.terminate()
        proc.wait(timeout=10)


class FakeWatcher:
    """tests/fake_sni_watcher.py in its own process, and its JSON-lines log."""

    def __init__(self, address: str, log: Path) -> None:
        self.address = address
        self.log = log
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> FakeWatcher:
        env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": self.address}
        env.pop("DISPLAY", None)
        self.proc = subprocess.Popen(
            [sys.executable, str(FAKE_WATCHER), "--log", str(self.log)], env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        wait_for(lambda: self._alive() and self.events("ready"), 15, "the fake watcher")
        return self

    def _alive(self) -> bool:
        assert self.proc is not None
        if self.proc.poll() is not None:
            err = self.proc.stderr.read().decode() if self.proc.stderr else ""
            raise AssertionError(f"fake watcher exited with {self.proc.returncode}: {err}")
        return True

    def events(self, kind: str | None = None) -> list[dict[str, Any]]:
        if not self.log.exists():
            return []
        lines = self.log.read_text(encoding="utf-8").splitlines()
        found = [json.loads(line) for line in lines if line.strip()]
        return [e for e in found if kind is None or e["event"] == kind]

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


def dbus_send(address: str, dest: str, path: str, method: str, *args: str) -> str:
    result = subprocess.run(
        ["dbus-send", "--session", "--print-reply", f"--dest={dest}", path, method, *args],
        env={**os.environ, "DBUS_SESSION_BUS_ADDRESS": address},
        capture_output=True, text=True, timeout=10, check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def get_property(address: str, dest: str, path: str, iface: str, name: str) -> str:
    return dbus_send(address, dest, path, "org.freedesktop.DBus.Properties.Get",
                     f"string:{iface}", f"string:{name}")


@pytest.fixture
def display() -> Iterator[str]:
    with xvfb() as d:
        yield d


@pytest.fixture
def bus(tmp_path: Path) -> Iterator[str]:
    folder = tmp_path / "bus"
    folder.mkdir()
    with session_bus(folder) as address:
        yield address


@pytest.fixture
def watcher(bus: str, tmp_path: Path) -> Iterator[FakeWatcher]:
    fake = FakeWatcher(bus, tmp_path / "watcher.jsonl")
    yield fake
    fake.stop()


@pytest.fixture
def app(display: str, bus: str, xdg_dirs: dict[str, Path]) -> Iterator[AppProcess]:
    write_settings_around_now(xdg_dirs["XDG_CONFIG_HOME"])
    first_run = xdg_dirs["XDG_DATA_HOME"] / "desk-break" / "first-run-note-shown"
    first_run.parent.mkdir(parents=True, exist_ok=True)
    first_run.write_text("shown\n")
    process = AppProcess(display, extra_env={"DBUS_SESSION_BUS_ADDRESS": bus})
    yield process
    process.stop()


def assert_registered_item_is_ours(bus: str, watcher: FakeWatcher, app: AppProcess) -> None:
    """The watcher got our item, and the item shows our icon, tooltip and menu over D-Bus."""
    registered = wait_for(lambda: watcher.events("item_registered"), 10,
                          "RegisterStatusNotifierItem at the watcher")
    assert len(registered) == 1, registered
    item = registered[0]
    assert app.proc is not None and item["pid"] == app.proc.pid, item
    calls = [e for e in watcher.events("call") if e["member"] == "RegisterStatusNotifierItem"]
    assert calls and calls[0]["interface"] == WATCHER, calls

    listed = get_property(bus, WATCHER, "/StatusNotifierWatcher", WATCHER,
                          "RegisteredStatusNotifierItems")
    assert f'string "{item["item"]}"' in listed, listed

    service, path = item["service"], item["path"]
    status = get_property(bus, service, path, ITEM_IFACE, "Status")
    assert 'string "Active"' in status, status
    tooltip = get_property(bus, service, path, ITEM_IFACE, "ToolTip")
    assert "Desk Break — Next break in" in tooltip, tooltip
    pixmaps = get_property(bus, service, path, ITEM_IFACE, "IconPixmap")
    sizes = [(int(w), int(h)) for w, h in
             re.findall(r"int32 (\d+)\s+int32 (\d+)\s+array of bytes", pixmaps)]
    assert sizes and all(w > 0 and h > 0 for w, h in sizes), pixmaps[:500]
    menu = get_property(bus, service, path, ITEM_IFACE, "Menu")
    menu_path = re.search(r'object path "([^"]+)"', menu)
    assert menu_path, menu
    layout = dbus_send(bus, service, menu_path.group(1), "com.canonical.dbusmenu.GetLayout",
                       "int32:0", "int32:-1", "array:string:label")
    for label in ("Take a break now", "Snooze next break", "Pause", "Quit"):
        assert f'string "{label}"' in layout, layout[:2000]


def test_with_no_tray_the_window_shows_then_it_moves_into_a_status_notifier_tray(
    display: str, bus: str, watcher: FakeWatcher, app: AppProcess
) -> None:
    app.start()
    wait_for(lambda: app.status()["surface"] == "window", 10, "the status window")
    wait_for(lambda: '"Desk Break"' in window_tree(display), 10, "a mapped Desk Break window")

    watcher.start()  # the desktop's tray appears later (GNOME enabling the extension)
    wait_for(lambda: app.status()["surface"] == "tray", 15, "the app to move into the tray")
    assert_registered_item_is_ours(bus, watcher, app)

    app.stop()
    wait_for(lambda: watcher.events("item_unregistered"), 10,
             "the watcher to drop the item when the app quits")
    assert "D-Bus error" not in app.stderr_text()


def test_with_a_status_notifier_tray_at_start_it_goes_straight_into_it(
    display: str, bus: str, watcher: FakeWatcher, app: AppProcess
) -> None:
    watcher.start()
    app.start()
    assert app.status()["surface"] == "tray"
    assert_registered_item_is_ours(bus, watcher, app)
