"""settings.toml on disk: loading never writes, saving is atomic, keeps comments, and
keeps a copy of a broken file before replacing it."""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from desk_break.settings.model import BreaksSettings, Settings
from desk_break.settings.schema import parse_settings, settings_to_document
from desk_break.settings.store import LoadResult, check_settings, load_settings, save_settings

NOW = datetime(2024, 1, 2, 3, 4, 5)
BACKUP_NAME = "settings.toml.bad-20240102-030405"

HAND_WRITTEN = """\
# mine -- keep this comment
version = 1

[breaks]
interval_minutes = 20   # every 20 min
duration_seconds = 60
"""


def with_breaks(**values: int) -> Settings:
    return replace(Settings(), breaks=replace(BreaksSettings(), **values))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "desk-break" / "settings.toml"


def write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# --- loading ------------------------------------------------------------------------------


def test_no_file_means_defaults_and_no_problem(path: Path) -> None:
    result = load_settings(path)
    assert result == LoadResult(path, Settings(), [], None, exists=False)
    assert result.ok
    assert not path.parent.exists()  # loading never creates anything
    assert check_settings(path) == []


def test_a_valid_file_is_loaded_with_its_document(path: Path) -> None:
    write(path, HAND_WRITTEN)
    result = load_settings(path)
    assert result.ok and result.exists
    assert result.settings == with_breaks(interval_minutes=20)
    assert result.document is not None
    assert result.document.as_string() == HAND_WRITTEN


def test_a_byte_order_mark_is_not_an_error(path: Path) -> None:
    write(path, b"\xef\xbb\xbf" + HAND_WRITTEN.encode())
    result = load_settings(path)
    assert result.ok
    assert result.settings == with_breaks(interval_minutes=20)


def test_problems_name_the_file_and_the_rest_is_used(path: Path) -> None:
    write(path, HAND_WRITTEN.replace("duration_seconds = 60", "duration_seconds = 5"))
    result = load_settings(path)
    assert not result.ok
    assert [str(p) for p in result.problems] == [
        f"{path}, line 6: breaks.duration_seconds: must be a whole number from 10 to 600, got 5"
    ]
    assert result.settings == with_breaks(interval_minutes=20)
    assert check_settings(path) == result.problems


def test_a_folder_in_place_of_the_file_is_reported(path: Path) -> None:
    path.mkdir(parents=True)
    result = load_settings(path)
    assert result.settings == Settings()
    assert result.exists
    assert [str(p) for p in result.problems] == [
        f"{path}: cannot read the file: it is a folder, not a regular file"
    ]


def test_a_file_we_may_not_read_is_reported(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(path, HAND_WRITTEN)

    real_open = os.open

    def refuse(name: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(name) == path:
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)  # chmod 000 means nothing to root
    result = load_settings(path)
    assert result.settings == Settings()
    assert [str(p) for p in result.problems] == [
        f"{path}: cannot read the file: it cannot be opened (permission denied)"
    ]


def test_a_file_that_is_not_utf8_is_reported_with_its_line(path: Path) -> None:
    write(path, b"version = 1\n[breaks]\n# caf\xe9\ninterval_minutes = 20\n")
    result = load_settings(path)
    assert result.settings == Settings()
    assert result.document is None
    assert [str(p) for p in result.problems] == [
        f"{path}, line 3: cannot read the file: it is not UTF-8 text (byte 0xe9)"
    ]


def test_loading_never_touches_a_bad_file(path: Path) -> None:
    write(path, "version = 2\n[breaks]\ninterval_minutes = 20\n")
    before = path.stat()
    result = load_settings(path)
    assert result.settings == Settings()
    assert "newer Desk Break" in result.problems[0].reason
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns, after.st_size) == (
        before.st_ino,
        before.st_mtime_ns,
        before.st_size,
    )
    assert sorted(os.listdir(path.parent)) == ["settings.toml"]


# --- saving -------------------------------------------------------------------------------


def test_a_first_save_creates_folders_and_a_documented_file(path: Path) -> None:
    assert save_settings(path, with_breaks(interval_minutes=25)) is None
    assert sorted(os.listdir(path.parent)) == ["settings.toml"]  # no temp file left
    text = path.read_text(encoding="utf-8")
    assert text == settings_to_document(with_breaks(interval_minutes=25)).as_string()
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert load_settings(path).settings == with_breaks(interval_minutes=25)


def test_saving_changes_only_the_edited_value(path: Path) -> None:
    write(path, HAND_WRITTEN)
    loaded = load_settings(path)
    assert (
        save_settings(path, with_breaks(interval_minutes=20, duration_seconds=90), loaded) is None
    )
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN.replace(
        "duration_seconds = 60", "duration_seconds = 90"
    )
    assert sorted(os.listdir(path.parent)) == ["settings.toml"]


def test_saving_keeps_the_file_mode(path: Path) -> None:
    write(path, HAND_WRITTEN)
    path.chmod(0o600)
    save_settings(path, with_breaks(interval_minutes=21))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_saving_what_the_file_already_says_does_not_write(path: Path) -> None:
    write(path, HAND_WRITTEN)
    before = path.stat()
    assert save_settings(path, load_settings(path).settings) is None
    assert path.stat().st_ino == before.st_ino  # an atomic write would be a new inode
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN


def test_saving_replaces_the_file_atomically(path: Path) -> None:
    write(path, HAND_WRITTEN)
    before = path.stat().st_ino
    save_settings(path, with_breaks(interval_minutes=21))
    assert path.stat().st_ino != before


def test_a_failed_write_leaves_the_original_and_no_temp_file(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(path, HAND_WRITTEN)

    def fail(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space left"):
        save_settings(path, with_breaks(interval_minutes=21))
    assert snapshot(path.parent) == {"settings.toml": HAND_WRITTEN.encode()}


def test_a_failed_fsync_leaves_the_original_and_no_temp_file(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(path, HAND_WRITTEN)

    def fail(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError, match="Input/output error"):
        save_settings(path, with_breaks(interval_minutes=21))
    assert snapshot(path.parent) == {"settings.toml": HAND_WRITTEN.encode()}


def test_settings_that_would_not_load_back_are_refused(path: Path) -> None:
    write(path, HAND_WRITTEN)
    with pytest.raises(ValueError, match=r"breaks\.interval_minutes: must be a whole number"):
        save_settings(path, with_breaks(interval_minutes=900))
    assert snapshot(path.parent) == {"settings.toml": HAND_WRITTEN.encode()}


def test_saving_through_a_symlink_keeps_the_link(path: Path, tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "desk-break.toml"
    write(real, HAND_WRITTEN)
    path.parent.mkdir(parents=True)
    path.symlink_to(real)
    save_settings(path, with_breaks(interval_minutes=21))
    assert path.is_symlink()
    assert "interval_minutes = 21   # every 20 min" in real.read_text(encoding="utf-8")
    assert sorted(os.listdir(real.parent)) == ["desk-break.toml"]


def test_an_old_file_is_migrated_when_saved(path: Path) -> None:
    write(path, "[breaks]\ninterval = 45  # old name\n")
    loaded = load_settings(path)
    assert loaded.ok
    assert save_settings(path, loaded.settings, loaded) is None  # nothing wrong: no copy
    assert path.read_text(encoding="utf-8") == (
        "version = 1\n\n[breaks]\ninterval_minutes = 45  # old name\n"
    )


def test_a_hand_edit_made_since_loading_survives_a_save(path: Path) -> None:
    write(path, HAND_WRITTEN)
    loaded = load_settings(path)
    # While Preferences are open, the person edits the file by hand...
    write(path, HAND_WRITTEN.replace("interval_minutes = 20", "interval_minutes = 25"))
    # ...and then changes only the duration in Preferences.
    ours = replace(loaded.settings, breaks=replace(loaded.settings.breaks, duration_seconds=90))
    save_settings(path, ours, loaded)
    assert load_settings(path).settings == with_breaks(interval_minutes=25, duration_seconds=90)
    # Without `previous` the caller's whole settings win.
    save_settings(path, ours)
    assert load_settings(path).settings == with_breaks(interval_minutes=20, duration_seconds=90)


# --- saving over a broken file: a copy first -----------------------------------------------

BROKEN = [
    pytest.param(b"[breaks]\ninterval_minutes = = 3\n", id="not-toml"),
    pytest.param(b"version = 1\n[breaks]\ninterval_minutes = 900\n", id="bad-value"),
    pytest.param(b"version = 1\n[brakes]\n", id="unknown-table"),
    pytest.param(b"version = 7\n[breaks]\ninterval_minutes = 20\n", id="newer-version"),
    pytest.param(b"version = 1\n# caf\xe9\n", id="not-utf8"),
]


@pytest.mark.parametrize("content", BROKEN)
def test_a_broken_file_is_copied_before_it_is_replaced(path: Path, content: bytes) -> None:
    write(path, content)
    backup = save_settings(path, with_breaks(interval_minutes=21), now=NOW)
    assert backup == path.with_name(BACKUP_NAME)
    assert backup.read_bytes() == content
    assert sorted(os.listdir(path.parent)) == ["settings.toml", BACKUP_NAME]
    result = load_settings(path)
    assert result.ok
    assert result.settings == with_breaks(interval_minutes=21)


def test_a_copy_is_never_overwritten(path: Path) -> None:
    write(path.with_name(BACKUP_NAME), "first")
    write(path.with_name(BACKUP_NAME + "-1"), "second")
    write(path, "not toml at all [")
    backup = save_settings(path, Settings(), now=NOW)
    assert backup == path.with_name(BACKUP_NAME + "-2")
    assert backup.read_text(encoding="utf-8") == "not toml at all ["
    assert path.with_name(BACKUP_NAME).read_text(encoding="utf-8") == "first"
    assert path.with_name(BACKUP_NAME + "-1").read_text(encoding="utf-8") == "second"


def test_the_copy_keeps_the_file_mode(path: Path) -> None:
    write(path, "[")
    path.chmod(0o600)
    backup = save_settings(path, Settings(), now=NOW)
    assert backup is not None
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_a_file_with_a_bad_value_keeps_its_comments_after_the_copy(path: Path) -> None:
    text = "version = 1\n[breaks]\ninterval_minutes = 900  # oops\nmax_snoozes = 1  # one\n"
    write(path, text)
    loaded = load_settings(path)
    backup = save_settings(path, loaded.settings, loaded, now=NOW)
    assert backup is not None
    assert path.read_text(encoding="utf-8") == (
        "version = 1\n[breaks]\ninterval_minutes = 30  # oops\nmax_snoozes = 1  # one\n"
    )


def test_a_newer_file_is_replaced_by_a_fresh_one_after_the_copy(path: Path) -> None:
    newer = "version = 2\n[breaks]\nsomething_new = 1\n"
    write(path, newer)
    backup = save_settings(path, Settings(), now=NOW)
    assert backup is not None and backup.read_text(encoding="utf-8") == newer
    assert path.read_text(encoding="utf-8") == settings_to_document(Settings()).as_string()


def test_a_file_that_cannot_be_read_is_not_replaced(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(path, HAND_WRITTEN)

    real_open = os.open

    def refuse(name: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(name) == path:
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(OSError, match="permission denied"):
        save_settings(path, Settings())
    monkeypatch.undo()
    assert snapshot(path.parent) == {"settings.toml": HAND_WRITTEN.encode()}


def test_what_is_saved_parses_cleanly(path: Path) -> None:
    save_settings(path, with_breaks(interval_minutes=480, duration_seconds=10))
    assert parse_settings(path.read_text(encoding="utf-8"), path) == (
        with_breaks(interval_minutes=480, duration_seconds=10),
        [],
    )


def test_an_added_key_goes_with_its_table_not_under_the_next_tables_comment(path: Path) -> None:
    write(
        path,
        "version = 1\n[breaks]\ninterval_minutes = 20\n\n"
        "# --- my work hours ---\n[work_hours]\nmonday = [\"09:00-12:00\"]\n",
    )
    loaded = load_settings(path)
    changed = replace(loaded.settings, breaks=replace(loaded.settings.breaks, snooze_minutes=9))
    save_settings(path, changed, loaded)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines.index("interval_minutes = 20") + 1 == next(
        i for i, line in enumerate(lines) if line.startswith("snooze_minutes = 9")
    )
    assert lines.index("# --- my work hours ---") + 1 == lines.index("[work_hours]")
    assert load_settings(path).settings == changed


def test_a_crlf_file_stays_crlf(path: Path) -> None:
    write(path, b"version = 1\r\n# note\r\n[breaks]\r\ninterval_minutes = 20\r\n")
    loaded = load_settings(path)
    changed = replace(
        loaded.settings,
        breaks=replace(loaded.settings.breaks, interval_minutes=45, snooze_minutes=9),
    )
    save_settings(path, changed, loaded)
    data = path.read_bytes()
    assert b"interval_minutes = 45\r\n" in data and b"snooze_minutes = 9" in data
    assert data.count(b"\n") == data.count(b"\r\n")  # no lone LF slipped in
    assert load_settings(path).settings == changed
