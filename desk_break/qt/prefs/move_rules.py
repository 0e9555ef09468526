"""Which moves short and long breaks may use, as the Moves page tells it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from desk_break.core.moves import Move

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
