"""The app started detached (and the statistics window) runs this installation's code,
not whatever `desk_break/` folder sits in the working folder it was started from."""

from __future__ import annotations

import subprocess
from pathlib import Path

from desk_break.platform.launcher import app_command


def test_a_desk_break_folder_in_the_working_folder_is_not_what_runs(tmp_path: Path) -> None:
    impostor = tmp_path / "desk_break"
    impostor.mkdir()
    (impostor / "__init__.py").write_text("")
    (impostor / "__main__.py").write_text("print('impostor'); raise SystemExit(9)\n")
    done = subprocess.run(
        app_command("--version"), cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "impostor" not in done.stdout
    assert done.stdout.strip(), "the real --version printed nothing"
