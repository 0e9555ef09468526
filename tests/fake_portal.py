"""A stand-in for xdg-desktop-portal's Background portal, on a private bus, speaking the
real interface: `org.freedesktop.portal.Background.RequestBackground(s, a{sv}) -> o` on
`/org/freedesktop/portal/desktop` of `org.freedesktop.portal.Desktop`, then the answer
as `org.freedesktop.portal.Request.Response(u, a{sv})` on the returned request path,
sent to the caller (as the real portal does, after the method has returned).

    with private_bus() as address, FakeBackgroundPortal(address, grant=True) as portal:
        ...  # portal.requests: the options of every call, plain Python values
"""

from __future__ import annotations

import threading
from typing import Any

from jeepney import DBusAddress, HeaderFields, MessageType, new_method_return, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

from desk_break.platform.autostart_portal import (
    BACKGROUND_IFACE,
    PORTAL_PATH,
    PORTAL_SERVICE,
    REQUEST_IFACE,
    request_path,
)


class FakeBackgroundPortal:
    def __init__(self, address: str, *, grant: bool = True, other_path: bool = False) -> None:
        self.address = address
        self.grant = grant
        self.other_path = other_path  # answer on a path of its own (portals before 0.9)
        self.requests: list[dict[str, Any]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._ready = threading.Event()

    def __enter__(self) -> FakeBackgroundPortal:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the fake portal did not get its name")
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(10)

    def _serve(self) -> None:
        conn = open_dbus_connection(bus=self.address)
        try:
            conn.send_and_get_reply(message_bus.RequestName(PORTAL_SERVICE), timeout=5)
            self._ready.set()
            while not self._stop.is_set():
                try:
                    msg = conn.receive(timeout=0.1)
                except TimeoutError:
                    continue
                fields = msg.header.fields
                if (msg.header.message_type != MessageType.method_call
                        or fields.get(HeaderFields.interface) != BACKGROUND_IFACE
                        or fields.get(HeaderFields.member) != "RequestBackground"
                        or fields.get(HeaderFields.path) != PORTAL_PATH):
                    continue
                assert fields.get(HeaderFields.signature) == "sa{sv}"
                _parent, options = msg.body
                plain = {key: value for key, (_sig, value) in options.items()}
                self.requests.append(plain)
                sender = fields[HeaderFields.sender]
                token = plain.get("handle_token", "t")
                path = request_path(sender, "other" if self.other_path else token)
                conn.send(new_method_return(msg, "o", (path,)))
                results = {"background": ("b", self.grant),
                           "autostart": ("b", self.grant and bool(plain.get("autostart")))}
                answer = new_signal(DBusAddress(path, interface=REQUEST_IFACE), "Response",
                                    "ua{sv}", (0 if self.grant else 1, results))
                answer.header.fields[HeaderFields.destination] = sender
                conn.send(answer)
        finally:
            conn.close()
