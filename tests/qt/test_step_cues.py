"""Step cues with the eyes off the screen: tones, a voice, and screen-reader announcements.

The speech services are stand-ins on PATH (small scripts this file writes) that
record what they are asked to say, keep "speaking" until they are cancelled, and
note it when a cue starts while another is still being spoken. The break runs on
a FakeClock: `window.refresh()` after `clock.advance()` is what its timer does.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAccessible
from pytestqt.qtbot import QtBot

from desk_break.core.break_plan import REST_CUE
from desk_break.core.catalog import Catalog, load_catalog
from desk_break.core.clock import FakeClock
from desk_break.core.events import BreakKind, BreakStarted, PlannedBreak
from desk_break.core.moves import Move, Step
from desk_break.platform.autostart import NullAutostart
from desk_break.qt import sound, step_cues
from desk_break.qt.break_session import BreakSession
from desk_break.qt.prefs.behaviour_page import BehaviourPage
from desk_break.qt.step_cues import NO_SPEECH_HINT, cue_kind, spoken
from desk_break.settings.model import BehaviourSettings, Settings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")

BLADES = Move(
    id="blade-hold",
    name="Shoulder blade hold",
    position="seated",
    equipment=(),
    focus=("scapular",),
    purpose="test",
    steps=(
        Step("Sit tall, arms relaxed by your sides", 4, "sit_back"),
        Step("Squeeze your shoulder blades together — hold", 6, "sit_back_squeeze"),
        Step("Release", 4, "sit_back"),
    ),
    source="001.txt",
)
TOTAL = 24  # 14 s of steps, then 10 s of "Breathe and relax"
CUES = [s.cue for s in BLADES.steps] + [REST_CUE]

# A speech command that records each call as a JSON line and "speaks" (sleeps) until
# it is cancelled, as `spd-say --wait` and `espeak-ng` do. `-C` cancels the cue being
# spoken, as speech-dispatcher does. A cue that starts while another is still
# spoken is marked `overlap`.
STAND_IN = r'''#!{python}
import json, os, signal, sys, time
LOG, SPEAKING = {log!r}, {speaking!r}
args = sys.argv[1:]
text = args[args.index("--") + 1] if "--" in args else None

def alive(pid):
    try:
        with open(f"/proc/{{pid}}/stat") as stat:
            return stat.read().split(") ")[-1][0] not in "ZX"
    except OSError:
        return False

def speaking():
    try:
        pid = int(open(SPEAKING).read())
    except (OSError, ValueError):
        return None
    return pid if alive(pid) else None

if "-C" in args and (pid := speaking()):
    os.kill(pid, signal.SIGTERM)
    for _ in range(200):
        if not alive(pid):
            break
        time.sleep(0.01)
entry = {{"name": os.path.basename(sys.argv[0]), "args": args, "text": text,
          "overlap": text is not None and speaking() is not None}}
with open(LOG, "a") as log:
    log.write(json.dumps(entry) + "\n")
if text is not None and ("--wait" in args or "espeak" in sys.argv[0]):
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with open(SPEAKING + ".tmp", "w") as f:
        f.write(str(os.getpid()))
    os.replace(SPEAKING + ".tmp", SPEAKING)
    time.sleep(20)
'''

# A sound player that records which file it was asked to play.
PLAYER = '#!/bin/sh\nprintf "%s\\n" "$@" >> "{log}"\n'


class Bin:
    """A temp folder that is the whole PATH, with the stand-ins a test puts in it."""

    def __init__(self, root: Path) -> None:
        self.dir = root / "bin"
        self.dir.mkdir()
        self.log = root / "said.jsonl"
        self.speaking = root / "speaking.pid"
        self.played = root / "played.txt"

    def speech(self, name: str) -> None:
        script = STAND_IN.format(
            python=sys.executable, log=str(self.log), speaking=str(self.speaking)
        )
        self._write(name, script)

    def player(self) -> None:
        self._write("paplay", PLAYER.format(log=self.played))

    def _write(self, name: str, text: str) -> None:
        path = self.dir / name
        path.write_text(text)
        path.chmod(0o755)

    def calls(self) -> list[dict[str, Any]]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines()]

    def said(self) -> list[str]:
        return [c["text"] for c in self.calls() if c["text"] is not None]

    def tones(self) -> list[str]:
        if not self.played.exists():
            return []
        return [Path(line).name for line in self.played.read_text().split()]

    def kill_leftovers(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            os.kill(int(self.speaking.read_text()), signal.SIGKILL)


@pytest.fixture
def path_bin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Bin]:
    found = Bin(tmp_path)
    monkeypatch.setenv("PATH", str(found.dir))
    monkeypatch.setattr(sound, "_multimedia", lambda: None)  # tones through `paplay`
    yield found
    found.kill_leftovers()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2025, 3, 3, 10, 0, tzinfo=UTC))


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    catalog, problems = load_catalog(None)
    assert problems == []
    return catalog


@pytest.fixture
def run_break(
    qtbot: QtBot, clock: FakeClock, catalog: Catalog
) -> Iterator[Callable[[str, Callable[[int, BreakSession], None]], BreakSession]]:
    """A break on screen as the app opens it, walked step by step: after each step
    begins, `settle(i, session)` waits for its cue (i = the step's index)."""
    sessions: list[BreakSession] = []

    def run(mode: str, settle: Callable[[int, BreakSession], None]) -> BreakSession:
        now = clock.now()
        planned = PlannedBreak(now, now + timedelta(seconds=TOTAL), BreakKind.MICRO, 1)
        event = BreakStarted(now, planned, 0, break_id=1, moves=(BLADES,))
        session = BreakSession(
            event, catalog, clock, snooze_minutes=5, snooze_refusal=None, sound=False,
            step_cues=mode,
        )
        sessions.append(session)
        session.start()
        segments = session.window.plan.segments
        assert [s.cue for s in segments] == CUES
        settle(0, session)
        for i in range(1, len(segments)):
            clock.advance(segments[i].start - segments[i - 1].start)
            session.window.refresh()
            settle(i, session)
        return session

    yield run
    for session in sessions:
        session.close_now()


# ---- which tone, and how a cue is said -------------------------------------------


@pytest.mark.parametrize(
    ("cue", "kind"),
    [
        ("Squeeze your shoulder blades together — hold", "hold"),
        ("Sit your hips back and let your chest sink — hold", "hold"),
        ("Release", "release"),
        ("Lower your arms", "release"),
        ("Back to centre", "release"),
        ("Bring your hands back in front", "release"),
        (REST_CUE, "release"),
        ("Hold the band in both hands, arms straight", "step"),  # a set-up, not a hold
        ("Roll back: round your spine, hips toward your heels", "step"),
        ("Turn to your right, hand on the chair back", "step"),
    ],
)
def test_each_cue_gets_the_tone_of_what_it_asks(cue: str, kind: str) -> None:
    assert cue_kind(cue) == kind


def test_a_cue_is_said_with_a_pause_for_the_dash() -> None:
    assert spoken("Squeeze your shoulder blades together — hold") == (
        "Squeeze your shoulder blades together, hold"
    )
    assert spoken("Lower back to 90/90") == "Lower back to 90 90"


def test_the_shipped_tones_are_short_distinct_wavs() -> None:
    import wave

    frames = {}
    for name in step_cues.TONE_FILES.values():
        path = sound._resource_wav(name)
        assert path is not None, name
        with wave.open(str(path)) as wav:
            assert 0.2 <= wav.getnframes() / wav.getframerate() <= 0.8
            frames[name] = wav.readframes(wav.getnframes())
    assert len(set(frames.values())) == 3


# ---- a voice ------------------------------------------------------------------------


def test_spd_say_speaks_each_step_in_order_never_over_the_last(
    qtbot: QtBot, path_bin: Bin, run_break: Any
) -> None:
    path_bin.speech("spd-say")

    def settle(i: int, _s: BreakSession) -> None:
        qtbot.waitUntil(lambda: len(path_bin.said()) == i + 1, timeout=5000)

    session = run_break("voice", settle)

    assert path_bin.said() == [spoken(c) for c in CUES]
    says = [c for c in path_bin.calls() if c["text"] is not None]
    assert not any(c["overlap"] for c in says)
    # Each cue after the first cancels the one still being said; the first cancels nothing.
    assert ["-C" in c["args"] for c in says] == [False, True, True, True]
    assert all("--wait" in c["args"] for c in says)

    session.close_now()  # Skip, or the window closed: the last cue is cut off too
    qtbot.waitUntil(lambda: path_bin.calls()[-1]["args"] == ["-C"], timeout=5000)
    assert path_bin.said() == [spoken(c) for c in CUES]  # nothing more was said


def test_espeak_ng_when_there_is_no_speech_dispatcher(
    qtbot: QtBot, path_bin: Bin, run_break: Any
) -> None:
    path_bin.speech("espeak-ng")

    def settle(i: int, _s: BreakSession) -> None:
        qtbot.waitUntil(lambda: len(path_bin.said()) == i + 1, timeout=5000)

    run_break("voice", settle)

    calls = path_bin.calls()
    assert {c["name"] for c in calls} == {"espeak-ng"}
    assert path_bin.said() == [spoken(c) for c in CUES]
    # The previous espeak-ng is stopped before the next cue starts.
    assert not any(c["overlap"] for c in calls)


def test_a_speech_service_that_fails_gives_way_to_tones(
    qtbot: QtBot, path_bin: Bin, run_break: Any
) -> None:
    (path_bin.dir / "spd-say").write_text("#!/bin/sh\nexit 1\n")  # no server to talk to
    (path_bin.dir / "spd-say").chmod(0o755)
    path_bin.player()

    def settle(i: int, session: BreakSession) -> None:
        if i == 0:  # the first cue is lost to the failure; the rest are tones
            qtbot.waitUntil(lambda: session.cues.in_use == "tone", timeout=5000)
        else:
            qtbot.waitUntil(lambda: len(path_bin.tones()) == i, timeout=5000)

    run_break("voice", settle)
    assert path_bin.tones() == ["cue-hold.wav", "cue-release.wav", "cue-release.wav"]


# ---- tones --------------------------------------------------------------------------


def test_tones_mark_each_step_with_hold_and_release_distinct(
    qtbot: QtBot, path_bin: Bin, run_break: Any
) -> None:
    path_bin.player()

    def settle(i: int, _s: BreakSession) -> None:
        qtbot.waitUntil(lambda: len(path_bin.tones()) == i + 1, timeout=5000)

    run_break("tone", settle)
    assert path_bin.tones() == ["cue-step.wav", "cue-hold.wav", "cue-release.wav",
                                "cue-release.wav"]
    assert path_bin.calls() == []  # nothing spoken


def test_voice_without_a_speech_service_plays_tones(
    qtbot: QtBot, path_bin: Bin, run_break: Any
) -> None:
    path_bin.player()

    def settle(i: int, _s: BreakSession) -> None:
        qtbot.waitUntil(lambda: len(path_bin.tones()) == i + 1, timeout=5000)

    run_break("voice", settle)
    assert path_bin.tones() == ["cue-step.wav", "cue-hold.wav", "cue-release.wav",
                                "cue-release.wav"]


def test_off_is_silent(qtbot: QtBot, path_bin: Bin, run_break: Any) -> None:
    path_bin.player()
    path_bin.speech("spd-say")
    run_break("off", lambda i, s: None)
    assert path_bin.tones() == [] and path_bin.calls() == []


# ---- screen readers -------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["off", "tone", "voice"])
def test_every_step_is_announced_to_screen_readers(
    qtbot: QtBot, path_bin: Bin, run_break: Any, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    """Whatever the setting: a polite announcement on the break window, per step."""
    posted: list[tuple[str, object, str]] = []

    def record(event: Any) -> None:
        posted.append((event.message(), event.politeness(), event.object().objectName()))

    monkeypatch.setattr(step_cues.QAccessible, "updateAccessibility", record)
    path_bin.player()

    def settle(i: int, _s: BreakSession) -> None:
        qtbot.waitUntil(lambda: len(posted) == i + 1, timeout=5000)

    run_break(mode, settle)
    polite = QAccessible.AnnouncementPoliteness.Polite
    assert [(m, p) for m, p, _ in posted] == [(c, polite) for c in CUES]


def test_the_real_announcement_never_warns(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    qtbot.addWidget(widget)
    step_cues.announce(widget, "Squeeze your shoulder blades together — hold")


# ---- the Behaviour page ------------------------------------------------------------


def _page(qtbot: QtBot, which: Callable[[str], str | None]) -> BehaviourPage:
    page = BehaviourPage(NullAutostart(), lambda: "/usr/bin/paplay", which=which)
    qtbot.addWidget(page)
    return page


def test_the_page_offers_the_three_choices_and_saves_the_one_chosen(qtbot: QtBot) -> None:
    page = _page(qtbot, lambda name: f"/usr/bin/{name}")
    page.load(Settings())
    assert [page.step_cues.itemData(i) for i in range(page.step_cues.count())] == [
        "off", "tone", "voice"
    ]
    assert page.chosen_cues == "off" and not page.preview_cue.isEnabled()
    with qtbot.waitSignal(page.changed):
        page.step_cues.setCurrentIndex(page.step_cues.findData("voice"))
    assert page.preview_cue.isEnabled()
    assert page.apply(Settings()).behaviour == BehaviourSettings(step_cues="voice")
    assert page.cues_message.isHidden()  # there is a speech service


def test_the_page_says_once_that_voice_will_be_tones_without_a_speech_service(
    qtbot: QtBot,
) -> None:
    page = _page(qtbot, lambda name: None)
    page.load(Settings(behaviour=BehaviourSettings(step_cues="tone")))
    page.show()
    assert page.cues_message.isHidden()
    page.step_cues.setCurrentIndex(page.step_cues.findData("voice"))
    assert page.cues_message.isVisible() and page.cues_message.text() == NO_SPEECH_HINT
    page.step_cues.setCurrentIndex(page.step_cues.findData("off"))
    assert page.cues_message.isHidden()


def test_preview_speaks_through_the_speech_service_and_stops_with_the_page(
    qtbot: QtBot, path_bin: Bin
) -> None:
    import shutil

    path_bin.speech("spd-say")
    page = _page(qtbot, shutil.which)
    page.load(Settings(behaviour=BehaviourSettings(step_cues="voice")))
    page.show()
    page.preview_cue.click()
    qtbot.waitUntil(lambda: path_bin.said() == [spoken(step_cues.PREVIEW_CUE)], timeout=5000)
    page.preview_cue.click()  # again, at once: the first is cancelled
    qtbot.waitUntil(lambda: len(path_bin.said()) == 2, timeout=5000)
    assert not any(c["overlap"] for c in path_bin.calls())
    assert "-C" in path_bin.calls()[-1]["args"]  # cancelled by the new cue itself
    page.hide()
    qtbot.waitUntil(lambda: path_bin.calls()[-1]["args"] == ["-C"], timeout=5000)


def test_preview_of_tones_plays_the_hold_tone(qtbot: QtBot, path_bin: Bin) -> None:
    import shutil

    path_bin.player()
    page = _page(qtbot, shutil.which)
    page.load(Settings(behaviour=BehaviourSettings(step_cues="tone")))
    page.preview_cue.click()
    qtbot.waitUntil(lambda: path_bin.tones() == ["cue-hold.wav"], timeout=5000)


def test_speech_dispatcher_that_cannot_start_gives_way_to_espeak_ng(
    qtbot: QtBot, path_bin: Bin, run_break: Any
) -> None:
    """As on a machine whose speech-dispatcher refuses to autospawn (exit code 1)."""
    (path_bin.dir / "spd-say").write_text("#!/bin/sh\nexit 1\n")
    (path_bin.dir / "spd-say").chmod(0o755)
    path_bin.speech("espeak-ng")

    def settle(i: int, session: BreakSession) -> None:
        if i == 0:
            qtbot.waitUntil(
                lambda: (session.cues.speaker or "").endswith("espeak-ng"), timeout=5000
            )
        else:
            qtbot.waitUntil(lambda: len(path_bin.said()) == i, timeout=5000)

    run_break("voice", settle)
    assert path_bin.said() == [spoken(c) for c in CUES[1:]]
    assert not any(c["overlap"] for c in path_bin.calls())
