"""The German catalogue is complete, compiled from its source, and says what the code says.

Three ways text could reach a person untranslated, each checked here: the code marks a
string lupdate never put in the .ts (its Python parser misses some call shapes), the
.ts has an unfinished or half-filled entry, or the shipped .qm is older than the .ts.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import desk_break
from desk_break.translations import QmCatalogue, _numerus

REPO = Path(desk_break.__file__).resolve().parent.parent
TS = REPO / "resources" / "i18n" / "desk_break_de.ts"
QM = REPO / "resources" / "i18n" / "desk_break_de.qm"
PLACES = re.compile(r"%\d|%n|\{\w*\}")  # Qt's %1 and %n; str.format's {name}

sys.path.insert(0, str(REPO / "packaging"))
import i18n as tool  # noqa: E402  (packaging/i18n.py, the maintainer's command)


def ts_messages() -> list[ET.Element]:
    return list(ET.parse(TS).getroot().iter("message"))


def marked_in_code() -> set[tuple[str, str, str]]:
    """Every translate(ctx, "text"[, "comment"]) and QT_TRANSLATE_NOOP with literal text."""
    found = set()
    for path in (REPO / "desk_break").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in ("translate", "QT_TRANSLATE_NOOP"):
                continue
            parts = [a.value if isinstance(a, ast.Constant) else None for a in node.args[:3]]
            if isinstance(parts[0], str) and isinstance(parts[1], str):
                comment = parts[2] if len(parts) > 2 and isinstance(parts[2], str) else ""
                found.add((parts[0], parts[1], comment))
    return found


def test_every_string_the_code_marks_is_in_the_german_catalogue() -> None:
    in_ts = {(m.context, m.source, m.comment) for m in tool.read_ts(TS)}
    marked = marked_in_code()
    assert len(marked) > 300
    assert sorted(marked - in_ts) == []


def test_the_german_catalogue_has_no_unfinished_entry() -> None:
    messages = ts_messages()
    assert len(messages) > 300
    unfinished = []
    for message in messages:
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None, source
        forms = [f.text or "" for f in translation.findall("numerusform")]
        if message.get("numerus") == "yes":
            if len(forms) != 2 or not all(forms):  # German: one, other
                unfinished.append(source)
        elif not (translation.text or "").strip():
            unfinished.append(source)
        if translation.get("type") in ("unfinished", "vanished", "obsolete"):
            unfinished.append(source)
    assert unfinished == []


def test_every_plural_is_a_numerus_entry_and_keeps_its_placeholders() -> None:
    """%1, %2, %n and {name} survive translation (a lost %1 would drop the time)."""
    for message in ts_messages():
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        assert (message.get("numerus") == "yes") == ("%n" in source), source
        forms = [f.text or "" for f in translation.findall("numerusform")] or [
            translation.text or ""
        ]
        wanted = sorted(set(PLACES.findall(source)) - {"%n"})
        for form in forms:
            assert sorted(set(PLACES.findall(form)) - {"%n"}) == wanted, (source, form)


def test_the_ts_is_up_to_date_with_the_code() -> None:
    """`python packaging/i18n.py update` would change nothing (lupdate run for real)."""
    result = subprocess.run([sys.executable, str(REPO / "packaging" / "i18n.py"), "check"],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    made = tool.release(tmp_path)
    assert [p.name for p in made] == [QM.name]
    assert made[0].read_bytes() == QM.read_bytes(), "run: python packaging/i18n.py release"


def test_the_cli_reader_answers_as_qtranslator_for_every_message() -> None:
    """One catalogue, two readers: the CLI's pure-Python one and Qt's, word for word."""
    from PySide6.QtCore import QTranslator

    qt = QTranslator()
    assert qt.load(str(QM))
    ours = QmCatalogue(QM.read_bytes())
    assert len(ours) > 300
    for m in tool.read_ts(TS):
        for n in (0, 1, 2, 5, 11, 21, 101) if m.numerus else (-1,):
            theirs = qt.translate(m.context, m.source, m.comment or None, n)
            expected = theirs.replace("%n", str(n)) if n >= 0 else theirs
            assert ours.translate(m.context, m.source, m.comment or None, n) == expected, m.source


@pytest.mark.parametrize(("language", "forms"), [("pl", 3), ("ru", 3), ("ja", 1), ("fr", 2)])
def test_plural_rules_pick_the_form_qt_picks(tmp_path: Path, language: str, forms: int) -> None:
    """The numerus bytecode read as Qt reads it, for languages with other plural rules
    than German (a catalogue compiled by lrelease, looked up by both readers)."""
    from PySide6.QtCore import QTranslator

    numerus = "".join(f"<numerusform>form{i} %n</numerusform>" for i in range(forms))
    ts = tmp_path / f"probe_{language}.ts"
    ts.write_text(
        f'<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" '
        f'language="{language}"><context><name>C</name><message numerus="yes">'
        f"<source>%n thing(s)</source><translation>{numerus}</translation></message>"
        f"</context></TS>",
        encoding="utf-8",
    )
    qm = tmp_path / f"probe_{language}.qm"
    subprocess.run([tool.tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
                   check=True, timeout=60)
    qt = QTranslator()
    assert qt.load(str(qm))
    ours = QmCatalogue(qm.read_bytes())
    seen = set()
    for n in [*range(0, 40), 100, 101, 102, 105, 111, 112, 121, 1000, 1001]:
        expected = qt.translate("C", "%n thing(s)", None, n).replace("%n", str(n))
        assert ours.translate("C", "%n thing(s)", None, n) == expected, n
        seen.add(expected.split()[0])
    assert len(seen) == forms  # every form was reached


def test_numerus_rules_absent_mean_one_form() -> None:
    assert [_numerus(n, b"") for n in (0, 1, 2)] == [0, 0, 0]


def test_a_file_that_is_not_a_catalogue_is_refused() -> None:
    with pytest.raises(ValueError, match=r"not a Qt \.qm"):
        QmCatalogue(b"<TS>not compiled</TS>")
