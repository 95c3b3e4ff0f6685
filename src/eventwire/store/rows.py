"""One analysed article's record as the store's per-article rows: its event, quote, actor,
place and date mentions, each with the character offsets of its evidence in the text.

Pure functions of the record (the JSON `eventwire analyze` writes, docs/schema.md): the store
calls them when an article goes in, and the migration to store version 2 calls them to fill
the rows a store of version 1 did not keep, from the records it did.
"""

from __future__ import annotations

import json
import re
from typing import Any

# "KYIV, Ukraine (AP) —", "BRASILIA, May 6, 2024 —", "DAKAR (Reuters) -": a place in capitals
# at the start of one of the first lines, perhaps a country, an agency and a date, then a dash
_DATELINE = re.compile(r"[ \t]*([A-Z][A-Z .'\u2019-]{2,}(?:,\s*[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*)*)?)"
                       r"(?:\s*\([^)]{1,30}\))?,?(?:\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})?\s*[\u2014\u2013-]")


def event_rows(article: int, record: dict[str, Any]) -> list[dict[str, Any]]:
    names = _entity_names(record)
    return [_event_row(article, event, names) for event in record.get("events") or []]


def quote_rows(article: int, record: dict[str, Any]) -> list[dict[str, Any]]:
    names = _entity_names(record)
    return [_quote_row(article, quote, names) for quote in record.get("quotes") or []]


def actor_rows(article: int, record: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per entity the article names, keyed across articles by `identity`."""
    rows = []
    for entity in record.get("entities") or []:
        mentions = entity.get("mentions") or []
        if not mentions:
            continue
        forms = sorted({m["text"] for m in mentions if m.get("kind") == "name"} | {entity["name"]})
        first = min(mentions, key=lambda m: m["start"])
        rows.append({
            "article": article, "entity": entity["id"], "identity": actor_identity(entity),
            "name": entity["name"], "type": entity.get("type") or "", "country": entity.get("country"),
            "sectors": " ".join(entity.get("sectors") or []) or None, "title": entity.get("title"),
            "in_knowledge": in_knowledge(entity), "forms": json.dumps(forms, ensure_ascii=False),
            "n_mentions": len(mentions), "first_start": first["start"], "first_end": first["end"],
        })
    return rows


def place_rows(article: int, record: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for place in record.get("places") or []:
        span = place.get("span") or {}
        rows.append({
            "article": article, "name": place.get("name") or span.get("text") or "",
            "country": place.get("country"), "feature": place.get("feature"),
            "lat": place.get("lat"), "lon": place.get("lon"), "geonameid": place.get("geonameid"),
            "start": span.get("start", 0), "end": span.get("end", 0),
        })
    return rows


def date_rows(article: int, record: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"article": article, "type": timex.get("type"), "value": timex.get("value"),
             "start": (timex.get("span") or {}).get("start", 0), "end": (timex.get("span") or {}).get("end", 0)}
            for timex in record.get("timexes") or []]


def dateline_place(record: dict[str, Any]) -> dict[str, Any] | None:
    """The place an article's dateline names ("KYIV, Ukraine (AP) —"), as the record's places
    layer resolved it; None when it has no dateline or the place was not resolved."""
    text, offset = record.get("text") or "", 0
    for line in text.split("\n")[:3]:
        match = _DATELINE.match(line)
        if match:
            start, end = offset + match.start(1), offset + match.end(1)
            for place in record.get("places") or []:
                span = place.get("span") or {}
                if start <= span.get("start", -1) < end and place.get("country"):
                    return place
            return None
        offset += len(line) + 1
    return None


def actor_identity(entity: dict[str, Any]) -> str:
    """The key that makes two articles' entities one actor: its kind and its name. A name the
    knowledge base resolved is already its canonical one ("Volodymyr Zelenskyy" and "Zelensky"
    both become "Volodymyr Zelensky"), so this is one actor per knowledge-base identity; a name
    the knowledge base does not hold is matched as written, case aside."""
    return f"{entity.get('type') or ''}:{' '.join(entity['name'].split()).casefold()}"


def in_knowledge(entity: dict[str, Any]) -> bool:
    """Whether the entity's identity came from the knowledge base (its country evidence cites a
    knowledge file such as persons/europe_americas.tsv:412, not the article's own words)."""
    return any(ev.get("field") == "country" and ev.get("source") not in (None, "text")
               for ev in entity.get("evidence") or [])


def _entity_names(record: dict[str, Any]) -> dict[str, str]:
    return {entity["id"]: entity["name"] for entity in record.get("entities") or []}


def _event_row(article: int, event: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    actor, recipient = event.get("actor") or {}, event.get("recipient") or {}
    date, place = event.get("date") or {}, event.get("place") or {}
    return {
        "article": article, "event": event["id"], "type": event["type"], "mode": event.get("mode"),
        "counted": bool(event.get("counted")), "negated": bool(event.get("negated")),
        "hypothetical": bool(event.get("hypothetical")), "modality": event.get("modality"),
        "actor_countries": _codes(actor.get("countries")), "recipient_countries": _codes(recipient.get("countries")),
        "actor_sectors": _codes(actor.get("sectors")), "recipient_sectors": _codes(recipient.get("sectors")),
        "actor_names": _role_names(actor, names), "recipient_names": _role_names(recipient, names),
        "date": date.get("value"), "date_source": date.get("source"),
        "place": place.get("name"), "place_country": place.get("country"),
        "trigger_start": event["trigger"]["start"], "trigger_end": event["trigger"]["end"],
        "sentence_start": event["sentence"]["start"], "sentence_end": event["sentence"]["end"],
        "pattern": event.get("pattern"),
    }


def _quote_row(article: int, quote: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    parts = quote.get("content") or []
    speaker, cue = quote.get("speaker") or {}, quote.get("cue") or {}
    return {
        "article": article, "quote": quote["id"], "kind": quote.get("kind"),
        "speaker": speaker.get("text"), "speaker_entity": quote.get("speaker_entity"),
        "speaker_name": names.get(quote.get("speaker_entity")),
        "content": " … ".join(p["text"] for p in parts),
        "content_start": parts[0]["start"] if parts else 0, "content_end": parts[-1]["end"] if parts else 0,
        "cue_start": cue.get("start"), "cue_end": cue.get("end"),
    }


def _codes(codes: list[str] | None) -> str | None:
    return " ".join(codes or []) or None


def _role_names(role: dict[str, Any], names: dict[str, str]) -> str | None:
    """An actor's or recipient's names: its entities' names, else its words in the text."""
    named = [names[e] for e in role.get("entities") or [] if e in names]
    if named:
        return "; ".join(dict.fromkeys(named))
    return (role.get("span") or {}).get("text")
