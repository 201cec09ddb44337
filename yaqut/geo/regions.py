"""Named regions and the parts of a governorate, as gazetteer places (level ``region``).

The regions of Syrian reporting (Eastern Ghouta, Qalamoun, the Ghab plain...) are defined
in ``yaqut/data/regions.toml`` by their member OCHA units; ``tools/build_gazetteer.py``
turns each into an entry at the centre of its member communities with a footprint (bounding
box, member sub-districts). The same build makes, for every governorate, one area per
compass direction ("northern countryside of Homs") from the governorate's communities that
lie that way from their centre. A named region is coded with ACLED geo_precision 2 at its
footprint's centre; a compass part is coded as ACLED codes it, at the governorate's centre
with precision 3 (its footprint stays available through ``Gazetteer.footprint``).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from yaqut.errors import ResourceError

LEVEL = "region"
#: Compass parts of a governorate, as (adjective, (latitude sign, longitude sign)).
DIRECTIONS = {
    "north": (1, 0), "south": (-1, 0), "east": (0, 1), "west": (0, -1),
    "north-east": (1, 1), "north-west": (1, -1), "south-east": (-1, 1), "south-west": (-1, -1),
}
_ARABIC_DIRECTIONS = {
    "north": "الشمالي", "south": "الجنوبي", "east": "الشرقي", "west": "الغربي",
    "north-east": "الشمالي الشرقي", "north-west": "الشمالي الغربي",
    "south-east": "الجنوبي الشرقي", "south-west": "الجنوبي الغربي",
}


@dataclass(frozen=True, slots=True)
class Footprint:
    """Where a region lies: its member OCHA sub-districts and bounding box."""

    members: frozenset[str]  # admin3 p-codes
    lat_min: float
    lat_max: float
    lon_min: float
    lon_max: float
    source: str = ""


def definitions() -> dict[str, dict]:
    """The regions of ``yaqut/data/regions.toml`` by key (read on each call: build time)."""
    path = resources.files("yaqut").joinpath("data/regions.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        where = "yaqut/data/regions.toml"
        raise ResourceError(f"regions file unreadable: {exc}", item=where) from None
    for key, r in data.items():
        missing = {"name", "members", "source"} - set(r)
        if missing:
            raise ResourceError(f"region {key!r} lacks {sorted(missing)}", item="regions.toml")
    return data


_COMPASS_NAME = re.compile(r"^(?:north|south|east|west)(?:-(?:east|west))?ern countryside of ")


def is_compass_area(name: str) -> bool:
    """True for the display name of a governorate's compass part (see
    :func:`direction_names`)."""
    return _COMPASS_NAME.match(name) is not None


def governorate_base(admin1_name: str) -> str:
    """"Rural Damascus" -> "Damascus": the name a governorate's countryside is called by."""
    return admin1_name.removeprefix("Rural ").strip()


def direction_names(direction: str, admin1_name: str, admin1_ar: str | None) -> list[str]:
    """The names of one compass part of a governorate ("northern countryside of Homs",
    "northern Homs countryside", "ريف حمص الشمالي"); the first is the display name."""
    base = governorate_base(admin1_name)
    adj = direction + "ern"  # northern, north-western, south-eastern
    out = [f"{adj} countryside of {base}", f"{adj} {base} countryside", f"{adj} {base}"]
    if admin1_ar:
        ar = admin1_ar.removeprefix("ريف ").strip()
        out.append(f"ريف {ar} {_ARABIC_DIRECTIONS[direction]}")
    return out


__all__ = ["DIRECTIONS", "LEVEL", "Footprint", "definitions", "direction_names",
           "governorate_base", "is_compass_area"]
