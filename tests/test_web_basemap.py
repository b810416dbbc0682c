"""The bundled world basemap: the TopoJSON decoder on a topology written for the test, and
the shipped GeoJSON file (Natural Earth countries) the map draws offline."""

from __future__ import annotations

import json

from eventwire.web.build_basemap import OUT, to_geojson

TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
    "arcs": [
        [[0, 0], [2, 0], [0, 2]],  # (10, 20) → (11, 20) → (11, 21)
        [[2, 2], [-2, 0], [0, -2]],  # (11, 21) → (10, 21) → (10, 20)
    ],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "id": "001", "properties": {"name": "A"}},
                {"type": "MultiPolygon", "arcs": [[[~1, ~0]]], "properties": {"name": "B"}},
                {"type": "Point", "coordinates": [0, 0]},
            ],
        }
    },
}


def test_web_basemap_decodes_quantized_arcs_both_ways():
    a, b = to_geojson(TOPOLOGY)["features"]
    assert a["id"] == "001" and a["properties"] == {"name": "A"}
    assert a["geometry"] == {
        "type": "MultiPolygon",
        "coordinates": [[[[10, 20], [11, 20], [11, 21], [10, 21], [10, 20]]]],
    }
    assert b["geometry"]["coordinates"] == [[[[10, 20], [10, 21], [11, 21], [11, 20], [10, 20]]]]


def test_web_basemap_file_has_the_world():
    world = json.loads(OUT.read_text(encoding="utf-8"))
    names = {f["properties"]["name"] for f in world["features"]}
    assert len(world["features"]) == 177
    assert {"Pakistan", "Iraq", "Kenya", "Afghanistan", "Nigeria"} <= names
    assert "public domain" in world["source"]
    for feature in world["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                assert ring[0] == ring[-1] and len(ring) >= 4
                assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in ring)
