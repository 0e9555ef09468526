"""Idle cost of Desk Break against a bare PySide6 tray app, measured side by side.

    .venv/bin/python packaging/bench_idle.py [--seconds 120]

Starts Xvfb with a trayer tray, then runs both apps at once for the same
window of time while nothing is due (Desk Break's next break is an hour away)
and reads from /proc: CPU seconds (user+system), context switches summed over
all threads (each one is a wakeup), and resident memory. Prints both and their
ratios: a program that waits all day should cost about what an empty one does.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.test_real_display import write_settings_around_now
from tests.xdisplay import trayer, wait_for, xvfb

BARE_TRAY = textwrap.dedent(
    """
    from PySide6.QtGui import QColor, QIcon, QPixmap
    from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon
    app = QApplication(["bare-tray"])
    app.setQuitOnLastWindowClosed(False)
    pixmap = QPixmap(32, 32); pixmap.fill(QColor("teal"))
    tray = QSystemTrayIcon(QIcon(pixmap)); menu = QMenu(); menu.addAction("Quit", app.quit)
    tray.setContextMenu(menu); tray.show()
    print("ready", flush=True)
    app.exec()
    """
)


def sample(pid: int) -> tuple[float, int, int]:
    """(cpu seconds, context switches over all threads, RSS kB) of a process."""
    ticks = os.sysconf("SC_CLK_TCK")
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / ticks
    switches = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        for line in (task / "status").read_text().splitlines():
            if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                switches += int(line.split()[1])
    rss = next(int(line.split()[1]) for line in Path(f"/proc/{pid}/status").read_text()
               .splitlines() if line.startswith("VmRSS"))
    return cpu, switches, rss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="db-bench-"))
    env = dict(os.environ)
    for name in ("CONFIG", "DATA", "STATE", "CACHE"):
        env[f"XDG_{name}_HOME"] = str(home / name.lower())
    runtime = home / "run"
    runtime.mkdir(mode=0o700)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    write_settings_around_now(home / "config", interval=60)
    flag = home / "data" / "desk-break" / "first-run-note-shown"
    flag.parent.mkdir(parents=True)
    flag.write_text("shown\n")

    with xvfb() as display, trayer(display):
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
        bare = subprocess.Popen([sys.executable, "-c", BARE_TRAY], env=env, stdout=subprocess.PIPE)
        assert bare.stdout is not None and bare.stdout.readline().strip() == b"ready"
        ours = subprocess.Popen([sys.executable, "-m", "desk_break", "--foreground"], env=env)
        cli = [sys.executable, "-m", "desk_break", "status"]
        wait_for(lambda: subprocess.run(cli, env=env, capture_output=True).returncode == 0, 30,
                 "Desk Break to answer")
        time.sleep(5)  # let start-up settle before the window opens
        before = {"bare": sample(bare.pid), "desk-break": sample(ours.pid)}
        time.sleep(args.seconds)
        after = {"bare": sample(bare.pid), "desk-break": sample(ours.pid)}
        subprocess.run([sys.executable, "-m", "desk_break", "quit"], env=env, capture_output=True)
        ours.wait(timeout=15)
        bare.terminate()
        bare.wait(timeout=15)

    print(f"idle for {args.seconds:.0f} s, nothing due (Xvfb + trayer):")
    print(f"{'':12} {'CPU s':>8} {'ctx switches':>13} {'RSS MB':>8}")
    result = {}
    for name in ("bare", "desk-break"):
        cpu = after[name][0] - before[name][0]
        switches = after[name][1] - before[name][1]
        rss = after[name][2] / 1024
        result[name] = (cpu, switches, rss)
        print(f"{name:12} {cpu:8.2f} {switches:13d} {rss:8.1f}")
    (b_cpu, b_sw, b_rss), (o_cpu, o_sw, o_rss) = result["bare"], result["desk-break"]
    print(f"{'ratio':12} {o_cpu / b_cpu if b_cpu else float('nan'):8.2f} "
          f"{o_sw / b_sw if b_sw else float('nan'):13.2f} {o_rss / b_rss:8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
