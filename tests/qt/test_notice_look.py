"""The warning notice wears the break window's look and shows the time left as a bar."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot

from desk_break.core.clock import FakeClock
from desk_break.core.status_text import break_in
from desk_break.qt.break_widgets import KeyButton
from desk_break.qt.notice import Countdown, Notice


def accent_run(notice: Notice) -> int:
    """How far along the bottom edge the accent bar reaches, in pixels."""
    image = notice.grab().toImage()
    y = image.height() - 3
    accent = notice._look.accent
    return sum(
        1 for x in range(image.width())
        if abs(image.pixelColor(x, y).hue() - accent.hue()) < 12
        and image.pixelColor(x, y).saturation() > 60
    )


def test_the_bar_empties_as_the_break_comes(qtbot: QtBot) -> None:
    clock = FakeClock(datetime(2026, 3, 3, 10, 0, tzinfo=UTC))
    notice = Notice()
    qtbot.addWidget(notice)
    notice.pop("", "A 60-second break to move your back.",
               [("snooze", "Snooze 5 min", True), ("start", "Start now", True)], 30,
               Countdown(clock.now() + timedelta(seconds=30), clock.now,
                         lambda s: break_in("micro", s)))
    full = accent_run(notice)
    assert full > 0.9 * notice.width()
    clock.advance(26)
    notice._on_tick()
    assert notice.title.text() == "Break in 4 s"
    assert accent_run(notice) < 0.2 * notice.width()
    # Quiet buttons as in the break window, not stock push buttons; Start now leads.
    snooze, start = notice.button("snooze"), notice.button("start")
    assert isinstance(snooze, KeyButton) and isinstance(start, KeyButton)
    assert start._primary and not snooze._primary
