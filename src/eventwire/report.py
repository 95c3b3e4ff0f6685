"""The human report: one article's record rendered for a terminal (rich)."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .query import quote_text


def render(record: dict[str, Any], console: Console) -> None:
    console.print(report(record))


def report(record: dict[str, Any]) -> Group:
    parts: list[Any] = []
    headline = (record.get("headline") or {}).get("text") or (record.get("meta") or {}).get("title")
    title = Text(headline or f"(no headline) {record['id']}", style="bold")
    subtitle = f"{record['id']} · published {record['published'] or 'unknown'}"
    parts.append(Panel(title, subtitle=subtitle, subtitle_align="left"))
    parts.append(_entities_table(record))
    actors = _actors_table(record)
    if actors is not None:
        parts.append(actors)
    quotes = _quotes_table(record)
    if quotes is not None:
        parts.append(quotes)
    events = _events_table(record)
    if events is not None:
        parts.append(events)
    return Group(*parts)


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
    table.add_column("evidence", overflow="fold")
    table.add_column("why", style="dim")
    for event in record["events"]:
        sentence = event["sentence"]["text"]
        table.add_row(Text(event_line(event)), Text(sentence), Text(f"{event['pattern']} ({event['confidence']:.1f})"))
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
        forms = sorted({m["text"] for m in mentions}, key=lambda s: -len(s))
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
