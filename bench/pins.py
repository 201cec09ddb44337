"""Pinned floors and ceilings of the benchmarks, kept in ``bench/baselines.json``.

A key is ``<bench prefix>.<measure>``; a measure whose name ends in ``_max`` is a ceiling,
any other a floor. Benches flatten their result to ``{measure: value}`` (nested sections
joined with dots) and call :func:`verdict`, which prints what broke its pin and gives the
exit code.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

BASELINES = Path(__file__).with_name("baselines.json")


def load() -> dict[str, float]:
    return json.loads(BASELINES.read_text("utf-8")) if BASELINES.exists() else {}


def flatten(result: Mapping, prefix: str = "") -> dict[str, float]:
    """``{"acled": {"within_5km": 0.6}}`` -> ``{"acled.within_5km": 0.6}`` (numbers only)."""
    out: dict[str, float] = {}
    for key, value in result.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(flatten(value, name + "."))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            out[name] = value
    return out


def check(figures: Mapping[str, float], prefix: str, pins: Mapping[str, float]) -> list[str]:
    """The measures past their pin, as lines to print. A pinned measure that was not
    measured is reported when its section ran, and skipped when the section did not run
    (e.g. a bench asked for one data set of two)."""
    out = []
    for key, pin in sorted(pins.items()):
        if not key.startswith(prefix):
            continue
        name = key[len(prefix):]
        ceiling = name.endswith("_max")
        name = name[: -len("_max")] if ceiling else name
        value = figures.get(name)
        if value is None:
            section = name.partition(".")[0] + "."
            if "." in name and any(f.startswith(section) for f in figures):
                out.append(f"{name}: pinned but not measured")
            continue
        if ceiling and value > pin:
            out.append(f"{name}: {value:.4f} is above its ceiling {pin:.4f}")
        elif not ceiling and value < pin:
            out.append(f"{name}: {value:.4f} is below its floor {pin:.4f}")
    return out


def verdict(figures: Mapping[str, float], prefix: str) -> int:
    """Print each broken pin; 1 if any, else 0."""
    failed = check(figures, prefix, load())
    for line in failed:
        print("FAIL", line)
    return 1 if failed else 0
