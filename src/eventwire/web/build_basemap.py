"""Build the web page's world basemap: world-atlas TopoJSON → a compact GeoJSON file.

The map draws this file when no tile server is configured, so the page works offline.
Source: the npm package world-atlas 2.0.2 (ISC, Mike Bostock), ``countries-110m.json``:
Natural Earth 1:110m Admin 0 countries, version 4.1.0, public domain.  Run once, when
the source changes (web/README.md):

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m eventwire.web.build_basemap /tmp/package/countries-110m.json

It decodes the TopoJSON (quantized, delta-encoded arcs; the TopoJSON 1.0 specification)
into GeoJSON Polygons and MultiPolygons with a ``name`` property, coordinates rounded to
0.01°, and writes ``static/data/countries-110m.geojson``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).parent / "static" / "data" / "countries-110m.geojson"
DIGITS = 2


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Every arc as absolute (lon, lat) points (undoing quantization and delta encoding)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        points = []
        x = y = 0
        for point in arc:
            if transform:
                x, y = x + point[0], y + point[1]
                (kx, ky), (dx, dy) = transform["scale"], transform["translate"]
                points.append((x * kx + dx, y * ky + dy))
            else:
                points.append((point[0], point[1]))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    """A closed ring from arc indexes (a negative index ~i is arc i reversed)."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)  # arcs share their end points
    rounded: list[list[float]] = []
    for lon, lat in points:
        point = [round(lon, DIGITS), round(lat, DIGITS)]
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    if rounded and rounded[0] != rounded[-1]:
        rounded.append(rounded[0])
    return rounded


def to_geojson(topology: dict[str, Any], name: str = "countries") -> dict[str, Any]:
    """The features of ``topology.objects[name]`` as a GeoJSON FeatureCollection."""
    arcs = decode_arcs(topology)
    features = []
    for geometry in topology["objects"][name]["geometries"]:
        kind = geometry.get("type")
        if kind == "Polygon":
            polygons = [geometry["arcs"]]
        elif kind == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        shapes = []
        for polygon in polygons:
            rings = [ring(r, arcs) for r in polygon]
            rings = [r for r in rings if len(r) >= 4]  # too small once rounded
            if rings:
                shapes.append(rings)
        if not shapes:
            continue
        features.append(
            {
                "type": "Feature",
                "id": geometry.get("id"),
                "properties": {"name": (geometry.get("properties") or {}).get("name")},
                "geometry": {"type": "MultiPolygon", "coordinates": shapes},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    topology = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    collection = to_geojson(topology)
    collection["source"] = (
        "Natural Earth 1:110m Admin 0 countries v4.1.0 (public domain), "
        "via world-atlas 2.0.2 countries-110m.json; built by eventwire.web.build_basemap"
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(collection['features'])} countries, {OUT.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
