"""The shipped moves in the person's language: `resources/moves.<lang>.toml` beside moves.toml.

A translation file holds only words, keyed by move id: `name`, `purpose`, `cautions`
(a list as long as the English one) and `cues` (each distinct English cue of the move
mapped to its translation). Poses, timings and facts stay in moves.toml, so the moves
cannot drift apart between languages. A move or cue a file lacks stays English
(tests/i18n checks the shipped German file is complete). Moves from the person's own
moves.toml are theirs and are never translated.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from desk_break.core.moves import Move


def catalog_file(language: str) -> str:
    return f"moves.{language}.toml"


def parse_translations(text: str) -> dict[str, Mapping[str, Any]]:
    """Move id -> its translated words, from a moves.<lang>.toml text."""
    data = tomllib.loads(text)
    moves = data.get("moves", {})
    return {str(k): v for k, v in moves.items() if isinstance(v, Mapping)}


def translate_move(move: Move, words: Mapping[str, Any] | None) -> Move:
    """`move` with the words it has in `words` (None or missing fields: as it was)."""
    if not words:
        return move
    cautions = words.get("cautions")
    if not (isinstance(cautions, list) and len(cautions) == len(move.cautions)):
        cautions = list(move.cautions)
    cues = words.get("cues") if isinstance(words.get("cues"), Mapping) else {}
    assert isinstance(cues, Mapping)
    steps = tuple(replace(s, cue=str(cues.get(s.cue, s.cue))) for s in move.steps)
    return replace(
        move,
        name=str(words.get("name") or move.name),
        purpose=str(words.get("purpose") or move.purpose),
        cautions=tuple(str(c) for c in cautions),
        steps=steps,
    )


def translate_moves(moves: Mapping[str, Move], language: str) -> dict[str, Move]:
    """The shipped `moves` in `language` ("en", or no file for it: unchanged)."""
    if language == "en":
        return dict(moves)
    from desk_break.assets import resource_text

    try:
        table = parse_translations(resource_text(catalog_file(language)))
    except (OSError, tomllib.TOMLDecodeError):
        return dict(moves)
    return {move_id: translate_move(move, table.get(move_id)) for move_id, move in moves.items()}
