"""Qt's warnings land in the app's log (the launcher sends stderr nowhere)."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QMessageLogContext, QtMsgType

from desk_break.qt.qt_log import forward


def test_a_qt_warning_is_logged_with_its_category(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="qt"):
        forward(QtMsgType.QtWarningMsg, QMessageLogContext(), "no tray here")
        forward(QtMsgType.QtDebugMsg, QMessageLogContext(), "chatter")
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [
        (logging.WARNING, "default: no tray here"),
        (logging.DEBUG, "default: chatter"),
    ]
