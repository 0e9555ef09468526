"""The History page: the daily goal, how long history is kept, and "Forget history…".

Forgetting is not a setting: the page asks for confirmation (`ask`, which tests
replace) and emits `forget_requested`; the app deletes the events on the history's
writer thread.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from desk_break.core.i18n import QT_TRANSLATE_NOOP, translate

from .fields import GeneratedPage


class HistoryPage(GeneratedPage):
    """Signals:
    forget_requested(): the person confirmed that every break in the history goes.
    """

    forget_requested = Signal()

    def __init__(self) -> None:
        super().__init__(
            "history",
            QT_TRANSLATE_NOOP("Preferences", "History"),
            "chart",
            (("statistics", ""),),
            translate(
                "HistoryPage", "Every break is kept on this computer only, for your statistics."
            ),
        )
        self.forget_button = QPushButton(translate("HistoryPage", "Forget history…"))
        self.forget_button.setObjectName("preferences-forget-history")
        self.forget_button.setAccessibleName(translate("HistoryPage", "Forget history"))
        self.forget_button.clicked.connect(self._forget)
        self.forgotten = QLabel()
        self.forgotten.setObjectName("preferences-history-forgotten")
        row = QHBoxLayout()
        row.setContentsMargins(0, 10, 0, 0)
        row.addWidget(self.forget_button)
        row.addWidget(self.forgotten, 1)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(layout.count() - 1, row)  # above the closing stretch

    @classmethod
    def ask(cls, parent: QWidget) -> bool:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(translate("HistoryPage", "Forget history?"))
        box.setText(translate("HistoryPage", "Forget every break Desk Break has recorded?"))
        box.setInformativeText(translate(
            "HistoryPage",
            "Your statistics and streaks start again from nothing. This cannot be undone.",
        ))
        forget = box.addButton(
            translate("HistoryPage", "Forget history"), QMessageBox.ButtonRole.DestructiveRole
        )
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        for button in (forget, cancel):
            button.setIcon(QIcon())  # as Preferences' own buttons: no stock ticks and crosses
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is forget

    def _forget(self) -> None:
        if type(self).ask(self):
            self.forget_requested.emit()
            self.forgotten.setText(translate("HistoryPage", "History forgotten."))
