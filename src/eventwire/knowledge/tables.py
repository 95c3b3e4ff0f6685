"""Reading the knowledge files: tab-separated tables with `#` comments and a header.

Dates in tables are YYYY, YYYY-MM or YYYY-MM-DD; a start is read as the first day
of the period it names and an end as the last, so "2014" to "2019" covers both years.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterator

from ..errors import ConfigError

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass(frozen=True)
class Row:
    values: dict[str, str]
    source: str  # "file.tsv:12", for evidence and error messages

    def get(self, key: str, default: str = "") -> str:
        return self.values.get(key, default) or default

    def list(self, key: str) -> tuple[str, ...]:
        return tuple(part.strip() for part in self.get(key).split("|") if part.strip())


def read_table(path: Path, required: tuple[str, ...] = ()) -> Iterator[Row]:
    """Rows of a TSV knowledge file, as dicts keyed by the header line."""
    header: list[str] | None = None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot read this knowledge file ({err}) — check the path and that it is UTF-8") from None
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if header is None:
            header = [cell.lower() for cell in cells]
            missing = [name for name in required if name not in header]
            if missing:
                raise ConfigError(
                    f"{path}:{number}: the header has no {', '.join(missing)} column — "
                    f"the first non-comment line must name the tab-separated columns, e.g. "
                    f"{chr(9).join(required)}"
                )
            continue
        if len(cells) > len(header):
            raise ConfigError(
                f"{path}:{number}: {len(cells)} tab-separated fields but the header has "
                f"{len(header)} — check for a stray tab"
            )
        yield Row(dict(zip(header, cells)), f"{path.name}:{number}")


def parse_start(value: str, source: str) -> date | None:
    return _parse(value, source, end=False)


def parse_end(value: str, source: str) -> date | None:
    return _parse(value, source, end=True)


def _parse(value: str, source: str, end: bool) -> date | None:
    value = value.strip()
    if not value:
        return None
    match = _DATE.match(value)
    if not match:
        raise ConfigError(f"{source}: {value!r} is not a date — write YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(match[1])
    month = int(match[2]) if match[2] else (12 if end else 1)
    if match[3]:
        day = int(match[3])
    else:
        day = calendar.monthrange(year, month)[1] if end else 1
    try:
        return date(year, month, day)
    except ValueError:
        raise ConfigError(f"{source}: {value!r} is not a real date") from None


def active(start: date | None, end: date | None, when: date) -> bool:
    return (start is None or start <= when) and (end is None or when <= end)
