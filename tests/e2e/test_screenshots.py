"""Screenshots of what a person sees, on a real X display, in light and dark themes.

The PNGs land in artifacts/ for a human to look at; the test checks what can be
checked by machine: the window is there, on screen, in the theme asked for.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from tests.xdisplay import ARTIFACTS, require, wait_for, xvfb

pytestmark = pytest.mark.xvfb
HERE = Path(__file__).resolve().parent.parent


def shoot(display: str, what: str, theme: str, scale: str = "1") -> None:
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "QT_SCALE_FACTOR": scale}
    result = subprocess.run([sys.executable, str(HERE / "shoot.py"), str(ARTIFACTS), what, theme],
                            env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr


def window_pixels(name: str) -> tuple[QImage, dict[str, float]]:
    image = QImage(str(ARTIFACTS / f"{name}.png"))
    assert not image.isNull(), name
    geometry = json.loads((ARTIFACTS / f"{name}.json").read_text())
    return image, geometry


def lightness_inside(name: str) -> float:
    """Median lightness of a grid of points inside the window (0 black .. 255 white)."""
    image, g = window_pixels(name)
    assert g["width"] > 100 and g["height"] > 100, g
    values = sorted(
        QColor(image.pixel(int(g["x"] + g["width"] * fx), int(g["y"] + g["height"] * fy)))
        .lightness()
        for fx in (0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95)
        for fy in (0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95)
    )
    return values[len(values) // 2]


def distinct_colours(name: str) -> int:
    image, g = window_pixels(name)
    seen = set()
    for x in range(int(g["x"]), int(g["x"] + g["width"]), 3):
        for y in range(int(g["y"]), int(g["y"] + g["height"]), 3):
            seen.add(image.pixel(x, y))
    return len(seen)


def test_break_window_in_light_dark_and_at_200_percent(qapp: object) -> None:
    require("import")
    with xvfb(1600, 1000) as display:
        shoot(display, "break", "light")
        shoot(display, "break", "dark")
    with xvfb(3200, 2000) as display:  # the same room, in twice the pixels
        shoot(display, "break", "light", scale="2")
    assert lightness_inside("break-window-light") > 180
    assert lightness_inside("break-window-dark") < 90
    for name in ("break-window-light", "break-window-dark", "break-window-light-2x"):
        assert distinct_colours(name) > 20, f"{name} looks blank"
    _img, one = window_pixels("break-window-light")
    _img, two = window_pixels("break-window-light-2x")
    assert two["width"] == pytest.approx(2 * one["width"], rel=0.15)


def shoot_moments(display: str, theme: str, scale: str = "1") -> list[str]:
    shoot(display, "moments", theme, scale)
    suffix = theme + ("" if scale == "1" else f"-{scale}x")
    names = sorted(p.stem for p in ARTIFACTS.glob(f"moment-*-{suffix}.png"))
    return [n for n in names if n.endswith(f"-{suffix}")]


def test_moments_of_every_micro_move_and_two_long_breaks(qapp: object) -> None:
    """Start, a middle step, the last step and "Nice work" of each break, light and dark:
    saved for a person to look at; here, that each is there and in its theme."""
    require("import")
    with xvfb(1600, 1000) as display:
        light = shoot_moments(display, "light")
        dark = shoot_moments(display, "dark")
    assert len(light) == len(dark) >= (5 + 2) * 4
    for name in light:
        assert lightness_inside(name) > 180, name
        assert distinct_colours(name) > 20, f"{name} looks blank"
    for name in dark:
        assert lightness_inside(name) < 90, name


def test_at_200_percent_the_window_fits_a_1280x800_screen(qapp: object) -> None:
    """The case that was taller than the screen and placed at y = -6: every moment's
    frame lies inside the screen's available area."""
    require("import")
    with xvfb(1280, 800) as display:
        shoot(display, "break", "light", scale="2")
        names = ["break-window-light-2x", *shoot_moments(display, "light", scale="2")]
    for name in names:
        g = json.loads((ARTIFACTS / f"{name}.json").read_text())
        x, y, w, h = g["frame"]
        ax, ay, aw, ah = g["available"]
        assert (ax, ay, aw, ah) == (0, 0, 1280, 800), name
        assert ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah, (name, g)
        assert w >= 0.8 * aw, name  # and it uses the room there is
        assert distinct_colours(name) > 20, f"{name} looks blank"


@contextmanager
def openbox(display: str) -> Iterator[None]:
    """A real window manager, so the frame (title bar included) is the WM's, not a guess."""
    require("openbox")
    folder = Path(tempfile.mkdtemp(prefix="ob-"))
    ready = folder / "ready"
    wm = subprocess.Popen(["openbox", "--sm-disable", "--startup", f"touch {ready}"],
                          env={**os.environ, "DISPLAY": display},
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(ready.exists, 10, "openbox to finish starting")
        yield
    finally:
        wm.terminate()
        wm.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("scale", ["1", "2"])
def test_with_a_window_manager_the_whole_frame_is_on_a_1280x800_screen(
    qapp: object, scale: str
) -> None:
    require("import")
    with xvfb(1280, 800) as display, openbox(display):
        shoot(display, "break", "light", scale=scale)
    suffix = "" if scale == "1" else f"-{scale}x"
    g = json.loads((ARTIFACTS / f"break-window-light{suffix}.json").read_text())
    x, y, w, h = g["frame"]
    assert x >= 0 and y >= 0 and x + w <= 1280 and y + h <= 800, g
    assert w >= 0.6 * 1280 and h >= 0.6 * 800, g  # a real window, using the room
    assert h > g["contents"][3], g  # and the frame is the WM's, title bar and all


def test_every_preferences_page_in_light_and_dark(qapp: object) -> None:
    require("import")
    with xvfb() as display:
        shoot(display, "preferences", "light")
        shoot(display, "preferences", "dark")
    for key in ("breaks", "long_breaks", "work_hours", "moves", "behaviour", "about"):
        assert lightness_inside(f"preferences-{key}-light") > 180, key
        assert lightness_inside(f"preferences-{key}-dark") < 90, key
        assert distinct_colours(f"preferences-{key}-light") > 20, key
