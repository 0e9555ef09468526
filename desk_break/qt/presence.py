"""Tells the engine what the desktop knows of the person: idle, return, reasons to hold.

The engine decides (see `core.engine_presence`); this only reports. It picks one
idle monitor per session and the do-not-disturb detectors that work here, at run
time, with a null fallback: no monitor means no natural breaks and no typing
pause, said once in the log and in About.

Cost: the monitor is armed only with the thresholds the next decision needs,
the away threshold (the pending break's length) always, and the typing pause
(2 s) only while a warning or a break waits for a quiet moment. So someone
typing all day wakes us only for pauses longer than a break, and the detectors
are event-driven (the few that must poll are asked once, shortly before a
break is due).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from desk_break.core.clock import Clock
from desk_break.core.i18n import QT_TRANSLATE_NOOP, arg, translate
from desk_break.qt.timers import make_timer
from desk_break.settings.model import Settings

if TYPE_CHECKING:
    from desk_break.platform.hold.base import HoldDetector
    from desk_break.platform.idle.base import IdleMonitor
    from desk_break.platform.idle.inhibitors import InhibitorWatch
    from desk_break.qt.scheduler import EngineDriver

log = logging.getLogger(__name__)

PRECHECK_BEFORE_S = 5.0  # ask polling detectors this long before a warning or break
PRECHECK_HORIZON_S = 15 * 60  # ...when it is at most this far away (else on a later change)

IDLE_SOURCE_NAMES = {
    "x11": QT_TRANSLATE_NOOP("Presence", "X11 screen saver extension"),
    "gnome": QT_TRANSLATE_NOOP("Presence", "GNOME (Mutter idle monitor)"),
    "ext-idle-notify": QT_TRANSLATE_NOOP("Presence", "Wayland idle notifications (KDE, wlroots)"),
    "windows": QT_TRANSLATE_NOOP("Presence", "Windows input"),
    "macos": QT_TRANSLATE_NOOP("Presence", "macOS input"),
}
HOLD_NAMES = {
    "fullscreen": QT_TRANSLATE_NOOP("Presence", "a full-screen window"),
    "screen_locked": QT_TRANSLATE_NOOP("Presence", "the locked screen"),
    "camera": QT_TRANSLATE_NOOP("Presence", "the camera in use"),
    "microphone": QT_TRANSLATE_NOOP("Presence", "the microphone in use"),
    "desktop_dnd": QT_TRANSLATE_NOOP("Presence", "the desktop's do not disturb"),
    "calendar": QT_TRANSLATE_NOOP("Presence", "meetings in your calendar"),
    "first_run_note": QT_TRANSLATE_NOOP("Presence", "the note before your first break"),
}

MonitorFactory = Callable[[Settings, QObject], "IdleMonitor | None"]
HoldFactory = Callable[[Settings, QObject], "list[HoldDetector]"]


class OwnWindows(Collection[int]):
    """The X11 ids of our visible top-level windows, read live: our own break window
    is never a full-screen window that holds a break."""

    def _ids(self) -> list[int]:
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return []
        return [int(w.winId()) for w in app.topLevelWidgets() if w.isVisible()]

    def __contains__(self, item: object) -> bool:
        return item in self._ids()

    def __iter__(self) -> Iterator[int]:
        return iter(self._ids())

    def __len__(self) -> int:
        return len(self._ids())


def default_monitor(settings: Settings, parent: QObject) -> IdleMonitor | None:
    from desk_break.platform.idle.choose import choose_idle_monitor

    return choose_idle_monitor(
        os.environ,
        parent=parent,
        inhibitors_count_as_presence=settings.presence.inhibitors_count_as_presence,
    )


def default_holds(clock: Clock) -> HoldFactory:
    def make(settings: Settings, parent: QObject) -> list[HoldDetector]:
        from desk_break.platform.hold import desktop_hold_detectors
        from desk_break.platform.hold.devices import device_hold_detectors

        dnd = settings.do_not_disturb
        enabled: Mapping[str, bool] = {
            "fullscreen": dnd.fullscreen,
            "screen_locked": dnd.screen_locked,
            "desktop_dnd": dnd.desktop_dnd,
        }
        found = desktop_hold_detectors(enabled, os.environ, own_windows=OwnWindows(), parent=parent)
        devices = device_hold_detectors(
            dnd.camera, dnd.microphone, dnd.calendar_file, clock=clock.now, tz=clock.tz,
            parent=parent,
        )
        for detector in devices:
            if detector.start():
                found.append(detector)
            else:
                log.info("do not disturb: %s is not available here", detector.reason)
                if detector.problem:
                    found.append(detector)  # kept, so its problem is told (it holds nothing)
        return found

    return make


def default_inhibitors(parent: QObject) -> InhibitorWatch | None:
    from desk_break.platform.idle.inhibitors import InhibitorWatch

    watch = InhibitorWatch(
        session_bus=os.environ.get("DBUS_SESSION_BUS_ADDRESS"),
        x11_display=os.environ.get("DISPLAY") if os.environ.get("XDG_SESSION_TYPE") == "x11"
        else None,
        parent=parent,
    )
    watch.start()
    return watch


@dataclass(frozen=True)
class PresenceParts:
    """How the controller finds its parts (tests pass stand-ins or nothing)."""

    monitor: MonitorFactory = default_monitor
    holds: HoldFactory | None = None  # None: the real detectors, on the app's clock
    inhibitors: Callable[[QObject], InhibitorWatch | None] | None = default_inhibitors


NO_PRESENCE = PresenceParts(monitor=lambda _s, _p: None, holds=lambda _s, _p: [], inhibitors=None)


class PresenceController(QObject):
    """Owns the idle monitor and the hold detectors, and reports to the engine.

    Signals:
        problem_found(str): a detector cannot work as set (e.g. a bad calendar file).
    """

    problem_found = Signal(str)

    def __init__(
        self,
        driver: EngineDriver,
        settings: Settings,
        clock: Clock,
        parts: PresenceParts | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        parts = parts if parts is not None else PresenceParts()
        self._driver = driver
        self._clock = clock
        self._settings = settings
        self._make_monitor = parts.monitor
        self._make_holds = parts.holds if parts.holds is not None else default_holds(clock)
        self._make_inhibitors = parts.inhibitors
        self.monitor: IdleMonitor | None = None
        self.detectors: list[HoldDetector] = []
        self.inhibitors: InhibitorWatch | None = None
        self._armed: tuple[float, ...] = ()
        self._told: set[str] = set()
        self._own_holds: set[str] = set()  # held by the app itself (the first-run note)
        self._precheck = make_timer("hold-precheck", self, single_shot=True,
                                    on_timeout=self.check_detectors_now)
        driver.changed.connect(self._follow_engine)

    # ---- life cycle -------------------------------------------------------------

    def start(self) -> None:
        self._start_monitor()
        self._start_detectors()
        self._follow_engine()

    def stop(self) -> None:
        self._precheck.stop()
        if self.monitor is not None:
            self.monitor.stop()
        if self.inhibitors is not None:
            self.inhibitors.stop()
        for detector in self.detectors:
            detector.stop()

    def apply_settings(self, settings: Settings) -> None:
        old, self._settings = self._settings, settings
        if settings.presence.inhibitors_count_as_presence != (
            old.presence.inhibitors_count_as_presence
        ):
            if self.monitor is not None:
                self.monitor.stop()
                self.monitor.setParent(None)
            self._start_monitor()
        if settings.do_not_disturb != old.do_not_disturb:
            for detector in self.detectors:
                detector.stop()
                detector.setParent(None)
            self._start_detectors()
        self._follow_engine()

    # ---- what status and About read ---------------------------------------------

    @property
    def idle_source(self) -> str | None:
        return None if self.monitor is None else self.monitor.source

    def idle_seconds(self) -> float | None:
        return None if self.monitor is None else self.monitor.idle_seconds()

    def describe(self) -> list[str]:
        """One line per thing watched on this machine, for About."""
        if self.monitor is None:
            lines = [
                translate(
                    "Presence", "Idle time: not available on this desktop (no natural breaks)"
                )
            ]
        else:
            source = self.monitor.source
            name = IDLE_SOURCE_NAMES.get(source)
            shown = translate("Presence", name) if name else source
            lines = [arg(translate("Presence", "Idle time: %1"), shown)]
        working = [d for d in self.detectors if not d.problem]
        if working:
            names = translate("Presence", ", ", "between reasons").join(
                translate("Presence", HOLD_NAMES[d.reason]) if d.reason in HOLD_NAMES else d.reason
                for d in working
            )
            lines.append(arg(translate("Presence", "Breaks wait for: %1"), names))
        else:
            lines.append(
                translate("Presence", "Do not disturb: nothing can be watched on this desktop")
            )
        return lines

    # ---- reporting ----------------------------------------------------------------

    def _start_monitor(self) -> None:
        self.monitor = self._make_monitor(self._settings, self)
        self._armed = ()
        if self.monitor is None:
            log.warning("no idle detection on this desktop: breaks cannot tell when you are away")
            self._driver.run(lambda e: e.set_input_known(False))
            return
        self.monitor.idle_reached.connect(self._on_idle)
        self.monitor.became_active.connect(self._on_back)
        self._driver.run(lambda e: e.set_input_known(True))
        if self.inhibitors is None and self._make_inhibitors is not None:
            self.inhibitors = self._make_inhibitors(self)

    def _start_detectors(self) -> None:
        self.detectors = self._make_holds(self._settings, self)
        for detector in self.detectors:
            detector.changed.connect(self._on_hold_changed)
            if detector.problem:
                self._tell(detector.problem)
        log.info("do not disturb: watching %s", ", ".join(d.reason for d in self.detectors)
                 or "nothing")
        self._on_hold_changed()

    def _on_idle(self, seconds: float) -> None:
        watch = self.inhibitors
        if (
            self._settings.presence.inhibitors_count_as_presence
            and watch is not None
            and watch.inhibited()
        ):
            return  # a video or a presentation: the person is watching, not away
        self._driver.run(lambda e: e.idle_for(seconds))

    def _on_back(self, idle_seconds: float) -> None:
        self._driver.run(lambda e: e.came_back(idle_seconds))

    def hold_for(self, reason: str, held: bool) -> None:
        """Hold due breaks while the app itself needs it (the first-run note is up),
        besides whatever the detectors see; the same engine rules apply."""
        if held:
            self._own_holds.add(reason)
        else:
            self._own_holds.discard(reason)
        self._on_hold_changed()

    def _on_hold_changed(self, _active: bool = False) -> None:
        reasons = set(self._own_holds)
        for detector in self.detectors:
            if detector.active():
                reasons.add(detector.reason)
            if detector.problem:
                self._tell(detector.problem)
        if frozenset(reasons) != frozenset(self._driver.engine.held_by):
            log.info("holding breaks for: %s", ", ".join(sorted(reasons)) or "nothing")
            self._driver.run(lambda e: e.set_holds(reasons))

    def check_detectors_now(self) -> None:
        for detector in self.detectors:
            detector.check_now()

    def _follow_engine(self) -> None:
        engine = self._driver.engine
        if self.monitor is not None:
            wanted = {round(engine.away_threshold, 3)}
            if engine.waiting_for_quiet:
                wanted.add(float(self._settings.presence.typing_pause_seconds))
            thresholds = tuple(sorted(t for t in wanted if t > 0))
            if thresholds != self._armed:
                self._armed = thresholds
                self.monitor.set_thresholds(thresholds)
        moment = engine.warning_at or (None if engine.next_break is None
                                       else engine.next_break.start)
        if moment is None or not self.detectors:
            self._precheck.stop()
            return
        wait = (moment - self._clock.now()).total_seconds() - PRECHECK_BEFORE_S
        if wait <= PRECHECK_HORIZON_S:
            self._precheck.start(max(0.0, wait) * 1000)

    def _tell(self, problem: str) -> None:
        if problem not in self._told:
            self._told.add(problem)
            log.error("%s", problem)
            self.problem_found.emit(problem)
