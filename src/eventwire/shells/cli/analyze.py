"""`eventwire analyze`: files, directories or standard input in; records or a report out."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import click

from ...document.article import Failure, parse_published, with_published
from ...errors import EventwireError
from ...readers import read_inputs
from ...render.writer import FORMATS, RecordWriter, printable
from ...settings import Settings
from .batching import analyse, batch_from, batch_options
from .common import fail, output
from .progress import Progress, count_inputs


@click.command()
@click.argument("inputs", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True, help="A report for people, or JSON / JSON Lines records.")
@click.option("--out", "out", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write here instead of standard output.")
@click.option("--published", default=None, metavar="YYYY-MM-DD",
              help="Publication date: supplies or overrides the input's date.")
@click.option("--model", default=None, metavar="NAME", help="Any installed spaCy pipeline [default: en_core_web_sm].")
@click.option("--actors", "actors", multiple=True, type=click.Path(), metavar="FILE",
              help="Extra actor or agent dictionary: eventwire TSV or CAMEO/TABARI (repeatable).")
@click.option("--processes", type=int, default=None, help="Worker processes for many articles.")
@click.option("--batch-size", type=int, default=None, help="Articles per spaCy batch.")
@click.option("--summary-sentences", type=int, default=None, metavar="N",
              help="Sentences in the extractive summary [default: 3].")
@batch_options
def analyze(inputs, fmt, out, published, model, actors, processes, batch_size, summary_sentences,
            workers, scheduler, timeout, max_chars, quiet) -> None:
    """Analyse articles: files, directories, or - for standard input.

    Text files: the first short line is the headline, a short second line the
    standfirst. JSON and JSON Lines records: {id, text, headline?, published?, url?, source?}.
    With --workers N (N >= 2) or --scheduler the articles are analysed on Dask workers; the records
    come back in input order, as from one process.
    """
    try:
        settings = Settings.from_env().with_(
            model=model, processes=processes, batch_size=batch_size, summary_sentences=summary_sentences,
            actor_files=tuple(Path(a) for a in actors) or None, max_chars=max_chars,
        )
        when = parse_published(published, "--published") if published else None
    except EventwireError as err:
        fail(str(err))
    if not inputs:
        if sys.stdin.isatty():
            fail("no input — give files or directories to analyse, or - to read standard input")
        inputs = ("-",)
    batch = batch_from(workers, scheduler, timeout, quiet, processes)
    if out is not None and Path(out).exists():
        target = Path(out).resolve()
        if any(name != "-" and Path(name).exists() and (Path(name).resolve() == target or
               (Path(name).is_dir() and target.is_relative_to(Path(name).resolve()))) for name in inputs):
            fail(f"--out {out}: that is one of the inputs, and writing it would destroy it — write elsewhere")
    undated: list[str] = []

    def articles():
        for item in read_inputs(inputs, max_chars=settings.max_chars):
            item = with_published(item, when)
            if not isinstance(item, Failure) and item.published is None:
                undated.append(item.origin)
            yield item

    # Read up to the first usable article before loading the model: a wrong path or an empty
    # file is refused at once, and the model is never loaded when nothing can be analysed.
    pending = articles()
    head: list = []
    for item in pending:
        head.append(item)
        if not isinstance(item, Failure):
            break
    # With --out the records go to a file and standard error is free for a progress bar and the counts.
    progress = Progress(count_inputs(inputs) if out is not None else None, show=out is not None and not quiet)
    results = iter(head)
    if head and not isinstance(head[-1], Failure):
        try:
            results = analyse(itertools.chain(head, pending), settings, batch)
            head = [next(results)]  # the model (or the cluster) starts here, once there is work for it
        except EventwireError as err:
            fail(str(err))
        results = itertools.chain(head, results)
    failures = 0
    try:
        with output(out) as stream, progress:
            writer = RecordWriter(fmt, stream)
            for result in results:
                if isinstance(result, Failure):
                    failures += 1
                    progress.advance(failed=True)
                    click.echo(f"error: {printable(result.message)}", err=True)
                    writer.failure(result.to_json())
                else:
                    writer.record(result)
                    progress.advance(words=len(result["text"].split()))
            writer.close()
    except OSError as err:
        fail(f"{out or 'standard output'}: cannot write the results ({err.strerror or err}) — "
              "check the disk has room and the path is writable")
    except EventwireError as err:
        fail(f"{err} (the records written before this are complete)")
    if out is not None:
        click.echo(f"read {progress.done} = analysed {progress.done - failures} + failures {failures} "
                   f"{progress.timing()} (out: {out})", err=True)
    if undated:
        what = undated[0] if len(undated) == 1 else f"{len(undated)} articles (first: {undated[0]})"
        click.echo(
            f"warning: {what}: no publication date — relative dates stay unresolved and people "
            "are coded by their latest office; pass --published YYYY-MM-DD", err=True)
    if failures:
        click.echo(f"{failures} input(s) failed; the rest were analysed", err=True)
        sys.exit(1)
