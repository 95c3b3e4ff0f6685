"""What the article page shows, from a record alone (a stored article or one just analysed):
the brief, the text cut into highlighted segments, and the events and quotes one can select,
each with the fields it was coded with."""

from __future__ import annotations

from typing import Any

from ....render.terminal import _key_actors, _speakers, event_line, when_where
from .highlight import marks, segments

# What the renderers index directly, for a record that lacks it: a store may hold records
# written by an older eventwire or made by hand (benchmarks/corpus.py), and a page must still show
EVENT_DEFAULTS = {"mode": None, "negated": False, "hypothetical": False, "counted": True, "modality": None,
                  "intended": None, "reciprocal": False, "actor": None, "recipient": None, "date": None,
                  "place": None, "confidence": 0.0, "pattern": None}
ENTITY_DEFAULTS = {"type": "", "country": None, "sectors": [], "mentions": []}
QUOTE_DEFAULTS = {"speaker": None, "speaker_entity": None, "cue": None, "content": []}


def article_context(record: dict[str, Any], entity_actors: dict[str, str] | None = None,
                    stored_events: dict[str, str] | None = None) -> dict[str, Any]:
    """The template's context for one record; `entity_actors` links its entities to actor pages
    and `stored_events` its events to event pages (a stored article only)."""
    record = _filled(record)
    links, events = entity_actors or {}, stored_events or {}
    names = {e["id"]: e["name"] for e in record.get("entities") or []}
    headline = (record.get("headline") or {}).get("text") or (record.get("meta") or {}).get("title")
    return {
        "record": record,
        "headline": headline or record.get("id"),
        "brief": _brief(record, links),
        "segments": segments(record.get("text") or "", marks(record)),
        "events": [dict(_event(e, names), stored=events.get(e["id"])) for e in record.get("events") or []],
        "quotes": [_quote(q, names, links) for q in record.get("quotes") or []],
        "entities": [{"name": e["name"], "type": e["type"], "country": e.get("country"),
                      "sectors": e.get("sectors") or [], "actor": links.get(e["id"]),
                      "mentions": len(e.get("mentions") or [])}
                     for e in record.get("entities") or []],
    }


def _brief(record: dict[str, Any], links: dict[str, str]) -> dict[str, Any]:
    counted = [e for e in record.get("events") or [] if e.get("counted", True)]
    happened = sorted(counted, key=lambda e: (e.get("hypothetical") or e.get("negated"), -e.get("confidence", 0)))[:4]
    return {
        "summary": " ".join(s["text"].strip() for s in record.get("summary") or []),
        "actors": [{"name": e["name"], "code": _code(e.get("country"), e.get("sectors") or []),
                    "actor": links.get(e["id"])} for e in _key_actors(record)[:5]],
        "speakers": [{"name": name, "quotes": len(quotes), "first": _quoted(quotes[0])}
                     for name, quotes in _speakers(record)[:3]],
        "happened": [{"id": e["id"], "line": event_line(e), "when_where": when_where(e)}
                     for e in sorted(happened, key=lambda e: e["trigger"]["start"])],
    }


def _event(event: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    flags = [flag for flag in ("negated", "hypothetical", "reciprocal") if event.get(flag)]
    if event.get("modality"):
        flags.append(event["modality"])
    date, place = event.get("date"), event.get("place")
    return {
        "id": event["id"], "line": event_line(event), "type": event["type"], "mode": event.get("mode"),
        "counted": event.get("counted", True), "flags": flags, "intended": event.get("intended"),
        "actor": _role(event.get("actor"), names), "recipient": _role(event.get("recipient"), names),
        "date": None if not date else {"value": date.get("value"), "source": date.get("source"),
                                       "text": (date.get("span") or {}).get("text")},
        "place": None if not place else {"name": place.get("name"), "country": place.get("country"),
                                         "text": (place.get("span") or {}).get("text")},
        "pattern": event.get("pattern"), "confidence": event.get("confidence"), "quad": event.get("quad"),
        "cameo": event.get("cameo"), "intensity": event.get("intensity"),
        "sentence": (event.get("sentence") or {}).get("text", "").strip(),
    }


def _role(role: dict[str, Any] | None, names: dict[str, str]) -> dict[str, Any] | None:
    if not role:
        return None
    return {"text": (role.get("span") or {}).get("text"), "countries": role.get("countries") or [],
            "sectors": role.get("sectors") or [], "names": [names[e] for e in role.get("entities") or [] if e in names],
            "note": role.get("note")}


def _quote(quote: dict[str, Any], names: dict[str, str], links: dict[str, str]) -> dict[str, Any]:
    speaker = quote.get("speaker") or {}
    entity = quote.get("speaker_entity")
    return {
        "id": quote["id"], "kind": quote.get("kind"), "how": quote.get("how"), "content": _quoted(quote),
        "speaker": speaker.get("text"), "speaker_name": names.get(entity), "actor": links.get(entity),
        "speaker_actor": quote.get("speaker_actor"), "cue": (quote.get("cue") or {}).get("text"),
    }


def _quoted(quote: dict[str, Any]) -> str:
    return " … ".join(part["text"] for part in quote.get("content") or [])


def _code(country: str | None, sectors: list[str]) -> str:
    return "".join([country or "", *sectors]) or "—"


def _filled(record: dict[str, Any]) -> dict[str, Any]:
    """The record with every field the renderers index, defaulted where it is missing."""
    return {**record,
            "events": [{**EVENT_DEFAULTS, **e} for e in record.get("events") or [] if e.get("trigger")],
            "entities": [{**ENTITY_DEFAULTS, **e} for e in record.get("entities") or [] if e.get("id")],
            "quotes": [{**QUOTE_DEFAULTS, **q} for q in record.get("quotes") or [] if q.get("id")]}
