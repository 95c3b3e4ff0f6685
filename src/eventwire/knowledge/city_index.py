"""The GeoNames city list as an on-disk index: name key -> cities, built once, then opened in
milliseconds and shared by every process through the operating system's page cache.

Building it means normalising ~470,000 names (`name_key`), which took most of every start when it
was done in memory. Now it is done once per version of the data and the code, into a SQLite file
in the cache directory; the file's name carries a digest of both, so a change to either builds a
new one and an old file is never read. The build writes a temporary file and renames it, so two
processes starting at once never see half an index.

Lookups give cities in the order of the city file, own names and alternate spellings apart, as
the in-memory index did, so choices between namesakes are unchanged. The second-level divisions
of admin2.tsv.gz ("Cook County", tools/make_admin2.py) are rows of the same index after the
cities, marked by their kind, under their own names only: they cost nothing until a text names
one.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Callable, Iterator

CITY_FILE = "cities.tsv.gz"
ADMIN2_FILE = "admin2.tsv.gz"
_SCHEMA = """
CREATE TABLE city (id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, lat REAL, lon REAL,
                   country TEXT, population INTEGER, admin1 TEXT, kind TEXT);
CREATE TABLE name (key TEXT, city INTEGER, own INTEGER);
"""


def index_path(data: Path, cache_dir: Path, code: list[Path]) -> Path:
    """Where the index for this city file and this code lives."""
    digest = hashlib.sha256()
    for path in [data / CITY_FILE, data / ADMIN2_FILE, *code]:
        if path.exists():
            digest.update(path.read_bytes())
    return cache_dir / f"cities-{digest.hexdigest()[:16]}.sqlite"


def city_rows(data: Path) -> Iterator[tuple[int | None, str, float, float, str, int, str, str, list[str]]]:
    """(geonameid, name, lat, lon, ISO country, population, admin1 name, kind, other names) in file
    order: the cities (kind "", other names their alternate spellings), then the second-level
    divisions (kind "admin2", other names further forms of their own name: "Province of Toledo")."""
    with gzip.open(data / CITY_FILE, "rt", encoding="utf-8") as rows:
        for line in rows:
            if line.startswith(("#", "geonameid\t")):
                continue
            geonameid, name, lat, lon, country, population, admin1, alternates = line.rstrip("\n").split("\t")
            yield (int(geonameid), name, float(lat), float(lon), country, int(population), admin1, "",
                   alternates.split("|") if alternates else [])
    if not (data / ADMIN2_FILE).exists():
        return
    with gzip.open(data / ADMIN2_FILE, "rt", encoding="utf-8") as rows:
        for line in rows:
            if line.startswith(("#", "name\t")):
                continue
            name, aliases, country, admin1, lat, lon, population, *_ = line.rstrip("\n").split("\t")
            yield (None, name, float(lat), float(lon), country, int(population), admin1, "admin2",
                   aliases.split("|") if aliases else [])


def build(data: Path, path: Path, name_key: Callable[[str], str]) -> None:
    """Write the index for `data`'s city file to `path` (atomically)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.stem, suffix=".tmp")
    os.close(handle)
    try:
        db = sqlite3.connect(temporary)
        db.executescript(_SCHEMA)
        cities, names = [], []
        for n, (geonameid, name, lat, lon, country, population, admin1, kind, others) in enumerate(city_rows(data)):
            cities.append((n, geonameid, name, lat, lon, country, population, admin1, kind))
            seen: set[tuple[str, int]] = set()
            for k, form in enumerate([name, *others]):
                form = " ".join(form.split())
                if not form:
                    continue
                key, own = name_key(form), int(k == 0 or kind == "admin2")
                if (key, own) not in seen:  # a place is listed once under each key
                    seen.add((key, own))
                    names.append((key, n, own))
        db.executemany("INSERT INTO city VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", cities)
        db.executemany("INSERT INTO name VALUES (?, ?, ?)", names)
        db.execute("CREATE INDEX name_key ON name (key, own, city)")
        db.commit()
        db.close()
        os.chmod(temporary, 0o644)  # mkstemp makes it private; the index is not a secret
        os.replace(temporary, path)
        for stale in path.parent.glob("cities-*.sqlite"):  # built for other data or code
            if stale != path:
                stale.unlink(missing_ok=True)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


class CityIndex:
    """Read-only lookups in a built index."""

    def __init__(self, path: Path):
        self.path = path
        # check_same_thread off: the index is only read, and a server may share one Knowledge.
        self.db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)

    def cities(self, key: str, own: bool) -> list[tuple]:
        """(id, geonameid, name, lat, lon, country, population, admin1, kind) of the places under `key`, as
        their own name or as an alternate spelling, in file order."""
        return self.db.execute(
            "SELECT city.* FROM name JOIN city ON city.id = name.city WHERE name.key = ? AND name.own = ? "
            "ORDER BY name.city", (key, int(own))).fetchall()

    def __getstate__(self):  # a worker process opens its own connection
        return {"path": self.path}

    def __setstate__(self, state):
        self.__init__(state["path"])
