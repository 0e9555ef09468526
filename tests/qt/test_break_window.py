"""The break window: buttons and keys say what they mean, the countdown follows the
clock, and "Nice work" is a moment that closes by itself or at once.

Time is a FakeClock; the repaint is driven by calling `refresh()` (what the window's
timer calls), never by waiting.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desk_break.core.break_plan import LAST_ONE, REST_CUE
from desk_break.core.clock import FakeClock
from desk_break.core.moves import Move, Step
from desk_break.qt.break_window import BreakWindow
from tests.qt.break_window_fixtures import (  # noqa: F401  (the fixtures, by name)
    MOVES,
    SQUEEZE,
    active_timers,
    boxes,
    catalog_fixture,
    clock_fixture,
    focus,
    make_window_fixture,
)

# Qt raises a parentless Qt.Tool window when it shows it; the offscreen plugin
# says it cannot. Real platforms (xcb, Windows, macOS) can, silently.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


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
    assert active_timers(window) == []  # nothing runs before start
    window.start()
    own = [t for t in active_timers(window) if t.parent() is window]
    assert [t.objectName() for t in own] == ["break-window-refresh"]
    assert own[0].interval() >= 250
    window.hide()
    assert active_timers(window) == []  # the figure's animation stops too
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
        assert active_timers(window)
    getattr(window, how)()
    assert closed == [True]
    assert active_timers(window) == []
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


@pytest.mark.parametrize(
    ("key", "signal"),
    [(Qt.Key.Key_Return, "done_clicked"), (Qt.Key.Key_Enter, "done_clicked"),
     (Qt.Key.Key_S, "snooze_clicked"), (Qt.Key.Key_Escape, "skip_clicked")],
)
def test_keys_once_focused(qtbot: QtBot, make_window, key: Qt.Key, signal: str) -> None:
    window = make_window()
    window.start()
    focus(qtbot, window)
    with qtbot.waitSignal(getattr(window, signal), timeout=500):
        QTest.keyClick(window.windowHandle(), key)  # through the focused window, like a person


def test_enter_presses_the_button_the_person_tabbed_to(qtbot: QtBot, make_window) -> None:
    window = make_window()
    window.start()
    focus(qtbot, window)
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
    focus(qtbot, window)
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
    focus(qtbot, window)
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
    assert SQUEEZE.steps[0].to is not None  # a step that moves, but at rest:
    assert window._figure._motion() is None  # no arrow says "keep going"


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
    size, cue = window.size(), boxes(window)[0]
    window.finish_and_close()
    window.layout().activate()
    assert window.size() == size
    assert boxes(window)[0] == cue


@pytest.mark.parametrize("how", ["escape", "return", "click", "close"])
def test_nice_work_can_be_closed_at_once(qtbot: QtBot, make_window, how: str) -> None:
    window = make_window()
    window.start()
    focus(qtbot, window)
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
