"""The app's language: our catalogue and Qt's own in QTranslators, the locale for formats.

`install_translators` runs once, right after the QApplication exists and before any
widget: every `tr()`/`QCoreApplication.translate` call then looks text up in the
desktop's language (`desk_break.translations.ui_language`), and the core's
`translate` hook goes through the same QTranslator. Qt's `qtbase_<lang>.qm` (in
PySide6) translates the buttons Qt draws itself (OK, Cancel, Close in dialog boxes).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desk_break.core import i18n
from desk_break.translations import qm_file_name, ui_language, ui_locale_name

log = logging.getLogger(__name__)
_KEEP_ALIVE: list[bytes] = []


def _qt_translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate(context, text, disambiguation, n)


def load_app_translator(language: str) -> QTranslator | None:
    from desk_break.assets import resource_bytes

    translator = QTranslator(QCoreApplication.instance())
    try:
        data = resource_bytes(qm_file_name(language))
    except OSError as exc:
        log.warning("no %s catalogue: %s", language, exc)
        return None
    if not translator.load(data):
        log.warning("the %s catalogue did not load", language)
        return None
    # QTranslator reads from the buffer it was given for as long as it lives: keep it.
    _KEEP_ALIVE.append(data)
    return translator


def install_translators(env: Mapping[str, str] | None = None) -> str:
    """Install the desktop's language into the running QCoreApplication; returns its code."""
    language = ui_language(env)
    app = QCoreApplication.instance()
    assert app is not None, "install_translators needs a QCoreApplication"
    for old in getattr(app, "_desk_break_translators", []):
        QCoreApplication.removeTranslator(old)
    installed: list[QTranslator] = []
    if language is None:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        i18n.install(None)
        app._desk_break_translators = installed  # type: ignore[attr-defined]
        return "en"
    locale = QLocale(ui_locale_name(language, env))
    QLocale.setDefault(locale)
    qt_own = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(locale, "qtbase", "_", folder):
        QCoreApplication.installTranslator(qt_own)
        installed.append(qt_own)
    ours = load_app_translator(language)
    if ours is not None:
        QCoreApplication.installTranslator(ours)
        installed.append(ours)
    app._desk_break_translators = installed  # type: ignore[attr-defined]
    i18n.install(_qt_translate, language)
    log.info("language: %s (%s)", language, locale.name())
    return language
