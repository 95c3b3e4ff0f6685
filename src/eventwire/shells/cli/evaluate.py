"""`eventwire eval LAYER GOLD.jsonl`: one command per scorer in `eventwire.evaluate.SCORERS`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ...errors import EventwireError
from ...evaluate import SCORERS, Scorer, read_gold
from ...render.figures import FORMATTERS
from ...settings import Settings
from .common import fail


@click.group("eval")
def evaluate() -> None:
    """Score an analysis layer against a gold file (JSON Lines)."""


def _command(layer: str, scorer: Scorer) -> click.Command:
    @click.command(layer, help=scorer.about)
    @click.argument("gold", type=click.Path(exists=True, dir_okay=False))
    @click.option("--model", default=None, metavar="NAME", help="Any installed spaCy pipeline.")
    @click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
    def command(gold: str, model: str | None, as_json: bool) -> None:
        from ...core.analyzer import (
            Analyzer,  # spaCy loads here, after the arguments were checked
        )

        try:
            analyzer = Analyzer(Settings.from_env().with_(model=model))
            records = [(f"{gold}:{n}", record) for n, record in read_gold(Path(gold))]
            figures = scorer.score(analyzer, records)
        except EventwireError as err:
            fail(str(err))
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as err:
            fail(f"{gold}: a record is not in the gold format ({type(err).__name__}: {err}) — "
                 "fix that record; the gold formats are in the README, section Evaluation")
        click.echo(json.dumps(figures, indent=1) if as_json else FORMATTERS[layer](figures))

    return command


for _layer, _scorer in SCORERS.items():
    evaluate.add_command(_command(_layer, _scorer))
