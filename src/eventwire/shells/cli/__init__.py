"""The command line: a thin shell over the Analyzer.

    eventwire analyze [INPUT...] [--format text|json|jsonl] [--out FILE] [--published DATE]
                      [--model NAME] [--actors FILE]... [--processes N]

Errors print one line on stderr. Exit status: 0 when every article was analysed,
1 when some input failed (the others were still analysed), 2 for a usage or
configuration error.
"""

from __future__ import annotations

import importlib
import json
import re
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

import click
from rich.console import Console

from ...core.analyzer import Analyzer
from ...document.article import Failure, parse_published, with_published
from ...errors import ConfigError, EventwireError, InputError
from ...readers import read_inputs
from ...settings import Settings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="eventwire")
def main() -> None:
    """eventwire: news articles into verifiable structured knowledge."""


@main.command()
@click.argument("inputs", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text",
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
def analyze(inputs, fmt, out, published, model, actors, processes, batch_size, summary_sentences) -> None:
    """Analyse articles: files, directories, or - for standard input.

    Text files: the first short line is the headline, a short second line the
    standfirst. JSON and JSON Lines records: {id, text, headline?, published?, url?, source?}.
    """
    try:
        settings = Settings.from_env().with_(
            model=model, processes=processes, batch_size=batch_size, summary_sentences=summary_sentences,
            actor_files=tuple(Path(a) for a in actors) or None,
        )
        when = parse_published(published, "--published") if published else None
    except EventwireError as err:
        _fail(str(err))
    if not inputs:
        if sys.stdin.isatty():
            _fail("no input — give files or directories to analyse, or - to read standard input")
        inputs = ("-",)
    if out is not None and Path(out).exists():
        target = Path(out).resolve()
        if any(name != "-" and Path(name).exists() and (Path(name).resolve() == target or
               (Path(name).is_dir() and target.is_relative_to(Path(name).resolve()))) for name in inputs):
            _fail(f"--out {out}: that is one of the inputs, and writing it would destroy it — write elsewhere")
    try:
        analyzer = Analyzer(settings)
    except EventwireError as err:
        _fail(str(err))
    failures = 0
    undated: list[str] = []

    def articles():
        for item in read_inputs(inputs):
            item = with_published(item, when)
            if not isinstance(item, Failure) and item.published is None:
                undated.append(item.origin)
            yield item

    try:
        with _output(out) as stream:
            writer = _Writer(fmt, stream)
            for result in analyzer.analyze_many(articles()):
                if isinstance(result, Failure):
                    failures += 1
                    click.echo(f"error: {_printable(result.message)}", err=True)
                    writer.failure(result)
                else:
                    writer.record(result)
            writer.close()
    except OSError as err:
        _fail(f"{out or 'standard output'}: cannot write the results ({err.strerror or err}) — "
              "check the disk has room and the path is writable")
    if undated:
        what = undated[0] if len(undated) == 1 else f"{len(undated)} articles (first: {undated[0]})"
        click.echo(
            f"warning: {what}: no publication date — relative dates stay unresolved and people "
            "are coded by their latest office; pass --published YYYY-MM-DD", err=True)
    if failures:
        click.echo(f"{failures} input(s) failed; the rest were analysed", err=True)
        sys.exit(1)


@main.group("eval")
def evaluate() -> None:
    """Score an analysis layer against a gold file (JSON Lines)."""


def _run_eval(gold: str, model: str | None, as_json: bool, score, fmt) -> None:
    from ...evaluate import read_gold

    try:
        settings = Settings.from_env().with_(model=model)
        analyzer = Analyzer(settings)
        records = [(f"{gold}:{n}", record) for n, record in read_gold(Path(gold))]
        figures = score(analyzer, records)
    except EventwireError as err:
        _fail(str(err))
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as err:
        _fail(f"{gold}: a record is not in the gold format ({type(err).__name__}: {err}) — "
              "fix that record; the gold formats are in the README, section Evaluation")
    click.echo(json.dumps(figures, indent=1) if as_json else fmt(figures))


# One command per layer; each module in eventwire.evaluate has score_<layer> and format_<layer>.
EVALUATIONS = {
    "quotes": "Quote content P/R/F1 (exact, ≥0.8, ≥0.3 word overlap), speaker and cue accuracy, per kind.",
    "events": "PLOVER type P/R/F1 per sentence, per-type table, dyad accuracy, false-positive rate "
              "(--json: with each sentence's types).",
    "time": "Temporal expressions: span P/R/F1 strict and relaxed, value F1 (TempEval-3).",
    "geo": "Toponym resolution: accuracy within 161 km, mean and median error, AUC.",
    "summary": "Extractive summary: ROUGE-1/2/Lsum F1 (stemmed), beside Lead-3.",
}


def _eval_command(layer: str, help_text: str) -> None:
    @evaluate.command(layer, help=help_text)
    @click.argument("gold", type=click.Path(exists=True, dir_okay=False))
    @click.option("--model", default=None, metavar="NAME", help="Any installed spaCy pipeline.")
    @click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
    def command(gold, model, as_json) -> None:
        module = importlib.import_module(f"eventwire.evaluate.{layer}")
        _run_eval(gold, model, as_json, getattr(module, f"score_{layer}"), getattr(module, f"format_{layer}"))


for _layer, _help in EVALUATIONS.items():
    _eval_command(_layer, _help)


class _Writer:
    def __init__(self, fmt: str, stream: IO[str]):
        self.fmt = fmt
        self.stream = stream
        self.count = 0
        if fmt == "text":
            self.console = Console(file=stream, force_terminal=stream.isatty() if hasattr(stream, "isatty") else False,
                                   width=None if stream.isatty() else 120)
        if fmt == "json":
            self.items: list = []

    def record(self, record: dict) -> None:
        self.count += 1
        if self.fmt == "jsonl":
            self.stream.write(_dumps(record) + "\n")
            self.stream.flush()
        elif self.fmt == "json":
            self.items.append(record)
        else:
            from ...render.terminal import render

            if self.count > 1:
                self.console.rule()
            render(record, self.console)

    def failure(self, failure: Failure) -> None:
        # Keep one output line per input record, so results line up with the input.
        if self.fmt == "jsonl":
            self.stream.write(_dumps(failure.to_record()) + "\n")
            self.stream.flush()
        elif self.fmt == "json":
            self.items.append(failure.to_record())

    def close(self) -> None:
        if self.fmt == "json":
            value = self.items[0] if len(self.items) == 1 else self.items
            self.stream.write(_dumps(value, indent=1) + "\n")


@contextmanager
def _output(path: str | None) -> Iterator[IO[str]]:
    if path is None:
        yield sys.stdout
        return
    try:
        handle = open(path, "w", encoding="utf-8")
    except OSError as err:
        _fail(f"--out {path}: cannot write it ({err.strerror}) — check the directory exists and is writable")
    with handle:
        yield handle


def _dumps(value, indent: int | None = None) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    if _SURROGATES.search(text):
        # a file name that is not UTF-8 ("caf\udce9.txt"): escape it so the output stays UTF-8
        text = json.dumps(value, ensure_ascii=True, indent=indent)
    return text


def _printable(message: str) -> str:
    return _SURROGATES.sub(lambda m: f"\\u{ord(m.group()):04x}", message)


_SURROGATES = re.compile("[\ud800-\udfff]")


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


if __name__ == "__main__":
    main()
