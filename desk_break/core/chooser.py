"""Which moves a break gets: short and seated for micro-breaks, a fuller set for long ones.

Rules, in order of strength:
- Micro-break: one or two `seated` moves needing nothing beyond a chair (whatever
  the long-break settings allow), total ≤ the break's seconds. Among the fits it
  prefers those filling at least half the break (`MICRO_MIN_FILL`). If no move
  fits at all, it returns the single shortest eligible move (longer than the
  break: the break window then runs long rather than cutting a move short).
- Long break: three to five moves (fewer only if fewer are eligible) from the
  allowed positions and equipment ("none" is always available), aiming at the
  break's length. The total lands within `long_tolerance(seconds)`
  (± max(45 s, 20 %)) whenever the eligible moves can reach it; if they cannot
  (few moves allowed, or a very long break) it is the nearest total they can
  make, never more than five moves.
- Never a `disabled` move, and never a move from the previous break (unless
  nothing else is eligible; then a repeat beats an empty break). No eligible
  move at all gives an empty list.
- Over a day, focus areas are covered evenly: counts per focus since the day's
  first break; a combination is preferred when its moves' least-covered focus
  counts are low and it does not double up on one area. The counts reset when
  `day` changes. Tolerance: among the areas micro-breaks can reach (trained
  all day; areas only long-break moves train are favoured when a long break
  comes but not bounded), the most- and least-covered differ by at most
  `focus_spread_allowed(hits)`: seven, or a quarter of the day's focus hits
  when that is more, provided long breaks come at most every third break or the
  pool is rich (floor moves on). It cannot be much tighter: with default
  settings only one seated move trains rotation and one flexion, the no-repeat
  rule spaces them out, and filling a long break needs the three long standing
  moves, which all train the shoulder; filling time wins over balance.

The chooser is deterministic given its `random.Random`. It keeps only today's
counts and the previous break, so recreating it (after a restart, or a settings
change) is cheap; `replay()` restores them from a break log.
"""

from __future__ import annotations

import itertools
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Literal, Protocol

from desk_break.core.moves import FOCUS_AREAS, Move

MICRO_POSITION = "seated"
MICRO_EQUIPMENT = frozenset({"chair"})
MICRO_MIN_FILL = 0.5
LONG_MIN_MOVES = 3
LONG_MAX_MOVES = 5

BreakKind = Literal["micro", "long"]


class MoveSettings(Protocol):
    """`settings.model.MovesSettings`, structurally (the core does not import settings)."""

    @property
    def positions(self) -> tuple[str, ...]: ...

    @property
    def equipment(self) -> tuple[str, ...]: ...

    @property
    def disabled(self) -> tuple[str, ...]: ...


def focus_spread_allowed(hits: int) -> int:
    """How far apart today's focus counts may drift (see the module doc)."""
    return max(LONG_MAX_MOVES + 2, hits // 4)


def long_tolerance(seconds: int) -> float:
    """How far a long break's moves may land from its length: max(45 s, 20 %)."""
    return max(45.0, 0.2 * seconds)


def micro_eligible(move: Move) -> bool:
    return move.position == MICRO_POSITION and set(move.equipment) <= MICRO_EQUIPMENT


class MoveChooser:
    def __init__(self, catalog: Iterable[Move], settings: MoveSettings, rng: random.Random) -> None:
        self._moves: tuple[Move, ...] = tuple(catalog)
        self._settings = settings
        self._rng = rng
        self._day: date | None = None
        self._counts: Counter[str] = Counter()
        self._previous: frozenset[str] = frozenset()

    # -- state -----------------------------------------------------------------

    def update_settings(self, settings: MoveSettings) -> None:
        self._settings = settings

    def update_catalog(self, catalog: Iterable[Move]) -> None:
        self._moves = tuple(catalog)

    def replay(self, day: date, breaks: Iterable[Sequence[str]]) -> None:
        """Restore today's focus counts and the previous break from the ids of the
        breaks already taken today (oldest first); unknown ids are ignored."""
        by_id = {m.id: m for m in self._moves}
        self._start_day(day)
        self._previous = frozenset()
        for ids in breaks:
            moves = [by_id[i] for i in ids if i in by_id]
            self._record(moves)

    def focus_counts(self) -> dict[str, int]:
        """Today's count per focus area (every area, zero included)."""
        return {f: self._counts[f] for f in FOCUS_AREAS}

    @property
    def previous(self) -> frozenset[str]:
        return self._previous

    def _start_day(self, day: date) -> None:
        """Focus counts restart; the previous break (maybe yesterday's last) still counts."""
        self._day = day
        self._counts = Counter()

    def _record(self, moves: Sequence[Move]) -> None:
        for move in moves:
            self._counts.update(move.focus)
        self._previous = frozenset(m.id for m in moves)

    # -- choosing --------------------------------------------------------------

    def eligible(self, kind: BreakKind) -> list[Move]:
        """Moves a break of this kind may use, before the no-repeat rule."""
        disabled = set(self._settings.disabled)
        if kind == "micro":
            return [m for m in self._moves if micro_eligible(m) and m.id not in disabled]
        positions = set(self._settings.positions)
        equipment = set(self._settings.equipment) | {"none"}
        return [
            m
            for m in self._moves
            if m.id not in disabled and m.position in positions and set(m.equipment) <= equipment
        ]

    def choose(self, kind: BreakKind | str, seconds: int, day: date) -> list[Move]:
        """The moves for one break of `kind` lasting `seconds`, recorded as taken."""
        if kind not in ("micro", "long"):
            raise ValueError(f"unknown break kind {kind!r}")
        if day != self._day:
            self._start_day(day)
        pool = self.eligible("micro" if kind == "micro" else "long")
        fresh = [m for m in pool if m.id not in self._previous]
        if kind == "long" and sum(m.seconds for m in fresh) < seconds - long_tolerance(seconds):
            # Too few fresh moves to fill a long break: repeating one from the last break
            # beats minutes of "Breathe and relax".
            fresh = []
        pool = fresh or pool
        if not pool:
            self._record([])
            return []
        if kind == "micro":
            chosen = self._choose_micro(pool, seconds)
        else:
            chosen = self._choose_long(pool, seconds)
        self._record(chosen)
        return chosen

    def _neglect(self, move: Move) -> int:
        """How little today has covered this move's focus: its least-covered area's count."""
        return min(self._counts[f] for f in move.focus)

    def _focus_score(self, combo: Sequence[Move]) -> float:
        """Lower is better: the combo's moves on average reach under-covered areas,
        and a combo that repeats a focus within itself is discouraged."""
        neglect = sum(self._neglect(m) for m in combo) / len(combo)
        areas = [f for m in combo for f in m.focus]
        overlap = len(areas) - len(set(areas))
        return neglect + 0.5 * overlap

    def _choose_micro(self, pool: list[Move], seconds: int) -> list[Move]:
        combos: list[tuple[Move, ...]] = [(m,) for m in pool]
        combos += list(itertools.combinations(pool, 2))
        fitting = [c for c in combos if sum(m.seconds for m in c) <= seconds]
        if not fitting:
            shortest = min(pool, key=lambda m: (m.seconds, self._neglect(m), self._rng.random()))
            return [shortest]
        filled = [c for c in fitting if sum(m.seconds for m in c) >= MICRO_MIN_FILL * seconds]
        candidates = filled or [max(fitting, key=lambda c: sum(m.seconds for m in c))]

        def score(combo: tuple[Move, ...]) -> float:
            fill = sum(m.seconds for m in combo) / seconds
            return self._focus_score(combo) + 0.5 * (1.0 - fill) + 0.6 * self._rng.random()

        best = min(candidates, key=score)
        return self._order(best)

    def _choose_long(self, pool: list[Move], seconds: int) -> list[Move]:
        tolerance = long_tolerance(seconds)
        low, high = seconds - tolerance, seconds + tolerance
        # Keep the search small: the most useful moves by focus need, plus the
        # longest ones (so a long break can be filled), at most 12 in all.
        jitter = {m.id: self._rng.random() for m in pool}
        by_need = sorted(pool, key=lambda m: (self._neglect(m), jitter[m.id]))
        by_length = sorted(pool, key=lambda m: -m.seconds)
        shortlist = list(dict.fromkeys([*by_need[:8], *by_length[:4], *by_need]))[:12]
        sizes = range(min(LONG_MIN_MOVES, len(shortlist)), min(LONG_MAX_MOVES, len(shortlist)) + 1)

        def score(combo: tuple[Move, ...]) -> float:
            total = sum(m.seconds for m in combo)
            miss = max(0.0, low - total) + max(0.0, total - high)
            closeness = abs(total - seconds) / max(seconds, 1)
            jitter_sum = sum(jitter[m.id] for m in combo) / len(combo)
            # Missing the tolerance band outweighs any focus preference.
            fit = 100.0 * miss / max(tolerance, 1) + closeness
            return fit + self._focus_score(combo) + jitter_sum

        best = min(
            (c for n in sizes for c in itertools.combinations(shortlist, n)),
            key=score,
        )
        return self._order(best)

    @staticmethod
    def _order(combo: Sequence[Move]) -> list[Move]:
        """A gentle running order: seated first, then standing, floor last."""
        rank = {"seated": 0, "standing": 1, "floor": 2}
        return sorted(combo, key=lambda m: rank.get(m.position, 3))
