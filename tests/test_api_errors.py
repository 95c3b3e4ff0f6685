"""The API's refusals, without the model (an empty store is enough): one JSON error shape with a
message, an unknown or repeated parameter named with the accepted ones, the body limit (declared
and streamed), the bearer token, read-only without one, no stack trace on a fault, CORS off,
and `eventwire serve`'s token file."""

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from eventwire.shells.api.app import create_app
from eventwire.shells.cli import main
from eventwire.shells.cli.serve import read_token

TOKEN = "s3cret-token"


@pytest.fixture
def app(tmp_path):
    return create_app(str(tmp_path / "empty.db"), token=TOKEN, max_body=1000)


@pytest.fixture
def client(app):
    return TestClient(app, raise_server_exceptions=False)


def _api_get_paths(app):
    """Every GET endpoint of the API, with its path parameters filled in."""
    schema = app.openapi()
    for path, methods in schema["paths"].items():
        if "get" in methods and path.startswith("/api/"):
            yield path.replace("{article_id}", "1").replace("{actor}", "RUS").replace("{event_id}", "ev-1") \
                .replace("{quote_id}", "qt-1").replace("{actor_id}", "ac-1").replace("{story_id}", "st-1")


def _is_error(response, status):
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["status"] == status
    assert body["error"]["message"] and "Traceback" not in response.text
    return body["error"]


def test_api_errors_unknown_parameter_on_every_endpoint_is_named_with_the_accepted_ones(app, client):
    paths = list(_api_get_paths(app))
    assert len(paths) >= 12
    for path in paths:
        error = _is_error(client.get(path, params={"colour": "red", "Limit": "3"}), 400)
        assert "'Limit'" in error["message"]
        assert "'colour'" in error["message"] and error["accepted"] == sorted(error["accepted"])
        assert "colour" not in error["accepted"]
        assert all(name in error["message"] for name in error["accepted"])


def test_api_errors_repeated_parameter_and_bad_values_say_what_to_change(client):
    assert "more than once" in _is_error(client.get("/api/events?type=A&type=B"), 400)["message"]
    assert "2022-W09" in _is_error(client.get("/api/events?since=last+week"), 400)["message"]
    error = _is_error(client.get("/api/events?limit=0"), 400)
    assert error["problems"][0]["parameter"] == "limit"
    assert "format" in _is_error(client.get("/api/quotes?format=polecat"), 400)["message"]
    assert "1000" in _is_error(client.get("/api/events?limit=5000"), 400)["message"]
    assert "cursor" in _is_error(client.get("/api/events?cursor=abc"), 400)["message"]
    assert "sort" in _is_error(client.get("/api/events?sort=name"), 400)["message"]
    assert "integer" in _is_error(client.get("/api/articles/abc"), 400)["message"]
    assert "/docs" in _is_error(client.get("/api/nothing"), 404)["message"]
    assert "not allowed" in _is_error(client.delete("/api/events"), 405)["message"]


def test_api_errors_writes_need_the_token(client, tmp_path):
    article = {"text": "Police arrested protesters in Nairobi on Tuesday."}
    assert "Bearer" in _is_error(client.post("/api/articles", json=article), 401)["message"]
    _is_error(client.post("/api/articles", json=article, headers={"Authorization": "Bearer wrong"}), 403)
    _is_error(client.post("/api/articles", json=article, headers={"Authorization": f"Basic {TOKEN}"}), 401)
    _is_error(client.post("/api/analyze?store=true", json=article), 401)
    read_only = TestClient(create_app(str(tmp_path / "other.db")))
    assert "read-only" in _is_error(read_only.post("/api/articles", json=article,
                                                   headers={"Authorization": f"Bearer {TOKEN}"}), 403)["message"]


def test_api_errors_a_body_over_the_limit_is_413_declared_or_streamed(client):
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"}
    big = b'{"text": "' + b"word " * 400 + b'"}\n'
    assert "limit of 1,000 bytes" in _is_error(client.post("/api/articles", content=big, headers=auth), 413)["message"]

    def chunks():  # no Content-Length: the bytes are counted as they arrive
        for _ in range(10):
            yield b"x" * 300

    _is_error(client.post("/api/articles", content=chunks(), headers=auth), 413)
    _is_error(client.post("/api/analyze", content=chunks(), headers={"Content-Type": "application/json"}), 413)


def test_api_errors_a_fault_is_a_500_without_details(app, client):
    def broken():
        raise RuntimeError("secret internals at /srv/eventwire/db.py line 12")

    app.add_api_route("/api/broken", broken)
    error = _is_error(client.get("/api/broken"), 500)
    assert "secret" not in error["message"] and "RuntimeError" not in client.get("/api/broken").text


def test_api_errors_cors_is_off(client):
    response = client.get("/api/events", headers={"Origin": "https://elsewhere.example"})
    assert response.status_code == 200 and "access-control-allow-origin" not in response.headers
    preflight = client.options("/api/events", headers={"Origin": "https://elsewhere.example",
                                                       "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in preflight.headers


def test_api_errors_the_schema_and_docs_are_served_offline(client):
    schema = client.get("/openapi.json").json()
    assert {"/api/events", "/api/analyze", "/api/articles", "/api/counts", "/api/search"} <= set(schema["paths"])
    page = client.get("/docs").text
    assert "/openapi.json" in page and "http://" not in page and "https://" not in page


def test_api_errors_serve_reads_its_token_from_a_file_or_the_environment(tmp_path, monkeypatch):
    token_file = tmp_path / "token"
    token_file.write_text("from-file\n")
    monkeypatch.setenv("EVENTWIRE_TOKEN", "from-env")
    assert read_token(str(token_file)) == "from-file"
    assert read_token(None) == "from-env"
    monkeypatch.delenv("EVENTWIRE_TOKEN")
    assert read_token(None) is None
    (tmp_path / "empty").write_text("")
    result = CliRunner().invoke(main, ["serve", "--token-file", str(tmp_path / "empty")])
    assert result.exit_code == 2 and "empty" in result.output
