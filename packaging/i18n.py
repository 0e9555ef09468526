"""Keep the translations in step with the code: `python packaging/i18n.py update|release|check`.

- update:  run pyside6-lupdate over desk_break/ and merge what it finds into every
           resources/i18n/desk_break_<lang>.ts: known translations are kept, new text
           comes in as unfinished, text the code no longer has is dropped. Text with
           `%n` is made a plural (numerus) message: lupdate's Python parser does not
           see the `n` argument of `translate()`.
- release: compile each .ts into its .qm with pyside6-lrelease (the .qm files are
           committed and shipped in the wheel; tests/i18n checks they match the .ts).
- check:   exit 1 if `update` would change a .ts or any message is unfinished.

Translate by editing the .ts (Qt Linguist: `pyside6-linguist resources/i18n/*.ts`),
then `release`. Locations are left out of the .ts so merges do not conflict on line
numbers.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "desk_break"
I18N = ROOT / "resources" / "i18n"
PLURAL_FORMS = {"de": 2}


@dataclass
class Message:
    context: str
    source: str
    comment: str = ""
    forms: list[str] = field(default_factory=list)
    finished: bool = False

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)

    @property
    def numerus(self) -> bool:
        return "%n" in self.source


def tool(name: str) -> str:
    """A Qt tool beside this Python (the venv's pyside6-*), else on PATH."""
    here = Path(sys.executable).with_name(name)
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6-Essentials (pip install -e .)")
    return found


def ts_path(language: str) -> Path:
    return I18N / f"desk_break_{language}.ts"


def qm_path(language: str) -> Path:
    return I18N / f"desk_break_{language}.qm"


def languages() -> list[str]:
    return sorted(p.stem.removeprefix("desk_break_") for p in I18N.glob("desk_break_*.ts"))


def read_ts(path: Path) -> list[Message]:
    root = ET.parse(path).getroot()
    out = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for msg in context.iter("message"):
            translation = msg.find("translation")
            forms: list[str] = []
            finished = False
            if translation is not None:
                numerus = translation.findall("numerusform")
                forms = [f.text or "" for f in numerus] if numerus else [translation.text or ""]
                finished = translation.get("type") not in ("unfinished", "vanished", "obsolete")
            out.append(
                Message(name, msg.findtext("source") or "", msg.findtext("comment") or "",
                        forms, finished and all(forms))
            )
    return out


def extract() -> list[Message]:
    """Every text the code marks, as lupdate finds it (context, source, comment)."""
    files = sorted(str(p) for p in SOURCES.rglob("*.py"))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "template.ts"
        subprocess.run(
            [tool("pyside6-lupdate"), "-silent", "-locations", "none", *files, "-ts", str(out)],
            check=True,
        )
        return read_ts(out)


def write_ts(path: Path, language: str, messages: list[Message]) -> None:
    """The .ts in lupdate's layout, contexts and messages sorted, no locations."""
    root = ET.Element("TS", version="2.1", language=language, sourcelanguage="en")
    by_context: dict[str, list[Message]] = {}
    for m in messages:
        by_context.setdefault(m.context, []).append(m)
    for name in sorted(by_context):
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = name
        for m in sorted(by_context[name], key=lambda m: (m.source, m.comment)):
            msg = ET.SubElement(context, "message", numerus="yes") if m.numerus else ET.SubElement(
                context, "message"
            )
            ET.SubElement(msg, "source").text = m.source
            if m.comment:
                ET.SubElement(msg, "comment").text = m.comment
            translation = ET.SubElement(msg, "translation")
            if not m.finished:
                translation.set("type", "unfinished")
            if m.numerus:
                count = PLURAL_FORMS.get(language, 2)
                forms = (m.forms + [""] * count)[:count]
                for form in forms:
                    ET.SubElement(translation, "numerusform").text = form
            else:
                translation.text = m.forms[0] if m.forms else ""
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def merged(language: str, found: list[Message]) -> list[Message]:
    known = {m.key: m for m in read_ts(ts_path(language))} if ts_path(language).exists() else {}
    out = []
    for m in found:
        old = known.get(m.key)
        if old is not None:
            m.forms, m.finished = old.forms, old.finished
            if m.numerus and len(m.forms) < PLURAL_FORMS.get(language, 2):
                m.finished = False
        out.append(m)
    return out


def update() -> None:
    found = extract()
    for language in languages():
        fresh = [Message(m.context, m.source, m.comment) for m in found]
        write_ts(ts_path(language), language, merged(language, fresh))
        print(f"updated {ts_path(language).relative_to(ROOT)}")


def release(out_dir: Path | None = None) -> list[Path]:
    made = []
    for language in languages():
        target = (out_dir / qm_path(language).name) if out_dir else qm_path(language)
        subprocess.run(
            [tool("pyside6-lrelease"), "-silent", str(ts_path(language)), "-qm", str(target)],
            check=True,
        )
        made.append(target)
    return made


def check() -> int:
    found = extract()
    bad = 0
    for language in languages():
        current = ts_path(language).read_text(encoding="utf-8")
        with tempfile.TemporaryDirectory() as tmp:
            probe = Path(tmp) / "probe.ts"
            fresh = [Message(m.context, m.source, m.comment) for m in found]
            write_ts(probe, language, merged(language, fresh))
            if probe.read_text(encoding="utf-8") != current:
                print(f"{ts_path(language).name}: out of date; run python packaging/i18n.py update")
                bad = 1
        unfinished = [m for m in read_ts(ts_path(language)) if not m.finished]
        for m in unfinished:
            print(f"{ts_path(language).name}: unfinished [{m.context}] {m.source!r}")
        bad = bad or int(bool(unfinished))
    return bad


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "update":
        update()
    elif command == "release":
        for path in release():
            print(f"wrote {path.relative_to(ROOT)}")
    elif command == "check":
        sys.exit(check())
    else:
        print(__doc__)
        sys.exit(2)
