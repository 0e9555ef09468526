"""The control channel's wire format (no Qt)."""

from __future__ import annotations

import json

import pytest

from desk_break.ipc.protocol import (
    MAX_LINE_BYTES,
    ProtocolError,
    Reply,
    Request,
    decode_reply,
    decode_request,
    encode_reply,
    encode_request,
)


def test_request_round_trip_is_one_versioned_json_line() -> None:
    line = encode_request(Request("pause", {"length": "30m"}))
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert json.loads(line) == {"v": 1, "cmd": "pause", "args": {"length": "30m"}}
    assert decode_request(line.strip()) == Request("pause", {"length": "30m"})


def test_reply_round_trip_ok_and_error() -> None:
    ok = Reply(True, {"state": "waiting"})
    assert decode_reply(encode_reply(ok).strip()) == ok
    refused = Reply(False, code="refused", error="No more snoozes")
    assert decode_reply(encode_reply(refused).strip()) == refused


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b"not json", "not a JSON line"),
        (b"[1, 2]", "must be a JSON object"),
        (b'{"v": 2, "cmd": "status"}', "^unsupported protocol version 2; this app speaks 1$"),
        (b'{"cmd": "status"}', r"has no protocol version \('v'\); this app speaks 1"),
        # A string or a boolean is not the number 1 (True == 1 in Python: it used to pass).
        (b'{"v": "1", "cmd": "status"}', r'must be a whole number \(1\), got the string "1"$'),
        (b'{"v": true, "cmd": "status"}', r"must be a whole number \(1\), got the boolean true$"),
        (b'{"v": 1.0, "cmd": "status"}', r"must be a whole number \(1\), got the number 1.0$"),
        (b'{"v": 1, "cmd": "format-disk"}', "unknown command 'format-disk'"),
        (b'{"v": 1, "cmd": "status", "args": []}', "'args' must be an object"),
        (b"\xff\xfe", "not a JSON line"),
        (b"x" * (MAX_LINE_BYTES + 1), "longer than"),
        # These raised RecursionError / a bare ValueError out of the server's slot.
        (b"[" * 5000, "^not a JSON line: nested too deeply$"),
        (b'{"a":' * 3000 + b"1" + b"}" * 3000, "^not a JSON line: nested too deeply$"),
        (b"1" * 5000, "^not a JSON line: Exceeds the limit"),
        # What is quoted back stays short, however long the request.
        (b'{"v": 1, "cmd": "' + b"x" * 60000 + b'"}', r"^unknown command 'x{56}\.\.\.$"),
        (b'{"v": ' + b"9" * 4000 + b', "cmd": "status"}', r"^unsupported .{30,100} speaks 1$"),
        (b'{"v": 1e999, "cmd": "status"}', r"got the number Infinity$"),
    ],
)
def test_malformed_requests_are_refused_with_a_reason(line: bytes, message: str) -> None:
    with pytest.raises(ProtocolError, match=message):
        decode_request(line)


@pytest.mark.parametrize("version", [b'"1"', b"true", b"1.0", b"2"])
def test_a_reply_in_another_version_is_not_read(version: bytes) -> None:
    line = b'{"v": ' + version + b', "ok": true, "result": {}}'
    with pytest.raises(ProtocolError, match="cannot read"):
        decode_reply(line)
