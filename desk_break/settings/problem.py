"""A `Problem`: one thing wrong with the settings, precise enough to go and fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desk_break.core.i18n import arg, translate


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the settings file: file, line (when known), key and reason."""

    file: Path | None
    line: int | None
    key: str | None  # dotted: "breaks.interval_minutes", "work_hours.monday[1]"
    reason: str

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                str(self.file) if self.file is not None else "",
                arg(translate("SettingsFile", "line %1"), self.line)
                if self.line is not None else "",
            )
            if part
        )
        return ": ".join(part for part in (where, self.key or "", self.reason) if part)
