"""The break window: buttons and keys say what they mean, and the countdown follows the clock.

Time is a FakeClock; the repaint is driven by calling `refresh()` (what the window's
timer calls), never by waiting.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desk_break.core.break_plan import LAST_ONE, REST_CUE
from desk_break.core.catalog import Catalog, load_catalog
from desk_break.core.clock import FakeClock
from desk_break.core.moves import Move, Step
from desk_break.qt import sound
from desk_break.qt.break_window import BreakWindow

CHIN_TUCK = Move(
    id="chin-tuck",
    name="Chin tucks",
    position="seated",
    equipment=(),
    focus=("extension",),
    purpose="Counters the forward head of screen work.",
    steps=(
        Step("Slide your chin straight back", 5, "sit", to="sit_extend"),
        Step("Let your head float forward again", 5, "sit_extend", to="sit"),
    ),
    source="000.txt",
)
SQUEEZE = Move(
    id="blade-squeeze",
    name="Shoulder blade squeeze",
    position="seated",
    equipment=(),
    focus=("scapular",),
    purpose="Wakes up the muscles between the shoulder blades.",
    steps=(Step("Squeeze your shoulder blades together", 10, "sit_back", to="sit_back_squeeze",
                cycles=2),),
    source="001.txt",
)
MOVES = [CHIN_TUCK, SQUEEZE]  # 20 s of moves, drawn with poses from the shipped catalog

# Qt raises a parentless Qt.Tool window when it shows it; the offscreen plugin
# says it cannot. Real platforms (xcb, Windows, macOS) can, silently.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2025, 3, 3, 10, 0, tzinfo=UTC))


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    catalog, problems = load_catalog(None)
    assert problems == []
    return catalog


@pytest.fixture
def make_window(qtbot: QtBot, clock: FakeClock, catalog: Catalog) -> Iterator:
    windows: list[BreakWindow] = []

    def make(
        moves: list[Move] | None = None,
        total_seconds: int = 30,
        *,
        kind: str = "micro",
        snooze_refusal: str | None = None,
        sound_on: bool = False,
    ) -> BreakWindow:
        window = BreakWindow(
            MOVES if moves is None else moves,
            catalog,
            total_seconds,
            kind,  # type: ignore[arg-type]
            clock,
            5,
            snooze_refusal,
            sound_on,
        )
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close_now()


def _active_timers(window: BreakWindow) -> list[QTimer]:
    return [t for t in window.findChildren(QTimer) if t.isActive()]


# ---- the countdown --------------------------------------------------------------------


def test_countdown_follows_the_clock(make_window, clock: FakeClock) -> None:
    window = make_window()
    window.start()
    assert window._cue.text() == "Slide your chin straight back"
    assert window._countdown.text() == "5"
    assert window._ring.text == "0:30"

    clock.advance(1.2)
    window.refresh()
    assert window._countdown.text() == "4"  # 3.8 s left shows as 4: it reaches 0 at the end

    clock.advance(3.8)  # 5 s in: the second step starts, with its full time
    window.refresh()
    assert window._cue.text() == "Let your head float forward again"
    assert window._countdown.text() == "5"
    assert window._next.text() == "Next: Shoulder blade squeeze"

    clock.advance(7)  # 12 s in: second move, 8 s of its 10 left
    window.refresh()
    assert window._move_name.text() == "Shoulder blade squeeze"
    assert window._cue.text() == "Squeeze your shoulder blades together"
    assert window._countdown.text() == "8"
    assert window._next.text() == f"Next: {REST_CUE}"
    assert window._ring.text == "0:18"

    clock.advance(9)  # 21 s in: the rest
    window.refresh()
    assert window._cue.text() == REST_CUE
    assert window._countdown.text() == "9"
    assert window._next.text() == LAST_ONE


def test_caption_counts_moves_and_reps(make_window, clock: FakeClock) -> None:
    hold = Step("Squeeze — hold", 3, "sit_back", to="sit_back_squeeze")
    release = Step("Release", 2, "sit_back_squeeze", to="sit_back")
    reps = Move("reps", "Squeezes", "seated", (), ("scapular",), "",
                (Step("Sit tall", 2, "sit_back"), hold, release, hold, release), "x")
    window = make_window([reps, SQUEEZE], total_seconds=22)
    window.start()
    captions = [window._caption.text()]
    for seconds in (2, 3, 2, 3):
        clock.advance(seconds)
        window.refresh()
        captions.append(window._caption.text())
    assert captions == [
        "MICRO-BREAK  ·  MOVE 1 OF 2",
        "MICRO-BREAK  ·  MOVE 1 OF 2  ·  REP 1 OF 2",
        "MICRO-BREAK  ·  MOVE 1 OF 2  ·  REP 1 OF 2",
        "MICRO-BREAK  ·  MOVE 1 OF 2  ·  REP 2 OF 2",
        "MICRO-BREAK  ·  MOVE 1 OF 2  ·  REP 2 OF 2",
    ]


def test_countdown_skips_ahead_after_a_long_gap_between_repaints(
    make_window, clock: FakeClock
) -> None:
    window = make_window()
    window.start()
    clock.advance(17)  # no repaint for 17 s: the window shows the time, not ticks counted
    window.refresh()
    assert window._cue.text() == "Squeeze your shoulder blades together"
    assert window._countdown.text() == "3"


def test_figure_gets_each_step(make_window, clock: FakeClock) -> None:
    window = make_window()
    shown: list[str] = []
    for _ in range(3):
        window.start() if not shown else window.refresh()
        shown.append(window._figure.current_step().cue)
        clock.advance(5)
    assert shown == [step.cue for move in MOVES for step in move.steps]
    assert window._figure.is_animating()  # the squeeze eases between its two poses


def test_countdown_finishes_once_at_zero_and_closes_itself(
    qtbot: QtBot, make_window, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(BreakWindow, "FINISH_DELAY_MS", 30)
    window = make_window()
    finished: list[bool] = []
    closed: list[bool] = []
    window.countdown_finished.connect(lambda: finished.append(True))
    window.closed.connect(lambda: closed.append(True))
    window.start()

    clock.advance(29.9)
    window.refresh()
    assert finished == []
    assert window._countdown.text() == "1"

    clock.advance(0.1)
    window.refresh()
    assert finished == [True]
    assert window._cue.text() == "Nice work"
    assert window._ring.text == "\N{CHECK MARK}"
    for button in (window._done_button, window._snooze_button, window._skip_button):
        assert not button.isVisible()  # nothing left to decide
    assert window._close_button.isVisible() and window._close_button.key == "Enter"

    clock.advance(5)
    window.refresh()
    window.finish_and_close()  # the owner may say so too: still once
    assert finished == [True]

    qtbot.waitUntil(lambda: closed == [True], timeout=900)
    assert not window.isVisible()


def test_long_moves_keep_the_break_going_past_its_planned_length(
    make_window, clock: FakeClock
) -> None:
    window = make_window(total_seconds=12)
    finished: list[bool] = []
    window.countdown_finished.connect(lambda: finished.append(True))
    window.start()
    clock.advance(15)
    window.refresh()
    assert finished == []
    assert window._cue.text() == "Squeeze your shoulder blades together"
    clock.advance(5)
    window.refresh()
    assert finished == [True]


def test_refresh_timer_is_coarse_and_runs_only_while_shown(make_window) -> None:
    window = make_window()
    assert _active_timers(window) == []  # nothing runs before start
    window.start()
    own = [t for t in _active_timers(window) if t.parent() is window]
    assert [t.objectName() for t in own] == ["break-window-refresh"]
    assert own[0].interval() >= 250
    window.hide()
    assert _active_timers(window) == []  # the figure's animation stops too
    window.show()
    assert own[0].isActive()


@pytest.mark.parametrize("finished_first", [False, True])
@pytest.mark.parametrize("how", ["close_now", "close"])  # close(): the title bar's X
def test_no_timer_left_after_close(make_window, how: str, finished_first: bool) -> None:
    window = make_window()
    window.start()
    closed: list[bool] = []
    window.closed.connect(lambda: closed.append(True))
    if finished_first:
        window.finish_and_close()  # arms the "Nice work" close timer
        assert _active_timers(window)
    getattr(window, how)()
    assert closed == [True]
    assert _active_timers(window) == []
    window.close_now()
    assert closed == [True]  # closed() is said once


# ---- buttons and keys --------------------------------------------------------------


@pytest.mark.parametrize(
    ("button", "signal"),
    [("_done_button", "done_clicked"), ("_snooze_button", "snooze_clicked"),
     ("_skip_button", "skip_clicked")],
)
def test_buttons_emit_what_they_say(qtbot: QtBot, make_window, button: str, signal: str) -> None:
    window = make_window()
    window.start()
    others = {"done_clicked", "snooze_clicked", "skip_clicked"} - {signal}
    heard: list[str] = []
    for name in others:
        getattr(window, name).connect(lambda name=name: heard.append(name))
    with qtbot.waitSignal(getattr(window, signal), timeout=500):
        qtbot.mouseClick(getattr(window, button), Qt.MouseButton.LeftButton)
    assert heard == []
    assert window.isVisible()  # the owner decides what happens next


def _focus(qtbot: QtBot, window: BreakWindow) -> None:
    window.activateWindow()  # what a click into the window does
    qtbot.waitUntil(window.isActiveWindow, timeout=500)


@pytest.mark.parametrize(
    ("key", "signal"),
    [(Qt.Key.Key_Return, "done_clicked"), (Qt.Key.Key_Enter, "done_clicked"),
     (Qt.Key.Key_S, "snooze_clicked"), (Qt.Key.Key_Escape, "skip_clicked")],
)
def test_keys_once_focused(qtbot: QtBot, make_window, key: Qt.Key, signal: str) -> None:
    window = make_window()
    window.start()
    _focus(qtbot, window)
    with qtbot.waitSignal(getattr(window, signal), timeout=500):
        QTest.keyClick(window.windowHandle(), key)  # through the focused window, like a person


def test_enter_presses_the_button_the_person_tabbed_to(qtbot: QtBot, make_window) -> None:
    window = make_window()
    window.start()
    _focus(qtbot, window)
    assert window.focusWidget() is window._done_button  # Done is where focus starts
    window._skip_button.setFocus()
    done: list[bool] = []
    window.done_clicked.connect(lambda: done.append(True))
    with qtbot.waitSignal(window.skip_clicked, timeout=500):
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Return)
    assert done == []


def test_keys_with_modifiers_are_left_alone(qtbot: QtBot, make_window) -> None:
    window = make_window()
    window.start()
    _focus(qtbot, window)
    heard: list[str] = []
    window.snooze_clicked.connect(lambda: heard.append("snooze"))
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert heard == []


def test_showing_does_not_ask_for_the_keyboard(make_window, monkeypatch) -> None:
    """What the platform sees: a window shown without activation, never asked to activate.

    (The offscreen plugin focuses every window it shows, so whether a real window
    manager honours this is for the Xvfb look-over, not for this test.)
    """
    window = make_window()
    asked: list[bool] = []
    monkeypatch.setattr(window, "activateWindow", lambda: asked.append(True))
    window.start()
    assert asked == []
    # xcb reads this property and maps the window with _NET_WM_USER_TIME = 0.
    assert window.windowHandle().property("_q_showWithoutActivating") is True


def test_window_is_on_top_and_shows_without_activating(make_window) -> None:
    window = make_window()
    flags = window.windowFlags()
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert (flags & Qt.WindowType.Tool) == Qt.WindowType.Tool
    assert not flags & Qt.WindowType.WindowDoesNotAcceptFocus  # a click must focus it
    assert window.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)


def test_window_is_centred_and_inside_the_screen(make_window) -> None:
    window = make_window()
    window.start()
    screen = window.screen().availableGeometry()
    assert screen.contains(window.frameGeometry())
    assert abs(window.geometry().center().x() - screen.center().x()) <= 1
    assert abs(window.geometry().center().y() - screen.center().y()) <= 40  # a title bar's room


def test_snooze_refused_is_disabled_with_the_reason(qtbot: QtBot, make_window) -> None:
    reason = "No snoozes left for this break"
    window = make_window(snooze_refusal=reason)
    window.start()
    assert not window._snooze_button.isEnabled()
    assert window._snooze_button.toolTip() == reason
    assert window._snooze_refusal.isVisible()
    assert window._snooze_refusal.text() == reason

    heard: list[bool] = []
    window.snooze_clicked.connect(lambda: heard.append(True))
    _focus(qtbot, window)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_S)
    qtbot.mouseClick(window._snooze_button, Qt.MouseButton.LeftButton)
    assert heard == []


def test_snooze_offered_shows_its_length(make_window) -> None:
    window = make_window()
    window.start()
    assert window._snooze_button.isEnabled()
    assert window._snooze_button.text() == "Snooze 5 min"
    assert window._snooze_button.key == "S"  # the key shows on the button
    assert not window._snooze_refusal.isVisible()


def test_buttons_do_nothing_once_finished(make_window, clock: FakeClock) -> None:
    window = make_window()
    window.start()
    window.finish_and_close()
    heard: list[bool] = []
    window.done_clicked.connect(lambda: heard.append(True))
    window._done_button.click()
    assert heard == []


def test_every_control_has_an_accessible_name(make_window) -> None:
    window = make_window(snooze_refusal="Not now")
    window.start()
    for control in (window._done_button, window._snooze_button, window._skip_button,
                    window._cue, window._countdown, window._next, window._move_name,
                    window._ring, window._figure, window._snooze_refusal):
        assert control.accessibleName(), control


def test_secondary_text_follows_a_theme_change(make_window) -> None:
    from PySide6.QtGui import QColor, QPalette

    window = make_window()
    window.start()
    dark = QPalette(window.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#f0f0f0"))
    window.setPalette(dark)
    muted = window._next.palette().color(QPalette.ColorRole.WindowText)
    assert muted.lightness() > 150  # light grey on dark, not the old dark grey


def test_long_break_says_so(make_window) -> None:
    window = make_window(kind="long", total_seconds=300)
    window.start()
    assert window.windowTitle() == "Long break"
    assert window._caption.text().startswith("LONG BREAK")


def test_the_longest_cue_fits_without_clipping(make_window, clock: FakeClock) -> None:
    wordy = Move(
        id="wordy", name="Thoracic extension over the chair back", position="seated",
        equipment=("chair",), focus=("extension",), purpose="",
        steps=(
            Step("Clasp your hands behind your head and lean back over the top of the chair", 5,
                 "sit_hands_head", to="sit_extend"),
            Step("Come back up slowly, one vertebra at a time, and breathe out", 5, "sit_extend",
                 to="sit_hands_head"),
        ),
        source="x",
    )
    window = make_window([wordy, SQUEEZE], total_seconds=30)
    window.start()
    size = window.size()
    for _ in range(4):
        window.layout().activate()
        for label in (window._cue, window._next, window._move_name):
            assert label.height() >= label.heightForWidth(label.width()), label.text()
        clock.advance(5)
        window.refresh()
    assert window.size() == size  # sized once, for the longest cue: no jumping


def test_cue_is_large_and_countdown_tabular(make_window) -> None:
    window = make_window()
    assert window._cue.font().pointSizeF() >= 1.5 * window._next.font().pointSizeF()
    number = window._countdown.number_font()
    assert number.pointSizeF() > window._cue.font().pointSizeF()
    assert [tag.toString() for tag in number.featureTags()] == ["tnum"]


# ---- the chime --------------------------------------------------------------------


def test_chime_is_silent_with_sound_off(qtbot: QtBot, monkeypatch, caplog) -> None:
    def must_not_load():
        raise AssertionError("QtMultimedia loaded with sound off")

    monkeypatch.setattr(sound, "_multimedia", must_not_load)
    chime = sound.Chime(False)
    assert not chime.audible
    chime.play()  # no-op, no warning (qt_log_level_fail would catch one)


def test_chime_without_qtmultimedia_is_silent_with_one_debug_line(
    qtbot: QtBot, monkeypatch, caplog
) -> None:
    monkeypatch.setattr(sound, "_multimedia", lambda: None)
    monkeypatch.setenv("PATH", "/nonexistent")  # and no command-line player either
    with caplog.at_level(logging.DEBUG, logger=sound.__name__):
        chime = sound.Chime(True)
        chime.play()
        chime.play()
    assert not chime.audible
    assert [r.levelno for r in caplog.records] == [logging.DEBUG]


def test_chime_without_qtmultimedia_uses_the_systems_player(
    qtbot: QtBot, monkeypatch, tmp_path
) -> None:
    """A stand-in `paplay` on PATH records how it was called, as the real one is."""
    record = tmp_path / "paplay-called-with"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "paplay"
    fake.write_text(  # written whole, then renamed: the test never reads half a file
        f'#!/bin/sh\nprintf "%s\\n" "$@" > "{record}.tmp"\n/bin/mv "{record}.tmp" "{record}"\n'
    )
    fake.chmod(0o755)
    monkeypatch.setattr(sound, "_multimedia", lambda: None)
    monkeypatch.setenv("PATH", str(bin_dir))
    chime = sound.Chime(True)
    assert chime.audible
    chime.play()
    qtbot.waitUntil(record.exists, timeout=5000)
    played = record.read_text().split()
    assert len(played) == 1 and played[0].endswith("chime.wav")
    assert sound.Path(played[0]).is_file()


class _NoDevice:
    def isNull(self) -> bool:
        return True


class _FakeMediaDevices:
    @staticmethod
    def defaultAudioOutput() -> _NoDevice:
        return _NoDevice()


class _ExplodingEffect:
    def __init__(self, *args: object) -> None:
        raise AssertionError("a sound effect was made with no device to play it on")


def test_chime_without_audio_device_is_silent_with_one_debug_line(
    qtbot: QtBot, monkeypatch, caplog
) -> None:
    monkeypatch.setattr(sound, "_multimedia", lambda: (_ExplodingEffect, _FakeMediaDevices))
    with caplog.at_level(logging.DEBUG, logger=sound.__name__):
        chime = sound.Chime(True)
        chime.play()
    assert not chime.audible
    assert len(caplog.records) == 1
    assert "no audio output" in caplog.records[0].getMessage()


def test_chime_for_real_never_warns(qtbot: QtBot) -> None:
    """Whatever this machine has (library or not, device or not): no crash, no Qt warning."""
    chime = sound.Chime(True)
    chime.play()


def test_window_chimes_once_at_the_end(make_window, clock: FakeClock, monkeypatch) -> None:
    played: list[bool] = []
    monkeypatch.setattr(sound.Chime, "play", lambda self: played.append(True))
    window = make_window(sound_on=True)
    window.start()
    clock.advance(30)
    window.refresh()
    window.refresh()
    window.finish_and_close()
    assert played == [True]


def test_window_closed_early_makes_no_sound(make_window, monkeypatch) -> None:
    played: list[bool] = []
    monkeypatch.setattr(sound.Chime, "play", lambda self: played.append(True))
    window = make_window(sound_on=True)
    window.start()
    window.close_now()
    assert played == []


def test_chime_file_is_a_short_wav() -> None:
    import wave

    path = sound._chime_path()
    assert path is not None
    with wave.open(str(path)) as wav:
        seconds = wav.getnframes() / wav.getframerate()
    assert 0.3 <= seconds <= 1.0
    assert path.stat().st_size < 64_000


def test_the_rest_holds_a_still_starting_position(make_window, clock: FakeClock) -> None:
    window = make_window()
    window.start()
    clock.advance(21)
    window.refresh()
    assert window._cue.text() == REST_CUE
    assert window._figure.current_step() is SQUEEZE.steps[0]
    assert window._figure.seconds_into_step() == 0  # its starting pose
    assert not window._figure.is_animating()


def test_a_pose_missing_from_the_catalog_does_not_stop_the_break(
    make_window, clock: FakeClock, caplog
) -> None:
    odd = Move("odd", "Odd move", "seated", (), ("release",), "",
               (Step("Shrug your shoulders", 5, "no-such-pose"),), "x")
    window = make_window([odd, SQUEEZE], total_seconds=15)
    window.start()
    assert window._cue.text() == "Shrug your shoulders"
    assert "no-such-pose" in caplog.text
    clock.advance(6)
    window.refresh()
    assert window._figure.current_step() is SQUEEZE.steps[0]


# ---- the layout: steady, figure first, fits the screen -----------------------------


def _micro_moves(catalog: Catalog) -> list[Move]:
    from desk_break.core.chooser import micro_eligible

    moves = [m for m in catalog.moves.values() if micro_eligible(m)]
    assert len(moves) >= 4
    return moves


def _boxes(window: BreakWindow) -> list[tuple[int, int, int, int]]:
    boxes = []
    for widget in (window._cue, window._countdown, window._next, window._figure):
        top_left = widget.mapTo(window, widget.rect().topLeft())
        boxes.append((top_left.x(), top_left.y(), widget.width(), widget.height()))
    return boxes


def test_text_keeps_its_place_at_every_step_of_every_micro_move(
    make_window, clock: FakeClock, catalog: Catalog
) -> None:
    for move in _micro_moves(catalog):
        window = make_window([move], total_seconds=move.seconds)
        window.start()
        window.layout().activate()
        first = _boxes(window)
        size = window.size()
        cues = set()
        for segment in window.plan.segments[1:]:
            elapsed = window.plan.total - window.seconds_left()
            clock.advance(segment.start + 0.01 - elapsed)  # just into the step
            window.refresh()
            window.layout().activate()
            cues.add(window._cue.text())
            assert _boxes(window) == first, (move.id, window._cue.text())
            assert window.size() == size
            for label in (window._cue, window._next):  # nothing clipped either
                assert label.height() >= label.heightForWidth(label.width()), label.text()
        assert len(cues) >= 2, move.id
        window.close_now()


def test_the_figure_is_the_hero(make_window) -> None:
    window = make_window()
    window.start()
    window.layout().activate()
    stage = window._stage
    assert stage.width() >= window.width() / 2
    assert stage.height() >= window.height() / 2
    assert window._figure.height() >= 0.8 * stage.height()


def test_step_changed_names_each_segment_once(make_window, clock: FakeClock) -> None:
    window = make_window()
    heard: list[int] = []
    window.step_changed.connect(heard.append)
    window.start()
    for _ in range(8):
        clock.advance(2.5)
        window.refresh()
    assert heard == list(range(len(window.plan.segments)))


def test_the_step_bar_fills_with_the_step(make_window, clock: FakeClock) -> None:
    window = make_window()
    window.start()
    assert window._countdown.fraction() == 0
    clock.advance(2.5)
    window.refresh()
    assert window._countdown.fraction() == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("available", "scale"),
    [((0, 0, 1920, 1040), "1x"), ((0, 27, 1280, 773), "1x"), ((0, 0, 640, 400), "2x"),
     ((1920, 0, 683, 384), "3x"), ((0, 0, 540, 340), "tiny")],
)
def test_the_frame_fits_inside_the_available_area(
    available: tuple[int, int, int, int], scale: str
) -> None:
    from PySide6.QtCore import QRect, QSize

    from desk_break.qt.break_layout import MIN_SIZE, SIZE
    from desk_break.qt.break_look import FRAME_GUESS, centred_frame, fit_size

    area = QRect(*available)
    size = fit_size(QSize(*SIZE), QSize(*MIN_SIZE), area)
    inner = centred_frame(size, area)
    outer = inner.marginsAdded(FRAME_GUESS)
    assert area.contains(outer), (outer, area)
    if area.width() >= 900 and area.height() >= 600:
        assert size == QSize(*SIZE)  # a roomy screen gets the whole design


def test_a_small_screen_gets_the_compact_type_and_still_fits(
    make_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen

    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 640, 400))
    window = make_window([MOVES[0], SQUEEZE, CHIN_TUCK])
    window.start()
    assert window._compact
    assert QRect(0, 0, 640, 400).contains(window.frameGeometry())
    assert window.height() <= 400 - 40  # room for a title bar
    window.layout().activate()
    for label in (window._cue, window._next):
        assert label.height() >= label.heightForWidth(label.width()), label.text()


# ---- the look -------------------------------------------------------------------


def _palettes() -> dict[str, object]:
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    light = QApplication.style().standardPalette()
    dark = QPalette(light)
    for role, colour in ((QPalette.ColorRole.Window, "#2b2d30"),
                         (QPalette.ColorRole.WindowText, "#e8e8e8"),
                         (QPalette.ColorRole.Highlight, "#2f7fd0")):
        dark.setColor(role, QColor(colour))
    grey = QPalette(light)  # a poor theme: grey text on grey, a pale accent
    for role, colour in ((QPalette.ColorRole.Window, "#c8c8c8"),
                         (QPalette.ColorRole.WindowText, "#6a6a6a"),
                         (QPalette.ColorRole.Highlight, "#cfe3ff")):
        grey.setColor(role, QColor(colour))
    return {"light": light, "dark": dark, "grey": grey}


@pytest.mark.parametrize("theme", ["light", "dark", "grey"])
def test_every_text_reads_at_least_4_5_to_1(make_window, theme: str) -> None:
    from PySide6.QtGui import QPalette

    from desk_break.qt.break_look import contrast

    window = make_window(snooze_refusal="Not now")
    window.setPalette(_palettes()[theme])  # type: ignore[arg-type]
    window.start()
    look = window.look
    for what, (fg, bg) in look.text_pairs().items():
        assert contrast(fg, bg) >= 4.5, (theme, what, fg.name(), bg.name())
    for label in (window._caption, window._move_name, window._cue, window._next,
                  window._snooze_refusal, window._summary, window._close_hint):
        fg = label.palette().color(QPalette.ColorRole.WindowText)
        assert contrast(fg, look.surface) >= 4.5, (theme, label.accessibleName())
    assert contrast(look.accent, look.surface) >= 3.0  # the ring and the bar
    assert look.surface != window.palette().color(QPalette.ColorRole.Window)  # its own surface


def test_the_surface_is_soft_and_follows_the_theme(make_window) -> None:
    palettes = _palettes()
    window = make_window()
    window.setPalette(palettes["light"])  # type: ignore[arg-type]
    light = window.look.surface
    window.setPalette(palettes["dark"])  # type: ignore[arg-type]
    dark = window.look.surface
    assert light.lightness() > 240 and light != light.fromRgb(255, 255, 255)
    assert dark.lightness() < 60
    assert window.look.stage != dark  # the figure's stage stands out, softly


# ---- plain text -----------------------------------------------------------------

MARKUP = Move(
    id="markup", name="<font color=red>X</font>", position="seated", equipment=(),
    focus=("release",), purpose="",
    steps=(Step("<b>Lift</b> <font color=red>up</font>", 5, "sit"),
           Step("<i>Down</i>", 5, "sit")),
    source="x",
)


def test_text_from_a_moves_file_is_never_markup(make_window) -> None:
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QLabel

    window = make_window([MARKUP, SQUEEZE], total_seconds=20)
    window.start()
    assert window._move_name.text() == "<font color=red>X</font>"
    assert window._cue.text() == "<b>Lift</b> <font color=red>up</font>"
    for label in window.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.accessibleName()
    assert "&lt;font color=red&gt;" in window._figure.toolTip()  # the tooltip too
    image = window.grab().toImage()
    reds = sum(
        1
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
        if (c := QColor(image.pixel(x, y))).red() > 180 and c.green() < 90 and c.blue() < 90
    )
    assert reds == 0  # the tags show as typed, nothing turns red


# ---- "Nice work" -----------------------------------------------------------------


def test_nice_work_sums_up_and_the_figure_comes_to_rest(make_window, clock: FakeClock) -> None:
    window = make_window(kind="micro")
    window.set_summary(12)
    window.start()
    clock.advance(30)
    window.refresh()
    assert window._cue.text() == "Nice work"
    summary = window._summary.text()
    assert "Chin tucks" in summary and "Shoulder blade squeeze" in summary
    assert "13 minutes of breaks today" in summary  # 12 before, and this half minute
    assert window._summary.isVisible() and not window._countdown.isVisible()
    assert window._figure.current_step() is SQUEEZE.steps[0]  # back to its start
    assert window._figure.seconds_into_step() == 0
    assert not window._figure.is_animating()


def test_nice_work_leaves_out_minutes_it_was_not_given(make_window) -> None:
    window = make_window()
    window.start()
    window.finish_and_close()
    assert "today" not in window._summary.text()
    assert "You moved" in window._summary.text()


def test_nice_work_keeps_the_window_still(make_window) -> None:
    window = make_window()
    window.start()
    window.layout().activate()
    size, cue = window.size(), _boxes(window)[0]
    window.finish_and_close()
    window.layout().activate()
    assert window.size() == size
    assert _boxes(window)[0] == cue


@pytest.mark.parametrize("how", ["escape", "return", "click", "close"])
def test_nice_work_can_be_closed_at_once(qtbot: QtBot, make_window, how: str) -> None:
    window = make_window()
    window.start()
    _focus(qtbot, window)
    window.finish_and_close()
    heard: list[str] = []
    for name in ("done_clicked", "skip_clicked", "snooze_clicked"):
        getattr(window, name).connect(lambda name=name: heard.append(name))
    with qtbot.waitSignal(window.closed, timeout=500):
        if how == "click":
            qtbot.mouseClick(window._cue, Qt.MouseButton.LeftButton)
        elif how == "close":
            qtbot.mouseClick(window._close_button, Qt.MouseButton.LeftButton)
        else:
            key = Qt.Key.Key_Escape if how == "escape" else Qt.Key.Key_Return
            QTest.keyClick(window.windowHandle(), key)
    assert heard == []  # closing "Nice work" is not a skip
    assert not window.isVisible()


# ---- the first-run note comes first ----------------------------------------------


def _session(catalog: Catalog, clock: FakeClock, seconds: int = 30):
    from datetime import timedelta

    from desk_break.core.events import BreakKind, BreakStarted, PlannedBreak
    from desk_break.qt.break_session import BreakSession

    now = clock.now()
    planned = PlannedBreak(now, now + timedelta(seconds=seconds), BreakKind.MICRO, 1)
    event = BreakStarted(now, planned, 0, break_id=7, moves=tuple(MOVES))
    session = BreakSession(event, catalog, clock, snooze_minutes=5, snooze_refusal=None,
                           sound=False, minutes_today=3)
    session._event_planned = planned  # type: ignore[attr-defined]
    return session


def test_the_first_break_waits_for_the_note(
    qtbot: QtBot, catalog: Catalog, clock: FakeClock
) -> None:
    from desk_break.qt.first_run import FirstRunNote

    note = FirstRunNote()
    qtbot.addWidget(note)
    note.show()
    session = _session(catalog, clock)
    session.start()
    assert session.waiting_for_note
    assert not session.window.isVisible()  # not on top of the note

    clock.advance(8)  # the person reads the note
    note.ok_button.click()
    assert session.window.isVisible()
    assert session.window._countdown.text() == "2"  # the break's time went on meanwhile
    assert session.window.seconds_left() == pytest.approx(22)
    session.close_now()


def test_a_break_ended_while_the_note_is_up_never_shows(
    qtbot: QtBot, catalog: Catalog, clock: FakeClock
) -> None:
    from desk_break.core.events import BreakEnded, Outcome
    from desk_break.qt.first_run import FirstRunNote

    note = FirstRunNote()
    qtbot.addWidget(note)
    note.show()
    session = _session(catalog, clock)
    intents: list[tuple[str, int]] = []
    session.intent_requested.connect(lambda i, b: intents.append((i, b)))
    session.start()
    clock.advance(30)
    planned = session._event_planned
    session.ended_by_engine(BreakEnded(clock.now(), planned, Outcome.COMPLETED, planned.start,
                                       0, break_id=7))
    assert not session.window_open
    note.ok_button.click()
    assert not session.window.isVisible()
    assert intents == []  # no skip for a window that never opened


def test_without_a_note_the_break_opens_at_once(catalog: Catalog, clock: FakeClock) -> None:
    session = _session(catalog, clock)
    session.start()
    assert session.window.isVisible() and not session.waiting_for_note
    session.close_now()
