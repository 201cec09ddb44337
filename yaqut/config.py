"""Settings: defaults shipped as a commented TOML file, overridden key by key by a user file.

The defaults live in ``yaqut/data/defaults.toml`` (read it: every key is explained there).
A user file, given as ``path`` or named by the environment variable ``YAQUT_CONFIG``,
overrides only the keys it sets. A section or key the defaults do not have is refused with
a :class:`~yaqut.errors.UsageError`, and so is a value of another type, so a typo in a
user file is reported instead of silently ignored.
"""

from __future__ import annotations

import copy
import os
import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from yaqut.errors import UsageError

#: The environment variable naming a user configuration file.
ENV_VAR = "YAQUT_CONFIG"


def defaults_text() -> str:
    """The shipped defaults file, comments and all."""
    return resources.files("yaqut").joinpath("data/defaults.toml").read_text(encoding="utf-8")


def defaults() -> dict[str, Any]:
    """The shipped defaults as a nested dict (a fresh copy on every call)."""
    return tomllib.loads(defaults_text())


def _merge(base: dict[str, Any], override: Mapping[str, Any], where: str, source: str) -> None:
    for key, value in override.items():
        name = f"{where}.{key}" if where else key
        if key not in base:
            known = ", ".join(sorted(base))
            raise UsageError(f"unknown setting {name!r} (known here: {known})", item=source)
        current = base[key]
        if isinstance(current, dict):
            if not isinstance(value, Mapping):
                raise UsageError(f"{name!r} must be a [section]", item=source)
            _merge(current, value, name, source)
            continue
        if not _same_kind(current, value):
            raise UsageError(
                f"{name!r} must be {type(current).__name__}, not {type(value).__name__}",
                item=source,
            )
        base[key] = float(value) if isinstance(current, float) else copy.deepcopy(value)


def _same_kind(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, int | float)
    return isinstance(value, type(default))


def load_config(
    path: str | Path | None = None, *, environ: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The defaults, overridden by the user file ``path`` (else ``$YAQUT_CONFIG``, if set).

    Raises UsageError when the user file is missing, is not valid TOML, or sets a key the
    defaults do not have or a value of another type.
    """
    config = defaults()
    env = os.environ if environ is None else environ
    if path is None and env.get(ENV_VAR):
        path = env[ENV_VAR]
    if path is None:
        return config
    source = str(path)
    try:
        with open(path, "rb") as handle:
            user = tomllib.load(handle)
    except FileNotFoundError:
        raise UsageError("configuration file not found", item=source) from None
    except OSError as exc:
        raise UsageError(
            f"configuration file cannot be read ({exc.strerror})", item=source
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"configuration file is not valid TOML: {exc}", item=source) from None
    _merge(config, user, "", source)
    return config


def setting(config: Mapping[str, Any], dotted: str) -> Any:
    """One value by its dotted name, e.g. ``setting(cfg, "store.path")``."""
    value: Any = config
    for part in dotted.split("."):
        if not isinstance(value, Mapping) or part not in value:
            raise UsageError(f"unknown setting {dotted!r}")
        value = value[part]
    return value
