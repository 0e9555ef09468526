"""How a break's moves fill its time: steps laid end to end, a closing rest, reps.

Pure: the engine uses it to know a break's real length before the break starts
(moves that outlast the configured length make the break longer, so the window
and the engine always agree on when it ends), and the break window uses it to
know what to show at a moment.

Steps run back to back. If they are shorter than the break, a calm "Breathe and
relax" step fills the rest (a gap of under REST_MIN_SECONDS is added to the last
step instead, so no rest flashes by). If they are longer, the break lasts as long
as the moves: cutting a move short halfway through is worse than a break that
runs a few seconds over.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desk_break.core.i18n import QT_TRANSLATE_NOOP, arg, translate
from desk_break.core.moves import Move

REST_CUE = QT_TRANSLATE_NOOP("Break", "Breathe and relax")
REST_MIN_SECONDS = 5
LAST_ONE = QT_TRANSLATE_NOOP("Break", "Last one")
REST_TITLE = QT_TRANSLATE_NOOP("Break", "Almost done")
FINISHED_TITLE = QT_TRANSLATE_NOOP("Break", "Break complete")
FINISHED_CUE = QT_TRANSLATE_NOOP("Break", "Nice work")
FINISHED_NEXT = QT_TRANSLATE_NOOP("Break", "Back to it whenever you're ready.")


@dataclass(frozen=True)
class Segment:
    """One stretch of the break: a step of a move, or the closing rest (move_index None)."""

    move_index: int | None
    step_index: int
    cue: str
    start: float  # seconds from the start of the break
    seconds: float

    @property
    def end(self) -> float:
        return self.start + self.seconds

    @property
    def is_rest(self) -> bool:
        return self.move_index is None


class BreakPlan:
    """The moves' steps laid end to end over the break, and what is due at a moment."""

    def __init__(self, moves: Sequence[Move], total_seconds: int) -> None:
        self.moves: tuple[Move, ...] = tuple(moves)
        segments: list[Segment] = []
        at = 0.0
        for m, move in enumerate(self.moves):
            for s, step in enumerate(move.steps):
                if step.seconds <= 0:
                    continue
                segments.append(Segment(m, s, step.cue, at, float(step.seconds)))
                at += step.seconds
        gap = max(0, total_seconds) - at
        if gap >= REST_MIN_SECONDS or (not segments and gap > 0):
            segments.append(Segment(None, 0, translate("Break", REST_CUE), at, gap))
        elif gap > 0:
            last = segments[-1]
            segments[-1] = Segment(last.move_index, last.step_index, last.cue, last.start,
                                   last.seconds + gap)
        if not segments:  # nothing to do and no time to do it in: one breath
            segments.append(Segment(None, 0, REST_CUE, 0.0, 1.0))
        self.segments: tuple[Segment, ...] = tuple(segments)
        self.total: float = segments[-1].end

    def index_at(self, elapsed: float) -> int:
        """The segment showing `elapsed` seconds in (the last one once time is up)."""
        for i, segment in enumerate(self.segments):
            if elapsed < segment.end:
                return i
        return len(self.segments) - 1

    def next_text(self, index: int) -> str:
        """What comes after segment `index`: the next cue, the next move's name, or 'Last one'."""
        if index + 1 >= len(self.segments):
            return translate("Break", LAST_ONE)
        here, after = self.segments[index], self.segments[index + 1]
        if after.is_rest:
            return arg(translate("Break", "Next: %1"), translate("Break", REST_CUE))
        if after.move_index == here.move_index:
            return arg(translate("Break", "Next: %1"), after.cue)
        assert after.move_index is not None
        return arg(translate("Break", "Next: %1"), self.moves[after.move_index].name)

    def move_of(self, segment: Segment) -> Move | None:
        return None if segment.move_index is None else self.moves[segment.move_index]


def repetition(move: Move, step_index: int) -> tuple[int, int] | None:
    """(n, of) when this step's cue comes back in the move (a set of reps), else None.

    Catalog moves spell reps out as repeated steps; "rep 2 of 3" is what a person
    counts, where "step 5 of 7" would count the releases too.

    A rep is a block of steps (squeeze, release) that repeats back to back; the count
    runs within that one run of blocks, so the same cue on the other side, or a
    transition step that happens to come back later, is not counted as a rep.
    """
    cues = [step.cue for step in move.steps]
    for period in range(1, MAX_REP_STEPS + 1):
        # k "matches" when the step one period later has the same cue; a maximal run of
        # matching k, at least one period long, is a set of reps from its first step.
        matches = [cues[k] == cues[k + period] for k in range(len(cues) - period)]
        k = 0
        while k < len(matches):
            if not matches[k]:
                k += 1
                continue
            start = k
            while k < len(matches) and matches[k]:
                k += 1
            end = k - 1 + period  # the last step of the run
            if k - start >= period and start <= step_index <= end:
                return ((step_index - start) // period + 1, (end - start) // period + 1)
    return None


MAX_REP_STEPS = 6  # the longest block of steps in one rep (both sides of a lunge)


def format_clock(seconds: int) -> str:
    """42 -> '0:42', 300 -> '5:00'."""
    minutes, secs = divmod(max(0, seconds), 60)
    return f"{minutes}:{secs:02d}"
