"""Simplify OCHA's Syria boundaries into the small GeoJSON files the dashboard ships.

Reads ``ocha_syr_admin1_boundaries.geojson`` (14 governorates) and
``ocha_syr_admin3_boundaries.geojson`` (272 sub-districts) from ``--src`` and writes
``syr_admin1.geojson`` and ``syr_admin3.geojson`` to ``--out``. Each polygon is simplified
with shapely (Douglas-Peucker, topology preserved within a polygon) and coordinates are
rounded, so the map layer stays small enough to serve on every page load. Properties keep
only the p-code, the English and Arabic names, the parent governorate's p-code and name, and
a point inside the polygon to write its name at.

    python tools/build_boundaries.py --src ../shared/data/gazetteer --out yaqut/data/boundaries
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

_LATIN = re.compile(r"[A-Za-z]")


def _english_arabic(props: dict[str, Any], key: str) -> tuple[str, str]:
    """OCHA's files put the English name in ``<key>Name`` or ``<key>Na_1`` (it varies)."""
    first, second = props.get(f"{key}Name") or "", props.get(f"{key}Na_1") or ""
    if _LATIN.search(first):
        return first, second
    return second, first


def _round(coords: Any, digits: int) -> Any:
    if isinstance(coords[0], int | float):
        return [round(coords[0], digits), round(coords[1], digits)]
    return [_round(c, digits) for c in coords]


def simplify(
    collection: dict[str, Any], level: str, tolerance: float, digits: int
) -> dict[str, Any]:
    """A FeatureCollection of the simplified polygons with small properties."""
    from shapely.geometry import mapping, shape

    features = []
    for feature in collection["features"]:
        props = feature["properties"]
        geom = shape(feature["geometry"]).simplify(tolerance, preserve_topology=True)
        if geom.is_empty:
            continue
        name, name_ar = _english_arabic(props, level)
        admin1, _ = _english_arabic(props, "admin1")
        label = geom.representative_point()  # inside the polygon, for the name on the map
        out_props = {
            "pcode": props[f"{level}Pcod"],
            "name": name,
            "name_ar": name_ar,
            "admin1_pcode": props.get("admin1Pcod"),
            "admin1": admin1,
            "label": [round(label.x, 3), round(label.y, 3)],
        }
        geometry = mapping(geom)
        features.append(
            {
                "type": "Feature",
                "properties": out_props,
                "geometry": {
                    "type": geometry["type"],
                    "coordinates": _round(geometry["coordinates"], digits),
                },
            }
        )
    features.sort(key=lambda f: f["properties"]["pcode"])
    return {"type": "FeatureCollection", "features": features}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=Path("../shared/data/gazetteer"))
    parser.add_argument("--out", type=Path, default=Path("yaqut/data/boundaries"))
    parser.add_argument("--digits", type=int, default=4, help="decimal places kept (4: ~11 m)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    # Governorates are drawn bold at country scale; sub-districts thin, so coarser is fine.
    for level, tolerance in (("admin1", 0.004), ("admin3", 0.006)):
        src = args.src / f"ocha_syr_{level}_boundaries.geojson"
        collection = json.loads(src.read_text("utf-8"))
        result = simplify(collection, level, tolerance, args.digits)
        dest = args.out / f"syr_{level}.geojson"
        dest.write_text(json.dumps(result, ensure_ascii=False, separators=(",", ":")), "utf-8")
        print(f"{dest}: {len(result['features'])} polygons, {dest.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
