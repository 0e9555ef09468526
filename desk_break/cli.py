"""`desk-break`: with no command it runs the tray app; commands preview or control it.

Exit statuses: 0 done, 1 Desk Break is not running (or failed to carry the request
out), 2 usage error or invalid input (settings file), 3 refused by the running app
(with its reason).
Only running the app imports Qt; the other commands stay fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desk_break import __version__
from desk_break.core.i18n import arg, translate
from desk_break.core.intents import PAUSE_HELP, pause_choice
from desk_break.paths import AppPaths, app_paths
from desk_break.printable import say

EXIT_OK, EXIT_NOT_RUNNING, EXIT_USAGE, EXIT_REFUSED = 0, 1, 2, 3
EXIT_FAILED = EXIT_NOT_RUNNING  # the app answered but could not carry it out

CONTROL_COMMANDS = {
    "quit": "Quit the running Desk Break.",
    "preferences": "Open Preferences in the running Desk Break.",
    "break-now": "Start a break now.",
    "snooze": "Snooze the next (or running) break.",
    "skip": "Skip the next (or running) break.",
    "done": "Mark the running break as done.",
    "resume": "Resume after a pause.",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="desk-break",
        description="Micro-breaks that get your upper back moving. "
        "With no command, starts Desk Break in the system tray.",
    )
    parser.add_argument("--version", action="version", version=f"desk-break {__version__}")
    parser.add_argument(
        "--foreground", action="store_true", help="run the app in this process (do not detach)"
    )
    parser.add_argument("--verbose", action="store_true", help="also log to the console")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    status = sub.add_parser("status", help="Show what the running Desk Break is doing.")
    status.add_argument("--json", action="store_true", help="print one JSON object")
    for name, text in CONTROL_COMMANDS.items():
        sub.add_parser(name, help=text, description=text)
    pause = sub.add_parser("pause", help="Pause breaks (default: until you resume).")
    pause.add_argument(
        "length", nargs="?", default="indefinitely", type=_pause_length,
        help=f"how long: {PAUSE_HELP}",
    )

    schedule = sub.add_parser(
        "schedule", help="Preview the breaks your settings give (no running app needed)."
    )
    schedule.add_argument("--date", type=_parse_date, help="first day, YYYY-MM-DD (default today)")
    schedule.add_argument("--days", type=_positive_int, default=1, help="how many days (default 1)")
    schedule.add_argument("--json", action="store_true", help="print a JSON list")

    moves = sub.add_parser("moves", help="List the moves in the catalog.")
    moves.add_argument("--json", action="store_true", help="print a JSON list")
    moves.add_argument("--render", metavar="DIR", type=Path,
                       help="write a PNG per move (its keyframes and cues) into DIR")
    moves.add_argument("--scale", type=_render_scale, default=2.0, metavar="N",
                       help="pixels per point of the PNGs, 1 to 4 (default 2)")

    sub.add_parser(
        "statistics",
        help="Open the statistics window (its own process; again: raises it).",
        description="Open the statistics window in a process of its own (no running app "
        "needed). While one is open, this raises it.",
    )
    stats = sub.add_parser("stats", help="Breaks per day and streaks, from the history.")
    stats.add_argument("--days", type=_day_count, default=7, help="how many days (default 7)")
    stats.add_argument("--json", action="store_true", help="print one JSON object")
    export = sub.add_parser("export", help="Write every history event to a file.")
    how = export.add_mutually_exclusive_group(required=True)
    how.add_argument("--csv", metavar="FILE", help="CSV with a header row ('-': standard output)")
    how.add_argument("--json", metavar="FILE", help="JSON lines ('-': standard output)")
    imp = sub.add_parser("import", help="Read an exported CSV back into the history.")
    imp.add_argument("--csv", metavar="FILE", required=True, help="the file ('-': standard input)")

    desktop = sub.add_parser(
        "install-desktop-files",
        help="Put the menu entry and icons into your data folder (Linux, BSD).",
        description="Install the desktop entry and hicolor icons into $XDG_DATA_HOME "
        "(usually ~/.local/share), starting this installation; --remove takes them away.")
    desktop.add_argument("--remove", action="store_true", help="remove what was installed")

    settings = sub.add_parser("settings", help="Work with the settings file.")
    settings_sub = settings.add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    settings_sub.add_parser("check", help="Validate the settings file; exit 2 if it has problems.")
    settings_sub.add_parser("path", help="Print where the settings file is.")
    return parser


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def _pause_length(text: str) -> str:
    """The canonical token ("90m" -> "1h30m"), so the app reads exactly what was checked."""
    try:
        return pause_choice(text).token
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 366:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to 366, got {text!r}")
    return value


def _day_count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 36500:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to 36500, got {text!r}")
    return value


def main(argv: list[str] | None = None) -> int:
    try:
        code = _main(argv)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
        return code
    except BrokenPipeError:
        # `desk-break schedule | head`: the reader has what it wanted. Quietly, and with
        # stdout pointed at /dev/null so the interpreter's final flush cannot fail either.
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
        return EXIT_OK


def _main(argv: list[str] | None) -> int:
    from desk_break.translations import install_for_cli

    install_for_cli()  # the desktop's language for what we print (the app sets its own)
    args = build_parser().parse_args(argv)
    paths = app_paths()
    command = args.command
    if command is None:
        from desk_break.cli_run import run_app

        return run_app(paths, foreground=args.foreground, verbose=args.verbose)
    if command == "schedule":
        return cmd_schedule(paths, args.date, args.days, args.json)
    if command == "moves":
        return cmd_moves(paths, args.json, args.render, args.scale)
    if command == "settings":
        return cmd_settings(paths, args.settings_command)
    if command == "install-desktop-files":
        return cmd_install_desktop_files(paths, args.remove)
    if command == "status":
        return cmd_status(paths, args.json)
    if command == "statistics":
        from desk_break.cli_run import cmd_statistics

        return cmd_statistics(paths, foreground=args.foreground, verbose=args.verbose)
    if command in ("stats", "export", "import"):
        from desk_break import history_cli

        if command == "stats":
            return history_cli.cmd_stats(paths, args.days, args.json)
        if command == "export":
            return history_cli.cmd_export(paths, args.csv, args.json)
        return history_cli.cmd_import(paths, args.csv)
    if command == "pause":
        return control(paths, "pause", {"length": args.length})
    return control(paths, command, {})


# ---- talking to the running app --------------------------------------------


def _request(paths: AppPaths, cmd: str, args: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    from desk_break.ipc import client
    from desk_break.ipc.protocol import BAD_REQUEST, REFUSED, ProtocolError

    try:
        reply = client.send(paths.socket_path, cmd, args)
    except client.NotRunning:
        message = translate("CLI", "Desk Break is not running. Start it with: desk-break")
        say(message, file=sys.stderr)
        return EXIT_NOT_RUNNING, {}
    except (OSError, ProtocolError) as exc:
        say(arg(translate("CLI", "Desk Break did not answer: %1"), exc), file=sys.stderr)
        return EXIT_NOT_RUNNING, {}
    if reply.ok:
        return EXIT_OK, reply.result
    say(reply.error or translate("CLI", "the running Desk Break refused"), file=sys.stderr)
    if reply.code == REFUSED:
        return EXIT_REFUSED, {}
    if reply.code == BAD_REQUEST:
        return EXIT_USAGE, {}
    return EXIT_FAILED, {}


def control(paths: AppPaths, cmd: str, args: dict[str, Any]) -> int:
    code, result = _request(paths, cmd, args)
    if code == EXIT_OK and result.get("message"):
        say(result["message"])
    return code


def cmd_status(paths: AppPaths, as_json: bool) -> int:
    code, result = _request(paths, "status", {})
    if code != EXIT_OK:
        return code
    if as_json:
        say(json.dumps(result, sort_keys=True))
    else:
        line = result.get("status_line", result.get("state"))
        say(arg(translate("CLI", "Desk Break is running: %1"), line))
    return EXIT_OK


# ---- commands that need no running app ----------------------------------------


def _load_settings_or_report(paths: AppPaths) -> Any:
    """The user's settings over the organisation's; every problem and lock notice printed."""
    from desk_break.settings.store import load_layered

    result = load_layered(paths.settings_file, paths.site_config_dirs)
    site_problems = result.site.problems if result.site is not None else ()
    for problem in [*site_problems, *result.problems, *result.notices]:
        say(str(problem), file=sys.stderr)
    return result


def cmd_settings(paths: AppPaths, action: str) -> int:
    if action == "path":
        say(paths.settings_file)
        return EXIT_OK
    result = _load_settings_or_report(paths)
    from desk_break.core.catalog import load_catalog
    from desk_break.settings.catalog_check import catalog_problems

    # Every problem in one go, the file's own and those against the move catalog.
    catalog, _ = load_catalog(paths.user_moves_file)  # `desk-break moves` reports its file
    text = result.text
    found = catalog_problems(result.settings, catalog, paths.settings_file, text)
    for problem in found:
        say(str(problem), file=sys.stderr)
    site = result.site
    if found or result.problems or result.notices or (site is not None and site.problems):
        return EXIT_USAGE
    where = (
        str(paths.settings_file) if result.exists
        else arg(translate("CLI", "%1 (absent: defaults)"), paths.settings_file)
    )
    say(arg(translate("CLI", "Settings are valid: %1"), where))
    if site is not None and site.path is not None:
        count = len(site.set_keys)
        keys = translate("CLI", "%n set", "settings keys", count)
        if site.locked:
            n_locked = len(site.locked)
            locked = translate("CLI", "%n locked", "", n_locked)
            keys = arg(translate("CLI", "%1, %2"), keys, locked)
        say(arg(translate("CLI", "Organisation's defaults are valid: %1 (%2)"), site.path, keys))
    return EXIT_OK


def cmd_install_desktop_files(paths: AppPaths, remove: bool) -> int:
    from desk_break.platform import desktop_files
    from desk_break.platform.launcher import in_flatpak, login_command

    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        say("Desktop entries are for freedesktop desktops (Linux, BSD); nothing to do here.",
              file=sys.stderr)
        return EXIT_USAGE
    if in_flatpak():
        say("Inside Flatpak, Flatpak itself exports the menu entry and icons.", file=sys.stderr)
        return EXIT_USAGE
    try:
        if remove:
            done = desktop_files.remove()
        else:
            done = desktop_files.install(login_command())
            paths.data_dir.mkdir(parents=True, exist_ok=True)
            (paths.data_dir / desktop_files.OFFERED_MARK).write_text(
                f"{done[0]}\n", encoding="utf-8")
    except OSError as exc:
        say(f"Could not {'remove' if remove else 'install'} the desktop files: {exc}",
              file=sys.stderr)
        return EXIT_FAILED
    for path in done:
        say(("removed " if remove else "") + str(path))
    if remove and not done:
        say(f"Nothing to remove in {desktop_files.data_home()}")
    return EXIT_OK


def cmd_schedule(paths: AppPaths, first: date | None, days: int, as_json: bool) -> int:
    from desk_break.core.clock import local_zone
    from desk_break.core.planner import plan_days
    from desk_break.core.preview import render_json, render_table

    result = _load_settings_or_report(paths)
    if result.problems:
        return EXIT_USAGE
    tz = local_zone()
    start = first or datetime.now(tz).date()
    breaks = plan_days(result.settings, tz, start, days)
    if as_json:
        say(render_json(breaks))
    else:  # a line for every day asked for, work or not
        say(render_table(breaks, tz, first=start, days=days, settings=result.settings))
    return EXIT_OK


def _render_scale(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 1 <= value <= 4:
        raise argparse.ArgumentTypeError(f"{text!r} is not a scale from 1 to 4")
    return value


def cmd_moves(
    paths: AppPaths, as_json: bool, render: Path | None = None, scale: float = 2.0
) -> int:
    from desk_break.core.catalog import load_catalog, render_moves_json, render_moves_table

    # JSON keeps the English names, as status --json keeps its values English.
    catalog, problems = load_catalog(paths.user_moves_file, "en" if as_json else None)
    if problems:  # as `settings check` and `schedule` do for the settings file
        for problem in problems:
            say(str(problem), file=sys.stderr)
        return EXIT_USAGE
    if render is not None:  # Qt only here: listing the moves stays fast
        from desk_break.qt.figure_render import ensure_gui_app, write_move_sheets

        ensure_gui_app()
        for path in write_move_sheets(catalog, render, scale=scale):
            say(path)
        return EXIT_OK
    say(render_moves_json(catalog) if as_json else render_moves_table(catalog))
    return EXIT_OK
