"""The Preferences dialog, driven through its widgets as a person would."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, time
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st
from PySide6.QtCore import QRect, QSize, Qt, QTime, QUrl
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

import desk_break
from desk_break.core.catalog import Catalog, load_catalog, parse_catalog
from desk_break.core.planner import plan_day
from desk_break.paths import AppPaths
from desk_break.qt.first_run import NOT_MEDICAL_ADVICE
from desk_break.qt.preferences import PreferencesDialog
from desk_break.qt.prefs.hours_page import range_issues
from desk_break.settings.model import (
    INT_BOUNDS,
    WEEKDAYS,
    BehaviourSettings,
    BreaksSettings,
    LongBreaksSettings,
    MovesSettings,
    Settings,
    WorkHours,
    WorkRange,
    default_week,
)
from desk_break.settings.schema import Problem, parse_settings
from tests.qt.window_title import shown_title

TZ = ZoneInfo("UTC")
MONDAY = date(2025, 3, 3)

CATALOG_TOML = """
[poses.sit]
view = "side"
props = ["chair"]

[poses.sit_back]
like = "sit"
upper_back = -20

[poses.stand]
view = "front"

[poses.lie]
view = "side"
props = ["floor"]

[[moves]]
id = "seated_extension"
name = "Seated extension"
position = "seated"
equipment = ["chair"]
focus = ["extension"]
purpose = "Open the chest after a long stretch at the keyboard."
steps = [
  { cue = "Sit tall", seconds = 5, pose = "sit" },
  { cue = "Lean back over the chair", seconds = 10, pose = "sit", to = "sit_back" },
  { cue = "Come back up slowly", seconds = 5, pose = "sit_back", to = "sit" },
]

[[moves]]
id = "seated_rotation"
name = "Seated rotation"
position = "seated"
focus = ["rotation"]
purpose = "Turn the upper back both ways."
steps = [{ cue = "Turn to the right", seconds = 10, pose = "sit" }]

[[moves]]
id = "wall_angels"
name = "Wall angels"
position = "standing"
equipment = ["wall"]
focus = ["scapular", "shoulder"]
purpose = "Slide the arms up a wall."
steps = [{ cue = "Back against the wall", seconds = 20, pose = "stand" }]

[[moves]]
id = "foam_roll"
name = "Foam roller extension"
position = "floor"
equipment = ["foam_roller"]
focus = ["extension", "release"]
purpose = "Roll the upper back."
cautions = ["Keep your neck supported."]
steps = [{ cue = "Lie with the roller under your shoulder blades", seconds = 30, pose = "lie" }]
"""


class FakeAutostart:
    def __init__(self, enabled: bool = False, *, fail: bool = False, supported: bool = True):
        self.enabled = enabled
        self.fail = fail
        self.supported = supported
        self.calls: list[bool] = []

    def is_enabled(self) -> bool:
        return self.enabled

    def set_enabled(self, enabled: bool) -> None:
        self.calls.append(enabled)
        if self.fail:
            raise PermissionError("read-only folder")
        self.enabled = enabled


@pytest.fixture
def catalog() -> Catalog:
    catalog, problems = parse_catalog(CATALOG_TOML, "test-moves.toml")
    assert problems == []
    return catalog


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths(
        config_dir=tmp_path / "config" / "desk-break",
        data_dir=tmp_path / "data" / "desk-break",
        log_dir=tmp_path / "state" / "desk-break" / "log",
        runtime_dir=tmp_path / "run",
    )


@pytest.fixture
def opened() -> list[QUrl]:
    return []


@pytest.fixture
def make_dialog(
    qtbot: QtBot, catalog: Catalog, paths: AppPaths, opened: list[QUrl]
) -> Callable[..., PreferencesDialog]:
    def make(
        settings: Settings | None = None,
        problems: list[Any] | None = None,
        autostart: FakeAutostart | None = None,
        catalog_: Any = None,
        player: Callable[[], str | None] = lambda: "/usr/bin/paplay",
        which: Callable[[str], str | None] = lambda name: f"/usr/bin/{name}",
    ) -> PreferencesDialog:
        dialog = PreferencesDialog(
            settings or Settings(),
            catalog_ if catalog_ is not None else catalog,
            TZ,
            paths,
            problems or [],
            autostart or FakeAutostart(),
            opener=opened.append,
            today=lambda: MONDAY,
            player=player,  # what is installed is the test's choice
            which=which,
        )
        qtbot.addWidget(dialog)
        return dialog

    return make


def _breaks(**changes: Any) -> Settings:
    return replace(Settings(), breaks=replace(BreaksSettings(), **changes))


def _t(text: str) -> QTime:
    return QTime.fromString(text, "HH:mm")


# ---- buttons and the edit-a-copy contract -------------------------------------------


def test_platform_button_box_and_clean_state(make_dialog: Callable[..., PreferencesDialog]) -> None:
    dialog = make_dialog()
    assert shown_title(dialog) == "Preferences \N{EM DASH} Desk Break"  # the name once
    assert dialog.buttons.standardButtons() == (
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Apply
        | QDialogButtonBox.StandardButton.Cancel
    )
    assert dialog.ok_button.isEnabled()
    assert not dialog.apply_button.isEnabled()  # nothing to apply yet
    assert dialog.draft() == Settings()
    assert dialog.errors() == []
    assert [page.title for page in dialog.pages] == [
        "Breaks",
        "Long breaks",
        "Work hours",
        "Moves",
        "Behaviour",
        "Presence",
        "History",
        "About",
    ]


def test_breaks_page_shows_and_applies_values(
    qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog]
) -> None:
    start = _breaks(interval_minutes=25, duration_seconds=45, warning_seconds=15)
    dialog = make_dialog(start)
    page = dialog.breaks_page
    assert (page.interval.value(), page.duration.value(), page.warning.value()) == (25, 45, 15)
    for spin, key in (
        (page.interval, "breaks.interval_minutes"),
        (page.duration, "breaks.duration_seconds"),
        (page.warning, "breaks.warning_seconds"),
        (page.snooze, "breaks.snooze_minutes"),
        (page.max_snoozes, "breaks.max_snoozes"),
    ):
        assert (spin.minimum(), spin.maximum()) == (INT_BOUNDS[key].low, INT_BOUNDS[key].high)

    page.interval.setValue(45)
    page.duration.setValue(90)
    page.warning.setValue(20)
    page.snooze.setValue(10)
    page.max_snoozes.setValue(2)
    assert dialog.apply_button.isEnabled()
    with qtbot.waitSignal(dialog.settings_applied) as blocker:
        dialog.apply_button.click()
    assert blocker.args == [
        _breaks(
            interval_minutes=45,
            duration_seconds=90,
            warning_seconds=20,
            snooze_minutes=10,
            max_snoozes=2,
        )
    ]
    assert not dialog.apply_button.isEnabled()  # applied: clean again
    assert dialog.original == blocker.args[0]


def test_cancel_emits_nothing_and_restores(
    qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog]
) -> None:
    dialog = make_dialog()
    dialog.show()
    dialog.breaks_page.interval.setValue(50)
    dialog.long_breaks_page.enabled.setChecked(False)
    dialog.work_hours_page.days["monday"].rows[0].end.setTime(_t("12:00"))
    dialog.behaviour_page.sound.setChecked(False)
    with qtbot.assertNotEmitted(dialog.settings_applied):
        dialog.cancel_button.click()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()
    assert dialog.breaks_page.interval.value() == 30
    assert dialog.long_breaks_page.enabled.isChecked()
    assert dialog.work_hours_page.days["monday"].rows[0].end.time() == _t("17:30")
    assert dialog.behaviour_page.sound.isChecked()
    assert dialog.draft() == Settings()


def test_closing_the_window_is_cancel(
    qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog]
) -> None:
    dialog = make_dialog()
    dialog.show()
    dialog.breaks_page.snooze.setValue(15)
    with qtbot.assertNotEmitted(dialog.settings_applied):
        dialog.close()
    assert dialog.breaks_page.snooze.value() == 5


def test_cancel_after_apply_keeps_the_applied_values(
    qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog]
) -> None:
    dialog = make_dialog()
    dialog.breaks_page.interval.setValue(40)
    with qtbot.waitSignal(dialog.settings_applied):
        dialog.apply_button.click()
    dialog.breaks_page.interval.setValue(20)
    with qtbot.assertNotEmitted(dialog.settings_applied):
        dialog.cancel_button.click()
    assert dialog.breaks_page.interval.value() == 40


def test_ok_emits_and_closes(qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog]) -> None:
    dialog = make_dialog()
    dialog.show()
    dialog.breaks_page.max_snoozes.setValue(0)
    with qtbot.waitSignal(dialog.settings_applied) as blocker:
        dialog.ok_button.click()
    assert blocker.args[0].breaks.max_snoozes == 0
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.isVisible()


def test_ok_without_changes_closes_without_emitting(
    qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog]
) -> None:
    dialog = make_dialog()
    dialog.show()
    with qtbot.assertNotEmitted(dialog.settings_applied):
        dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_warning_longer_than_the_gap_is_refused_beside_its_field(
    qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog]
) -> None:
    dialog = make_dialog()
    page = dialog.breaks_page
    page.interval.setValue(1)
    page.warning.setValue(90)
    assert page.warning_message.isVisibleTo(page)
    assert page.warning_message.is_error
    assert page.warning_message.text() == (
        "⚠ The warning is longer than the time between breaks (1 min); make it shorter."
    )
    assert dialog.status.text() == (
        "Fix this to save: the warning is longer than the time between breaks (1 min); "
        "make it shorter."
    )
    assert not dialog.ok_button.isEnabled()  # the settings file refuses it too
    page.warning.setValue(60)  # a warning as long as the gap is fine
    assert not page.warning_message.isVisibleTo(page)
    assert dialog.status.text() == ""
    assert dialog.ok_button.isEnabled()


def test_a_valid_file_the_dialog_used_to_refuse_can_be_saved(
    qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog]
) -> None:
    """Loaded from a file that loads fine, edit something else: Apply must work."""
    text = (
        "version = 1\n[breaks]\ninterval_minutes = 5\nwarning_seconds = 300\n"
        '[work_hours]\nmonday = ["22:00-02:00"]\ntuesday = ["02:00-09:00"]\n'
        'saturday = ["00:00-24:00"]\n'
    )
    loaded, problems = parse_settings(text, None)
    assert problems == []
    dialog = make_dialog(loaded)
    assert dialog.errors() == []
    assert dialog.warnings() == []
    dialog.behaviour_page.sound.setChecked(False)
    assert dialog.apply_button.isEnabled()
    with qtbot.waitSignal(dialog.settings_applied) as blocker:
        dialog.apply_button.click()
    assert blocker.args[0] == replace(loaded, behaviour=BehaviourSettings(sound=False))



def test_special_values_read_as_words(make_dialog: Callable[..., PreferencesDialog]) -> None:
    dialog = make_dialog()
    page = dialog.breaks_page
    page.warning.setValue(0)
    page.max_snoozes.setValue(0)
    assert page.warning.text() == "No warning"
    assert page.max_snoozes.text() == "No snoozing"
    assert not page.snooze.isEnabled()  # snooze length means nothing without snoozes
    page.max_snoozes.setValue(1)
    assert page.snooze.isEnabled()


# ---- the live summary ---------------------------------------------------------------


def test_summary_counts_breaks_with_the_planner(
    make_dialog: Callable[..., PreferencesDialog],
) -> None:
    dialog = make_dialog()
    page = dialog.breaks_page
    n = len(plan_day(Settings(), TZ, MONDAY))
    assert n > 0
    assert page.summary.text() == (
        f"A 60-second break every 30 minutes, {n} a day with your hours."
    )
    page.interval.setValue(60)
    page.duration.setValue(30)
    n60 = len(plan_day(dialog.draft(), TZ, MONDAY))
    assert n60 < n
    assert (
        page.summary.text() == f"A 30-second break every 60 minutes, {n60} a day with your hours."
    )
    page.interval.setValue(1)
    assert page.summary.text().startswith("A 30-second break every minute, ")


def test_summary_gives_a_range_when_days_differ(
    make_dialog: Callable[..., PreferencesDialog],
) -> None:
    dialog = make_dialog()
    dialog.work_hours_page.days["friday"].rows[0].end.setTime(_t("12:00"))
    draft = dialog.draft()
    full = len(plan_day(draft, TZ, MONDAY))
    short = len(plan_day(draft, TZ, date(2025, 3, 7)))
    assert short < full
    assert dialog.breaks_page.summary.text().endswith(f", {short}–{full} a day with your hours.")


def test_summary_says_when_there_are_no_work_hours(
    make_dialog: Callable[..., PreferencesDialog],
) -> None:
    empty = replace(Settings(), work_hours=WorkHours({day: () for day in WEEKDAYS}))
    dialog = make_dialog(empty)
    assert dialog.breaks_page.summary.text() == (
        "A 60-second break every 30 minutes; no work hours set, so none are planned."
    )
    dialog.work_hours_page.days["monday"].add_button.click()
    assert "a day with your hours" in dialog.breaks_page.summary.text()


# ---- long breaks --------------------------------------------------------------------


def test_long_breaks_page(qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog]) -> None:
    dialog = make_dialog()
    page = dialog.long_breaks_page
    assert page.summary.text() == ("Every 4th break lasts 5 min: about one every 2 h of work.")
    page.every.setValue(3)
    page.duration.setValue(10)
    assert (
        page.summary.text() == "Every 3rd break lasts 10 min: about one every 1 h 30 min of work."
    )
    with qtbot.waitSignal(dialog.settings_applied) as blocker:
        dialog.apply_button.click()
    assert blocker.args[0].long_breaks == LongBreaksSettings(
        enabled=True, every=3, duration_minutes=10
    )

    page.enabled.setChecked(False)
    assert not page.every.isEnabled()
    assert not page.duration.isEnabled()
    assert page.summary.text() == "All breaks are short."
    with qtbot.waitSignal(dialog.settings_applied) as blocker:
        dialog.apply_button.click()
    assert blocker.args[0].long_breaks == LongBreaksSettings(
        enabled=False, every=3, duration_minutes=10
    )


# ---- work hours ---------------------------------------------------------------------


def test_add_and_remove_ranges(qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog]) -> None:
    dialog = make_dialog()
    monday = dialog.work_hours_page.days["monday"]
    monday.add_button.click()
    assert [r.value() for r in monday.rows] == [
        WorkRange(time(9, 0), time(17, 30)),
        WorkRange(time(18, 0), time(19, 0)),
    ]
    assert monday.total.text() == "9 h 30 min"
    with qtbot.waitSignal(dialog.settings_applied) as blocker:
        dialog.apply_button.click()
    assert blocker.args[0].work_hours.days["monday"] == (
        WorkRange(time(9, 0), time(17, 30)),
        WorkRange(time(18, 0), time(19, 0)),
    )

    monday.rows[0].remove.click()
    monday.rows[0].remove.click()
    assert monday.rows == []
    assert monday.off_label.isVisibleTo(monday)
    assert monday.total.text() == ""
    with qtbot.waitSignal(dialog.settings_applied) as blocker:
        dialog.apply_button.click()
    assert blocker.args[0].work_hours.days["monday"] == ()
    assert blocker.args[0].work_hours.days["tuesday"] == default_week()["tuesday"]

    saturday = dialog.work_hours_page.days["saturday"]
    saturday.add_button.click()  # a day off gets a usual day first
    assert saturday.ranges() == (WorkRange(time(9, 0), time(17, 30)),)


def test_overlapping_ranges_are_flagged_on_both_rows(
    make_dialog: Callable[..., PreferencesDialog],
) -> None:
    dialog = make_dialog()
    monday = dialog.work_hours_page.days["monday"]
    monday.add_button.click()
    monday.rows[1].start.setTime(_t("17:00"))
    first, second = (row.message for row in monday.rows)
    assert first.is_error and second.is_error
    assert first.text() == "⚠ Overlaps 17:00–19:00."
    assert second.text() == "⚠ Overlaps 09:00–17:30."
    assert not dialog.ok_button.isEnabled()
    assert not dialog.apply_button.isEnabled()
    assert "Monday 17:00–19:00: Overlaps 09:00–17:30." in dialog.errors()
    monday.rows[1].start.setTime(_t("17:30"))  # touching is fine
    assert not first.isVisibleTo(monday) and not second.isVisibleTo(monday)
    assert dialog.ok_button.isEnabled()


def test_an_empty_range_is_flagged(make_dialog: Callable[..., PreferencesDialog]) -> None:
    dialog = make_dialog()
    row = dialog.work_hours_page.days["wednesday"].rows[0]
    row.end.setTime(_t("09:00"))
    assert row.message.text() == (
        "⚠ Empty: the start and end are the same (00:00 to 00:00 is the whole day)."
    )
    assert not dialog.ok_button.isEnabled()
    row.end.setTime(_t("09:30"))
    assert dialog.ok_button.isEnabled()


def test_an_overnight_range_is_labelled_and_saved(
    qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog]
) -> None:
    dialog = make_dialog()
    row = dialog.work_hours_page.days["friday"].rows[0]
    row.start.setTime(_t("22:00"))
    row.end.setTime(_t("06:00"))
    assert row.message.isVisibleTo(row)
    assert not row.message.is_error
    assert row.message.text() == "ends next day"
    assert dialog.work_hours_page.days["friday"].total.text() == "8 h"
    with qtbot.waitSignal(dialog.settings_applied) as blocker:
        dialog.apply_button.click()
    saved = blocker.args[0].work_hours.days["friday"]
    assert saved == (WorkRange(time(22, 0), time(6, 0)),)
    assert saved[0].overnight


def test_a_range_inside_last_nights_overnight_range_is_refused(
    make_dialog: Callable[..., PreferencesDialog],
) -> None:
    dialog = make_dialog()
    monday = dialog.work_hours_page.days["monday"].rows[0]
    tuesday = dialog.work_hours_page.days["tuesday"].rows[0]
    monday.start.setTime(_t("22:00"))
    monday.end.setTime(_t("10:00"))
    assert monday.message.text() == (
        "Heads-up: runs into Tuesday's 09:00–17:30; shorten one of them. (ends next day)"
    )
    assert tuesday.message.text() == "⚠ Starts inside Monday's 22:00–10:00."
    assert tuesday.message.is_error
    assert not dialog.ok_button.isEnabled()  # the file refuses it: the planner would drop it
    monday.end.setTime(_t("09:00"))  # touching is fine
    assert monday.message.text() == "ends next day"
    assert not tuesday.message.isVisibleTo(tuesday)
    assert dialog.ok_button.isEnabled()


def test_00_00_to_00_00_is_the_whole_day_and_saves_as_24_00(
    qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog]
) -> None:
    dialog = make_dialog()
    editor = dialog.work_hours_page.days["saturday"]
    editor.add_button.click()
    editor.rows[0].start.setTime(_t("00:00"))
    editor.rows[0].end.setTime(_t("00:00"))
    assert editor.rows[0].message.text() == "whole day"
    assert editor.total.text() == "24 h"
    with qtbot.waitSignal(dialog.settings_applied) as blocker:
        dialog.apply_button.click()
    saved = blocker.args[0].work_hours.days["saturday"]
    assert [str(r) for r in saved] == ["00:00-24:00"]


def test_copy_monday_to_all_weekdays(
    qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog]
) -> None:
    dialog = make_dialog()
    page = dialog.work_hours_page
    monday = page.days["monday"]
    monday.rows[0].start.setTime(_t("08:00"))
    monday.rows[0].end.setTime(_t("12:00"))
    monday.add_button.click()
    monday.rows[1].start.setTime(_t("13:00"))
    monday.rows[1].end.setTime(_t("17:00"))
    page.copy_monday.click()
    expected = (WorkRange(time(8, 0), time(12, 0)), WorkRange(time(13, 0), time(17, 0)))
    for day in WEEKDAYS[:5]:
        assert page.days[day].ranges() == expected
    assert page.days["saturday"].ranges() == ()
    with qtbot.waitSignal(dialog.settings_applied) as blocker:
        dialog.ok_button.click()
    days = blocker.args[0].work_hours.days
    assert all(days[day] == expected for day in WEEKDAYS[:5])
    assert days["sunday"] == ()


def _tab_stops(start: QWidget, presses: int) -> list[QWidget]:
    """The widgets Tab visits from `start` (a time field's own sections count once)."""
    start.setFocus()
    stops: list[QWidget] = []
    for _ in range(presses):
        widget = QApplication.focusWidget()
        assert widget is not None
        if not stops or stops[-1] is not widget:
            stops.append(widget)
        QTest.keyClick(widget, Qt.Key.Key_Tab)
    return stops


def test_tab_goes_through_each_day_in_order(
    qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog]
) -> None:
    dialog = make_dialog()
    dialog.show()
    dialog.show_page("work_hours")
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    page = dialog.work_hours_page
    monday, tuesday = page.days["monday"], page.days["tuesday"]
    monday.add_button.click()
    QApplication.processEvents()  # a row added to a shown layout is shown by a queued call

    def row_stops(editor: Any) -> list[QWidget]:
        return [w for row in editor.rows for w in (row.start, row.end, row.remove)]

    expected = [
        page.copy_monday,
        *row_stops(monday),
        monday.add_button,
        *row_stops(tuesday),
        tuesday.add_button,
    ]
    assert _tab_stops(page.copy_monday, 20)[: len(expected)] == expected

    monday.rows[0].remove.click()
    tuesday.add_button.click()
    QApplication.processEvents()
    expected = [
        page.copy_monday,
        *row_stops(monday),
        monday.add_button,
        *row_stops(tuesday),
        tuesday.add_button,
        page.days["wednesday"].rows[0].start,
    ]
    assert _tab_stops(page.copy_monday, 24)[: len(expected)] == expected


ranges = st.builds(
    lambda s, e: WorkRange(time(s // 60, s % 60), time(e // 60, e % 60)),
    st.integers(0, 24 * 60 - 1).map(lambda m: m - m % 15),
    st.integers(0, 24 * 60 - 1).map(lambda m: m - m % 15),
)


@hyp_settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ranges, max_size=4))
def test_one_day_flags_agree_with_the_settings_file_rules(day: list[WorkRange]) -> None:
    """Within one day the dialog refuses exactly what the file validator refuses."""
    listed = ", ".join(f'"{r}"' for r in day)
    text = (
        "[work_hours]\nmonday = [" + listed + "]\n" + "".join(f"{d} = []\n" for d in WEEKDAYS[1:])
    )
    _settings, problems = parse_settings(text, None)
    issues = range_issues({"monday": tuple(day)})
    assert bool(problems) == any(issue.error for issue in issues.values())


# ---- moves --------------------------------------------------------------------------


def test_moves_list_shows_the_catalog(
    make_dialog: Callable[..., PreferencesDialog], catalog: Catalog
) -> None:
    dialog = make_dialog()
    page = dialog.moves_page
    tree = page.tree
    assert tree.topLevelItemCount() == len(catalog)
    rows = [
        tuple(tree.topLevelItem(i).text(c) for c in range(4))
        for i in range(tree.topLevelItemCount())
    ]
    assert rows == [
        ("Seated extension", "Seated", "Chair", "Extension"),
        ("Seated rotation", "Seated", "None", "Rotation"),
        ("Wall angels", "Standing", "Wall", "Shoulder blades, Shoulders"),
        ("Foam roller extension", "On the floor", "Foam roller", "Extension, Release"),
    ]
    assert all(not tree.topLevelItem(i).icon(0).isNull() for i in range(len(catalog)))
    assert all(
        tree.topLevelItem(i).checkState(0) == Qt.CheckState.Checked for i in range(len(catalog))
    )


def test_unticking_a_move_disables_it(
    qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog]
) -> None:
    start = replace(Settings(), moves=replace(MovesSettings(), disabled=("gone_move",)))
    dialog = make_dialog(start)
    page = dialog.moves_page
    page.items["wall_angels"].setCheckState(0, Qt.CheckState.Unchecked)
    page.items["seated_rotation"].setCheckState(0, Qt.CheckState.Unchecked)
    assert dialog.apply_button.isEnabled()
    with qtbot.waitSignal(dialog.settings_applied) as blocker:
        dialog.apply_button.click()
    # A move the catalog no longer has stays disabled; new ones follow in catalog order.
    assert blocker.args[0].moves.disabled == ("gone_move", "seated_rotation", "wall_angels")

    page.items["wall_angels"].setCheckState(0, Qt.CheckState.Checked)
    with qtbot.waitSignal(dialog.settings_applied) as blocker:
        dialog.apply_button.click()
    assert blocker.args[0].moves.disabled == ("gone_move", "seated_rotation")


def test_disabled_moves_load_unticked(make_dialog: Callable[..., PreferencesDialog]) -> None:
    start = replace(Settings(), moves=replace(MovesSettings(), disabled=("foam_roll",)))
    dialog = make_dialog(start)
    page = dialog.moves_page
    assert page.items["foam_roll"].checkState(0) == Qt.CheckState.Unchecked
    assert page.items["wall_angels"].checkState(0) == Qt.CheckState.Checked


def test_filters(make_dialog: Callable[..., PreferencesDialog]) -> None:
    dialog = make_dialog()
    page = dialog.moves_page

    def shown() -> list[str]:
        return [i for i, item in page.items.items() if not item.isHidden()]

    assert page.count_label.text() == "4 of 4"
    page.position_filter.setCurrentIndex(page.position_filter.findData("seated"))
    assert shown() == ["seated_extension", "seated_rotation"]
    page.equipment_filter.setCurrentIndex(page.equipment_filter.findData("chair"))
    assert shown() == ["seated_extension"]
    page.equipment_filter.setCurrentIndex(page.equipment_filter.findData("none"))
    assert shown() == ["seated_rotation"]
    page.position_filter.setCurrentIndex(0)
    page.equipment_filter.setCurrentIndex(page.equipment_filter.findData("foam_roller"))
    assert shown() == ["foam_roll"]
    assert page.count_label.text() == "1 of 4"


def test_long_break_positions_and_equipment(
    qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog]
) -> None:
    dialog = make_dialog()
    page = dialog.moves_page
    assert page.position_boxes["seated"].isChecked()
    assert page.position_boxes["standing"].isChecked()
    assert not page.position_boxes["floor"].isChecked()  # floor is opt-in
    assert "none" not in page.equipment_boxes
    page.position_boxes["floor"].setChecked(True)
    page.equipment_boxes["foam_roller"].setChecked(True)
    page.equipment_boxes["wall"].setChecked(False)
    with qtbot.waitSignal(dialog.settings_applied) as blocker:
        dialog.apply_button.click()
    moves = blocker.args[0].moves
    assert moves.positions == ("seated", "standing", "floor")
    assert moves.equipment == ("none", "chair", "desk", "foam_roller")


def test_every_seated_move_off_blocks_and_no_long_break_move_is_a_heads_up(
    make_dialog: Callable[..., PreferencesDialog],
) -> None:
    dialog = make_dialog()
    page = dialog.moves_page
    page.items["seated_extension"].setCheckState(0, Qt.CheckState.Unchecked)
    page.items["seated_rotation"].setCheckState(0, Qt.CheckState.Unchecked)
    assert page.list_message.is_error
    assert page.list_message.text() == "⚠ Keep at least one seated move on for short breaks."
    assert not dialog.ok_button.isEnabled()  # `settings check` refuses it too
    assert "every seated move is off" in dialog.status.text()
    page.items["seated_rotation"].setCheckState(0, Qt.CheckState.Checked)
    assert not page.list_message.is_error
    assert dialog.ok_button.isEnabled()

    page.items["seated_extension"].setCheckState(0, Qt.CheckState.Checked)
    page.position_boxes["standing"].setChecked(False)
    page.equipment_boxes["chair"].setChecked(False)
    page.items["seated_rotation"].setCheckState(0, Qt.CheckState.Unchecked)
    assert page.choices_message.is_warning
    assert "no move that is on fits these choices" in page.choices_message.text()
    assert dialog.ok_button.isEnabled()


def test_no_position_blocks_saving_even_with_long_breaks_off(
    qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog]
) -> None:
    """The file refuses `positions = []` whatever long_breaks.enabled says; so must OK."""
    dialog = make_dialog()
    dialog.show()
    page = dialog.moves_page
    for box in page.position_boxes.values():
        box.setChecked(False)
    assert page.choices_message.text() == "⚠ Choose at least one position for long breaks."
    assert not dialog.ok_button.isEnabled()
    dialog.long_breaks_page.enabled.setChecked(False)
    dialog.behaviour_page.sound.setChecked(False)
    assert page.choices_message.is_error
    assert page.choices_message.text() == (
        "⚠ Keep at least one position ticked, even with long breaks off."
    )
    assert not dialog.ok_button.isEnabled()
    assert not dialog.apply_button.isEnabled()
    assert dialog.status.text().startswith("Fix this to save: Keep at least one position")
    assert dialog.nav.item(3).toolTip() == (
        "Keep at least one position ticked, even with long breaks off."
    )
    with qtbot.assertNotEmitted(dialog.settings_applied):
        dialog.ok_button.click()
    assert dialog.isVisible()
    page.position_boxes["seated"].setChecked(True)
    assert dialog.ok_button.isEnabled()



def test_preview_plays_the_selected_move(
    qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog], catalog: Catalog
) -> None:
    dialog = make_dialog()
    page = dialog.moves_page
    calls: list[tuple[str, int]] = []
    page.figure.set_step = lambda move, index, cat: calls.append((move.id, index))
    dialog.show()
    dialog.show_page("moves")
    assert dialog.current_page() == "moves"

    page.show_move("seated_extension")
    assert page.steps.count() == 3
    assert page.steps.item(1).text() == "2. Lean back over the chair (10 s)"
    assert page.preview_title.text() == "Seated extension · 20\u00a0s"

    page.show_move("foam_roll")
    assert calls[-1] == ("foam_roll", 0)
    assert page.preview_cautions.text() == "Careful: Keep your neck supported."
    page.show_move("seated_extension")
    assert calls[-1] == ("seated_extension", 0)
    assert page._timer.isActive()  # playing
    page.next_step()
    assert calls[-1] == ("seated_extension", 1)
    page.steps.setCurrentRow(2)
    assert calls[-1] == ("seated_extension", 2)
    page.next_step()  # wraps around
    assert calls[-1] == ("seated_extension", 0)

    assert page._timer.interval() == 5000  # steps play at their real pace
    page.next_step()
    assert page._timer.interval() == 10000

    page.play_button.click()  # pause
    assert page.play_button.text() == "Play"
    assert not page._timer.isActive()
    page.play_button.click()
    assert page._timer.isActive()
    assert calls[-1] == ("seated_extension", 1)  # the step replays from its start
    dialog.cancel_button.click()
    assert not page._timer.isActive()


def test_the_shipped_catalog_loads_into_the_dialog(
    make_dialog: Callable[..., PreferencesDialog],
) -> None:
    shipped, problems = load_catalog(None)
    assert problems == []
    dialog = make_dialog(catalog_=shipped)
    page = dialog.moves_page
    assert page.tree.topLevelItemCount() == len(shipped)
    assert dialog.errors() == []
    dialog.show()
    dialog.show_page("moves")
    first = next(iter(shipped))
    page.show_move(first.id)
    assert page.steps.count() == len(first.steps)


# ---- behaviour ----------------------------------------------------------------------


def test_sound_and_test_sound(qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog]) -> None:
    dialog = make_dialog()
    page = dialog.behaviour_page
    with qtbot.waitSignal(dialog.sound_test_requested):
        page.test_sound.click()
    page.sound.setChecked(False)
    with qtbot.waitSignal(dialog.settings_applied) as blocker:
        dialog.apply_button.click()
    assert blocker.args[0].behaviour == BehaviourSettings(sound=False)


def test_autostart_is_written_on_apply_only(
    qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog]
) -> None:
    autostart = FakeAutostart(enabled=False)
    dialog = make_dialog(autostart=autostart)
    box = dialog.behaviour_page.autostart
    assert not box.isChecked()
    box.setChecked(True)
    assert autostart.calls == []
    assert dialog.apply_button.isEnabled()  # a change even though Settings did not change
    with qtbot.assertNotEmitted(dialog.settings_applied):
        dialog.apply_button.click()
    assert autostart.calls == [True]
    assert not dialog.apply_button.isEnabled()

    box.setChecked(False)
    dialog.cancel_button.click()
    assert autostart.calls == [True]
    assert box.isChecked()

    box.setChecked(False)
    dialog.ok_button.click()
    assert autostart.calls == [True, False]


def test_autostart_shows_its_state_and_failures(
    qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog]
) -> None:
    autostart = FakeAutostart(enabled=True, fail=True)
    dialog = make_dialog(autostart=autostart)
    dialog.show()
    page = dialog.behaviour_page
    assert page.autostart.isChecked()
    page.autostart.setChecked(False)
    dialog.ok_button.click()
    assert dialog.isVisible()  # stays open to say why
    assert page.autostart_message.text() == ("⚠ Could not change the login item: read-only folder")

    dialog = make_dialog(autostart=FakeAutostart(supported=False))
    unsupported = dialog.behaviour_page
    assert not unsupported.autostart.isEnabled()
    assert unsupported.autostart_message.text() == "Not available on this system."


# ---- about --------------------------------------------------------------------------


def test_about_page(
    make_dialog: Callable[..., PreferencesDialog], paths: AppPaths, opened: list[QUrl]
) -> None:
    dialog = make_dialog()
    page = dialog.about_page
    assert page.version.text() == f"Version {desk_break.__version__}"  # under "Desk Break"
    texts = [label.text() for label in page.findChildren(type(page.version))]
    assert NOT_MEDICAL_ADVICE in texts
    assert "GPL‑3.0‑or‑later" in page.licence.text()  # kept in one piece (U+2011)
    # Each path is shown whole (free to wrap after a "/"), and given plainly to
    # screen readers and the tooltip.
    for key, path in (("settings", paths.settings_file), ("history", paths.history_db),
                      ("log", paths.log_file)):
        label = page.path_labels[key]
        assert label.text().replace("\u200b", "") == str(path)
        assert label.accessibleName() == label.toolTip() == str(path)

    paths.config_dir.mkdir(parents=True)
    paths.data_dir.mkdir(parents=True)
    page.open_buttons["settings"].click()
    page.open_buttons["history"].click()
    page.open_buttons["log"].click()  # not made yet: its nearest existing parent
    nearest = paths.log_dir.parents[1]
    assert nearest.is_dir() and not paths.log_dir.parent.exists()
    assert opened == [
        QUrl.fromLocalFile(str(paths.config_dir)),
        QUrl.fromLocalFile(str(paths.data_dir)),
        QUrl.fromLocalFile(str(nearest)),
    ]
    assert not paths.log_dir.exists()  # opening a folder creates nothing


def test_about_paths_are_short_and_wrap_in_a_narrow_page(
    make_dialog: Callable[..., PreferencesDialog],
    paths: AppPaths,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HOME", str(paths.config_dir.parent.parent))
    dialog = make_dialog()
    page = dialog.about_page
    label = page.path_labels["settings"]
    assert label.text().replace("\u200b", "") == "~/config/desk-break/settings.toml"
    page.resize(260, 600)  # narrower than the path: it wraps instead of widening the page
    assert label.heightForWidth(120) > label.fontMetrics().height() * 1.5
    assert page.minimumSizeHint().width() <= 300


def test_licence_names_the_website_when_the_package_has_one() -> None:
    from desk_break.qt.prefs.about_page import licence_text

    assert 'href="https://example.org/desk-break"' in licence_text("https://example.org/desk-break")
    assert "<a" not in licence_text("")


def test_open_folder_without_xdg_open_says_why(
    make_dialog: Callable[..., PreferencesDialog], opened: list[QUrl]
) -> None:
    looked_up: list[str] = []

    def which(name: str) -> str | None:
        looked_up.append(name)
        return None

    dialog = make_dialog(which=which)
    page = dialog.about_page
    assert looked_up == ["xdg-open"]
    for button in page.open_buttons.values():
        assert not button.isEnabled()
        assert "xdg-open is not installed" in button.toolTip()
    assert page.open_message.isVisibleTo(page)
    assert page.open_message.text().startswith("Folders cannot be opened here: xdg-open")
    page.open_buttons["settings"].click()
    assert opened == []


def test_test_sound_without_a_player_says_why_and_keeps_the_setting(
    qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog]
) -> None:
    dialog = make_dialog(player=lambda: None)
    page = dialog.behaviour_page
    assert not page.test_sound.isEnabled()
    assert "No sound player was found" in page.test_sound.toolTip()
    assert not page.sound.isEnabled()
    assert not page.sound.isChecked()  # not ticked while nothing can play
    assert page.sound_message.isVisibleTo(page)
    assert page.sound_message.text().startswith("No sound player was found, so breaks end")
    with qtbot.assertNotEmitted(dialog.sound_test_requested):
        page.test_sound.click()
    # The file's value is kept for when a player is installed.
    assert dialog.draft() == Settings()
    assert not dialog.apply_button.isEnabled()


def test_the_presence_page_is_generated_from_the_declarations(
    qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog], monkeypatch: pytest.MonkeyPatch
) -> None:
    from desk_break.settings.model import KEYS

    dialog = make_dialog()
    page = dialog.presence_page
    dialog.show_page("presence")
    ours = [k.dotted for k in KEYS if k.table in ("presence", "do_not_disturb")]
    assert list(page.bindings) == ours
    typing = page.bindings["presence.typing_pause_seconds"].widget
    assert isinstance(typing, QSpinBox)
    assert (typing.minimum(), typing.maximum(), typing.specialValueText()) == (0, 30, "Off")
    hold = page.bindings["do_not_disturb.max_hold_minutes"].widget
    assert isinstance(hold, QSpinBox) and (hold.minimum(), hold.maximum()) == (1, 480)
    camera = page.bindings["do_not_disturb.camera"].widget
    assert isinstance(camera, QCheckBox) and camera.text() == "The camera is in use"
    camera.setChecked(False)
    typing.setValue(5)
    calendar = page.bindings["do_not_disturb.calendar_file"]
    asked: list[str] = []

    def pick(_parent: object, title: str, start: str) -> str:
        asked.append(title)
        return "/home/a/work.ics"

    monkeypatch.setattr(type(calendar), "ask_file", staticmethod(pick))
    choose = calendar.widget.findChild(QPushButton, "do_not_disturb.calendar_file.choose")
    assert choose is not None and choose.text() == "Choose…"
    choose.click()  # the file dialog, answered
    assert asked == ["Calendar file (.ics)"]
    with qtbot.waitSignal(dialog.settings_applied) as blocker:
        dialog.apply_button.click()
    applied = blocker.args[0]
    assert applied.do_not_disturb.camera is False
    assert applied.presence.typing_pause_seconds == 5
    assert applied.do_not_disturb.calendar_file == "/home/a/work.ics"
    dialog.reject()
    assert camera.isChecked() is False  # Cancel goes back to the last Apply


# ---- problems banner, reload --------------------------------------------------------


def test_problems_banner(make_dialog: Callable[..., PreferencesDialog], paths: AppPaths) -> None:
    problem = Problem(paths.settings_file, 3, "breaks.interval_minutes", "must be at least 1")
    dialog = make_dialog(problems=[problem])
    banner = dialog.banner
    assert banner.isVisibleTo(dialog)
    assert banner.headline.text().startswith(
        "Your settings file had problems; saving will keep a copy of it as "
        "settings.toml.bad-<date and time>."
    )
    assert banner.details.text() == "• line 3: breaks.interval_minutes: must be at least 1"

    many = [Problem(None, n, f"k{n}", "bad") for n in range(8)]
    dialog.show_problems(many)
    assert banner.details.text().endswith("• line 4: k4: bad\n… and 3 more")
    dialog.show_problems([])
    assert not banner.isVisibleTo(dialog)


def test_set_settings_replaces_the_starting_point(
    qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog]
) -> None:
    dialog = make_dialog()
    reloaded = _breaks(interval_minutes=35)
    dialog.set_settings(reloaded)
    assert dialog.breaks_page.interval.value() == 35
    assert dialog.original == reloaded
    assert not dialog.apply_button.isEnabled()
    dialog.breaks_page.interval.setValue(36)
    with qtbot.assertNotEmitted(dialog.settings_applied):
        dialog.cancel_button.click()
    assert dialog.breaks_page.interval.value() == 35


def test_a_reload_keeps_unsaved_edits_and_takes_the_rest_from_the_file(
    qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog]
) -> None:
    dialog = make_dialog()
    dialog.breaks_page.interval.setValue(45)  # edited, not applied yet
    dialog.breaks_page.snooze.setValue(10)
    dialog.work_hours_page.days["friday"].rows[0].end.setTime(_t("15:00"))
    on_disk = replace(
        Settings(),
        breaks=replace(BreaksSettings(), snooze_minutes=15, duration_seconds=90),
        behaviour=BehaviourSettings(sound=False),
        work_hours=WorkHours({**default_week(), "monday": (WorkRange(time(8, 0), time(16, 0)),)}),
    )
    dialog.set_settings(on_disk)  # the file changed on disk (hand edit, dotfile sync)
    assert dialog.original == on_disk
    page = dialog.breaks_page
    assert page.interval.value() == 45  # the person's edits stay ...
    assert page.snooze.value() == 10  # ... also where the file changed the same key
    assert dialog.work_hours_page.days["friday"].ranges() == (WorkRange(time(9, 0), time(15, 0)),)
    assert page.duration.value() == 90  # untouched fields follow the file
    assert not dialog.behaviour_page.sound.isChecked()
    assert dialog.work_hours_page.days["monday"].ranges() == (WorkRange(time(8, 0), time(16, 0)),)
    assert dialog.apply_button.isEnabled()
    with qtbot.waitSignal(dialog.settings_applied) as blocker:
        dialog.apply_button.click()
    friday = {"friday": (WorkRange(time(9, 0), time(15, 0)),)}
    assert blocker.args[0] == replace(
        on_disk,
        breaks=replace(on_disk.breaks, interval_minutes=45, snooze_minutes=10),
        work_hours=WorkHours({**on_disk.work_hours.days, **friday}),
    )



def test_show_page(make_dialog: Callable[..., PreferencesDialog]) -> None:
    dialog = make_dialog()
    for page in dialog.pages:
        dialog.show_page(page.key)
        assert dialog.stack.currentWidget().widget() is page  # each page scrolls
        assert dialog.current_page() == page.key
    with pytest.raises(KeyError):
        dialog.show_page("nope")


def test_a_page_with_errors_is_marked_in_the_side_list(
    make_dialog: Callable[..., PreferencesDialog],
) -> None:
    dialog = make_dialog()
    item = dialog.nav.item(2)
    assert item.toolTip() == ""
    dialog.work_hours_page.days["monday"].rows[0].end.setTime(_t("09:00"))
    assert item.toolTip() == (
        "Monday 09:00–09:00: Empty: the start and end are the same "
        "(00:00 to 00:00 is the whole day)."
    )


# ---- round trip through the real file -----------------------------------------------


HAND_WRITTEN = """\
# My Desk Break settings. Do not lose this comment.
version = 1

[breaks]
interval_minutes = 30  # half an hour suits me
duration_seconds = 60

[work_hours]
# Short Fridays
friday = ["09:00-15:00"]
"""


def test_round_trip_keeps_the_hand_written_comments(
    qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog], tmp_path: Path
) -> None:
    from desk_break.settings.store import load_settings, save_settings

    path = tmp_path / "settings.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.ok
    dialog = make_dialog(loaded.settings, loaded.problems)
    assert not dialog.banner.isVisibleTo(dialog)
    assert dialog.work_hours_page.days["friday"].ranges() == (WorkRange(time(9, 0), time(15, 0)),)
    saved: list[Path | None] = []
    dialog.settings_applied.connect(lambda s: saved.append(save_settings(path, s, loaded)))

    dialog.breaks_page.interval.setValue(45)
    dialog.moves_page.items["wall_angels"].setCheckState(0, Qt.CheckState.Unchecked)
    with qtbot.waitSignal(dialog.settings_applied):
        dialog.ok_button.click()
    assert saved == [None]  # no backup: the file was fine
    text = path.read_text(encoding="utf-8")
    assert "# My Desk Break settings. Do not lose this comment." in text
    assert "# Short Fridays" in text
    assert "interval_minutes = 45  # half an hour suits me" in text
    again = load_settings(path)
    assert again.ok
    assert again.settings == dialog.original
    assert again.settings.moves.disabled == ("wall_angels",)


def test_a_broken_file_is_kept_when_the_dialog_saves(
    qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog], tmp_path: Path
) -> None:
    from desk_break.settings.store import load_settings, save_settings

    path = tmp_path / "settings.toml"
    path.write_text("[breaks]\ninterval_minutes = 0\n", encoding="utf-8")
    loaded = load_settings(path)
    assert not loaded.ok
    dialog = make_dialog(loaded.settings, loaded.problems)
    assert dialog.banner.isVisibleTo(dialog)
    assert "breaks.interval_minutes" in dialog.banner.details.text()
    backups: list[Path | None] = []
    dialog.settings_applied.connect(lambda s: backups.append(save_settings(path, s, loaded)))
    dialog.breaks_page.interval.setValue(20)
    with qtbot.waitSignal(dialog.settings_applied):
        dialog.apply_button.click()
    assert not dialog.banner.isVisibleTo(dialog)
    assert backups[0] is not None
    assert backups[0].name.startswith("settings.toml.bad-")
    assert backups[0].read_text(encoding="utf-8") == "[breaks]\ninterval_minutes = 0\n"
    assert load_settings(path).settings.breaks.interval_minutes == 20


def test_an_empty_catalog_does_not_block_saving(
    make_dialog: Callable[..., PreferencesDialog],
) -> None:
    dialog = make_dialog(catalog_=Catalog())
    page = dialog.moves_page
    assert page.tree.topLevelItemCount() == 0
    assert dialog.errors() == []
    assert dialog.ok_button.isEnabled()
    assert page.list_message.text() == "⚠ No moves could be loaded; see the log."


def test_preview_drives_the_real_figure(
    make_dialog: Callable[..., PreferencesDialog], catalog: Catalog
) -> None:
    dialog = make_dialog()
    page = dialog.moves_page
    dialog.show()
    dialog.show_page("moves")
    move = catalog.get("seated_extension")
    assert move is not None
    page.show_move("seated_extension")
    page.steps.setCurrentRow(1)
    assert page.figure.current_step() == move.steps[1]
    assert page.figure.is_animating()  # step 2 eases from one pose to the other
    page.play_button.click()  # pause freezes it
    assert not page.figure.is_animating()
    dialog.show_page("about")  # leaving the page stops the preview too
    page.play_button.click()
    assert not page._timer.isActive()


def test_summary_says_when_no_break_fits_in_the_work_hours(
    make_dialog: Callable[..., PreferencesDialog],
) -> None:
    short = {day: () for day in WEEKDAYS} | {"monday": (WorkRange(time(9, 0), time(9, 20)),)}
    dialog = make_dialog(replace(Settings(), work_hours=WorkHours(short)))
    assert dialog.breaks_page.summary.text() == (
        "A 60-second break every 30 minutes; no break fits in your work hours, "
        "so none are planned."
    )


def test_ok_is_enabled_exactly_when_the_same_values_in_a_file_would_load(
    make_dialog: Callable[..., PreferencesDialog],
) -> None:
    """The dialog blocks what the file validator refuses, and nothing else."""
    dialog = make_dialog()
    hours = dialog.work_hours_page
    moves = dialog.moves_page

    @hyp_settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.lists(ranges, max_size=2),
        st.lists(ranges, max_size=2),
        st.lists(ranges, max_size=1),
        st.booleans(),
        st.sets(st.sampled_from(["seated", "standing", "floor"])),
        st.integers(1, 3),
        st.sampled_from([0, 60, 200]),
    )
    def check(
        monday: list[WorkRange],
        tuesday: list[WorkRange],
        sunday: list[WorkRange],
        long_on: bool,
        positions: set[str],
        interval: int,
        warning: int,
    ) -> None:
        week = {"monday": monday, "tuesday": tuesday, "sunday": sunday}
        for day in WEEKDAYS:
            hours.days[day].set_ranges(tuple(week.get(day, [])))
        for position, box in moves.position_boxes.items():
            box.setChecked(position in positions)
        dialog.long_breaks_page.enabled.setChecked(long_on)
        dialog.breaks_page.interval.setValue(interval)
        dialog.breaks_page.warning.setValue(warning)
        hours.changed.emit()

        def listed(items: list[Any]) -> str:
            return "[" + ", ".join(f'"{x}"' for x in items) + "]"

        text = (
            f"[breaks]\ninterval_minutes = {interval}\nwarning_seconds = {warning}\n"
            f"[long_breaks]\nenabled = {'true' if long_on else 'false'}\n"
            f"[moves]\npositions = {listed(sorted(positions))}\n[work_hours]\n"
            + "".join(f"{day} = {listed(week.get(day, []))}\n" for day in WEEKDAYS)
        )
        _loaded, problems = parse_settings(text, None)
        assert dialog.ok_button.isEnabled() == (not problems), (text, dialog.errors())
        assert bool(dialog.errors()) == bool(problems)

    check()


# ---- saving can fail: the app says so while settings_applied is being emitted ------


def test_a_failed_save_keeps_the_edits_unsaved_and_the_dialog_open(
    qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog], paths: AppPaths
) -> None:
    problem = Problem(paths.settings_file, 3, "breaks.interval_minutes", "must be at least 1")
    dialog = make_dialog(problems=[problem])
    dialog.show()
    message = "Your settings were not saved: [Errno 28] No space left on device"
    failing = True
    handed: list[Settings] = []

    def save(settings: Settings) -> None:  # the app saves synchronously in its slot
        handed.append(settings)
        if failing:
            dialog.report_save_failed(message)

    dialog.settings_applied.connect(save)
    dialog.breaks_page.interval.setValue(45)
    dialog.ok_button.click()
    assert handed[-1].breaks.interval_minutes == 45
    assert dialog.isVisible()  # OK did not close: nothing was saved
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.original == Settings()  # the edit is still unsaved ...
    assert dialog.breaks_page.interval.value() == 45  # ... and still there
    assert dialog.apply_button.isEnabled()
    assert dialog.save_error.isVisibleTo(dialog)
    assert dialog.save_error.text() == message
    assert dialog.banner.isVisibleTo(dialog)  # the file was not replaced: still true

    dialog.apply_button.click()  # still failing: same state
    assert dialog.original == Settings()
    assert dialog.apply_button.isEnabled()
    assert dialog.save_error.isVisibleTo(dialog)

    failing = False
    dialog.apply_button.click()
    assert dialog.original == _breaks(interval_minutes=45)
    assert not dialog.apply_button.isEnabled()
    assert not dialog.save_error.isVisibleTo(dialog)
    assert not dialog.banner.isVisibleTo(dialog)
    assert dialog.isVisible()

    dialog.breaks_page.interval.setValue(50)
    failing = True
    dialog.ok_button.click()
    assert dialog.isVisible()
    failing = False
    dialog.ok_button.click()
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.original == _breaks(interval_minutes=50)


def test_cancel_after_a_failed_save_drops_the_edits_and_the_message(
    make_dialog: Callable[..., PreferencesDialog],
) -> None:
    dialog = make_dialog()
    dialog.show()
    dialog.settings_applied.connect(lambda _s: dialog.report_save_failed("not saved: read-only"))
    dialog.breaks_page.interval.setValue(45)
    dialog.apply_button.click()
    assert dialog.save_error.isVisibleTo(dialog)
    dialog.cancel_button.click()
    assert dialog.breaks_page.interval.value() == 30
    assert not dialog.save_error.isVisibleTo(dialog)


# ---- size: it must fit a small (or scaled) screen --------------------------------------


def test_every_page_scrolls_so_the_dialog_fits_a_small_screen(
    make_dialog: Callable[..., PreferencesDialog], paths: AppPaths
) -> None:
    """1920x1080 at 200 % is 960x540: OK, Cancel and Apply must stay on the screen."""
    problem = Problem(paths.settings_file, 3, "breaks.interval_minutes", "must be at least 1")
    dialog = make_dialog(problems=[problem])
    for index, page in enumerate(dialog.pages):
        scroll = dialog.stack.widget(index)
        assert isinstance(scroll, QScrollArea) and scroll.widget() is page
    minimum = dialog.minimumSizeHint()
    assert minimum.width() <= 900 and minimum.height() <= 480, minimum


def has_width(widget: QWidget) -> bool:
    return widget.width() > 0


def test_the_dialog_is_sized_to_its_content(
    qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog]
) -> None:
    """No page of five fields lost in a 1000x660 dialog, and on a big screen no page
    needs its scroll bar (the Moves list scrolls inside itself)."""
    dialog = make_dialog()
    preferred = dialog.preferred_size()
    assert preferred.width() < 960 and preferred.height() < 640, preferred
    assert dialog.fitting_size(QRect(0, 0, 1920, 1050), QSize(500, 400)) == preferred
    dialog.show()
    dialog.resize(preferred)
    for index, page in enumerate(dialog.pages):
        dialog.show_page(page.key)
        scroll = dialog.stack.widget(index)
        assert isinstance(scroll, QScrollArea)
        qtbot.waitUntil(partial(has_width, scroll.viewport()))
        needed = page.heightForWidth(scroll.viewport().width())
        needed = max(needed, page.minimumSizeHint().height())
        assert needed <= scroll.viewport().height(), (page.key, needed, scroll.viewport().size())


@pytest.mark.parametrize(
    ("available", "room"),
    [
        (QRect(0, 0, 960, 540), QSize(920, 480)),  # 1920x1080 at 200 %: what fits
        (QRect(0, 0, 400, 300), QSize(500, 400)),  # never below the minimum
    ],
)
def test_the_dialog_size_follows_the_screen(
    make_dialog: Callable[..., PreferencesDialog], available: QRect, room: QSize
) -> None:
    dialog = make_dialog()
    size = dialog.fitting_size(available, QSize(500, 400))
    assert size == dialog.preferred_size().boundedTo(room).expandedTo(QSize(500, 400))
    assert size.height() == room.height()  # the content is taller than either screen


# ---- it reopens where it was left ------------------------------------------------------


def test_the_dialog_reopens_on_the_page_it_was_closed_on(
    make_dialog: Callable[..., PreferencesDialog], paths: AppPaths
) -> None:
    first = make_dialog()
    assert first.current_page() == "breaks"
    first.show_page("moves")
    first.cancel_button.click()
    again = make_dialog()  # the app makes a new dialog each time (and on the next run)
    assert again.current_page() == "moves"
    assert (paths.data_dir / "preferences-page").read_text(encoding="utf-8") == "moves\n"
    again.show_page("about")
    again.ok_button.click()
    assert make_dialog().current_page() == "about"


def test_an_unknown_remembered_page_opens_the_first(
    make_dialog: Callable[..., PreferencesDialog], paths: AppPaths
) -> None:
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    (paths.data_dir / "preferences-page").write_text("gone-page\n", encoding="utf-8")
    assert make_dialog().current_page() == "breaks"


def test_ok_and_cancel_carry_no_stock_icons(make_dialog: Callable[..., PreferencesDialog]) -> None:
    dialog = make_dialog()
    for button in (dialog.ok_button, dialog.cancel_button, dialog.apply_button):
        assert button.icon().isNull(), button.text()


def test_the_dialog_opens_inside_its_screen(make_dialog: Callable[..., PreferencesDialog]) -> None:
    dialog = make_dialog()
    dialog.show()
    available = dialog.screen().availableGeometry()
    assert available.contains(dialog.frameGeometry()), (available, dialog.frameGeometry())
    assert available.contains(dialog.buttons.mapToGlobal(dialog.buttons.rect().bottomRight()))


# ---- contrast: messages stay readable on a dark palette --------------------------------


def _luminance(color: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def _contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture(params=["light", "dark"])
def themed(request: pytest.FixtureRequest, qapp: QApplication) -> Any:
    before = qapp.palette()
    if request.param == "dark":
        dark = QPalette()
        for role, color in (
            (QPalette.ColorRole.Window, "#2b2b2b"),
            (QPalette.ColorRole.WindowText, "#e8e8e8"),
            (QPalette.ColorRole.Base, "#1e1e1e"),
            (QPalette.ColorRole.Text, "#e8e8e8"),
            (QPalette.ColorRole.Button, "#3a3a3a"),
            (QPalette.ColorRole.ButtonText, "#e8e8e8"),
        ):
            dark.setColor(role, QColor(color))
        qapp.setPalette(dark)
    yield request.param
    qapp.setPalette(before)


def test_messages_have_enough_contrast(
    themed: str, make_dialog: Callable[..., PreferencesDialog]
) -> None:
    dialog = make_dialog()
    page = dialog.breaks_page
    background = dialog.palette().color(QPalette.ColorRole.Window)
    page.interval.setValue(1)
    page.warning.setValue(90)  # a heads-up
    monday = dialog.work_hours_page.days["monday"]
    monday.rows[0].end.setTime(_t("09:00"))  # an error
    monday.add_button.click()
    monday.rows[1].start.setTime(_t("22:00"))
    monday.rows[1].end.setTime(_t("02:00"))  # a note: ends next day
    messages = {
        "heads-up": page.warning_message,
        "error": monday.rows[0].message,
        "note": monday.rows[1].message,
    }
    assert messages["note"].text() == "ends next day"
    for kind, label in messages.items():
        color = label.palette().color(QPalette.ColorRole.WindowText)
        assert _contrast(color, background) >= 4.5, (themed, kind, color.name())
    blurb = next(
        label
        for label in page.findChildren(QLabel)
        if label.text().startswith("Short, seated moves")
    )
    color = blurb.palette().color(QPalette.ColorRole.WindowText)
    assert _contrast(color, background) >= 4.5, (themed, "page blurb", color.name())


def test_the_banner_hide_button_is_readable_on_a_dark_palette(
    themed: str, make_dialog: Callable[..., PreferencesDialog], paths: AppPaths
) -> None:
    problem = Problem(paths.settings_file, 3, "breaks.interval_minutes", "must be at least 1")
    dialog = make_dialog(problems=[problem])
    dialog.show()
    image = dialog.banner.close_button.grab().toImage()
    colors: dict[int, int] = {}
    for x in range(image.width()):
        for y in range(image.height()):
            rgb = image.pixel(x, y)
            colors[rgb] = colors.get(rgb, 0) + 1
    background = QColor.fromRgb(max(colors, key=lambda c: colors[c]))
    strongest = max(_contrast(QColor.fromRgb(c), background) for c in colors)
    assert strongest >= 4.5, (themed, background.name(), strongest)


def test_find_player_looks_for_qtmultimedia_then_the_desktops_players() -> None:
    from desk_break.qt.sound import find_player

    asked: list[str] = []

    def which(name: str) -> str | None:
        asked.append(name)
        return "/usr/bin/paplay" if name == "paplay" else None

    assert find_player(which, multimedia=lambda: None) == "/usr/bin/paplay"
    assert asked == ["pw-play", "paplay"]  # best first, stops at the first found
    assert find_player(lambda name: None, multimedia=lambda: None) is None
    assert find_player(lambda name: None, multimedia=lambda: (object(), object())) == (
        "QtMultimedia"
    )


def test_about_links_the_project_home_from_the_installed_metadata() -> None:
    """pyproject's [project.urls] reaches About through the package metadata."""
    from desk_break.qt.prefs.about_page import licence_text, website

    assert website() == "https://github.com/desk-break/desk-break"
    assert 'href="https://github.com/desk-break/desk-break"' in licence_text()
