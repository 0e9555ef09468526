"""Make the hicolor icon theme files from the app icon's art (resources/desk-break.svg).

    .venv/bin/python packaging/make_icons.py          # write packaging/linux/icons/hicolor/
    .venv/bin/python packaging/make_icons.py --check  # exit 1 if a committed file is stale

The SVG is copied as the scalable icon; each PNG is rendered by Qt's QSvgRenderer at
its size (no scaling of a big bitmap, so 16 px stays as crisp as the art allows).
The files carry the application id as their name, as the desktop entry's Icon= and the
AppStream <icon type="stock"> expect.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

APP_ID = "io.github.desk_break.DeskBreak"
SIZES = (16, 32, 48, 64, 128, 256)
REPO = Path(__file__).resolve().parent.parent
ART = REPO / "resources" / "desk-break.svg"
HICOLOR = REPO / "packaging" / "linux" / "icons" / "hicolor"


def render_png(svg: bytes, size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        QGuiApplication.instance() or QGuiApplication([])  # type: ignore[redundant-expr]
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise SystemExit(f"{ART}: not an SVG Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def wanted_files() -> dict[Path, bytes]:
    svg = ART.read_bytes()
    files = {HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg": svg}
    for size in SIZES:
        files[HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"] = render_png(svg, size)
    return files


def same_picture(committed: bytes, rendered: bytes, tolerance: int = 24) -> bool:
    """Whether two PNGs show the same icon: equal size, every channel within `tolerance`
    (another Qt release may antialias an edge a little differently; new art would not)."""
    from PySide6.QtGui import QImage

    a, b = QImage.fromData(committed), QImage.fromData(rendered)
    if a.isNull() or a.size() != b.size():
        return False
    a = a.convertToFormat(QImage.Format.Format_RGBA8888)
    b = b.convertToFormat(QImage.Format.Format_RGBA8888)
    pa, pb = bytes(a.constBits()), bytes(b.constBits())  # type: ignore[call-overload]
    return all(abs(x - y) <= tolerance for x, y in zip(pa, pb, strict=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files")
    args = parser.parse_args(argv)
    stale = []
    for path, data in wanted_files().items():
        if path.is_file() and path.read_bytes() == data:
            continue
        if args.check and path.suffix == ".png" and path.is_file() and same_picture(
                path.read_bytes(), data):
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    for path in stale:
        print(("stale: " if args.check else "wrote ") + str(path.relative_to(REPO)))
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
