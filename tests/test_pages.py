"""The HTML pages through an in-process client (no model): every page answers, every fact is
highlighted at exactly its record's offsets, an article's markup is shown as text and never
runs, and a bad id or filter is a friendly page, never a 500. The analyse form, which loads the
model, is the one slow test here; tests/test_pages_browser.py drives the pages in Chromium."""

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from eventwire.shells.api.app import create_app
from eventwire.shells.api.pages.chart import timeline_svg
from eventwire.shells.api.pages.highlight import marks, segments
from eventwire.store import Store
from eventwire.store.aggregate import aggregate
from eventwire.store.corpus import Corpus

TEXT = ("Russia shells Kharkiv as talks stall\n"
        "Russian troops shelled Kharkiv on Friday, Ukrainian officials said. "
        "\"We will not give up,\" President Volodymyr Zelensky told reporters in Kyiv.")
XSS = ("<script>alert(1)</script> Protesters rallied\n"
       "Protesters <img src=x onerror=alert(1)> rallied in Nairobi on Monday. "
       "See <a href=\"javascript:alert(1)\">the video</a>, police said.")


def span(text, words, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return {"start": start, "end": start + len(words), "text": words}


def entity(n, name, type_, country, sectors, text, *forms):
    return {"id": f"e{n}", "name": name, "type": type_, "country": country, "sectors": sectors, "title": None,
            "mentions": [dict(span(text, f), kind="name") for f in forms], "evidence": []}


def event(n, type_, text, trigger, actor, recipient, date, place, actor_span, recipient_span, date_span, place_span):
    sentence = span(text, text.split("\n")[1].split(". ")[0])
    return {
        "id": f"v{n}", "type": type_, "mode": None, "context": [], "negated": False, "hypothetical": False,
        "counted": True, "modality": None, "intended": None, "reciprocal": False,
        "actor": {"entities": ["e1"], "countries": actor, "sectors": ["MIL"], "span": span(text, actor_span)},
        "recipient": {"entities": [], "countries": recipient, "sectors": [], "span": span(text, recipient_span)},
        "trigger": span(text, trigger), "sentence": sentence,
        "evidence": [{"trigger": span(text, trigger), "sentence": sentence}],
        "date": {"value": date, "type": "DATE", "source": "text", "span": span(text, date_span)},
        "intended_date": None,
        "place": {"span": span(text, place_span), "name": place_span, "lat": 1.0, "lon": 2.0, "country": recipient[0],
                  "geonameid": None, "feature": "city"},
        "intensity": -10, "quad": "material conflict", "cameo": "19", "confidence": 0.9,
        "pattern": "assault.shell", "reported_by": None, "quote": None,
    }


def war_record():
    t = TEXT
    return {
        "id": "kharkiv", "schema": "1", "text": t, "published": "2022-03-26",
        "headline": span(t, "Russia shells Kharkiv as talks stall"), "standfirst": None,
        "meta": {"source": "Example Wire", "url": "https://example.org/kharkiv", "title": None},
        "entities": [entity(1, "Russia", "GPE", "RUS", [], t, "Russia", "Russian"),
                     entity(2, "Volodymyr Zelensky", "PERSON", "UKR", ["GOV"], t, "President Volodymyr Zelensky"),
                     entity(3, "Kharkiv", "GPE", "UKR", [], t, "Kharkiv")],
        "actors": [{"span": span(t, "Russian troops"), "country": "RUS", "sectors": ["MIL"], "entity": "e1",
                    "backer": None, "evidence": []},
                   {"span": span(t, "Ukrainian officials"), "country": "UKR", "sectors": ["GOV"], "entity": None,
                    "backer": None, "evidence": []},
                   {"span": span(t, "President Volodymyr Zelensky"), "country": "UKR", "sectors": ["GOV"],
                    "entity": "e2", "backer": None, "evidence": []}],
        "quotes": [{"id": "q1", "kind": "direct", "content": [span(t, "\"We will not give up,\"")],
                    "cue": span(t, "told"), "speaker": span(t, "President Volodymyr Zelensky"),
                    "speaker_entity": "e2", "speaker_actor": {"country": "UKR", "sectors": ["GOV"]},
                    "addressee": None, "via": None, "how": "clause, then cue"}],
        "events": [event(1, "ASSAULT", t, "shelled", ["RUS"], ["UKR"], "2022-03-25", "Kharkiv",
                         "Russian troops", "Kharkiv", "on Friday", "Kharkiv")],
        "timexes": [{"span": span(t, "on Friday"), "type": "DATE", "value": "2022-03-25"}],
        "places": [{"span": span(t, "Kharkiv", 0), "name": "Kharkiv", "lat": 50.0, "lon": 36.2, "country": "UKR",
                    "geonameid": 706483, "feature": "city", "entity": "e3"},
                   {"span": span(t, "Kharkiv", 1), "name": "Kharkiv", "lat": 50.0, "lon": 36.2, "country": "UKR",
                    "geonameid": 706483, "feature": "city", "entity": "e3"},
                   {"span": span(t, "Kyiv"), "name": "Kyiv", "lat": 50.4, "lon": 30.5, "country": "UKR",
                    "geonameid": 703448, "feature": "city", "entity": None}],
        "summary": [span(t, "Russian troops shelled Kharkiv on Friday, Ukrainian officials said.")],
    }


def xss_record():
    t = XSS
    return {
        "id": "xss", "schema": "1", "text": t, "published": "2024-05-06",
        "headline": span(t, "<script>alert(1)</script> Protesters rallied"), "standfirst": None,
        "meta": {"source": "<b>Bad</b> Outlet", "url": "javascript:alert(1)", "title": None},
        "entities": [entity(1, "<img src=x onerror=alert(1)>", "ORG", "KEN", [], t, "<img src=x onerror=alert(1)>")],
        "actors": [{"span": span(t, "Protesters <img src=x onerror=alert(1)>"), "country": "KEN", "sectors": ["OPP"],
                    "entity": "e1", "backer": None, "evidence": []}],
        "quotes": [], "timexes": [], "places": [], "summary": [],
        "events": [event(1, "PROTEST", t, "rallied", ["KEN"], ["KEN"], "2024-05-06", "Nairobi",
                         "Protesters <img src=x onerror=alert(1)>", "Nairobi", "on Monday", "Nairobi")],
    }


def bare_record():
    """A record with only what the store needs, as an older eventwire or benchmarks/corpus.py writes."""
    text = "Ghana accused Togo of closing the border on Tuesday."
    return {"id": "bare", "text": text, "published": "2024-05-07", "meta": {}, "quotes": [],
            "events": [{"id": "v1", "type": "ACCUSE", "actor": {"countries": ["GHA"]},
                        "recipient": {"countries": ["TGO"]}, "trigger": span(text, "accused"),
                        "sentence": span(text, text), "counted": True}]}


@pytest.fixture
def store(tmp_path):
    store = Store.open(str(tmp_path / "pages.db"))
    store.add(war_record(), "kharkiv", "kharkiv.json")
    store.add(xss_record(), "xss", "xss.json")
    store.add(bare_record(), "bare", "bare.json")
    aggregate(store)
    return store


@pytest.fixture
def client(store):
    return TestClient(create_app(store.name))  # the app `eventwire serve` runs, the API beside the pages


def _ids(store):
    corpus = Corpus(store)
    articles = {row["input_id"]: row["article"] for row in corpus.articles()}
    event_id = next(corpus.events(type="ASSAULT"))["id"]
    actor_id = next(corpus.actors(name="Zelensky"))["id"]
    return articles, event_id, actor_id


class Segments(HTMLParser):
    """The highlighted segments of an article page: (start, end, kinds, facts, text)."""

    def __init__(self):
        super().__init__()
        self.found, self._open = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "span" and "seg" in (attrs.get("class") or "").split():
            self._open = [int(attrs["data-start"]), int(attrs["data-end"]), attrs["data-kinds"].split(),
                          attrs["data-facts"].split(), ""]
        elif self._open is not None:
            raise AssertionError(f"an element <{tag}> inside a segment: the text was not escaped")

    def handle_data(self, data):
        if self._open is not None:
            self._open[4] += data

    def handle_endtag(self, tag):
        if tag == "span" and self._open is not None:
            self.found.append(tuple(self._open))
            self._open = None


def _segments(html):
    parser = Segments()
    parser.feed(html)
    return parser.found


def test_pages_each_page_answers(client, store):
    articles, event_id, actor_id = _ids(store)
    story = next(Corpus(store).articles())["story"]
    for path in ["/", "/analyze", f"/articles/{articles['kharkiv']}", "/events", "/events?actor=RUS&type=ASSAULT",
                 f"/events/{event_id}", "/actors", f"/actors/{actor_id}", "/quotes", "/quotes?speaker=Zelensky",
                 "/stories", f"/stories/{story}", "/search?q=Kharkiv", "/search", "/static/pages.css",
                 "/static/pages.js"]:
        response = client.get(path)
        assert response.status_code == 200, path
    page = client.get("/").text
    assert "<strong>3</strong> articles" in page


def test_pages_article_segments_carry_the_record_offsets(client, store):
    articles, _, _ = _ids(store)
    html = client.get(f"/articles/{articles['kharkiv']}").text
    found = _segments(html)
    record = war_record()
    for start, end, _, _, text in found:
        assert text == TEXT[start:end]  # each segment is the text between its offsets
    expected = [(f"a{n}", "actor", a["span"]) for n, a in enumerate(record["actors"])]
    expected += [("q1", "quote", record["quotes"][0]["content"][0]), ("q1", "cue", record["quotes"][0]["cue"]),
                 ("v1", "trigger", record["events"][0]["trigger"]), ("t0", "date", record["timexes"][0]["span"])]
    expected += [(f"p{n}", "place", p["span"]) for n, p in enumerate(record["places"])]
    for role in ("actor", "recipient", "date", "place"):
        expected.append((f"v1:{role}", f"role-{role}", record["events"][0][role]["span"]))
    for fact, kind, want in expected:
        pieces = [s for s in found if fact in s[3] and kind in s[2]]
        assert pieces, (fact, kind)
        assert (pieces[0][0], pieces[-1][1]) == (want["start"], want["end"]), (fact, kind)
        assert "".join(p[4] for p in pieces) == want["text"], (fact, kind)
    # the whole text is there, in order, once
    plain = re.sub(r"<[^>]+>", "", html.split('id="article-text"')[1].split("</div>")[0].split(">", 1)[1])
    import html as html_module
    assert html_module.unescape(plain) == TEXT


def test_pages_a_record_missing_optional_fields_still_shows(client, store):
    articles, _, _ = _ids(store)
    html = client.get(f"/articles/{articles['bare']}").text
    assert 'data-facts="v1"' in html and "ACCUSE" in html


def test_pages_article_shows_the_brief_the_coded_fields_and_the_pattern(client, store):
    articles, _, actor_id = _ids(store)
    html = client.get(f"/articles/{articles['kharkiv']}").text
    assert "Brief" in html and "Russian troops shelled Kharkiv on Friday" in html
    assert 'id="detail-v1"' in html and "assault.shell" in html and "2022-03-25" in html
    assert 'id="detail-q1"' in html and f'href="/actors/{actor_id}"' in html
    assert 'href="https://example.org/kharkiv"' in html
    _, event_id, _ = _ids(store)
    assert f'href="/events/{event_id}"' in html  # from the event to every outlet that reported it
    actor_page = client.get(f"/actors/{actor_id}").text
    assert f'href="/articles/{articles["kharkiv"]}"' in actor_page  # the articles naming the actor


@pytest.mark.parametrize("path", ["/articles/{xss}", "/events", "/events/{event}", "/search?q=protesters",
                                  "/actors", "/quotes", "/stories"])
def test_pages_an_article_s_markup_is_shown_inert(client, store, path):
    articles, _, _ = _ids(store)
    event_id = next(Corpus(store).events(type="PROTEST"))["id"]
    html = client.get(path.format(xss=articles["xss"], event=event_id)).text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert 'href="javascript:' not in html and "<b>Bad</b>" not in html
    if path.startswith("/articles"):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html
        assert "javascript:alert(1)" in html  # shown as the words of the text, not as a link
        for start, end, _, _, text in _segments(html):
            assert text == XSS[start:end]
    response = client.get(path.format(xss=articles["xss"], event=event_id))
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_pages_a_merged_away_event_id_redirects(client, store):
    _, event_id, _ = _ids(store)
    from eventwire.store import schema
    with store._begin() as conn:
        conn.execute(schema.event_aliases.insert().values(old_id="ev-merged000000", event_id=event_id))
    response = client.get("/events/ev-merged000000", follow_redirects=False)
    assert response.status_code == 301 and response.headers["location"] == f"/events/{event_id}"


@pytest.mark.parametrize("path, status, words", [
    ("/articles/999", 404, "There is no article 999"),
    ("/articles/abc", 404, "Article ids are numbers"),
    ("/events/ev-nothing", 404, "There is no event ev-nothing"),
    ("/actors/nobody", 404, "There is no actor nobody"),
    ("/stories/st-none", 404, "There is no story st-none"),
    ("/events?type=BOMB", 400, "is not a PLOVER event type"),
    ("/events?since=yesterday", 400, "is not a date"),
    ("/events?min_sources=many", 400, "is not a whole number"),
    ("/events?offset=-1", 400, "is not a whole number"),
    ("/events?colour=red", 400, "no filter is called colour"),
    ("/events?actor=RUS'%3B%20DROP%20TABLE%20events%3B--", 200, "No event matches"),
    ("/search?q=%22", 200, "Search the articles"),
    ("/search?q=Kharkiv%00", 200, "1 article"),
    ("/no/such/page", 404, "There is no page at /no/such/page"),
])
def test_pages_a_bad_id_or_filter_is_a_friendly_page(client, path, status, words):
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert words in response.text and "Traceback" not in response.text


def test_pages_events_filter_and_csv(client):
    html = client.get("/events?actor=RUS").text
    assert 'data-type="ASSAULT"' in html and 'data-type="PROTEST"' not in html
    link = re.search(r'<a href="([^"]+)" download>', html).group(1).replace("&amp;", "&")
    assert link == "/api/events?format=csv&actor=RUS"  # the same filters, every row, from the API
    lines = client.get(link).text.strip().splitlines()
    assert lines[0].startswith("id,type,mode") and len(lines) == 2 and ",ASSAULT," in lines[1]


def test_pages_events_table_pages_through_the_rows(client):
    everything = re.findall(r'<tr data-event="([^"]+)"', client.get("/events?negated=1&hypothetical=1").text)
    assert len(everything) == 3
    first = client.get("/events?negated=1&hypothetical=1&limit=2").text
    assert re.findall(r'<tr data-event="([^"]+)"', first) == everything[:2] and "events 1 to 2" in first
    following = re.search(r'<a href="([^"]+)" rel="next">', first).group(1).replace("&amp;", "&")
    assert following == "/events?negated=1&hypothetical=1&limit=2&offset=2"
    second = client.get(following).text
    assert re.findall(r'<tr data-event="([^"]+)"', second) == everything[2:] and 'rel="next"' not in second
    assert 'rel="prev"' in second and "offset" not in re.search(r'<a href="([^"]+)" download>', second).group(1)


def test_pages_actor_has_its_timeline_chart(client, store):
    _, _, _ = _ids(store)
    russia = next(Corpus(store).actors(name="Russia"))["id"]
    html = client.get(f"/actors/{russia}").text
    assert '<svg class="timeline"' in html and 'data-type="ASSAULT"' in html and "2022-W12" in html
    assert "No dated event with Russia as recipient." in html  # its second chart: events done to it
    kharkiv = client.get(f"/actors/{next(Corpus(store).actors(name='Kharkiv'))['id']}").text
    assert kharkiv.count('<svg class="timeline"') == 1 and 'aria-labelledby="to-actor-title"' in kharkiv


def test_pages_timeline_chart_draws_axes_bars_and_gaps():
    rows = [{"week": "2022-W09", "type": "ASSAULT", "events": 3, "mentions": 4},
            {"week": "2022-W09", "type": "ACCUSE", "events": 1, "mentions": 1},
            {"week": "2022-W12", "type": "<script>", "events": 2, "mentions": 2}]
    svg = str(timeline_svg(rows, "Russia & co"))
    assert svg.count('class="bar"') == 3 and svg.count("<line") >= 4  # bars, axes and grid lines
    assert "2022-W10" in svg or "2022-W11" in svg or svg.count('class="tick"') >= 3  # the empty weeks kept
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "Russia &amp; co" in svg
    assert timeline_svg([], "none") == ""


def test_pages_segments_nest_overlapping_spans():
    text = "President Volodymyr Zelensky said"
    record = {"text": text, "actors": [{"span": span(text, "President Volodymyr Zelensky")}],
              "quotes": [{"id": "q1", "content": [], "cue": span(text, "said"), "speaker": span(text, "Volodymyr Zelensky")}]}
    pieces = segments(text, marks(record))
    assert [(p.text, p.kinds) for p in pieces] == [("President ", ["actor"]), ("Volodymyr Zelensky", ["actor", "speaker"]),
                                                  (" ", []), ("said", ["cue"])]


@pytest.mark.slow
def test_pages_analyze_form_shows_the_analysis(client):
    text = "Russian forces shelled Kharkiv on Friday, Ukrainian officials said."
    response = client.post("/analyze", data={"text": text, "published": "2022-03-28"})
    assert response.status_code == 200 and 'class="seg"' in response.text and "analysed now, not stored" in response.text
    refused = client.post("/analyze", data={"text": "  "})
    assert refused.status_code == 400 and "nothing to analyse" in refused.text
    bad_date = client.post("/analyze", data={"text": text, "published": "Friday"})
    assert bad_date.status_code == 400 and "is not a date" in bad_date.text


@pytest.mark.slow
def test_pages_analyze_an_uploaded_html_file_shows_its_text_inert(client):
    page = ("<html><head><title>Police fire tear gas in Nairobi</title></head><body><article>"
            "<h1>Police fire tear gas in Nairobi</h1><p>Kenyan police fired tear gas at protesters in Nairobi on "
            "Monday, witnesses said. &lt;script&gt;alert(1)&lt;/script&gt; The protesters said they would march "
            "again.</p><script>alert(2)</script></article></body></html>")
    response = client.post("/analyze", files={"file": ("nairobi.html", page.encode(), "text/html")},
                           data={"published": "2024-06-18"})
    assert response.status_code == 200 and 'class="seg"' in response.text
    assert "tear gas" in response.text and "alert(2)" not in response.text  # the page's own script is not text
    assert "<script>alert" not in response.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    text_file = client.post("/analyze", files={"file": ("note.txt", b"Kenyan police arrested ten protesters.", "text/plain")})
    assert text_file.status_code == 200 and "arrested" in text_file.text


def test_pages_an_unknown_api_address_stays_the_api_s_json_404(client):
    for method in ("get", "post"):
        response = getattr(client, method)("/api/nothing")
        assert response.status_code == 404 and response.json()["error"]["status"] == 404
    assert client.delete("/api/events").status_code == 405


def test_pages_every_page_is_in_the_docs():
    from pathlib import Path

    from eventwire.shells.api.pages import articles, browse, people

    docs = (Path(__file__).resolve().parent.parent / "docs" / "pages.md").read_text(encoding="utf-8")
    paths = {re.sub(r"\{\w+_id\}", "{id}", route.path)  # the docs write /articles/{id}
             for module in (articles, browse, people) for route in module.router.routes}
    missing = sorted(path for path in paths if f"`{path}`" not in docs and f"`{path}," not in docs
                     and f", {path}`" not in docs and f"`{path}?" not in docs)
    assert not missing, f"pages missing from docs/pages.md: {missing}"


def test_pages_link_to_the_same_row_as_json(client, store):
    articles, event_id, actor_id = _ids(store)
    story = next(Corpus(store).articles())["story"]
    for page, api in ((f"/articles/{articles['kharkiv']}", f"/api/articles/{articles['kharkiv']}"),
                      (f"/events/{event_id}", f"/api/events/{event_id}"), (f"/actors/{actor_id}", f"/api/actors/{actor_id}"),
                      (f"/stories/{story}", f"/api/stories/{story}")):
        assert f'href="{api}"' in client.get(page).text, page
        assert client.get(api).status_code == 200, api
