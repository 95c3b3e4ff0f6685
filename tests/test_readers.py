"""Input readers: formats, the headline rule, and every kind of bad input."""

import io
import json
from datetime import date

import pytest

from eventwire.document.article import (
    Article,
    Failure,
    article_from_text,
    parse_published,
    with_published,
)
from eventwire.errors import InputError
from eventwire.readers import decode, read_inputs

SEED = open("tests/data/seed/article.txt", encoding="utf-8").read()


def test_readers_text_keeps_exact_text_and_finds_headline_and_standfirst():
    article = article_from_text(SEED, "seed")
    assert article.text == SEED
    assert article.headline.text(SEED) == "Zelensky says seeking peace 'without delay' in latest round of talks with Russia"
    assert article.standfirst.text(SEED).startswith("A new set of talks between the Russians")


def test_readers_text_without_short_first_line_has_no_headline():
    text = "A long first paragraph " * 20 + "\nSecond paragraph."
    article = article_from_text(text, "x")
    assert article.headline is None and article.standfirst is None


def test_readers_text_single_paragraph_has_no_headline():
    assert article_from_text("Just one line of text.", "x").headline is None


def test_readers_standfirst_only_when_body_follows():
    article = article_from_text("Headline here\nA short second line", "x")
    assert article.headline is not None and article.standfirst is None


@pytest.mark.parametrize("value,expected", [
    ("2022-03-28", date(2022, 3, 28)),
    ("2022-03-28T14:05:00Z", date(2022, 3, 28)),
    (None, None),
    ("", None),
])
def test_readers_parse_published(value, expected):
    assert parse_published(value, "x") == expected


@pytest.mark.parametrize("value", ["28/03/2022", "yesterday", "2022-13-01"])
def test_readers_bad_published_date_names_input_and_format(value):
    with pytest.raises(InputError, match=r"feed\.jsonl:3: publication date .* YYYY-MM-DD"):
        parse_published(value, "feed.jsonl:3")


def test_readers_empty_file_fails_with_one_line(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n", encoding="utf-8")
    [item] = list(read_inputs([str(path)]))
    assert isinstance(item, Failure)
    assert "empty.txt: the text is empty" in item.message and "\n" not in item.message


def test_readers_binary_file_fails(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    [item] = list(read_inputs([str(path)]))
    assert isinstance(item, Failure) and "binary" in item.message and "photo.txt" in item.message


def test_readers_undecodable_file_fails_and_says_how_to_convert(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\xe9 owners protested in Montr\xe9al.".encode("latin-1"))
    [item] = list(read_inputs([str(path)]))
    assert isinstance(item, Failure)
    assert "not UTF-8" in item.message and "iconv" in item.message


def test_readers_utf8_bom_is_decoded_away():
    assert decode("\ufeffHello".encode("utf-8"), "x") == "Hello"


def test_readers_file_over_size_limit_fails(tmp_path, monkeypatch):
    import eventwire.readers as readers

    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_text("word " * 100, encoding="utf-8")
    [item] = list(read_inputs([str(path)]))
    assert isinstance(item, Failure) and "over the limit" in item.message


def test_readers_document_over_character_limit_fails():
    with pytest.raises(InputError, match="over the limit of 50"):
        article_from_text("x" * 60, "long", max_chars=50)


def test_readers_jsonl_bad_lines_are_reported_and_the_rest_read(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Russia said on Monday it would talk.", "published": "2022-03-28"}),
        "{not json",
        "",
        json.dumps({"id": "c", "headline": "no text here"}),
        json.dumps({"id": "d", "text": "Ukraine agreed."}),
        json.dumps(["a", "list"]),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([str(path)]))
    kinds = [type(item).__name__ for item in items]
    assert kinds == ["Article", "Failure", "Failure", "Article", "Failure"]
    assert items[0].published == date(2022, 3, 28) and items[0].id == "a"
    assert "feed.jsonl:2: not a JSON object" in items[1].message
    assert items[2].id == "c" and 'no "text" field' in items[2].message
    assert items[3].id == "d" and items[3].published is None


def test_readers_json_record_with_headline_in_text(tmp_path):
    path = tmp_path / "one.json"
    text = "Turkey hosts talks\nDelegations met in Istanbul on Tuesday."
    path.write_text(json.dumps({"id": 7, "text": text, "headline": "Turkey hosts talks",
                                "url": "https://example.org/a", "source": "Wire"}), encoding="utf-8")
    [article] = list(read_inputs([str(path)]))
    assert article.id == "7" and article.headline.text(text) == "Turkey hosts talks"
    assert article.url == "https://example.org/a" and article.source == "Wire"


def test_readers_json_headline_not_in_text_is_kept_as_title(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"id": "x", "text": "Delegations met.", "headline": "Talks"}), encoding="utf-8")
    [article] = list(read_inputs([str(path)]))
    assert article.headline is None and article.title == "Talks"


def test_readers_json_list_of_records(tmp_path):
    path = tmp_path / "many.json"
    path.write_text(json.dumps([{"id": "a", "text": "One."}, {"text": "Two."}, {"id": "c"}]), encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "Failure"]
    assert items[1].id == "many-2"


def test_readers_html_uses_trafilatura_main_text_and_title(tmp_path):
    body = " ".join(["Negotiators from both countries met in Istanbul on Tuesday for a new round of talks."] * 3)
    html = f"""<html><head><title>Talks resume in Istanbul</title>
    <meta property="article:published_time" content="2022-03-29"></head>
    <body><nav>Home | World | Sport</nav><article><h1>Talks resume in Istanbul</h1>
    <p>{body}</p><p>{body}</p></article><footer>Copyright</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    [article] = list(read_inputs([str(path)]))
    assert isinstance(article, Article)
    assert article.headline.text(article.text) == "Talks resume in Istanbul"
    assert "Negotiators from both countries" in article.text and "Copyright" not in article.text
    assert article.published == date(2022, 3, 29)


def test_readers_directory_recursive_in_name_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second article text.", encoding="utf-8")
    (tmp_path / "1.txt").write_text("First article text.", encoding="utf-8")
    items = list(read_inputs([str(tmp_path)]))
    assert [i.id for i in items] == ["1", "b/2"]  # ids are paths within the directory given


def test_readers_same_name_in_two_folders_are_two_ids(tmp_path):
    for month in ("05", "06"):
        (tmp_path / month).mkdir()
        (tmp_path / month / "a.txt").write_text(f"An article from month {month}.", encoding="utf-8")
    assert [i.id for i in read_inputs([str(tmp_path)])] == ["05/a", "06/a"]


def test_readers_html_in_a_declared_or_detected_charset(tmp_path):
    body = "The ministers met in São Paulo on Monday and agreed to resume talks on trade. " * 4
    page = f'<html><head><meta charset="windows-1252"><title>Café talks</title></head><body><article><p>{body}</p></article></body></html>'
    (tmp_path / "page.html").write_bytes(page.encode("cp1252"))
    [item] = list(read_inputs([str(tmp_path / "page.html")]))
    assert not isinstance(item, Failure), item
    assert item.text.startswith("Café talks") and "São Paulo" in item.text


def test_readers_a_record_id_used_twice_in_a_feed_is_reported(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "a", "text": "Kenya and Uganda held talks."}\n'
                    '{"id": "a", "text": "Another article with the same id."}\n', encoding="utf-8")
    first, second = read_inputs([str(feed)])
    assert not isinstance(first, Failure) and isinstance(second, Failure)
    assert "already used by" in second.message and "feed.jsonl:1" in second.message


def test_readers_missing_path_is_a_failure_not_a_crash(tmp_path):
    [item] = list(read_inputs([str(tmp_path / "nope.txt")]))
    assert isinstance(item, Failure) and "no such file" in item.message


@pytest.mark.parametrize("data,ids", [
    (b"Plain text headline\nBody of the story.", ["stdin"]),
    (b'{"id": "a", "text": "x y"}\n{"id": "b", "text": "z"}\n', ["a", "b"]),
    (b'{"id": "solo", "text": "x y"}', ["solo"]),
])
def test_readers_stdin_is_sniffed(data, ids):
    items = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert [i.id for i in items] == ids


def test_readers_published_override_marks_its_origin():
    article = article_from_text("Headline\nBody text here.", "x")
    dated = with_published(article, date(2022, 3, 28))
    assert dated.published == date(2022, 3, 28) and dated.published_from == "option"


def test_readers_jsonl_records_that_json_cannot_hold_fail_alone(tmp_path):
    # an unpaired surrogate, nesting deeper than the parser goes, a 5,000-digit number
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "a", "text": "Lavrov said talks would go on."}),
        '{"id": "b", "text": "Bad \\ud800 char."}',
        "[" * 100_000 + "]" * 100_000,
        '{"id": ' + "9" * 5000 + ', "text": "x"}',
        json.dumps({"id": "e", "text": "Zelensky said peace was possible."}),
    ]) + "\n", encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Failure", "Failure", "Article"]
    assert "surrogate" in items[1].message and "feed.jsonl:3" in items[2].message


def test_readers_a_run_without_spaces_is_refused_not_left_to_hang():
    with pytest.raises(InputError, match="without a space"):
        article_from_text("(" * 20_000 + ")" * 20_000, "x")


def test_readers_directory_skips_hidden_directories(tmp_path):
    (tmp_path / "a.txt").write_text("Lavrov said talks would go on.", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("[core]\n\trepositoryformatversion = 0\n", encoding="utf-8")
    assert [i.id for i in read_inputs([str(tmp_path)])] == ["a"]


def test_readers_stdin_jsonl_keeps_unicode_line_separators_inside_strings():
    lines = [json.dumps({"id": "a", "text": "One\u2028two said Lavrov."}, ensure_ascii=False),
             "broken line", json.dumps({"id": "c", "text": "Zelensky spoke."})]
    items = list(read_inputs(["-"], stdin=io.BytesIO("\n".join(lines).encode("utf-8"))))
    assert [(type(i).__name__, i.id) for i in items] == [("Article", "a"), ("Failure", "stdin-2"), ("Article", "c")]


def test_readers_empty_path_is_a_failure_not_the_current_directory():
    [item] = list(read_inputs([""]))
    assert isinstance(item, Failure) and "empty path" in item.message
