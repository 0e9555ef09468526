"""Controls of keys an organisation locks (settings/site.py): shown, but not editable.

Every control made from a key declaration is named by its dotted key
(`fields.spin_box`, `fields.check_box`, the pages' own controls), so this one place
finds them after the pages are built. The control goes into a disabled box (a page
that enables its own controls later, e.g. the long-break fields, cannot undo it),
with "set by your organisation" beside it and the site file in its tooltip.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QWidget,
)

from desk_break.core.i18n import translate

from .common import quiet

LOCK_SUFFIX = "-locked"


def _layout_holding(layout: QLayout, widget: QWidget) -> QLayout | None:
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            continue
        if item.widget() is widget:
            return layout
        inner = item.layout()
        if inner is not None:
            found = _layout_holding(inner, widget)
            if found is not None:
                return found
    return None


def _find_layout(widget: QWidget) -> QLayout | None:
    parent = widget.parentWidget()
    while parent is not None:
        top = parent.layout()
        if top is not None:
            found = _layout_holding(top, widget)
            if found is not None:
                return found
        parent = parent.parentWidget()
    return None


def _disabled_in_place(widget: QWidget, layout: QLayout) -> QWidget | None:
    """Put `widget` into a disabled box where it stood; the box, or None where the layout
    cannot swap a widget (a layout of our own without replaceAt): then only disabled."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    if layout.replaceWidget(widget, box, Qt.FindChildOption.FindDirectChildrenOnly) is None:
        box.deleteLater()
        widget.setEnabled(False)
        return None
    row.addWidget(widget)
    box.setEnabled(False)
    return box


def _with_note(box: QWidget, widget: QWidget, layout: QLayout, dotted: str, tip: str) -> None:
    """Put "set by your organisation" beside `box` (which holds `widget`)."""
    outer = QWidget()
    outer.setObjectName(dotted + LOCK_SUFFIX)
    row = QHBoxLayout(outer)
    row.setContentsMargins(0, 0, 0, 0)
    if layout.replaceWidget(box, outer, Qt.FindChildOption.FindDirectChildrenOnly) is None:
        outer.deleteLater()
        return
    note = quiet(QLabel(translate("Preferences", "set by your organisation")))
    note.setObjectName(dotted + "-locked-note")
    if isinstance(widget, QAbstractSpinBox | QAbstractButton | QComboBox):
        row.addWidget(box)  # a small control: the note right after it
        row.addWidget(note)
        row.addStretch(1)
    else:  # a composite (a day's hours): it keeps its width, the note at its end
        row.addWidget(box, 1)
        row.addWidget(note, 0, Qt.AlignmentFlag.AlignTop)
    for w in (outer, note):
        w.setToolTip(tip)


def lock_controls(root: QWidget, locked: Collection[str], site_file: Path | None) -> list[str]:
    """Disable the controls of every key in `locked` under `root`; the keys locked here.

    A key with several controls (the position boxes) gets its note after the last."""
    done = []
    tip = translate(
        "Preferences", "Set by your organisation in {file}; your settings file cannot change it."
    )
    tip = tip.format(file=site_file or "")
    for dotted in sorted(locked):
        placed = [(w, layout) for w in root.findChildren(QWidget, dotted)
                  if (layout := _find_layout(w)) is not None]
        for n, (widget, layout) in enumerate(placed):
            box = _disabled_in_place(widget, layout)
            widget.setToolTip(tip)
            if box is not None and n == len(placed) - 1:
                _with_note(box, widget, layout, dotted, tip)
                done.append(dotted)
    return done
