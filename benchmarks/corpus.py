"""The corpus store at scale: ingest, size, aggregation, queries and exports on a synthetic
corpus of 100,000 aggregated events, in one run.

    .venv/bin/python benchmarks/corpus.py [--events 100000] [--db PATH|postgresql://...] [--rebuild]

The corpus (no spaCy, no model): analysed records made up the way `eventwire analyze` writes
them, with a fixed random seed, so every run builds the same store. There are happenings
(a type, a mode, actor and recipient countries and a named actor, a day over three years, a
city or none, asserted, negated or hypothetical, sometimes a quotation of the actor), each
reported by 1-5 articles (half by one) published that day or the next two; an article is
2-8 of one day's happenings, each written in its own words (its own sentence, words drawn
from a vocabulary of 6,000 made-up words), between sentences of other words and above its
outlet's boilerplate footer. Three of the 30 outlets are wire agencies: a third of their
articles are run again by 1-4 other outlets under their own headline and footer (one story,
and mentions the events count once as n_independent). Aggregation then merges the reports of
a happening, and also happenings of one type, mode, dyad and status a day or two apart (as it
would in real news): the number of happenings is set so that the events table holds at
least --events rows. 60 countries, weighted, with Russia and Ukraine weighed heavily so that
the dyad query below returns a realistic few dozen rows.

The records go in one by one through Store.add, the path `eventwire ingest` takes (each its
own transaction, with its search-index row and MinHash signature), then store/aggregate.py
rebuilds stories, events, quotes and actors once. The store is kept (default
/tmp/eventwire-bench-corpus.db, with a .json beside it saying how it was built), so a rerun
skips building; --rebuild builds it again.

What it prints, and how to read it
  corpus        what the store holds: articles, mentions, events, stories, quotes, actors
  build         seconds of Store.add per 1,000 articles (cached: from the run that built it)
                and of the first aggregation
  size          the store on disk per 1,000 articles, and the tables that take the room
  aggregation   aggregate(store) on the whole store again, then the same work step by step
                (stories, events, quotes, actors, commit) to see where the time goes
  queries       Corpus calls as `eventwire events|actors|quotes|stories|timeline` make them,
                each run --runs times: median and slowest in ms, and the rows returned;
                the first is the dyad + type + month query (goal: median under 50 ms)
  plan          the database's plan for that query (SQLite: EXPLAIN QUERY PLAN; PostgreSQL:
                EXPLAIN ANALYZE)
  exports       every event and every mention as Parquet, through the CLI in-process
                (`eventwire export events --format parquet --out F`) and by calling
                write_parquet on the Corpus rows directly (goal: events under 5 s)
  goals         each goal, met or not

On PostgreSQL (--db postgresql://...; tools/postgres start DIR prints a URL for a throwaway
server) the same run goes against that database; the build record is kept in /tmp.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import statistics
import sys
import tempfile
import time
import tomllib
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from random import Random

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sqlalchemy import event as sa_event  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from eventwire.store import Store, schema  # noqa: E402
from eventwire.store.aggregate import aggregate  # noqa: E402
from eventwire.store.corpus import EVENT_COLUMNS, Corpus  # noqa: E402

GENERATOR_VERSION = 1  # bump when the generator changes: a cached store of another version is rebuilt
SEED = 20240506
DEFAULT_DB = "/tmp/eventwire-bench-corpus.db"
START = date(2022, 1, 1)
DAYS = 3 * 365
# happenings made per aggregated event wanted: aggregation merges same-key happenings a day or
# two apart (measured: 100,000 wanted gives about 101,000 with this factor)
HAPPENINGS_PER_EVENT = 1.12

GOAL_DYAD_MS = 50
GOAL_EXPORT_S = 5

COUNTRIES = (  # code, name; weighted by position (the first are in the news most)
    ("RUS", "Russia"), ("UKR", "Ukraine"), ("USA", "United States"), ("CHN", "China"), ("ISR", "Israel"),
    ("PSE", "Palestine"), ("IRN", "Iran"), ("SYR", "Syria"), ("TUR", "Turkey"), ("GBR", "Britain"),
    ("FRA", "France"), ("DEU", "Germany"), ("POL", "Poland"), ("BLR", "Belarus"), ("IND", "India"),
    ("PAK", "Pakistan"), ("AFG", "Afghanistan"), ("IRQ", "Iraq"), ("SAU", "Saudi Arabia"), ("YEM", "Yemen"),
    ("EGY", "Egypt"), ("LBY", "Libya"), ("SDN", "Sudan"), ("SSD", "South Sudan"), ("ETH", "Ethiopia"),
    ("SOM", "Somalia"), ("KEN", "Kenya"), ("UGA", "Uganda"), ("COD", "Congo"), ("RWA", "Rwanda"),
    ("NGA", "Nigeria"), ("MLI", "Mali"), ("BFA", "Burkina Faso"), ("NER", "Niger"), ("CMR", "Cameroon"),
    ("ZAF", "South Africa"), ("ZWE", "Zimbabwe"), ("MOZ", "Mozambique"), ("BRA", "Brazil"), ("ARG", "Argentina"),
    ("COL", "Colombia"), ("VEN", "Venezuela"), ("MEX", "Mexico"), ("HTI", "Haiti"), ("PER", "Peru"),
    ("CHL", "Chile"), ("JPN", "Japan"), ("KOR", "South Korea"), ("PRK", "North Korea"), ("TWN", "Taiwan"),
    ("PHL", "Philippines"), ("MMR", "Myanmar"), ("THA", "Thailand"), ("IDN", "Indonesia"), ("BGD", "Bangladesh"),
    ("LKA", "Sri Lanka"), ("NPL", "Nepal"), ("GEO", "Georgia"), ("ARM", "Armenia"), ("AZE", "Azerbaijan"),
)
WIRES = ("AP", "Reuters", "AFP")
OUTLETS = WIRES + (
    "Daily Ledger", "Morning Courier", "The Globe Review", "Evening Standard Post", "Capital Herald",
    "Northern Observer", "Coastal Times", "Frontier Press", "The Continental", "World Desk",
    "Metro Tribune", "Harbour Gazette", "Valley Sentinel", "Independent Monitor", "Eastern Dispatch",
    "Western Telegraph", "Union Chronicle", "Citizen Daily", "National Record", "The Bulletin",
    "Pacific Mail", "Atlantic Wire Digest", "Highland News", "Delta Voice", "Summit Journal",
    "Crossroads Weekly", "Plains Reporter",
)
TYPE_WEIGHTS = {"CONSULT": 15, "ASSAULT": 14, "ACCUSE": 9, "COERCE": 9, "AGREE": 7, "SUPPORT": 7,
                "COOPERATE": 6, "PROTEST": 6, "REQUEST": 6, "REJECT": 5, "THREATEN": 5, "AID": 4,
                "MOBILIZE": 3, "SANCTION": 3, "RETREAT": 2, "CONCEDE": 2}
VERBS = {"AGREE": ("agreed", "pledged", "promised"), "CONSULT": ("met", "hosted", "called", "visited"),
         "SUPPORT": ("backed", "praised", "endorsed"), "CONCEDE": ("conceded", "yielded", "relented"),
         "COOPERATE": ("cooperated", "partnered", "allied"), "AID": ("aided", "supplied", "sent"),
         "RETREAT": ("withdrew", "released", "retreated"), "REQUEST": ("urged", "asked", "appealed"),
         "ACCUSE": ("accused", "blamed", "condemned"), "REJECT": ("rejected", "refused", "dismissed"),
         "THREATEN": ("threatened", "warned", "menaced"), "PROTEST": ("protested", "marched", "rallied"),
         "SANCTION": ("sanctioned", "expelled", "suspended"), "MOBILIZE": ("mobilized", "deployed", "massed"),
         "COERCE": ("arrested", "detained", "seized"), "ASSAULT": ("shelled", "attacked", "bombed", "struck")}
SECTORS = ("GOV", "MIL", "COP", "REB", "OPP", "CVL", "JRN", "BUS")
ORG_KINDS = (("Armed Forces", "MIL"), ("Interior Ministry", "GOV"), ("Foreign Ministry", "GOV"),
             ("National Police", "COP"), ("Opposition Alliance", "OPP"), ("Liberation Front", "REB"),
             ("Chamber of Commerce", "BUS"), ("Journalists Union", "JRN"))
TITLES = ("President", "Prime Minister", "Foreign Minister", "Defence Minister", "General", "Governor",
          "Spokesperson", "Opposition Leader")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SYLLABLES = ("ka", "lo", "mi", "ra", "ten", "vo", "shi", "du", "pel", "an", "ost", "ri", "gu", "na", "bel",
             "ze", "tor", "qua", "lim", "es", "ho", "dri", "sun", "ja", "ver", "ul", "fa", "mon", "ti", "cre")


# ---- the synthetic corpus ------------------------------------------------------------------

class World:
    """The things articles are about: words, countries' people and organisations, cities, types."""

    def __init__(self, rng: Random):
        self.rng = rng
        self.vocabulary = self._words(6000, 2, 4)
        self.country_weights = [1 / (i + 1) ** 0.9 for i in range(len(COUNTRIES))]
        self.type_modes = _type_modes()
        self.types = list(self.type_modes)
        self.type_weights = [TYPE_WEIGHTS.get(t, 3) for t in self.types]
        self.cities = {code: [w.capitalize() for w in self._words(6, 2, 3)] for code, _ in COUNTRIES}
        self.coords = {code: (rng.uniform(-40, 60), rng.uniform(-100, 140)) for code, _ in COUNTRIES}
        self.entities = {}  # code -> [entity dicts without mentions]
        surnames = [w.capitalize() for w in self._words(len(COUNTRIES) * 30, 2, 4)]
        given = [w.capitalize() for w in self._words(400, 2, 3)]
        for n, (code, name) in enumerate(COUNTRIES):
            people = [{"name": f"{rng.choice(given)} {surnames[n * 30 + i]}", "type": "PERSON", "country": code,
                       "sectors": [rng.choice(("GOV", "GOV", "MIL", "OPP", "CVL"))], "title": rng.choice(TITLES)}
                      for i in range(30)]
            orgs = [{"name": f"{name} {kind}", "type": "ORG", "country": code, "sectors": [sector], "title": None}
                    for kind, sector in ORG_KINDS]
            self.entities[code] = people + orgs
        self.footers = {outlet: self._footer(outlet) for outlet in OUTLETS}

    def _words(self, n: int, low: int, high: int) -> list[str]:
        found: dict[str, None] = {}
        while len(found) < n:
            found["".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(low, high)))] = None
        return list(found)

    def _footer(self, outlet: str) -> str:
        return (f"Copyright {outlet}. All rights reserved. This material may not be published, broadcast, "
                f"rewritten or redistributed. Follow {outlet} for more news.")

    def country(self) -> str:
        return self.rng.choices(COUNTRIES, self.country_weights)[0][0]

    def words(self, low: int, high: int) -> str:
        return " ".join(self.rng.choices(self.vocabulary, k=self.rng.randint(low, high)))


def _type_modes() -> dict[str, list[str]]:
    data = tomllib.loads((ROOT / "src" / "eventwire" / "data" / "event_types.toml").read_text(encoding="utf-8"))
    return {name: list((table.get("modes") or {})) for name, table in data.items()}


def happenings(world: World, n: int) -> list[dict]:
    """n things that happened, each with how many articles report it."""
    rng = world.rng
    made = []
    for i in range(n):
        roll = rng.random()
        if roll < 0.05:  # the war: Russia against Ukraine, mostly attacks
            actor, recipient = ["RUS"], ["UKR"]
            type_ = rng.choices(("ASSAULT", "COERCE", "THREATEN", "ACCUSE", "MOBILIZE"), (6, 1, 1, 1, 1))[0]
        elif roll < 0.07:
            actor, recipient = ["UKR"], ["RUS"]
            type_ = rng.choices(world.types, world.type_weights)[0]
        else:
            actor = [world.country()]
            recipient = actor[:] if rng.random() < 0.3 else [world.country()]
            type_ = rng.choices(world.types, world.type_weights)[0]
        if rng.random() < 0.03:  # two countries acting together
            actor = actor + [c for c in [world.country()] if c not in actor]
        modes = world.type_modes[type_]
        mode = rng.choice(modes) if modes and rng.random() < 0.6 else None
        roll = rng.random()
        status = "asserted" if roll < 0.88 else "negated" if roll < 0.95 else "hypothetical"
        where = recipient[0] if rng.random() < 0.7 else actor[0]
        place = (rng.choice(world.cities[where]), where) if rng.random() < 0.7 else None
        actor_entity = rng.choice(world.entities[actor[0]])
        recipient_entity = rng.choice(world.entities[recipient[0]]) if rng.random() < 0.5 else None
        quote = world.words(8, 18) if actor_entity["type"] == "PERSON" and rng.random() < 0.3 else None
        made.append({
            "n": i, "day": rng.randrange(DAYS), "type": type_, "mode": mode, "actor": actor, "recipient": recipient,
            "status": status, "place": place, "actor_entity": actor_entity, "recipient_entity": recipient_entity,
            "quote": quote, "reports": rng.choices((1, 2, 3, 4, 5), (50, 25, 12, 8, 5))[0],
        })
    return made


class Body:
    """An article's text as it is written, with every span kept in the text's own offsets."""

    def __init__(self):
        self.parts: list[str] = []
        self.length = 0

    def add(self, text: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start, self.length

    def text(self) -> str:
        return "".join(self.parts)


def write_body(world: World, reported: list[dict], published: int) -> dict:
    """The body of an article reporting these happenings, with its extractions (spans in the body)."""
    rng = world.rng
    body = Body()
    entities: dict[str, dict] = {}  # name -> entity with its mentions
    events, quotes, places, timexes = [], [], [], []
    body.add(world.words(10, 25).capitalize() + ". ")
    for h in reported:
        day = START + timedelta(days=h["day"])
        sentence_start = body.length
        entity = h["actor_entity"]
        actor_span = body.add(entity["name"])
        _mention(entities, entity, actor_span)
        body.add({"asserted": " ", "negated": " denied it had ", "hypothetical": " may soon have "}[h["status"]])
        trigger = body.add(rng.choice(VERBS.get(h["type"], ("acted",))))
        body.add(" ")
        if h["recipient_entity"] is not None:
            recipient_span = body.add(h["recipient_entity"]["name"])
            _mention(entities, h["recipient_entity"], recipient_span)
        else:
            recipient_span = body.add(dict(COUNTRIES)[h["recipient"][0]])
        place = None
        if h["place"]:
            body.add(" in ")
            span = body.add(h["place"][0])
            lat, lon = world.coords[h["place"][1]]
            place = {"name": h["place"][0], "country": h["place"][1], "feature": "city", "lat": lat, "lon": lon,
                     "geonameid": None, "span": span}
            places.append(place)
        if rng.random() < 0.9 or published - h["day"] > 6:  # dated in the text, else by publication
            body.add(" on ")
            span = body.add(WEEKDAYS[day.weekday()])
            timexes.append({"type": "DATE", "value": day.isoformat(), "span": span})
            when = {"value": day.isoformat(), "type": "DATE", "source": "text", "span": span}
        else:
            when = {"value": (START + timedelta(days=published)).isoformat(), "type": "DATE", "source": "published",
                    "span": None}
        body.add(", " + world.words(3, 9) + ".")
        sentence = (sentence_start, body.length)
        events.append({
            "type": h["type"], "mode": h["mode"], "counted": h["status"] == "asserted",
            "negated": h["status"] == "negated", "hypothetical": h["status"] == "hypothetical",
            "modality": "possible" if h["status"] == "hypothetical" else None,
            "actor": {"entities": [entities[entity["name"]]["id"]], "countries": h["actor"],
                      "sectors": entity["sectors"], "span": actor_span},
            "recipient": {"entities": [entities[h["recipient_entity"]["name"]]["id"]] if h["recipient_entity"] else [],
                          "countries": h["recipient"],
                          "sectors": h["recipient_entity"]["sectors"] if h["recipient_entity"] else [],
                          "span": recipient_span},
            "trigger": trigger, "sentence": sentence, "date": when, "place": place,
            "pattern": f"bench-{h['type'].lower()}",
        })
        if h["quote"]:
            body.add(' "')
            content = body.add(h["quote"].capitalize() + ",")
            body.add('" ')
            speaker = body.add(entity["name"])
            _mention(entities, entity, speaker)
            body.add(" ")
            cue = body.add("said")
            body.add(".")
            quotes.append({"kind": "direct", "content": [content], "cue": cue, "speaker": speaker,
                           "speaker_entity": entities[entity["name"]]["id"], "how": "clause, then cue"})
        for _ in range(rng.randint(2, 6)):
            body.add(" " + world.words(10, 22).capitalize() + ".")
        body.add("\n\n")
    return {"text": body.text(), "entities": list(entities.values()), "events": events, "quotes": quotes,
            "places": places, "timexes": timexes}


def _mention(entities: dict[str, dict], entity: dict, span: tuple[int, int]) -> None:
    known = entities.setdefault(entity["name"], {**entity, "id": f"e{len(entities) + 1}", "mentions": []})
    known["mentions"].append({"span": span, "kind": "name"})


def record(body: dict, n: int, outlet: str, published: int, title: str, header: str, footer: str) -> dict:
    """The analysed record of an article: header + body + footer, every span moved by the header."""
    text = header + body["text"] + footer
    shift = len(header)

    def span(where):
        if where is None:
            return None
        start, end = where[0] + shift, where[1] + shift
        return {"start": start, "end": end, "text": text[start:end]}

    entities = [{"id": e["id"], "name": e["name"], "type": e["type"], "country": e["country"],
                 "sectors": e["sectors"], "title": e["title"],
                 "mentions": [{**span(m["span"]), "kind": m["kind"]} for m in e["mentions"]],
                 "evidence": [{"field": "country", "source": "bench/actors.tsv:1"}]} for e in body["entities"]]
    events = []
    for i, e in enumerate(body["events"], 1):
        events.append({
            **e, "id": f"v{i}",
            "actor": {**e["actor"], "span": span(e["actor"]["span"])},
            "recipient": {**e["recipient"], "span": span(e["recipient"]["span"])},
            "trigger": span(e["trigger"]), "sentence": span(e["sentence"]),
            "date": {**e["date"], "span": span(e["date"]["span"])},
            "place": {**e["place"], "span": span(e["place"]["span"])} if e["place"] else None,
        })
    quotes = [{**q, "id": f"q{i}", "content": [span(c) for c in q["content"]], "cue": span(q["cue"]),
               "speaker": span(q["speaker"])} for i, q in enumerate(body["quotes"], 1)]
    places = [{**p, "span": span(p["span"])} for p in body["places"]]
    timexes = [{**t, "span": span(t["span"])} for t in body["timexes"]]
    day = (START + timedelta(days=published)).isoformat()
    slug = outlet.lower().replace(" ", "-")
    return {"id": f"a{n}", "schema": "1", "text": text, "published": day,
            "meta": {"source": outlet, "title": title, "url": f"https://{slug}.example/{day}/{n}",
                     "published_from": "input"},
            "entities": entities, "quotes": quotes, "events": events, "places": places, "timexes": timexes}


def articles(n_happenings: int):
    """Every synthetic article's record, in publication order (deterministic)."""
    rng = Random(SEED)
    world = World(rng)
    by_day: list[list[dict]] = [[] for _ in range(DAYS)]
    for h in happenings(world, n_happenings):
        for _ in range(h["reports"]):
            by_day[min(DAYS - 1, h["day"] + rng.choice((0, 0, 0, 1, 1, 2)))].append(h)
    outlet_weights = [3 if outlet in WIRES else 1 for outlet in OUTLETS]
    others = [outlet for outlet in OUTLETS if outlet not in WIRES]
    n = 0
    for day, reported in enumerate(by_day):
        rng.shuffle(reported)
        at = 0
        while at < len(reported):
            size = rng.randint(2, 8)
            chunk = list({h["n"]: h for h in reported[at:at + size]}.values())  # a happening once per article
            at += size
            outlet = rng.choices(OUTLETS, outlet_weights)[0]
            body = write_body(world, chunk, day)
            title = world.words(5, 10).capitalize()
            n += 1
            yield record(body, n, outlet, day, title, title + "\n\n", world.footers[outlet])
            if outlet in WIRES and rng.random() < 1 / 3:  # run again by other outlets
                for copier in rng.sample(others, rng.randint(1, 4)):
                    own = world.words(5, 10).capitalize()
                    header = f"{own}\n\nUpdated {rng.randint(0, 23):02d}:{rng.randrange(0, 60, 5):02d} GMT. "
                    n += 1
                    yield record(body, n, copier, min(DAYS - 1, day + rng.choice((0, 0, 1))), own, header,
                                 f"({outlet}) " + world.footers[copier])


# ---- building (or reusing) the store -------------------------------------------------------

def build_info_path(where: str) -> Path:
    if "://" not in where:
        return Path(where + ".json")
    return Path(tempfile.gettempdir()) / f"eventwire-bench-pg-{hashlib.sha1(where.encode()).hexdigest()[:10]}.json"


def wanted(args) -> dict:
    return {"generator": GENERATOR_VERSION, "seed": SEED, "events": args.events,
            "happenings": round(args.events * HAPPENINGS_PER_EVENT)}


def prepare(args) -> tuple[Store, dict]:
    """The store to measure: the cached one when it was built with these settings, else a new one."""
    info_path = build_info_path(args.db)
    info = json.loads(info_path.read_text()) if info_path.exists() else None
    if info and info.get("settings") == wanted(args) and not args.rebuild:
        store = Store.open(args.db, create=False)
        with store.connect() as conn:
            if conn.execute(select(func.count()).select_from(schema.articles)).scalar_one() == info["articles"]:
                info["cached"] = True
                return store, info
    clear(args.db, info is not None)
    store = Store.open(args.db)
    info = {"settings": wanted(args), "built": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "path": "Store.add, one transaction per article (as `eventwire ingest`)", "cached": False}
    started = time.perf_counter()
    count, adding = 0, 0.0
    for count, rec in enumerate(articles(info["settings"]["happenings"]), 1):
        before = time.perf_counter()
        store.add(rec, input_id=rec["id"], origin=f"bench:{rec['id']}")
        adding += time.perf_counter() - before
        if count % 5000 == 0:
            elapsed = time.perf_counter() - started
            print(f"  ... {count:,} articles stored, {elapsed:.0f} s", file=sys.stderr, flush=True)
    info["articles"] = count
    info["build_seconds"] = time.perf_counter() - started
    info["add_seconds"] = adding  # the build without making up the records
    started = time.perf_counter()
    info["first_aggregation"] = aggregate(store)
    info["first_aggregation_seconds"] = time.perf_counter() - started
    if store.engine.dialect.name == "sqlite":
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    info_path.write_text(json.dumps(info, indent=2))
    return store, info


def clear(where: str, ours: bool) -> None:
    """Remove the store at `where` before building it again: only one this benchmark built."""
    if "://" not in where:
        path = Path(where)
        if path.exists() and not ours:
            sys.exit(f"{where} exists and was not built by this benchmark (no {where}.json): give another --db")
        for suffix in ("", "-wal", "-shm"):
            Path(where + suffix).unlink(missing_ok=True)
        return
    from sqlalchemy import create_engine, inspect

    engine = create_engine(where)
    tables = set(inspect(engine).get_table_names())
    if tables and (schema.meta.name not in tables or not ours):
        sys.exit(f"{where} holds tables this benchmark did not build: give an empty database")
    if tables:  # drop eventwire's own tables, nothing else
        schema.metadata.drop_all(engine)
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    engine.dispose()


# ---- measuring -----------------------------------------------------------------------------

def timed(call, runs: int) -> tuple[list[float], object]:
    """Milliseconds of each of `runs` calls, and what the last returned."""
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - started) * 1000)
    return times, result


def counts(store: Store) -> dict[str, int]:
    tables = {"articles": schema.articles, "event mentions": schema.event_mentions, "events": schema.events,
              "quote mentions": schema.quote_mentions, "quotes": schema.quotes,
              "actor mentions": schema.actor_mentions, "actors": schema.actors}
    with store.connect() as conn:
        found = {name: conn.execute(select(func.count()).select_from(t)).scalar_one() for name, t in tables.items()}
        found["asserted events"] = conn.execute(select(func.count()).select_from(schema.events)
                                                .where(schema.events.c.status == "asserted")).scalar_one()
        found["stories of 2+ articles"] = conn.execute(select(func.count()).select_from(schema.stories)
                                                       .where(schema.stories.c.n_articles >= 2)).scalar_one()
        found["articles in them"] = conn.execute(select(func.coalesce(func.sum(schema.stories.c.n_articles), 0))
                                                 .where(schema.stories.c.n_articles >= 2)).scalar_one()
    return found


def sizes(store: Store) -> tuple[int, list[tuple[str, int]]]:
    """The store's bytes on disk and its largest tables (with their indexes)."""
    with store.connect() as conn:
        if store.engine.dialect.name == "sqlite":
            path = Path(store.engine.url.database)
            total = sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
            try:
                rows = conn.exec_driver_sql(
                    "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").all()
            except Exception:  # an SQLite built without the dbstat table
                return total, []
            # an index or the search index's shadow tables belong to their table
            owner = {r[0]: r[1] for r in conn.exec_driver_sql(
                "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'").all()}
            grouped: dict[str, int] = {}
            for name, size in rows:
                name = owner.get(name, name)
                name = "articles_fts (search)" if name.startswith("articles_fts") else name
                grouped[name] = grouped.get(name, 0) + size
            return total, sorted(grouped.items(), key=lambda kv: -kv[1])
        total = conn.exec_driver_sql("SELECT pg_database_size(current_database())").scalar_one()
        rows = conn.exec_driver_sql(
            "SELECT relname, pg_total_relation_size(oid) FROM pg_class WHERE relkind = 'r' "
            "AND relnamespace = 'public'::regnamespace ORDER BY 2 DESC").all()
        return total, [(name, size) for name, size in rows]


def aggregation_steps(store: Store) -> list[tuple[str, float]] | str:
    """aggregate(store)'s work step by step, in one transaction as it does it: seconds of each."""
    try:
        from eventwire.store import aggregate as events_module
        from eventwire.store import near_duplicates, quote_actor_groups, story_groups

        steps = []
        with store._begin() as conn:
            started = time.perf_counter()
            signatures = story_groups._signatures(conn)
            steps.append(("stories: read signatures", time.perf_counter() - started))
            started = time.perf_counter()
            hashvalues = np.stack([s.hashvalues for s in signatures.values()])
            pairs = len(near_duplicates.candidate_pairs(hashvalues))
            steps.append((f"stories: LSH candidate pairs ({pairs:,})", time.perf_counter() - started))
            started = time.perf_counter()
            near_duplicates.stories(signatures)
            steps.append(("stories: near_duplicates.stories (pairs + rule)", time.perf_counter() - started))
            started = time.perf_counter()
            story_of = story_groups.rebuild(conn)
            steps.append(("stories: story_groups.rebuild (all of it)", time.perf_counter() - started))
            started = time.perf_counter()
            events_module._rebuild_events(conn, story_of)
            steps.append(("events", time.perf_counter() - started))
            started = time.perf_counter()
            quote_actor_groups.rebuild_quotes(conn, story_of)
            steps.append(("quotes", time.perf_counter() - started))
            started = time.perf_counter()
            quote_actor_groups.rebuild_actors(conn)
            steps.append(("actors", time.perf_counter() - started))
            started = time.perf_counter()
        steps.append(("commit", time.perf_counter() - started))
        return steps
    except (AttributeError, TypeError, ImportError) as err:  # the modules changed since this was written
        return f"not available ({type(err).__name__}: {err})"


def plan(store: Store, query) -> list[str]:
    """The database's plan for the SQL a Corpus call sends (caught on its way to the driver)."""
    caught = []

    def catch(conn, cursor, statement, parameters, context, executemany):
        caught.append((statement, parameters))

    sa_event.listen(store.engine, "before_cursor_execute", catch)
    try:
        query()
    finally:
        sa_event.remove(store.engine, "before_cursor_execute", catch)
    statement, parameters = caught[-1]
    explain = "EXPLAIN QUERY PLAN " if store.engine.dialect.name == "sqlite" else "EXPLAIN ANALYZE "
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql(explain + statement, parameters).all()
    if store.engine.dialect.name == "sqlite":
        depth = {0: 0}
        lines = []
        for node, parent, _, detail in rows:
            depth[node] = depth.get(parent, 0) + 1
            lines.append("  " * depth[node] + detail)
        return lines
    return [row[0] for row in rows]


def export_cli(store_url: str, what: str, out: Path) -> tuple[float, str]:
    from click.testing import CliRunner

    from eventwire.shells.cli import main

    started = time.perf_counter()
    result = CliRunner().invoke(main, ["export", what, "--format", "parquet", "--out", str(out), "--db", store_url])
    seconds = time.perf_counter() - started
    if result.exit_code != 0:
        raise RuntimeError(f"eventwire export {what} failed: {result.output}")
    return seconds, result.stderr.strip()


def export_direct(rows, columns, out: Path) -> tuple[float, int]:
    from eventwire.render.rows import write_parquet

    started = time.perf_counter()
    with open(out, "wb") as stream:
        count = write_parquet(rows, columns, stream)
    return time.perf_counter() - started, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000, help="aggregated events the store holds at least")
    parser.add_argument("--db", default=DEFAULT_DB, help="an SQLite path or a postgresql:// URL")
    parser.add_argument("--rebuild", action="store_true", help="build the store again even if it is cached")
    parser.add_argument("--runs", type=int, default=20, help="runs of each query")
    args = parser.parse_args()
    store, info = prepare(args)
    url = store.engine.url.render_as_string(hide_password=False)
    dialect = store.engine.dialect.name
    corpus = Corpus(store)
    found = counts(store)
    n_articles = found["articles"]
    goals = []

    print(f"eventwire corpus benchmark: {dialect}, {store.name}")
    print(f"seed {SEED}, generator {GENERATOR_VERSION}, {info['settings']['happenings']:,} happenings "
          f"for at least {args.events:,} events")
    print("\ncorpus")
    for name, value in found.items():
        print(f"  {name:24} {value:>10,}")
    if found["events"] < args.events:
        print(f"  (fewer events than --events {args.events:,}: raise HAPPENINGS_PER_EVENT)")
    print(f"  {'outlets':24} {len(OUTLETS):>10}   countries {len(COUNTRIES)}")

    print("\nbuild" + (f" (cached: built {info['built']})" if info["cached"] else ""))
    print(f"  path: {info['path']}")
    print(f"  build: {info['build_seconds']:.1f} s for {info['articles']:,} articles, "
          f"{info['build_seconds'] / info['articles'] * 1000:.2f} s per 1,000 articles")
    if "add_seconds" in info:  # (a store cached by an earlier version of this script has no figure)
        print(f"  of which Store.add (ingest): {info['add_seconds']:.1f} s, "
              f"{info['add_seconds'] / info['articles'] * 1000:.2f} s per 1,000 articles")
    print(f"  first aggregation: {info['first_aggregation_seconds']:.1f} s")

    total, tables = sizes(store)
    print("\nsize")
    print(f"  {total / 1e6:.1f} MB, {total / n_articles * 1000 / 1e6:.2f} MB per 1,000 articles")
    for name, size in tables[:10]:
        print(f"  {name:28} {size / 1e6:8.1f} MB {100 * size / max(total, 1):5.1f} %")
    if dialect == "postgresql":
        print("  (with the dead rows earlier aggregations left, until autovacuum reclaims them)")

    print("\naggregation (the whole store again)")
    started = time.perf_counter()
    result = aggregate(store)
    seconds = time.perf_counter() - started
    print(f"  aggregate(store): {seconds:.1f} s "
          f"({', '.join(f'{v:,} {k}' for k, v in result.items())})")
    steps = aggregation_steps(store)
    if isinstance(steps, str):
        print(f"  step by step: {steps}")
    else:
        print("  step by step, the same work in one transaction:")
        for name, step in steps:
            print(f"    {name:50} {step:6.2f} s")

    print(f"\nqueries ({args.runs} runs each: median / slowest, rows returned)")
    probe = next(corpus.actors(country="RUS", type="PERSON", limit=1))
    surname = probe["name"].split()[-1]
    queries = [
        ("events RUS->UKR ASSAULT 2023-03", lambda: list(corpus.events(
            actor="RUS", recipient="UKR", type="ASSAULT", since="2023-03", until="2023-03"))),
        ("events actor RUS", lambda: list(corpus.events(actor="RUS"))),
        ("events ASSAULT min_sources 3", lambda: list(corpus.events(type="ASSAULT", min_sources=3))),
        ("events CONSULT 2024 limit 100", lambda: list(corpus.events(type="CONSULT", since="2024", limit=100))),
        ("mentions RUS->UKR 2023-03", lambda: list(corpus.mentions(
            actor="RUS", recipient="UKR", since="2023-03", until="2023-03"))),
        (f"actors name={surname!r}", lambda: list(corpus.actors(name=surname))),
        (f"quotes speaker={surname!r}", lambda: list(corpus.quotes(speaker=surname))),
        ("stories (2+ articles)", lambda: list(corpus.stories())),
        ("timeline RUS", lambda: list(corpus.timeline("RUS"))),
    ]
    for name, call in queries:
        times, rows = timed(call, args.runs)
        median = statistics.median(times)
        print(f"  {name:34} {median:9.1f} ms {max(times):9.1f} ms {len(rows):>8,} rows")
        if name.startswith("events RUS->UKR"):
            goals.append((f"dyad + type + month query under {GOAL_DYAD_MS} ms (median of {args.runs})",
                          median < GOAL_DYAD_MS, f"{median:.1f} ms, slowest {max(times):.1f} ms"))

    print("\nplan of the dyad + type + month query")
    for line in plan(store, queries[0][1]):
        print(f"  {line}")

    print("\nexports (Parquet)")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        from eventwire.store.export import MENTION_EXPORT_COLUMNS, mention_rows

        for what in ("events", "mentions"):
            out = folder / f"{what}-cli.parquet"
            seconds, said = export_cli(url, what, out)
            print(f"  eventwire export {what:9} {seconds:6.2f} s {out.stat().st_size / 1e6:7.1f} MB  ({said})")
            if what == "events":
                goals.append((f"eventwire export events --format parquet under {GOAL_EXPORT_S} s",
                              seconds < GOAL_EXPORT_S, f"{seconds:.2f} s"))
            rows, columns = ((corpus.events(), EVENT_COLUMNS) if what == "events"
                             else (mention_rows(store), MENTION_EXPORT_COLUMNS))
            out = folder / f"{what}-direct.parquet"
            seconds, count = export_direct(rows, columns, out)
            print(f"  write_parquet({what}) {seconds:9.2f} s {out.stat().st_size / 1e6:7.1f} MB  ({count:,} rows)")

    print("\ngoals")
    goals.insert(0, (f"events table holds at least {args.events:,} rows", found["events"] >= args.events,
                     f"{found['events']:,}"))
    for goal, met, measured in goals:
        print(f"  {'met    ' if met else 'NOT MET'}  {goal}: {measured}")
    print(f"\npeak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
