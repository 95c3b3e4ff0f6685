"""Rows of a corpus query written as a table for people, or CSV, TSV, JSON, JSON Lines or
Parquet (typed columns, for pandas, R's arrow, DuckDB, Spark)."""

from __future__ import annotations

import csv
import json
from typing import IO, Any, BinaryIO, Iterable

ROW_FORMATS = ("table", "csv", "tsv", "json", "jsonl", "parquet")
TEXT_FORMATS = ROW_FORMATS[:-1]


def write_parquet(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], stream: BinaryIO) -> int:
    """Write the rows as one Parquet table; the number written. Each column's type is the one
    its values have (integers, booleans, text, lists of text); a column with no value at all
    is text, so that the same export always has the same columns and types."""
    import pyarrow as pa  # loads only for Parquet
    import pyarrow.parquet as pq

    listed = [{key: row.get(key) for key in columns} for row in rows]
    if not listed:
        table = pa.schema([pa.field(key, pa.string()) for key in columns]).empty_table()
    else:
        table = pa.Table.from_pylist(listed)  # types as the values have them
        schema = pa.schema([pa.field(f.name, pa.string() if pa.types.is_null(f.type) else f.type)
                            for f in table.schema])
        table = table.cast(schema)  # a column of nothing but nulls becomes text
    pq.write_table(table, stream)
    return len(listed)


def write_rows(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], fmt: str, stream: IO[str]) -> int:
    """Write the rows; the number written. Rows stream out as they come, except for the table
    (its columns are sized to the rows) and JSON (one array)."""
    count = 0
    if fmt in ("csv", "tsv"):
        writer = csv.DictWriter(stream, fieldnames=columns, delimiter="," if fmt == "csv" else "\t",
                                extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: _cell(row.get(key), fmt) for key in columns})
            count += 1
    elif fmt == "jsonl":
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    elif fmt == "json":
        listed = list(rows)
        json.dump(listed, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        count = len(listed)
    else:
        listed = [{key: _cell(row.get(key), fmt) for key in columns} for row in rows]
        widths = {key: min(60, max([len(key)] + [len(row[key]) for row in listed])) for key in columns}
        stream.write("  ".join(key.ljust(widths[key]) for key in columns).rstrip() + "\n")
        for row in listed:
            stream.write("  ".join(_fit(row[key], widths[key]) for key in columns).rstrip() + "\n")
        count = len(listed)
    return count


def _cell(value: Any, fmt: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)  # aliases, outlets: one cell, readable back
    text = str(value)
    # one row a line: a sentence's line breaks and tabs become spaces in a table or TSV
    return " ".join(text.split()) if fmt in ("table", "tsv") else text


def _fit(value: str, width: int) -> str:
    return value.ljust(width) if len(value) <= width else value[:width - 1] + "…"
