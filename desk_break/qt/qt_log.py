"""Qt's own messages (warnings from the platform plugin, D-Bus, Wayland) into our log.

Started by the launcher, the app's stderr goes nowhere, so without this a Qt
warning that explains a missing tray or a refused window would be lost.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("qt")

LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def forward(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category or "default"
    level = LEVELS.get(kind, logging.WARNING)
    log.log(level, "%s: %s", category, message)
    if level >= logging.WARNING:  # and on stderr, as Qt's own handler does
        print(f"{category}: {message}" if context.category else message, file=sys.stderr)


def send_qt_messages_to_the_log() -> None:
    qInstallMessageHandler(forward)
