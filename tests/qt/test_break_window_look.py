"""The break window's layout and look: text that keeps its place, the figure first,
a frame inside any screen, 4.5:1 text in every theme, and catalog text as typed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desk_break.core.catalog import Catalog
from desk_break.core.clock import FakeClock
from desk_break.core.moves import Move, Step
from tests.qt.break_window_fixtures import (  # noqa: F401  (the fixtures, by name)
    CHIN_TUCK,
    MOVES,
    SQUEEZE,
    boxes,
    catalog_fixture,
    clock_fixture,
    focus,
    make_window_fixture,
)

# Qt raises a parentless Qt.Tool window when it shows it; the offscreen plugin
# says it cannot. Real platforms (xcb, Windows, macOS) can, silently.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


# ---- the layout: steady, figure first, fits the screen -----------------------------


def _micro_moves(catalog: Catalog) -> list[Move]:
    from desk_break.core.chooser import micro_eligible

    moves = [m for m in catalog.moves.values() if micro_eligible(m)]
    assert len(moves) >= 4
    return moves


def test_text_keeps_its_place_at_every_step_of_every_micro_move(
    make_window, clock: FakeClock, catalog: Catalog
) -> None:
    for move in _micro_moves(catalog):
        window = make_window([move], total_seconds=move.seconds)
        window.start()
        window.layout().activate()
        first = boxes(window)
        size = window.size()
        cues = set()
        for segment in window.plan.segments[1:]:
            elapsed = window.plan.total - window.seconds_left()
            clock.advance(segment.start + 0.01 - elapsed)  # just into the step
            window.refresh()
            window.layout().activate()
            cues.add(window._cue.text())
            assert boxes(window) == first, (move.id, window._cue.text())
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


def test_done_sits_at_the_right_and_close_takes_its_place(make_window) -> None:
    window = make_window()
    window.start()
    window.layout().activate()
    right = window.width() - window.layout().contentsMargins().right()

    def right_edge(widget: QWidget) -> int:
        return widget.mapTo(window, widget.rect().topRight()).x() + 1

    assert abs(right_edge(window._done_button) - right) <= 2
    assert window._done_button.width() <= window._done_button.sizeHint().width() + 24  # quiet
    assert right_edge(window._skip_button) < window.width() / 3
    window.finish_and_close()
    window.layout().activate()
    assert window._close_button.isVisible()
    assert abs(right_edge(window._close_button) - right) <= 2


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


def test_a_long_break_gets_a_bigger_stage_where_there_is_room(
    make_window, catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Floor moves are wide and done a step or two from the screen: on a roomy screen a
    long break's window, and so its figure, is bigger than a micro-break's."""
    from PySide6.QtCore import QRect, QSize
    from PySide6.QtGui import QScreen

    from desk_break.qt.break_layout import LONG_SIZE, SIZE

    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 1920, 1050))
    prone = catalog.get("prone_on_elbows")
    micro = make_window([prone], 42, kind="micro")
    long = make_window([prone], 42, kind="long")
    micro.start()
    long.start()
    assert micro.size() == QSize(*SIZE) and long.size() == QSize(*LONG_SIZE)
    for window in (micro, long):
        window.layout().activate()
    assert long._figure.width() >= 1.3 * micro._figure.width()
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 1280, 800))
    small = make_window([prone], 42, kind="long")
    small.start()
    assert QRect(0, 0, 1280, 800).contains(small.frameGeometry())  # still fits


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


def test_on_wayland_the_size_leaves_room_for_a_panel_qt_cannot_see() -> None:
    """Qt on Wayland reports the whole output as available; GNOME's top bar is not in
    it. The window is sized for the screen less a panel; on X11 the work area is real."""
    from PySide6.QtCore import QRect, QSize

    from desk_break.qt.break_layout import LONG_SIZE, MIN_SIZE
    from desk_break.qt.break_look import FRAME_GUESS, fit_size, usable_area

    screen = QRect(0, 0, 640, 400)  # 1280x800 at 200 %
    assert usable_area(screen, screen, "xcb") == screen
    wayland = usable_area(screen, screen, "wayland")
    assert wayland.height() == 400 - 48 and wayland.width() == 640
    work_area = QRect(0, 0, 640, 400 - 32)  # what GNOME Shell really leaves
    size = fit_size(QSize(*LONG_SIZE), QSize(*MIN_SIZE), wayland)
    assert size.height() + FRAME_GUESS.top() + FRAME_GUESS.bottom() <= work_area.height()
    panel = QRect(0, 0, 640, 360)  # a real work area is used as it is
    assert usable_area(screen, panel, "wayland") == panel
