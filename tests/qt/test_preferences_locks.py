"""Preferences with an organisation's locked keys: shown, disabled, "set by your organisation"."""

from __future__ import annotations

import os
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QCheckBox, QLabel, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from desk_break.core.catalog import load_catalog
from desk_break.paths import app_paths
from desk_break.platform.autostart import NullAutostart
from desk_break.qt.preferences import PreferencesDialog
from desk_break.settings.site import load_site
from desk_break.settings.store import load_settings

SITE = """\
locked = ["breaks.interval_minutes", "long_breaks.every", "work_hours.monday",
          "behaviour.sound", "presence.natural_breaks", "moves.positions"]
[breaks]
interval_minutes = 20
[long_breaks]
every = 3
"""


@pytest.fixture
def dialog(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PreferencesDialog:
    site_dir = tmp_path / "etc" / "desk-break"
    site_dir.mkdir(parents=True)
    (site_dir / "settings.toml").write_text(SITE, encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc"))
    paths = app_paths()
    loaded = load_settings(paths.settings_file, load_site(paths.site_config_dirs))
    catalog, _ = load_catalog(None)
    made = PreferencesDialog(loaded.settings, catalog, ZoneInfo("UTC"), paths, [],
                             NullAutostart(), player=lambda: "/usr/bin/paplay",
                             state_dir=tmp_path, site=loaded.site)
    qtbot.addWidget(made)
    return made


def _named(dialog: PreferencesDialog, name: str) -> QWidget:
    found = dialog.findChild(QWidget, name)
    assert found is not None, name
    return found


def test_locked_controls_show_the_sites_value_disabled_with_a_note(
        dialog: PreferencesDialog, qtbot: QtBot) -> None:
    interval = _named(dialog, "breaks.interval_minutes")
    assert isinstance(interval, QSpinBox)
    assert interval.value() == 20 and not interval.isEnabled()
    note = _named(dialog, "breaks.interval_minutes-locked-note")
    assert isinstance(note, QLabel) and note.text() == "set by your organisation"
    assert "settings.toml" in note.toolTip()
    assert _named(dialog, "breaks.duration_seconds").isEnabled()  # not locked
    for name in ("work_hours.monday", "behaviour.sound", "presence.natural_breaks"):
        assert not _named(dialog, name).isEnabled(), name
        assert _named(dialog, name + "-locked-note").text() == "set by your organisation"
    assert _named(dialog, "work_hours.tuesday").isEnabled()
    positions = list(dialog.moves_page.position_boxes.values())
    assert len(positions) == 3 and not any(box.isEnabled() for box in positions)
    assert len(dialog.findChildren(QLabel, "moves.positions-locked-note")) == 1
    assert all(box.isEnabled() for box in dialog.moves_page.equipment_boxes.values())

    dialog.show()
    qtbot.waitExposed(dialog)
    shots = Path(os.environ.get("DESK_BREAK_SHOTS", "artifacts"))
    shots.mkdir(parents=True, exist_ok=True)
    dialog.resize(908, 579)  # as on a 1280x800 screen (tests/shoot.py)
    for page in ("work_hours", "behaviour", "moves", "breaks"):  # for a person to look at
        dialog.show_page(page)
        dialog.grab().save(str(shots / f"preferences-locked-{page}.png"))
    assert note.isVisible()


def test_a_page_that_enables_its_fields_cannot_unlock_one(dialog: PreferencesDialog) -> None:
    every = _named(dialog, "long_breaks.every")
    enabled = _named(dialog, "long_breaks.enabled")
    assert isinstance(enabled, QCheckBox)
    enabled.setChecked(False)
    enabled.setChecked(True)  # the page turns its fields back on
    assert not every.isEnabled()
    assert dialog.draft().long_breaks.every == 3


def test_copying_monday_onto_a_locked_day_leaves_it_as_the_site_says(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site_dir = tmp_path / "etc" / "desk-break"
    site_dir.mkdir(parents=True)
    (site_dir / "settings.toml").write_text(
        'locked = ["work_hours.tuesday"]\n[work_hours]\ntuesday = ["10:00-11:00"]\n')
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc"))
    paths = app_paths()
    loaded = load_settings(paths.settings_file, load_site(paths.site_config_dirs))
    catalog, _ = load_catalog(None)
    made = PreferencesDialog(loaded.settings, catalog, ZoneInfo("UTC"), paths, [],
                             NullAutostart(), state_dir=tmp_path, site=loaded.site)
    qtbot.addWidget(made)
    made.work_hours_page.copy_monday.click()
    days = made.draft().work_hours.days
    assert [str(r) for r in days["tuesday"]] == ["10:00-11:00"]
    assert [str(r) for r in days["wednesday"]] == ["09:00-17:30"]
