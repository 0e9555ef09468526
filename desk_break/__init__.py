"""Desk Break: micro-breaks that get your upper back moving."""

__version__ = "0.1.0"
APP_NAME = "desk-break"
