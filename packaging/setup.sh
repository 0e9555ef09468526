#!/usr/bin/env bash
# Install what Desk Break needs on a Debian machine, then run the app or the tests.
#
#   bash packaging/setup.sh run    # install, then start Desk Break (in the tray)
#   bash packaging/setup.sh stop   # quit it, and the virtual display `run` started for it
#   bash packaging/setup.sh test   # install, then run ruff, mypy and the whole test suite
#   bash packaging/setup.sh bundle # install, then build the PyInstaller bundle dist/desk-break/
#
# System packages are installed with apt-get when missing (needs root or sudo);
# Python packages go into .venv beside this repository.
set -euo pipefail
mode="${1:-run}"
shift || true
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

# Qt's xcb platform plugin needs these at run time.
run_pkgs=(libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
          libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0 libxkbcommon0 libegl1
          libgl1 libfontconfig1 libdbus-1-3 fonts-dejavu-core
          pulseaudio-utils  # pactl: sees a microphone in use (PulseAudio or PipeWire)
          libxss1 libxext6 libwayland-client0)  # idle time: X11 screen saver, SYNC, Wayland
# A virtual X display, an XEmbed tray, input injection and screenshots for the tests
# (and for running the app on a machine with no display).
# pulseaudio: a headless sound server for the microphone hold tests (parecord comes
# with pulseaudio-utils above). mutter, gdbus: headless GNOME for the idle-time tests.
display_pkgs=(xvfb trayer xdotool x11-utils imagemagick dbus-daemon dbus-bin pulseaudio mutter
              # a window manager that keeps _NET_ACTIVE_WINDOW, and a way to go fullscreen
              openbox wmctrl
              # GNOME's do-not-disturb for real: gsettings on a private dconf
              dconf-service dconf-gsettings-backend dconf-cli libglib2.0-bin gsettings-desktop-schemas
              # screenshots of headless mutter: its ScreenCast API into a private PipeWire
              pipewire pipewire-bin wireplumber gstreamer1.0-pipewire gstreamer1.0-tools
              # the real validators of the desktop entry and the AppStream metainfo
              desktop-file-utils appstream
              # parses the Flatpak manifest as a build would (no runtime is fetched)
              flatpak-builder
              # libfaketime: the real app on a faked clock (DST nights, clock sets)
              faketime)

# Where `run` notes the Xvfb and trayer it started, so `stop` (or the app's own exit)
# ends exactly those.
state="${XDG_RUNTIME_DIR:-/tmp}/desk-break-setup-$(id -u)"

stop_display() {
  for name in trayer xvfb; do
    if [ -f "$state/$name.pid" ]; then
      kill "$(cat "$state/$name.pid")" 2>/dev/null || true
      rm -f "$state/$name.pid"
    fi
  done
}

if [ "$mode" = stop ]; then
  if [ -x .venv/bin/desk-break ]; then
    display_file="$state/display"
    [ -f "$display_file" ] && export DISPLAY="$(cat "$display_file")"
    .venv/bin/desk-break quit 2>/dev/null || true
  fi
  stop_display
  rm -f "$state/display"
  echo "Stopped the virtual display and tray that setup.sh run started (if any)."
  exit 0
fi

case "$mode" in
  run) pkgs=("${run_pkgs[@]}") ;;
  test) pkgs=("${run_pkgs[@]}" "${display_pkgs[@]}") ;;
  bundle) pkgs=("${run_pkgs[@]}" binutils) ;;  # PyInstaller reads libraries with objdump
  *) echo "usage: bash packaging/setup.sh run|stop|test|bundle" >&2; exit 2 ;;
esac
if [ "$mode" = run ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  pkgs+=("${display_pkgs[@]}")
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
extra=""
[ "$mode" = test ] && extra="[test]"
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extra}"

if [ "$mode" = bundle ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check "pyinstaller>=6.10"
  start=$(date +%s)
  .venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/desk-break.spec
  echo "Built dist/desk-break/ ($(du -sh dist/desk-break | cut -f1), $(( $(date +%s) - start )) s)."
  echo "Its program: dist/desk-break/desk-break. Smoke test: bash packaging/smoke_bundle.sh"
  exit 0
fi

if [ "$mode" = test ]; then
  echo "== ruff"
  .venv/bin/ruff check desk_break tests
  echo "== mypy (the whole package, strict)"
  .venv/bin/mypy
  echo "== pytest"
  exec .venv/bin/python -m pytest "$@"
fi

if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  # No desktop here: give the app a virtual screen with a tray so it really runs.
  display=":${DESK_BREAK_DISPLAY:-77}"
  if ! xdpyinfo -display "$display" >/dev/null 2>&1; then
    mkdir -p "$state"
    Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
    echo $! >"$state/xvfb.pid"
    for _ in $(seq 50); do xdpyinfo -display "$display" >/dev/null 2>&1 && break; sleep 0.1; done
    DISPLAY="$display" trayer --edge top --align right --widthtype request --height 28 \
      >/dev/null 2>&1 &
    echo $! >"$state/trayer.pid"
    echo "$display" >"$state/display"
  fi
  export DISPLAY="$display"
  echo "No display found: running on the virtual display $display (Xvfb, with a tray)."
fi
status=0
.venv/bin/desk-break "$@" || status=$?
if [ $status -eq 0 ]; then
  echo "Desk Break is running in the tray. Try: .venv/bin/desk-break status"
  echo "Stop it (and the virtual display, if one was started): bash packaging/setup.sh stop"
  if [ -f "$state/xvfb.pid" ]; then
    # When the app quits by any road (desk-break quit, the menu, logout), the virtual
    # display and tray started for it go too: a watcher waits for the app's process.
    app_pid=$(.venv/bin/desk-break status --json 2>/dev/null \
              | .venv/bin/python -c 'import json, sys; print(json.load(sys.stdin)["pid"])' \
              2>/dev/null || true)
    if [ -n "$app_pid" ]; then
      nohup bash -c "tail --pid=$app_pid -f /dev/null; \
        for f in '$state/trayer.pid' '$state/xvfb.pid'; do \
          [ -f \"\$f\" ] && kill \"\$(cat \"\$f\")\" 2>/dev/null; rm -f \"\$f\"; done; \
        rm -f '$state/display'" >/dev/null 2>&1 &
      disown
    fi
  fi
elif [ -f "$state/xvfb.pid" ]; then
  stop_display  # the app did not start: nothing to keep the display for
fi
exit $status
