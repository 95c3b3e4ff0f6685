"""The documentation keeps up with the code: commands, options and record fields."""

from pathlib import Path

import click
import pytest

from eventwire.shells.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SCHEMA = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, prefix + (name,))
        else:
            yield prefix + (name,), command


@pytest.mark.parametrize("path,command", list(_commands(main)), ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_docs_every_command_and_option_is_in_the_readme(path, command):
    assert f"eventwire {' '.join(path)}" in README
    for param in command.params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("--") and opt != "--help":
                assert opt in README, f"{opt} of {' '.join(path)} is not documented in README.md"


def test_docs_readme_shows_the_two_commands_and_ci_runs_the_second():
    assert "bin/setup && .venv/bin/eventwire analyze examples/seed-article.txt" in README
    assert "bin/test" in README
    assert "bin/test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.slow
def test_docs_every_record_field_is_in_the_schema(seed_record):
    def fields(value, seen):
        if isinstance(value, dict):
            for key, inner in value.items():
                seen.add(key)
                fields(inner, seen)
        elif isinstance(value, list):
            for inner in value:
                fields(inner, seen)
        return seen

    missing = sorted(key for key in fields(seed_record, set()) if f"`{key}`" not in SCHEMA)
    assert not missing, f"fields missing from docs/schema.md: {missing}"
