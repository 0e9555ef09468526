"""`desk-break stats`, `export` and `import`: the history from the command line.

They need no running app and read the file read-only (`stats`, `export`), so they
work while one runs. `import` writes through one transaction: every row is checked
first, a problem names its line, and then nothing is written at all. Rows are keyed
by their natural key (time, kind, due time): importing a file twice adds nothing.
No Qt here: these commands start in a few tens of milliseconds.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from desk_break.core.i18n import arg, translate, weekday_short
from desk_break.paths import AppPaths
from desk_break.printable import say
from desk_break.safe_read import RefusedFile, open_regular_file

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _goal_percent(paths: AppPaths) -> int:
    from desk_break.settings.store import load_layered

    result = load_layered(paths.settings_file, paths.site_config_dirs)
    for problem in result.problems:
        say(str(problem), file=sys.stderr)
    return int(result.settings.statistics.daily_goal_percent)


def _today() -> date:
    from desk_break.core.clock import local_zone

    return datetime.now(local_zone()).date()


def cmd_stats(paths: AppPaths, days: int, as_json: bool) -> int:
    from desk_break.storage.history_query import HistoryUnreadable, overview

    try:
        ov = overview(paths.history_db, days, _today(), _goal_percent(paths), focus_of={})
    except (HistoryUnreadable, sqlite3.Error) as exc:
        say(arg(translate("History", "Could not read the history: %1"), exc), file=sys.stderr)
        return EXIT_FAILED
    if as_json:
        say(json.dumps(ov.as_json()))
        return EXIT_OK
    # Columns as wide as their (translated) heading needs, at least as they always were.
    heads = [translate("History", "day"), translate("History", "due"),
             translate("History", "done"), translate("History", "away"),
             translate("History", "snoozed"), translate("History", "skipped"),
             translate("History", "missed"), translate("History", "minutes")]
    widths = [max(w, len(h) + 1) for w, h in zip((14, 5, 6, 6, 9, 9, 8, 9), heads, strict=True)]
    firsts = [f"{weekday_short(d.date)} {d.date:%Y-%m-%d}" for d in ov.days]
    widths[0] = max([14, len(heads[0]) + 1, *map(len, firsts)])

    def line(first: str, numbers: list[str], last: str) -> str:
        cells = [first.ljust(widths[0])] + [n.rjust(w) for n, w in zip(numbers, widths[1:],
                                                                          strict=True)]
        return ("".join(cells) + (f"  {last}" if last else "")).rstrip()

    say(line(heads[0], heads[1:], translate("History", "goal")))
    met = translate("History", "met", "the day met the goal")
    for d, first in zip(ov.days, firsts, strict=True):
        counts = [d.due, d.completed, d.natural, d.snoozed, d.skipped, d.missed]
        say(line(first,
                 [*map(str, counts), f"{d.minutes_moved:.1f}"], met if d.goal_met else ""))
    t = ov.totals
    counts = [t.due, t.completed, t.natural, t.snoozed, t.skipped, t.missed]
    say(line(translate("History", "total"), [*map(str, counts), f"{t.minutes_moved:.1f}"], ""))
    current = t.current_streak
    streak = translate("History", "Streak: %n day(s) in a row met the goal (best %1).", "",
                       current)
    say(arg(streak, t.best_streak))
    return EXIT_OK


# ---- export ------------------------------------------------------------------------


def _open_out(target: str) -> TextIO:
    if target == "-":
        return sys.stdout
    return open(target, "w", encoding="utf-8", newline="")


def cmd_export(paths: AppPaths, csv_target: str | None, json_target: str | None) -> int:
    from desk_break.storage.history_query import HistoryUnreadable, events

    target = csv_target if csv_target is not None else json_target
    assert target is not None
    try:
        out = _open_out(target)
    except OSError as exc:
        say(arg(translate("History", "Could not write %1: %2"), target, exc), file=sys.stderr)
        return EXIT_FAILED
    try:
        rows = events(paths.history_db)
        if csv_target is not None:
            write_csv(out, rows)
        else:
            for row in rows:
                out.write(json.dumps(row) + "\n")
    except (HistoryUnreadable, sqlite3.Error) as exc:
        say(arg(translate("History", "Could not read the history: %1"), exc), file=sys.stderr)
        return EXIT_FAILED
    finally:
        if out is not sys.stdout:
            out.close()
    return EXIT_OK


# ---- import ------------------------------------------------------------------------


class BadRow(ValueError):
    pass


def _time(value: str, column: str, required: bool) -> datetime | None:
    if not value:
        if required:
            raise BadRow(f"{column} is empty")
        return None
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        raise BadRow(f"{column} is not an ISO 8601 time: {value!r}") from None
    if at.utcoffset() is None:
        raise BadRow(f"{column} has no UTC offset: {value!r}")
    return at


def _int(value: str, column: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise BadRow(f"{column} is not a whole number: {value!r}") from None


def parse_row(fields: dict[str, str]) -> Any:
    """One exported row back into an EventRow, or BadRow saying what is wrong."""
    from datetime import timedelta, timezone

    from desk_break.storage.event_row import EventRow

    offset = _int(fields["utc_offset"], "utc_offset")
    if not -18 * 3600 <= offset <= 18 * 3600:
        raise BadRow(f"utc_offset out of range: {offset}")
    tz = timezone(timedelta(seconds=offset))
    at = _time(fields["at"], "at", True)
    assert at is not None
    try:
        work_day = date.fromisoformat(fields["work_day"])
    except ValueError:
        raise BadRow(f"work_day is not a YYYY-MM-DD date: {fields['work_day']!r}") from None
    due = _time(fields["due_at"], "due_at", False)
    started = _time(fields["started_at"], "started_at", False)
    snoozes = _int(fields["snoozes"], "snoozes") if fields["snoozes"] else None
    row = EventRow(
        at=at.astimezone(tz),
        kind=fields["kind"],
        work_day=work_day,
        break_kind=fields["break_kind"] or None,
        due_at=due,
        started_at=started,
        snoozes=snoozes,
        moves=tuple(m for m in fields["moves"].split(",") if m),
        detail=fields["detail"],
    )
    problem = row.problem()
    if problem is not None:
        raise BadRow(problem)
    return row


def read_csv(text: Iterable[str], name: str) -> tuple[list[Any], list[str]]:
    """(rows, problems): every row checked; a problem names the file and the line."""
    from desk_break.storage.event_row import EXPORT_COLUMNS

    reader = csv.DictReader(text)
    header = reader.fieldnames or []
    missing = [c for c in EXPORT_COLUMNS if c not in header]
    if missing:
        return [], [f"{name}, line 1: the header lacks {', '.join(missing)}"]
    rows: list[Any] = []
    problems: list[str] = []
    for record in reader:
        line = reader.line_num
        if None in record or any(v is None for v in record.values()):
            problems.append(f"{name}, line {line}: {len(header)} fields expected")
            continue
        try:
            rows.append(parse_row(record))
        except BadRow as exc:
            problems.append(f"{name}, line {line}: {exc}")
    return rows, problems


MAX_LINE_CHARS = 64 * 1024  # an exported row is a few hundred characters


class LineTooLong(ValueError):
    """A line of an import longer than MAX_LINE_CHARS (not an export: /dev/zero, a binary)."""


def _bounded(stream: TextIO, name: str) -> Iterator[str]:
    number = 0
    while True:
        line = stream.readline(MAX_LINE_CHARS + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_CHARS:
            raise LineTooLong(
                f"{name}, line {number}: longer than {MAX_LINE_CHARS // 1024} KiB, "
                "not a Desk Break export"
            )
        yield line


def _lines(source: str) -> Iterator[str]:
    """The lines of the file to import, each bounded; only a regular file is opened
    (a FIFO would block, /dev/zero is one endless line), "-" reads standard input."""
    if source == "-":
        yield from _bounded(sys.stdin, "standard input")
        return
    with io.TextIOWrapper(open_regular_file(Path(source)), encoding="utf-8", newline="") as f:
        yield from _bounded(f, source)


def import_rows(db_path: Path, rows: list[Any]) -> int:
    """All rows in one transaction (the schema brought up to date first); returns how
    many were new."""
    from desk_break.storage.history_events import import_events
    from desk_break.storage.history_schema import connect

    db_path.parent.mkdir(parents=True, exist_ok=True)
    db = connect(db_path)
    try:
        db.execute("PRAGMA busy_timeout = 5000")  # the running app writes in a few ms
        db.execute("BEGIN IMMEDIATE")
        try:
            added = import_events(db, [r.to_row() for r in rows])
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    finally:
        db.close()
    return added


def cmd_import(paths: AppPaths, source: str) -> int:
    name = translate("History", "standard input") if source == "-" else source
    try:
        rows, problems = read_csv(_lines(source), name)
    except (RefusedFile, LineTooLong) as exc:  # they name the file themselves
        say(f"Nothing imported: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        say(arg(translate("History", "Could not read %1: %2"), name, exc), file=sys.stderr)
        return EXIT_USAGE
    if problems:
        for problem in problems[:50]:
            say(problem, file=sys.stderr)
        if len(problems) > 50:
            more = len(problems) - 50
            say(translate("History", "... and %n more", "", more), file=sys.stderr)
        bad = len(problems)
        say(translate("History", "Nothing imported: %n bad row(s).", "", bad), file=sys.stderr)
        return EXIT_USAGE
    try:
        added = import_rows(paths.history_db, rows)
    except Exception as exc:  # locked, newer schema, disk full: all reported the same way
        say(arg(translate("History", "Nothing imported: could not write %1: %2"),
                paths.history_db, exc), file=sys.stderr)
        return EXIT_FAILED
    imported = translate("History", "Imported %n new event(s) of %1 from %2.", "", added)
    say(arg(imported, len(rows), name))
    return EXIT_OK


def write_csv(out: TextIO, rows: Iterable[dict[str, object]]) -> None:
    """An export as CSV with a header row (this command, and the window's Export)."""
    from desk_break.storage.event_row import EXPORT_COLUMNS

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in rows:
        writer.writerow("" if row[c] is None else row[c] for c in EXPORT_COLUMNS)
