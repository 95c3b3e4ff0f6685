"""Schemathesis against the app's own OpenAPI schema, over a store ingested from the bundled
examples: generated requests to every operation give no server error, only documented status
codes and content types, and bodies that match the schema. Hypothesis examples are capped so
that the whole run stays under a minute."""

import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from click.testing import CliRunner
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from eventwire.shells.api.app import create_app
from eventwire.shells.cli import main
from tests.conftest import new_postgres_database

pytestmark = pytest.mark.slow

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


# The schema is read when the module loads (schemathesis parametrizes at collection), from an
# app over a store that is empty then; the fixture below fills that store before any test runs,
# and on PostgreSQL builds another app over a database of its own, which the requests go to.
STORE = str(Path(tempfile.mkdtemp(prefix="eventwire-schemathesis-")) / "corpus.db")
TOKEN = "not-sent-by-the-tests"  # so that generated writes meet the token check (401/403), never a write
APP = create_app(STORE, token=TOKEN)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


def _ingest_examples(db: str) -> None:
    result = CliRunner().invoke(main, ["ingest", "examples/seed-article.txt", "examples/news.jsonl", "--db", db,
                                       "--quiet"])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def served(request):
    """The app the generated requests go to, over the examples' store on this backend."""
    if request.param == "sqlite":
        _ingest_examples(STORE)
        yield APP
        shutil.rmtree(Path(STORE).parent, ignore_errors=True)
        return
    with new_postgres_database("eventwire_st") as url:
        _ingest_examples(url)
        app = create_app(url, token=TOKEN)
        yield app
        app.state.store.engine.dispose()


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_schemathesis_no_server_error_and_no_schema_violation(case, served):
    case.call_and_validate(checks=CHECKS, app=served)
