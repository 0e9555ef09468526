"""Preferences fields made from the key declarations (`settings.model.KEYS`).

A field's widget, bounds, suffix, label and help come from its key's `setting()`
entry, so a key added there shows up here without being spelled out again.
`GeneratedPage` lays out whole tables this way (the Presence page).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_break.core.i18n import translate
from desk_break.settings.keys import Key
from desk_break.settings.model import KEYS, KEYS_BY_NAME, Settings

from .common import Findings, InlineMessage, Page, page_heading, problem_line, with_message


def declared(text: str) -> str:
    """A label, suffix or help text declared in settings/model.py, in the person's language."""
    return translate("Settings", text) if text else ""


def spin_box(dotted: str) -> QSpinBox:
    """A spin box bounded by the key's declaration, so an out-of-range value cannot be typed."""
    spec = KEYS_BY_NAME[dotted].spec
    assert spec.low is not None and spec.high is not None
    spin = QSpinBox()
    spin.setRange(spec.low, spec.high)
    spin.setSuffix(declared(spec.suffix))
    spin.setSingleStep(spec.step)
    if spec.special:
        spin.setSpecialValueText(declared(spec.special))
    if spec.help:
        spin.setToolTip(declared(spec.help))
    spin.setAccelerated(True)
    spin.setKeyboardTracking(True)
    spin.setMinimumWidth(120)
    spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    spin.setObjectName(dotted)
    spin.setAccessibleName(declared(spec.label).rstrip(":") or dotted)
    return spin


def check_box(dotted: str) -> QCheckBox:
    spec = KEYS_BY_NAME[dotted].spec
    box = QCheckBox(declared(spec.label) or dotted)
    box.setObjectName(dotted)
    if spec.help:
        box.setToolTip(declared(spec.help))
    return box


class Binding:
    """One key's widget: fills itself from a Settings value and writes it back."""

    def __init__(self, key: Key) -> None:
        self.key = key
        self.message = InlineMessage()
        self.widget: QWidget
        kind = key.spec.kind
        if kind == "int":
            self.widget = spin_box(key.dotted)
        elif kind == "bool":
            self.widget = check_box(key.dotted)
        elif kind == "path":
            edit = QLineEdit()
            edit.setObjectName(key.dotted)
            edit.setClearButtonEnabled(True)
            edit.setPlaceholderText(translate("Preferences", "none"))
            edit.setMinimumWidth(200)  # grows with the page; 200 % on 800x500 fits
            edit.setToolTip(declared(key.spec.help))
            edit.setAccessibleName(declared(key.spec.label).rstrip(":") or key.dotted)
            choose = QPushButton(translate("Preferences", "Choose…"))
            choose.setObjectName(f"{key.dotted}.choose")
            choose.setToolTip(translate("Preferences", "Pick the file"))
            choose.clicked.connect(lambda: self._choose_file(edit))
            box = QWidget()
            row = QHBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(edit, 1)
            row.addWidget(choose)
            self.edit = edit
            self.widget = box
        else:
            raise TypeError(f"no generated field for {kind} keys ({key.dotted})")

    ask_file = staticmethod(
        lambda parent, title, start: QFileDialog.getOpenFileName(
            parent,
            title,
            start,
            translate("Preferences", "Calendars (*.ics);;All files (*)"),
        )[0]
    )

    def _choose_file(self, edit: QLineEdit) -> None:
        """Pick a file (patched in tests through `ask_file`); Cancel keeps the old one."""
        title = declared(self.key.spec.label).rstrip(":")
        chosen = Binding.ask_file(edit, title, edit.text())
        if chosen:
            edit.setText(chosen)

    def _target(self) -> QWidget:
        return getattr(self, "edit", self.widget)

    def connect(self, slot: Any) -> None:
        w = self._target()
        if isinstance(w, QSpinBox):
            w.valueChanged.connect(slot)
        elif isinstance(w, QCheckBox):
            w.toggled.connect(slot)
        elif isinstance(w, QLineEdit):
            w.textChanged.connect(slot)

    def value(self) -> Any:
        w = self._target()
        if isinstance(w, QSpinBox):
            return w.value()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        assert isinstance(w, QLineEdit)
        return w.text()

    def load(self, settings: Settings) -> None:
        value = getattr(getattr(settings, self.key.table), self.key.name)
        w = self._target()
        if isinstance(w, QSpinBox):
            w.setValue(value)
        elif isinstance(w, QCheckBox):
            w.setChecked(value)
        elif isinstance(w, QLineEdit):
            w.setText(value)

    def apply(self, settings: Settings) -> Settings:
        table = getattr(settings, self.key.table)
        new_table = replace(table, **{self.key.name: self.value()})
        return replace(settings, **{self.key.table: new_table})

    def add_to(self, form: QFormLayout) -> None:
        field = with_message(self.widget, self.message)
        if isinstance(self.widget, QCheckBox):
            form.addRow(field)
        else:
            form.addRow(declared(self.key.spec.label) or self.key.name, field)


class GeneratedPage(Page):
    """A page whose every field comes from the declarations of its tables."""

    def __init__(
        self,
        key: str,
        title: str,
        icon_kind: str,
        sections: Sequence[tuple[str, str]],  # (table, heading)
        blurb: str = "",
    ) -> None:
        super().__init__()
        self.key = key
        self.title = title
        self.icon_kind = icon_kind
        self.tables = tuple(table for table, _ in sections)
        self.bindings: dict[str, Binding] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(translate("Preferences", title), blurb))
        for table, heading in sections:
            form = QFormLayout()
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            if heading:
                layout.addSpacing(6)
                layout.addWidget(page_heading_small(heading))
            for k in KEYS:
                if k.table == table:
                    binding = Binding(k)
                    binding.add_to(form)
                    binding.connect(self.changed)
                    self.bindings[k.dotted] = binding
            layout.addLayout(form)
        layout.addStretch(1)

    def load(self, settings: Settings) -> None:
        for binding in self.bindings.values():
            binding.load(settings)

    def apply(self, settings: Settings) -> Settings:
        for binding in self.bindings.values():
            settings = binding.apply(settings)
        return settings

    def check(self, draft: Settings, problems: Sequence[Any]) -> Findings:
        for binding in self.bindings.values():
            binding.message.clear_message()
        for p in problems:
            key = getattr(p, "key", "") or ""
            target = self.bindings.get(key.split("[")[0])
            if target is not None:
                target.message.show_error(getattr(p, "reason", str(p)))
        return Findings(errors=[problem_line(p) for p in problems])


def page_heading_small(text: str) -> QWidget:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label
