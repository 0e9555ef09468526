"""The statistics window on a real X display: light, dark (switched live, as a desktop
does) and 200 %, on no history and on years of it. The PNGs land in artifacts/
(statistics-*.png) for a person to look at; the test checks what a machine can: the
theme asked for, not blank, twice the pixels at 200 %."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.test_screenshots import distinct_colours, lightness_inside, window_pixels
from tests.qt.stats_histories import years_of_history
from tests.xdisplay import ARTIFACTS, require, xvfb

pytestmark = pytest.mark.xvfb
HERE = Path(__file__).resolve().parent.parent


def shoot(display: str, *args: str, scale: str = "1") -> None:
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "QT_SCALE_FACTOR": scale,
           "PYTHONPATH": str(HERE.parent)}
    result = subprocess.run(
        [sys.executable, str(HERE / "shoot_statistics.py"), str(ARTIFACTS), *args],
        env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr


def test_statistics_window_in_light_dark_and_at_200_percent(
    qapp: object, tmp_path: Path
) -> None:
    require("import")
    history = tmp_path / "years" / "history.sqlite3"
    years_of_history(history)
    histories = (f"years={history}", f"empty={tmp_path / 'none.sqlite3'}")
    with xvfb(1600, 1000) as display:
        shoot(display, *histories, "years:light:7:top", "years:light:90:bottom",
              "years:dark:7:top", "years:dark:90:bottom", "empty:light:7:top")
    with xvfb(3200, 2000) as display:  # the same room in twice the pixels
        shoot(display, *histories, "years:dark:7:top", "years:dark:30:bottom", scale="2")
    names = ["statistics-years-7-top-light", "statistics-years-90-bottom-light",
             "statistics-years-7-top-dark", "statistics-years-90-bottom-dark",
             "statistics-empty-7-top-light", "statistics-years-7-top-dark-2x",
             "statistics-years-30-bottom-dark-2x"]
    assert lightness_inside("statistics-years-7-top-light") > 180
    assert lightness_inside("statistics-years-90-bottom-dark") < 90  # after a live switch
    for name in names:
        assert distinct_colours(name) > 20, f"{name} looks blank"
    _image, one = window_pixels("statistics-years-7-top-dark")
    _image, two = window_pixels("statistics-years-7-top-dark-2x")
    assert two["width"] == pytest.approx(2 * one["width"], rel=0.15)
