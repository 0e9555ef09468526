"""How a break's moves fill its time: what the engine and the window both count."""

from __future__ import annotations

from desk_break.core.break_plan import LAST_ONE, REST_CUE, BreakPlan
from desk_break.core.break_plan import repetition as _repetition
from desk_break.core.catalog import load_catalog
from tests.sample_moves import MOVES


def test_plan_runs_steps_back_to_back_and_rests_for_the_remainder() -> None:
    plan = BreakPlan(MOVES, 30)
    assert [(s.cue, s.start, s.seconds) for s in plan.segments] == [
        ("Slide your chin straight back", 0, 5),
        ("Let your head float forward again", 5, 5),
        ("Squeeze your shoulder blades together", 10, 10),
        (REST_CUE, 20, 10),
    ]
    assert plan.total == 30


def test_plan_a_small_gap_lengthens_the_last_step_instead_of_a_flash_of_rest() -> None:
    plan = BreakPlan(MOVES, 23)
    assert plan.segments[-1].cue == "Squeeze your shoulder blades together"
    assert plan.segments[-1].seconds == 13
    assert plan.total == 23


def test_plan_longer_moves_make_a_longer_break() -> None:
    plan = BreakPlan(MOVES, 12)
    assert plan.total == 20
    assert not any(s.is_rest for s in plan.segments)


def test_plan_without_moves_is_one_rest() -> None:
    plan = BreakPlan([], 60)
    assert [(s.cue, s.seconds) for s in plan.segments] == [(REST_CUE, 60)]


def test_plan_next_text() -> None:
    plan = BreakPlan(MOVES, 30)
    assert [plan.next_text(i) for i in range(len(plan.segments))] == [
        "Next: Let your head float forward again",  # the next step's cue
        "Next: Shoulder blade squeeze",  # the next move's name
        f"Next: {REST_CUE}",
        LAST_ONE,
    ]
    assert BreakPlan(MOVES, 20).next_text(2) == LAST_ONE


def test_reps_are_counted_per_block_of_steps_and_per_side() -> None:
    """Squeeze and release are one rep; the left side counts again from one."""

    catalog, _ = load_catalog(None)
    squeeze = catalog.get("shoulder_blade_squeeze")
    assert squeeze is not None
    assert [_repetition(squeeze, i) for i in range(len(squeeze.steps))] == [
        None, (1, 3), (1, 3), (2, 3), (2, 3), (3, 3), (3, 3),
    ]
    rotation = catalog.get("quadruped_thoracic_rotation")
    assert rotation is not None
    reps = [_repetition(rotation, i) for i in range(len(rotation.steps))]
    cues = [step.cue for step in rotation.steps]
    left_first = cues.index("Open your left elbow to the sky, look up")
    assert reps[left_first] == (1, 5) and reps[left_first + 1] == (1, 5)
    assert reps[cues.index("Hand back to the floor")] is None
