"""Bringing a store to the tables this eventwire reads, with the Alembic revisions in
store/migrations/versions/.

A new store is made by running every revision from the first; a store written by an older
eventwire runs the ones it lacks, in one transaction, so a migration that fails leaves it as it
was. A store written before eventwire used Alembic (version 1, no revision recorded) is marked
as being at revision 0001 first. No `alembic.ini` and no env.py: the revisions run here, on the
connection the store opened.
"""

from __future__ import annotations

from pathlib import Path

# Alembic is imported where it is used: a store that is up to date never needs it, and it
# costs a fifth of a second at every start.

_LOCATION = Path(__file__).parent / "migrations"
FIRST = "0001"  # the revision of a store made before migrations (store version 1)


def scripts():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(_LOCATION))
    return ScriptDirectory.from_config(config)


def current_revision(conn) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def head() -> str:
    return scripts().get_current_head()


def upgrade(conn, stamp_first: bool = False, target: str = "head") -> list[str]:
    """Run the revisions the store lacks on `conn` (in its transaction), up to `target`; the
    ones run. `stamp_first`: the store is a version-1 store made before migrations, at 0001."""
    from alembic.config import Config
    from alembic.runtime.environment import EnvironmentContext
    from alembic.runtime.migration import MigrationContext

    script = scripts()
    if stamp_first:
        MigrationContext.configure(conn).stamp(script, FIRST)
    ran: list[str] = []

    def steps(revision, _context):
        todo = script._upgrade_revs(target, revision)
        ran.extend(step.revision.revision for step in todo)
        return todo

    config = Config()
    config.set_main_option("script_location", str(_LOCATION))
    with EnvironmentContext(config, script, fn=steps, destination_rev=target) as environment:
        environment.configure(connection=conn, target_metadata=None)
        with environment.begin_transaction():
            environment.run_migrations()
    return ran
