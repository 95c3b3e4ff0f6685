"""The human report: one article's record rendered for a terminal (rich)."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..record import quote_text


def render(record: dict[str, Any], console: Console) -> None:
    console.print(report(record))


def report(record: dict[str, Any]) -> Group:
    parts: list[Any] = []
    headline = (record.get("headline") or {}).get("text") or (record.get("meta") or {}).get("title")
    title = Text(headline or f"(no headline) {record['id']}", style="bold")
    subtitle = f"{record['id']} · published {record['published'] or 'unknown'}"
    parts.append(Panel(title, subtitle=subtitle, subtitle_align="left"))
    parts.append(brief(record))
    parts.append(_entities_table(record))
    # the other tables appear only when their layer found something
    for table in (_actors_table, _quotes_table, _events_table, _when_where_table):
        made = table(record)
        if made is not None:
            parts.append(made)
    return Group(*parts)


def brief(record: dict[str, Any], actors: int = 5, speakers: int = 3, events: int = 4) -> Panel:
    """The story at a glance: summary, key actors, who said what, what happened when and where."""
    lines = Text()
    summary = " ".join(s["text"].strip() for s in record.get("summary", []))
    if summary:
        lines.append(summary + "\n\n")
    key = _key_actors(record)[:actors]
    if key:
        lines.append("Key actors: ", style="bold")
        lines.append("; ".join(f"{e['name']} ({_code(e['country'], e['sectors'])})" for e in key) + "\n")
    said = _speakers(record)[:speakers]
    if said:
        lines.append("Who said what:\n", style="bold")
        for name, quotes in said:
            first = quote_text(quotes[0])
            first = first if len(first) <= 110 else first[:107].rstrip() + "…"
            lines.append(f"  {name} ({len(quotes)} quote{'s' if len(quotes) > 1 else ''}): “{first}”\n")
    counted = [e for e in record.get("events", []) if e.get("counted", True)]
    happened = sorted(counted, key=lambda e: (e["hypothetical"] or e["negated"], -e["confidence"]))[:events]
    if happened:
        lines.append("What happened:\n", style="bold")
        for event in sorted(happened, key=lambda e: e["trigger"]["start"]):
            lines.append(f"  {event_line(event)}  {when_where(event)}\n")
    return Panel(lines, title="Brief", title_align="left")


def when_where(event: dict[str, Any]) -> str:
    """ "2022-03-25 (stated), Istanbul, TUR" """
    parts = []
    date = event.get("date")
    if date:
        parts.append(f"{date['value']}" + (" (published)" if date["source"] == "published" else ""))
    place = event.get("place")
    if place:
        parts.append(f"in {place['name']}" + (f", {place['country']}" if place["country"] and place["feature"] != "country" else ""))
    return " · ".join(parts)


def _key_actors(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Entities by how much the story involves them: mentions, quotes and event roles."""
    weight: dict[str, float] = {}
    for entity in record["entities"]:
        if entity["type"] in ("PERSON", "ORG", "GPE", "NORP"):
            weight[entity["id"]] = len(entity["mentions"])
    for quote in record.get("quotes", []):
        if quote.get("speaker_entity") in weight:
            weight[quote["speaker_entity"]] += 1
    for event in record.get("events", []):
        for role in (event["actor"], event["recipient"]):
            for entity_id in (role or {}).get("entities", []):
                if entity_id in weight:
                    weight[entity_id] += 2
    by_id = {e["id"]: e for e in record["entities"]}
    return [by_id[i] for i, _ in sorted(weight.items(), key=lambda pair: -pair[1]) if by_id[i]["country"] or by_id[i]["sectors"]]


def _speakers(record: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    names = {e["id"]: e["name"] for e in record["entities"]}
    grouped: dict[str, list[dict[str, Any]]] = {}
    for quote in record.get("quotes", []):
        name = names.get(quote.get("speaker_entity")) or (quote["speaker"]["text"] if quote["speaker"] else None)
        if name:
            grouped.setdefault(name, []).append(quote)
    return sorted(grouped.items(), key=lambda pair: -len(pair[1]))


def _when_where_table(record: dict[str, Any]) -> Table | None:
    if not record.get("timexes") and not record.get("places"):
        return None
    table = Table(title="Dates and places", title_justify="left")
    table.add_column("in the text")
    table.add_column("kind")
    table.add_column("value", overflow="fold")
    for timex in record.get("timexes", []):
        table.add_row(Text(timex["span"]["text"]), timex["type"], timex["value"] or "?")
    seen = set()
    for place in record.get("places", []):
        key = (place["span"]["text"], place["name"])
        if key in seen:
            continue
        seen.add(key)
        where = f"{place['name']}, {place['country'] or '—'} ({place['lat']:.2f}, {place['lon']:.2f})" \
            if place["lat"] is not None else "not placed"
        if place.get("reason") and place["reason"] != "only reading":
            where += f" — {place['reason']}"  # why this namesake: "written after: Texas"
        table.add_row(Text(place["span"]["text"]), place["feature"] or "place", Text(where))
    return table


def event_line(event: dict[str, Any]) -> str:
    """ "RUS — ASSAULT → UKR", with mode and modality."""
    def side(role):
        if not role:
            return "?"
        label = "+".join(role["countries"]) or role["span"]["text"] if role.get("span") else "+".join(role["countries"])
        return label or "?"

    kind = event["type"] + (f"({event['mode']})" if event["mode"] else "")
    flags = []
    if event["negated"]:
        flags.append("not")
    if event["hypothetical"]:
        flags.append(event["modality"] or "hypothetical")
    if event.get("intended"):
        flags.append(f"of {event['intended']}")
    line = f"{side(event['actor'])} — {kind} → {side(event['recipient']) if event['recipient'] else '·'}"
    if event["reciprocal"]:
        line += " (mutual)"
    return line + (f"  [{', '.join(flags)}]" if flags else "")


def _events_table(record: dict[str, Any]) -> Table | None:
    if not record.get("events"):
        return None
    table = Table(title="What happened", title_justify="left")
    table.add_column("event")
    table.add_column("when, where")
    table.add_column("evidence", overflow="fold")
    table.add_column("why", style="dim")
    for event in record["events"]:
        sentence = event["sentence"]["text"]
        table.add_row(Text(event_line(event)), Text(when_where(event)), Text(sentence),
                      Text(f"{event['pattern']} ({event['confidence']:.1f})"))
    return table


def _quotes_table(record: dict[str, Any]) -> Table | None:
    if not record.get("quotes"):
        return None
    names = {e["id"]: e["name"] for e in record["entities"]}
    table = Table(title="Who said what", title_justify="left", show_lines=False)
    table.add_column("speaker")
    table.add_column("", style="dim")
    table.add_column("quote", overflow="fold")
    for quote in record["quotes"]:
        speaker = quote["speaker"]["text"] if quote["speaker"] else "(unknown)"
        resolved = names.get(quote["speaker_entity"])
        if resolved and resolved != speaker:
            speaker = f"{speaker} ({resolved})"
        actor = quote.get("speaker_actor")
        if actor and (actor["country"] or actor["sectors"]):
            speaker += f" [{_code(actor['country'], actor['sectors'])}]"
        table.add_row(Text(speaker), quote["kind"], Text(quote_text(quote)))
    return table


def _entities_table(record: dict[str, Any]) -> Table:
    table = Table(title="Entities", title_justify="left", expand=False)
    table.add_column("id", style="dim")
    table.add_column("entity")
    table.add_column("type")
    table.add_column("actor")
    table.add_column("title")
    table.add_column("mentions", overflow="fold")
    for entity in record["entities"]:
        mentions = entity["mentions"]
        forms = sorted({m["text"] for m in mentions}, key=lambda s: (-len(s), s))
        summary = f"{len(mentions)}× " + ", ".join(forms[:4]) + ("…" if len(forms) > 4 else "")
        table.add_row(entity["id"], Text(entity["name"]), entity["type"], _code(entity["country"], entity["sectors"]),
                      Text(entity.get("title") or ""), Text(summary))
    return table


def _actors_table(record: dict[str, Any]) -> Table | None:
    rows = [a for a in record.get("actors", []) if a["entity"] is None]
    if not rows:
        return None
    table = Table(title="Other actors (descriptions)", title_justify="left")
    table.add_column("phrase")
    table.add_column("actor")
    table.add_column("why", overflow="fold")
    for actor in rows:
        why = "; ".join(
            f"{e['field']}: {e['span']['text'] if 'span' in e else e['source']}" + (f" ({e['note']})" if e.get("note") else "")
            for e in actor["evidence"]
        )
        table.add_row(Text(actor["span"]["text"]), _code(actor["country"], actor["sectors"]), Text(why))
    return table


def _code(country: str | None, sectors: list[str]) -> str:
    return " ".join([country or "—", *sectors])
