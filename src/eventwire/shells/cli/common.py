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
