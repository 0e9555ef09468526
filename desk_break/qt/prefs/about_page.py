"""The About page: version, where the files are, and the not-medical-advice note."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout

import desk_break
from desk_break.qt.first_run import NOT_MEDICAL_ADVICE

from .common import InlineMessage, Page, page_heading

Opener = Callable[[QUrl], Any]

NO_OPENER_HINT = (
    "Folders cannot be opened here: xdg-open is not installed (package xdg-utils). "
    "The paths above can be selected and copied."
)


def folder_opener_missing(which: Callable[[str], str | None] = shutil.which) -> bool:
    """On Linux, Qt opens folders with xdg-open; without it "Open folder" does nothing."""
    return sys.platform.startswith("linux") and which("xdg-open") is None


def _existing_folder(path: Path) -> Path:
    """The folder itself, or its nearest existing parent (nothing is created here)."""
    for candidate in (path, *path.parents):
        if candidate.is_dir():
            return candidate
    return path


class AboutPage(Page):
    key = "about"
    title = "About"
    icon_kind = "info"

    def __init__(
        self,
        paths: Any,
        opener: Opener,
        which: Callable[[str], str | None] = shutil.which,
    ) -> None:
        super().__init__()
        self._opener = opener
        self.open_message = InlineMessage()
        self.open_message.setObjectName("about-open-message")
        cannot_open = folder_opener_missing(which)
        self.open_buttons: dict[str, QPushButton] = {}
        self.version = QLabel(f"Desk Break {desk_break.__version__}")
        self.version.setObjectName("about-version")
        self.version.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        files = QGridLayout()
        files.setColumnStretch(1, 1)
        rows = (
            ("settings", "Settings", paths.settings_file, paths.config_dir),
            ("history", "History", paths.history_db, paths.data_dir),
            ("log", "Log", paths.log_file, paths.log_dir),
        )
        for row, (key, label, file, folder) in enumerate(rows):
            name = QLabel(label + ":")
            where = QLabel(str(file))
            where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            where.setWordWrap(True)
            button = QPushButton("Open folder")
            button.setToolTip(f"Open {folder}")
            button.clicked.connect(lambda _=False, f=Path(folder): self.open_folder(f))
            if cannot_open:
                button.setEnabled(False)
                button.setToolTip(NO_OPENER_HINT)
            self.open_buttons[key] = button
            files.addWidget(name, row, 0)
            files.addWidget(where, row, 1)
            files.addWidget(button, row, 2)

        note = QLabel(NOT_MEDICAL_ADVICE)
        note.setObjectName("not-medical-advice")
        note.setWordWrap(True)
        note_box = QFrame()
        note_box.setFrameShape(QFrame.Shape.StyledPanel)
        QVBoxLayout(note_box).addWidget(note)

        layout = QVBoxLayout(self)
        layout.addWidget(
            page_heading("Desk Break", "Micro-breaks that get your upper back moving.")
        )
        layout.addWidget(self.version)
        layout.addSpacing(12)
        layout.addLayout(files)
        layout.addWidget(self.open_message)
        if cannot_open:
            self.open_message.show_note(NO_OPENER_HINT)
        layout.addSpacing(12)
        layout.addWidget(note_box)
        layout.addStretch(1)

    def open_folder(self, folder: Path) -> None:
        target = _existing_folder(folder)
        if self._opener(QUrl.fromLocalFile(str(target))) is False:
            self.open_message.show_error(f"Could not open {target}: the desktop refused.")
