"""Which language to speak, and Qt's compiled catalogue (.qm) read without Qt.

One catalogue serves both halves: the app loads `resources/i18n/desk_break_<lang>.qm`
into a QTranslator (`desk_break.qt.translation`); the CLI reads the very same file
with `QmCatalogue` below, a small reader of Qt's documented .qm layout (messages with
their context, source and comment; numerus rules for plurals). That keeps `desk-break
schedule` and `status` free of Qt (importing QtCore costs 0.1-0.2 s, a third of the
CLI's budget) while the words stay identical to the app's: tests/i18n compares this
reader with QTranslator for every message.

The language follows the desktop as gettext does: the first of `LANGUAGE` (a colon
list), `LC_ALL`, `LC_MESSAGES`, `LANG` that names a language; English or C stops the
search. Unlike gettext, `LANGUAGE` counts even when the locale is C (as Qt's own
QLocale.uiLanguages does), so `LANGUAGE=de desk-break status` is German on a machine
with no German locale installed.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Mapping
from dataclasses import dataclass

from desk_break.core import i18n

SHIPPED_LANGUAGES = ("de",)
QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")

# Block tags of a .qm file and the tags inside a message (Qt's translator.cpp).
_MESSAGES, _NUMERUS_RULES = 0x69, 0x88
_END, _TRANSLATION, _OBSOLETE1, _SOURCE, _CONTEXT, _COMMENT, _OBSOLETE2 = 1, 3, 5, 6, 7, 8, 9
_EQ, _LT, _LEQ, _BETWEEN, _OP_MASK, _NOT = 0x01, 0x02, 0x03, 0x04, 0x07, 0x08
_MOD_10, _MOD_100, _LEAD_1000, _AND, _OR = 0x10, 0x20, 0x40, 0xFD, 0xFE


def ui_language(env: Mapping[str, str] | None = None) -> str | None:
    """The shipped language the desktop asks for ("de"), or None for English."""
    env = os.environ if env is None else env
    wanted = [part for part in env.get("LANGUAGE", "").split(":") if part]
    wanted += [env.get(name, "") for name in ("LC_ALL", "LC_MESSAGES", "LANG")]
    for entry in wanted:
        code = entry.split(".")[0].split("@")[0].split("_")[0].split("-")[0].lower()
        if not code:
            continue
        if code in ("c", "posix", "en"):
            return None
        if code in SHIPPED_LANGUAGES:
            return code
    return None


def ui_locale_name(language: str, env: Mapping[str, str] | None = None) -> str:
    """The locale name for formats: "de_AT" if the desktop says de_AT, else "de_DE"."""
    env = os.environ if env is None else env
    for name in ("LANGUAGE", "LC_ALL", "LC_TIME", "LANG"):
        for entry in env.get(name, "").split(":"):
            base = entry.split(".")[0].split("@")[0].replace("-", "_")
            if base.lower().startswith(language + "_"):
                return base
    return {"de": "de_DE"}.get(language, language)


def qm_file_name(language: str) -> str:
    return f"i18n/desk_break_{language}.qm"


@dataclass(frozen=True)
class _Message:
    forms: tuple[str, ...]


class QmCatalogue:
    """The messages of one .qm file, looked up as QTranslator does (context, source, comment)."""

    def __init__(self, data: bytes) -> None:
        if not data.startswith(QM_MAGIC):
            raise ValueError("not a Qt .qm file (bad magic)")
        self._messages: dict[tuple[str, str, str], _Message] = {}
        self._rules = b""
        pos = len(QM_MAGIC)
        while pos + 5 <= len(data):
            tag, length = data[pos], struct.unpack_from(">I", data, pos + 1)[0]
            block = data[pos + 5 : pos + 5 + length]
            pos += 5 + length
            if tag == _MESSAGES:
                self._read_messages(block)
            elif tag == _NUMERUS_RULES:
                self._rules = block

    def _read_messages(self, block: bytes) -> None:
        pos = 0
        forms: list[str] = []
        source = context = comment = ""
        while pos < len(block):
            tag = block[pos]
            pos += 1
            if tag == _END:
                self._messages[(context, source, comment)] = _Message(tuple(forms))
                forms, source, context, comment = [], "", "", ""
                continue
            if tag == _OBSOLETE2:
                continue
            if tag == _OBSOLETE1:
                pos += 4
                continue
            (length,) = struct.unpack_from(">I", block, pos)
            pos += 4
            if tag == _TRANSLATION:
                if length == 0xFFFFFFFF:  # a null translation
                    continue
                forms.append(block[pos : pos + length].decode("utf-16-be"))
            elif tag in (_SOURCE, _CONTEXT, _COMMENT):
                text = block[pos : pos + length].decode("utf-8")
                if tag == _SOURCE:
                    source = text
                elif tag == _CONTEXT:
                    context = text
                else:
                    comment = text
            else:
                raise ValueError(f"unknown tag {tag:#x} in the .qm messages")
            pos += length

    def __len__(self) -> int:
        return len(self._messages)

    def plural_form(self, n: int) -> int:
        return _numerus(n, self._rules)

    def translate(
        self, context: str, text: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        message = self._messages.get((context, text, disambiguation or ""))
        if message is None and disambiguation:
            message = self._messages.get((context, text, ""))
        result = text
        if message is not None and message.forms:
            index = min(self.plural_form(n), len(message.forms) - 1) if n >= 0 else 0
            result = message.forms[max(index, 0)]
        return result.replace("%n", str(n)) if n >= 0 else result


def _numerus(n: int, rules: bytes) -> int:
    """Which plural form `n` takes under Qt's numerus rule bytecode (translator.cpp)."""
    if not rules:
        return 0
    result = i = 0
    size = len(rules)
    while True:
        or_value = False
        while True:
            and_value = True
            while True:
                opcode, right = rules[i], rules[i + 1]
                i += 2
                left = n
                if opcode & _MOD_10:
                    left %= 10
                elif opcode & _MOD_100:
                    left %= 100
                elif opcode & _LEAD_1000:
                    while left >= 1000:
                        left //= 1000
                op = opcode & _OP_MASK
                if op == _EQ:
                    truth = left == right
                elif op == _LT:
                    truth = left < right
                elif op == _LEQ:
                    truth = left <= right
                elif op == _BETWEEN:
                    truth = right <= left <= rules[i]
                    i += 1
                else:
                    return 0
                if opcode & _NOT:
                    truth = not truth
                and_value = and_value and truth
                if i == size or rules[i] != _AND:
                    break
                i += 1
            or_value = or_value or and_value
            if i == size or rules[i] != _OR:
                break
            i += 1
        if or_value:
            return result
        result += 1
        if i == size:
            return result
        i += 1  # the rule separator


def load_catalogue(language: str) -> QmCatalogue | None:
    from desk_break.assets import resource_bytes

    try:
        return QmCatalogue(resource_bytes(qm_file_name(language)))
    except (OSError, ValueError):
        return None


def install_for_cli(env: Mapping[str, str] | None = None) -> str | None:
    """Point the core's `translate` at the desktop's language; the language, or None.

    The catalogue is read at the first text looked up, so a command that prints only
    JSON (`schedule --json`) never reads it.
    """
    language = ui_language(env)
    if language is None:
        i18n.install(None)
        return None
    loaded: list[QmCatalogue | None] = []

    def lookup(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        if not loaded:
            loaded.append(load_catalogue(language))
        catalogue = loaded[0]
        if catalogue is None:  # no catalogue after all: English, as without one
            return i18n.english(context, text, disambiguation, n)
        return catalogue.translate(context, text, disambiguation, n)

    i18n.install(lookup, language)
    return language
