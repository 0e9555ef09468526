"""The not-medical-advice note: plain, one OK button, shown once."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton
from pytestqt.qtbot import QtBot

from desk_break.qt.first_run import (
    NOT_MEDICAL_ADVICE,
    FirstRunNote,
    mark_first_run_note_shown,
    needs_first_run_note,
    show_first_run_note_once,
)


def test_the_note_says_what_it_must() -> None:
    text = NOT_MEDICAL_ADVICE.lower()
    assert "not medical advice" in text
    assert "stop any move that hurts" in text
    assert len(NOT_MEDICAL_ADVICE) < 400  # short enough to be read


def test_flag_file_is_created_and_then_not_needed(tmp_path: Path) -> None:
    flag = tmp_path / "data" / "desk-break" / "first-run-note-shown"
    assert needs_first_run_note(flag)
    mark_first_run_note_shown(flag)
    assert flag.is_file()
    assert not needs_first_run_note(flag)


def test_an_unwritable_flag_is_logged_not_raised(tmp_path: Path, caplog) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    mark_first_run_note_shown(blocker / "first-run-note-shown")
    assert "first-run note" in caplog.text


def test_shown_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[object] = []
    monkeypatch.setattr(FirstRunNote, "ask", classmethod(lambda cls, parent=None: shown.append(1)))
    flag = tmp_path / "first-run-note-shown"
    assert show_first_run_note_once(flag) is True
    assert show_first_run_note_once(flag) is False
    assert show_first_run_note_once(flag) is False
    assert shown == [1]


def test_dialog_has_the_text_and_one_ok_button(qtbot: QtBot) -> None:
    note = FirstRunNote()
    qtbot.addWidget(note)
    assert note.text.text() == NOT_MEDICAL_ADVICE
    buttons = note.findChildren(QPushButton)
    assert buttons == [note.ok_button]
    assert note.ok_button.accessibleName()
    with qtbot.waitSignal(note.accepted, timeout=500):
        note.open()
        qtbot.mouseClick(note.ok_button, Qt.MouseButton.LeftButton)
    assert note.result() == QDialog.DialogCode.Accepted

