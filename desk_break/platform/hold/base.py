"""The one small interface every do-not-disturb detector speaks.

A detector watches one reason to hold breaks (a fullscreen window, a locked
screen, a camera in use...). The engine never skips a break for it: while any
detector is active, a due break waits. Detectors are chosen at run time; one
that cannot work on this desktop says so by start() returning False, never by
raising, so the app simply runs without it.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QObject, Signal


class HoldDetector(QObject):
    """One reason to hold breaks. Signals: changed(bool): active() changed."""

    changed = Signal(bool)
    # "fullscreen", "screen_locked", "camera", "microphone", "desktop_dnd", "calendar"
    reason: ClassVar[str]

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._active = False
        self._problem: str | None = None

    def start(self) -> bool:
        """Begin watching. False (never an exception) when not available on this desktop."""
        return False

    def stop(self) -> None:
        """Stop watching and release what start() took; active() becomes False quietly."""
        self._active = False

    def active(self) -> bool:
        """Whether this reason holds breaks right now (as last seen)."""
        return self._active

    def check_now(self) -> None:
        """Re-read at once.

        The lead calls this shortly before a break is due, for detectors that must poll.
        """

    @property
    def problem(self) -> str | None:
        """A sentence for the person when it cannot work (e.g. a bad file), else None."""
        return self._problem

    # ---- for subclasses ---------------------------------------------------------

    def _set_active(self, active: bool) -> None:
        """Record the state and emit changed only when it really changed."""
        if active != self._active:
            self._active = active
            self.changed.emit(active)

    def _set_problem(self, problem: str | None) -> None:
        self._problem = problem
