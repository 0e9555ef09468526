"""`[behaviour] step_cues`: a "choice" key, read from the file, refused with a hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk_break.settings.model import Settings
from desk_break.settings.schema import Problem, parse_settings, settings_to_document

FILE = Path("settings.toml")


@pytest.mark.parametrize("value", ["off", "tone", "voice"])
def test_each_choice_is_read(value: str) -> None:
    result, problems = parse_settings(f'[behaviour]\nstep_cues = "{value}"\n', FILE)
    assert problems == []
    assert result.behaviour.step_cues == value


def test_the_default_is_off() -> None:
    result, _ = parse_settings("", FILE)
    assert result.behaviour.step_cues == "off"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('step_cues = "voise"', 'must be "off" or "tone" or "voice", got "voise"; '
         "did you mean 'voice'?"),
        ("step_cues = true", 'must be "off" or "tone" or "voice", got true'),
    ],
)
def test_a_bad_value_is_named_and_falls_back_to_off(line: str, reason: str) -> None:
    result, problems = parse_settings(f"[behaviour]\nsound = false\n{line}\n", FILE)
    assert problems == [Problem(FILE, 3, "behaviour.step_cues", reason)]
    assert result.behaviour.step_cues == "off"
    assert result.behaviour.sound is False  # the rest of the table still counts


def test_a_fresh_file_lists_it_with_its_comment() -> None:
    text = settings_to_document(Settings()).as_string()
    line = next(x for x in text.splitlines() if x.startswith("step_cues"))
    assert line.startswith('step_cues = "off"')
    assert "a tone or a voice at each step" in line
