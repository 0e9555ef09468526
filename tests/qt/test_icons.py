"""The tray icons read at 16 px on dark and light panels, and tell every state apart."""

from __future__ import annotations

import math
from itertools import combinations

import pytest
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication

from desk_break.core.events import State
from desk_break.qt.icons import ICON_NAMES, state_icon, state_icon_name
from desk_break.qt.prefs.common import contrast_ratio
from tests.icon_sheet import PANELS, contact_sheet, icon_image
from tests.xdisplay import ARTIFACTS

TRAY = 16


def on_panel(name: str, panel: QColor, size: int = TRAY) -> QImage:
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(panel)
    p = QPainter(image)
    p.drawImage(0, 0, icon_image(name, size))
    p.end()
    return image


def differing_share(a: QImage, b: QImage, threshold: int = 48) -> float:
    """The share of pixels where any channel differs by more than `threshold`."""
    differ = 0
    for x in range(a.width()):
        for y in range(a.height()):
            ca, cb = QColor(a.pixel(x, y)), QColor(b.pixel(x, y))
            if max(abs(ca.red() - cb.red()), abs(ca.green() - cb.green()),
                   abs(ca.blue() - cb.blue())) > threshold:
                differ += 1
    return differ / (a.width() * a.height())


def test_every_state_has_an_icon(qapp: QApplication) -> None:
    for state in State:
        assert not state_icon(state).isNull(), state
    assert state_icon_name(State.HELD) == "held"
    assert state_icon_name(State.AWAY) == "away"
    assert {state_icon_name(s) for s in State} == set(ICON_NAMES)


@pytest.mark.parametrize("panel", PANELS, ids=lambda c: c.name())
@pytest.mark.parametrize(("one", "other"), list(combinations(ICON_NAMES, 2)))
def test_each_icon_differs_from_the_others_at_16_px(
    qapp: QApplication, panel: QColor, one: str, other: str
) -> None:
    share = differing_share(on_panel(one, panel), on_panel(other, panel))
    assert share >= 0.15, (one, other, share)


@pytest.mark.parametrize("panel", PANELS, ids=lambda c: c.name())
@pytest.mark.parametrize("name", ICON_NAMES)
def test_each_icon_stands_out_on_dark_and_light_panels(
    qapp: QApplication, panel: QColor, name: str
) -> None:
    """WCAG's 3:1 for graphics: the disc's rim against the panel (so its outline shows)
    and the glyph against its disc (so the state shows)."""
    image = on_panel(name, panel)
    half = TRAY / 2
    rim = sorted(
        contrast_ratio(QColor(image.pixel(x, y)), panel)
        for x in range(TRAY)
        for y in range(TRAY)
        if 0.7 * half <= math.hypot(x + 0.5 - half, y + 0.5 - half) <= 0.9 * half
    )
    assert rim[len(rim) // 2] >= 3.0, (name, panel.name(), rim[len(rim) // 2])
    centre_ring = [QColor(image.pixel(x, y)) for x in range(3, 13) for y in range(3, 13)]
    darkest = min(centre_ring, key=lambda c: c.lightness())
    lightest = max(centre_ring, key=lambda c: c.lightness())
    assert contrast_ratio(darkest, lightest) >= 3.0, (name, darkest.name(), lightest.name())


def test_the_contact_sheet_renders_every_icon(qapp: QApplication) -> None:
    """The sheet a person looks at, saved to artifacts/ (also: python tests/icon_sheet.py)."""
    sheet = contact_sheet()
    ARTIFACTS.mkdir(exist_ok=True)
    assert sheet.save(str(ARTIFACTS / "tray-icons.png"))
    assert sheet.height() >= 32 * len(ICON_NAMES)
