"""Hold breaks while the desktop's own do-not-disturb is on: the person asked for quiet.

Each desktop keeps the switch in its own place:
- GNOME: the setting `org.gnome.desktop.notifications show-banners` (false = DND),
  read with `gsettings get` when dconf's own D-Bus signal says it changed;
- XFCE: xfconf's channel `xfce4-notifyd`, property `/do-not-disturb`
  (`org.xfce.Xfconf` GetProperty(ss) -> v, signals PropertyChanged(ssv) and
  PropertyRemoved(ss): removed means the default, off);
- KDE Plasma and others: `org.freedesktop.Notifications` `Inhibited` (b).
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Slot
from PySide6.QtDBus import QDBusConnection, QDBusMessage

from desk_break.platform.hold.base import HoldDetector
from desk_break.platform.hold.dbus_watch import (
    BoolWatch,
    DBusBoolDetector,
    NotificationsInhibited,
    SignalRule,
    connect_bus,
    method_call,
    plain,
    slot,
)

log = logging.getLogger(__name__)

GNOME_SCHEMA = "org.gnome.desktop.notifications"
GNOME_KEY = "show-banners"
GNOME_KEY_PATH = "/org/gnome/desktop/notifications/show-banners"
DCONF_WRITER_PATH = "/ca/desrt/dconf/Writer/user"
DCONF_WRITER_IFACE = "ca.desrt.dconf.Writer"

XFCONF_SERVICE = "org.xfce.Xfconf"
XFCONF_PATH = "/org/xfce/Xfconf"
XFCONF_IFACE = "org.xfce.Xfconf"
XFCE_CHANNEL = "xfce4-notifyd"
XFCE_PROPERTY = "/do-not-disturb"
XFCONF_NOT_FOUND = "org.xfce.Xfconf.Error.PropertyNotFound"
XFCONF_NO_CHANNEL = "org.xfce.Xfconf.Error.ChannelNotFound"


class NotificationsDnd(NotificationsInhibited):
    """KDE Plasma's (and others') do-not-disturb: the notification server is inhibited."""

    reason: ClassVar[str] = "desktop_dnd"


class XfceDnd(DBusBoolDetector):
    """xfce4-notifyd's do-not-disturb, through xfconf."""

    reason: ClassVar[str] = "desktop_dnd"
    service = XFCONF_SERVICE

    def make_watch(self, bus: QDBusConnection) -> BoolWatch:
        def ours(args: list[Any]) -> bool:
            return len(args) >= 2 and args[0] == XFCE_CHANNEL and args[1] == XFCE_PROPERTY

        def changed(args: list[Any]) -> bool | None:
            return bool(args[2]) if ours(args) and len(args) == 3 else None

        def removed(args: list[Any]) -> bool | None:
            return False if ours(args) else None

        return BoolWatch(
            bus, XFCONF_SERVICE, XFCONF_PATH,
            read=lambda: method_call(XFCONF_SERVICE, XFCONF_PATH, XFCONF_IFACE, "GetProperty",
                                     XFCE_CHANNEL, XFCE_PROPERTY),
            parse=lambda args: bool(args[0]) if args else None,
            rules=[SignalRule(XFCONF_IFACE, "PropertyChanged", changed),
                   SignalRule(XFCONF_IFACE, "PropertyRemoved", removed)],
            on_value=self._set_active, parent=self,
            errors={XFCONF_NOT_FOUND: False, XFCONF_NO_CHANNEL: False})


def schema_installed(schema: str, env: Mapping[str, str]) -> bool:
    """Whether GSettings can find `schema` (its XML sits beside the compiled schemas)."""
    folders = [env["GSETTINGS_SCHEMA_DIR"]] if env.get("GSETTINGS_SCHEMA_DIR") else []
    home = env.get("XDG_DATA_HOME") or str(Path(env.get("HOME", "~")).expanduser()
                                           / ".local" / "share")
    data_dirs = (env.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share").split(":")
    folders += [str(Path(d) / "glib-2.0" / "schemas") for d in [home, *data_dirs] if d]
    return any((Path(f) / f"{schema}.gschema.xml").is_file() for f in folders)


def parse_gsettings_bool(text: str) -> bool | None:
    """What `gsettings get` prints for a boolean (`true`/`false`); None for anything else."""
    return {"true": True, "false": False}.get(text.strip())


class GnomeDnd(HoldDetector):
    """GNOME's do-not-disturb: banners off. Signals: changed(bool).

    dconf announces every write on the session bus (`ca.desrt.dconf.Writer.Notify`,
    what GSettings itself listens to); only a write under our key starts one short
    `gsettings get`. Nothing runs, and nothing wakes, between changes. Subscribing
    before the first read means no change can fall between the two.
    """

    reason: ClassVar[str] = "desktop_dnd"

    def __init__(self, env: Mapping[str, str] | None = None, bus_address: str | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._env = dict(os.environ if env is None else env)
        self._address = bus_address
        self._reader: QProcess | None = None
        self._bus: QDBusConnection | None = None
        self._again = False  # a change came while a read was running

    def start(self) -> bool:
        """False without gsettings, GNOME's schema or a session bus; else watch and read once."""
        if self._bus is not None:
            return True
        program = shutil.which("gsettings", path=self._env.get("PATH", os.defpath))
        if program is None or not schema_installed(GNOME_SCHEMA, self._env):
            return False
        bus = connect_bus("session", self._address)
        if bus is None or not bus.connect("", DCONF_WRITER_PATH, DCONF_WRITER_IFACE, "Notify",
                                          self, slot("_on_notify(QDBusMessage)")):
            return False
        self._bus = bus
        if self._reader is None:
            self._reader = QProcess(self)
            self._reader.setProgram(program)
            self._reader.setArguments(["get", GNOME_SCHEMA, GNOME_KEY])
            environment = QProcessEnvironment()
            for name, value in self._env.items():
                environment.insert(name, value)
            self._reader.setProcessEnvironment(environment)
            self._reader.setStandardErrorFile(QProcess.nullDevice())
            self._reader.finished.connect(self._read_done)
        self.check_now()
        return True

    def stop(self) -> None:
        if self._bus is not None:
            self._bus.disconnect("", DCONF_WRITER_PATH, DCONF_WRITER_IFACE, "Notify",
                                 self, slot("_on_notify(QDBusMessage)"))
            self._bus = None
        if self._reader is not None and self._reader.state() != QProcess.ProcessState.NotRunning:
            self._reader.kill()
            self._reader.waitForFinished(1000)
        super().stop()

    def check_now(self) -> None:
        """Read the key (at start, after a change, and when asked)."""
        if self._bus is None or self._reader is None:
            return
        if self._reader.state() != QProcess.ProcessState.NotRunning:
            self._again = True
            return
        self._reader.start()

    @property
    def reading(self) -> bool:
        return self._reader is not None and self._reader.state() != QProcess.ProcessState.NotRunning

    @Slot(QDBusMessage)
    def _on_notify(self, message: QDBusMessage) -> None:
        args = [plain(a) for a in message.arguments()]
        if len(args) >= 2 and touches(str(args[0]), list(args[1]), GNOME_KEY_PATH):
            self.check_now()

    def _read_done(self, code: int, _status: QProcess.ExitStatus) -> None:
        assert self._reader is not None
        text = bytes(self._reader.readAllStandardOutput().data()).decode(errors="replace")
        value = parse_gsettings_bool(text) if code == 0 else None
        if self._bus is not None and value is not None:
            self._set_active(not value)  # banners off = do not disturb
        if self._again:
            self._again = False
            self.check_now()


def touches(prefix: str, changes: list[str], key_path: str) -> bool:
    """Whether a dconf Notify(prefix, changes) covers `key_path` (a key, or a dir above it)."""
    for change in changes or [""]:
        path = prefix + str(change)
        if path == key_path or (path.endswith("/") and key_path.startswith(path)):
            return True
    return False
