"""Fuzzing with Hypothesis: the settings loader, the moves loader, the calendar reader and
the control protocol, fed arbitrary bytes and near-valid text.

Every input ends in a value or a clear error (the file named, a reason), and nothing is
rewritten: the file's bytes are the same afterwards and no file appears beside it.

The default run is bounded (FUZZ_EXAMPLES examples each, a few seconds); a longer one:
    DESK_BREAK_FUZZ_EXAMPLES=20000 .venv/bin/pytest tests/test_fuzz.py -p no:cacheprovider
"""

from __future__ import annotations

import json
import os
import socket
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from desk_break.core.calendar_rules import CalendarError, look_ahead, parse_calendar
from desk_break.core.catalog import load_catalog
from desk_break.ipc.protocol import MAX_LINE_BYTES, ProtocolError, Request, decode_request
from desk_break.platform.hold.calendar import CalendarFileError, read_calendar_file
from desk_break.settings.model import Settings
from desk_break.settings.store import load_settings

FUZZ_EXAMPLES = int(os.environ.get("DESK_BREAK_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def near(tokens: list[str]) -> st.SearchStrategy[bytes]:
    """Text made of a format's own pieces (keys, brackets, quotes, newlines), so the fuzzer
    reaches past the first syntax error; now and then a raw byte among them."""
    piece = st.one_of(
        st.sampled_from(tokens),
        st.text(max_size=8),
        st.integers(-(10**30), 10**30).map(str),
        st.binary(max_size=3).map(lambda b: b.decode("latin-1")),
    )
    return st.lists(piece, max_size=60).map(lambda parts: "".join(parts).encode("utf-8"))


def any_bytes(tokens: list[str]) -> st.SearchStrategy[bytes]:
    return st.one_of(st.binary(max_size=2000), near(tokens))


def unchanged_folder(folder: Path, name: str, data: bytes) -> None:
    """Loading wrote nothing: the file is as it was and nothing appeared beside it."""
    assert (folder / name).read_bytes() == data
    assert [p.name for p in folder.iterdir()] == [name]


def write_fresh(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(exist_ok=True)
    for child in folder.iterdir():
        child.unlink()
    path = folder / name
    path.write_bytes(data)
    return path


# ---- settings.toml ---------------------------------------------------------------------

SETTINGS_TOKENS = [
    "\n", "version = ", "1", "[breaks]", "[work_hours]", "[long_breaks]", "[[breaks]]",
    "interval_minutes = ", "duration_seconds", "monday = ", '["09:00-17:30"]', '"24:00-00:00"',
    "=", '"', "'", "'''", '"""', "[", "]", "{", "}", ",", ".", "#", "\\u0000", "\\", "true",
    "nan", "inf", "1979-05-27T07:32:00Z", "0x10", "1e400", "[do_not_disturb]",
    'calendar_file = "/dev/zero"', "[behaviour]", 'step_cues = "voice"', "\r\n", "\ufeff",
]


@FUZZ
@given(data=any_bytes(SETTINGS_TOKENS))
@example(data=b"[" * 5000)
@example(data=b"a = " + b"[" * 5000)
@example(data=b"version = 1\n[breaks]\ninterval_minutes = " + b"9" * 5000)
@example(data=b"\xff\xfe\x00")
def test_the_settings_loader_ends_in_settings_or_a_clear_problem(
    tmp_path: Path, data: bytes
) -> None:
    path = write_fresh(tmp_path / "fuzz", "settings.toml", data)
    result = load_settings(path)
    assert isinstance(result.settings, Settings)
    for problem in result.problems:
        assert problem.file == path and problem.reason.strip()
        assert str(problem).startswith(str(path))
    unchanged_folder(tmp_path / "fuzz", "settings.toml", data)


# ---- moves.toml ------------------------------------------------------------------------

MOVES_TOKENS = [
    "\n", "schema = 1", "[[moves]]", 'id = "', "my_move", '"', "name = ", "purpose = ",
    "positions = ", '["seated"]', "equipment = ", '["chair"]', "[[moves.steps]]", "cue = ",
    "seconds = ", "pose = ", '"sit"', "[poses.mine]", 'like = "sit"', "scapula = ", "1e308",
    "=", "[", "]", "{", "}", ",", "'", '"""', "#", "nan", "-0", "cautions = ", "repeat = ",
]


@FUZZ
@given(data=any_bytes(MOVES_TOKENS))
@example(data=b"[[moves]]\n" + b"x = [" * 3000)
@example(data=b'[[moves]]\nid = "a"\nsteps = ' + b"[" * 5000)
def test_the_moves_loader_keeps_the_shipped_moves_and_names_what_it_skips(
    tmp_path: Path, data: bytes
) -> None:
    path = write_fresh(tmp_path / "fuzz", "moves.toml", data)
    catalog, problems = load_catalog(path)
    assert len(catalog) >= 10  # the shipped moves are always there
    for problem in problems:
        assert problem.file == str(path) and problem.reason.strip()
    unchanged_folder(tmp_path / "fuzz", "moves.toml", data)


# ---- a calendar (.ics) -----------------------------------------------------------------

ICS_TOKENS = [
    "\r\n", "\n", " ", "BEGIN:VCALENDAR", "END:VCALENDAR", "BEGIN:VEVENT", "END:VEVENT",
    "VERSION:2.0", "DTSTART:", "DTEND:", "20261202T090000Z", "20261202T100000", "20261202",
    "DTSTART;TZID=Europe/Berlin:", "DTSTART;VALUE=DATE:", "RRULE:FREQ=", "DAILY", "WEEKLY",
    ";COUNT=", ";UNTIL=", ";BYDAY=MO,TU", ";INTERVAL=0", "EXDATE:", "RECURRENCE-ID:",
    "DURATION:PT1H", "DURATION:-P1D", "TRANSP:OPAQUE", "STATUS:CANCELLED", "SUMMARY:",
    "BEGIN:VTIMEZONE", "TZID:", "END:VTIMEZONE", ":", ";", "=", ",", '"', "99999999T999999",
]
NOW = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)


@FUZZ
@given(data=any_bytes(ICS_TOKENS))
@example(data=b"BEGIN:VCALENDAR\n" * 3000)
def test_the_calendar_reader_ends_in_busy_times_or_a_clear_error(
    tmp_path: Path, data: bytes
) -> None:
    path = write_fresh(tmp_path / "fuzz", "cal.ics", data)
    try:
        calendar = parse_calendar(read_calendar_file(path))
        stretches = look_ahead(calendar, NOW, UTC)
    except CalendarFileError as error:
        assert str(error).startswith(f"{path}: ")
    except CalendarError as error:
        assert str(error).strip()
    else:
        assert all(s.start < s.end for s in stretches)
    unchanged_folder(tmp_path / "fuzz", "cal.ics", data)


# ---- the control protocol --------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                  max_size=4),
    max_leaves=20,
)
requests = st.fixed_dictionaries(
    {},
    optional={
        "v": st.one_of(st.just(1), json_values),
        "cmd": st.one_of(st.sampled_from(["status", "pause", "snooze", "quit"]), json_values),
        "args": st.one_of(st.dictionaries(st.sampled_from(["length", "x"]), json_values),
                          json_values),
    },
).map(lambda obj: json.dumps(obj).encode())
lines = st.one_of(
    st.binary(max_size=500), requests, json_values.map(lambda v: json.dumps(v).encode())
)


@FUZZ
@given(line=lines)
@example(line=b"[" * 5000)
@example(line=b"1" * 5000)
@example(line=b'{"v": 1, "cmd": "' + b"x" * 60000 + b'"}')
def test_the_protocol_decodes_a_request_or_says_why_not(line: bytes) -> None:
    try:
        request = decode_request(line)
    except ProtocolError as error:
        assert 0 < len(str(error)) < 400
    else:
        assert isinstance(request, Request) and isinstance(request.args, dict)


@FUZZ
@given(line=st.one_of(lines, st.just(b"[" * 5000), st.just(b'{"a":' * 3000)))
def test_the_real_server_answers_every_line_with_one_json_reply(
    qtbot: Any, line: bytes, control: Path
) -> None:
    line = line.replace(b"\n", b" ")[:MAX_LINE_BYTES] + b"\n"

    def exchange() -> bytes:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(5)
            s.connect(str(control))
            s.sendall(line)
            data = b""
            while chunk := s.recv(65536):
                data += chunk
            return data

    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(exchange)
        qtbot.waitUntil(future.done, timeout=5000)
        raw = future.result()
    assert raw.endswith(b"\n") and raw.count(b"\n") == 1, raw[:200]
    reply = json.loads(raw)
    assert reply["v"] == 1 and isinstance(reply["ok"], bool)
    if not reply["ok"]:
        assert reply["code"] in ("bad_request", "refused", "internal") and reply["error"]


@pytest.fixture
def control(qtbot: Any) -> Any:
    """A real ControlServer on a local socket, with a handler that reads args as the app's
    does (a pause length must be a string)."""
    from desk_break.ipc.protocol import BAD_REQUEST, Reply
    from desk_break.ipc.server import ControlServer
    from desk_break.paths import app_paths, ensure_private_dir

    def handler(request: Request) -> Reply:
        if request.cmd == "pause" and not isinstance(request.args.get("length", ""), str):
            return Reply(False, code=BAD_REQUEST, error="'length' must be a string")
        return Reply(True, {"cmd": request.cmd})

    paths = app_paths()
    ensure_private_dir(paths.runtime_dir)
    server = ControlServer(paths.socket_path, handler)
    server.listen()
    yield paths.socket_path
    server.close()
