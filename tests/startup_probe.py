"""What the tray app has loaded once it is up and waiting: run it for real, then list.

    python tests/startup_probe.py OUT.json [--after SECONDS]

Runs `desk-break --foreground` in this process (the real start-up path, on whatever
display and XDG folders the environment gives), lets the event loop run for
`--after` seconds (1 by default: the icon shows and any idle-time work is done),
then writes {"modules": [...], "line_cache": [files], "pss_kib": N, "rss_kib": N,
"threads": N, "pss_kib_by_mapping": {...}} to OUT
and quits as Quit would. tests/qt/test_startup_modules.py reads the module list;
the benchmark reads the memory.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path


def _memory(pss_by_mapping: Callable[[int], dict[str, int]]) -> dict[str, object]:
    values: dict[str, object] = {}
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("Pss", "Rss"):
            values[key.lower() + "_kib"] = int(rest.split()[0])
    values["threads"] = len(os.listdir("/proc/self/task"))
    values["pss_kib_by_mapping"] = pss_by_mapping(os.getpid())
    return values


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    after = float(argv[argv.index("--after") + 1]) if "--after" in argv else 1.0
    from desk_break.cli import main as desk_break_main  # first, as `desk-break` does
    from desk_break.qt.pyside_hook import spare_the_line_cache

    spare_the_line_cache()  # as the cli does before its first PySide6 import
    from PySide6.QtWidgets import QApplication

    from desk_break.qt.timers import call_later
    from tests.benchmarks.procstat import pss_by_mapping

    exec_ = QApplication.exec

    def exec_then_report() -> int:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        def report() -> None:
            import linecache

            facts: dict[str, object] = {"modules": sorted(sys.modules),
                                        "line_cache": sorted(linecache.cache)}
            if sys.platform.startswith("linux"):
                facts.update(_memory(pss_by_mapping))
            out.write_text(json.dumps(facts, indent=1) + "\n", encoding="utf-8")
            app.exit(0)

        call_later("startup-probe", app, after * 1000, report)
        return exec_()

    QApplication.exec = staticmethod(exec_then_report)  # type: ignore[method-assign,assignment]
    return desk_break_main(["--foreground"])


if __name__ == "__main__":
    # Not tests/ first on the path: tests/platform would hide the standard `platform`.
    sys.path[0] = str(Path(__file__).resolve().parents[1])
    raise SystemExit(main(sys.argv[1:]))
