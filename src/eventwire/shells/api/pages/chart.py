"""An actor's timeline as an SVG chart drawn here, on the server: events per ISO week, stacked
by PLOVER type, with a count axis, week labels and a legend. No script draws it, so it shows
with scripts off and prints as it looks."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Iterable

from markupsafe import Markup, escape

# one colour per PLOVER type: cooperation in greens and blues, conflict in oranges and reds
TYPE_COLOURS = {
    "AGREE": "#1b7837", "CONSULT": "#5aae61", "SUPPORT": "#a6dba0", "CONCEDE": "#80cdc1",
    "COOPERATE": "#35978f", "AID": "#2166ac", "RETREAT": "#92c5de", "REQUEST": "#8073ac",
    "ACCUSE": "#fdb863", "REJECT": "#e08214", "THREATEN": "#b35806", "PROTEST": "#de77ae",
    "SANCTION": "#c51b7d", "MOBILIZE": "#f46d43", "COERCE": "#d73027", "ASSAULT": "#a50026",
}
OTHER_COLOUR = "#888888"
WIDTH, HEIGHT = 720, 280
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 16, 64  # room for the count axis, the week labels and the legend


def timeline_svg(rows: Iterable[dict[str, Any]], title: str, name: str = "timeline") -> Markup:
    """`rows` are Corpus.timeline rows ({week, type, events}); weeks with no events are drawn
    as gaps between the first week and the last. `name` makes the chart's ids unique on a page."""
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["week"], {})[row["type"]] = row["events"]
    if not counts:
        return Markup("")
    weeks = _every_week(min(counts), max(counts))
    types = [t for t in TYPE_COLOURS if any(t in counts.get(w, {}) for w in weeks)]
    types += sorted({t for by_type in counts.values() for t in by_type} - set(types))
    top = max(sum(counts.get(w, {}).values()) for w in weeks)
    ticks = _ticks(top)
    scale_top = ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / len(weeks)
    bar_w = min(max(step * 0.8, 1.0), 48.0)  # a few weeks: bars, not a wall of colour
    parts = [f'<svg class="timeline" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="{name}-title">',
             f'<title id="{name}-title">{escape(title)}</title>']
    for tick in ticks:  # the count axis, with a faint line across at each tick
        y = TOP + plot_h - tick / scale_top * plot_h
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
                     f'<text class="tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    parts.append(f'<line class="axis" x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{TOP + plot_h}"/>'
                 f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" y2="{TOP + plot_h}"/>'
                 f'<text class="axis-label" x="12" y="{TOP + plot_h / 2:.1f}" text-anchor="middle" '
                 f'transform="rotate(-90 12 {TOP + plot_h / 2:.1f})">events</text>')
    label_every = max(1, round(len(weeks) / 8))
    for i, week in enumerate(weeks):
        x = LEFT + i * step + (step - bar_w) / 2
        base = TOP + plot_h
        for type_ in types:
            n = counts.get(week, {}).get(type_, 0)
            if not n:
                continue
            h = n / scale_top * plot_h
            base -= h
            parts.append(f'<rect class="bar" x="{x:.1f}" y="{base:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                         f'fill="{TYPE_COLOURS.get(type_, OTHER_COLOUR)}" data-week="{escape(week)}" '
                         f'data-type="{escape(type_)}" data-events="{n}">'
                         f'<title>{escape(week)}: {n} {escape(type_)}</title></rect>')
        if i % label_every == 0:
            parts.append(f'<text class="tick" x="{x + bar_w / 2:.1f}" y="{TOP + plot_h + 14}" '
                         f'text-anchor="middle">{escape(week)}</text>')
    x = LEFT
    for type_ in types:  # the legend under the week labels
        parts.append(f'<rect x="{x}" y="{HEIGHT - 22}" width="10" height="10" '
                     f'fill="{TYPE_COLOURS.get(type_, OTHER_COLOUR)}"/>'
                     f'<text class="legend" x="{x + 14}" y="{HEIGHT - 13}">{escape(type_)}</text>')
        x += 14 + 8 * len(type_) + 12
    parts.append("</svg>")
    return Markup("".join(parts))


def _every_week(first: str, last: str) -> list[str]:
    """ISO weeks from `first` to `last` ("2022-W09"), none left out."""
    day = date.fromisocalendar(int(first[:4]), int(first[6:]), 1)
    end = date.fromisocalendar(int(last[:4]), int(last[6:]), 1)
    weeks = []
    while day <= end:
        year, week, _ = day.isocalendar()
        weeks.append(f"{year}-W{week:02d}")
        day += timedelta(weeks=1)
    return weeks


def _ticks(top: int) -> list[int]:
    """0 and round steps (1, 2 or 5 times a power of ten) up to at least `top`: at most 6 ticks."""
    step = 1
    while -(-top // step) > 5:
        step = step * 5 // 2 if str(step)[0] == "2" else step * 2  # 1, 2, 5, 10, 20, 50 ...
    return list(range(0, max(-(-top // step), 1) * step + 1, step))
