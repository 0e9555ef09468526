"""A notification quotes the person's file as text, never markup, on a D-Bus desktop.

With a StatusNotifierWatcher on the bus, Qt sends a tray icon's messages to
org.freedesktop.Notifications, and servers that announce "body-markup" (GNOME Shell,
Plasma, dunst, xfce4-notifyd) read the body as markup: a settings key
`"<b>x</b>"` came out bold, `<img src=...>` asked for an image. Here the real app
runs on a private bus with the fake watcher (tests/fake_sni_watcher.py) and a fake
notification server (tests/fake_dbus_services.py) that records every Notify call.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.test_real_display import write_settings_around_now
from tests.e2e.test_sni_tray import FakeWatcher, session_bus
from tests.fake_dbus_services import FakeService
from tests.xdisplay import AppProcess, wait_for, xvfb

pytestmark = pytest.mark.xvfb

NOTIFICATIONS = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"
KEY = "<b>bold</b><img src='/etc/hostname'>&amp;"

SERVER = {
    "names": [NOTIFICATIONS],
    "objects": {NOTIFICATIONS_PATH: {NOTIFICATIONS: {
        "properties": {"Inhibited": ["b", False]},
        "methods": {
            "GetCapabilities": {"out": "as", "replies": [
                {"reply": ["as", ["body", "body-markup", "actions", "icon-static"]]}]},
            "GetServerInformation": {"out": "ssss", "replies": [
                {"reply": ["s", "fake"]}]},
            "Notify": {"in": "susssasa{sv}i", "out": "u", "replies": [{"reply": ["u", 7]}]},
            "CloseNotification": {"in": "u", "replies": [{}]},
        },
        "signals": {"NotificationClosed": "uu", "ActionInvoked": "us"},
    }}},
}


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[tuple[str, str, FakeService]]:
    folder = tmp_path / "bus"
    folder.mkdir()
    with xvfb() as display, session_bus(folder) as bus, FakeService(bus, SERVER) as server:
        watcher = FakeWatcher(bus, tmp_path / "watcher.jsonl").start()
        try:
            yield display, bus, server
        finally:
            watcher.stop()


def notify_calls(server: FakeService) -> list[dict[str, Any]]:
    return [c for c in server.calls() if c["member"] == "Notify"]


def test_a_bad_settings_key_is_shown_as_written_in_the_notification(
    desktop: tuple[str, str, FakeService], xdg_dirs: dict[str, Path]
) -> None:
    display, bus, server = desktop
    write_settings_around_now(xdg_dirs["XDG_CONFIG_HOME"], extra=f'"{KEY}" = 1')
    first_run = xdg_dirs["XDG_DATA_HOME"] / "desk-break" / "first-run-note-shown"
    first_run.parent.mkdir(parents=True, exist_ok=True)
    first_run.write_text("shown\n")
    app = AppProcess(display, extra_env={"DBUS_SESSION_BUS_ADDRESS": bus})
    try:
        app.start()
        assert app.status()["surface"] == "tray"
        calls = wait_for(lambda: notify_calls(server), 15, "a Notify call")
    finally:
        app.stop()
    _app, _id, _icon, summary, body, *_rest = calls[0]["args"]
    assert summary == "Desk Break found 1 problem"
    # A body-markup server reads the body as markup: what it shows is the key as written.
    assert f"breaks.{html.escape(KEY, quote=False)}: unknown key" in body, body
    assert "<b>" not in body and "<img" not in body, body
