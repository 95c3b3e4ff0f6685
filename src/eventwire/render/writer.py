"""Writing records: a report for people, one JSON document, or JSON Lines, to any text stream.

The CLI and the batch runner write through the same `RecordWriter`, so a record reads the same
whichever shell made it."""

from __future__ import annotations

import json
import re
from typing import IO, Any

from rich.console import Console

FORMATS = ("text", "json", "jsonl")

_SURROGATES = re.compile("[\ud800-\udfff]")


class RecordWriter:
    """Writes records and failures ({"id", "error"}) in one of FORMATS. JSON Lines are flushed
    record by record, so an interrupted batch keeps what was done; `json` is written on close."""

    def __init__(self, fmt: str, stream: IO[str]):
        self.fmt = fmt
        self.stream = stream
        self.count = 0
        if fmt == "text":
            tty = stream.isatty() if hasattr(stream, "isatty") else False
            self.console = Console(file=stream, force_terminal=tty, width=None if tty else 120)
        if fmt == "json":
            self.items: list = []

    def record(self, record: dict[str, Any]) -> None:
        self.count += 1
        if self.fmt == "jsonl":
            self.stream.write(dumps(record) + "\n")
            self.stream.flush()
        elif self.fmt == "json":
            self.items.append(record)
        else:
            from .terminal import render

            if self.count > 1:
                self.console.rule()
            render(record, self.console)

    def failure(self, failure: dict[str, Any]) -> None:
        # Keep one output line per input record, so results line up with the input.
        if self.fmt == "jsonl":
            self.stream.write(dumps(failure) + "\n")
            self.stream.flush()
        elif self.fmt == "json":
            self.items.append(failure)

    def close(self) -> None:
        if self.fmt == "json":
            value = self.items[0] if len(self.items) == 1 else self.items
            self.stream.write(dumps(value, indent=1) + "\n")


def dumps(value: Any, indent: int | None = None) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    if _SURROGATES.search(text):
        # a file name that is not UTF-8 ("caf\udce9.txt"): escape it so the output stays UTF-8
        text = json.dumps(value, ensure_ascii=True, indent=indent)
    return text


def printable(message: str) -> str:
    """A message safe to print on a UTF-8 terminal: lone surrogates from undecodable file names
    are shown as \\udcXX escapes."""
    return _SURROGATES.sub(lambda m: f"\\u{ord(m.group()):04x}", message)
