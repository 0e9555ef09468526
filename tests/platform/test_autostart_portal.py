"""Start at login inside a Flatpak: the Background portal, asked on a private bus."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk_break.platform import autostart as autostart_module
from desk_break.platform.autostart import autostart_for_platform
from desk_break.platform.autostart_portal import PortalAutostart
from tests.fake_dbus_services import private_bus
from tests.fake_portal import FakeBackgroundPortal


def test_enabling_asks_the_portal_for_autostart_with_our_command(tmp_path: Path) -> None:
    state = tmp_path / "autostart"
    with private_bus() as address, FakeBackgroundPortal(address) as portal:
        auto = PortalAutostart(["desk-break"], state, bus_address=address)
        assert not auto.is_enabled()
        auto.set_enabled(True)
        assert auto.is_enabled()
        auto.set_enabled(False)
        assert not auto.is_enabled()
    first, second = portal.requests
    assert first["autostart"] is True and first["commandline"] == ["desk-break"]
    assert first["reason"] and first["handle_token"]
    assert second["autostart"] is False


def test_a_refusal_is_an_error_and_nothing_is_remembered(tmp_path: Path) -> None:
    state = tmp_path / "autostart"
    with private_bus() as address, FakeBackgroundPortal(address, grant=False):
        auto = PortalAutostart(["desk-break"], state, bus_address=address)
        with pytest.raises(OSError, match="did not allow"):
            auto.set_enabled(True)
    assert not auto.is_enabled()
    assert not state.exists()


def test_an_answer_on_the_path_the_portal_returned_is_heard(tmp_path: Path) -> None:
    with private_bus() as address, FakeBackgroundPortal(address, other_path=True):
        auto = PortalAutostart(["desk-break"], tmp_path / "a", bus_address=address)
        auto.set_enabled(True)
        assert auto.is_enabled()


def test_no_portal_on_the_bus_is_a_clear_error(tmp_path: Path) -> None:
    with private_bus() as address:
        auto = PortalAutostart(["desk-break"], tmp_path / "a", bus_address=address)
        with pytest.raises(OSError, match="portal"):
            auto.set_enabled(True)


def test_inside_flatpak_the_portal_is_used(monkeypatch: pytest.MonkeyPatch,
                                           xdg_dirs: dict[str, Path]) -> None:
    monkeypatch.setattr(autostart_module, "in_flatpak", lambda: True)
    auto = autostart_for_platform("linux", ["/usr/bin/python3", "-m", "desk_break"])
    assert isinstance(auto, PortalAutostart)
    assert auto.command == ["desk-break"]  # the sandbox's own command, not a host path
    assert auto.state_file == xdg_dirs["XDG_STATE_HOME"] / "desk-break" / "autostart"


def test_inside_flatpak_the_control_socket_is_in_the_folder_every_instance_shares(
        monkeypatch: pytest.MonkeyPatch, xdg_dirs: dict[str, Path]) -> None:
    from desk_break.paths import app_paths

    shared = xdg_dirs["XDG_RUNTIME_DIR"] / "app" / "io.github.desk_break.DeskBreak"
    shared.mkdir(parents=True)
    monkeypatch.setenv("FLATPAK_ID", "io.github.desk_break.DeskBreak")
    assert app_paths().socket_path == shared / "desk-break" / "control.sock"
    monkeypatch.delenv("FLATPAK_ID")
    assert app_paths().socket_path == xdg_dirs["XDG_RUNTIME_DIR"] / "desk-break" / "control.sock"
