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


# --- HTML pages: the headline once, deep nesting ---

STORY = " ".join(["Negotiators from both countries met in Istanbul on Tuesday for a new round of talks."] * 3)


def _page(head: str, body: str) -> str:
    return (f"<html><head>{head}</head><body><nav>Home | World | Sport</nav>"
            f"<article>{body}<p>{STORY}</p><p>Delegations will meet again. {STORY}</p></article>"
            "<footer>Copyright</footer></body></html>")


@pytest.mark.parametrize("head,heading,headline", [
    # the <h1> repeats the <title>
    ("<title>Talks resume in Istanbul</title>", "<h1>Talks resume in Istanbul</h1>", "Talks resume in Istanbul"),
    # the title carries the site's name, after or before the headline
    ('<meta property="og:title" content="Talks resume in Istanbul | The Daily Wire">',
     "<h2>Talks resume in Istanbul</h2>", "Talks resume in Istanbul"),
    ('<meta property="og:title" content="Talks resume in Istanbul - The Daily Wire">',
     "<h2>Talks resume in Istanbul</h2>", "Talks resume in Istanbul"),
    ('<meta property="og:title" content="The Daily Wire \u00bb Talks resume in Istanbul">',
     "<h2>Talks resume in Istanbul</h2>", "Talks resume in Istanbul"),
    # the same headline but for case, spacing and a full stop
    ('<meta property="og:title" content="TALKS RESUME  IN ISTANBUL">',
     "<h2>Talks resume in Istanbul.</h2>", "Talks resume in Istanbul."),
])
def test_readers_html_headline_is_not_repeated_in_the_body(tmp_path, head, heading, headline):
    (tmp_path / "page.html").write_text(_page(head, heading), encoding="utf-8")
    [article] = list(read_inputs([str(tmp_path / "page.html")]))
    assert isinstance(article, Article), article
    assert article.headline.text(article.text) == headline
    assert article.text.casefold().count("talks resume") == 1, article.text[:200]
    assert article.text.startswith(headline + "\nNegotiators from both countries")
    assert "The Daily Wire" not in article.text and "Copyright" not in article.text


def test_readers_html_body_that_only_begins_like_the_title_is_kept(tmp_path):
    first = "Talks resume after a week in which both sides traded blame for the collapse of the ceasefire."
    page = _page('<meta property="og:title" content="Talks resume | The Daily Wire">', f"<p>{first}</p>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    [article] = list(read_inputs([str(tmp_path / "page.html")]))
    assert article.text.startswith(f"Talks resume | The Daily Wire\n{first}\nNegotiators")


def test_readers_html_page_that_is_only_its_headline_has_no_article(tmp_path):
    page = "<html><head><title>Talks resume</title></head><body><article><h1>Talks resume</h1></article></body></html>"
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    [item] = list(read_inputs([str(tmp_path / "page.html")]))
    assert isinstance(item, Failure) and "page.html: no article text found" in item.message


def _nested(depth: int, open_tag: str, close_tag: str) -> str:
    return _page("<title>Talks resume in Istanbul</title>",
                 "").replace("<article>", open_tag * depth + "<article><h1>Talks resume in Istanbul</h1>", 1) \
                    .replace("</article>", "</article>" + close_tag * depth, 1)


@pytest.mark.parametrize("depth,open_tag,close_tag", [
    (300, "<div>", "</div>"),  # past libxml2's 256 levels, where the article used to be lost
    (2000, "<div>", "</div>"),
    (2000, "<section class='wrap'>", "</section>"),
    (20000, "<font>", ""),  # an old page's unclosed tags
])
def test_readers_deeply_nested_pages_still_yield_their_article(tmp_path, depth, open_tag, close_tag):
    (tmp_path / "deep.html").write_text(_nested(depth, open_tag, close_tag), encoding="utf-8")
    [article] = list(read_inputs([str(tmp_path / "deep.html")]))
    assert isinstance(article, Article), article
    assert article.headline.text(article.text) == "Talks resume in Istanbul"
    lines = article.text.split("\n")
    assert lines[1] == STORY and lines[2].startswith("Delegations will meet again.")
    assert article.text.count("Talks resume in Istanbul") == 1


def test_readers_deep_page_keeps_its_paragraphs_and_drops_its_scripts():
    from eventwire.readers import article_from_html

    deep = "<div>" * 400 + (f"<div><p>{STORY}</p><script>var tracker = 1;</script>"
                            f"<div><div><b>Delegations</b> will meet again. {STORY}</div></div></div>") + "</div>" * 400
    html = f"<html><head><title>Talks resume in Istanbul</title></head><body>{deep}</body></html>"
    article = article_from_html(html, "deep", "deep.html")
    assert article.text.split("\n")[1:3] == [STORY, f"Delegations will meet again. {STORY}"]
    assert "tracker" not in article.text


# --- web crawls (WARC, ARC) ---

def _http(status: str, content_type: str | None, body: bytes) -> tuple:
    from warcio.statusandheaders import StatusAndHeaders

    headers = [("Content-Type", content_type)] if content_type else []
    return StatusAndHeaders(status, headers + [("Content-Length", str(len(body)))], protocol="HTTP/1.1"), body


def _crawl(path, records, gzip=True):
    """A crawl file as a crawler writes one (warcio's WARCWriter): records are (type, url, http
    status, Content-Type, body); a crawl date far from any publication date."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "eventwire tests"}))
        for kind, url, status, content_type, body in records:
            dated = {"WARC-Date": "2031-01-02T03:04:05Z"}
            if kind == "request":
                http = StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "example.org")], is_http_request=True)
                record = writer.create_warc_record(url, "request", payload=io.BytesIO(b""), length=0,
                                                   http_headers=http, warc_headers_dict=dated)
            else:
                http, body = _http(status, content_type, body)
                record = writer.create_warc_record(url, kind, payload=io.BytesIO(body), length=len(body),
                                                   http_headers=http, warc_headers_dict=dated)
            writer.write_record(record)
    return path


def _article_page(title: str, published: str | None = None) -> bytes:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    return _page(f"<title>{title}</title>{meta}", f"<h1>{title}</h1>").encode("utf-8")


def _uri_at(path, offset: int) -> str:
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as handle:
        handle.seek(offset)
        return next(iter(ArchiveIterator(handle))).rec_headers.get_header("WARC-Target-URI")


CRAWL = [
    ("response", "https://example.org/talks", "200 OK", "text/html; charset=utf-8",
     _article_page("Talks resume in Istanbul", "2022-03-29")),
    ("request", "https://example.org/talks", None, None, b""),
    ("response", "https://example.org/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)),
    ("response", "https://example.org/site.css", "200 OK", "text/css", b"body { color: black }"),
    ("response", "https://example.org/gone", "404 Not Found", "text/html", _article_page("Page not found")),
    ("response", "https://example.org/robots.txt", "200 OK", "text/plain", b"User-agent: *\nDisallow: /private\n"),
    ("response", "https://example.org/live", "200 OK", "text/html",  # a page its scripts fill in
     b"<html><head><title>Live TV</title></head><body><div id='app'></div><script src='app.js'></script></body></html>"),
    ("response", "https://example.org/ceasefire", "200 OK", "text/html", _article_page("Ceasefire holds in the east")),
    ("response", "https://example.org/wire.txt", "200 OK", "text/plain; charset=utf-8",
     "Kyiv and Moscow agree on a prisoner exchange\nThe exchange was agreed on Tuesday in Istanbul.".encode("utf-8")),
]


def test_readers_warc_pages_become_articles_known_by_their_urls(tmp_path):
    crawl = _crawl(tmp_path / "crawl.warc.gz", CRAWL)
    items = list(read_inputs([str(crawl)]))
    # requests, images, style sheets, errors and robots.txt are not articles, and not failures
    assert [(type(i).__name__, i.id) for i in items] == [
        ("Article", "https://example.org/talks"), ("Failure", "https://example.org/live"),
        ("Article", "https://example.org/ceasefire"), ("Article", "https://example.org/wire.txt")]
    talks, live, ceasefire, wire = items
    assert talks.url == "https://example.org/talks" and talks.headline.text(talks.text) == "Talks resume in Istanbul"
    assert talks.text.count("Talks resume in Istanbul") == 1 and STORY in talks.text
    # the page's own date; the crawl date (2031) is not a publication date
    assert talks.published == date(2022, 3, 29) and ceasefire.published is None
    # the origin finds the record: the file and the byte offset where it begins
    for item in (talks, live, ceasefire, wire):
        path, _, offset = item.origin.rpartition("@")
        assert path == str(crawl) and _uri_at(crawl, int(offset)) == item.id
    assert "https://example.org/live" in live.message and live.origin in live.message
    assert "no article text found" in live.message and "\n" not in live.message
    assert wire.headline.text(wire.text) == "Kyiv and Moscow agree on a prisoner exchange"


def test_readers_warc_page_is_read_in_the_charset_its_server_declares(tmp_path):
    # the server says windows-1252; the page's own <meta> is wrong (Greek), as happens
    page = ('<html><head><meta charset="iso-8859-7"><title>Ministers meet in São Paulo</title></head><body>'
            f"<article><p>The ministers met in São Paulo on Monday and agreed to talk. {STORY}</p></article></body></html>")
    crawl = _crawl(tmp_path / "crawl.warc", [("response", "http://example.com.br/a", "200 OK",
                                               "text/html; charset=windows-1252", page.encode("cp1252"))], gzip=False)
    [article] = list(read_inputs([str(crawl)]))
    assert isinstance(article, Article), article
    assert article.text.startswith("Ministers meet in São Paulo\nThe ministers met in São Paulo")


def test_readers_warc_in_a_directory_is_read_recursively(tmp_path):
    (tmp_path / "2024" / "05").mkdir(parents=True)
    (tmp_path / "notes.txt").write_text("Lavrov said talks would go on.", encoding="utf-8")
    _crawl(tmp_path / "2024" / "05" / "CRAWL-00001.WARC.GZ", CRAWL[:1] + CRAWL[7:8])
    items = list(read_inputs([str(tmp_path)]))
    assert [i.id for i in items] == ["https://example.org/talks", "https://example.org/ceasefire", "notes"]
    assert all(isinstance(i, Article) for i in items)


@pytest.mark.parametrize("name,gzip,into", [
    ("crawl.warc.gz", True, 0.5),  # gzip cut mid-stream
    ("crawl.warc.gz", True, 0.01),  # in the gzip header of the third page's member
    ("crawl.warc", False, 0.5),
    ("crawl.warc", False, 0.02),  # in the third page's WARC headers
])
def test_readers_truncated_warc_gives_its_good_pages_then_a_failure(tmp_path, name, gzip, into):
    pages = [("response", f"https://example.org/{n}", "200 OK", "text/html", _article_page(title))
             for n, title in enumerate(["Talks resume in Istanbul", "Ceasefire holds in the east", "Grain deal extended"])]
    crawl = _crawl(tmp_path / name, pages, gzip=gzip)
    whole = [i.origin for i in read_inputs([str(crawl)])]
    third = int(whole[2].rpartition("@")[2])
    data = crawl.read_bytes()
    crawl.write_bytes(data[:third + int((len(data) - third) * into) + 1])
    items = list(read_inputs([str(crawl)]))
    assert [(type(i).__name__, i.id) for i in items] == [
        ("Article", "https://example.org/0"), ("Article", "https://example.org/1"), ("Failure", name)]
    message = items[2].message
    assert message.startswith(f"{crawl}: cut short or corrupt at byte") and "the 2 pages before it were read" in message
    assert "download the file again" in message and "\n" not in message


def test_readers_warc_is_exempt_from_the_file_size_limit_but_not_its_pages(tmp_path, monkeypatch):
    import eventwire.readers as readers

    small = ("response", "https://example.org/small", "200 OK", "text/html", _article_page("Talks resume"))
    big = ("response", "https://example.org/big", "200 OK", "text/html",
           _article_page("Talks resume") + b"<!-- padding -->" * 1000)
    crawl = _crawl(tmp_path / "crawl.warc", [small, big, small], gzip=False)
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", len(small[4]) + 100)
    assert crawl.stat().st_size > readers.MAX_FILE_BYTES
    items = list(read_inputs([str(crawl)]))
    assert [(type(i).__name__, i.id) for i in items] == [
        ("Article", "https://example.org/small"), ("Failure", "https://example.org/big"), ("Article", "https://example.org/small")]
    assert "https://example.org/big" in items[1].message and "over the limit" in items[1].message


@pytest.mark.parametrize("records,expected", [
    ([], "holds no web page"),  # only its warcinfo record
    ([("response", "https://example.org/logo.png", "200 OK", "image/png", b"\x89PNG")], "holds no web page"),
])
def test_readers_warc_without_pages_says_so(tmp_path, records, expected):
    crawl = _crawl(tmp_path / "crawl.warc.gz", records)
    [item] = list(read_inputs([str(crawl)]))
    assert isinstance(item, Failure) and item.message.startswith(f"{crawl}: {expected}")


@pytest.mark.parametrize("data", [b"", b"not a crawl at all\n\nbut notes\n", bytes(range(256)), b"\x1f\x8b\x08\x00broken gzip"])
def test_readers_file_named_warc_that_is_not_one_fails_alone(tmp_path, data):
    (tmp_path / "notes.warc").write_bytes(data)
    (tmp_path / "z.txt").write_text("Lavrov said talks would go on.", encoding="utf-8")
    failure, article = read_inputs([str(tmp_path)])
    assert isinstance(failure, Failure) and failure.message.startswith(str(tmp_path / "notes.warc") + ":")
    assert "\n" not in failure.message and article.id == "z"


def test_readers_warc_gzipped_whole_says_how_to_recompress_it(tmp_path):
    import gzip

    plain = _crawl(tmp_path / "crawl.warc", CRAWL[:1] + CRAWL[7:8], gzip=False)
    (tmp_path / "crawl.warc.gz").write_bytes(gzip.compress(plain.read_bytes()))
    items = list(read_inputs([str(tmp_path / "crawl.warc.gz")]))
    assert isinstance(items[-1], Failure) and "warcio recompress" in items[-1].message


def test_readers_arc_crawl_pages_become_articles(tmp_path):
    # ARC, the Internet Archive's format before WARC: a file header record, then one a page
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + _article_page("Talks resume in Istanbul")
    about = b"1 0 eventwire tests\nURL IP-address Archive-date Content-type Archive-length\n"
    arc = (f"filedesc://crawl.arc 0.0.0.0 20310102030405 text/plain {len(about)}\n".encode() + about + b"\n"
           + f"https://example.org/talks 93.184.216.34 20310102030405 text/html {len(http)}\n".encode() + http + b"\n")
    (tmp_path / "crawl.arc").write_bytes(arc)
    [article] = list(read_inputs([str(tmp_path / "crawl.arc")]))
    assert isinstance(article, Article) and article.id == "https://example.org/talks"
    assert article.headline.text(article.text) == "Talks resume in Istanbul"
