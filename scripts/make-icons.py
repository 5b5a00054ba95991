#!/usr/bin/env python3
"""Draws Hale's app icons (a white heart on NHS blue) as PNG files, with no image library.

Run once when the design changes; the PNGs are committed in public/icons/.
"""
import struct
import sys
import zlib
from pathlib import Path

BLUE = (0, 94, 184)  # NHS blue #005eb8
WHITE = (255, 255, 255)


def heart(x, y):
    # Implicit heart curve (x^2 + y^2 - 1)^3 - x^2 y^3 <= 0, y pointing up.
    return (x * x + y * y - 1) ** 3 - x * x * y ** 3 <= 0


def render(size, maskable):
    ss = 4
    # Heart fills ~56% of the icon (maskable: inside the 80% safe zone).
    scale = 1.25 / (0.56 if not maskable else 0.48) / size * 2
    radius = 0 if maskable else size * 0.18
    rows = []
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            cover = 0
            inside_bg = 0
            for sy in range(ss):
                for sx in range(ss):
                    fx = px + (sx + 0.5) / ss
                    fy = py + (sy + 0.5) / ss
                    # rounded-square background
                    dx = max(radius - fx, 0, fx - (size - radius))
                    dy = max(radius - fy, 0, fy - (size - radius))
                    if radius == 0 or dx * dx + dy * dy <= radius * radius:
                        inside_bg += 1
                    x = (fx - size / 2) * scale
                    y = -(fy - size * 0.52) * scale
                    if heart(x, y):
                        cover += 1
            n = ss * ss
            a_bg = inside_bg / n
            c = cover / n
            rgb = [round(BLUE[i] * (1 - c) + WHITE[i] * c) for i in range(3)]
            row += bytes(rgb + [round(255 * a_bg)])
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "public/icons")
    out.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        (out / f"icon-{size}.png").write_bytes(render(size, False))
        (out / f"maskable-{size}.png").write_bytes(render(size, True))
    (out / "apple-touch-icon.png").write_bytes(render(180, True))
    (out / "favicon-32.png").write_bytes(render(32, False))


if __name__ == "__main__":
    main()
