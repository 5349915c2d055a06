"""Draws samples/reference/lambang-contoh.png: a generic sample emblem (a shield with a star, rice and cotton), made up
for the demo agencies; it is no real government's emblem. Pure Python (zlib + struct), 3x3 supersampling."""
import math, struct, zlib, pathlib

W, H, SS = 240, 288, 3
GOLD, BLUE, GREEN, WHITE, RICE = (201, 162, 39), (11, 79, 108), (30, 110, 60), (250, 250, 245), (236, 200, 60)

def shield(u, v, s=1.0):
    # normalised: u across 0..1, v down 0..1.2; s shrinks the shield around its centre for the border
    u = 0.5 + (u - 0.5) / s; v = 0.6 + (v - 0.6) / s
    if v < 0.04 or v > 1.16: return False
    if v <= 0.58: return abs(u - 0.5) <= 0.46 - (0.04 - min(v, 0.04)) and not (v < 0.1 and abs(u - 0.5) > 0.46 - (0.1 - v) * 0.4)
    t = (v - 0.58) / 0.58
    return abs(u - 0.5) <= 0.46 * math.sqrt(max(0.0, 1 - t * t))

def star(u, v, cx=0.5, cy=0.3, r=0.15, ri=0.06):
    pts = [(cx + (r if i % 2 == 0 else ri) * math.sin(i * math.pi / 5), cy - (r if i % 2 == 0 else ri) * math.cos(i * math.pi / 5)) for i in range(10)]
    inside = False
    for i in range(10):
        (x1, y1), (x2, y2) = pts[i], pts[(i + 1) % 10]
        if (y1 > v) != (y2 > v) and u < (x2 - x1) * (v - y1) / (y2 - y1) + x1: inside = not inside
    return inside

def ellipse(u, v, cx, cy, a, b, angle):
    du, dv = u - cx, v - cy
    c, s = math.cos(angle), math.sin(angle)
    x, y = du * c + dv * s, -du * s + dv * c
    return (x / a) ** 2 + (y / b) ** 2 <= 1

ARC = (0.5, 0.62, 0.3)  # centre and radius of the wreath
def wreath(u, v):
    cx, cy, r = ARC
    for k in range(9):  # rice grains on the left arc
        a = math.radians(200 - k * 11)
        x, y = cx + r * math.cos(a), cy - r * math.sin(a) * -1
        if ellipse(u, v, x, y, 0.028, 0.014, a + math.pi / 2): return RICE
    for k in range(6):  # cotton bolls on the right arc, white with a green cup
        a = math.radians(-20 + k * 16)
        x, y = cx + r * math.cos(a), cy + r * math.sin(a)
        if (u - x) ** 2 + (v - y) ** 2 <= 0.026 ** 2: return WHITE
        if (u - x) ** 2 + (v - y - 0.02) ** 2 <= 0.03 ** 2: return GREEN
    d = math.hypot(u - cx, v - cy)
    if abs(d - (r - 0.045)) < 0.008 and v > cy - 0.05: return GREEN  # the stem under both
    return None

def colour(u, v):
    if not shield(u, v): return None
    if not shield(u, v, 0.9): return GOLD
    if star(u, v): return GOLD
    w = wreath(u, v)
    if w: return w
    if 0.93 < v < 0.99 and abs(u - 0.5) < 0.2: return GOLD  # a plain ribbon bar
    return BLUE

rows = []
for py in range(H):
    row = bytearray([0])
    for px in range(W):
        acc = [0, 0, 0, 0]
        for sy in range(SS):
            for sx in range(SS):
                u = (px + (sx + 0.5) / SS) / W
                v = (py + (sy + 0.5) / SS) / W
                c = colour(u, v)
                if c:
                    acc[0] += c[0]; acc[1] += c[1]; acc[2] += c[2]; acc[3] += 255
        n = SS * SS
        alpha = acc[3] // n
        if alpha: row += bytes([acc[0] * 255 // acc[3], acc[1] * 255 // acc[3], acc[2] * 255 // acc[3], alpha])
        else: row += bytes(4)
    rows.append(bytes(row))

def chunk(kind, data): return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 6, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")
pathlib.Path(__file__).with_suffix(".png").write_bytes(png)
print(len(png), "bytes")
