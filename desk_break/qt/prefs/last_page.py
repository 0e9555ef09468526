"""Which Preferences page was open when the dialog last closed, so it reopens there.

A one-line file in the app's data folder: it outlives the dialog (freed when it
closes) and the run. Nothing here may stop the dialog from opening.
"""

from __future__ import annotations

from pathlib import Path

from desk_break.safe_read import read_user_file

FILE_NAME = "preferences-page"


class LastPage:
    def __init__(self, folder: Path | None) -> None:
        self.path = Path(folder) / FILE_NAME if folder is not None else None

    def read(self) -> str | None:
        if self.path is None:
            return None
        try:
            return read_user_file(self.path, 4096).decode("utf-8").strip() or None
        except (OSError, UnicodeDecodeError):
            return None  # never saved, or unreadable: the first page it is

    def write(self, key: str) -> None:
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(key + "\n", encoding="utf-8")
        except OSError:
            pass  # a read-only home only costs reopening on the first page
