"""What the command line prints from the person's files is shown, never obeyed: a move
name or a settings key with terminal escapes (clear the screen, retitle the window) or a
right-to-left override comes out as visible \\uXXXX escapes, and --json stays valid JSON
that reads back the same text."""

from __future__ import annotations

import json
import re

import pytest

from desk_break.cli import main
from desk_break.paths import app_paths

# Raw ESC, BEL, CR, C1 CSI and the bidirectional controls a terminal would act on.
OBEYED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
NAME = "Evil\x1b]0;pwned\x07 \x1b[2J\r\u202eeman\x9b31m"
NAME_TOML = "Evil\\u001b]0;pwned\\u0007 \\u001b[2J\\r\\u202eeman\\u009b31m"
MOVE = f"""
[[moves]]
id = "evil"
name = "{NAME_TOML}"
position = "seated"
focus = ["extension"]
purpose = "Test."
steps = [{{ cue = "Hold", seconds = 5, pose = "sit" }}]
"""


def test_a_move_name_with_terminal_escapes_is_printed_visibly(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = app_paths().user_moves_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(MOVE, encoding="utf-8")
    assert main(["moves"]) == 0
    out = capsys.readouterr().out
    assert not OBEYED.search(out), repr(out)
    line = next(line for line in out.splitlines() if line.startswith("evil"))
    assert "Evil\\u001b]0;pwned\\u0007 \\u001b[2J\\u000d\\u202eeman\\u009b31m" in line
    assert main(["moves", "--json"]) == 0
    out = capsys.readouterr().out
    assert not OBEYED.search(out), repr(out)
    by_id = {m["id"]: m for m in json.loads(out)}
    assert by_id["evil"]["name"] == NAME  # the data itself is kept, only its printing escaped


def test_a_settings_key_with_terminal_escapes_is_reported_visibly(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = app_paths().settings_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('version = 1\n[breaks]\n"\\u001b[2Jgone" = 1\n', encoding="utf-8")
    assert main(["settings", "check"]) == 2
    err = capsys.readouterr().err
    assert not OBEYED.search(err), repr(err)
    assert "breaks.\\u001b[2Jgone" in err
