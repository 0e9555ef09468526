"""The Behaviour page: sound, and starting at login.

Starting at login is not a setting in the file: it is the OS's own record (an
autostart entry, a Run value, a LaunchAgent), read and written through `Autostart`
when the dialog applies.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QVBoxLayout

from desk_break.platform.autostart import Autostart
from desk_break.qt.sound import NO_PLAYER_HINT, find_player
from desk_break.settings.model import KEYS_BY_NAME, Settings

from .common import InlineMessage, Page, page_heading


class BehaviourPage(Page):
    """Signals:
    sound_test_requested(): the person clicked "Test sound".
    """

    key = "behaviour"
    title = "Behaviour"
    icon_kind = "speaker"
    tables = ("behaviour",)
    sound_test_requested = Signal()

    def __init__(
        self, autostart: Autostart, player: Callable[[], str | None] = find_player
    ) -> None:
        super().__init__()
        self._autostart = autostart
        self._autostart_shown = False
        self._stored_sound = True
        self.sound = QCheckBox(KEYS_BY_NAME["behaviour.sound"].spec.label)
        self.test_sound = QPushButton("Test sound")
        self.test_sound.clicked.connect(self.sound_test_requested)
        self.sound_message = InlineMessage()
        # Without a player the box would stay ticked and nothing would ever play: say so.
        self.has_player = player() is not None
        if not self.has_player:
            self.sound.setEnabled(False)
            self.test_sound.setEnabled(False)
            self.test_sound.setToolTip(NO_PLAYER_HINT)
            self.sound_message.show_note(NO_PLAYER_HINT)
        self.autostart = QCheckBox("Start Desk Break when I log in")
        self.autostart_message = InlineMessage()
        if not getattr(autostart, "supported", True):
            self.autostart.setEnabled(False)
            self.autostart_message.show_note("Not available on this system.")

        sound_row = QHBoxLayout()
        sound_row.addWidget(self.sound)
        sound_row.addWidget(self.test_sound)
        sound_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading("Behaviour"))
        layout.addLayout(sound_row)
        layout.addWidget(self.sound_message)
        layout.addSpacing(12)
        layout.addWidget(self.autostart)
        layout.addWidget(self.autostart_message)
        layout.addStretch(1)

        self.sound.toggled.connect(self.changed)
        self.autostart.toggled.connect(self.changed)

    def load(self, settings: Settings) -> None:
        self._stored_sound = settings.behaviour.sound
        # Shown unticked when nothing can play; the file keeps its value for later.
        self.sound.setChecked(settings.behaviour.sound and self.has_player)

    def load_autostart(self) -> None:
        """Show what the OS says now (the only read of its state)."""
        try:
            enabled = self._autostart.is_enabled()
        except OSError as exc:
            enabled = False
            self.autostart_message.show_error(f"Could not read the login item: {exc}")
        self.autostart.setChecked(enabled)
        self._autostart_shown = enabled

    def autostart_dirty(self) -> bool:
        return self.autostart.isChecked() != self._autostart_shown

    def apply_autostart(self) -> bool:
        """Write the login item if it changed; False (with the reason shown) if that failed."""
        if not self.autostart_dirty():
            return True
        wanted = self.autostart.isChecked()
        try:
            self._autostart.set_enabled(wanted)
        except OSError as exc:
            self.autostart_message.show_error(f"Could not change the login item: {exc}")
            return False
        self._autostart_shown = wanted
        if getattr(self._autostart, "supported", True):
            self.autostart_message.clear_message()
        return True

    def apply(self, settings: Settings) -> Settings:
        sound = self.sound.isChecked() if self.has_player else self._stored_sound
        return replace(settings, behaviour=replace(settings.behaviour, sound=sound))
