"""`python -m build` makes an sdist and a wheel with no warning, and the wheel works on its own.

The wheel goes into a fresh venv (no source checkout on its path, run from another
folder), and the installed `desk-break` previews the schedule, lists the moves and
installs the desktop entry: every resource found through importlib.resources inside
the installed package. About 20 s: the venv and its dependencies (NumPy and
pyqtgraph among them, from pip's cache once it has them) are made while the wheel
builds in its isolated environment.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import threading
import tomllib
import zipfile
from pathlib import Path

import pytest

import desk_break

REPO = Path(desk_break.__file__).resolve().parent.parent
APP_ID = "io.github.desk_break.DeskBreak"

pytestmark = pytest.mark.slow


def _run(argv: list[str], cwd: Path, env: dict[str, str], timeout: float = 240
         ) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)


def test_the_built_wheel_installs_into_a_fresh_venv_and_runs(
        tmp_path: Path, xdg_dirs: dict[str, Path]) -> None:
    pytest.importorskip("build")
    env = {k: v for k, v in os.environ.items()
           # Not warnings about the project: this machine's "byte-compiling is disabled".
           if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH", "VIRTUAL_ENV")}
    # The fresh venv and the dependencies (the slow part) are made while the wheel builds.
    venv = tmp_path / "venv"
    deps = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "dependencies"]
    prepared: list[subprocess.CompletedProcess[str]] = []

    def prepare() -> None:
        prepared.append(_run([sys.executable, "-m", "venv", str(venv)], tmp_path, env))
        prepared.append(_run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q",
                              "--disable-pip-version-check", *deps], tmp_path, env))

    preparing = threading.Thread(target=prepare)
    preparing.start()
    out = tmp_path / "dist"
    built = _run([sys.executable, "-m", "build", "--outdir", str(out), str(REPO)], tmp_path, env)
    preparing.join(300)
    assert [p.returncode for p in prepared] == [0, 0], [p.stderr[-3000:] for p in prepared]
    assert built.returncode == 0, built.stderr[-3000:]
    log = built.stdout + built.stderr
    warnings = [line for line in log.splitlines() if "warning" in line.lower()]
    assert not warnings, "\n".join(warnings)
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    names = zipfile.ZipFile(wheel).namelist()
    for shipped in ("desk_break/resources/moves.toml", "desk_break/resources/icons/active.svg",
                    f"desk_break/resources/linux/{APP_ID}.desktop",
                    f"desk_break/resources/linux/{APP_ID}.metainfo.xml",
                    f"desk_break/resources/linux/icons/hicolor/16x16/apps/{APP_ID}.png",
                    f"desk_break/resources/linux/icons/hicolor/scalable/apps/{APP_ID}.svg",
                    "desk_break/resources/i18n/desk_break_de.qm",
                    "desk_break/resources/moves.de.toml"):
        assert shipped in names
    with tarfile.open(sdist) as tar:
        assert any(n.endswith(f"packaging/linux/{APP_ID}.desktop") for n in tar.getnames())

    pip = _run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q",
                "--disable-pip-version-check", str(wheel)], tmp_path, env)
    assert pip.returncode == 0, pip.stderr[-3000:]

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    launcher = venv / "bin" / "desk-break"
    where = _run([str(venv / "bin" / "python"), "-c",
                  "import desk_break.assets as a; print(a.__file__); print(a.resource_root())"],
                 elsewhere, env)
    assert str(venv) in where.stdout and str(REPO) not in where.stdout, where.stdout

    schedule = _run([str(launcher), "schedule", "--json"], elsewhere, env)
    assert schedule.returncode == 0, schedule.stderr
    assert isinstance(json.loads(schedule.stdout), list)
    moves = _run([str(launcher), "moves", "--json"], elsewhere, env)
    assert moves.returncode == 0, moves.stderr
    ids = {m["id"] for m in json.loads(moves.stdout)}
    assert "shoulder_blade_squeeze" in ids
    german = _run([str(launcher), "moves"], elsewhere, {**env, "LANGUAGE": "de"})
    assert german.returncode == 0 and "Schulterblätter zusammenziehen" in german.stdout, german
    dated = _run([str(launcher), "schedule", "--date", "2026-11-23"], elsewhere,
                 {**env, "LANGUAGE": "de"})
    assert dated.stdout.startswith("Mo. 2026-11-23  16 Pausen"), dated  # the .qm shipped

    installed = _run([str(launcher), "install-desktop-files"], elsewhere, env)
    assert installed.returncode == 0, installed.stderr
    entry = xdg_dirs["XDG_DATA_HOME"] / "applications" / f"{APP_ID}.desktop"
    assert f"Exec={launcher}\n" in entry.read_text(encoding="utf-8")
    icon = xdg_dirs["XDG_DATA_HOME"] / "icons/hicolor/256x256/apps" / f"{APP_ID}.png"
    assert icon.read_bytes().startswith(b"\x89PNG")
