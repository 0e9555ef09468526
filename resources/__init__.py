"""Data shipped with Desk Break: the move catalog, icons and sounds."""
