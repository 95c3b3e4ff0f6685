"""Quotations no cue claims, and the quotes cues found that another quote already holds.

A quoted stretch no cue claims is still a quote when it reads like speech (a clause of
four words or more): it continues the quote before it ('"A," she said. "B."', or a
paragraph that runs on), or opens the one after it ('"A," he said, "B."'), or takes its
speaker from the subject of the sentence before or after it, or has no speaker. Short
quoted phrases on their own — scare quotes, titles, nicknames — are not quotes. A headline
"Speaker: words" is a quote with no cue as well.
"""

from __future__ import annotations

import bisect

from ...document.article import CharSpan
from ...document.layers import Quote
from ...nlp.quotemarks import Quoted
from .spans import QuotedText
from .speakers import Speakers

MIN_QUOTE_WORDS = 4


def drop_nested(quotes: list[Quote]) -> list[Quote]:
    """A cue inside another quote's content reports speech within speech: the outer
    quote holds it. Of quotes with the same parts the first is kept."""
    kept, seen = [], set()
    holders = _PartIndex(quotes)
    for quote in quotes:
        inside = quote.cue is not None and holders.held_by_another(quote.cue, quote)
        parts = tuple(quote.parts)
        if not inside and parts not in seen:
            kept.append(quote)
            seen.add(parts)
    return kept


class _PartIndex:
    """Whether some other quote's part contains a span, by binary search: the parts ordered by
    start, with, for each prefix, the two furthest ends reached by two different quotes (so the
    furthest end of a quote other than the one asking is always at hand)."""

    def __init__(self, quotes: list[Quote]):
        parts = sorted(((p.start, p.end, id(q)) for q in quotes for p in q.parts), key=lambda p: p[0])
        self.starts = [start for start, _, _ in parts]
        self.reach: list[tuple[tuple[int, int], tuple[int, int]]] = []  # ((end, owner), (end, owner))
        best = second = (-1, 0)
        for _, end, owner in parts:
            if owner == best[1]:
                best = max(best, (end, owner))
            elif end > best[0]:
                best, second = (end, owner), best
            elif end > second[0] or owner == second[1]:
                second = max(second, (end, owner)) if owner == second[1] else (end, owner)
            self.reach.append((best, second))

    def held_by_another(self, span: CharSpan, quote: Quote) -> bool:
        k = bisect.bisect_right(self.starts, span.start)  # parts starting at or before the span
        if k == 0:
            return False
        best, second = self.reach[k - 1]
        furthest = best[0] if best[1] != id(quote) else second[0]
        return furthest >= span.end


def headline_colon(found: list[Quote], quoted: QuotedText, speakers: Speakers) -> Quote | None:
    """Headlinese "UN aid chief: Gaza aid a 'drop in the ocean'": speaker, colon, words."""
    headline = quoted.headline
    if headline is None or any(quoted.in_headline_span(q) for q in found):
        return None
    text = quoted.text[headline.start:headline.end]
    colon = text.find(":")
    if colon <= 0 or quoted.in_region(headline.start + colon):
        return None
    speaker_end = headline.start + colon
    speaker_start = headline.start + len(text[:colon]) - len(text[:colon].lstrip())
    tokens = [t for t in quoted.doc.char_span(speaker_start, speaker_end, alignment_mode="expand") or []
              if speaker_start <= t.idx < speaker_end] if speaker_end > speaker_start else []
    if not tokens or len(tokens) > 6:
        return None
    head = tokens[-1]
    entity_at, actor_at = speakers.entity_at, speakers.actor_at
    if head.i not in actor_at and entity_at.get(head.i) is None:
        return None
    rest = text[colon + 1:]
    content_start = speaker_end + 1 + len(rest) - len(rest.lstrip())
    if content_start >= headline.end:
        return None
    quote = Quote(kind="", parts=[CharSpan(content_start, headline.end)], how="headline colon")
    quote.speaker = CharSpan(speaker_start, speaker_end)
    quote.speaker_head = head.i
    quote.entity = entity_at.get(head.i) or (actor_at[head.i].entity if head.i in actor_at else None)
    quote.actor = actor_at.get(head.i)
    return quote


def uncued_quotes(found: list[Quote], quoted: QuotedText, speakers: Speakers) -> list[Quote]:
    """The quotations no quote in `found` holds: each is added to the quote it continues
    (a part appended in place) or becomes a quote of its own; the new quotes are returned."""
    claimed = [p for q in found for p in q.parts]
    added: list[Quote] = []
    regions = quoted.regions
    for n, region in enumerate(regions):
        span = CharSpan(region.start, region.end)
        if any(p.overlaps(span) for p in claimed):
            continue
        following = regions[n + 1] if n + 1 < len(regions) else None
        if region.close_len == 0 and following is not None and following.continued:
            # A paragraph that opens a quote the next paragraph carries on: it belongs
            # to whichever quote holds the continuation.
            owner = next((q for q in found + added
                          if any(p.overlaps(CharSpan(following.start, following.end)) for p in q.parts)), None)
            if owner is not None:
                owner.parts.append(span)
                claimed.append(span)
                continue
        holder = previous_quote(found + added, region, quoted) or next_quote(found + added, region, quoted)
        if holder is not None:
            holder.parts.append(span)
            claimed.append(span)
            continue
        if not reads_like_speech(region, quoted):
            continue
        quote = Quote(kind="direct", parts=[span], how="quotation")
        subject = speakers.neighbour_speaker(region)
        if subject is not None:
            speakers.set_speaker(quote, subject)
            quote.how = "quotation, speaker in a neighbouring sentence"
        added.append(quote)
        claimed.append(span)
    return added


def previous_quote(quotes: list[Quote], region: Quoted, quoted: QuotedText) -> Quote | None:
    """The quote this quotation continues: the one right before it when only its own
    attribution (or a paragraph break) stands between them."""
    before = [q for q in quotes if max(p.end for p in q.parts) <= region.start]
    if not before:
        return None
    quote = max(before, key=lambda q: max(p.end for p in q.parts))
    last = max(quote.parts, key=lambda p: p.end)
    if not quoted.region_overlapping(last):
        return None
    text = quoted.text
    between = text[last.end:region.start]
    for span in (quote.cue, quote.speaker, quote.addressee):
        if span is not None and last.end <= span.start and span.end <= region.start:
            between = between.replace(text[span.start:span.end], " ", 1)
    if region.continued or not between.strip(" ,.:;\n"):
        return quote
    # '"A," she said outside the factory. "B."': the next sentence opens with more of it.
    if quote.cue is not None and last.end <= quote.cue.start < region.start:
        here = quoted.sentence_at(region.start)
        there = quoted.sentence_at(quote.cue.start)
        if here is not None and there is not None and here.start == there.end and \
                not text[here.start_char:region.start].strip() and "\n" not in between:
            return quote
    return None


def next_quote(quotes: list[Quote], region: Quoted, quoted: QuotedText) -> Quote | None:
    """ '"A," he said, "B."': the quote whose attribution, and nothing else, stands
    between this quotation and its own first part."""
    after = [q for q in quotes if q.cue is not None and min(p.start for p in q.parts) >= region.end]
    if not after:
        return None
    quote = min(after, key=lambda q: min(p.start for p in q.parts))
    first = min(quote.parts, key=lambda p: p.start)
    if not quoted.region_overlapping(first) or not (region.end <= quote.cue.start < first.start):
        return None
    text = quoted.text
    between = text[region.end:first.start]
    if "\n" in between:
        return None
    for span in (quote.cue, quote.speaker, quote.addressee):
        if span is not None and region.end <= span.start and span.end <= first.start:
            between = between.replace(text[span.start:span.end], " ", 1)
    return quote if not between.strip(" ,.:;") else None


def reads_like_speech(region: Quoted, quoted: QuotedText) -> bool:
    """A clause of MIN_QUOTE_WORDS words or more, with a verb."""
    inner_start, inner_end = region.inner
    span = quoted.doc.char_span(inner_start, inner_end, alignment_mode="expand") if inner_end > inner_start else None
    tokens = [t for t in span or [] if inner_start <= t.idx < inner_end]
    words = [t for t in tokens if not t.is_punct and not t.is_space]
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in tokens)
    return len(words) >= MIN_QUOTE_WORDS and has_verb
