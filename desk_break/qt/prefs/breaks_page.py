"""The Breaks and Long breaks pages: how often, how long, warning and snoozing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QVBoxLayout,
)

from desk_break.core.i18n import QT_TRANSLATE_NOOP, arg, translate
from desk_break.core.planner import plan_day
from desk_break.settings.model import KEYS_BY_NAME, Settings

from .common import (
    Findings,
    InlineMessage,
    Page,
    card,
    minutes_text,
    ordinal,
    page_heading,
    problem_line,
    with_message,
)
from .fields import check_box, declared, spin_box


def _label(dotted: str) -> str:
    return declared(KEYS_BY_NAME[dotted].spec.label)


def breaks_per_day(settings: Settings, tz: tzinfo, today: date) -> list[int]:
    """Breaks planned on each day of the coming week that has work hours."""
    counts = []
    for offset in range(7):
        day = today + timedelta(days=offset)
        if settings.work_hours.for_weekday(day.weekday()):
            counts.append(len(plan_day(settings, tz, day)))
    return counts


def summary_text(settings: Settings, counts: list[int]) -> str:
    b = settings.breaks
    if b.interval_minutes == 1:
        every = translate("Preferences", "every minute")
    else:
        minutes = b.interval_minutes
        every = translate("Preferences", "every %n minute(s)", "", minutes)
    head = arg(translate("Preferences", "A %1-second break %2"), b.duration_seconds, every)
    if not counts:
        return arg(translate("Preferences", "%1; no work hours set, so none are planned."), head)
    if max(counts) == 0:
        return arg(
            translate("Preferences", "%1; no break fits in your work hours, so none are planned."),
            head,
        )
    low, high = min(counts), max(counts)
    per_day = str(low) if low == high else f"{low}–{high}"
    return arg(translate("Preferences", "%1, %2 a day with your hours."), head, per_day)


class BreaksPage(Page):
    key = "breaks"
    title = QT_TRANSLATE_NOOP("Preferences", "Breaks")
    icon_kind = "clock"
    tables = ("breaks",)

    def __init__(self, tz: tzinfo, today: Callable[[], date] | None = None) -> None:
        super().__init__()
        self._tz = tz
        self._today = today or (lambda: datetime.now(tz).date())

        self.interval = spin_box("breaks.interval_minutes")
        self.duration = spin_box("breaks.duration_seconds")
        self.warning = spin_box("breaks.warning_seconds")
        self.snooze = spin_box("breaks.snooze_minutes")
        self.max_snoozes = spin_box("breaks.max_snoozes")
        self.warning_message = InlineMessage()
        self.summary = QLabel()
        self.summary.setObjectName("breaks-summary")
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)

        summary_box = card(self.summary, "breaks-summary-card")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_label("breaks.interval_minutes"), self.interval)
        form.addRow(_label("breaks.duration_seconds"), self.duration)
        form.addRow(
            _label("breaks.warning_seconds"), with_message(self.warning, self.warning_message)
        )
        form.addRow(_label("breaks.snooze_minutes"), self.snooze)
        form.addRow(_label("breaks.max_snoozes"), self.max_snoozes)

        layout = QVBoxLayout(self)
        layout.addWidget(
            page_heading(
                translate("Preferences", "Breaks"),
                translate(
                    "Preferences",
                    "Short, seated moves for your upper back. The warning gives you a moment "
                    "to finish a sentence; snoozing pushes a break back.",
                ),
            )
        )
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(summary_box)
        layout.addStretch(1)

        for spin in (self.interval, self.duration, self.warning, self.snooze, self.max_snoozes):
            spin.valueChanged.connect(self.changed)
        self.max_snoozes.valueChanged.connect(self._sync_enabled)

    def _sync_enabled(self) -> None:
        self.snooze.setEnabled(self.max_snoozes.value() > 0)

    def load(self, settings: Settings) -> None:
        b = settings.breaks
        self.interval.setValue(b.interval_minutes)
        self.duration.setValue(b.duration_seconds)
        self.warning.setValue(b.warning_seconds)
        self.snooze.setValue(b.snooze_minutes)
        self.max_snoozes.setValue(b.max_snoozes)
        self._sync_enabled()

    def apply(self, settings: Settings) -> Settings:
        return replace(
            settings,
            breaks=replace(
                settings.breaks,
                interval_minutes=self.interval.value(),
                duration_seconds=self.duration.value(),
                warning_seconds=self.warning.value(),
                snooze_minutes=self.snooze.value(),
                max_snoozes=self.max_snoozes.value(),
            ),
        )

    def check(self, draft: Settings, problems: Sequence[Any]) -> Findings:
        # The spin boxes hold the file's own bounds; what the file still refuses (a
        # warning longer than the time between breaks) is shown under its field.
        found = Findings()
        for p in problems:
            if getattr(p, "key", None) != "breaks.warning_seconds":
                found.errors.append(problem_line(p))
                continue
            found.errors.append(
                arg(
                    translate(
                        "Preferences",
                        "the warning is longer than the time between breaks (%1); make it shorter.",
                    ),
                    minutes_text(draft.breaks.interval_minutes),
                )
            )
            self.warning_message.show_error(found.errors[-1][:1].upper() + found.errors[-1][1:])
        if not any(getattr(p, "key", None) == "breaks.warning_seconds" for p in problems):
            self.warning_message.clear_message()
        self.summary.setText(summary_text(draft, breaks_per_day(draft, self._tz, self._today())))
        return found


class LongBreaksPage(Page):
    key = "long_breaks"
    title = QT_TRANSLATE_NOOP("Preferences", "Long breaks")
    icon_kind = "hourglass"
    tables = ("long_breaks",)

    def __init__(self) -> None:
        super().__init__()
        self.enabled = check_box("long_breaks.enabled")
        self.every = spin_box("long_breaks.every")
        self.duration = spin_box("long_breaks.duration_minutes")
        self.summary = QLabel()
        self.summary.setObjectName("long-breaks-summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_label("long_breaks.every"), self.every)
        form.addRow(_label("long_breaks.duration_minutes"), self.duration)

        layout = QVBoxLayout(self)
        layout.addWidget(
            page_heading(
                translate("Preferences", "Long breaks"),
                translate(
                    "Preferences",
                    "Every so often a break is longer and uses the moves you allow for long "
                    "breaks (see Moves).",
                ),
            )
        )
        layout.addWidget(self.enabled)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(card(self.summary, "long-breaks-summary-card"))
        layout.addStretch(1)

        self.enabled.toggled.connect(self._sync_enabled)
        self.enabled.toggled.connect(self.changed)
        self.every.valueChanged.connect(self.changed)
        self.duration.valueChanged.connect(self.changed)

    def _sync_enabled(self) -> None:
        on = self.enabled.isChecked()
        self.every.setEnabled(on)
        self.duration.setEnabled(on)

    def load(self, settings: Settings) -> None:
        lb = settings.long_breaks
        self.enabled.setChecked(lb.enabled)
        self.every.setValue(lb.every)
        self.duration.setValue(lb.duration_minutes)
        self._sync_enabled()

    def apply(self, settings: Settings) -> Settings:
        return replace(
            settings,
            long_breaks=replace(
                settings.long_breaks,
                enabled=self.enabled.isChecked(),
                every=self.every.value(),
                duration_minutes=self.duration.value(),
            ),
        )

    def check(self, draft: Settings, problems: Sequence[Any]) -> Findings:
        lb = draft.long_breaks
        if not lb.enabled:
            self.summary.setText(translate("Preferences", "All breaks are short."))
        else:
            work = lb.every * draft.breaks.interval_minutes
            self.summary.setText(
                arg(
                    translate(
                        "Preferences",
                        "Every %1 break lasts %2: about one every %3 of work.",
                    ),
                    ordinal(lb.every),
                    minutes_text(lb.duration_minutes),
                    minutes_text(work),
                )
            )
        return Findings(errors=[problem_line(p) for p in problems])
