"""The microphone detector against a real PulseAudio server run headless here.

Debian's pulseaudio runs with a null sink (its monitor is a monitor source) and a
null source standing for a microphone, in the test's private XDG_RUNTIME_DIR;
`parecord` is the other application. The parsing is also checked on the JSON
that pactl prints (the same client talks to pipewire-pulse).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desk_break.platform.hold.microphone import (
    PolledMicrophoneDetector,
    PulseMicrophoneDetector,
    capture_streams,
    microphones_running,
    monitor_sources,
    pulse_server_reachable,
)
from desk_break.platform.hold.polled import (
    PROPERTY_DEVICES,
    PROPERTY_RUNNING_SOMEWHERE,
    SYSTEM_OBJECT,
    fourcc,
    uint32s,
)


def wait_for(check: Callable[[], bool], what: str, timeout: float = 10.0) -> None:
    """Wait for an outside server to come up (not for our own code)."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not come up")
        time.sleep(0.05)


def pactl_answers() -> bool:
    return subprocess.run(["pactl", "info"], capture_output=True, timeout=5).returncode == 0


@contextlib.contextmanager
def pulseaudio(*modules: str) -> Iterator[subprocess.Popen[bytes]]:
    """A private PulseAudio in the test's XDG_RUNTIME_DIR, with these modules loaded."""
    assert shutil.which("pulseaudio") and shutil.which("pactl"), \
        "packaging/setup.sh test installs pulseaudio and pulseaudio-utils"
    Path(os.environ["HOME"]).mkdir(parents=True, exist_ok=True)
    loads = [arg for module in (*modules, "module-native-protocol-unix") for arg in ("-L", module)]
    server = subprocess.Popen(
        ["pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "-n", "--disable-shm=yes",
         "--use-pid-file=no", *loads],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(pactl_answers, "pulseaudio")
        yield server
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=10)


@pytest.fixture
def pulse(xdg_dirs: dict[str, Path]) -> Iterator[None]:
    """Sink `null` (so a monitor source `null.monitor`) and a source `mic`."""
    with pulseaudio("module-null-sink", "module-null-source source_name=mic"):
        yield


class Recorder:
    """Another application recording from a source."""

    def __init__(self, device: str) -> None:
        self.process = subprocess.Popen(
            ["parecord", f"--device={device}", "--raw", os.devnull],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def recorders() -> Iterator[list[Recorder]]:
    made: list[Recorder] = []
    yield made
    for recorder in made:
        if recorder.process.poll() is None:
            recorder.stop()


def test_goes_active_while_another_app_records_and_back_when_it_stops(
    qtbot: QtBot, pulse: None, recorders: list[Recorder]
) -> None:
    detector = PulseMicrophoneDetector()
    with qtbot.waitSignal(detector.refreshed, timeout=10_000):
        assert detector.start()
    assert not detector.active()
    assert detector.streams == []
    with qtbot.waitSignal(detector.changed, timeout=10_000) as blocker:
        recorders.append(Recorder("mic"))
    assert blocker.args == [True]
    assert [(s.app, s.pid, s.holds) for s in detector.streams] == [
        ("parecord", recorders[0].process.pid, True)
    ]
    with qtbot.waitSignal(detector.changed, timeout=10_000) as blocker:
        recorders[0].stop()
    assert blocker.args == [False]
    detector.stop()


def test_recording_a_monitor_or_our_own_stream_holds_nothing(
    qtbot: QtBot, pulse: None, recorders: list[Recorder]
) -> None:
    detector = PulseMicrophoneDetector()
    with qtbot.waitSignal(detector.refreshed, timeout=10_000):
        assert detector.start()
    recorders.append(Recorder("null.monitor"))
    qtbot.waitUntil(lambda: len(detector.streams) == 1, timeout=10_000)
    assert not detector.streams[0].holds
    assert not detector.active()
    detector.stop()

    # A stream of our own process (the app itself) is not a call either.
    recorders.append(Recorder("mic"))
    mine = PulseMicrophoneDetector(own_pid=recorders[-1].process.pid)
    with qtbot.waitSignal(mine.refreshed, timeout=10_000):
        assert mine.start()
    qtbot.waitUntil(lambda: len(mine.streams) == 2, timeout=10_000)
    assert not mine.active()
    mine.stop()


def test_the_server_going_away_releases_says_so_and_recovers(
    qtbot: QtBot, xdg_dirs: dict[str, Path], recorders: list[Recorder]
) -> None:
    detector = PulseMicrophoneDetector(resubscribe_ms=50)
    with pulseaudio("module-null-source source_name=mic") as server:
        with qtbot.waitSignal(detector.refreshed, timeout=10_000):
            assert detector.start()
        with qtbot.waitSignal(detector.changed, timeout=10_000):
            recorders.append(Recorder("mic"))
        with qtbot.waitSignal(detector.changed, timeout=10_000) as blocker:
            server.terminate()
            server.wait(timeout=10)
        assert blocker.args == [False]
        assert detector.problem == "The sound server (PulseAudio or PipeWire) is not answering."
    recorders[0].stop()
    with pulseaudio("module-null-source source_name=mic"):  # restarted (an update, a crash)
        qtbot.waitUntil(lambda: detector.problem is None, timeout=10_000)
        with qtbot.waitSignal(detector.changed, timeout=10_000) as blocker:
            recorders.append(Recorder("mic"))
        assert blocker.args == [True]
        detector.stop()


def test_no_client_or_no_server_is_unavailable(qtbot: QtBot, tmp_path: Path) -> None:
    no_pactl = {"PATH": str(tmp_path), "XDG_RUNTIME_DIR": str(tmp_path)}
    assert PulseMicrophoneDetector(environ=no_pactl).start() is False
    (tmp_path / "pulse").mkdir()
    (tmp_path / "pulse" / "native").touch()
    assert PulseMicrophoneDetector(environ=no_pactl).start() is False  # a socket, no pactl
    no_server = {"PATH": os.environ["PATH"], "XDG_RUNTIME_DIR": str(tmp_path / "empty")}
    assert PulseMicrophoneDetector(environ=no_server).start() is False
    assert pulse_server_reachable({"PULSE_SERVER": "tcp:localhost"})
    assert not pulse_server_reachable({})


# ---- the JSON pactl prints (PulseAudio 16 and pipewire-pulse alike) -----------

SOURCES = [
    {"index": 0, "name": "null.monitor", "monitor_source": "null",
     "properties": {"device.class": "monitor"}},
    {"index": 1, "name": "mic", "monitor_source": "", "properties": {"device.class": "abstract"}},
    {"index": 57, "name": "alsa_output.pci-0000_00_1f.3.analog-stereo.monitor",
     "properties": {"device.class": "monitor"}},
    {"index": 58, "name": "alsa_input.pci-0000_00_1f.3.analog-stereo",
     "properties": {"device.class": "sound"}},
]


def output(index: int, source: int, app: str, pid: int, **extra: object) -> dict[str, object]:
    props = {"application.name": app, "application.process.id": str(pid)}
    props.update({k.replace("_", "."): str(v) for k, v in extra.items() if k != "corked"})
    return {"index": index, "source": source, "corked": extra.get("corked", False),
            "properties": props}


def test_only_uncorked_streams_of_other_apps_on_real_sources_hold() -> None:
    monitors = monitor_sources(SOURCES)
    assert monitors == {0, 57}
    streams = capture_streams([
        output(1, 58, "Firefox", 4000),
        output(2, 57, "OBS", 4001),  # records what is played
        output(3, 58, "Zoom", 4002, corked=True),
        output(4, 58, "PulseAudio Volume Control", 4003,
               application_id="org.PulseAudio.pavucontrol"),
        output(5, 58, "pavucontrol", 4004, stream_monitor="true"),  # a level meter
        output(6, 58, "Desk Break", 99),
    ], monitors, own_pid=99)
    assert [(s.index, s.holds) for s in streams] == [
        (1, True), (2, False), (3, False), (4, False), (5, False), (6, False)
    ]


# ---- Windows and macOS, as data -------------------------------------------------


def test_mac_counts_only_devices_with_input_streams(qtbot: QtBot) -> None:
    running = {10: 1, 11: 0}  # 10 is the speakers (output only), 11 the microphone

    def read(object_id: int, selector: int, scope: int) -> bytes | None:
        if (object_id, selector) == (SYSTEM_OBJECT, PROPERTY_DEVICES):
            return (10).to_bytes(4, "little") + (11).to_bytes(4, "little")
        if selector == fourcc("stm#"):
            assert scope == fourcc("inpt")
            return b"" if object_id == 10 else (7).to_bytes(4, "little")
        if selector == PROPERTY_RUNNING_SOMEWHERE:
            return running[object_id].to_bytes(4, "little")
        return None

    assert uint32s((10).to_bytes(4, "little")) == [10]
    detector = PolledMicrophoneDetector(lambda: microphones_running(read))
    assert detector.start()
    assert not detector.active()
    running[11] = 1
    with qtbot.waitSignal(detector.changed) as blocker:
        detector.check_now()
    assert blocker.args == [True]
    running[11] = 0
    detector.check_now()
    assert not detector.active()
    detector.stop()
    assert PolledMicrophoneDetector(lambda: None).start() is False
