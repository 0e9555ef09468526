"""The core's translation hook: Qt-free, English until a shell installs a catalogue.

Core text (the status line, `schedule`'s table, pause lengths, refusals) is marked with
`translate(context, text)`, the same call shape as Qt's `QCoreApplication.translate`,
so `pyside6-lupdate` finds it. The shell decides which language and installs the
function that looks text up: `QCoreApplication.translate` in the app, the pure-Python
.qm reader (`desk_break.translations`) in the CLI. With nothing installed, text stays
English and `%n` becomes the number, as Qt does.
English plurals are written "%n break(s)" in the source; untranslated, "(s)" follows n.

Plurals pass `n` and say `%n` in the text: `translate("Schedule", "%n break(s)", "", n)`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

Translate = Callable[[str, str, "str | None", int], str]


def english(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """The source text itself; a plural's "(s)" goes by `n` ("1 break", "2 breaks")."""
    if n < 0:
        return text
    return text.replace("(s)", "" if n == 1 else "s").replace("%n", str(n))


_active: Translate = english
_language = "en"


def install(function: Translate | None, language: str = "en") -> None:
    """Make `translate` use `function` (None: back to English) for `language`."""
    global _active, _language
    _active = function or english
    _language = language if function is not None else "en"


def language() -> str:
    """The language text is shown in: "en", or the code of the installed catalogue."""
    return _language


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return _active(context, text, disambiguation, n)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for lupdate without translating it here: it is translated when shown."""
    return text


# Weekday names as the locale abbreviates them, through the catalogue so the CLI needs
# no installed glibc locale (German: CLDR's "Mo.", "Di.", ... as QLocale gives them).
_WEEKDAYS = (
    QT_TRANSLATE_NOOP("Weekday", "Mon"),
    QT_TRANSLATE_NOOP("Weekday", "Tue"),
    QT_TRANSLATE_NOOP("Weekday", "Wed"),
    QT_TRANSLATE_NOOP("Weekday", "Thu"),
    QT_TRANSLATE_NOOP("Weekday", "Fri"),
    QT_TRANSLATE_NOOP("Weekday", "Sat"),
    QT_TRANSLATE_NOOP("Weekday", "Sun"),
)


def weekday_short(day: date) -> str:
    """"Mon" / "Mo."."""
    return translate("Weekday", _WEEKDAYS[day.weekday()])


def clock(moment: datetime, *, seconds: bool = False) -> str:
    """A time of day as the language writes it: 24 h "14:30" in English and German alike.

    A catalogue may change the pattern ("%H:%M" is itself translatable, as strftime
    codes limited to %H, %I, %M, %S and %p-free text, so no glibc locale is needed).
    """
    if seconds:
        pattern = translate("Clock", "%H:%M:%S", "time of day with seconds, strftime codes")
    else:
        pattern = translate("Clock", "%H:%M", "time of day, strftime codes")
    return moment.strftime(pattern)


def arg(text: str, *values: object) -> str:
    """Fill Qt-style `%1`, `%2` ... with `values` (in one pass, so a value may hold "%2").

    Translated text uses these numbered places, not str.format, so a translation may
    reorder them and Qt Linguist checks that none is lost.
    """
    out: list[str] = []
    i = 0
    while i < len(text):
        if text[i] == "%" and i + 1 < len(text) and text[i + 1].isdigit():
            index = int(text[i + 1]) - 1
            if 0 <= index < len(values):
                out.append(str(values[index]))
                i += 2
                continue
        out.append(text[i])
        i += 1
    return "".join(out)


_WEEKDAY_NAMES = (
    QT_TRANSLATE_NOOP("Weekday", "Monday"),
    QT_TRANSLATE_NOOP("Weekday", "Tuesday"),
    QT_TRANSLATE_NOOP("Weekday", "Wednesday"),
    QT_TRANSLATE_NOOP("Weekday", "Thursday"),
    QT_TRANSLATE_NOOP("Weekday", "Friday"),
    QT_TRANSLATE_NOOP("Weekday", "Saturday"),
    QT_TRANSLATE_NOOP("Weekday", "Sunday"),
)


def weekday_name(weekday: int) -> str:
    """The full name of `date.weekday()` (0 = Monday): "Monday" / "Montag"."""
    return translate("Weekday", _WEEKDAY_NAMES[weekday])
