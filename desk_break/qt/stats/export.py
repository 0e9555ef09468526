"""Export… in the statistics window: the same file `desk-break export --csv FILE`
writes, because it is that command, run in a child process (five years of events
take a moment; the window stays responsive meanwhile).

Signals:
    finished(str): a sentence for the person, saying where the file went or why not.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from desk_break.core.i18n import translate
from desk_break.platform.launcher import app_command


class CsvExport(QObject):
    finished = Signal(str)

    def __init__(self, parent: QWidget, history: Path) -> None:
        super().__init__(parent)
        self._parent = parent
        self._history = history
        self._process: QProcess | None = None
        self.target: Path | None = None

    @staticmethod
    def ask(parent: QWidget, suggested: str) -> str:
        """The save dialog (tests replace this)."""
        path, _filter = QFileDialog.getSaveFileName(
            parent, translate("StatisticsWindow", "Export your break history"), suggested,
            translate("StatisticsWindow", "CSV files (*.csv);;All files (*)"))
        return path

    def ask_path(self) -> Path | None:
        suggested = str(Path.home() / f"desk-break-history-{date.today().isoformat()}.csv")
        chosen = self.ask(self._parent, suggested)
        return Path(chosen) if chosen else None

    @property
    def running(self) -> bool:
        return self._process is not None

    def start(self, target: Path) -> None:
        if self._process is not None:
            return
        self.target = target
        process = QProcess(self)
        program, *arguments = app_command("export", "--csv", str(target))  # frozen too
        process.setProgram(program)
        process.setArguments(arguments)
        process.finished.connect(self._done)
        process.errorOccurred.connect(self._failed)
        self._process = process
        self.finished.emit(translate("StatisticsWindow", "Exporting…"))
        process.start()

    def _done(self, code: int, _status: QProcess.ExitStatus) -> None:
        process = self._process
        if process is None:
            return
        self._process = None
        err = bytes(process.readAllStandardError().data()).decode("utf-8", "replace").strip()
        process.deleteLater()
        if code == 0:
            saved = translate("StatisticsWindow", "Saved to {path}")
            self.finished.emit(saved.format(path=self.target))
        else:
            status = translate("StatisticsWindow", "exit status {code}")
            reason = err.splitlines()[-1] if err else status.format(code=code)
            failed = translate("StatisticsWindow", "Export failed: {reason}")
            self.finished.emit(failed.format(reason=reason))

    def _failed(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and self._process is not None:
            self._process.deleteLater()
            self._process = None
            failed = translate("StatisticsWindow", "Export failed: could not start {exe}")
            self.finished.emit(failed.format(exe=sys.executable))
