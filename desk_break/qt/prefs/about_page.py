"""The About page: version, licence and website, where the files are, and the
not-medical-advice note."""

from __future__ import annotations

import html
import shutil
import sys
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

import desk_break
from desk_break.core.i18n import QT_TRANSLATE_NOOP, arg, translate
from desk_break.qt.first_run import NOT_MEDICAL_ADVICE
from desk_break.qt.icons import svg_icon

from .common import InlineMessage, Page, card, page_heading, wrappable_path
from .fields import page_heading_small

Opener = Callable[[QUrl], Any]

NO_OPENER_HINT = QT_TRANSLATE_NOOP(
    "About",
    "Folders cannot be opened here: xdg-open is not installed (package xdg-utils). "
    "The paths above can be selected and copied.",
)


LICENCE = "GPL-3.0-or-later"


def website() -> str | None:
    """The project's home page, from the installed package's metadata (Project-URL)."""
    try:
        urls = metadata.metadata("desk-break").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in urls:
        label, _, url = str(entry).partition(",")
        if label.strip().lower() in {"homepage", "home", "website", "source"} and url.strip():
            return url.strip()
    return None


def licence_text(home: str | None = None) -> str:
    """Rich text (ours, never a user's): the licence, and the website when we know it."""
    url = home if home is not None else website()
    text = html.escape(
        arg(
            translate("About", "Free software under the GNU General Public License, "
                      "version 3 or later (%1)."),
            LICENCE.replace("-", chr(0x2011)),  # non-breaking hyphens: one piece
        )
    )
    if url:
        text += f' <a href="{html.escape(url)}">{html.escape(url)}</a>'
    return text


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
    title = QT_TRANSLATE_NOOP("Preferences", "About")
    icon_kind = "info"

    def __init__(
        self,
        paths: Any,
        opener: Opener,
        which: Callable[[str], str | None] = shutil.which,
        watching: Sequence[str] = (),
    ) -> None:
        """`watching`: one line per thing Desk Break watches on this desktop (idle time,
        what holds breaks), as the Presence page's note promises About shows."""
        super().__init__()
        self._opener = opener
        self.open_message = InlineMessage()
        self.open_message.setObjectName("about-open-message")
        cannot_open = folder_opener_missing(which)
        self.open_buttons: dict[str, QPushButton] = {}
        self.version = QLabel(arg(translate("About", "Version %1"), desk_break.__version__))
        self.version.setObjectName("about-version")
        self.version.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.licence = QLabel(licence_text())
        self.licence.setObjectName("about-licence")
        self.licence.setWordWrap(True)
        self.licence.setTextFormat(Qt.TextFormat.RichText)
        self.licence.linkActivated.connect(lambda url: self._opener(QUrl(url)))

        files = QGridLayout()
        files.setColumnStretch(1, 1)
        files.setHorizontalSpacing(12)
        files.setVerticalSpacing(6)
        rows = (
            ("settings", translate("About", "Settings"), paths.settings_file, paths.config_dir),
            ("history", translate("About", "History"), paths.history_db, paths.data_dir),
            ("log", translate("About", "Log"), paths.log_file, paths.log_dir),
        )
        self.path_labels: dict[str, QLabel] = {}
        for row, (key, label, file, folder) in enumerate(rows):
            name = QLabel(label)
            # Short (~/…) and free to wrap after each "/", so a long path never widens
            # the page; the plain path is in the tooltip and for screen readers.
            where = QLabel(wrappable_path(file))
            where.setObjectName(f"about-{key}-path")
            where.setTextFormat(Qt.TextFormat.PlainText)
            where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            where.setWordWrap(True)
            where.setToolTip(str(file))
            where.setAccessibleName(str(file))
            self.path_labels[key] = where
            button = QPushButton(translate("About", "Open folder"))
            button.setToolTip(arg(translate("About", "Open %1"), folder))
            button.clicked.connect(lambda _=False, f=Path(folder): self.open_folder(f))
            if cannot_open:
                button.setEnabled(False)
                button.setToolTip(translate("About", NO_OPENER_HINT))
            self.open_buttons[key] = button
            files.addWidget(name, row, 0, Qt.AlignmentFlag.AlignVCenter)
            files.addWidget(where, row, 1)
            files.addWidget(button, row, 2, Qt.AlignmentFlag.AlignVCenter)

        note = QLabel(translate("FirstRun", NOT_MEDICAL_ADVICE))
        note.setObjectName("not-medical-advice")
        note.setWordWrap(True)
        note_box = card(note, "not-medical-advice-card")

        icon = QLabel()
        icon.setPixmap(svg_icon("active").pixmap(48, 48))
        icon.setFixedSize(56, 56)
        title = QVBoxLayout()
        title.setSpacing(0)
        title.addWidget(
            page_heading(
                "Desk Break", translate("About", "Micro-breaks that get your upper back moving.")
            )
        )
        title.addWidget(self.version)
        header = QHBoxLayout()
        header.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        header.addLayout(title, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addSpacing(4)
        layout.addWidget(self.licence)
        layout.addSpacing(12)
        self.watching = QLabel("\n".join(watching))
        self.watching.setObjectName("about-watching")
        self.watching.setTextFormat(Qt.TextFormat.PlainText)
        self.watching.setWordWrap(True)
        if watching:
            layout.addWidget(page_heading_small(translate("About", "What Desk Break watches here")))
            layout.addWidget(self.watching)
            layout.addSpacing(12)
        layout.addWidget(page_heading_small(translate("About", "Your files")))
        layout.addLayout(files)
        layout.addWidget(self.open_message)
        if cannot_open:
            self.open_message.show_note(translate("About", NO_OPENER_HINT))
        layout.addSpacing(12)
        layout.addWidget(note_box)
        layout.addStretch(1)

    def open_folder(self, folder: Path) -> None:
        target = _existing_folder(folder)
        if self._opener(QUrl.fromLocalFile(str(target))) is False:
            self.open_message.show_error(
                arg(translate("About", "Could not open %1: the desktop refused."), target)
            )
