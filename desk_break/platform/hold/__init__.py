"""Do-not-disturb detectors: each watches one reason to hold breaks (see base.HoldDetector)."""

from __future__ import annotations

from desk_break.platform.hold.base import HoldDetector

__all__ = ["HoldDetector"]
