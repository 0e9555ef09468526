"""Every state the engine can be in has a tray icon (status and the tray read it)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from desk_break.core.events import State
from desk_break.qt.icons import state_icon, state_icon_name


@pytest.mark.parametrize("state", list(State))
def test_every_state_has_an_icon(qapp: QApplication, state: State) -> None:
    assert state_icon_name(state) in {"active", "break", "paused", "outside"}
    assert not state_icon(state).isNull()
