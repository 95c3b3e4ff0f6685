"""Move a country's point in src/eventwire/data/countries.json to the point gazetteers use where
its geographic centroid is far from it.

GeoNames gives each country one representative point, and geoparsing gold standards place a
country there. For most countries that point is the CIA World Factbook's "geographic
coordinates" (Russia 60 N 100 E, Brazil 10 S 55 W), which the countryinfo package carries as
`latlng`. countries.json held centroids, which land in the sea or the far interior for large or
scattered countries (Malaysia, Indonesia, Canada, Russia): where a centroid lies more than
300 km from the Factbook point it is replaced by that point; nearer ones are kept, since for
some countries GeoNames keeps its own point near the centroid (the United States at the centre
of the contiguous states, India, Australia). The row keeps its old centroid as `centroid` and
says `"point": "factbook"`. Run again after upgrading countryinfo (a dev dependency):

    .venv/bin/python tools/make_country_points.py
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import countryinfo

DATA = Path(__file__).resolve().parent.parent / "src" / "eventwire" / "data" / "countries.json"
FAR_KM = 300.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def factbook_points() -> dict[str, tuple[float, float]]:
    """ISO alpha-3 code -> (lat, lon) from countryinfo's data files."""
    points: dict[str, tuple[float, float]] = {}
    for path in sorted((Path(countryinfo.__file__).parent / "data").glob("*.json")):
        row = json.loads(path.read_text(encoding="utf-8"))
        code = (row.get("ISO") or {}).get("alpha3")
        if code and row.get("latlng") and len(row["latlng"]) == 2:
            points.setdefault(code, (float(row["latlng"][0]), float(row["latlng"][1])))
    return points


def main() -> None:
    rows = json.loads(DATA.read_text(encoding="utf-8"))
    points = factbook_points()
    moved = []
    for row in rows:
        point = points.get(row.get("iso3") or "")
        if point is None:
            continue
        centroid = row.get("centroid", [row["lat"], row["lon"]])
        if distance_km(centroid[0], centroid[1], *point) > FAR_KM:
            row["centroid"] = centroid
            row["lat"], row["lon"] = point
            row["point"] = "factbook"
            moved.append(row["name"])
    text = "[\n" + ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n]\n"  # a row a line
    DATA.write_text(text, encoding="utf-8")
    print(f"{len(moved)} countries moved to their Factbook point: {', '.join(moved)}")


if __name__ == "__main__":
    main()
