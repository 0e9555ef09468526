"""The Flatpak manifest, as flatpak-builder reads it: the app id, the command, the pinned
Python dependencies, and finish-args for exactly the D-Bus names the app talks to.

The runtimes (org.kde.Sdk, io.qt.PySide.BaseApp) cannot be fetched here, so nothing
is built; `flatpak-builder --show-manifest` parses the manifest as a build would.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FLATPAK = REPO / "packaging" / "flatpak"
APP_ID = "io.github.desk_break.DeskBreak"
# Strings in desk_break/ that look like D-Bus names but are not ones we call:
# gsettings schemas, and the app ids of volume meters the microphone hold ignores.
NOT_BUS_NAMES = {"org.gnome.desktop.notifications", "org.gnome.VolumeControl",
                 "org.PulseAudio.pavucontrol"}
# Reached without a permission: the bus itself, and the portals.
FREE = ("org.freedesktop.DBus", "org.freedesktop.portal.")
# Talked to by Qt for us (QSystemTrayIcon), not named in our code.
QT_USES = {"org.kde.StatusNotifierWatcher"}
# Used outside Flatpak only, and deliberately not granted (packaging/flatpak/README.md):
# GNOME's do-not-disturb is read with gsettings, and the KDE runtime has no GNOME schemas.
NOT_IN_SANDBOX = {"ca.desrt.dconf.Writer"}


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    tool = shutil.which("flatpak-builder")
    if tool is None:
        pytest.fail("flatpak-builder is missing (run: bash packaging/setup.sh test)")
    # Run elsewhere: flatpak-builder makes its .flatpak-builder/ state folder in the cwd.
    done = subprocess.run([tool, "--show-manifest", str(FLATPAK / f"{APP_ID}.yml")],
                          capture_output=True, text=True, check=False, timeout=60,
                          cwd=tmp_path_factory.mktemp("flatpak"))
    assert done.returncode == 0, done.stderr
    parsed: dict[str, object] = json.loads(done.stdout)
    return parsed


def _code_bus_names() -> set[str]:
    found: set[str] = set()
    for path in (REPO / "desk_break").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'"((?:org|ca|com)\.[A-Za-z0-9]+\.[A-Za-z0-9.]+)"', text))
    names = {n for n in found if n not in NOT_BUS_NAMES and not n.startswith(FREE)}
    # Interfaces and error names extend their service's name: keep the services.
    return {n for n in names if ".Error." not in n
            and not n.endswith((".Manager", ".Session", ".Properties"))
            and n.rsplit(".", 1)[0] not in names}


def test_the_manifest_names_the_app_its_command_and_base(manifest: dict[str, object]) -> None:
    assert manifest["id"] == APP_ID
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    assert manifest["command"] in scripts
    assert manifest["base"] == "io.qt.PySide.BaseApp"
    env = manifest["build-options"]["env"]  # type: ignore[index]
    assert env["BASEAPP_REMOVE_WEBENGINE"] == "1"
    # NumPy is the BaseApp's: removed unless Desk Break needs it (the statistics
    # window's charts: then no BASEAPP_DISABLE_NUMPY, and pyqtgraph pinned by
    # packaging/flatpak/make_python_deps.py).
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    wanted = [*project["dependencies"], *project.get("optional-dependencies", {}).get("stats", [])]
    needs_numpy = any(d.lower().startswith("numpy") for d in wanted)
    assert ("BASEAPP_DISABLE_NUMPY" not in env) == needs_numpy


def test_finish_args_grant_exactly_the_bus_names_the_code_uses(
        manifest: dict[str, object]) -> None:
    args = manifest["finish-args"]
    assert isinstance(args, list)
    talk = {a.split("=", 1)[1] for a in args if a.startswith("--talk-name=")}
    system = {a.split("=", 1)[1] for a in args if a.startswith("--system-talk-name=")}
    used = _code_bus_names()
    assert used, "no D-Bus names found in desk_break/"
    assert used - NOT_IN_SANDBOX | QT_USES == talk | system
    assert system == {"org.freedesktop.login1"}
    assert "--talk-name=org.kde.StatusNotifierWatcher" in args
    assert not any(a.startswith("--filesystem") or a == "--socket=session-bus" for a in args)


def test_the_pinned_requirements_cover_every_runtime_dependency() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    pinned = {re.split(r"==", line)[0].lower().replace("_", "-")
              for line in (FLATPAK / "requirements.txt").read_text().splitlines()
              if line and not line.startswith("#")}
    for dep in [*project["dependencies"],
                *project.get("optional-dependencies", {}).get("stats", [])]:
        name = re.split(r"[<>=;\s\[]", dep)[0].lower()
        if not name.startswith(("pyside6", "numpy")):  # the BaseApp's
            assert name in pinned, name
    assert not pinned & {"numpy", "pyside6", "pyside6-essentials"}  # the BaseApp's
    for line in (FLATPAK / "requirements.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            assert re.search(r"==\S+ --hash=sha256:[0-9a-f]{64}$", line), line
