"""Every shipped move has its German words (resources/moves.de.toml), and they are used."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk_break.assets import resource_text
from desk_break.core import i18n
from desk_break.core.catalog import load_catalog, load_shipped_catalog
from desk_break.core.catalog_locale import parse_translations, translate_move
from desk_break.core.moves import Move
from desk_break.qt.step_cues import cue_kind
from desk_break.translations import install_for_cli

GERMAN = parse_translations(resource_text("moves.de.toml"))
ENGLISH = load_shipped_catalog("en")


def distinct_cues(move: Move) -> list[str]:
    return list(dict.fromkeys(step.cue for step in move.steps))


@pytest.mark.parametrize("move", list(ENGLISH), ids=lambda m: m.id)
def test_every_move_has_a_complete_german_entry(move: Move) -> None:
    words = GERMAN.get(move.id)
    assert words is not None, f"moves.de.toml has no [moves.{move.id}]"
    assert isinstance(words.get("name"), str) and words["name"].strip()
    assert isinstance(words.get("purpose"), str) and words["purpose"].strip()
    assert len(words.get("cautions", [])) == len(move.cautions)
    assert all(isinstance(c, str) and c.strip() for c in words.get("cautions", []))
    cues = words.get("cues", {})
    assert sorted(cues) == sorted(distinct_cues(move)), "one German cue per English cue"
    assert all(isinstance(c, str) and c.strip() for c in cues.values())


def test_the_german_file_names_no_move_the_catalog_lacks() -> None:
    assert sorted(set(GERMAN) - set(ENGLISH.moves)) == []


@pytest.mark.parametrize("move", list(ENGLISH), ids=lambda m: m.id)
def test_german_cues_sound_the_same_step_tones(move: Move) -> None:
    """A hold still rises and a release still falls when the cues are German."""
    german = translate_move(move, GERMAN[move.id])
    for english_step, german_step in zip(move.steps, german.steps, strict=True):
        assert cue_kind(german_step.cue) == cue_kind(english_step.cue), german_step.cue


def test_with_german_installed_the_catalog_speaks_german(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "de")
    assert install_for_cli() == "de"
    catalog, problems = load_catalog(None)
    assert problems == []
    twist = catalog.get("seated_chair_twist")
    assert twist is not None
    assert twist.name == "Drehung auf dem Stuhl"
    assert twist.steps[0].cue == "Aufrecht sitzen, Füße flach auf dem Boden"
    # Everything but the words is the English move's.
    english = ENGLISH.get("seated_chair_twist")
    assert english is not None
    assert [s.seconds for s in twist.steps] == [s.seconds for s in english.steps]
    assert [s.pose for s in twist.steps] == [s.pose for s in english.steps]


def test_a_persons_own_move_stays_as_they_wrote_it(tmp_path: Path) -> None:
    """Their moves.toml overrides the shipped twist by id: their words, not ours."""
    shipped = resource_text("moves.toml")
    start = shipped.index('[[moves]]\nid = "seated_chair_twist"')
    end = shipped.index("[[moves]]", start + 10)
    own = shipped[start:end].replace('name = "Seated chair twist"', 'name = "My twist"')
    user_file = tmp_path / "moves.toml"
    user_file.write_text("schema = 1\n" + own, encoding="utf-8")
    i18n.install(lambda c, t, d=None, n=-1: t, "de")
    catalog, problems = load_catalog(user_file)
    assert problems == []
    mine = catalog.get("seated_chair_twist")
    assert mine is not None and mine.name == "My twist"
    assert mine.steps[0].cue == "Sit tall, feet flat on the floor"
    squeeze = catalog.get("shoulder_blade_squeeze")
    assert squeeze is not None and squeeze.name == "Schulterblätter zusammenziehen"
