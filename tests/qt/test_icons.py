"""Every state the engine can be in has a tray icon: a missing one broke `status`."""

from __future__ import annotations

import pytest

from desk_break.assets import resource_bytes
from desk_break.core.events import State
from desk_break.qt.icons import state_icon_name


@pytest.mark.parametrize("state", list(State))
def test_every_state_has_an_icon_that_exists(state: State) -> None:
    name = state_icon_name(state)
    assert resource_bytes(f"icons/{name}.svg").startswith((b"<svg", b"<?xml"))


def test_away_shows_the_app_still_watching() -> None:
    assert state_icon_name(State.AWAY) == state_icon_name(State.WAITING)
