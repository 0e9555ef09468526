"""History on the live app: breaks done through its CLI show in `stats --json` and
the CSV, while it runs; a kill -9 mid-break shows as interrupted after a restart."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from desk_break.core.clock import local_zone
from tests.e2e.test_real_display import write_settings_around_now
from tests.xdisplay import AppProcess, xvfb

pytestmark = pytest.mark.xvfb


@pytest.fixture
def live(xdg_dirs: dict[str, Path]) -> Iterator[AppProcess]:
    write_settings_around_now(xdg_dirs["XDG_CONFIG_HOME"], interval=45)
    flag = xdg_dirs["XDG_DATA_HOME"] / "desk-break" / "first-run-note-shown"
    flag.parent.mkdir(parents=True, exist_ok=True)
    flag.write_text("shown\n")
    with xvfb() as display:
        app = AppProcess(display)
        app.start()
        try:
            yield app
        finally:
            app.stop()


def run(app: AppProcess, *args: str) -> str:
    result = app.cli(*args)
    assert result.returncode == 0, (args, result.stderr)
    return result.stdout


def test_breaks_through_the_live_app_show_in_stats_and_export_and_a_kill_is_interrupted(
    live: AppProcess,
) -> None:
    app = live
    run(app, "break-now")
    run(app, "done")
    run(app, "break-now")
    run(app, "skip")
    today = datetime.now(local_zone()).date().isoformat()
    stats = json.loads(run(app, "stats", "--days", "1", "--json"))  # while it runs
    day = stats["days"][0]
    assert (day["date"], day["due"], day["completed"], day["skipped"]) == (today, 2, 1, 1)
    rows = list(csv.DictReader(io.StringIO(run(app, "export", "--csv", "-"))))
    assert [r["kind"] for r in rows] == [
        "due", "started", "completed", "due", "started", "skipped"
    ]
    assert rows[2]["moves"] and rows[2]["started_at"]

    run(app, "break-now")
    app.kill9()  # mid-break: no end event
    kinds = [r["kind"] for r in csv.DictReader(io.StringIO(run(app, "export", "--csv", "-")))]
    assert kinds[-1] == "started"
    app.start()
    app.wait_until_answering()
    kinds = [r["kind"] for r in csv.DictReader(io.StringIO(run(app, "export", "--csv", "-")))]
    assert kinds[6:] == ["due", "started", "interrupted"]
    stats = json.loads(run(app, "stats", "--days", "1", "--json"))
    assert stats["days"][0]["due"] == 2  # the interrupted one is not counted against you
