"""The gazetteer: a small interface, the shipped SQLite implementation, an in-memory twin.

Both implementations hold the same in-memory index once loaded: an Aho-Corasick trie over
name keys (see :mod:`yaqut.geo.normalize`) used for exact key look-ups and for "is this a
prefix of some name" checks while the matcher extends n-grams, plus the entries themselves.
The SQLite file is read once, lazily, on the first :func:`default_gazetteer` call.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from yaqut.errors import GazetteerMissing
from yaqut.geo import normalize
from yaqut.geo.regions import Footprint

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "gazetteer.sqlite"

#: Levels from the largest to the smallest unit.
LEVELS = (
    "country", "admin1", "region", "admin2", "admin3", "city", "community", "neighbourhood"
)
#: Administrative units (coded at their centre) and point places.
ADMIN_LEVELS = ("country", "admin1", "admin2", "admin3")
POINT_LEVELS = ("community", "city", "neighbourhood")
#: Named areas and compass parts of governorates (:mod:`yaqut.geo.regions`).
REGION = "region"


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place with its hierarchy (p-codes for Syria, GeoNames id when linked)."""

    id: int
    level: str
    name: str
    latitude: float | None
    longitude: float | None
    country: str | None = None  # ISO 3166 alpha-2
    country_name: str | None = None
    name_ar: str | None = None
    population: int | None = None
    pcode: str | None = None
    geonameid: int | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    admin1_pcode: str | None = None
    admin2_pcode: str | None = None
    admin3_pcode: str | None = None
    parent: int | None = None


@dataclass(frozen=True, slots=True)
class WideName:
    """A mention wider or looser than a place (:mod:`yaqut.geo.wide`): a continent, a union
    of countries, or an adjective of a country or continent ("Russian", "European")."""

    word: str  # as written in English ("Russian", "North America", "EU")
    kind: str  # "continent", "union" or "adjective"
    name: str  # what it stands for ("Russia", "Europe", "European Union")
    place: int | None  # the country's entry, for an adjective of a country
    latitude: float
    longitude: float
    country: str | None = None


@dataclass(frozen=True, slots=True)
class NameHit:
    """A gazetteer name that has the looked-up key."""

    entry: Entry
    name: str  # the name as the gazetteer writes it
    zipf: float  # English word frequency of the name (0 for rare words)


class Gazetteer:
    """The interface the geocoder needs: key look-ups, prefix checks and entries by id.

    Subclasses fill ``_entries`` and call :meth:`_index` with ``(key, place_id, name, zipf)``
    rows; this class does the rest.
    """

    def __init__(self) -> None:
        self._entries: dict[int, Entry] = {}
        self._hits: list[tuple[NameHit, ...]] = []
        self._trie = None
        self._countries: dict[str | None, Entry] = {}
        self._words: dict[str, float] = {}
        self._footprints: dict[int, Footprint] = {}
        self._wide: dict[str, WideName] = {}

    # -- building -------------------------------------------------------------------------
    def _index(self, rows: Iterable[tuple[str, int, str, float]]) -> None:
        import ahocorasick

        grouped: dict[str, list[NameHit]] = {}
        for k, pid, name, zipf in rows:
            entry = self._entries.get(pid)
            if entry is None or not k:
                continue
            grouped.setdefault(k, []).append(NameHit(entry, name, zipf or 0.0))
        trie = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        self._hits = []
        for k, hits in grouped.items():
            trie.add_word(k, len(self._hits))
            self._hits.append(tuple(hits))
        self._trie = trie
        self._countries = {e.country: e for e in self._entries.values() if e.level == "country"}

    # -- queries --------------------------------------------------------------------------
    def lookup(self, key: str) -> Sequence[NameHit]:
        """Names whose key is exactly ``key``."""
        idx = self._trie.get(key, -1) if self._trie is not None else -1
        return self._hits[idx] if idx >= 0 else ()

    def iter_names(self) -> Iterable[NameHit]:
        """Every (name, entry) pair of the index (for fuzzy look-ups that keys cannot do)."""
        for hits in self._hits:
            yield from hits

    def has_prefix(self, key: str) -> bool:
        """True when some name key starts with ``key`` (so a longer n-gram may match)."""
        return bool(self._trie is not None and self._trie.match(key))

    def entry(self, place_id: int | None) -> Entry | None:
        """The entry with this id (None when unknown)."""
        return self._entries.get(place_id) if place_id is not None else None

    def country(self, code: str | None) -> Entry | None:
        """The country entry for an ISO alpha-2 code."""
        return self._countries.get(code) if code else None

    def ancestors(self, entry: Entry) -> list[Entry]:
        """The entry's parents, nearest first (sub-district, district, governorate, country)."""
        out: list[Entry] = []
        seen = {entry.id}
        cur = self.entry(entry.parent)
        while cur is not None and cur.id not in seen:
            out.append(cur)
            seen.add(cur.id)
            cur = self.entry(cur.parent)
        if entry.level != "country":
            c = self.country(entry.country)
            if c is not None and c.id not in seen:
                out.append(c)
        return out

    def by_pcode(self, pcode: str) -> Entry | None:
        """The entry with this OCHA p-code (index built on first call)."""
        if not hasattr(self, "_pcodes"):
            self._pcodes = {e.pcode: e for e in self._entries.values() if e.pcode}
        return self._pcodes.get(pcode)

    def footprint(self, entry: Entry) -> Footprint | None:
        """Where a region lies (member sub-districts, bounding box); None for others."""
        return self._footprints.get(entry.id) if entry.level == REGION else None

    def wide(self, word: str) -> WideName | None:
        """The continent, union or adjective written ``word`` (exactly), None if none."""
        return self._wide.get(word)

    @property
    def has_wide(self) -> bool:
        return bool(self._wide)

    def word_zipf(self, word: str) -> float:
        """English frequency (zipf, 0-8) of a lower-case word; 0 when it is not common."""
        return self._words.get(word, 0.0)

    def __len__(self) -> int:
        return len(self._entries)


class MemoryGazetteer(Gazetteer):
    """A gazetteer built from entries and names in memory (for tests and small uses).

    ``names`` maps a place id to the names it is known by (any script); each entry's own
    ``name`` and ``name_ar`` are always included. ``words`` gives common English words with
    their zipf frequency (the stop-word table the SQLite file carries); ``wide`` the
    continents, unions and adjectives of :mod:`yaqut.geo.wide`.
    """

    def __init__(
        self,
        entries: Iterable[Entry],
        names: dict[int, Sequence[str]] | None = None,
        words: dict[str, float] | None = None,
        footprints: dict[int, Footprint] | None = None,
        wide: Iterable[WideName] = (),
    ) -> None:
        super().__init__()
        self._entries = {e.id: e for e in entries}
        self._wide = {w.word: w for w in wide}
        self._footprints = dict(footprints or {})
        self._words = dict(words or {})
        names = names or {}
        rows = []
        for e in self._entries.values():
            for n in (e.name, e.name_ar, *names.get(e.id, ())):
                if n:
                    rows.append((normalize.key(n), e.id, n, self._words.get(n.lower(), 0.0)))
        self._index(rows)


class SqliteGazetteer(Gazetteer):
    """The shipped gazetteer file (built by ``tools/build_gazetteer.py``), read once."""

    def __init__(self, path: Path | str = DEFAULT_PATH) -> None:
        super().__init__()
        path = Path(path)
        if not path.is_file():
            raise GazetteerMissing(
                "gazetteer file not found; rebuild it with `make gazetteer`", item=str(path)
            )
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            meta = dict(con.execute("SELECT k, v FROM meta"))
            if meta.get("key_version") != normalize.KEY_VERSION:
                raise GazetteerMissing(
                    f"gazetteer built with key version {meta.get('key_version')}, code expects "
                    f"{normalize.KEY_VERSION}; rebuild it with `make gazetteer`",
                    item=str(path),
                )
            cols = (
                "id, level, name, lat, lon, country, country_name, name_ar, population, pcode,"
                " geonameid, admin1, admin2, admin3, admin1_pcode, admin2_pcode, admin3_pcode,"
                " parent"
            )
            self._entries = {
                row[0]: Entry(*row) for row in con.execute(f"SELECT {cols} FROM places")
            }
            self._index(con.execute("SELECT key, place, name, zipf FROM names"))
            self._words = dict(con.execute("SELECT word, zipf FROM words"))
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
            if "wide" in tables:
                self._wide = {
                    row[0]: WideName(*row) for row in con.execute(
                        "SELECT word, kind, name, place, lat, lon, country FROM wide"
                    )
                }
            has_regions = con.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='regions'"
            ).fetchone()
            if has_regions:
                self._footprints = {
                    pid: Footprint(frozenset(members.split()), a, b, c, d, source or "")
                    for pid, a, b, c, d, members, source in con.execute(
                        "SELECT place, lat_min, lat_max, lon_min, lon_max, members, source"
                        " FROM regions"
                    )
                }
        except sqlite3.DatabaseError as exc:
            raise GazetteerMissing(f"gazetteer file unreadable: {exc}", item=str(path)) from exc
        finally:
            con.close()
        self.path = path


@lru_cache(maxsize=1)
def default_gazetteer() -> SqliteGazetteer:
    """The shipped SQLite gazetteer, loaded on first use and cached for the process.

    Its ~50,000 entries live as long as the process: they are moved out of the garbage
    collector's generations (``gc.freeze``) so that collections stop re-scanning them,
    which otherwise dominate the time of a geoparse.
    """
    import gc

    gaz = SqliteGazetteer(DEFAULT_PATH)
    gc.collect()
    gc.freeze()
    return gaz
