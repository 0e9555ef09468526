"""The README's settings table, generated from the key declarations.

`tests/settings/test_settings_docs.py` fails when the README's table differs;
`python -m desk_break.settings.docs README.md` rewrites it in place.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desk_break.settings.keys import Key
from desk_break.settings.model import EQUIPMENT, KEYS, POSITIONS
from desk_break.settings.writer import file_comment, toml_value

START = "<!-- settings-table: generated from desk_break/settings/model.py -->"
END = "<!-- /settings-table -->"


def _default(key: Key) -> str:
    value = toml_value(key.default)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "[" + ", ".join(f'"{v}"' for v in value) + "]"
    return str(value)


def _allowed(key: Key) -> str:
    spec = key.spec
    return {
        "int": f"{spec.low}-{spec.high}",
        "bool": "true, false",
        "path": 'a path, "" = none',
        "choice": ", ".join(f'"{c}"' for c in spec.choices),
        "positions": ", ".join(POSITIONS),
        "equipment": ", ".join(EQUIPMENT),
        "ids": "move ids (`desk-break moves`)",
        "ranges": '"HH:MM-HH:MM" list',
    }[spec.kind]


def settings_table() -> str:
    """Markdown: one row per key (the weekdays share one row), between the markers."""
    rows = [START, "| Key | Default | Allowed | Meaning |", "| --- | --- | --- | --- |"]
    weekdays_done = False
    for key in KEYS:
        if key.spec.kind == "ranges":
            if weekdays_done:
                continue
            weekdays_done = True
            rows.append(
                '| `work_hours.monday` … `sunday` | Mon-Fri `["09:00-17:30"]`, weekend `[]` '
                f"| {_allowed(key)} | an end before its start runs past midnight; "
                '"00:00-24:00" is the whole day |'
            )
            continue
        meaning = file_comment(key) if key.spec.kind != "int" else key.spec.comment
        rows.append(f"| `{key.dotted}` | `{_default(key)}` | {_allowed(key)} | {meaning} |")
    rows.append(END)
    return "\n".join(rows)


def readme_table(readme: str) -> str | None:
    """The generated table as it stands in `readme`, markers included, or None."""
    start = readme.find(START)
    end = readme.find(END, start)
    if start < 0 or end < 0:
        return None
    return readme[start : end + len(END)]


def main(argv: list[str]) -> int:
    path = Path(argv[0])
    text = path.read_text(encoding="utf-8")
    current = readme_table(text)
    if current is None:
        print(f"{path}: no settings table markers", file=sys.stderr)
        return 2
    path.write_text(text.replace(current, settings_table()), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
