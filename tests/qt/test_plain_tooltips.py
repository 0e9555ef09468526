"""Tooltips that quote the person's files show the text as written, never as markup
(Qt renders any tooltip that looks like HTML): the figure's cue, wherever a figure is
shown (the Moves page preview too, which sets no tooltip of its own)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desk_break.core.catalog import load_shipped_catalog
from desk_break.core.moves import Move, Step
from desk_break.qt.figure import MoveFigure
from desk_break.qt.plain_text import plain_tooltip
from tests.qt.tooltip_text import shown_tooltip

MARKUP = "<b>Hold</b> & <font color=red>breathe</font> <img src=x>"


def test_a_cue_that_looks_like_html_is_shown_as_written(qtbot: QtBot) -> None:
    shipped = load_shipped_catalog()
    move = Move(
        id="mine", name="Mine", position="seated", equipment=(), focus=("extension",),
        purpose="p", steps=(Step(MARKUP, 5, "sit", to="sit_extend"),), source="moves.toml",
    )
    figure = MoveFigure()
    qtbot.addWidget(figure)
    figure.set_move(move, shipped)
    assert shown_tooltip(figure.toolTip()) == MARKUP


def test_plain_tooltips_keep_lines_and_show_nothing_for_nothing() -> None:
    assert plain_tooltip("") == ""
    assert shown_tooltip(plain_tooltip("one <two>\nthree & four")) == "one <two>\nthree & four"
