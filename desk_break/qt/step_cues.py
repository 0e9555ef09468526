"""Cues at each step of a break, for moves done with the eyes off the screen.

During a chair twist you look over your shoulder, during an extension you look
up: `[behaviour] step_cues` lets the break guide you without looking.

* "tone": a soft tone at each step, a rising one for a hold ("... — hold") and a
  falling one for a release ("Release", "Lower your arms", "Back to centre"),
  played like the chime (`sound.Sound`).
* "voice": the step's cue is spoken by the desktop's speech service: speech-
  dispatcher's `spd-say`, else `espeak-ng`, slowly, one cue at a time. Each cue is
  its own process, started asynchronously (QProcess) so the UI never waits. A new
  cue never talks over the last one: `spd-say --wait` runs as long as its cue is
  spoken, and while it does the next cue is sent with `-C` (the server cancels
  what is being said); an `espeak-ng` still speaking is killed first. With no
  speech service (or one that fails) the cues fall back to tones; the Behaviour
  page says so.
* Whatever the setting, screen readers hear each step: it is announced through
  Qt accessibility (a polite QAccessibleAnnouncementEvent on the break window).

Signals:
    announced(str): a step's cue was announced to assistive technology.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from typing import Literal

import shiboken6
from PySide6.QtCore import QObject, QProcess, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

from desk_break.core import i18n
from desk_break.core.break_plan import Segment
from desk_break.core.i18n import QT_TRANSLATE_NOOP, translate
from desk_break.qt.sound import Sound

log = logging.getLogger(__name__)

CueKind = Literal["step", "hold", "release"]
TONE_FILES: dict[CueKind, str] = {
    "step": "cue-step.wav",
    "hold": "cue-hold.wav",
    "release": "cue-release.wav",
}

# What a release sounds like in the catalog's cues ("Lower your arms", "Back to centre").
RELEASE_FIRST_WORDS = ("release", "relax", "return", "lower")
# German puts the verb last ("Arme senken"): these mark a release wherever they stand.
RELEASE_ANY_WORDS = ("lösen", "loslassen", "entspannen", "zurück", "senken", "absenken")
RELEASE_PHRASES = ("back to", "back down", "back in", "come back", "let your arms go",
                   "breathe and relax")
HOLD_LAST_WORDS = ("hold", "halten")

# Slower than the default and a little quieter: calm, not a command.
SPD_SAY_ARGS = ("--wait", "-N", "desk-break", "-r", "-25")
ESPEAK_ARGS = ("-s", "145", "-a", "90")
SPEAKERS = ("spd-say", "espeak-ng")
PREVIEW_CUE = QT_TRANSLATE_NOOP("Preferences", "Squeeze your shoulder blades together — hold")

NO_SPEECH_HINT = QT_TRANSLATE_NOOP(
    "Preferences",
    "No speech service was found, so step cues play as tones. To hear the steps "
    "spoken, install speech-dispatcher (spd-say) or espeak-ng.",
)

Which = Callable[[str], str | None]


def cue_kind(cue: str) -> CueKind:
    """Which tone a cue gets: a hold ("... — hold"), a release, or a plain step."""
    text = cue.strip().rstrip(".!").lower()
    if text.endswith(HOLD_LAST_WORDS):
        return "hold"
    words = text.replace(",", " ").split()
    if (words and words[0] in RELEASE_FIRST_WORDS) or any(p in text for p in RELEASE_PHRASES):
        return "release"
    if any(word.strip(":") in RELEASE_ANY_WORDS for word in words):
        return "release"
    return "step"


def spoken(cue: str) -> str:
    """A cue as it is best said: a dash is a pause, "90/90" is "90 90"."""
    return " ".join(cue.replace("—", ",").replace("/", " ").split()).replace(" ,", ",")


def _voice(flag: str) -> list[str]:
    """The speech command's language option for the language the cues are in."""
    language = i18n.language()
    return [] if language == "en" else [flag, language]


def find_speaker(which: Which = shutil.which) -> str | None:
    """The speech command cues would use (a path to spd-say or espeak-ng), or None."""
    for name in SPEAKERS:
        found = which(name)
        if found:
            return found
    return None


def announce(target: QObject, text: str) -> None:
    """Tell assistive technology `text`, politely (after what it is saying)."""
    event = QAccessibleAnnouncementEvent(target, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)


class _Speaker(QObject):
    """Says one cue at a time through a speech command; never two at once."""

    failed = Signal()

    def __init__(self, command: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.command = command
        self.is_spd = command.rsplit("/", 1)[-1].startswith("spd-say")
        self._current: QProcess | None = None
        self._stopping: set[QProcess] = set()

    def say(self, text: str) -> None:
        speaking = self._speaking()
        if self.is_spd:
            # The server cancels what is being said; the old client then ends by itself.
            args = [*SPD_SAY_ARGS, *_voice("-l"), *(["-C"] if speaking else []), "--", text]
            if self._current is not None:
                self._stopping.add(self._current)
        else:
            self._kill_current()
            args = [*ESPEAK_ARGS, *_voice("-v"), "--", text]
        process = QProcess(self)
        process.setProgram(self.command)
        process.setArguments(args)
        process.setStandardOutputFile(QProcess.nullDevice())
        process.setStandardErrorFile(QProcess.nullDevice())
        process.finished.connect(lambda code, _status, p=process: self._ended(p, code))
        process.errorOccurred.connect(lambda error, p=process: self._error(p, error))
        self._current = process
        process.start()

    def stop(self) -> None:
        """Silence now: the cue being said is cut off and no process is left behind."""
        if self.is_spd and self._speaking():
            QProcess.startDetached(self.command, ["-C"])
        self._kill_current()
        for process in list(self._stopping):
            self._reap(process)
        self._stopping.clear()

    def _speaking(self) -> bool:
        return self._current is not None and (
            self._current.state() != QProcess.ProcessState.NotRunning
        )

    def _kill_current(self) -> None:
        if self._current is not None:
            self._reap(self._current)
            self._current = None

    def _reap(self, process: QProcess) -> None:
        if not shiboken6.isValid(process):  # it ended and was freed already
            self._stopping.discard(process)
            return
        self._stopping.add(process)
        if process.state() != QProcess.ProcessState.NotRunning:
            process.kill()
            process.waitForFinished(500)  # a killed process ends within milliseconds
        self._stopping.discard(process)
        process.deleteLater()

    def _ended(self, process: QProcess, code: int) -> None:
        expected = process in self._stopping
        self._stopping.discard(process)
        if process is self._current:
            self._current = None
        process.deleteLater()
        if code != 0 and not expected:
            log.warning("%s could not speak (exit code %d)", self.command, code)
            self.failed.emit()

    def _error(self, process: QProcess, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            log.warning("could not start %s", self.command)
            if process is self._current:
                self._current = None
            process.deleteLater()
            self.failed.emit()


class StepCues(QObject):
    """The cue for each step of one break (or of the Behaviour page's preview).

    `on_step(segment)` when a step begins; `stop()` when the break's window goes.
    """

    announced = Signal(str)

    def __init__(
        self,
        mode: str,
        target: QObject | None = None,
        parent: QObject | None = None,
        *,
        which: Which = shutil.which,
    ) -> None:
        super().__init__(parent)
        self.mode = mode
        self._target = target
        self._which = which
        self._tones: dict[CueKind, Sound] = {}
        self._speaker: _Speaker | None = None
        self._tried: set[str] = set()
        if mode == "voice":
            self._next_speaker()

    @property
    def in_use(self) -> str:
        """What the cues actually are: "off", "tone" or "voice" (voice without a speaker
        is tones)."""
        if self.mode == "voice" and self._speaker is None:
            return "tone"
        return self.mode if self.mode in ("tone", "voice") else "off"

    @property
    def speaker(self) -> str | None:
        """The speech command cues go to (a path), or None."""
        return self._speaker.command if self._speaker is not None else None

    def on_step(self, segment: Segment) -> None:
        if self._target is not None:
            announce(self._target, segment.cue)
            self.announced.emit(segment.cue)
        self.cue(segment.cue)

    def cue(self, text: str) -> None:
        """Sound or say one cue, as the setting asks."""
        mode = self.in_use
        if mode == "voice":
            assert self._speaker is not None
            self._speaker.say(spoken(text))
        elif mode == "tone":
            self._tone(cue_kind(text)).play()

    def preview(self) -> None:
        """What the Behaviour page's Preview plays: a hold, as a break would cue it."""
        self.cue(translate("Preferences", PREVIEW_CUE))

    def stop(self) -> None:
        if self._speaker is not None:
            self._speaker.stop()

    def _tone(self, kind: CueKind) -> Sound:
        if kind not in self._tones:
            self._tones[kind] = Sound(TONE_FILES[kind], True, self)
        return self._tones[kind]

    def _next_speaker(self) -> None:
        """The first speech command not yet tried, or none (tones)."""
        self._speaker = None
        for name in SPEAKERS:
            found = self._which(name)
            if found and name not in self._tried:
                self._tried.add(name)
                self._speaker = _Speaker(found, self)
                self._speaker.failed.connect(self._on_speaker_failed)
                return

    def _on_speaker_failed(self) -> None:
        failed = self._speaker
        self._next_speaker()
        if failed is not None:
            failed.stop()
            failed.deleteLater()
        log.warning("step cues now use %s", self._speaker.command if self._speaker else "tones")
