"""The Moves page: the catalog with a preview, per-move on/off, and long-break choices.

Micro-breaks always use seated moves that need a chair at most; the position and
equipment choices here only widen what long breaks may use. Unchecking a move
adds its id to `settings.moves.disabled`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import (
    QHideEvent,
    QPalette,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_break.core.catalog import Catalog
from desk_break.core.i18n import QT_TRANSLATE_NOOP, arg, translate
from desk_break.core.moves import Move
from desk_break.qt.figure import MoveFigure
from desk_break.qt.plain_text import plain_tooltip
from desk_break.qt.timers import make_timer
from desk_break.settings.model import EQUIPMENT, POSITIONS, MovesSettings, Settings

from .common import (
    EQUIPMENT_LABELS,
    FOCUS_LABELS,
    POSITION_LABELS,
    Findings,
    InlineMessage,
    Page,
    label_for,
    page_heading,
    quiet,
)
from .flow_layout import FlowLayout
from .move_rows import (
    DETAIL_ROLE,
    THUMB,
    MoveRowDelegate,
    PreviewColumn,
    height_with_preview,
    thumbnail,
)
from .move_rules import file_findings, fits_long_breaks, is_micro_move, keep_order

PREFERRED = QSize(680, 500)
ID_ROLE = Qt.ItemDataRole.UserRole


def _equipment_text(move: Move) -> str:
    needed = [e for e in move.equipment if e != "none"]
    if not needed:
        return translate("Moves", "None")
    return translate("Moves", ", ").join(label_for(EQUIPMENT_LABELS, e) for e in needed)


class MovesPage(Page):
    key = "moves"
    title = QT_TRANSLATE_NOOP("Preferences", "Moves")
    icon_kind = "figure"
    tables = ("moves",)

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self._catalog = catalog
        self._moves: list[Move] = list(catalog)
        self._loaded = MovesSettings()
        self._preview_move: Move | None = None
        self._preview_step = 0
        self._figure: MoveFigure | None = None

        # -- long-break choices
        self.position_boxes: dict[str, QCheckBox] = {}
        self.equipment_boxes: dict[str, QCheckBox] = {}
        choices = QGroupBox(translate("Moves", "Long breaks may use"))
        grid = QGridLayout(choices)
        # The boxes reflow in equal cells: four a row on a wide page, fewer at 200 %.
        positions, equipment = QWidget(), QWidget()
        positions.setObjectName("moves.positions")  # named by their keys (prefs/locks.py)
        equipment.setObjectName("moves.equipment")
        position_flow, equipment_flow = FlowLayout(positions), FlowLayout(equipment)
        grid.addWidget(QLabel(translate("Moves", "Positions:")), 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(positions, 0, 1)
        for position in POSITIONS:
            text = label_for(POSITION_LABELS, position)
            box = QCheckBox(text)
            if position == "floor":
                box.setToolTip(
                    translate(
                        "Moves", "Floor moves need space to lie or kneel down; off unless you ask"
                    )
                )
            self.position_boxes[position] = box
            position_flow.addWidget(box)
        grid.addWidget(QLabel(translate("Moves", "I have:")), 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(equipment, 1, 1)
        for name in (e for e in EQUIPMENT if e != "none"):
            box = QCheckBox(label_for(EQUIPMENT_LABELS, name))
            self.equipment_boxes[name] = box
            equipment_flow.addWidget(box)
        boxes = [*self.position_boxes.values(), *self.equipment_boxes.values()]
        cell = max(box.sizeHint().width() for box in boxes)
        for box in boxes:
            box.setMinimumWidth(cell)  # one cell size: both rows line up in columns
        grid.setColumnStretch(1, 1)
        self.choices_message = InlineMessage()
        grid.addWidget(self.choices_message, 2, 0, 1, 2)
        for box in (*self.position_boxes.values(), *self.equipment_boxes.values()):
            box.toggled.connect(self._choices_changed)

        # -- the list
        self.position_filter = QComboBox()
        self.position_filter.addItem(translate("Moves", "All positions"), "")
        for position in POSITIONS:
            self.position_filter.addItem(label_for(POSITION_LABELS, position), position)
        self.equipment_filter = QComboBox()
        self.equipment_filter.addItem(translate("Moves", "Any equipment"), "")
        for name in EQUIPMENT:
            self.equipment_filter.addItem(label_for(EQUIPMENT_LABELS, name), name)
        for combo in (self.position_filter, self.equipment_filter):
            combo.setMaximumWidth(combo.sizeHint().width())  # its longest entry, no more
            # Narrow when the page is (200 % on a small screen): the longest entry shows
            # in the open list, the closed box may cut it.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.position_filter.setAccessibleName(translate("Moves", "Show moves by position"))
        self.equipment_filter.setAccessibleName(translate("Moves", "Show moves by equipment"))
        self.position_filter.currentIndexChanged.connect(self._apply_filter)
        self.equipment_filter.currentIndexChanged.connect(self._apply_filter)
        self.count_label = quiet(QLabel())

        self.tree = QTreeWidget()
        self.tree.setObjectName("moves-list")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([translate("Moves", "Move"), translate("Moves", "Position"),
                                   translate("Moves", "Equipment"), translate("Moves", "Focus")])
        # One column, drawn as a card: the name in full, and under it what the other
        # columns hold (kept as data for filtering and for screen readers).
        for col in (1, 2, 3):
            self.tree.setColumnHidden(col, True)
        self.tree.setHeaderHidden(True)
        self.tree.setItemDelegateForColumn(0, MoveRowDelegate(self.tree))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setIconSize(QSize(THUMB, THUMB))
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setMinimumWidth(220)
        self.items: dict[str, QTreeWidgetItem] = {}
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        for move in self._moves:
            item = QTreeWidgetItem(
                [
                    move.name,
                    label_for(POSITION_LABELS, move.position),
                    _equipment_text(move),
                    translate("Moves", ", ").join(label_for(FOCUS_LABELS, f) for f in move.focus),
                ]
            )
            item.setData(0, ID_ROLE, move.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked)
            # Qt guesses whether a tooltip is markup: escaped, a moves file's text stays text.
            item.setToolTip(0, plain_tooltip(move.purpose))
            item.setData(0, DETAIL_ROLE, " · ".join(item.text(c) for c in (1, 2, 3)))
            item.setIcon(0, thumbnail(move, catalog, dark, self.devicePixelRatioF()))
            self.items[move.id] = item
            self.tree.addTopLevelItem(item)
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.list_message = InlineMessage()

        filters = QHBoxLayout()
        # No "Show:" before them: "All positions", "Any equipment" say what they do.
        filters.addWidget(self.position_filter, 1)  # room first to them, up to their longest
        filters.addWidget(self.equipment_filter, 1)  # entry ("Beliebige Hilfsmittel")
        filters.addStretch(0)
        filters.addWidget(self.count_label)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.tree, 1)
        left_layout.addWidget(self.list_message)

        # -- the preview
        self.preview_title = QLabel()
        font = self.preview_title.font()
        font.setBold(True)
        self.preview_title.setFont(font)
        self.preview_title.setWordWrap(True)
        self.preview_title.setTextFormat(Qt.TextFormat.PlainText)  # a moves file's text
        self.preview_purpose = QLabel()
        self.preview_purpose.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_purpose.setWordWrap(True)
        self.preview_cautions = InlineMessage()
        self.steps = QListWidget()
        self.steps.setWordWrap(True)
        self.steps.setMinimumHeight(56)
        self.steps.currentRowChanged.connect(self._step_chosen)
        self.play_button = QPushButton(translate("Moves", "Pause"))
        self.play_button.setCheckable(True)
        self.play_button.toggled.connect(self._play_toggled)
        self._timer = make_timer(
            "moves-preview-step", self, single_shot=True, on_timeout=self.next_step
        )
        self.figure_box = QVBoxLayout()

        right = PreviewColumn()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        right_layout.addLayout(self.figure_box, 3)
        right_layout.addWidget(self.preview_title)
        right_layout.addWidget(self.preview_purpose)
        right_layout.addWidget(self.preview_cautions)
        right_layout.addWidget(self.steps, 1)
        play_row = QHBoxLayout()
        play_row.addStretch(1)
        play_row.addWidget(self.play_button)
        right_layout.addLayout(play_row)

        # The preview scrolls by itself, so its wrapped text never makes the page scroll.
        right_scroll = QScrollArea()
        right_scroll.setObjectName("moves-preview-scroll")
        right_scroll.setWidget(right)
        right_scroll.setWidgetResizable(True)
        right_scroll.setFrameShape(QFrame.Shape.NoFrame)
        right_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        right_scroll.setMinimumWidth(190)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right_scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([380, 280])
        splitter.setChildrenCollapsible(False)

        self._right, self._splitter = right, splitter
        layout = QVBoxLayout(self)
        layout.addWidget(
            page_heading(
                translate("Preferences", "Moves"),
                translate(
                    "Moves",
                    "Untick a move you do not want. Short breaks use seated moves; "
                    "long breaks may also use what you tick here.",
                ),
            )
        )
        layout.addWidget(choices)
        layout.addWidget(splitter, 1)
        self._apply_filter()

    def sizeHint(self) -> QSize:
        """Room for the longest move name beside a preview big enough to follow, taller
        when longer words (German) wrap the texts so the steps would scroll away."""
        hint = super().sizeHint().expandedTo(PREFERRED)
        layout = self.layout()
        assert layout is not None
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        height = height_with_preview(layout, hint.width(), self._right,
                                     self._splitter.sizes()[1] - bar)
        return hint.expandedTo(QSize(hint.width(), height))

    # ---- the figure ---------------------------------------------------------

    @property
    def figure(self) -> MoveFigure:
        """The same figure view the break window uses, made when first shown."""
        if self._figure is None:
            self._figure = MoveFigure()
            self._figure.setMinimumSize(120, 120)
            self.figure_box.addWidget(self._figure)
        return self._figure

    def show_move(self, move_id: str) -> None:
        """Select a move and play its steps in the preview."""
        item = self.items[move_id]
        self.tree.setCurrentItem(item)

    def _current_changed(self, item: QTreeWidgetItem | None, _previous: Any) -> None:
        move = self._catalog.get(item.data(0, ID_ROLE)) if item is not None else None
        self._preview_move = move
        self._timer.stop()
        self.steps.blockSignals(True)
        self.steps.clear()
        if move is None:
            self.steps.blockSignals(False)
            self.preview_title.setText("")
            self.preview_purpose.setText("")
            self.preview_cautions.clear_message()
            return
        total = move.seconds
        # "23 s" stays whole (a no-break space)
        self.preview_title.setText(arg(translate("Moves", "%1 · %2\u00a0s"), move.name, total))
        self.preview_purpose.setText(move.purpose)
        if move.cautions:
            self.preview_cautions.show_note(
                arg(translate("Moves", "Careful: %1"), " ".join(move.cautions))
            )
        else:
            self.preview_cautions.clear_message()
        for n, step in enumerate(move.steps, start=1):
            QListWidgetItem(
                arg(translate("Moves", "%1. %2 (%3 s)"), n, step.cue, step.seconds), self.steps
            )
        self.steps.blockSignals(False)
        self.steps.setCurrentRow(0)

    def _step_chosen(self, row: int) -> None:
        move = self._preview_move
        if move is None or not 0 <= row < len(move.steps):
            return
        self._preview_step = row
        self.figure.set_step(move, row, self._catalog)
        self._schedule_next()

    def _schedule_next(self) -> None:
        move = self._preview_move
        if move is None or self.play_button.isChecked() or not self.isVisible():
            self._timer.stop()
            return
        self._timer.start(move.steps[self._preview_step].seconds * 1000)

    def next_step(self) -> None:
        move = self._preview_move
        if move is None:
            return
        self.steps.setCurrentRow((self._preview_step + 1) % len(move.steps))

    def _play_toggled(self, paused: bool) -> None:
        play, pause = translate("Moves", "Play"), translate("Moves", "Pause")
        self.play_button.setText(play if paused else pause)
        if paused:
            self.stop_preview()
        elif self._preview_move is not None:
            # The figure stays frozen until its step is set again: replay this step.
            self.figure.set_step(self._preview_move, self._preview_step, self._catalog)
            self._schedule_next()

    def stop_preview(self) -> None:
        self._timer.stop()
        if self._figure is not None:
            self._figure.stop()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._schedule_next()

    def hideEvent(self, event: QHideEvent) -> None:
        self.stop_preview()
        super().hideEvent(event)

    # ---- filtering ----------------------------------------------------------

    def _apply_filter(self) -> None:
        position = self.position_filter.currentData()
        equipment = self.equipment_filter.currentData()
        shown = 0
        for move in self._moves:
            needed = set(move.equipment) or {"none"}
            visible = (not position or move.position == position) and (
                not equipment or equipment in needed
            )
            self.items[move.id].setHidden(not visible)
            shown += visible
        self.count_label.setText(arg(translate("Moves", "%1 of %2"), shown, len(self._moves)))

    # ---- settings -----------------------------------------------------------

    def _item_changed(self, _item: QTreeWidgetItem, column: int) -> None:
        if column == 0:
            self.changed.emit()

    def _choices_changed(self) -> None:
        self.changed.emit()

    def load(self, settings: Settings) -> None:
        m = self._loaded = settings.moves
        self.tree.blockSignals(True)
        for move_id, item in self.items.items():
            state = Qt.CheckState.Unchecked if move_id in m.disabled else Qt.CheckState.Checked
            item.setCheckState(0, state)
        self.tree.blockSignals(False)
        for position, box in self.position_boxes.items():
            box.setChecked(position in m.positions)
        for name, box in self.equipment_boxes.items():
            box.setChecked(name in m.equipment)
        if self.tree.currentItem() is None and self._moves:
            self.tree.setCurrentItem(self.items[self._moves[0].id])

    def disabled_ids(self) -> tuple[str, ...]:
        """Unticked moves, plus ids the catalog does not know (a move from a removed user
        file), which stay disabled."""
        off = {move_id for move_id, item in self.items.items() if not self._checked(item)}
        off |= {move_id for move_id in self._loaded.disabled if move_id not in self.items}
        return keep_order(self._loaded.disabled, off, [m.id for m in self._moves])

    @staticmethod
    def _checked(item: QTreeWidgetItem) -> bool:
        return item.checkState(0) == Qt.CheckState.Checked

    def apply(self, settings: Settings) -> Settings:
        loaded = self._loaded
        positions = {p for p, box in self.position_boxes.items() if box.isChecked()}
        equipment = {e for e, box in self.equipment_boxes.items() if box.isChecked()}
        if "none" in loaded.equipment:  # not a checkbox: keep what the file said
            equipment.add("none")
        return replace(
            settings,
            moves=replace(
                settings.moves,
                positions=keep_order(loaded.positions, positions, POSITIONS),
                equipment=keep_order(loaded.equipment, equipment, EQUIPMENT),
                disabled=self.disabled_ids(),
            ),
        )

    def check(self, draft: Settings, problems: Sequence[Any]) -> Findings:
        # What the settings check refuses blocks saving: no position at all (even with
        # long breaks off), and every seated move off (micro-breaks would open empty).
        # Turning off every move that fits the long-break choices is a heads-up.
        m = draft.moves
        found = Findings()
        found.errors, choice_errors, no_seated = file_findings(draft, problems)
        if not self._moves:  # nothing to choose from: nothing the person could fix here
            none = translate("Moves", "No moves could be loaded; see the log.")
            self.list_message.show_error(none)
            self._show_choices(choice_errors, "")
            return found
        usable = [move for move in self._moves if move.id not in m.disabled]
        micro = [move for move in usable if is_micro_move(move)]
        if no_seated:
            self.list_message.show_error(
                translate("Moves", "Keep at least one seated move on for short breaks.")
            )
        elif not micro:
            found.warnings.append(
                translate(
                    "Moves", "no seated move is on, so short breaks will have no moves to show."
                )
            )
            self.list_message.show_warning(found.warnings[-1])
        else:
            on = len(usable)
            self.list_message.show_note(
                arg(
                    translate("Moves", "%1 on, %2 of them for short breaks."),
                    translate("Moves", "%n move(s)", "", on),
                    len(micro),
                )
            )
        warning = ""
        if (
            draft.long_breaks.enabled
            and m.positions
            and not any(fits_long_breaks(move, m.positions, m.equipment) for move in usable)
        ):
            warning = translate(
                "Moves", "no move that is on fits these choices, so long breaks will have none."
            )
            found.warnings.append(warning)
        self._show_choices(choice_errors, warning)
        return found

    def _show_choices(self, errors: list[str], warning: str) -> None:
        if errors:
            self.choices_message.show_error(" ".join(errors))
        elif warning:
            self.choices_message.show_warning(warning)
        else:
            self.choices_message.clear_message()
