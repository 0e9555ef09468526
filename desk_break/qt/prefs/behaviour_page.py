"""The Behaviour page: sound, step cues (with a preview), and starting at login.

Starting at login is not a setting in the file: it is the OS's own record (an
autostart entry, a Run value, a LaunchAgent), read and written through `Autostart`
when the dialog applies.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from desk_break.core.i18n import QT_TRANSLATE_NOOP, arg, translate
from desk_break.platform.autostart import Autostart
from desk_break.qt.sound import NO_PLAYER_HINT, find_player
from desk_break.qt.step_cues import NO_SPEECH_HINT, StepCues, Which, find_speaker
from desk_break.settings.model import KEYS_BY_NAME, STEP_CUES, Settings

from .common import InlineMessage, Page, page_heading
from .fields import declared

# The shell's words for each `step_cues` value (the model holds no labels).
STEP_CUE_LABELS: dict[str, str] = {
    "off": QT_TRANSLATE_NOOP("Preferences", "Off"),
    "tone": QT_TRANSLATE_NOOP("Preferences", "A soft tone"),
    "voice": QT_TRANSLATE_NOOP("Preferences", "Spoken aloud"),
}


class BehaviourPage(Page):
    """Signals:
    sound_test_requested(): the person clicked "Test sound".
    """

    key = "behaviour"
    title = QT_TRANSLATE_NOOP("Preferences", "Behaviour")
    icon_kind = "speaker"
    tables = ("behaviour",)
    sound_test_requested = Signal()

    def __init__(
        self,
        autostart: Autostart,
        player: Callable[[], str | None] = find_player,
        *,
        which: Which = shutil.which,
    ) -> None:
        super().__init__()
        self._autostart = autostart
        self._autostart_shown = False
        self._stored_sound = True
        self.sound = QCheckBox(declared(KEYS_BY_NAME["behaviour.sound"].spec.label))
        self.sound.setObjectName("behaviour.sound")  # named by its key (prefs/locks.py)
        self.test_sound = QPushButton(translate("Preferences", "Test sound"))
        self.test_sound.clicked.connect(self.sound_test_requested)
        self.sound_message = InlineMessage()
        # Without a player the box would stay ticked and nothing would ever play: say so.
        self.has_player = player() is not None
        if not self.has_player:
            self.sound.setEnabled(False)
            self.test_sound.setEnabled(False)
            self.test_sound.setToolTip(translate("Preferences", NO_PLAYER_HINT))
            self.sound_message.show_note(translate("Preferences", NO_PLAYER_HINT))
        self._which = which
        self.has_speaker = find_speaker(which) is not None
        cues_key = KEYS_BY_NAME["behaviour.step_cues"]
        self.step_cues = QComboBox()
        self.step_cues.setObjectName("behaviour.step_cues")
        for value in STEP_CUES:
            self.step_cues.addItem(translate("Preferences", STEP_CUE_LABELS[value]), value)
        self.step_cues.setToolTip(declared(cues_key.spec.help))
        self.step_cues.setAccessibleName(declared(cues_key.spec.label).rstrip(":"))
        cues_label = QLabel(declared(cues_key.spec.label))
        cues_label.setBuddy(self.step_cues)
        self.preview_cue = QPushButton(translate("Preferences", "Preview"))
        self.preview_cue.setToolTip(translate("Preferences", "Play a step cue as a break would"))
        self.preview_cue.clicked.connect(self.play_preview)
        self.cues_message = InlineMessage()
        self._preview: StepCues | None = None
        self.step_cues.currentIndexChanged.connect(self._on_cues_changed)
        self.autostart = QCheckBox(translate("Preferences", "Start Desk Break when I log in"))
        self.autostart_message = InlineMessage()
        if not getattr(autostart, "supported", True):
            self.autostart.setEnabled(False)
            self.autostart_message.show_note(
                translate("Preferences", "Not available on this system.")
            )

        sound_row = QHBoxLayout()
        sound_row.addWidget(self.sound)
        sound_row.addWidget(self.test_sound)
        sound_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(translate("Preferences", "Behaviour")))
        layout.addLayout(sound_row)
        layout.addWidget(self.sound_message)
        layout.addSpacing(12)
        cues_row = QHBoxLayout()
        cues_row.addWidget(cues_label)
        cues_row.addWidget(self.step_cues)
        cues_row.addWidget(self.preview_cue)
        cues_row.addStretch(1)
        layout.addLayout(cues_row)
        layout.addWidget(self.cues_message)
        layout.addSpacing(12)
        layout.addWidget(self.autostart)
        layout.addWidget(self.autostart_message)
        layout.addStretch(1)

        self.sound.toggled.connect(self.changed)
        self.step_cues.currentIndexChanged.connect(self.changed)
        self.autostart.toggled.connect(self.changed)
        self._on_cues_changed()

    def load(self, settings: Settings) -> None:
        self._stored_sound = settings.behaviour.sound
        # Shown unticked when nothing can play; the file keeps its value for later.
        self.sound.setChecked(settings.behaviour.sound and self.has_player)
        self.step_cues.blockSignals(True)
        index = self.step_cues.findData(settings.behaviour.step_cues)
        self.step_cues.setCurrentIndex(max(0, index))
        self.step_cues.blockSignals(False)
        self._on_cues_changed()

    @property
    def chosen_cues(self) -> str:
        return str(self.step_cues.currentData())

    def play_preview(self) -> None:
        """Play one cue as the chosen setting would (tones when no speech service)."""
        if self._preview is None or self._preview.mode != self.chosen_cues:
            self._stop_preview()
            self._preview = StepCues(self.chosen_cues, None, self, which=self._which)
        self._preview.preview()  # the same voice again cancels what it is still saying

    def _stop_preview(self) -> None:
        if self._preview is not None:
            self._preview.stop()
            self._preview.deleteLater()
            self._preview = None

    def _on_cues_changed(self) -> None:
        self.preview_cue.setEnabled(self.chosen_cues != "off")
        # Said once, here, where the choice is made: voice without a voice is tones.
        if self.chosen_cues == "voice" and not self.has_speaker:
            self.cues_message.show_note(translate("Preferences", NO_SPEECH_HINT))
        else:
            self.cues_message.clear_message()

    def hideEvent(self, event: QHideEvent) -> None:
        self._stop_preview()  # a preview does not outlive the page it was asked on
        super().hideEvent(event)

    def load_autostart(self) -> None:
        """Show what the OS says now (the only read of its state)."""
        try:
            enabled = self._autostart.is_enabled()
        except OSError as exc:
            enabled = False
            self.autostart_message.show_error(
                arg(translate("Preferences", "Could not read the login item: %1"), exc)
            )
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
            self.autostart_message.show_error(
                arg(translate("Preferences", "Could not change the login item: %1"), exc)
            )
            return False
        self._autostart_shown = wanted
        if getattr(self._autostart, "supported", True):
            self.autostart_message.clear_message()
        return True

    def apply(self, settings: Settings) -> Settings:
        sound = self.sound.isChecked() if self.has_player else self._stored_sound
        behaviour = replace(settings.behaviour, sound=sound, step_cues=self.chosen_cues)
        return replace(settings, behaviour=behaviour)
