"""Hold breaks while another application records from a microphone (a call).

- Linux: the capture streams ("source outputs") of the PulseAudio protocol, which
  PulseAudio and PipeWire's pipewire-pulse both serve. `pactl subscribe` runs in a
  QProcess and prints one line per server event; only source-output events (and
  a source coming or going) make us list again, with `pactl -f json list source-outputs` (and
  `... sources`, to know which sources are monitors of an output). No polling.
  Not counted: streams from a monitor source (recording what is played),
  corked (paused) streams, level meters (pavucontrol's peak detection, which
  pipewire-pulse marks `stream.monitor`), and our own process.
- Windows: the ConsentStore `microphone` key; macOS: CoreAudio's
  `kAudioDevicePropertyDeviceIsRunningSomewhere` on devices with input streams
  (see polled.py).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QProcess, QTimer, Signal

from desk_break.core.i18n import translate
from desk_break.platform.hold.base import HoldDetector
from desk_break.platform.hold.polled import (
    PolledDetector,
    PropertyReader,
    WinregReader,
    apple_property_reader,
    consent_probe,
    devices_running,
    fourcc,
)
from desk_break.qt.timers import make_timer

# Events come in bursts (new, change, change): list once after them.
LIST_DELAY_MS = 100
# The server went away (restart, log-out): try again after this, doubling.
RESUBSCRIBE_MS = 5_000
MAX_RESUBSCRIBE_MS = 300_000
LIST_TIMEOUT_MS = 5_000
LEVEL_METER_APPS = frozenset({"org.PulseAudio.pavucontrol", "org.gnome.VolumeControl"})


@dataclass(frozen=True)
class CaptureStream:
    """One source output as the server reported it, and whether it holds breaks."""

    index: int
    source: int
    app: str
    pid: int | None
    holds: bool


def monitor_sources(sources: Iterable[Mapping[str, Any]]) -> set[int]:
    """Indexes of sources that record what an output plays, not a microphone.

    pactl 16 writes a source's monitored sink under "monitor_source" (sic);
    pipewire-pulse and PulseAudio both set device.class=monitor.
    """
    found: set[int] = set()
    for source in sources:
        props = source.get("properties") or {}
        of_sink = str(source.get("monitor_source") or source.get("monitor_of_sink") or "")
        if (props.get("device.class") == "monitor" or of_sink not in ("", "n/a")
                or str(source.get("name", "")).endswith(".monitor")):
            found.add(int(source["index"]))
    return found


def _pid(props: Mapping[str, Any]) -> int | None:
    try:
        return int(props.get("application.process.id", ""))
    except ValueError:
        return None


def capture_streams(
    outputs: Iterable[Mapping[str, Any]], monitors: set[int], own_pid: int
) -> list[CaptureStream]:
    """Classify each source output: does it mean someone is talking into a microphone?"""
    streams: list[CaptureStream] = []
    for output in outputs:
        props = output.get("properties") or {}
        pid = _pid(props)
        source = int(output.get("source", -1))
        holds = not (
            source in monitors
            or output.get("corked") is True
            or pid == own_pid
            or props.get("stream.monitor") == "true"
            or props.get("application.id") in LEVEL_METER_APPS
        )
        streams.append(CaptureStream(int(output.get("index", -1)), source,
                                     str(props.get("application.name", "")), pid, holds))
    return streams


def pulse_server_reachable(environ: Mapping[str, str]) -> bool:
    """A server to ask: $PULSE_SERVER, or the socket both servers make in the runtime dir."""
    if environ.get("PULSE_SERVER"):
        return True
    runtime = environ.get("XDG_RUNTIME_DIR")
    return bool(runtime and Path(runtime, "pulse", "native").exists())


class PulseMicrophoneDetector(HoldDetector):
    """Active while another application has a capture stream on a real source.

    Signals:
        changed(bool): active() changed.
        refreshed(): a new listing was read (streams holds it).
    """

    reason: ClassVar[str] = "microphone"
    refreshed = Signal()

    def __init__(
        self,
        pactl: str = "pactl",
        own_pid: int | None = None,
        environ: Mapping[str, str] | None = None,
        resubscribe_ms: int = RESUBSCRIBE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._pactl = pactl
        self._own_pid = os.getpid() if own_pid is None else own_pid
        self._environ = os.environ if environ is None else environ
        self._recording = False
        self._trouble: str | None = None
        self._running = False
        self._monitors: set[int] | None = None
        self._sources: set[int] = set()
        self._sources_fresh = False
        self._subscriber: QProcess | None = None
        self._lister: QProcess | None = None
        self._list_again = False
        self._first_retry_ms = self._retry_ms = resubscribe_ms
        self.streams: list[CaptureStream] = []
        self._list_timer = self._single_shot("microphone-list", LIST_DELAY_MS, self.check_now)
        self._retry_timer = self._single_shot("microphone-resubscribe", RESUBSCRIBE_MS,
                                              self._subscribe)
        self._list_deadline = self._single_shot("microphone-list-timeout", LIST_TIMEOUT_MS,
                                                self._list_timed_out)

    def _single_shot(self, name: str, ms: int, slot: Any) -> QTimer:
        return make_timer(name, self, ms, single_shot=True, on_timeout=slot)

    # ---- HoldDetector --------------------------------------------------------

    def start(self) -> bool:
        """False without pactl or without a PulseAudio/PipeWire server to ask."""
        path = shutil.which(self._pactl, path=self._environ.get("PATH"))
        if path is None or not pulse_server_reachable(self._environ):
            return False
        self._pactl = path
        self._running = True
        self._subscribe()
        return True

    def stop(self) -> None:
        self._running = False
        for timer in (self._list_timer, self._retry_timer, self._list_deadline):
            timer.stop()
        for process in (self._subscriber, self._lister):
            if process is not None:
                process.blockSignals(True)
                process.kill()
                process.waitForFinished(1000)
                process.deleteLater()
        self._subscriber = self._lister = None
        self._recording = False

    def active(self) -> bool:
        return self._recording

    def check_now(self) -> None:
        """List the capture streams (asynchronously; changed follows if the answer moved)."""
        if not self._running:
            return
        if self._lister is not None:
            self._list_again = True
            return
        want_sources = self._monitors is None
        script = ["-f", "json", "list", "sources" if want_sources else "source-outputs"]
        self._lister = self._process(script)
        self._lister.setProperty("what", script[-1])
        self._lister.finished.connect(self._listed)
        self._list_deadline.start()
        self._lister.start()

    @property
    def problem(self) -> str | None:
        return self._trouble

    # ---- inside --------------------------------------------------------------

    def _process(self, args: list[str]) -> QProcess:
        process = QProcess(self)
        process.setProgram(self._pactl)
        process.setArguments(args)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        return process

    def _subscribe(self) -> None:
        if not self._running:
            return
        self._subscriber = self._process(["subscribe"])
        self._subscriber.readyReadStandardOutput.connect(self._on_events)
        self._subscriber.finished.connect(self._subscriber_ended)
        self._subscriber.start()
        self.check_now()  # after subscribing, so no stream can slip in between

    def _on_events(self) -> None:
        if self._subscriber is None:
            return
        text = bytes(self._subscriber.readAllStandardOutput().data()).decode(errors="replace")
        for line in text.splitlines():
            source_came_or_went = " on source #" in line and "'change'" not in line
            if source_came_or_went:
                self._monitors = None  # learn which sources are monitors again
            wanted = source_came_or_went or " on source-output #" in line
            if wanted and not self._list_timer.isActive():
                self._list_timer.start()

    def _subscriber_ended(self) -> None:
        """The server went away: nothing records now; try again later, more slowly each time."""
        if self._subscriber is not None:
            self._subscriber.deleteLater()
            self._subscriber = None
        if not self._running:
            return
        self._trouble = translate(
            "Presence", "The sound server (PulseAudio or PipeWire) is not answering."
        )
        self._set_recording(False)
        self._retry_timer.start(self._retry_ms)
        self._retry_ms = min(self._retry_ms * 2, MAX_RESUBSCRIBE_MS)
        self._monitors = None

    def _list_timed_out(self) -> None:
        if self._lister is not None:
            self._lister.kill()  # finished follows, with a failure

    def _listed(self, exit_code: int, status: QProcess.ExitStatus) -> None:
        process, self._lister = self._lister, None
        self._list_deadline.stop()
        if process is None:
            return
        what = str(process.property("what"))
        raw = bytes(process.readAllStandardOutput().data())
        process.deleteLater()
        try:
            if exit_code != 0 or status != QProcess.ExitStatus.NormalExit:
                raise ValueError(f"pactl exited with {exit_code}")
            listing = json.loads(raw or b"[]")
            if not isinstance(listing, list):
                raise ValueError("not a list")
            if what == "sources":
                monitors = monitor_sources(listing)
                sources = {int(source["index"]) for source in listing}
            else:
                assert self._monitors is not None
                streams = capture_streams(listing, self._monitors, self._own_pid)
        except (ValueError, KeyError, TypeError, AttributeError):
            self._trouble = translate(
                "Presence", "The sound server (PulseAudio or PipeWire) is not answering."
            )
            self._set_recording(False)
            return
        self._trouble = None
        self._retry_ms = self._first_retry_ms
        if what == "sources":
            self._monitors, self._sources = monitors, sources
            self._list_again = True
        else:
            if any(s.source not in self._sources for s in streams) and not self._sources_fresh:
                # A source we have not seen (the event for it may come later): learn it first.
                self._monitors = None
                self._list_again = True
            else:
                self.streams = streams
                self._set_recording(any(s.holds for s in streams))
                self.refreshed.emit()
        self._sources_fresh = what == "sources"
        if self._list_again:
            self._list_again = False
            self.check_now()

    def _set_recording(self, recording: bool) -> None:
        if recording != self._recording:
            self._recording = recording
            self.changed.emit(recording)


class PolledMicrophoneDetector(PolledDetector):
    """The microphone on Windows (ConsentStore) and macOS (CoreAudio)."""

    reason: ClassVar[str] = "microphone"


SCOPE_INPUT = fourcc("inpt")  # kAudioObjectPropertyScopeInput
PROPERTY_STREAMS = fourcc("stm#")  # kAudioDevicePropertyStreams


def microphones_running(read: PropertyReader) -> bool | None:
    """Whether any device with input streams (a microphone) runs in some process."""

    def has_input(device: int) -> bool:
        return bool(read(device, PROPERTY_STREAMS, SCOPE_INPUT))

    return devices_running(read, wanted=has_input)


def microphone_detector(parent: QObject | None = None) -> HoldDetector:
    """The microphone detector for this OS (its start() says whether it can work)."""
    if sys.platform == "win32":
        return PolledMicrophoneDetector(consent_probe(WinregReader(), "microphone"), parent)
    if sys.platform == "darwin":
        read = apple_property_reader("CoreAudio", "Audio")
        return PolledMicrophoneDetector(
            lambda: None if read is None else microphones_running(read), parent
        )
    return PulseMicrophoneDetector(parent=parent)
