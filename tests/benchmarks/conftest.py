"""The benchmark is run by hand (see the README), never by the test run: it takes
minutes and asserts nothing."""

collect_ignore = ["bench_idle.py", "floor_tray.py", "desktop.py", "procstat.py", "break_timing.py"]
