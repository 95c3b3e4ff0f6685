"""Progress for long runs: a bar on standard error (rich) with articles done of the total, articles
and words a second, failures so far and the time left; and the closing figures.

The bar is drawn only when standard error is a terminal (a log file gets the summary line alone);
error lines printed meanwhile go above it.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Iterable

from ...readers import JSONL_SUFFIXES, is_crawl


def count_inputs(sources: Iterable[str]) -> int | None:
    """How many records the sources hold, as the readers will find them, counted without reading
    them: one a file, one a non-blank line of JSON Lines. None when that cannot be known cheaply
    (standard input, web crawls)."""
    total = 0
    for name in sources:
        if name == "-":
            return None
        path = Path(name)
        files = ([p for p in path.rglob("*") if p.is_file() and not any(part.startswith(".") for part in
                  p.relative_to(path).parts)] if path.is_dir() else [path])
        for file in files:
            if is_crawl(file):
                return None
            if file.suffix.lower() in JSONL_SUFFIXES:
                try:
                    with file.open("rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total


class Progress:
    """Counts what a run did and draws it; `advance` once per input handled."""

    def __init__(self, total: int | None, show: bool):
        self.total = total
        self.done = self.failures = self.words = 0
        self.started = time.perf_counter()
        self.bar = None
        if show and sys.stderr.isatty() and os.environ.get("TERM") != "dumb":
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TextColumn,
                TimeRemainingColumn,
            )
            from rich.progress import (
                Progress as Bar,
            )

            self.bar = Bar(TextColumn("analysing"), BarColumn(), MofNCompleteColumn(),
                           TextColumn("{task.fields[speed]}"), TextColumn("{task.fields[failed]}"),
                           TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            self.task = self.bar.add_task("articles", total=total, speed="", failed="")

    def __enter__(self) -> "Progress":
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    def advance(self, words: int = 0, failed: bool = False) -> None:
        self.done += 1
        self.words += words
        self.failures += failed
        if self.bar is not None:
            seconds = max(self.seconds, 1e-9)
            self.bar.update(self.task, completed=self.done,
                            total=max(self.total, self.done) if self.total is not None else None,
                            speed=f"{self.done / seconds:,.1f} articles/s, {self.words / seconds:,.0f} words/s",
                            failed=f"{self.failures:,} failed" if self.failures else "")

    def timing(self) -> str:
        """'in 12.3 s, 4,567 words/s' for the closing line."""
        seconds = self.seconds
        return f"in {seconds:,.1f} s, {self.words / max(seconds, 1e-9):,.0f} words/s"
