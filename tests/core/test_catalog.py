"""The shipped move catalog, its schema checks, custom moves, and `desk-break moves`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desk_break.core import catalog as catalog_module
from desk_break.core.catalog import (
    EQUIPMENT,
    POSITIONS,
    CatalogError,
    CatalogProblem,
    load_catalog,
    parse_catalog,
    render_moves_json,
    render_moves_table,
)
from desk_break.core.chooser import micro_eligible
from desk_break.core.moves import FOCUS_AREAS

SEEDS = Path("/work/shared/seeds")
SEED_NAME = r"^\d{3}_[0-9a-f]{16}\.txt$"

# Every move the five articles describe, with the position it is tagged with.
EXPECTED = {
    "childs_pose": "floor",
    "worlds_greatest_stretch": "floor",
    "cat_cow": "floor",
    "shoulder_blade_squeeze": "seated",
    "seated_thoracic_extension": "seated",
    "wall_angels": "standing",
    "band_rows": "standing",
    "seated_chair_twist": "seated",
    "quadruped_thoracic_rotation": "floor",
    "shoulder_external_rotation": "standing",
    "seated_shoulder_external_rotation": "seated",
    "prone_on_elbows": "floor",
    "massage_ball_shoulder_blade": "standing",
    "foam_roller_thoracic_extension": "floor",
    "overhead_opener": "standing",
    "ninety_ninety_overhead_raise": "floor",
    "down_dog": "floor",
    "bench_thoracic_extension": "floor",
    "bear_rolls": "floor",
}

USER_POSE = """
[poses.my_sit]
like = "sit"
head = 20
"""


@pytest.fixture(scope="module")
def shipped() -> catalog_module.Catalog:
    catalog, problems = load_catalog(None)
    assert problems == []
    return catalog


def test_every_article_move_is_there_with_its_position(shipped: catalog_module.Catalog) -> None:
    for move_id, position in EXPECTED.items():
        move = shipped.get(move_id)
        assert move is not None, move_id
        assert move.position == position, move_id


def test_moves_are_well_formed(shipped: catalog_module.Catalog) -> None:
    import re

    for move in shipped:
        assert move.name and move.purpose and "\n" not in move.purpose
        assert set(move.equipment) <= set(EQUIPMENT) - {"none"}
        assert move.focus and set(move.focus) <= set(FOCUS_AREAS)
        assert re.match(SEED_NAME, move.source), move.source
        if SEEDS.exists():
            assert (SEEDS / move.source).is_file(), move.source
        for step in move.steps:
            assert step.cue.strip() and step.seconds > 0
            assert step.pose in shipped.poses
            assert step.to is None or step.to in shipped.poses
            if step.to is not None:
                assert shipped.poses[step.to].view == shipped.poses[step.pose].view


def test_every_focus_area_and_position_is_covered(shipped: catalog_module.Catalog) -> None:
    assert {f for m in shipped for f in m.focus} == set(FOCUS_AREAS)
    assert {m.position for m in shipped} == set(POSITIONS)


def test_several_seated_moves_fit_a_micro_break(shipped: catalog_module.Catalog) -> None:
    seated = [m for m in shipped if micro_eligible(m)]
    assert {
        "shoulder_blade_squeeze",
        "seated_thoracic_extension",
        "seated_chair_twist",
        "seated_shoulder_external_rotation",
    } <= {m.id for m in seated}
    short = [m for m in seated if 20 <= m.seconds <= 45]
    assert len(short) >= 4
    # Two of them together still fit the default 60 s micro-break.
    assert sorted(m.seconds for m in short)[0] + sorted(m.seconds for m in short)[1] <= 60


def test_article_timings_are_kept(shipped: catalog_module.Catalog) -> None:
    child = shipped.get("childs_pose")
    assert child is not None and 30 <= max(s.seconds for s in child.steps) <= 60
    squeeze = shipped.get("shoulder_blade_squeeze")
    assert squeeze is not None
    holds = [s.seconds for s in squeeze.steps if "hold" in s.cue]
    assert holds and all(5 <= h <= 10 for h in holds)
    cat_cow = shipped.get("cat_cow")
    assert cat_cow is not None
    rounds = [s for s in cat_cow.steps if "round your back" in s.cue]
    assert 8 <= len(rounds) <= 10
    rows = shipped.get("band_rows")
    assert rows is not None and 10 <= sum("Pull" in s.cue for s in rows.steps) <= 12


def test_sides_are_spelled_out(shipped: catalog_module.Catalog) -> None:
    twist = shipped.get("seated_chair_twist")
    assert twist is not None
    cues = " ".join(s.cue for s in twist.steps)
    assert "Turn to your right" in cues and "Turn to your left" in cues and "Back to centre" in cues


def test_a_good_user_file_adds_and_overrides(
    tmp_path: Path, shipped: catalog_module.Catalog
) -> None:
    user = tmp_path / "moves.toml"
    user.write_text(
        USER_POSE
        + """
[[moves]]
id = "neck_nod"
name = "Neck nod"
position = "seated"
equipment = ["chair"]
focus = ["flexion"]
purpose = "A small nod."
steps = [{ cue = "Nod slowly", seconds = 10, pose = "sit", to = "my_sit", cycles = 3 }]

[[moves]]
id = "down_dog"
name = "My down dog"
position = "floor"
focus = ["flexion"]
purpose = "Shorter."
source = "mine"
steps = [{ cue = "Hold", seconds = 15, pose = "down_dog" }]
""",
        encoding="utf-8",
    )
    catalog, problems = load_catalog(user)
    assert problems == []
    assert len(catalog) == len(shipped) + 1
    ids = [m.id for m in catalog]
    assert ids[-1] == "neck_nod"
    assert ids.index("down_dog") == [m.id for m in shipped].index("down_dog")  # kept its place
    nod = catalog.get("neck_nod")
    assert nod is not None and nod.source == "moves.toml" and nod.steps[0].cycles == 3
    dog = catalog.get("down_dog")
    assert dog is not None and dog.name == "My down dog" and dog.seconds == 15
    assert catalog.custom == {"neck_nod", "down_dog"}
    assert "my_sit" in catalog.poses


@pytest.mark.parametrize(
    ("body", "field", "reason"),
    [
        ('position = "lying"', "position", "must be one of"),
        ('equipment = ["trampoline"]', "equipment", "unknown equipment"),
        ('focus = ["legs"]', "focus", "unknown focus"),
        ("focus = []", "focus", "at least one"),
        ('name = ""', "name", "non-empty"),
        ('colour = "red"', "colour", "unknown field"),
        ('steps = [{ cue = "Hold", seconds = 0, pose = "sit" }]', "steps[0].seconds", "between"),
        ('steps = [{ cue = "Hold", seconds = 5, pose = "flying" }]', "steps[0].pose", "flying"),
        ('steps = [{ cue = "", seconds = 5, pose = "sit" }]', "steps[0].cue", "non-empty"),
        (
            'steps = [{ cue = "A", seconds = 5, pose = "sit", to = "wall_up" }]',
            "steps[0].to",
            "view",
        ),
        (
            'steps = [{ cue = "A", seconds = 5, pose = "sit", cycles = 2 }]',
            "steps[0].cycles",
            "`to`",
        ),
        ("steps = []", "steps", "non-empty"),
    ],
)
def test_an_invalid_user_entry_is_skipped_with_a_clear_message(
    tmp_path: Path, body: str, field: str, reason: str
) -> None:
    good = {
        "name": 'name = "Bad one"',
        "position": 'position = "seated"',
        "focus": 'focus = ["rotation"]',
        "purpose": 'purpose = "Test."',
        "steps": 'steps = [{ cue = "Hold", seconds = 5, pose = "sit" }]',
    }
    key = body.split(" =", 1)[0]
    good[key] = body
    user = tmp_path / "moves.toml"
    user.write_text(
        '[[moves]]\nid = "bad_one"\n'
        + "\n".join(good.values())
        + '\n\n[[moves]]\nid = "fine_one"\nname = "Fine"\nposition = "seated"\n'
        'focus = ["rotation"]\npurpose = "Ok."\n'
        'steps = [{ cue = "Hold", seconds = 5, pose = "sit" }]\n',
        encoding="utf-8",
    )
    catalog, problems = load_catalog(user)
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.file, problem.move_id, problem.field) == (str(user), "bad_one", field)
    assert reason in problem.reason
    text = str(problem)
    assert str(user) in text and "bad_one" in text and field in text
    assert catalog.get("bad_one") is None and catalog.get("fine_one") is not None
    assert catalog.get("childs_pose") is not None  # the shipped moves still load


def test_bad_user_poses_and_files(tmp_path: Path) -> None:
    user = tmp_path / "moves.toml"
    user.write_text(
        '[poses.odd]\nlike = "nothing"\n[poses.loop_a]\nlike = "loop_b"\n'
        '[poses.loop_b]\nlike = "loop_a"\n[poses.wide]\nscapula = 4\n',
        encoding="utf-8",
    )
    catalog, problems = load_catalog(user)
    fields = {(p.move_id, p.field) for p in problems}
    assert ("pose odd", "like") in fields and ("pose wide", "scapula") in fields
    assert any(p.move_id in ("pose loop_a", "pose loop_b") for p in problems)
    assert "pose wide: scapula: must be between" in " ".join(str(p) for p in problems)
    assert "sit" in catalog.poses

    user.write_text("[[moves]\nid = ", encoding="utf-8")
    catalog, problems = load_catalog(user)
    assert len(problems) == 1 and "not valid TOML" in str(problems[0])
    assert len(catalog) > 0

    user.write_bytes(b"\xff\xfe\x00bad")
    _, problems = load_catalog(user)
    assert problems and "cannot be read" in problems[0].reason

    assert load_catalog(tmp_path / "missing.toml")[1] == []


def test_a_schema_that_is_not_the_number_1_says_so_plainly(tmp_path: Path) -> None:
    user = tmp_path / "moves.toml"
    for text, said in (
        ('schema = "1"', "must be the number 1 (no quotes), not '1'"),
        ("schema = true", "must be the number 1 (no quotes), not True"),
        ("schema = 2", "is 2; this version reads schema 1"),
    ):
        user.write_text(text + "\n", encoding="utf-8")
        _, problems = load_catalog(user)
        assert [p.reason for p in problems if p.field == "schema"] == [said], text
    user.write_text("schema = 1\n", encoding="utf-8")
    assert load_catalog(user)[1] == []


def test_duplicate_ids_in_one_file(tmp_path: Path) -> None:
    move = (
        '[[moves]]\nid = "twin"\nname = "Twin"\nposition = "seated"\nfocus = ["rotation"]\n'
        'purpose = "x"\nsteps = [{ cue = "Hold", seconds = 5, pose = "sit" }]\n'
    )
    shipped, _ = load_catalog(None)
    catalog, problems = parse_catalog(move + move, "mine.toml", base=shipped)
    assert [(p.move_id, p.field) for p in problems] == [("twin", "id")]
    assert catalog.get("twin") is not None


def test_a_broken_shipped_catalog_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        "desk_break.assets.resource_text",
        lambda name: '[[moves]]\nid = "x"\nposition = "sideways"\n',
    )
    with pytest.raises(CatalogError, match=r"catalog is broken:\n.*move .x.: name: missing"):
        load_catalog(None)


def test_problem_text() -> None:
    assert str(CatalogProblem("f.toml", "a", "steps[1].pose", "no pose named 'x'")) == (
        "f.toml: move 'a': steps[1].pose: no pose named 'x'"
    )
    assert str(CatalogProblem("f.toml", None, "", "not valid TOML")) == "f.toml: not valid TOML"


def test_moves_table_and_json(shipped: catalog_module.Catalog) -> None:
    table = render_moves_table(shipped)
    lines = table.splitlines()
    assert lines[0].split() == ["ID", "NAME", "POSITION", "EQUIPMENT", "FOCUS", "SECONDS"]
    assert len(lines) == len(shipped) + 1
    twist = next(line for line in lines if line.startswith("seated_chair_twist"))
    assert "seated" in twist and "chair" in twist and "rotation" in twist
    assert twist.split()[-1] == str(shipped.get("seated_chair_twist").seconds)  # type: ignore[union-attr]

    rows = json.loads(render_moves_json(shipped))
    assert [r["id"] for r in rows] == [m.id for m in shipped]
    dog = next(r for r in rows if r["id"] == "down_dog")
    assert dog["equipment"] == ["none"] and dog["position"] == "floor"
    assert set(dog) == {"id", "name", "position", "equipment", "focus", "seconds"}
