"""Pages of the Preferences dialog (`desk_break.qt.preferences`)."""
