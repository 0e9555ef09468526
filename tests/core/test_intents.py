"""Pause lengths: the fixed choices and any length, read the same way everywhere."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desk_break.core.intents import PAUSE_CHOICES, pause_choice


@pytest.mark.parametrize(
    ("token", "canonical", "label", "duration"),
    [
        ("45m", "45m", "45 minutes", timedelta(minutes=45)),
        ("1h30m", "1h30m", "1 hour 30 minutes", timedelta(minutes=90)),
        ("90m", "1h30m", "1 hour 30 minutes", timedelta(minutes=90)),
        ("90s", "1m30s", "1 minute 30 seconds", timedelta(seconds=90)),
        ("1H 5M", "1h5m", "1 hour 5 minutes", timedelta(minutes=65)),
        ("60m", "1h", "1 hour", timedelta(hours=1)),  # the menu's own choice
        ("168h", "168h", "168 hours", timedelta(days=7)),
    ],
)
def test_any_length_in_hours_minutes_and_seconds(
    token: str, canonical: str, label: str, duration: timedelta
) -> None:
    choice = pause_choice(token)
    assert (choice.token, choice.label, choice.duration) == (canonical, label, duration)
    assert pause_choice(choice.token) == choice  # what the CLI sends is read back the same


def test_the_fixed_choices_are_unchanged() -> None:
    for choice in PAUSE_CHOICES:
        assert pause_choice(choice.token) is choice
    assert pause_choice("until-tomorrow").duration is None
    assert pause_choice("indefinitely").label == "Until I resume"


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("", "unknown pause length ''"),
        ("forever", "unknown pause length 'forever'; use 30m, 1h, 2h, until-tomorrow"),
        ("1.5h", "unknown pause length"),
        ("m", "unknown pause length"),
        ("30m1h", "unknown pause length"),  # hours come first
        ("45", "has no unit; write 45m for minutes or 45h for hours"),
        ("0m", "shorter than a minute"),
        ("59s", "shorter than a minute"),
        ("169h", "longer than a week; use 'indefinitely'"),
        ("9999999999h", "unknown pause length"),  # no overflow, just refused
    ],
)
def test_a_bad_length_says_why(token: str, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        pause_choice(token)
