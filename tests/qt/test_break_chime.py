"""The end-of-break chime: silent when off or impossible, once at the end, never early."""

from __future__ import annotations

import logging

import pytest
from pytestqt.qtbot import QtBot

from desk_break.core.clock import FakeClock
from desk_break.qt import sound
from tests.qt.break_window_fixtures import (  # noqa: F401  (the fixtures, by name)
    catalog_fixture,
    clock_fixture,
    make_window_fixture,
)

# Qt raises a parentless Qt.Tool window when it shows it; the offscreen plugin
# says it cannot. Real platforms (xcb, Windows, macOS) can, silently.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


# ---- the chime --------------------------------------------------------------------


def test_chime_is_silent_with_sound_off(qtbot: QtBot, monkeypatch, caplog) -> None:
    def must_not_load():
        raise AssertionError("QtMultimedia loaded with sound off")

    monkeypatch.setattr(sound, "_multimedia", must_not_load)
    chime = sound.Chime(False)
    assert not chime.audible
    chime.play()  # no-op, no warning (qt_log_level_fail would catch one)


def test_chime_without_qtmultimedia_is_silent_with_one_debug_line(
    qtbot: QtBot, monkeypatch, caplog
) -> None:
    monkeypatch.setattr(sound, "_multimedia", lambda: None)
    monkeypatch.setenv("PATH", "/nonexistent")  # and no command-line player either
    with caplog.at_level(logging.DEBUG, logger=sound.__name__):
        chime = sound.Chime(True)
        chime.play()
        chime.play()
    assert not chime.audible
    assert [r.levelno for r in caplog.records] == [logging.DEBUG]


def test_chime_without_qtmultimedia_uses_the_systems_player(
    qtbot: QtBot, monkeypatch, tmp_path
) -> None:
    """A stand-in `paplay` on PATH records how it was called, as the real one is."""
    record = tmp_path / "paplay-called-with"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "paplay"
    fake.write_text(  # written whole, then renamed: the test never reads half a file
        f'#!/bin/sh\nprintf "%s\\n" "$@" > "{record}.tmp"\n/bin/mv "{record}.tmp" "{record}"\n'
    )
    fake.chmod(0o755)
    monkeypatch.setattr(sound, "_multimedia", lambda: None)
    monkeypatch.setenv("PATH", str(bin_dir))
    chime = sound.Chime(True)
    assert chime.audible
    chime.play()
    qtbot.waitUntil(record.exists, timeout=5000)
    played = record.read_text().split()
    assert len(played) == 1 and played[0].endswith("chime.wav")
    assert sound.Path(played[0]).is_file()


class _NoDevice:
    def isNull(self) -> bool:
        return True


class _FakeMediaDevices:
    @staticmethod
    def defaultAudioOutput() -> _NoDevice:
        return _NoDevice()


class _ExplodingEffect:
    def __init__(self, *args: object) -> None:
        raise AssertionError("a sound effect was made with no device to play it on")


def test_chime_without_audio_device_is_silent_with_one_debug_line(
    qtbot: QtBot, monkeypatch, caplog
) -> None:
    monkeypatch.setattr(sound, "_multimedia", lambda: (_ExplodingEffect, _FakeMediaDevices))
    with caplog.at_level(logging.DEBUG, logger=sound.__name__):
        chime = sound.Chime(True)
        chime.play()
    assert not chime.audible
    assert len(caplog.records) == 1
    assert "no audio output" in caplog.records[0].getMessage()


def test_chime_for_real_never_warns(qtbot: QtBot) -> None:
    """Whatever this machine has (library or not, device or not): no crash, no Qt warning."""
    chime = sound.Chime(True)
    chime.play()


def test_window_chimes_once_at_the_end(make_window, clock: FakeClock, monkeypatch) -> None:
    played: list[bool] = []
    monkeypatch.setattr(sound.Chime, "play", lambda self: played.append(True))
    window = make_window(sound_on=True)
    window.start()
    clock.advance(30)
    window.refresh()
    window.refresh()
    window.finish_and_close()
    assert played == [True]


def test_window_closed_early_makes_no_sound(make_window, monkeypatch) -> None:
    played: list[bool] = []
    monkeypatch.setattr(sound.Chime, "play", lambda self: played.append(True))
    window = make_window(sound_on=True)
    window.start()
    window.close_now()
    assert played == []


def test_chime_file_is_a_short_wav() -> None:
    import wave

    path = sound._chime_path()
    assert path is not None
    with wave.open(str(path)) as wav:
        seconds = wav.getnframes() / wav.getframerate()
    assert 0.3 <= seconds <= 1.0
    assert path.stat().st_size < 64_000
