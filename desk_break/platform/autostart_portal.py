"""Start at login from inside a Flatpak: the Background portal asks the desktop for us.

A sandboxed app cannot write the host's `~/.config/autostart/`; it asks
`org.freedesktop.portal.Background.RequestBackground(parent_window, options)` with
`autostart` and `commandline`, gets a Request object path back, and the answer comes as
that Request's `Response(u response, a{sv} results)` signal (0 = granted; `results`
says whether `autostart` was really set up). The portal has no "is it on?" call, so
the last answer granted is kept in a small file of ours.

Calls are blocking (with a bound) on a jeepney connection of our own: the Autostart
protocol is synchronous, and a portal normally answers at once (GNOME and KDE ask
the person only the first time an app runs in the background without a window).
"""

from __future__ import annotations

import importlib
import os
import secrets
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PORTAL_SERVICE = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
BACKGROUND_IFACE = "org.freedesktop.portal.Background"
REQUEST_IFACE = "org.freedesktop.portal.Request"
# How long the person may take to answer a portal's question.
ANSWER_TIMEOUT_SECONDS = 120.0


class PortalAutostart:
    """Autostart through the Background portal; `state_file` remembers the last grant."""

    supported = True

    def __init__(self, command: Sequence[str], state_file: Path, *,
                 bus_address: str | None = None, reason: str = "") -> None:
        self.command = list(command)
        self.state_file = state_file
        self._bus = bus_address
        self.reason = reason or "Desk Break starts at login to remind you of your breaks."

    def is_enabled(self) -> bool:
        try:
            return self.state_file.read_text(encoding="utf-8").strip() == "autostart"
        except OSError:
            return False

    def set_enabled(self, enabled: bool) -> None:
        """Ask the portal; OSError (with the portal's reason) if it is refused or absent."""
        granted = request_background(self.command, autostart=enabled, reason=self.reason,
                                     bus_address=self._bus)
        if enabled and not granted:
            raise OSError("the desktop did not allow Desk Break to start at login")
        self.state_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.state_file.with_name(self.state_file.name + ".tmp")
        tmp.write_text("autostart\n" if enabled else "off\n", encoding="utf-8")
        os.replace(tmp, self.state_file)


def request_path(unique_name: str, token: str) -> str:
    """The Request object the portal will use (portal spec: org.freedesktop.portal.Request)."""
    sender = unique_name.lstrip(":").replace(".", "_")
    return f"{PORTAL_PATH}/request/{sender}/{token}"


def request_background(command: Sequence[str], *, autostart: bool, reason: str,
                       bus_address: str | None = None,
                       timeout: float = ANSWER_TIMEOUT_SECONDS) -> bool:
    """RequestBackground with `autostart`; True if the portal granted what was asked."""
    jeepney: Any = importlib.import_module("jeepney")  # no type stubs: Any
    message_bus = importlib.import_module("jeepney.bus_messages").message_bus
    open_dbus_connection = importlib.import_module("jeepney.io.blocking").open_dbus_connection
    MatchRule, new_method_call = jeepney.MatchRule, jeepney.new_method_call
    token = "deskbreak" + secrets.token_hex(4)
    try:
        conn = open_dbus_connection(bus=bus_address or "SESSION", auth_timeout=5.0)
    except Exception as exc:
        raise OSError(f"no session bus: {exc}") from None
    try:
        handle = request_path(str(conn.unique_name), token)
        # Any Response to us: a portal older than 0.9 may answer on another path than
        # the one we can compute, so the one it returns is the one waited for.
        rule = MatchRule(type="signal", interface=REQUEST_IFACE, member="Response")
        # Subscribe before asking, so an answer that comes at once is not missed.
        conn.send_and_get_reply(message_bus.AddMatch(rule), timeout=5.0)
        options: dict[str, tuple[str, Any]] = {
            "handle_token": ("s", token),
            "reason": ("s", reason),
            "autostart": ("b", autostart),
            "commandline": ("as", list(command)),
            "dbus-activatable": ("b", False),
        }
        call = new_method_call(jeepney.DBusAddress(PORTAL_PATH, PORTAL_SERVICE, BACKGROUND_IFACE),
                               "RequestBackground", "sa{sv}", ("", options))
        with conn.filter(rule) as answers:
            reply = conn.send_and_get_reply(call, timeout=10.0)
            if reply.header.message_type == jeepney.MessageType.error:
                name = reply.header.fields.get(4, "error")  # HeaderFields.error_name
                text = reply.body[0] if reply.body else ""
                raise OSError(f"the Background portal refused: {name} {text}".strip())
            handle = str(reply.body[0]) if reply.body else handle
            while True:
                signal = conn.recv_until_filtered(answers, timeout=timeout)
                if signal.header.fields.get(1) == handle:  # HeaderFields.path
                    break
        response, results = signal.body
        if response != 0:
            return False
        if not autostart:
            return True
        granted = results.get("autostart", ("b", False))
        return bool(granted[1])
    except TimeoutError:
        raise OSError("the Background portal did not answer") from None
    finally:
        conn.close()
