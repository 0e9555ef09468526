"""The strip at the top of Preferences that says the settings file had problems."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from desk_break.core.i18n import arg, translate

from .common import problem_line

MAX_PROBLEMS_SHOWN = 5


class ProblemsBanner(QFrame):
    """The strip at the top that says the settings file could not be used as it is."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("problems-banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Its own light colours whatever the theme, so its text and button say so too:
        # a dark theme's light button text would vanish on the yellow.
        self.setStyleSheet(
            "#problems-banner { background: #fff4ce; border: 1px solid #e0c060;"
            " border-radius: 4px; }"
            "#problems-banner QLabel { color: #3d3000; }"
            "#problems-banner QPushButton { color: #3d3000; background: #fbe7a1;"
            " border: 1px solid #c9a640; border-radius: 3px; padding: 3px 12px; }"
            "#problems-banner QPushButton:hover { background: #f6da7c; }"
            "#problems-banner QPushButton:pressed { background: #efcd5d; }"
            "#problems-banner QPushButton:focus { border: 2px solid #3d3000; }"
        )
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QPushButton(translate("Preferences", "Hide"))
        self.close_button.clicked.connect(self.hide)
        text = QVBoxLayout()
        text.addWidget(self.headline)
        text.addWidget(self.details)
        layout = QHBoxLayout(self)
        layout.addLayout(text, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def set_problems(self, problems: Sequence[Any], file_name: str) -> None:
        if not problems:
            self.hide()
            return
        self.headline.setText(
            arg(
                translate(
                    "Preferences",
                    "Your settings file had problems; saving will keep a copy of it as "
                    "%1.bad-<date and time>. Until then the defaults stand in for the "
                    "values below that could not be used.",
                ),
                file_name,
            )
        )
        lines = ["• " + problem_line(p) for p in problems[:MAX_PROBLEMS_SHOWN]]
        if len(problems) > MAX_PROBLEMS_SHOWN:
            more = len(problems) - MAX_PROBLEMS_SHOWN
            lines.append(translate("Preferences", "… and %n more", "", more))
        self.details.setText("\n".join(lines))
        self.show()
