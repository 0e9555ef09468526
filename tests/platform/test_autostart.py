"""Start at login: the real file on Linux, the exact payloads for Windows and macOS."""

from __future__ import annotations

import plistlib
from pathlib import Path

import pytest

from desk_break.platform.autostart import (
    AUTOSTART_DELAY_SECONDS,
    RUN_VALUE_NAME,
    Autostart,
    LaunchAgentAutostart,
    NullAutostart,
    WindowsAutostart,
    XdgAutostart,
    autostart_for_platform,
    desktop_entry,
)


def _keys(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line)


@pytest.fixture
def system_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "etc-xdg"
    (folder / "autostart").mkdir(parents=True)
    monkeypatch.setenv("XDG_CONFIG_DIRS", f"{tmp_path / 'nowhere'}:{folder}")
    return folder


# ---- Linux ------------------------------------------------------------------


def test_linux_enable_writes_the_user_entry(xdg_dirs: dict[str, Path], system_dir: Path) -> None:
    auto = XdgAutostart(["desk-break"])
    assert not auto.is_enabled()
    auto.set_enabled(True)
    path = xdg_dirs["XDG_CONFIG_HOME"] / "autostart" / "io.github.desk_break.DeskBreak.desktop"
    assert auto.user_file == path
    keys = _keys(path)
    assert keys["Type"] == "Application"
    assert keys["Exec"] == "desk-break"
    assert keys["X-GNOME-Autostart-Delay"] == str(AUTOSTART_DELAY_SECONDS)
    assert "Hidden" not in keys
    assert auto.is_enabled()
    assert not list(path.parent.glob("*.tmp"))


def test_linux_disable_removes_our_file(xdg_dirs: dict[str, Path], system_dir: Path) -> None:
    auto = XdgAutostart(["desk-break"])
    auto.set_enabled(True)
    auto.set_enabled(False)
    assert not auto.user_file.exists()
    assert not auto.is_enabled()
    auto.set_enabled(False)  # twice is fine


def test_linux_hidden_true_means_disabled(xdg_dirs: dict[str, Path], system_dir: Path) -> None:
    auto = XdgAutostart(["desk-break"])
    auto.user_file.parent.mkdir(parents=True)
    auto.user_file.write_text(desktop_entry(["desk-break"], hidden=True), encoding="utf-8")
    assert not auto.is_enabled()
    auto.user_file.write_text(
        "[Desktop Entry]\nType=Application\nExec=desk-break\nX-GNOME-Autostart-enabled=false\n",
        encoding="utf-8",
    )
    assert not auto.is_enabled()


def test_linux_system_entry_counts_and_a_hidden_user_file_overrides_it(
    xdg_dirs: dict[str, Path], system_dir: Path
) -> None:
    system_file = system_dir / "autostart" / "io.github.desk_break.DeskBreak.desktop"
    system_file.write_text(desktop_entry(["/usr/bin/desk-break"]), encoding="utf-8")
    auto = XdgAutostart(["desk-break"])
    assert auto.is_enabled()

    auto.set_enabled(False)
    # Removing our file would let the system entry start us: write Hidden=true instead.
    assert _keys(auto.user_file)["Hidden"] == "true"
    assert not auto.is_enabled()
    assert system_file.exists()

    auto.set_enabled(True)
    assert "Hidden" not in _keys(auto.user_file)
    assert auto.is_enabled()


def test_linux_hidden_system_entry_is_not_enabled(
    xdg_dirs: dict[str, Path], system_dir: Path
) -> None:
    system_file = system_dir / "autostart" / "io.github.desk_break.DeskBreak.desktop"
    system_file.write_text(desktop_entry(["desk-break"], hidden=True), encoding="utf-8")
    auto = XdgAutostart(["desk-break"])
    assert not auto.is_enabled()
    auto.set_enabled(True)
    assert auto.is_enabled()
    auto.set_enabled(False)
    assert not auto.user_file.exists()  # nothing else would start us


def test_linux_exec_quotes_arguments(xdg_dirs: dict[str, Path]) -> None:
    auto = XdgAutostart(["/opt/My Apps/python3", "-m", "desk_break", "50%"])
    auto.set_enabled(True)
    assert _keys(auto.user_file)["Exec"] == '"/opt/My Apps/python3" -m desk_break 50%%'
    odd = desktop_entry(['C:\\x "y"'])
    assert 'Exec="C:\\\\\\\\x \\\\"y\\\\""' in odd


def test_linux_falls_back_to_dot_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "h"))
    auto = XdgAutostart(["desk-break"])
    home_config = tmp_path / "h" / ".config"
    assert auto.user_file == home_config / "autostart" / "io.github.desk_break.DeskBreak.desktop"


# ---- Windows ----------------------------------------------------------------


class FakeRunKey:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self.calls: list[tuple[str, ...]] = []

    def read(self, name: str) -> str | None:
        return self.values.get(name)

    def write(self, name: str, value: str) -> None:
        self.calls.append(("write", name, value))
        self.values[name] = value

    def delete(self, name: str) -> None:
        self.calls.append(("delete", name))
        self.values.pop(name, None)


def test_windows_writes_the_run_value() -> None:
    key = FakeRunKey()
    auto = WindowsAutostart([r"C:\Program Files\Desk Break\desk-break.exe", "--minimized"], key)
    assert not auto.is_enabled()
    auto.set_enabled(True)
    assert key.calls == [
        ("write", "Desk Break", '"C:\\Program Files\\Desk Break\\desk-break.exe" --minimized')
    ]
    assert RUN_VALUE_NAME == "Desk Break"
    assert auto.is_enabled()
    auto.set_enabled(False)
    assert key.calls[-1] == ("delete", "Desk Break")
    assert not auto.is_enabled()


# ---- macOS ------------------------------------------------------------------


def test_macos_writes_a_launch_agent(tmp_path: Path) -> None:
    auto = LaunchAgentAutostart(
        ["/Applications/Desk Break.app/Contents/MacOS/desk-break"], agents_dir=tmp_path
    )
    assert not auto.is_enabled()
    auto.set_enabled(True)
    assert auto.plist_path == tmp_path / "io.github.desk_break.DeskBreak.plist"
    with auto.plist_path.open("rb") as f:
        written = plistlib.load(f)
    assert written == {
        "Label": "io.github.desk_break.DeskBreak",
        "ProgramArguments": ["/Applications/Desk Break.app/Contents/MacOS/desk-break"],
        "RunAtLoad": True,
        "ProcessType": "Interactive",
        "LimitLoadToSessionType": "Aqua",
    }
    assert auto.is_enabled()
    auto.set_enabled(False)
    assert not auto.plist_path.exists()
    assert not auto.is_enabled()


def test_macos_disabled_key_and_garbage_read_as_off(tmp_path: Path) -> None:
    auto = LaunchAgentAutostart(["desk-break"], agents_dir=tmp_path)
    auto.plist_path.write_bytes(plistlib.dumps({**auto.plist(), "Disabled": True}))
    assert not auto.is_enabled()
    auto.plist_path.write_bytes(b"not a plist")
    assert not auto.is_enabled()


# ---- choosing ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("platform", "cls"),
    [
        ("linux", XdgAutostart),
        ("freebsd14", XdgAutostart),
        ("win32", WindowsAutostart),
        ("darwin", LaunchAgentAutostart),
        ("emscripten", NullAutostart),
    ],
)
def test_autostart_for_platform(platform: str, cls: type) -> None:
    auto = autostart_for_platform(platform, ["desk-break"])
    assert isinstance(auto, cls)
    assert isinstance(auto, Autostart)


def test_null_autostart_is_unsupported() -> None:
    auto = NullAutostart()
    assert not auto.supported
    assert not auto.is_enabled()
    auto.set_enabled(False)
    with pytest.raises(OSError):
        auto.set_enabled(True)
