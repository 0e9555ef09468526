"""Fake D-Bus services that speak the real names, paths, signatures, properties and signals.

logind, the screen savers, the notification daemons and xfconf do not run in the
tests, so a test describes the part of the real interface a detector uses and
runs it here, in its own process, on a private bus from `private_bus()`:

    with private_bus() as address, FakeService(address, spec) as logind:
        logind.set_property(SESSION_PATH, SESSION_IFACE, "LockedHint", ("b", True))

(tests/platform/test_hold_services.py has specs for logind, the screen savers, the
notification server and xfconf.)

The service owns the spec's bus names, exports its objects (methods answer with
the replies the spec or `set_reply` gives, `org.freedesktop.DBus.Properties`
Get/GetAll/Set and `Introspectable` come for free), and takes commands from the
test on its stdin, one JSON object a line, each answered on stdout:
`set_property` (emits `PropertiesChanged`, as real services do), `emit` (any
signal), `set_reply`, `calls` (every method call it received, to show that a
detector does not poll) and `release_name`. Typed values travel as
`[signature, value]`: "b", "s", "i", "o", "v" (value is itself `[sig, value]`),
"as", "a{sv}" (values `[sig, value]`).

A hung service is `pause()` (SIGSTOP): it still owns its names, it never answers.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

PROPERTIES_IFACE = "org.freedesktop.DBus.Properties"
INTROSPECTABLE_IFACE = "org.freedesktop.DBus.Introspectable"

Typed = tuple[str, Any] | list[Any]  # [signature, value]
Spec = dict[str, Any]


# ---- the test's side -------------------------------------------------------------


@contextlib.contextmanager
def private_bus(env: Mapping[str, str] | None = None,
                activatable: Mapping[str, str] | None = None) -> Iterator[str]:
    """A dbus-daemon of our own (session configuration); yields its address.

    `env` is the daemon's environment, which services it activates (dconf) inherit.
    `activatable` maps extra bus names to the command line that would start them.
    """
    if shutil.which("dbus-daemon") is None:
        raise RuntimeError("dbus-daemon is missing (run: bash packaging/setup.sh test)")
    folder = tempfile.mkdtemp(prefix="dbb-")  # short: socket paths cap at 108 bytes
    config = ["--session"]
    if activatable:
        services = Path(folder) / "services"
        services.mkdir()
        for name, command in activatable.items():
            (services / f"{name}.service").write_text(
                f"[D-BUS Service]\nName={name}\nExec={command}\n", encoding="utf-8")
        conf = Path(folder) / "bus.conf"
        conf.write_text(
            '<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"'
            ' "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">\n'
            f"<busconfig><include>/usr/share/dbus-1/session.conf</include>"
            f"<servicedir>{services}</servicedir></busconfig>\n", encoding="utf-8")
        config = [f"--config-file={conf}"]
    proc = subprocess.Popen(
        ["dbus-daemon", *config, "--nofork", "--print-address=1",
         f"--address=unix:dir={folder}"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env=dict(env) if env is not None else None,
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
        shutil.rmtree(folder, ignore_errors=True)


class FakeService:
    """One fake service process on the bus at `address`, driven by the test."""

    def __init__(self, address: str, spec: Spec) -> None:
        self.address = address
        self.spec = spec
        self.proc: subprocess.Popen[bytes] | None = None
        self._buffer = b""
        self.unique_name = ""

    def __enter__(self) -> FakeService:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> FakeService:
        env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": self.address,
               "QT_QPA_PLATFORM": "offscreen"}
        self.proc = subprocess.Popen(
            [sys.executable, __file__], env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        )
        self._send(self.spec)
        ready = self._read()
        if not ready.get("ready"):
            self.stop()
            raise RuntimeError(f"fake service did not start: {ready}")
        self.unique_name = str(ready["unique_name"])
        return self

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGCONT)
            self.proc.terminate()  # the default action: no cleanup to run
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None:
                pipe.close()
        self.proc = None

    def pause(self) -> None:
        """Hang: keep the names, never answer (until resume)."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGCONT)

    # ---- commands ---------------------------------------------------------------

    def command(self, op: str, **fields: Any) -> dict[str, Any]:
        self._send({"op": op, **fields})
        answer = self._read()
        if not answer.get("ok"):
            raise RuntimeError(f"fake service refused {op}: {answer}")
        return answer

    def set_property(self, path: str, interface: str, name: str, value: Typed,
                     notify: bool = True) -> None:
        """Change a property; with notify, emit PropertiesChanged as real services do."""
        self.command("set_property", path=path, interface=interface, name=name,
                     value=list(value), notify=notify)

    def emit(self, path: str, interface: str, name: str, *args: Typed) -> None:
        self.command("emit", path=path, interface=interface, name=name,
                     args=[list(a) for a in args])

    def set_reply(self, path: str, interface: str, member: str, args: list[Any] | None,
                  reply: Typed | None = None, error: tuple[str, str] | None = None) -> None:
        """What `member` answers when called with `args` (None: any arguments)."""
        self.command("set_reply", path=path, interface=interface, member=member, args=args,
                     reply=list(reply) if reply is not None else None,
                     error=list(error) if error is not None else None)

    def calls(self) -> list[dict[str, Any]]:
        """Every method call received so far: interface, member, path, args."""
        return list(self.command("calls")["calls"])

    def release_name(self, name: str) -> None:
        self.command("release_name", name=name)

    # ---- pipe plumbing ------------------------------------------------------------

    def _send(self, obj: object) -> None:
        assert self.proc is not None and self.proc.stdin is not None
        self.proc.stdin.write((json.dumps(obj) + "\n").encode())
        self.proc.stdin.flush()

    def _read(self, timeout: float = 15) -> dict[str, Any]:
        assert self.proc is not None and self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise TimeoutError("the fake service did not answer")
            chunk = os.read(fd, 65536)
            if not chunk:
                raise RuntimeError(f"the fake service exited ({self.proc.wait()})")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        answer: dict[str, Any] = json.loads(line)
        return answer


# ---- the service's side (runs in the subprocess) --------------------------------------


def _serve() -> int:
    from PySide6.QtCore import QCoreApplication, QSocketNotifier
    from PySide6.QtDBus import (
        QDBusArgument,
        QDBusConnection,
        QDBusMessage,
        QDBusObjectPath,
        QDBusVariant,
        QDBusVirtualObject,
    )

    def typed(value: list[Any]) -> Any:
        sig, raw = value
        if sig in ("b", "s"):
            return bool(raw) if sig == "b" else str(raw)
        if sig == "i":
            return int(raw)
        if sig == "o":
            return QDBusObjectPath(str(raw))
        if sig == "v":
            return QDBusVariant(typed(raw))
        if sig == "as":
            arg = QDBusArgument()
            arg << [str(s) for s in raw]  # a plain list would go as "av"
            return arg
        if sig == "a{sv}":
            return {str(k): typed(v) for k, v in raw.items()}
        raise ValueError(f"unsupported signature {sig}")

    def plain(value: Any) -> Any:
        if isinstance(value, QDBusObjectPath):
            return value.path()
        if isinstance(value, QDBusVariant):
            return plain(value.variant())
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, bool | int | float | str) or value is None:
            return value
        return str(value)

    spec: Spec = json.loads(sys.stdin.buffer.readline())
    objects: dict[str, dict[str, Any]] = spec.get("objects", {})
    calls: list[dict[str, Any]] = []

    app = QCoreApplication(sys.argv[:1])
    bus = QDBusConnection.sessionBus()

    def out(obj: object) -> None:
        sys.stdout.write(json.dumps(obj) + "\n")
        sys.stdout.flush()

    if not bus.isConnected():
        out({"ready": False, "error": bus.lastError().message()})
        return 1

    def introspection(path: str) -> str:
        parts = []
        for iface, desc in objects.get(path, {}).items():
            body = []
            for name, m in desc.get("methods", {}).items():
                args = "".join(f'<arg type="{t}" direction="in"/>'
                               for t in split_signature(m.get("in", "")))
                args += "".join(f'<arg type="{t}" direction="out"/>'
                                for t in split_signature(m.get("out", "")))
                body.append(f'<method name="{name}">{args}</method>')
            for name, (sig, _v) in desc.get("properties", {}).items():
                body.append(f'<property name="{name}" type="{sig}" access="read"/>')
            for name, sig in desc.get("signals", {}).items():
                args = "".join(f'<arg type="{t}"/>' for t in split_signature(sig))
                body.append(f'<signal name="{name}">{args}</signal>')
            parts.append(f'<interface name="{iface}">{"".join(body)}</interface>')
        return "".join(parts)

    def send_signal(path: str, iface: str, name: str, args: list[Any]) -> None:
        message = QDBusMessage.createSignal(path, iface, name)
        message.setArguments(args)
        bus.send(message)

    class Object(QDBusVirtualObject):
        def introspect(self, path: str) -> str:
            return introspection(path)

        def handleMessage(self, message: QDBusMessage, connection: QDBusConnection) -> bool:
            path, iface, member = message.path(), message.interface(), message.member()
            args = [plain(a) for a in message.arguments()]
            calls.append({"path": path, "interface": iface, "member": member, "args": args})
            ifaces = objects.get(path, {})

            def reply(values: list[Any]) -> bool:
                answer = message.createReply()
                answer.setArguments(values)
                bus.send(answer)
                return True

            def error(name: str, text: str) -> bool:
                bus.send(message.createErrorReply(name, text))
                return True

            if iface == INTROSPECTABLE_IFACE and member == "Introspect":
                return reply([
                    '<!DOCTYPE node PUBLIC "-//freedesktop//DTD D-BUS Object Introspection'
                    ' 1.0//EN"\n"http://www.freedesktop.org/standards/dbus/1.0/'
                    f'introspect.dtd">\n<node>{introspection(path)}</node>\n'])
            if iface == PROPERTIES_IFACE and member in ("Get", "GetAll", "Set"):
                props = ifaces.get(str(args[0]), {}).get("properties", {}) if args else {}
                if member == "GetAll":
                    return reply([{k: typed(v) for k, v in props.items()}])
                if member == "Set":
                    return error("org.freedesktop.DBus.Error.PropertyReadOnly", "read-only")
                if len(args) != 2 or args[1] not in props:
                    return error("org.freedesktop.DBus.Error.UnknownProperty",
                                 f"no property {args}")
                return reply([QDBusVariant(typed(props[args[1]]))])
            candidates = [ifaces.get(iface, {})] if iface else list(ifaces.values())
            for desc in candidates:
                method = desc.get("methods", {}).get(member)
                if method is None:
                    continue
                for rule in method.get("replies", []):
                    if rule.get("args") is None or rule["args"] == args:
                        if rule.get("error"):
                            return error(*rule["error"])
                        return reply([typed(rule["reply"])] if rule.get("reply") else [])
                return error("org.freedesktop.DBus.Error.Failed", f"no reply for {args}")
            if path not in objects:
                return error("org.freedesktop.DBus.Error.UnknownObject", f"no object {path}")
            return error("org.freedesktop.DBus.Error.UnknownMethod",
                         f"no method {iface}.{member}")

    handlers = []
    for path in objects:
        handler = Object()
        if not bus.registerVirtualObject(path, handler):
            out({"ready": False, "error": f"cannot export {path}"})
            return 1
        handlers.append(handler)
    for name in spec.get("names", []):
        if not bus.registerService(name):
            out({"ready": False, "error": f"cannot own {name}"})
            return 1

    def command(cmd: dict[str, Any]) -> dict[str, Any]:
        op = cmd.get("op")
        if op == "set_property":
            desc = objects.setdefault(cmd["path"], {}).setdefault(cmd["interface"], {})
            desc.setdefault("properties", {})[cmd["name"]] = cmd["value"]
            if cmd.get("notify", True):
                no_invalidated = typed(["as", []])
                send_signal(cmd["path"], PROPERTIES_IFACE, "PropertiesChanged",
                            [cmd["interface"], {cmd["name"]: typed(cmd["value"])},
                             no_invalidated])
            return {"ok": True}
        if op == "emit":
            send_signal(cmd["path"], cmd["interface"], cmd["name"],
                        [typed(a) for a in cmd["args"]])
            return {"ok": True}
        if op == "set_reply":
            desc = objects.setdefault(cmd["path"], {}).setdefault(cmd["interface"], {})
            method = desc.setdefault("methods", {}).setdefault(cmd["member"], {})
            rules = [r for r in method.get("replies", []) if r.get("args") != cmd["args"]]
            method["replies"] = [{"args": cmd["args"], "reply": cmd.get("reply"),
                                  "error": cmd.get("error")}, *rules]
            return {"ok": True}
        if op == "calls":
            return {"ok": True, "calls": calls}
        if op == "release_name":
            return {"ok": bool(bus.unregisterService(cmd["name"]))}
        return {"ok": False, "error": f"unknown op {op}"}

    def on_stdin() -> None:
        line = sys.stdin.buffer.readline()
        if not line:
            app.quit()
            return
        try:
            out(command(json.loads(line)))
        except Exception as exc:  # a bad command is the test's bug: say so, keep serving
            out({"ok": False, "error": repr(exc)})

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(on_stdin)
    out({"ready": True, "unique_name": bus.baseService(), "pid": os.getpid()})
    return app.exec()


def split_signature(sig: str) -> list[str]:
    """Split a D-Bus signature into complete types ("sa{sv}as" -> s, a{sv}, as)."""
    out: list[str] = []
    i = 0
    while i < len(sig):
        j = i
        while sig[j] == "a":
            j += 1
        if sig[j] in "({":
            depth = 0
            while True:
                depth += 1 if sig[j] in "({" else -1 if sig[j] in ")}" else 0
                j += 1
                if depth == 0:
                    break
        else:
            j += 1
        out.append(sig[i:j])
        i = j
    return out


if __name__ == "__main__":
    sys.exit(_serve())
