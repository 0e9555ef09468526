"""The move figure: every pose paints, it animates only while needed, colours follow the palette."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPalette
from pytestqt.qtbot import QtBot

from desk_break.core.catalog import Catalog, load_catalog
from desk_break.core.moves import Move
from desk_break.qt.figure import (
    MoveFigure,
    figure_palette,
    render_pose_image,
)

CATALOG, _ = load_catalog(None)
SIZE = QSize(96, 96)


def ink(image: QImage) -> int:
    """Pixels that differ clearly from the corner (background) colour."""
    bg = image.pixelColor(0, 0)
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if (
                abs(c.red() - bg.red()) + abs(c.green() - bg.green()) + abs(c.blue() - bg.blue())
                > 60
            ):
                count += 1
    return count


def move(move_id: str) -> Move:
    found = CATALOG.get(move_id)
    assert found is not None
    return found


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("move_id", [m.id for m in CATALOG])
def test_every_pose_of_every_move_paints(qapp: object, move_id: str, dark: bool) -> None:
    names = {n for s in move(move_id).steps for n in (s.pose, s.to) if n}
    for name in names:
        image = render_pose_image(CATALOG, name, SIZE, dark)
        assert image.size() == SIZE
        # A figure, not a blank square and not a flood: 3-60 % of the samples.
        samples = (SIZE.width() // 2) * (SIZE.height() // 2)
        assert 0.03 * samples < ink(image) < 0.6 * samples, (move_id, name)


def test_a_moving_step_shows_two_different_poses(qapp: object) -> None:
    for m in CATALOG:
        for step in m.steps:
            if step.to is not None:
                a = render_pose_image(CATALOG, step.pose, SIZE, False)
                b = render_pose_image(CATALOG, step.to, SIZE, False)
                assert a != b, (m.id, step.pose, step.to)


def test_light_and_dark_use_their_palette(qapp: object) -> None:
    for dark in (False, True):
        pal = figure_palette(dark)
        image = render_pose_image(CATALOG, "stand_front", QSize(120, 120), dark)
        assert image.pixelColor(0, 0) == pal.color(QPalette.ColorRole.Window)
        # The figure is drawn in the text colour: many pixels match it.
        text = pal.color(QPalette.ColorRole.WindowText)
        matching = sum(
            _close(image.pixelColor(x, y), text) for y in range(0, 120, 2) for x in range(0, 120, 2)
        )
        assert matching > 150


def _close(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 30


def test_a_step_or_a_move_renders_too(qapp: object) -> None:
    twist = move("seated_chair_twist")
    assert ink(render_pose_image(CATALOG, twist.steps[2], SIZE, False)) > 0
    assert ink(render_pose_image(CATALOG, twist, SIZE, True)) > 0
    assert ink(render_pose_image(CATALOG.poses, "tabletop", SIZE, True)) > 0


@pytest.fixture
def figure(qtbot: QtBot) -> MoveFigure:
    fig = MoveFigure()
    qtbot.addWidget(fig)
    fig.resize(240, 240)
    fig.show()
    qtbot.waitExposed(fig)
    return fig


def test_animates_only_while_a_step_moves(figure: MoveFigure) -> None:
    squeeze = move("shoulder_blade_squeeze")
    figure.set_step(squeeze, 0, CATALOG)  # one pose: nothing to animate
    assert not figure.is_animating()
    figure.set_step(squeeze, 1, CATALOG)  # two poses: the timer runs
    assert figure.is_animating()
    assert figure.accessibleName() == squeeze.steps[1].cue
    assert squeeze.name in figure.accessibleDescription()
    figure.set_progress(4.0)  # past the transition: it holds still again
    assert not figure.is_animating()
    joints = figure.current_joints()
    assert joints is not None
    assert joints[0]["scapula"] == pytest.approx(
        CATALOG.poses["sit_back_squeeze"].joints["scapula"]
    )


def test_progress_moves_the_figure_between_poses(figure: MoveFigure) -> None:
    rows = move("band_rows")
    figure.set_step(rows, 1, CATALOG)
    start = figure.current_joints()
    figure.set_progress(0.5)
    middle = figure.current_joints()
    assert start is not None and middle is not None
    a = CATALOG.poses["row_reach"].joints["left_upper_arm"]
    b = CATALOG.poses["row_pull"].joints["left_upper_arm"]
    assert start[0]["left_upper_arm"] == pytest.approx(a, abs=2.0)
    assert min(a, b) < middle[0]["left_upper_arm"] < max(a, b)


def test_hidden_or_stopped_means_no_timer(figure: MoveFigure) -> None:
    ball = move("massage_ball_shoulder_blade")
    figure.set_step(ball, 1, CATALOG)  # keeps rolling for the whole step
    figure.set_progress(10.0)
    assert figure.is_animating()
    figure.hide()
    assert not figure.is_animating()
    figure.show()
    assert figure.is_animating()
    figure.stop()
    assert not figure.is_animating()
    frozen = figure.seconds_into_step()
    assert figure.seconds_into_step() == frozen
    figure.set_step(ball, 2, CATALOG)  # a new step starts it again
    assert figure.is_animating()
    figure.close()
    assert not figure.is_animating()


def test_same_step_again_does_not_restart(figure: MoveFigure) -> None:
    rows = move("band_rows")
    figure.set_step(rows, 1, CATALOG)
    figure.set_progress(1.0)
    figure.set_step(rows, 1, CATALOG)
    assert figure.seconds_into_step() >= 1.0
    with pytest.raises(IndexError):
        figure.set_step(rows, len(rows.steps), CATALOG)


def test_widget_paints_in_its_own_palette(figure: MoveFigure) -> None:
    pal = QPalette(figure.palette())
    pal.setColor(QPalette.ColorRole.Window, QColor("#101010"))
    pal.setColor(QPalette.ColorRole.WindowText, QColor("#f0f0f0"))
    figure.setPalette(pal)
    figure.setAutoFillBackground(True)
    figure.set_step(move("wall_angels"), 0, CATALOG)
    image = figure.grab().toImage()
    assert ink(image) > 100
    lightest = max(
        image.pixelColor(x, y).lightness()
        for y in range(0, image.height(), 3)
        for x in range(0, image.width(), 3)
    )
    assert lightest > 200  # the figure is drawn light on the dark window


def test_accepts_a_pose_mapping_instead_of_a_catalog(figure: MoveFigure) -> None:
    poses = dict(CATALOG.poses)
    figure.set_step(move("cat_cow"), 2, poses)
    assert figure.current_step() == move("cat_cow").steps[2]
    assert isinstance(CATALOG, Catalog)


def _accent_pixels(image: QImage, accent: QColor) -> int:
    """Pixels in (nearly) the accent colour: the arrow is drawn in it, nearly opaque."""
    def near(c: QColor) -> bool:
        return (abs(c.red() - accent.red()) + abs(c.green() - accent.green())
                + abs(c.blue() - accent.blue())) < 90
    return sum(near(image.pixelColor(x, y)) for y in range(image.height())
               for x in range(image.width()))


def test_a_moving_step_shows_an_arrow_that_a_held_one_does_not(figure: MoveFigure) -> None:
    pal = QPalette(figure.palette())
    pal.setColor(QPalette.ColorRole.Highlight, QColor("#e0201a"))
    figure.setPalette(pal)
    twist = move("seated_chair_twist")
    figure.set_step(twist, 2, CATALOG)  # "Turn to your right": on its way
    moving = _accent_pixels(figure.grab().toImage(), QColor("#e0201a"))
    figure.set_step(twist, 3, CATALOG)  # the hold: standing still
    held = _accent_pixels(figure.grab().toImage(), QColor("#e0201a"))
    assert moving > max(40, 3 * held), (moving, held)
