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

pytestmark = pytest.mark.slow

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


# The schema is read when the module loads (schemathesis parametrizes at collection), from an
# app over a store that is empty then; the fixture below fills that store before any test runs.
STORE = str(Path(tempfile.mkdtemp(prefix="eventwire-schemathesis-")) / "corpus.db")
# a token, so that generated writes meet the token check (401/403), never a store write
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(STORE, token="not-sent-by-the-tests"))


@pytest.fixture(scope="module", autouse=True)
def examples_ingested():
    result = CliRunner().invoke(main, ["ingest", "examples/seed-article.txt", "examples/news.jsonl", "--db", STORE,
                                       "--quiet"])
    assert result.exit_code == 0, result.output
    yield
    shutil.rmtree(Path(STORE).parent, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_schemathesis_no_server_error_and_no_schema_violation(case):
    case.call_and_validate(checks=CHECKS)
