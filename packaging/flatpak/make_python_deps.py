"""Write requirements.txt: the wheels Desk Break needs inside the Flatpak, pinned by hash.

    .venv/bin/python packaging/flatpak/make_python_deps.py

pip resolves them (`pip install --dry-run --report`) for the runtime's Python (KDE
6.8 is on freedesktop 24.08: CPython 3.12, x86_64) from the runtime dependencies in
pyproject.toml; PySide6 itself comes from io.qt.PySide.BaseApp. The manifest's
python3-deps module installs exactly these (`--require-hashes`). Run it again after
changing the dependencies.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
PYTHON = "3.12"
PLATFORM = "manylinux_2_28_x86_64"
# The build backend for `pip install .` of Desk Break itself (no network there either).
BUILD = ["setuptools>=77"]


# Extras the Flatpak ships too: the statistics window's charts, where that extra exists.
EXTRAS = ("stats",)
# From the BaseApp, not pinned here (numpy stays there unless BASEAPP_DISABLE_NUMPY).
FROM_BASEAPP = ("pyside6", "numpy")


def requirements() -> list[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = list(project["dependencies"])
    for extra in EXTRAS:
        wanted += project.get("optional-dependencies", {}).get(extra, [])
    deps = [re.sub(r";.*", "", d).strip() for d in wanted]
    return [d for d in deps if not d.lower().startswith(FROM_BASEAPP)]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "-q",
             "--report", str(report), "--only-binary=:all:", "--platform", PLATFORM,
             "--python-version", PYTHON, "--implementation", "cp", *requirements(), *BUILD],
            check=True)
        installed = json.loads(report.read_text(encoding="utf-8"))["install"]
    lines = [
        "# Made by packaging/flatpak/make_python_deps.py for CPython "
        f"{PYTHON} on {PLATFORM}; do not edit.",
    ]
    for item in sorted(installed, key=lambda i: i["metadata"]["name"].lower()):
        if item["metadata"]["name"].lower().startswith(FROM_BASEAPP):
            continue  # also when another package pulls it in (pyqtgraph: numpy)
        meta, sha = item["metadata"], item["download_info"]["archive_info"]["hashes"]["sha256"]
        lines.append(f"{meta['name']}=={meta['version']} --hash=sha256:{sha}")
    out = HERE / "requirements.txt"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(REPO)}: {len(lines) - 1} packages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
