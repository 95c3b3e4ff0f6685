"""The command line, through click's test runner."""

import json

import pytest
from click.testing import CliRunner

from eventwire.shells.cli import main

pytestmark = pytest.mark.slow
SEED = "tests/data/seed/article.txt"


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


@pytest.fixture(autouse=True)
def shared_analyzer(monkeypatch, analyzer):
    """Reuse the session's analyzer so each command does not reload the model."""
    import eventwire.core.analyzer as core

    original = core.Analyzer

    def make(settings, *args):
        if args or settings.model != analyzer.settings.model or settings.actor_files or settings.processes > 1:
            return original(settings, *args)  # a worker, or settings the session's analyzer lacks
        return analyzer

    monkeypatch.setattr(core, "Analyzer", make)


def test_cli_analyze_text_report_shows_headline_and_actors(runner):
    result = runner.invoke(main, ["analyze", SEED, "--published", "2022-03-28"])
    assert result.exit_code == 0, result.output
    assert "Zelensky says seeking peace" in result.output
    assert "Volodymyr Zelensky" in result.output and "UKR GOV" in result.output
    assert "Sergei Lavrov" in result.output and "RUS GOV" in result.output


def test_cli_analyze_json_is_the_record(runner):
    result = runner.invoke(main, ["analyze", SEED, "--published", "2022-03-28", "--format", "json"])
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["id"] == "article" and record["published"] == "2022-03-28"
    for key in ("entities", "quotes", "events", "timexes", "places", "summary"):
        assert isinstance(record[key], list)
    assert record["text"] == open(SEED, encoding="utf-8").read()


def test_cli_jsonl_one_line_per_input_line_same_ids_same_order(runner, tmp_path):
    feed = tmp_path / "feed.jsonl"
    records = [
        {"id": "first", "text": "Turkish President Recep Tayyip Erdogan met Ukrainian officials in Ankara."},
        "not json at all",
        {"id": "third", "text": ""},
        {"id": "fourth", "text": "Russian troops shelled Kharkiv, the governor said.", "published": "2022-03-01"},
    ]
    feed.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(main, ["analyze", str(feed), "--format", "jsonl", "--out", str(out)])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["first", "feed-2", "third", "fourth"]
    assert "entities" in lines[0] and "error" in lines[1] and "error" in lines[2] and "entities" in lines[3]
    assert "feed.jsonl:2: not a JSON object" in result.stderr
    assert "feed.jsonl:3: the text is empty" in result.stderr
    assert "2 input(s) failed" in result.stderr


def test_cli_empty_file_exits_nonzero_with_one_line(runner, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    result = runner.invoke(main, ["analyze", str(path), "--format", "json"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "empty.txt" in errors[0] and "Traceback" not in result.output


def test_cli_binary_input_exits_nonzero(runner, tmp_path):
    path = tmp_path / "blob.bin"
    path.write_bytes(bytes(range(256)) * 4)
    result = runner.invoke(main, ["analyze", str(path)])
    assert result.exit_code == 1 and "binary" in result.stderr


def test_cli_unknown_model_names_installed_ones(runner):
    result = runner.invoke(main, ["analyze", SEED, "--model", "en_core_web_xx"])
    assert result.exit_code == 2
    assert "unknown spaCy model 'en_core_web_xx'" in result.stderr and "en_core_web_sm" in result.stderr
    assert "Traceback" not in result.output


def test_cli_unknown_actors_format(runner, tmp_path):
    path = tmp_path / "actors.xlsx"
    path.write_bytes(b"PK\x03\x04 not a dictionary")
    result = runner.invoke(main, ["analyze", SEED, "--actors", str(path)])
    assert result.exit_code == 2 and "unknown dictionary format" in result.stderr


def test_cli_missing_published_date_warns_and_succeeds(runner):
    result = runner.invoke(main, ["analyze", SEED, "--format", "json"])
    assert result.exit_code == 0
    assert "no publication date" in result.stderr and "--published" in result.stderr
    assert json.loads(result.stdout)["published"] is None


def test_cli_bad_published_option(runner):
    result = runner.invoke(main, ["analyze", SEED, "--published", "28 March"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr


def test_cli_batch_goes_on_past_a_bad_file(runner, tmp_path):
    (tmp_path / "a.txt").write_text("Kenyan police arrested two journalists in Nairobi.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\x00\x00garbage")
    (tmp_path / "c.txt").write_text("The Philippine Department of Agriculture culled hogs.", encoding="utf-8")
    result = runner.invoke(main, ["analyze", str(tmp_path), "--format", "json", "--published", "2010-01-01"])
    assert result.exit_code == 1
    items = json.loads(result.stdout)
    assert [i["id"] for i in items] == ["a", "b", "c"] and "error" in items[1]


def test_cli_stdin(runner):
    result = runner.invoke(main, ["analyze", "-", "--format", "json"], input="Russia and Ukraine held talks.")
    assert result.exit_code == 0 and json.loads(result.stdout)["id"] == "stdin"


def test_cli_processes_give_the_same_records(runner, tmp_path):
    feed = tmp_path / "feed.jsonl"
    texts = ["Zelensky met Erdogan in Istanbul.", "Russian forces shelled Kyiv.", "NATO condemned the attack."]
    feed.write_text("\n".join(json.dumps({"id": f"d{n}", "text": t, "published": "2022-03-28"})
                              for n, t in enumerate(texts)) + "\n", encoding="utf-8")
    one = runner.invoke(main, ["analyze", str(feed), "--format", "jsonl"])
    two = runner.invoke(main, ["analyze", str(feed), "--format", "jsonl", "--processes", "2", "--batch-size", "1"])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout


@pytest.mark.parametrize("layer,record,says", [
    ("time", {"id": "t1", "text": "Talks resumed on Monday."}, '"timexes"'),
    ("geo", {"id": "g1", "text": "Floods hit Dhaka."}, '"toponyms"'),
    ("summary", {"id": "s1", "text": "Headline\nBody sentence one. Body sentence two."}, '"reference"'),
    ("quotes", {"id": "q1"}, '"text"'),
])
def test_cli_eval_bad_gold_record_names_the_line_and_what_to_do(runner, tmp_path, layer, record, says):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["eval", layer, str(gold)])
    assert result.exit_code != 0
    assert f"{gold}:1" in result.output and says in result.output
    assert "Traceback" not in result.output


def test_cli_eval_time_scores_a_gold_file(runner, tmp_path):
    gold = tmp_path / "time.jsonl"
    text = "Officials said Friday that talks would resume next week."
    record = {"id": "t1", "dct": "2022-03-28", "text": text, "timexes": [
        {"span": [15, 21], "text": "Friday", "type": "DATE", "value": "2022-03-25"},
        # said on Friday 25 March: "next week" is the week after that Friday, not after publication
        {"span": [46, 55], "text": "next week", "type": "DATE", "value": "2022-W13"}]}
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["eval", "time", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["value"]["f1"] == 1.0 and figures["strict"]["f1"] == 1.0


def test_cli_out_that_is_an_input_is_refused_and_the_input_kept(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Lavrov said talks would go on.", encoding="utf-8")
    result = runner.invoke(main, ["analyze", str(path), "--out", str(path)])
    assert result.exit_code == 2 and "one of the inputs" in result.output
    assert path.read_text(encoding="utf-8") == "Lavrov said talks would go on."


def test_cli_eval_gold_of_the_wrong_shape_is_one_line_not_a_traceback(runner, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "g", "text": "Kyiv was shelled.", "toponyms": [{"span": [0, 4]}]}) + "\n",
                    encoding="utf-8")
    result = runner.invoke(main, ["eval", "geo", str(gold)])
    assert result.exit_code == 2 and "not in the gold format" in result.output and "Traceback" not in result.output


def test_cli_self_referencing_cameo_macro_is_a_config_error(runner, tmp_path):
    path = tmp_path / "agents.txt"
    path.write_text("!PERSON! = !PERSON! MAN, MEN\nFARMER!PERSON! [~AGR]\n", encoding="utf-8")
    result = runner.invoke(main, ["analyze", SEED, "--actors", str(path)])
    assert result.exit_code == 2 and "refers to itself" in result.output
