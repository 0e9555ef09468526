"""The soft chime at the end of a break, or silence when it cannot (or should not) play.

QtMultimedia ships in PySide6-Addons (175 MB, WebEngine included), which Desk Break
does not require. Where it is installed it plays the chime; otherwise the desktop's
own player does (pw-play, paplay or aplay on Linux, afplay on macOS, winsound on
Windows), started detached so a slow sound server never blocks the app. With
neither, or no audio output, the chime stays silent: one debug line in the log, no
exception, no Qt warning. With sound turned off nothing is even looked up.

`resources/chime.wav` is two decaying sine partials (E5, B5, a touch of E6),
0.6 s, peak about -12 dBFS, mono 16-bit 22.05 kHz. The step cues (`step_cues.py`)
play the same way: `cue-step.wav` one soft G5 (0.35 s), `cue-hold.wav` E5 rising to
B5 and `cue-release.wav` B5 falling to E5 (0.56 s each): decaying sines with a
touch of the octave, peak -14 dBFS, mono 16-bit 22.05 kHz.
"""

from __future__ import annotations

import logging
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QProcess, QUrl

from desk_break.assets import resource_root
from desk_break.core.i18n import QT_TRANSLATE_NOOP

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


def _resource_wav(name: str) -> Path | None:
    path = resource_root().joinpath(name)
    # Shipped resources are plain files (not a zip), so this is a real path.
    return path if isinstance(path, Path) and path.is_file() else None


def _chime_path() -> Path | None:
    return _resource_wav(CHIME_FILE)


# Command-line players, best first, and the arguments that make them quiet.
LINUX_PLAYERS: tuple[tuple[str, ...], ...] = (("pw-play",), ("paplay",), ("aplay", "-q"))


class _CommandPlayer:
    """Plays a file with a desktop's command-line player, detached."""

    def __init__(self, argv: tuple[str, ...], path: Path) -> None:
        self.argv = argv
        self.path = path

    def play(self) -> None:
        started, _pid = QProcess.startDetached(self.argv[0], [*self.argv[1:], str(self.path)])
        if not started:
            log.debug("chime: could not start %s", self.argv[0])


class _WinsoundPlayer:  # pragma: no cover - Windows only
    def __init__(self, path: Path) -> None:
        self.path = path

    def play(self) -> None:
        if sys.platform == "win32":  # also tells mypy on other systems to skip this
            import winsound

            winsound.PlaySound(str(self.path), winsound.SND_FILENAME | winsound.SND_ASYNC)


Which = Callable[[str], str | None]

NO_PLAYER_HINT = QT_TRANSLATE_NOOP(
    "Preferences",
    "No sound player was found, so breaks end silently. Install pw-play (PipeWire), "
    "paplay (pulseaudio-utils) or aplay (alsa-utils), or PySide6-Addons.",
)


def _command_player(which: Which) -> tuple[str, ...] | None:
    candidates = (("afplay",),) if sys.platform == "darwin" else LINUX_PLAYERS
    for argv in candidates:
        found = which(argv[0])
        if found:
            return (found, *argv[1:])
    return None


def find_player(
    which: Which = shutil.which,
    multimedia: Callable[[], tuple[Any, Any] | None] | None = None,
) -> str | None:
    """What would play the chime ("QtMultimedia", "/usr/bin/paplay"), or None.

    Preferences asks this to say why "Test sound" cannot work; tests pass their own
    `which` and `multimedia` so they decide what is installed.
    """
    if sys.platform == "win32":  # pragma: no cover
        return "winsound"
    found = (multimedia or _multimedia)()
    if found is not None:
        return "QtMultimedia"
    argv = _command_player(which)
    return argv[0] if argv is not None else None


def _system_player(path: Path) -> Any:
    """The platform's own way to play a WAV file, or None."""
    if sys.platform == "win32":  # pragma: no cover
        return _WinsoundPlayer(path)
    argv = _command_player(shutil.which)
    return _CommandPlayer(argv, path) if argv is not None else None


class Sound(QObject):
    """Plays one short WAV from resources/. `play()` is a no-op when off or unavailable."""

    def __init__(self, file_name: str, enabled: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.file_name = file_name
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
        path = _resource_wav(self.file_name)
        if path is None:
            log.debug("%s is silent: it is missing", self.file_name)
            return None
        multimedia = _multimedia()
        if multimedia is None:
            player = _system_player(path)
            if player is None:
                log.debug(
                    "%s is silent: no QtMultimedia and no sound player on this system",
                    self.file_name,
                )
            return player
        sound_effect, media_devices = multimedia
        device = media_devices.defaultAudioOutput()
        if device.isNull():
            log.debug("%s is silent: no audio output device", self.file_name)
            return None
        effect = sound_effect(self)
        effect.setAudioDevice(device)
        effect.setSource(QUrl.fromLocalFile(str(path)))
        effect.setVolume(CHIME_VOLUME)
        return effect


class Chime(Sound):
    """The end-of-break chime."""

    def __init__(self, enabled: bool, parent: QObject | None = None) -> None:
        super().__init__(CHIME_FILE, enabled, parent)
