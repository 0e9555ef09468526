"""Settings: typed values (`model`), TOML text <-> values (`schema`), the file (`store`)."""

from desk_break.settings.model import SCHEMA_VERSION, Settings
from desk_break.settings.schema import Problem, parse_settings, settings_to_document
from desk_break.settings.store import LoadResult, check_settings, load_settings, save_settings

__all__ = [
    "SCHEMA_VERSION",
    "LoadResult",
    "Problem",
    "Settings",
    "check_settings",
    "load_settings",
    "parse_settings",
    "save_settings",
    "settings_to_document",
]
