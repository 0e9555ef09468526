"""The soft chime at the end of a break, or silence when it cannot (or should not) play.

QtMultimedia ships in PySide6-Addons, not in PySide6-Essentials, and a machine may
have no audio output at all. Either way the chime stays silent: one debug line in
the log, no exception, no Qt warning. With sound turned off QtMultimedia is not
even imported, so nothing loads an audio backend for a person who never hears it.

`resources/chime.wav` is two decaying sine partials (E5, B5, a touch of E6),
0.6 s, peak about -12 dBFS, mono 16-bit 22.05 kHz.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl

from desk_break.assets import resource_root

log = logging.getLogger(__name__)

CHIME_FILE = "chime.wav"
CHIME_VOLUME = 0.6  # of the system volume; the file itself is already quiet


def _multimedia() -> tuple[Any, Any] | None:
    """(QSoundEffect, QMediaDevices), or None when QtMultimedia is not installed."""
    try:
        from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
    except ImportError:
        return None
    return QSoundEffect, QMediaDevices


def _chime_path() -> Path | None:
    path = resource_root().joinpath(CHIME_FILE)
    # Shipped resources are plain files (not a zip), so this is a real path.
    return path if isinstance(path, Path) and path.is_file() else None


class Chime(QObject):
    """Plays the end-of-break chime. `play()` is a no-op when sound is off or unavailable."""

    def __init__(self, enabled: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._effect: Any = None
        if enabled:
            self._effect = self._make_effect()

    @property
    def audible(self) -> bool:
        """Whether `play()` would make a sound (sound on, library and device present)."""
        return self._effect is not None

    def play(self) -> None:
        if self._effect is not None:
            self._effect.play()

    def _make_effect(self) -> Any:
        multimedia = _multimedia()
        if multimedia is None:
            log.debug("chime is silent: QtMultimedia is not installed")
            return None
        sound_effect, media_devices = multimedia
        device = media_devices.defaultAudioOutput()
        if device.isNull():
            log.debug("chime is silent: no audio output device")
            return None
        path = _chime_path()
        if path is None:
            log.debug("chime is silent: %s is missing", CHIME_FILE)
            return None
        effect = sound_effect(self)
        effect.setAudioDevice(device)
        effect.setSource(QUrl.fromLocalFile(str(path)))
        effect.setVolume(CHIME_VOLUME)
        return effect
