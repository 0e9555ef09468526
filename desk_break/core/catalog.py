"""The move catalog: parse and validate `moves.toml`, shipped and the person's own.

The shipped catalog (`resources/moves.toml`) holds two tables: `[poses.*]`, the
figure's keyframes, and `[[moves]]`, each move with its steps. A person may add
a `moves.toml` of their own (same schema) to add moves or override shipped ones
by id. A bad entry in their file is skipped with a `CatalogProblem` naming the
file, the move and the field; a bad shipped catalog is a bug and raises.

Pose keyframes, briefly (the painter is `desk_break.qt.figure`):
- `view`: "side" (facing right; `left_*` limbs are the near side), "front" or
  "back" (the figure's right on the viewer's left in front view).
- angles in degrees, absolute, measured from straight up: 0 up, 90 forward
  (side view) or out to the side (front/back view), 180 down, 270 backward.
  `torso` is the lower back, `upper_back` the chest *relative* to it
  (+ rounds forward, - extends). `head` tilts the head relative to the chest
  (+ chin down, - looks up).
- `*_reach` (0-1.2) shortens a limb drawn pointing toward the viewer;
  `twist` and `head_turn` (+ to the figure's right) rotate the chest and the
  face: in front/back view the shoulders narrow and the breastbone swings, in
  side view a turn to the left (< 0) opens the chest and face toward the viewer;
  `scapula` (back view, -1 apart .. 1 squeezed).
- `like = "other"` starts from another pose; `props` lists what to draw
  (`PROPS`); `lift` raises the figure off the floor (units ≈ cm).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desk_break.core.i18n import arg, translate
from desk_break.core.moves import FOCUS_AREAS, Move, Step
from desk_break.settings.model import EQUIPMENT, POSITIONS

CATALOG_FILE = "moves.toml"
SCHEMA_VERSION = 1

VIEWS: tuple[str, ...] = ("side", "front", "back")
PROPS: tuple[str, ...] = ("chair", "desk", "wall", "floor", "band", "ball", "foam_roller", "bench")

LIMBS: tuple[str, ...] = (
    "left_upper_arm",
    "left_forearm",
    "right_upper_arm",
    "right_forearm",
    "left_thigh",
    "left_shin",
    "right_thigh",
    "right_shin",
)

# Every numeric pose key with its default (a neutral standing figure) and bounds.
JOINT_DEFAULTS: dict[str, float] = {
    "torso": 0.0,
    "upper_back": 0.0,
    "head": 0.0,
    **{limb: 180.0 for limb in LIMBS},
    "left_foot": 90.0,
    "right_foot": 90.0,
    **{f"{limb}_reach": 1.0 for limb in LIMBS},
    "twist": 0.0,
    "head_turn": 0.0,
    "scapula": 0.0,
    "lift": 0.0,
}
_BOUNDS: dict[str, tuple[float, float]] = {
    **{key: (-360.0, 720.0) for key in JOINT_DEFAULTS},
    **{f"{limb}_reach": (0.0, 1.2) for limb in LIMBS},
    "upper_back": (-90.0, 90.0),
    "head": (-90.0, 90.0),
    "twist": (-90.0, 90.0),
    "head_turn": (-90.0, 90.0),
    "scapula": (-1.0, 1.0),
    "lift": (0.0, 200.0),
}

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_MOVE_KEYS = frozenset(
    {"id", "name", "position", "equipment", "focus", "purpose", "cautions", "source", "steps"}
)
_STEP_KEYS = frozenset({"cue", "seconds", "pose", "to", "cycles"})
_POSE_KEYS = frozenset({"view", "like", "props", *JOINT_DEFAULTS})
MAX_CUE = 90
MAX_PURPOSE = 160
MAX_STEP_SECONDS = 600


@dataclass(frozen=True)
class Pose:
    """One keyframe of the figure: every joint value resolved (see the module doc)."""

    name: str
    view: str
    joints: Mapping[str, float]
    props: tuple[str, ...] = ()

    def __hash__(self) -> int:
        return hash(self.name)


@dataclass(frozen=True)
class CatalogProblem:
    """One entry that could not be used, and why. `move_id` is None for file-level
    problems; pose problems say "pose NAME" there."""

    file: str
    move_id: str | None
    field: str
    reason: str

    def __str__(self) -> str:
        where = self.file
        if self.move_id is not None:
            pose = self.move_id.startswith("pose ")
            where += f": {self.move_id}" if pose else f": move {self.move_id!r}"
        if self.field:
            where += f": {self.field}"
        return f"{where}: {self.reason}"


class CatalogError(ValueError):
    """The shipped catalog is broken: a bug in the app, not the person's doing."""


@dataclass
class Catalog:
    """Moves by id in catalog order, and the pose keyframes they name."""

    moves: dict[str, Move] = field(default_factory=dict)
    poses: dict[str, Pose] = field(default_factory=dict)
    custom: frozenset[str] = frozenset()  # ids that came from (or were changed by) a user file

    def get(self, move_id: str) -> Move | None:
        return self.moves.get(move_id)

    def pose(self, name: str) -> Pose:
        return self.poses[name]

    def __iter__(self) -> Iterator[Move]:
        return iter(self.moves.values())

    def __len__(self) -> int:
        return len(self.moves)

    def __contains__(self, move_id: object) -> bool:
        return move_id in self.moves


class _Invalid(Exception):
    def __init__(self, field_name: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field_name
        self.reason = reason


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _text(raw: Mapping[str, Any], key: str, *, limit: int, required: bool = True) -> str:
    value = raw.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise _Invalid(key, "missing" if value is None else "must be non-empty text")
    if "\n" in value.strip():
        raise _Invalid(key, "must be one line")
    if len(value) > limit:
        raise _Invalid(key, f"is {len(value)} characters long, at most {limit}")
    return value.strip()


def _names(raw: Mapping[str, Any], key: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Invalid(key, "must be a list of names")
    for v in value:
        if v not in allowed:
            raise _Invalid(key, f"unknown {key} {v!r} (one of {', '.join(allowed)})")
    return tuple(dict.fromkeys(value))


# ---- poses ----


def _parse_poses(
    raw: object, file: str, base: Mapping[str, Pose]
) -> tuple[dict[str, Pose], list[CatalogProblem]]:
    problems: list[CatalogProblem] = []
    if raw is None:
        return {}, problems
    if not isinstance(raw, dict):
        return {}, [CatalogProblem(file, None, "poses", "must be a table of poses")]
    pending: dict[str, dict[str, Any]] = {}
    for name, body in raw.items():
        if not _ID.match(name):
            problems.append(
                CatalogProblem(file, f"pose {name}", "name", "use lower-case letters, digits, _")
            )
        elif not isinstance(body, dict):
            problems.append(CatalogProblem(file, f"pose {name}", "", "must be a table"))
        else:
            pending[name] = body
    resolved: dict[str, Pose] = {}

    def resolve(name: str, chain: tuple[str, ...]) -> Pose | None:
        if name in resolved:
            return resolved[name]
        body = pending.get(name)
        if body is None:
            return base.get(name)
        who = f"pose {name}"
        try:
            unknown = sorted(set(body) - _POSE_KEYS)
            if unknown:
                raise _Invalid(unknown[0], "unknown field")
            like = body.get("like")
            parent: Pose | None = None
            if like is not None:
                if not isinstance(like, str):
                    raise _Invalid("like", "must be a pose name")
                if like in chain:
                    raise _Invalid("like", f"loops back to {like!r}")
                parent = resolve(like, (*chain, name))
                if parent is None:
                    raise _Invalid("like", f"no pose named {like!r}")
            view = body.get("view", parent.view if parent else "side")
            if view not in VIEWS:
                raise _Invalid("view", f"must be one of {', '.join(VIEWS)}")
            props = parent.props if parent else ()
            if "props" in body:
                props = _names(body, "props", PROPS)
            joints = dict(parent.joints) if parent else dict(JOINT_DEFAULTS)
            for key in JOINT_DEFAULTS:
                if key in body:
                    value = body[key]
                    low, high = _BOUNDS[key]
                    if not _is_number(value):
                        raise _Invalid(key, "must be a number")
                    if not low <= value <= high:
                        raise _Invalid(key, f"must be between {low:g} and {high:g}")
                    joints[key] = float(value)
        except _Invalid as bad:
            problems.append(CatalogProblem(file, who, bad.field, bad.reason))
            pending.pop(name, None)
            return None
        pose = Pose(name, view, joints, props)
        resolved[name] = pose
        return pose

    for name in list(pending):
        resolve(name, ())
    return resolved, problems


# ---- moves ----


def _parse_step(raw: object, index: int, poses: Mapping[str, Pose]) -> Step:
    where = f"steps[{index}]"
    if not isinstance(raw, dict):
        raise _Invalid(where, "must be a table with cue, seconds and pose")
    unknown = sorted(set(raw) - _STEP_KEYS)
    if unknown:
        raise _Invalid(f"{where}.{unknown[0]}", "unknown field")
    try:
        cue = _text(raw, "cue", limit=MAX_CUE)
    except _Invalid as bad:
        raise _Invalid(f"{where}.cue", bad.reason) from None
    seconds = raw.get("seconds")
    if not isinstance(seconds, int) or isinstance(seconds, bool):
        raise _Invalid(f"{where}.seconds", "must be a whole number of seconds")
    if not 0 < seconds <= MAX_STEP_SECONDS:
        raise _Invalid(f"{where}.seconds", f"must be between 1 and {MAX_STEP_SECONDS}")
    pose = raw.get("pose")
    if not isinstance(pose, str) or pose not in poses:
        raise _Invalid(f"{where}.pose", f"no pose named {pose!r}")
    to = raw.get("to")
    if to is not None:
        if not isinstance(to, str) or to not in poses:
            raise _Invalid(f"{where}.to", f"no pose named {to!r}")
        if poses[to].view != poses[pose].view:
            raise _Invalid(
                f"{where}.to", f"is a {poses[to].view} view, {pose!r} a {poses[pose].view}"
            )
    cycles = raw.get("cycles", 0)
    if not isinstance(cycles, int) or isinstance(cycles, bool) or not 0 <= cycles <= 60:
        raise _Invalid(f"{where}.cycles", "must be a whole number from 0 to 60")
    if cycles and to is None:
        raise _Invalid(f"{where}.cycles", "needs a second pose in `to`")
    return Step(cue=cue, seconds=seconds, pose=pose, to=to, cycles=cycles)


def _parse_move(raw: Mapping[str, Any], file: str, poses: Mapping[str, Pose]) -> Move:
    unknown = sorted(set(raw) - _MOVE_KEYS)
    if unknown:
        raise _Invalid(unknown[0], "unknown field")
    name = _text(raw, "name", limit=60)
    position = raw.get("position")
    if position not in POSITIONS:
        raise _Invalid("position", f"must be one of {', '.join(POSITIONS)}")
    equipment = tuple(e for e in _names(raw, "equipment", EQUIPMENT) if e != "none")
    focus = _names(raw, "focus", FOCUS_AREAS)
    if not focus:
        raise _Invalid("focus", f"name at least one of {', '.join(FOCUS_AREAS)}")
    purpose = _text(raw, "purpose", limit=MAX_PURPOSE)
    cautions_raw = raw.get("cautions", [])
    if not isinstance(cautions_raw, list) or not all(
        isinstance(c, str) and c.strip() and "\n" not in c.strip() for c in cautions_raw
    ):
        raise _Invalid("cautions", "must be a list of one-line texts")
    source = _text(raw, "source", limit=200, required=False) or Path(file).name
    steps_raw = raw.get("steps")
    if not isinstance(steps_raw, list) or not steps_raw:
        raise _Invalid("steps", "must be a non-empty list of steps")
    steps = tuple(_parse_step(s, i, poses) for i, s in enumerate(steps_raw))
    return Move(
        id=raw["id"],
        name=name,
        position=str(position),
        equipment=equipment,
        focus=focus,
        purpose=purpose,
        steps=steps,
        source=source,
        cautions=tuple(c.strip() for c in cautions_raw),
    )


def parse_catalog(
    text: str, file: str, *, base: Catalog | None = None
) -> tuple[Catalog, list[CatalogProblem]]:
    """Parse one catalog file over `base` (its poses and moves; this file's win by name/id).

    Never raises for bad content: every entry that cannot be used is left out and
    described in the returned problems; the rest load.
    """
    base = base or Catalog()
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        return _copy(base), [CatalogProblem(file, None, "", f"not valid TOML: {err}")]
    except RecursionError:  # tomllib has no depth limit: `steps = [[[[...` thousands deep
        return _copy(base), [CatalogProblem(file, None, "", "not valid TOML: nested too deeply")]
    problems: list[CatalogProblem] = []
    schema = doc.get("schema", SCHEMA_VERSION)
    # `True == 1` in Python: a bool is not a version number.
    if isinstance(schema, bool) or not isinstance(schema, int):
        reason = f"must be the number {SCHEMA_VERSION} (no quotes), not {schema!r}"
        problems.append(CatalogProblem(file, None, "schema", reason))
    elif schema != SCHEMA_VERSION:
        reason = f"is {schema}; this version reads schema {SCHEMA_VERSION}"
        problems.append(CatalogProblem(file, None, "schema", reason))
    unknown = sorted(set(doc) - {"schema", "poses", "moves"})
    problems += [CatalogProblem(file, None, key, "unknown top-level key") for key in unknown]
    new_poses, pose_problems = _parse_poses(doc.get("poses"), file, base.poses)
    problems += pose_problems
    poses = {**base.poses, **new_poses}

    moves = dict(base.moves)
    custom = set(base.custom)
    seen: set[str] = set()
    raw_moves = doc.get("moves", [])
    if not isinstance(raw_moves, list):
        problems.append(CatalogProblem(file, None, "moves", "must be an array of [[moves]]"))
        raw_moves = []
    for index, raw in enumerate(raw_moves):
        if not isinstance(raw, dict):
            problems.append(CatalogProblem(file, f"#{index + 1}", "", "must be a table"))
            continue
        move_id = raw.get("id")
        if not isinstance(move_id, str) or not _ID.match(move_id):
            problems.append(
                CatalogProblem(
                    file, f"#{index + 1}", "id", "missing, or not lower-case letters, digits, _"
                )
            )
            continue
        if move_id in seen:
            problems.append(CatalogProblem(file, move_id, "id", "appears twice in this file"))
            continue
        seen.add(move_id)
        try:
            moves[move_id] = _parse_move(raw, file, poses)
        except _Invalid as bad:
            problems.append(CatalogProblem(file, move_id, bad.field, bad.reason))
            continue
        custom.add(move_id)
    return Catalog(moves, poses, frozenset(custom)), problems


def _copy(catalog: Catalog) -> Catalog:
    return Catalog(dict(catalog.moves), dict(catalog.poses), catalog.custom)


def load_shipped_catalog(language: str | None = None) -> Catalog:
    """The catalog that ships with the app, its words in `language` (default: the one
    `core.i18n` speaks; see catalog_locale.py). Raises `CatalogError` if it is broken."""
    from desk_break.assets import resource_text
    from desk_break.core import i18n
    from desk_break.core.catalog_locale import translate_moves

    catalog, problems = parse_catalog(resource_text(CATALOG_FILE), CATALOG_FILE)
    if problems:
        listed = "\n  ".join(str(p) for p in problems)
        raise CatalogError(f"the shipped move catalog is broken:\n  {listed}")
    moves = translate_moves(catalog.moves, language or i18n.language())
    return Catalog(moves, catalog.poses, frozenset())


def load_catalog(
    user_file: Path | None, language: str | None = None
) -> tuple[Catalog, list[CatalogProblem]]:
    """The shipped catalog (in `language`) plus the person's `moves.toml` (if present).

    Problems in the person's file are returned, never raised; an unreadable file
    is one problem and the shipped moves still load.
    """
    from desk_break.safe_read import RefusedFile, read_user_file

    shipped = load_shipped_catalog(language)
    if user_file is None:
        return shipped, []
    try:  # a regular file of at most 1 MiB: never a FIFO, a device or a huge file
        text = read_user_file(user_file).decode("utf-8-sig")
    except FileNotFoundError:
        return shipped, []
    except (RefusedFile, UnicodeDecodeError) as err:
        if isinstance(err, RefusedFile):
            reason = err.reason
        else:
            reason = arg(translate("Files", "is not UTF-8 text (byte %1)"), err.start)
        cannot = arg(translate("Files", "cannot be read: it %1"), reason)
        return shipped, [CatalogProblem(str(user_file), None, "", cannot)]
    return parse_catalog(text, str(user_file), base=shipped)


# ---- `desk-break moves` ----


def _row(move: Move) -> dict[str, object]:
    return {
        "id": move.id,
        "name": move.name,
        "position": move.position,
        "equipment": list(move.equipment) or ["none"],
        "focus": list(move.focus),
        "seconds": move.seconds,
    }


def render_moves_table(catalog: Catalog) -> str:
    """A plain aligned table, one move a line, for `desk-break moves`."""
    header = (
        translate("Moves table", "ID"),
        translate("Moves table", "NAME"),
        translate("Moves table", "POSITION"),
        translate("Moves table", "EQUIPMENT"),
        translate("Moves table", "FOCUS"),
        translate("Moves table", "SECONDS"),
    )
    rows = [header]
    for move in catalog:
        rows.append(
            (
                move.id + (" *" if move.id in catalog.custom else ""),
                move.name,
                move.position,
                ",".join(move.equipment) or "none",
                ",".join(move.focus),
                str(move.seconds),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = [
        "  ".join(
            cell.rjust(widths[i]) if i == len(header) - 1 else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ).rstrip()
        for row in rows
    ]
    if catalog.custom:
        lines.append(translate("Moves table", "* from your moves.toml"))
    return "\n".join(lines)


def render_moves_json(catalog: Catalog) -> str:
    """A JSON list of moves (id, name, position, equipment, focus, seconds)."""
    return json.dumps([_row(m) for m in catalog], indent=2, ensure_ascii=False)
