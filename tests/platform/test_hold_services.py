"""The real desktop services, as far as the hold detectors use them, for FakeService;
and tests that the fake speaks D-Bus as real services do.

Written out here from the services' own documentation (logind's man page,
GNOME's and KDE's sources, xfconf's), not from the code under test, so a wrong
name in the code fails the tests.
"""

from __future__ import annotations

import subprocess

import pytest
from pytestqt.qtbot import QtBot

from tests.fake_dbus_services import FakeService, Spec, private_bus, split_signature

LOGIND = "org.freedesktop.login1"
LOGIND_PATH = "/org/freedesktop/login1"
LOGIND_MANAGER = "org.freedesktop.login1.Manager"
LOGIND_SESSION = "org.freedesktop.login1.Session"
LOGIND_SESSION_PATH = "/org/freedesktop/login1/session/_32"  # logind's escaping of id "2"

GNOME_SCREENSAVER = ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver",
                     "org.gnome.ScreenSaver")
FREEDESKTOP_SCREENSAVER = ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver",
                           "org.freedesktop.ScreenSaver")
XFCE_SCREENSAVER = ("org.xfce.ScreenSaver", "/org/xfce/ScreenSaver", "org.xfce.ScreenSaver")
MATE_SCREENSAVER = ("org.mate.ScreenSaver", "/org/mate/ScreenSaver", "org.mate.ScreenSaver")
CINNAMON_SCREENSAVER = ("org.cinnamon.ScreenSaver", "/org/cinnamon/ScreenSaver",
                        "org.cinnamon.ScreenSaver")

NOTIFICATIONS = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"

XFCONF = "org.xfce.Xfconf"
XFCONF_PATH = "/org/xfce/Xfconf"
XFCONF_NOT_FOUND = "org.xfce.Xfconf.Error.PropertyNotFound"


def logind_spec(locked: bool = False, in_session: bool = True, knows_auto: bool = True,
                ) -> Spec:
    """logind's manager (GetSession) and one session, id "2", with LockedHint.

    Outside any session, GetSession("auto") answers NoSessionForPID (systemd 243+);
    a logind from before "auto" answers NoSuchSession for it.
    """
    if not knows_auto:
        replies = [{"args": ["auto"], "error": ["org.freedesktop.login1.NoSuchSession",
                                                "No session 'auto' known"]},
                   {"args": ["2"], "reply": ["o", LOGIND_SESSION_PATH]}]
    elif in_session:
        replies = [{"args": ["auto"], "reply": ["o", LOGIND_SESSION_PATH]}]
    else:
        replies = [{"args": ["auto"], "error": [
            "org.freedesktop.login1.NoSessionForPID",
            "Caller does not belong to any known session and doesn't own any suitable "
            "session."]}]
    return {
        "names": [LOGIND],
        "objects": {
            LOGIND_PATH: {LOGIND_MANAGER: {
                "methods": {"GetSession": {"in": "s", "out": "o", "replies": replies}},
                "signals": {"SessionNew": "so", "SessionRemoved": "so"},
            }},
            LOGIND_SESSION_PATH: {LOGIND_SESSION: {
                "properties": {"Id": ["s", "2"], "LockedHint": ["b", locked],
                               "Active": ["b", True]},
                "methods": {"Lock": {"replies": [{"args": None}]}},
                "signals": {"Lock": "", "Unlock": ""},
            }},
        },
    }


def set_locked_hint(svc: FakeService, locked: bool) -> None:
    """What logind does when the locker calls SetLockedHint."""
    svc.set_property(LOGIND_SESSION_PATH, LOGIND_SESSION, "LockedHint", ("b", locked))


def screensaver_spec(which: tuple[str, str, str], active: bool = False) -> Spec:
    """GNOME's or the freedesktop screen saver: GetActive() -> b, ActiveChanged(b)."""
    service, path, iface = which
    return {
        "names": [service],
        "objects": {path: {iface: {
            "methods": {"GetActive": {"out": "b", "replies": [{"args": [],
                                                               "reply": ["b", active]}]},
                        "SetActive": {"in": "b", "replies": [{"args": None}]}},
            "signals": {"ActiveChanged": "b"},
        }}},
    }


def set_screensaver(svc: FakeService, which: tuple[str, str, str], active: bool) -> None:
    """What gnome-shell / kscreenlocker do: GetActive answers anew, ActiveChanged is sent."""
    _service, path, iface = which
    svc.set_reply(path, iface, "GetActive", [], ("b", active))
    svc.emit(path, iface, "ActiveChanged", ("b", active))


def notifications_spec(inhibited: bool = False) -> Spec:
    """A notification server with KDE's Inhibited property."""
    return {
        "names": [NOTIFICATIONS],
        "objects": {NOTIFICATIONS_PATH: {NOTIFICATIONS: {
            "properties": {"Inhibited": ["b", inhibited]},
            "methods": {
                "GetServerInformation": {"out": "ssss"},
                "Inhibit": {"in": "ssa{sv}", "out": "u"},
                "UnInhibit": {"in": "u"},
            },
            "signals": {"NotificationClosed": "uu", "ActionInvoked": "us"},
        }}},
    }


def set_inhibited(svc: FakeService, inhibited: bool) -> None:
    svc.set_property(NOTIFICATIONS_PATH, NOTIFICATIONS, "Inhibited", ("b", inhibited))


def xfconf_spec(channel: str, prop: str, value: bool | None) -> Spec:
    """xfconfd with one boolean property (None: never set, GetProperty answers an error)."""
    reply = ({"args": [channel, prop], "reply": ["v", ["b", value]]} if value is not None else
             {"args": [channel, prop],
              "error": [XFCONF_NOT_FOUND,
                        f'Property "{prop}" does not exist on channel "{channel}"']})
    return {
        "names": [XFCONF],
        "objects": {XFCONF_PATH: {XFCONF: {
            "methods": {"GetProperty": {"in": "ss", "out": "v", "replies": [reply]},
                        "SetProperty": {"in": "ssv", "replies": [{"args": None}]}},
            "signals": {"PropertyChanged": "ssv", "PropertyRemoved": "ss"},
        }}},
    }


def xfconf_set(svc: FakeService, channel: str, prop: str, value: bool) -> None:
    """What xfconfd does on SetProperty: answer the new value, announce PropertyChanged."""
    svc.set_reply(XFCONF_PATH, XFCONF, "GetProperty", [channel, prop], ("v", ["b", value]))
    svc.emit(XFCONF_PATH, XFCONF, "PropertyChanged", ("s", channel), ("s", prop),
             ("v", ["b", value]))


def xfconf_reset(svc: FakeService, channel: str, prop: str) -> None:
    """`xfconf-query -r`: the property is gone, back to its default."""
    svc.set_reply(XFCONF_PATH, XFCONF, "GetProperty", [channel, prop],
                  error=(XFCONF_NOT_FOUND, "gone"))
    svc.emit(XFCONF_PATH, XFCONF, "PropertyRemoved", ("s", channel), ("s", prop))



# ---- the fake itself -----------------------------------------------------------------


def test_signatures_split_into_complete_types() -> None:
    assert split_signature("sa{sv}as") == ["s", "a{sv}", "as"]
    assert split_signature("ssa{sv}") == ["s", "s", "a{sv}"]
    assert split_signature("a(sb)uv") == ["a(sb)", "u", "v"]
    assert split_signature("") == []


def _call(address: str, *args: str) -> str:
    done = subprocess.run(["dbus-send", f"--bus={address}", "--print-reply", *args],
                          capture_output=True, text=True, timeout=30, check=False)
    return done.stdout + done.stderr


@pytest.mark.parametrize("spec", [logind_spec(), notifications_spec(),
                                  screensaver_spec(GNOME_SCREENSAVER),
                                  xfconf_spec("xfce4-notifyd", "/do-not-disturb", True)],
                         ids=["logind", "notifications", "screensaver", "xfconf"])
def test_the_fake_answers_as_the_real_service_would(spec: Spec) -> None:
    """Seen from outside (dbus-send, not QtDBus): names, introspection, replies, errors."""
    with private_bus() as address, FakeService(address, spec):
        name = spec["names"][0]
        for path, interfaces in spec["objects"].items():
            xml = _call(address, f"--dest={name}", path,
                        "org.freedesktop.DBus.Introspectable.Introspect")
            for iface, desc in interfaces.items():
                assert f'<interface name="{iface}">' in xml
                for member in [*desc.get("methods", {}), *desc.get("signals", {}),
                               *desc.get("properties", {})]:
                    assert f'name="{member}"' in xml
        missing = _call(address, f"--dest={name}", "/nowhere", "org.example.Nope.Nothing")
        assert "Error" in missing


def test_properties_and_replies_have_the_real_types(qtbot: QtBot) -> None:
    with private_bus() as address, FakeService(address, logind_spec(locked=True)):
        hint = _call(address, f"--dest={LOGIND}", LOGIND_SESSION_PATH,
                     "org.freedesktop.DBus.Properties.Get", f"string:{LOGIND_SESSION}",
                     "string:LockedHint")
        assert "variant" in hint and "boolean true" in hint
        session = _call(address, f"--dest={LOGIND}", LOGIND_PATH,
                        f"{LOGIND_MANAGER}.GetSession", "string:auto")
        assert f'object path "{LOGIND_SESSION_PATH}"' in session
    with private_bus() as address, \
            FakeService(address, xfconf_spec("xfce4-notifyd", "/do-not-disturb", None)):
        error = _call(address, f"--dest={XFCONF}", XFCONF_PATH, f"{XFCONF}.GetProperty",
                      "string:xfce4-notifyd", "string:/do-not-disturb")
        assert XFCONF_NOT_FOUND in error
