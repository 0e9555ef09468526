"""Which moves short and long breaks may use, as the Moves page tells it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from desk_break.core.i18n import translate
from desk_break.core.moves import Move
from desk_break.settings.model import Settings

from .common import problem_line

MICRO_EQUIPMENT = frozenset({"none", "chair"})


def is_micro_move(move: Move) -> bool:
    return move.position == "seated" and set(move.equipment) <= MICRO_EQUIPMENT


def fits_long_breaks(move: Move, positions: Iterable[str], equipment: Iterable[str]) -> bool:
    have = set(equipment) | {"none"}
    return move.position in set(positions) and set(move.equipment) <= have


def keep_order(previous: Sequence[str], wanted: set[str], order: Sequence[str]) -> tuple[str, ...]:
    """`wanted` in the order `previous` had them, new ones after in `order`.

    So a list that was not edited comes back equal, whatever order the file used.
    """
    kept = [x for x in previous if x in wanted]
    return (*kept, *(x for x in order if x in wanted and x not in kept))


def file_findings(draft: Settings, problems: Sequence[Any]) -> tuple[list[str], list[str], bool]:
    """What the settings check says about the Moves page, in the page's words: (every
    error, those about the long-break choices, whether every seated move is off)."""
    errors: list[str] = []
    choice_errors: list[str] = []
    no_seated = False
    for p in problems:
        key = getattr(p, "key", "") or ""
        if key == "moves.disabled":
            no_seated = True
            errors.append(translate(
                "Moves", "every seated move is off, so short breaks would have no moves to show."
            ))
            continue
        if key == "moves.positions" and not draft.moves.positions:
            text = translate("Moves", "Choose at least one position for long breaks.")
            if not draft.long_breaks.enabled:
                text = translate(
                    "Moves", "Keep at least one position ticked, even with long breaks off."
                )
        else:
            text = problem_line(p)
        choice_errors.append(text)
    return errors + choice_errors, choice_errors, no_seated
