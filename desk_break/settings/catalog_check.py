"""What is wrong with the settings given the move catalog (the file alone cannot tell).

A move id in `moves.disabled` that no move has is kept (a move may come back in a
later release) but reported, since it is usually a typo. Disabling every seated
move a micro-break may use leaves every micro-break with nothing to show.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from desk_break.core.chooser import micro_eligible
from desk_break.core.i18n import arg, translate
from desk_break.core.moves import Move
from desk_break.settings.model import Settings
from desk_break.settings.problem import Problem
from desk_break.settings.scanner import key_lines, line_of

__all__ = ["catalog_problems"]


def catalog_problems(
    settings: Settings,
    catalog: Iterable[Move],
    file: Path | None = None,
    text: str | None = None,
) -> list[Problem]:
    """Problems naming file, line (when `text` is the file's text), key and reason."""
    moves = list(catalog)
    known = {move.id for move in moves}
    lines = key_lines(text) if text is not None else {}

    def problem(key: str, reason: str) -> Problem:
        return Problem(file, line_of(key, lines), key, reason)

    problems = [
        problem(f"moves.disabled[{i}]", arg(translate(
            "SettingsFile", "no move has the id %1 (see `desk-break moves`)"), repr(move_id)))
        for i, move_id in enumerate(settings.moves.disabled)
        if move_id not in known
    ]
    disabled = set(settings.moves.disabled)
    seated = [move for move in moves if micro_eligible(move)]
    if seated and all(move.id in disabled for move in seated):
        problems.append(
            problem(
                "moves.disabled",
                "every seated move is disabled, so micro-breaks would have no move to show; "
                "keep at least one of: " + ", ".join(sorted(m.id for m in seated)),
            )
        )
    return problems
