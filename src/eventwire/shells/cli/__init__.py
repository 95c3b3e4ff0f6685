"""The command line: a thin shell over the library. Each command is one module that parses its
arguments, calls the core and formats the output; errors become one line on stderr.

Exit status: 0 when every input was analysed, 1 when some input failed (the others were still
analysed), 2 for a usage or configuration error.
"""

from __future__ import annotations

import click

from .analyze import analyze
from .evaluate import evaluate
from .export import export
from .ingest import failures, ingest
from .listings import actors, quotes_command, search, stories
from .query import events, show, timeline
from .serve import serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="eventwire")
def main() -> None:
    """eventwire: news articles into verifiable structured knowledge."""


main.add_command(analyze)
main.add_command(evaluate)
main.add_command(ingest)
main.add_command(failures)
main.add_command(events)
main.add_command(show)
main.add_command(export)
main.add_command(quotes_command)
main.add_command(search)
main.add_command(actors)
main.add_command(stories)
main.add_command(timeline)
main.add_command(serve)
