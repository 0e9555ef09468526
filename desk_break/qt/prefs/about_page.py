"""The About page: version, where the files are, and the not-medical-advice note."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout

import desk_break
from desk_break.qt.first_run import NOT_MEDICAL_ADVICE

from .common import Page, page_heading

Opener = Callable[[QUrl], Any]


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

    def __init__(self, paths: Any, opener: Opener) -> None:
        super().__init__()
        self._opener = opener
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
        layout.addSpacing(12)
        layout.addWidget(note_box)
        layout.addStretch(1)

    def open_folder(self, folder: Path) -> None:
        self._opener(QUrl.fromLocalFile(str(_existing_folder(folder))))
