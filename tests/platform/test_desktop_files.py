"""The desktop entry, metainfo and icons: valid for the real validators, installed where a
desktop looks, and the autostart entry naming the installed icon and launcher."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from desk_break.platform import desktop_files
from desk_break.platform.autostart import XdgAutostart
from desk_break.platform.launcher import APP_ID, installed_launcher, login_command

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "packaging" / "linux"


def _keys(text: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:  # installed by `bash packaging/setup.sh test`: missing is a failure
        pytest.fail(f"{name} is missing (run: bash packaging/setup.sh test)")
    return path


def test_the_desktop_entry_passes_desktop_file_validate() -> None:
    entry = LINUX / f"{APP_ID}.desktop"
    done = subprocess.run([_tool("desktop-file-validate"), str(entry)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr
    keys = _keys(entry.read_text(encoding="utf-8"))
    assert keys["Icon"] == APP_ID
    assert keys["Exec"] == "desk-break"


def test_the_metainfo_passes_appstreamcli_validate() -> None:
    metainfo = LINUX / f"{APP_ID}.metainfo.xml"
    done = subprocess.run([_tool("appstreamcli"), "validate", "--no-net", str(metainfo)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    text = metainfo.read_text(encoding="utf-8")
    for needed in (f"<id>{APP_ID}</id>", f'<launchable type="desktop-id">{APP_ID}.desktop<',
                   f'<icon type="stock">{APP_ID}</icon>', "<content_rating", "<release ",
                   "<screenshot", '<url type="homepage">', "<developer"):
        assert needed in text


def test_every_screenshot_the_metainfo_names_is_in_the_repository() -> None:
    text = (LINUX / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    prefix = "https://github.com/desk-break/desk-break/raw/main/"
    urls = [part.split("<")[0] for part in text.split(prefix)[1:]]
    assert len(urls) >= 3
    for rel in urls:
        image = QImage(str(REPO / rel))
        assert not image.isNull(), rel
        width = text.split(rel)[0].rsplit('width="', 1)[1].split('"')[0]
        height = text.split(rel)[0].rsplit('height="', 1)[1].split('"')[0]
        assert (image.width(), image.height()) == (int(width), int(height)), rel


def test_the_icons_are_in_hicolor_at_every_size_and_up_to_date() -> None:
    hicolor = LINUX / "icons" / "hicolor"
    assert (hicolor / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    for size in desktop_files.ICON_SIZES:
        image = QImage(str(hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()
    stale = subprocess.run([sys.executable, str(REPO / "packaging" / "make_icons.py"), "--check"],
                           capture_output=True, text=True, check=False)
    assert stale.returncode == 0, stale.stdout  # the PNGs are the art's, re-rendered


def test_install_writes_the_entry_with_this_launcher_and_the_icons(
        xdg_dirs: dict[str, Path]) -> None:
    written = desktop_files.install(["/opt/desk break/bin/desk-break"])
    home = xdg_dirs["XDG_DATA_HOME"]
    entry = home / "applications" / f"{APP_ID}.desktop"
    assert written[0] == entry
    keys = _keys(entry.read_text(encoding="utf-8"))
    assert keys["Exec"] == '"/opt/desk break/bin/desk-break"'
    assert keys["Name"] == "Desk Break" and keys["Icon"] == APP_ID
    assert (home / "icons/hicolor/48x48/apps" / f"{APP_ID}.png").is_file()
    assert desktop_files.entry_installed() == entry
    desktop_files.remove()
    assert not entry.exists()
    assert not list((home / "icons").rglob("*.png"))


def test_first_start_installs_once_and_never_over_a_packaged_entry(
        xdg_dirs: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app_data = xdg_dirs["XDG_DATA_HOME"] / "desk-break"
    system = tmp_path / "usr-share"
    monkeypatch.setenv("XDG_DATA_DIRS", str(system))
    entry = desktop_files.offer_desktop_files(app_data)
    assert entry == xdg_dirs["XDG_DATA_HOME"] / "applications" / f"{APP_ID}.desktop"
    desktop_files.remove()  # the person took it away: the next start leaves it so
    assert desktop_files.offer_desktop_files(app_data) is None
    assert not entry.exists()

    (app_data / desktop_files.OFFERED_MARK).unlink()
    (system / "applications").mkdir(parents=True)
    (system / "applications" / f"{APP_ID}.desktop").write_text("[Desktop Entry]\n")
    assert desktop_files.offer_desktop_files(app_data) is None  # a package has one
    assert not entry.exists()


def test_the_login_command_is_this_installations_launcher() -> None:
    script = installed_launcher()
    assert script is not None  # the test venv has one (pip install -e)
    assert login_command() == [str(script)]
    assert script.parent == Path(sys.executable).parent


def test_the_autostart_entry_names_the_installed_icon_and_launcher(
        xdg_dirs: dict[str, Path]) -> None:
    auto = XdgAutostart(login_command())
    legacy = xdg_dirs["XDG_CONFIG_HOME"] / "autostart" / "desk-break.desktop"
    legacy.parent.mkdir(parents=True)
    legacy.write_text("[Desktop Entry]\nType=Application\nExec=python3 -m desk_break\n")
    assert auto.is_enabled()  # an entry from before the app id still counts
    auto.set_enabled(True)
    assert not legacy.exists()
    keys = _keys(auto.user_file.read_text(encoding="utf-8"))
    assert auto.user_file.name == f"{APP_ID}.desktop"
    assert keys["Icon"] == APP_ID
    assert keys["Exec"] == str(installed_launcher())
    assert "Comment[de]" in keys  # the shipped entry's translations come along
    done = subprocess.run([_tool("desktop-file-validate"), str(auto.user_file)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout
