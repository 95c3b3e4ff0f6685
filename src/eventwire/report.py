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
    return Group(*parts)


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
        table.add_row(speaker, quote["kind"], quote_text(quote))
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
        table.add_row(entity["id"], entity["name"], entity["type"], _code(entity["country"], entity["sectors"]),
                      entity.get("title") or "", summary)
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
        table.add_row(actor["span"]["text"], _code(actor["country"], actor["sectors"]), why)
    return table


def _code(country: str | None, sectors: list[str]) -> str:
    return " ".join([country or "—", *sectors])
