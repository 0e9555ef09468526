"""The control channel's wire format: versioned, newline-delimited JSON.

One request per connection: `{"v": 1, "cmd": "status", "args": {}}` + "\\n".
The reply is one line: `{"v": 1, "ok": true, "result": {...}}` or
`{"v": 1, "ok": false, "code": "refused", "error": "a sentence"}`.
Pure and Qt-free so both ends and the tests share it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

VERSION = 1
MAX_LINE_BYTES = 64 * 1024
TIMEOUT_SECONDS = 3.0

COMMANDS: frozenset[str] = frozenset(
    {
        "status",
        "quit",
        "activate",  # a second launch: bring up Preferences
        "preferences",
        "break-now",
        "snooze",
        "skip",
        "done",
        "pause",
        "resume",
    }
)

# Error codes a client maps to exit statuses.
BAD_REQUEST = "bad_request"
REFUSED = "refused"
INTERNAL = "internal"


class ProtocolError(ValueError):
    """A line that is not a valid request or reply; the message is for a person."""


@dataclass(frozen=True)
class Request:
    cmd: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Reply:
    ok: bool
    result: dict[str, Any] = field(default_factory=dict)
    code: str = ""
    error: str = ""


def encode_request(request: Request) -> bytes:
    return _line({"v": VERSION, "cmd": request.cmd, "args": request.args})


_JSON_TYPES = {str: "string", float: "number", bool: "boolean", list: "array", dict: "object"}


def check_version(version: object) -> None:
    """The version must be the JSON number 1: not "1" (which used to be reported as
    "unsupported protocol version '1'; this app speaks 1"), not true (== 1 in Python)."""
    if version is None:
        raise ProtocolError(f"the request has no protocol version ('v'); this app speaks {VERSION}")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ProtocolError(
            f"the protocol version must be a whole number ({VERSION}), "
            f"got the {_JSON_TYPES.get(type(version), 'value')} {_json_shown(version)}"
        )
    if version != VERSION:
        raise ProtocolError(
            f"unsupported protocol version {shown(version)}; this app speaks {VERSION}"
        )


def shown(value: object, limit: int = 60) -> str:
    """`value` as a reply may quote it: repr, cut to `limit` characters (a request of
    60 KB quoted back whole would make a reply too long to send)."""
    try:
        text = repr(value)
    except (RecursionError, ValueError):  # a list nested 900 deep; an int of 5000 digits
        text = f"<a {type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _json_shown(value: object) -> str:
    try:
        text = json.dumps(value)
    except (RecursionError, ValueError):
        return shown(value)
    return text if len(text) <= 60 else text[:57] + "..."


def decode_request(line: bytes) -> Request:
    """The request on `line`; ProtocolError (a sentence) for anything else, whatever the bytes."""
    obj = _parse(line)
    check_version(obj.get("v"))
    cmd = obj.get("cmd")
    if not isinstance(cmd, str) or cmd not in COMMANDS:
        raise ProtocolError(f"unknown command {shown(cmd)}")
    args = obj.get("args", {})
    if not isinstance(args, dict):
        raise ProtocolError("'args' must be an object")
    return Request(cmd, args)


def encode_reply(reply: Reply) -> bytes:
    obj: dict[str, Any] = {"v": VERSION, "ok": reply.ok}
    if reply.ok:
        obj["result"] = reply.result
    else:
        obj["code"] = reply.code
        obj["error"] = reply.error
    return _line(obj)


def decode_reply(line: bytes) -> Reply:
    obj = _parse(line)
    version = obj.get("v")
    if not _is_version(version) or not isinstance(obj.get("ok"), bool):
        raise ProtocolError("the running Desk Break answered in a format this command cannot read")
    if obj["ok"]:
        result = obj.get("result", {})
        return Reply(True, result if isinstance(result, dict) else {})
    return Reply(False, code=str(obj.get("code", "")), error=str(obj.get("error", "")))


def _is_version(version: object) -> bool:
    return type(version) is int and version == VERSION


def _line(obj: dict[str, Any]) -> bytes:
    data = json.dumps(obj, separators=(",", ":")).encode("utf-8") + b"\n"
    if len(data) > MAX_LINE_BYTES:
        raise ProtocolError(f"message of {len(data)} bytes exceeds {MAX_LINE_BYTES}")
    return data


def _parse(line: bytes) -> dict[str, Any]:
    if len(line) > MAX_LINE_BYTES:
        raise ProtocolError(f"message longer than {MAX_LINE_BYTES} bytes")
    try:
        obj = json.loads(line.decode("utf-8"))
    except RecursionError:  # '[' x 5000: the decoder gives up, and so do we, politely
        raise ProtocolError("not a JSON line: nested too deeply") from None
    except ValueError as exc:  # not UTF-8, not JSON, an integer of over 4300 digits
        raise ProtocolError(f"not a JSON line: {shown(str(exc), 200)[1:-1]}") from None
    if not isinstance(obj, dict):
        raise ProtocolError("a message must be a JSON object")
    return obj
