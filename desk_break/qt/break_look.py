"""The break window's look: colours derived from the system palette, readable by rule,
and where the window goes on a screen.

Colours are computed, not picked per theme: a soft surface eased from the palette's
window colour, text and secondary text nudged until they read at least 4.5:1 on it,
and the palette's own accent (Highlight) for the few things that are accent: the
progress ring, the step bar and the Done button's tint. A theme change recomputes
all of it, so the window follows light, dark and high-contrast palettes.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QMargins, QRect, QSize
from PySide6.QtGui import QColor, QPalette

from desk_break.qt.prefs.common import contrast_ratio, is_dark, readable

MIN_TEXT_CONTRAST = 4.5  # WCAG AA, normal text
MIN_GRAPHIC_CONTRAST = 3.0  # WCAG 1.4.11, the ring and bar


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """`a` moved a fraction `t` of the way to `b` (opaque)."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


@dataclass(frozen=True)
class BreakLook:
    """Every colour the break window paints with, for one palette."""

    dark: bool
    surface: QColor  # the window's background
    stage: QColor  # the rounded panel behind the figure
    text: QColor
    muted: QColor  # captions, "Next", units: quieter, still 4.5:1
    accent: QColor  # ring, step bar, focus ring: 3:1 on the surface
    track: QColor  # the unfilled part of the ring and bar
    button: QColor  # quiet buttons' fill
    button_hover: QColor
    primary: QColor  # Done's fill: a tint of the accent
    primary_hover: QColor
    chip_line: QColor  # the outline of a key hint ("Esc")

    @classmethod
    def from_palette(cls, palette: QPalette) -> BreakLook:
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.WindowText)
        accent = palette.color(QPalette.ColorRole.Highlight)
        dark = is_dark(window)
        # Light: a touch whiter and warmer than the stock grey; dark: a touch deeper.
        surface = mix(window, QColor("#fcfcfa"), 0.65) if not dark else mix(
            window, QColor("#17191c"), 0.35)
        stage = mix(surface, accent, 0.10 if dark else 0.055)
        accent = readable(accent, surface, MIN_GRAPHIC_CONTRAST)
        button = mix(surface, text, 0.07 if dark else 0.055)
        button_hover = mix(surface, text, 0.12 if dark else 0.10)
        primary = mix(surface, accent, 0.26 if dark else 0.16)
        primary_hover = mix(surface, accent, 0.36 if dark else 0.24)
        grounds = (surface, stage, button, button_hover, primary, primary_hover)
        # Ink a touch softer than pure black or white: calmer, still far above 4.5:1.
        text = _readable_on_all(mix(text, surface, 0.05 if dark else 0.12), grounds, dark)
        muted = _readable_on_all(mix(text, surface, 0.42), grounds, dark)
        return cls(
            dark=dark,
            surface=surface,
            stage=stage,
            text=text,
            muted=muted,
            accent=accent,
            track=mix(surface, text, 0.12),
            button=button,
            button_hover=button_hover,
            primary=primary,
            primary_hover=primary_hover,
            chip_line=mix(surface, text, 0.30),
        )

    def text_pairs(self) -> dict[str, tuple[QColor, QColor]]:
        """Every (text, background) pair the window draws, for a contrast check."""
        return {
            "text on surface": (self.text, self.surface),
            "muted on surface": (self.muted, self.surface),
            "text on stage": (self.text, self.stage),
            "text on button": (self.text, self.button),
            "text on hovered button": (self.text, self.button_hover),
            "muted on button": (self.muted, self.button),
            "text on Done": (self.text, self.primary),
            "text on hovered Done": (self.text, self.primary_hover),
            "muted on Done": (self.muted, self.primary),
        }


def _readable_on_all(color: QColor, grounds: tuple[QColor, ...], dark: bool) -> QColor:
    """`color`, moved toward white (dark) or black (light) until it reads on every ground."""
    target = QColor("#ffffff") if dark else QColor("#000000")
    for step in range(41):
        candidate = mix(color, target, step / 40)
        if min(contrast_ratio(candidate, g) for g in grounds) >= MIN_TEXT_CONTRAST:
            return candidate
    return target


def contrast(a: QColor, b: QColor) -> float:
    return contrast_ratio(a, b)


# ---- where the window goes -------------------------------------------------------

# A window manager's frame, in logical px, before the real one is known (a title bar
# on top, a thin border elsewhere): reserved so the frame, not only the contents,
# stays inside the screen's available area.
FRAME_GUESS = QMargins(6, 34, 6, 6)
SCREEN_GAP = 12  # keep this far from the edges of the available area


# Wayland gives clients no work area: Qt reports the whole output as "available",
# panels included (GNOME's top bar is 32 px, a Plasma panel 44). Kept clear in height
# so the window and its title bar fit beside one; where it goes is the compositor's.
WAYLAND_PANEL_GUESS = 48


def usable_area(geometry: QRect, available: QRect, platform: str) -> QRect:
    """The area to size the break window for: the available geometry, less a panel
    we cannot see on Wayland (where "available" is just the whole screen)."""
    if platform == "wayland" and available == geometry:
        half = WAYLAND_PANEL_GUESS // 2
        return available.adjusted(0, half, 0, -half)
    return available


def fit_size(wanted: QSize, minimum: QSize, available: QRect,
             frame: QMargins = FRAME_GUESS) -> QSize:
    """The contents size: `wanted`, at least `minimum`, within `available` with a frame."""
    room_w = available.width() - frame.left() - frame.right() - 2 * SCREEN_GAP
    room_h = available.height() - frame.top() - frame.bottom() - 2 * SCREEN_GAP
    if room_w < minimum.width():  # a tight screen: use the gaps too
        room_w += 2 * SCREEN_GAP
    if room_h < minimum.height():
        room_h += 2 * SCREEN_GAP
    width = min(max(wanted.width(), minimum.width()), room_w)
    height = min(max(wanted.height(), minimum.height()), room_h)
    return QSize(max(1, width), max(1, height))


def centred_frame(size: QSize, available: QRect, frame: QMargins = FRAME_GUESS) -> QRect:
    """The contents' geometry when the frame around them is centred in `available`,
    and pushed back inside it when it does not fit."""
    outer_w = size.width() + frame.left() + frame.right()
    outer_h = size.height() + frame.top() + frame.bottom()
    x = available.x() + (available.width() - outer_w) // 2
    y = available.y() + (available.height() - outer_h) // 2
    x = max(available.left(), min(x, available.left() + available.width() - outer_w))
    y = max(available.top(), min(y, available.top() + available.height() - outer_h))
    return QRect(x + frame.left(), y + frame.top(), size.width(), size.height())
