"""What every command shares: a one-line error and exit, and the output stream."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import IO, Iterator, NoReturn

import click


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
