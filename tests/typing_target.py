"""A stand-in for 'another app the person is typing into': a text field that
saves what it receives to a file, so a test can see where keystrokes went."""

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QPlainTextEdit

app = QApplication(["typing-target"])
out = Path(sys.argv[1])
editor = QPlainTextEdit()
editor.setWindowTitle("typing-target")
editor.resize(500, 200)
editor.move(20, 500)
editor.textChanged.connect(lambda: out.write_text(editor.toPlainText()))
editor.show()
out.write_text("")
app.exec()
