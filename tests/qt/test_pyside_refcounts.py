"""Guard against Qt bindings that leak references to Python's singletons.

PySide6 6.12.0 on CPython 3.11 drops a reference to None on every call of a Qt
method that returns nothing, and to True on every signal emit; after a few
thousand the interpreter aborts ("deallocating None"). Desk Break runs all day,
so the installed bindings must not do this; pyproject excludes 6.12.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, QTimer, Signal
from pytestqt.qtbot import QtBot


class _Emitter(QObject):
    fired = Signal()


@pytest.mark.skipif(
    sys.version_info >= (3, 12),
    reason="None and True are immortal on Python 3.12+ (PEP 683): their refcount "
    "cannot fall, so the leak cannot abort the process there and this check cannot fail",
)
def test_void_calls_and_emits_keep_none_and_true_alive(qtbot: QtBot) -> None:
    emitter, timer = _Emitter(), QTimer()
    # Few enough that a leaking binding is caught before the interpreter aborts.
    before = (sys.getrefcount(None), sys.getrefcount(True))
    for _ in range(300):
        timer.stop()
        emitter.fired.emit()
    after = (sys.getrefcount(None), sys.getrefcount(True))
    assert after[0] >= before[0] - 20, f"None lost {before[0] - after[0]} references"
    assert after[1] >= before[1] - 20, f"True lost {before[1] - after[1]} references"
