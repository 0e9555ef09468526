#!/usr/bin/env bash
# The README's gallery: one PNG per move (its keyframes and cues), at 1x, reduced to
# 64 colours with ImageMagick when it is installed (about 16 KB a move instead of 47).
#   bash packaging/gallery.sh            # writes packaging/gallery/<move id>.png
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/gallery"
python="${PYTHON:-$here/../.venv/bin/python}"
rm -rf "$out"
QT_QPA_PLATFORM=offscreen "$python" -m desk_break moves --render "$out" --scale 1 >/dev/null
if command -v convert >/dev/null; then
    for png in "$out"/*.png; do
        convert "$png" -strip +dither -colors 64 "PNG8:$png"
    done
fi
du -sh "$out"
