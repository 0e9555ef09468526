"""Two small moves the break plan and break window tests share (20 s in all, drawn
with poses from the shipped catalog)."""

from __future__ import annotations

from desk_break.core.moves import Move, Step

CHIN_TUCK = Move(
    id="chin-tuck",
    name="Chin tucks",
    position="seated",
    equipment=(),
    focus=("extension",),
    purpose="Counters the forward head of screen work.",
    steps=(
        Step("Slide your chin straight back", 5, "sit", to="sit_extend"),
        Step("Let your head float forward again", 5, "sit_extend", to="sit"),
    ),
    source="000.txt",
)
SQUEEZE = Move(
    id="blade-squeeze",
    name="Shoulder blade squeeze",
    position="seated",
    equipment=(),
    focus=("scapular",),
    purpose="Wakes up the muscles between the shoulder blades.",
    steps=(Step("Squeeze your shoulder blades together", 10, "sit_back", to="sit_back_squeeze",
                cycles=2),),
    source="001.txt",
)
MOVES = [CHIN_TUCK, SQUEEZE]  # 20 s of moves, drawn with poses from the shipped catalog
