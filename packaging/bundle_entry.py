"""The program of the PyInstaller bundle (dist/desk-break/desk-break): `desk-break` itself."""

import os
import sys

if getattr(sys, "frozen", False):
    # The bootloader points LD_LIBRARY_PATH at the bundle's libraries; what we start
    # (paplay, pactl, xdg-open) must load the system's own, as outside the bundle.
    original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is not None:
        os.environ["LD_LIBRARY_PATH"] = original
    else:
        os.environ.pop("LD_LIBRARY_PATH", None)

from desk_break.cli import main

raise SystemExit(main())
