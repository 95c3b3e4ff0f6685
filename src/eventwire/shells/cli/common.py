"""What every command shares: a one-line error and exit, and the output stream."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator, NoReturn

import click


def open_store(db: str | None):
    """The store a listing reads: it must exist (a listing never creates one)."""
    from ...store import (  # SQLAlchemy loads only for the store's commands
        DEFAULT_STORE,
        Store,
    )

    if db is None and not Path(DEFAULT_STORE).exists():
        fail(f"{DEFAULT_STORE}: no such store — ingest articles first, or give --db")
    return Store.open(db, create=False)


def fail(message: str) -> NoReturn:
    """A usage or configuration error: one line on stderr, exit status 2."""
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


def write_listing(rows, columns: tuple[str, ...], fmt: str, out: str | None, what: str) -> None:
    """Write a listing's rows in `fmt` to --out or standard output, saying how many went to a file.
    Parquet is binary: to a file, or to standard output only when it is not a terminal."""
    from ...render.rows import write_parquet, write_rows

    if fmt == "parquet":
        if out is None and sys.stdout.isatty():
            fail("--format parquet writes a binary file — give --out FILE.parquet, or pipe the output")
        import io

        buffer = io.BytesIO()
        count = write_parquet(rows, columns, buffer)
        if out is None:
            sys.stdout.buffer.write(buffer.getvalue())
            sys.stdout.buffer.flush()
        else:
            try:
                Path(out).write_bytes(buffer.getvalue())
            except OSError as err:
                fail(f"--out {out}: cannot write it ({err.strerror}) — check the directory exists and is writable")
    else:
        with output(out) as stream:
            count = write_rows(rows, columns, fmt, stream)
    if out is not None:
        click.echo(f"{count} {what} written to {out}", err=True)


@contextmanager
def output(path: str | None) -> Iterator[IO[str]]:
    """Standard output, or the file `path` opened for writing (an error names it)."""
    if path is None:
        yield sys.stdout
        return
    try:
        handle = open(path, "w", encoding="utf-8")
    except OSError as err:
        fail(f"--out {path}: cannot write it ({err.strerror}) — check the directory exists and is writable")
    with handle:
        yield handle
