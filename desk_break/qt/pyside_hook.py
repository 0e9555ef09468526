"""Keep PySide6's import hook from filling the line cache with every module's source.

PySide6 (6.4+, PYSIDE-2029) watches every import after its own to learn whether the
module uses PySide6, by `inspect.getsource(module)` and a search for "PySide6".
`inspect` reads the source through `linecache`, which keeps it: in the tray app that
was the text of ~140 modules, 62,000 line strings, about 5 MiB of the waiting
process's heap, for nothing (the cache only serves tracebacks, which read the file
again when they need it). `spare_the_line_cache` puts in the same question asked
of the file's bytes, which are read and dropped, and empties the cache of what the
hook read before (at PySide6's first import it checks every module already
loaded). Where PySide6 has no such hook (older or newer releases) it does nothing.
"""

from __future__ import annotations

import linecache
import logging
import sys
from types import ModuleType
from typing import Any

log = logging.getLogger(__name__)

HOOK_MODULE = "shibokensupport.feature"
HOOK = "_mod_uses_pyside"


def spare_the_line_cache() -> bool:
    """Replace PySide6's source check; True if it was there to replace."""
    import PySide6.QtCore  # noqa: F401  (loads the hook's module)

    feature: Any = sys.modules.get(HOOK_MODULE)
    original = getattr(feature, HOOK, None)
    if original is None or getattr(original, "reads_bytes", False):
        return original is not None
    setattr(feature, HOOK, _file_check(original))
    linecache.clearcache()
    return True


def _file_check(original: Any) -> Any:
    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return bool(original(module))

    uses_pyside.reads_bytes = True  # type: ignore[attr-defined]
    return uses_pyside
