"""The local web dashboard (``yaqut serve``): map, timeline, filters, event pages, campaigns.

Nothing is imported here: FastAPI and friends load when :func:`create_app` is called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

__all__ = ["create_app"]


def create_app(db_path: str | Path, **kwargs: Any) -> Any:
    """The dashboard's ASGI app over the store at ``db_path`` (see :mod:`.app`)."""
    from yaqut.dashboard.app import create_app as _create

    return _create(db_path, **kwargs)
