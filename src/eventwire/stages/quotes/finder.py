"""Who said what: direct, mixed and indirect quotes with resolved speakers.

A quote is found from its cue — a verb or phrase of attribution in data/quote_cues.tsv —
and the frame the cue takes there: a complement clause ("said (that) ...", "..., she
said", "X, he said, Y"), an adjacent quotation ('said: "..."', '"...," said X'), an
object ("emphasized the need for ..."), "accused X of ...", "called for ...", "according
to X, ...", or headlinese ("Zelensky says seeking peace"). Quotation marks are paired
by quotemarks.py; a quoted stretch no cue claims is still a quote when it reads like
speech (a clause of four words or more): it continues the quote before it ('"A," she
said. "B."', or a paragraph that runs on), or takes its speaker from the subject of the
sentence before or after it, or has no speaker. Short quoted phrases on their own —
scare quotes, titles, nicknames — are not quotes.

kind: "direct" when every word of the content is inside quotation marks, "mixed" when
some are, "indirect" when none are. The speaker is the mention in the text (a name, a
pronoun, a description); its entity comes from the entity layer (pronouns included)
and its code from the actor layer.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ...document.article import CharSpan
from ...document.layers import ActorMention, Entity, Quote
from ...nlp.index import actor_at, entity_at
from ...nlp.quotemarks import Quoted, quoted_regions
from ...nlp.syntax import phrase_start, sentence_of, text_of
from ..base import Resources

RELATIVE = {"who", "which", "that"}
CONTENTLESS = {"it", "this", "that", "so", "nothing", "something", "anything", "what", "everything", "much", "more"}
MIN_QUOTE_WORDS = 4
SPEECH_NOUNS = {"remarks", "comments", "statement", "words", "speech", "interview", "told", "said", "added"}


class QuoteFinder:
    def __init__(self, doc: Doc, resources: Resources):
        self.doc = doc
        self.text = text_of(doc)
        self.cues = resources.knowledge.cues
        self.longest_cue = max((c.count(" ") + 1 for c in self.cues), default=1)
        self.regions: list[Quoted] = quoted_regions(doc)
        self.quoted_chars: set[int] = set()  # character offsets inside a quotation
        self.mark_chars: set[int] = set()  # character offsets of the quotation marks
        for region in self.regions:
            self.quoted_chars.update(range(region.start, region.end))
            self.mark_chars.update(range(region.start, region.start + region.open_len))
            self.mark_chars.update(range(region.end - region.close_len, region.end))
        self.phrase_heads = {c.split()[0] for c in self.cues if " " in c}
        self.owner: dict[int, Entity] = entity_at(doc)
        self.actor_at: dict[int, ActorMention] = actor_at(doc)
        article = doc._.article
        self.headline = article.headline if article is not None else None

    # ---- main ------------------------------------------------------------------

    def find(self) -> list[Quote]:
        found: list[Quote] = []
        vias: list[tuple[Token, CharSpan]] = []
        for token in self.doc:
            if token.is_punct or self._in_region(token.idx):
                continue
            cue = self._cue_at(token)
            if cue is None:
                continue
            name, frames, cue_span = cue
            if name == "according to":
                quote, via_of = self._according(token, cue_span)
                if via_of is not None:
                    vias.append((via_of, cue_span))
                elif quote is not None:
                    found.append(quote)
                continue
            if any(child.dep_ == "neg" for child in token.children):
                continue
            quote = self._from_cue(token, frames, cue_span)
            if quote is not None:
                found.append(quote)
        found = self._drop_nested(found)
        for head, span in vias:
            for quote in found:
                if quote.cue is not None and quote.cue.start == head.idx:
                    quote.via = self._phrase_after(span)
        headline = self._headline_colon(found)
        if headline is not None:
            found.append(headline)
        found += self._orphans(found)
        for quote in found:
            quote.parts = self._merge(quote.parts)
        found.sort(key=lambda q: q.start)
        for n, quote in enumerate(found, 1):
            quote.id = f"q{n}"
            quote.kind = self._kind(quote.parts)
        return found

    # ---- cues ------------------------------------------------------------------

    def _cue_at(self, token: Token) -> tuple[str, frozenset[str], CharSpan] | None:
        doc = self.doc
        lemma = token.lemma_.lower()
        if lemma not in self.cues and lemma not in self.phrase_heads and token.lower_ not in self.phrase_heads:
            return None
        # Phrasal cues first: "call for", "according to", "point out".
        for n in range(self.longest_cue, 1, -1):
            if token.i + n > len(doc):
                continue
            rest = [t.lower_ for t in doc[token.i + 1:token.i + n]]
            for first in {lemma, token.lower_}:
                phrase = " ".join([first] + rest)
                if phrase in self.cues and (phrase == "according to" or token.pos_ in ("VERB", "AUX")):
                    end = doc[token.i + n - 1]
                    return phrase, self.cues[phrase], CharSpan(token.idx, end.idx + len(end.text))
        if token.lower_ == "according":
            return None
        if lemma in self.cues and token.pos_ in ("VERB", "AUX") and token.tag_ != "VBN" or (
                lemma in self.cues and token.tag_ == "VBN" and token.dep_ not in ("amod", "acl")
                and not any(c.dep_ == "auxpass" for c in token.children)):
            return lemma, self.cues[lemma], CharSpan.of(token)
        return None

    def _from_cue(self, cue: Token, frames: frozenset[str], cue_span: CharSpan) -> Quote | None:
        subject = self._subject(cue)
        parts: list[tuple[int, int]] = []
        how = ""
        if "clause" in frames:
            clause = self._complement(cue)
            if clause is not None:
                end = clause.right_edge.i + 1
                # "said inflation had peaked and would ease": a second verb the parser hung
                # on the cue but that carries on the reported clause.
                for conj in cue.children:
                    if (conj.dep_ == "conj" and conj.i > clause.i and conj.left_edge.i <= end + 1
                            and any(c.dep_ == "aux" for c in conj.children)
                            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children)):
                        end = conj.right_edge.i + 1
                # "..., calling reports of fresh restrictions "groundless"": a participle of
                # saying is a quote of its own, not more of this one
                for token in clause.children:
                    if token.tag_ == "VBG" and token.dep_ == "advcl" and token.lemma_.lower() in self.cues \
                            and token.left_edge.i > clause.left_edge.i and self.doc[token.left_edge.i - 1].text == ",":
                        end = min(end, token.left_edge.i - 1)
                parts = [(clause.left_edge.i, end)]
                how = "cue, then clause" if cue.i < clause.left_edge.i else "clause, then cue"
            elif cue.dep_ == "parataxis" and cue.head.pos_ in ("VERB", "AUX", "NOUN", "ADJ"):
                # "A, Zelensky also said, B" / '"A," said X, "B."': the clause around the
                # attribution, less the attribution itself.
                head = cue.head
                first, last = self._attribution(cue, subject)
                before = (head.left_edge.i, first)
                after = (last + 1, head.right_edge.i + 1)
                parts = [p for p in (before, after) if p[1] > p[0]]
                how = "parenthetical cue"
        if not parts and "clause" in frames and cue.dep_ == "ROOT" and subject is not None and subject.i < cue.i:
            # "A landslide buried 30 houses, killing 12, officials said Sunday.": the parser
            # found no complement, but the sentence before ", officials said" is what was said
            # (not a clause that sets the scene: "After two civilians were killed, Pakistan ...")
            start = phrase_start(subject)
            sentence = sentence_of(self.doc, cue.i)
            before = self.doc[sentence.start:start - 1]
            roots = [t for t in before if not before.start <= t.head.i < before.end]
            scene = any(t.dep_ in ("advcl", "prep", "advmod", "npadvmod", "mark", "pcomp") for t in roots)
            if start - 1 > sentence.start and self.doc[start - 1].text == "," and len(before) >= 4 and not scene \
                    and not any(c.dep_ == "dobj" for c in cue.children) \
                    and any(t.pos_ in ("VERB", "AUX") for t in before) and not self._in_region(before[0].idx):
                parts = [(sentence.start, start - 1)]
                how = "clause, then cue"
        if not parts and "headline" in frames and self._in_headline(cue):
            clause = next((c for c in cue.children if c.dep_ == "xcomp"), None)
            if clause is not None:
                parts = [(clause.left_edge.i, clause.right_edge.i + 1)]
                how = "headline"
        if not parts and "of" in frames:
            # "accused the commission of stealing ...": the content names the accused too.
            obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
            holders = [cue] + ([obj] if obj is not None else [])
            prep = next((c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            if prep is not None and any(True for _ in prep.children):
                start = obj.left_edge.i if obj is not None and obj.i < prep.i else prep.i + 1
                parts = [(start, prep.right_edge.i + 1)]
                how = "accused ... of"
        if not parts and "for" in frames:
            prep = next((c for c in cue.children if c.dep_ in ("prep", "prt") and c.lower_ == "for"), None)
            if prep is not None and any(True for _ in prep.children):
                parts = [(prep.i + 1, prep.right_edge.i + 1)]
                how = "called for"
        if not parts and "infinitive" in frames:
            clause = next((c for c in cue.children if c.dep_ == "xcomp"
                           and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)), None)
            if clause is not None:
                parts = [(clause.left_edge.i, clause.right_edge.i + 1)]
                how = "claimed to"
        if not parts and "object" in frames:
            obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
            if obj is not None and obj.lower_ not in CONTENTLESS and obj.pos_ != "PRON":
                parts = [(obj.left_edge.i, obj.right_edge.i + 1)]
                how = "object"
        if not parts and "as" in frames:
            parts = self._characterisation(cue)
            how = "described ... as"
        spans = [self._char_span(a, b) for a, b in parts]
        spans = [s for s in spans if s is not None]
        if not spans and "quote" in frames:
            region = self._adjacent_region(cue, subject)
            if region is not None:
                spans = [CharSpan(region.start, region.end)]
                how = "adjacent quotation"
        if not spans:
            return None
        spans = [self._snap(s) for s in spans]
        if subject is None:
            subject = self._named_before(cue)
            if subject is not None:
                # The parser tied the speaker into the content ("..., Human Rights Watch said").
                first = self.doc[phrase_start(subject)].idx
                spans = [CharSpan(s.start, min(s.end, first)) for s in spans if s.start < first]
                spans = [self._char_span_chars(s) for s in spans]
                spans = [s for s in spans if s is not None]
                if not spans:
                    return None
        if subject is None and not any(self._region_overlapping(s) for s in spans):
            return None  # reported speech with nobody reporting it is narration
        quote = Quote(kind="", parts=spans, cue=cue_span, how=how)
        self._set_speaker(quote, subject)
        quote.addressee = self._addressee(cue)
        return quote

    def _characterisation(self, cue: Token) -> list[tuple[int, int]]:
        """ 'described him as a "serial liar"', 'called the delay "wholly unacceptable"',
        'warned against "declaring victory too early"': the thing characterised and the
        quoted words that characterise it — only when there are quoted words."""
        obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
        if obj is not None:
            start = obj.left_edge.i
            edge = obj.right_edge.i
            after = obj.i
        else:
            prep = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ in ("against", "as")), None)
            if prep is None:
                return []
            start, edge, after = prep.i, prep.right_edge.i, prep.i
        for child in cue.children:
            if child.i > after and (child.dep_ in ("oprd", "ccomp", "xcomp", "acomp", "attr")
                                    or (child.dep_ == "prep" and child.lower_ in ("as", "against"))):
                edge = max(edge, child.right_edge.i)
        sentence = sentence_of(self.doc, cue.i)
        first = self.doc[start].idx
        region = next((r for r in self.regions if first <= r.start < sentence.end_char), None)
        if region is None or region.start > self.doc[edge].idx + len(self.doc[edge].text) + 2:
            return []
        end = edge + 1
        while end < sentence.end and self.doc[end].idx < region.end:
            end += 1  # the quoted words may run past what the parser hung on the cue
        return [(start, end)]

    def _according(self, token: Token, cue_span: CharSpan) -> tuple[Quote | None, Token | None]:
        """ "According to X, ..." / "..., according to X." A statement attributed to
        someone whose own report it is (X said ..., according to AP) is a source of
        that quote, not a quote of its own."""
        to = self.doc[token.i + 1]
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None:
            return None, None
        head = token.head
        if head.i == token.i:
            return None, None
        if self._cue_at(head) is not None and self._subject(head) is not None:
            return None, head
        clause_start, clause_end = head.left_edge.i, head.right_edge.i + 1
        phrase_start_i, phrase_end_i = token.i, source.right_edge.i + 1
        if head.i < phrase_start_i:
            part = (clause_start, phrase_start_i)
        else:
            part = (phrase_end_i, clause_end)
        span = self._char_span(*part)
        if span is None:
            return None, None
        quote = Quote(kind="", parts=[self._snap(span)], cue=cue_span, how="according to")
        self._set_speaker(quote, source)
        return quote, None

    def _named_before(self, cue: Token) -> Token | None:
        """A person or organisation written right before the cue, after a comma:
        the speaker of "..., Human Rights Watch said" when the parse lost it."""
        if cue.i == 0:
            return None
        before = self.doc[cue.i - 1]
        entity = self.owner.get(before.i)
        if entity is None or entity.type not in ("PERSON", "ORG"):
            return None
        mention = next((m for m in entity.mentions if m.i <= before.i < m.j), None)
        if mention is None or mention.i == 0 or self.doc[mention.i - 1].text != ",":
            if mention is None or mention.i == 0 or self.doc[mention.i - 1].lower_ not in (",", "the"):
                return None
        return before

    def _char_span_chars(self, span: CharSpan) -> CharSpan | None:
        tokens = self.doc.char_span(span.start, span.end, alignment_mode="contract")
        if tokens is None or len(tokens) == 0:
            return None
        return self._char_span(tokens.start, tokens.end)

    def _attribution(self, cue: Token, subject: Token | None) -> tuple[int, int]:
        """First and last token of "Zelensky also said" / "said X, a doctor,"."""
        first = last = cue.i
        if subject is not None:
            first, last = min(first, subject.left_edge.i), max(last, subject.right_edge.i)
        for child in cue.children:
            if child.dep_ in ("advmod", "npadvmod", "aux", "neg") and (child.i == first - 1 or child.i == last + 1):
                first, last = min(first, child.i), max(last, child.i)
        return first, last

    def _complement(self, cue: Token) -> Token | None:
        """The complement clause; when the parser gives two, the one holding a quotation,
        else the one after the cue."""
        clauses = [c for c in cue.children if c.dep_ == "ccomp"]
        if not clauses:
            # "said outside the courthouse that her client was ...", "said in a statement
            # that ...": the parser hung the clause on the noun; "that" and a subject give it away
            for prep in (c for c in cue.children if c.dep_ == "prep" and c.i > cue.i):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    for clause in (c for c in pobj.children if c.dep_ in ("relcl", "acl")):
                        if any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children) and \
                                any(m.dep_ in ("nsubj", "nsubjpass") for m in clause.children):
                            return clause
        if len(clauses) <= 1:
            return clauses[0] if clauses else None
        quoted = [c for c in clauses if self._region_overlapping(
            CharSpan(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)))]
        if len(quoted) == 1:
            return quoted[0]
        after = [c for c in clauses if c.i > cue.i]
        return after[0] if after else clauses[-1]

    def _subject(self, cue: Token) -> Token | None:
        node = cue
        if cue.tag_ == "VBG" and cue.dep_ == "advcl":
            # "asked why it had not acted, calling the delay ...": the one who asked
            node = cue.head
            while node.dep_ == "ccomp" and node.head.i != node.i:
                node = node.head
        for _ in range(3):
            # The parser may give two subjects ("Russia Foreign Minister Sergei Lavrov said"):
            # the one nearest the verb heads the speaker's phrase.
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
            subject = min(subjects, key=lambda c: abs(c.i - node.i)) if subjects else None
            if subject is not None:
                if subject.dep_ == "nsubjpass":
                    return None  # "she was told": the subject is the addressee
                if subject.lower_ in RELATIVE and node.dep_ == "relcl":
                    return node.head
                return subject
            if node.dep_ in ("conj", "xcomp", "advcl") and node.head.i != node.i:
                node = node.head
                continue
            if node.dep_ == "acl" and node.head.pos_ in ("NOUN", "PROPN"):
                return None  # "a statement saying ...": the speaker is not named here
            break
        return None

    def _set_speaker(self, quote: Quote, subject: Token | None) -> None:
        if subject is None:
            return
        # "union leader Carlos Mendoza": a title noun the parser made the head, with the
        # name hung on it — the name is the speaker.
        named = next((c for c in subject.rights if c.dep_ in ("appos", "compound", "flat")
                      and c.i == subject.right_edge.i and self.owner.get(c.i) is not None
                      and self.owner[c.i].type == "PERSON" and c.i <= subject.i + 3), None)
        actor = self.actor_at.get(subject.i)
        if subject.pos_ == "PRON":
            span = CharSpan.of(subject)
        elif actor is not None:
            span = actor.span
        else:
            start = phrase_start(subject)
            span = CharSpan(self.doc[start].idx, subject.idx + len(subject.text))
        if named is not None:
            span = CharSpan(span.start, named.idx + len(named.text))
            actor = self.actor_at.get(named.i, actor)
        quote.speaker = span
        quote.speaker_head = subject.i
        entity = self.owner.get(named.i if named is not None else subject.i)
        if entity is None and actor is not None:
            entity = actor.entity
        if entity is None:
            # "The M23 rebel group": the organisation named inside the phrase.
            inner = [self.owner[c.i] for c in subject.lefts if c.dep_ == "compound" and c.i in self.owner]
            inner = [e for e in inner if e.type == "ORG"]
            entity = inner[0] if len(inner) == 1 else None
        quote.entity = entity
        quote.actor = actor

    def _addressee(self, cue: Token) -> CharSpan | None:
        if cue.lemma_ not in ("tell", "inform", "assure", "warn", "brief", "remind"):
            return None
        target = next((c for c in cue.children if c.dep_ in ("dobj", "dative", "iobj")), None)
        if target is None:
            return None
        last = target.right_edge  # "thousands of supporters"
        return CharSpan(target.left_edge.idx, last.idx + len(last.text))

    # ---- spans -----------------------------------------------------------------

    def _char_span(self, a: int, b: int) -> CharSpan | None:
        doc = self.doc
        # Trim punctuation and spaces at the edges, but keep quotation marks.
        while a < b and (doc[a].is_space or (doc[a].is_punct and not self._is_mark(doc[a]))):
            a += 1
        while b > a and (doc[b - 1].is_space or (doc[b - 1].is_punct and not self._is_mark(doc[b - 1]))):
            b -= 1
        if b <= a:
            return None
        return CharSpan(doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text))

    def _is_mark(self, token: Token) -> bool:
        return token.idx in self.mark_chars

    def _snap(self, span: CharSpan) -> CharSpan:
        """Stretch a content span over quotation marks it cuts through, and drop a lone
        unmatched mark at its edges."""
        start, end = span.start, span.end
        for region in self.regions:
            if region.start < end and start < region.end:
                start, end = min(start, region.start), max(end, region.end)
        return CharSpan(start, end)

    def _in_region(self, position: int) -> bool:
        return position in self.quoted_chars

    def _region_overlapping(self, span: CharSpan) -> Quoted | None:
        return next((r for r in self.regions if r.start < span.end and span.start < r.end), None)

    def _in_headline(self, token: Token) -> bool:
        return self.headline is not None and self.headline.start <= token.idx < self.headline.end

    def _adjacent_region(self, cue: Token, subject: Token | None) -> Quoted | None:
        """A quotation right before or after the attribution, with only punctuation or a
        time phrase between: '"...," said X', 'X said: "..."'."""
        ends = [cue.idx + len(cue.text)]
        starts = [cue.idx]
        if subject is not None:
            starts.append(self.doc[phrase_start(subject)].idx)
            ends.append(subject.idx + len(subject.text))
        left, right = min(starts), max(ends)
        sentence = sentence_of(self.doc, cue.i)
        for region in self.regions:
            if region.start >= right and region.start < sentence.end_char + 2:
                between = self.text[right:region.start]
                if not between.strip(" ,:;\u2014-\n"):
                    return region
        for region in reversed(self.regions):
            if region.end <= left and region.end > sentence.start_char - 2:
                between = self.text[region.end:left]
                # not across a paragraph break: '..." \n Other scientists urged caution.'
                if not between.strip(" ,:;\u2014-") and "\n" not in between:
                    return region
        return None

    def _phrase_after(self, cue_span: CharSpan) -> CharSpan | None:
        span = self.doc.char_span(cue_span.start, cue_span.end, alignment_mode="expand")
        token = span[0] if span is not None and len(span) and span[0].idx == cue_span.start else None
        if token is None:
            return None
        to = self.doc[token.i + 1]
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None:
            return None
        actor = self.actor_at.get(source.i)
        if actor is not None:
            return actor.span
        start = phrase_start(source)
        return CharSpan(self.doc[start].idx, source.idx + len(source.text))

    # ---- quotations without a cue ----------------------------------------------

    def _drop_nested(self, quotes: list[Quote]) -> list[Quote]:
        """A cue inside another quote's content reports speech within speech: the outer
        quote holds it."""
        kept = []
        for quote in quotes:
            inside = any(other is not quote and any(p.contains(quote.cue) for p in other.parts)
                         for other in quotes if quote.cue is not None)
            duplicate = any(k.parts == quote.parts for k in kept)
            if not inside and not duplicate:
                kept.append(quote)
        return kept

    def _merge(self, parts: list[CharSpan]) -> list[CharSpan]:
        """Parts with only white space between them (a quote running over a paragraph
        break) are one part."""
        merged: list[CharSpan] = []
        for part in sorted(parts):
            if merged and not self.text[merged[-1].end:part.start].strip():
                merged[-1] = CharSpan(merged[-1].start, max(merged[-1].end, part.end))
            else:
                merged.append(part)
        return merged

    def _headline_colon(self, found: list[Quote]) -> Quote | None:
        """Headlinese "UN aid chief: Gaza aid a 'drop in the ocean'": speaker, colon, words."""
        if self.headline is None or any(self._in_headline_span(q) for q in found):
            return None
        text = self.text[self.headline.start:self.headline.end]
        colon = text.find(":")
        if colon <= 0 or self._in_region(self.headline.start + colon):
            return None
        speaker_end = self.headline.start + colon
        speaker_start = self.headline.start + len(text[:colon]) - len(text[:colon].lstrip())
        tokens = [t for t in self.doc.char_span(speaker_start, speaker_end, alignment_mode="expand") or []
                  if speaker_start <= t.idx < speaker_end] if speaker_end > speaker_start else []
        if not tokens or len(tokens) > 6:
            return None
        head = tokens[-1]
        if head.i not in self.actor_at and self.owner.get(head.i) is None:
            return None
        rest = text[colon + 1:]
        content_start = speaker_end + 1 + len(rest) - len(rest.lstrip())
        if content_start >= self.headline.end:
            return None
        quote = Quote(kind="", parts=[CharSpan(content_start, self.headline.end)], how="headline colon")
        quote.speaker = CharSpan(speaker_start, speaker_end)
        quote.speaker_head = head.i
        quote.entity = self.owner.get(head.i) or (self.actor_at[head.i].entity if head.i in self.actor_at else None)
        quote.actor = self.actor_at.get(head.i)
        return quote

    def _in_headline_span(self, quote: Quote) -> bool:
        return any(self.headline.start <= p.start < self.headline.end for p in quote.parts)

    def _orphans(self, found: list[Quote]) -> list[Quote]:
        claimed = [p for q in found for p in q.parts]
        added: list[Quote] = []
        for n, region in enumerate(self.regions):
            span = CharSpan(region.start, region.end)
            if any(p.overlaps(span) for p in claimed):
                continue
            following = self.regions[n + 1] if n + 1 < len(self.regions) else None
            if region.close_len == 0 and following is not None and following.continued:
                # A paragraph that opens a quote the next paragraph carries on: it belongs
                # to whichever quote holds the continuation.
                owner = next((q for q in found + added
                              if any(p.overlaps(CharSpan(following.start, following.end)) for p in q.parts)), None)
                if owner is not None:
                    owner.parts.append(span)
                    claimed.append(span)
                    continue
            previous = self._previous_quote(found + added, region) or self._next_quote(found + added, region)
            if previous is not None:
                previous.parts.append(span)
                claimed.append(span)
                continue
            if not self._reads_like_speech(region):
                continue
            quote = Quote(kind="direct", parts=[span], how="quotation")
            subject = self._neighbour_speaker(region)
            if subject is not None:
                self._set_speaker(quote, subject)
                quote.how = "quotation, speaker in a neighbouring sentence"
            added.append(quote)
            claimed.append(span)
        return added

    def _previous_quote(self, quotes: list[Quote], region: Quoted) -> Quote | None:
        """The quote this quotation continues: the one right before it when only its own
        attribution (or a paragraph break) stands between them."""
        before = [q for q in quotes if max(p.end for p in q.parts) <= region.start]
        if not before:
            return None
        quote = max(before, key=lambda q: max(p.end for p in q.parts))
        last = max(quote.parts, key=lambda p: p.end)
        if not self._region_overlapping(last):
            return None
        between = self.text[last.end:region.start]
        for span in (quote.cue, quote.speaker, quote.addressee):
            if span is not None and last.end <= span.start and span.end <= region.start:
                between = between.replace(self.text[span.start:span.end], " ", 1)
        if region.continued or not between.strip(" ,.:;\n"):
            return quote
        # '"A," she said outside the factory. "B."': the next sentence opens with more of it.
        if quote.cue is not None and last.end <= quote.cue.start < region.start:
            here = self._sentence_at(region.start)
            there = self._sentence_at(quote.cue.start)
            if here is not None and there is not None and here.start == there.end and \
                    not self.text[here.start_char:region.start].strip() and "\n" not in between:
                return quote
        return None

    def _next_quote(self, quotes: list[Quote], region: Quoted) -> Quote | None:
        """ '"A," he said, "B."': the quote whose attribution, and nothing else, stands
        between this quotation and its own first part."""
        after = [q for q in quotes if q.cue is not None and min(p.start for p in q.parts) >= region.end]
        if not after:
            return None
        quote = min(after, key=lambda q: min(p.start for p in q.parts))
        first = min(quote.parts, key=lambda p: p.start)
        if not self._region_overlapping(first) or not (region.end <= quote.cue.start < first.start):
            return None
        between = self.text[region.end:first.start]
        if "\n" in between:
            return None
        for span in (quote.cue, quote.speaker, quote.addressee):
            if span is not None and region.end <= span.start and span.end <= first.start:
                between = between.replace(self.text[span.start:span.end], " ", 1)
        return quote if not between.strip(" ,.:;") else None

    def _sentence_at(self, position: int) -> Span | None:
        span = self.doc.char_span(position, position + 1, alignment_mode="expand")
        return sentence_of(self.doc, span.start) if span is not None and len(span) else None

    def _reads_like_speech(self, region: Quoted) -> bool:
        inner_start, inner_end = region.inner
        tokens = list(self.doc.char_span(inner_start, inner_end, alignment_mode="expand") or []) if inner_end > inner_start else []
        tokens = [t for t in tokens if inner_start <= t.idx < inner_end]
        words = [t for t in tokens if not t.is_punct and not t.is_space]
        has_verb = any(t.pos_ in ("VERB", "AUX") for t in tokens)
        return len(words) >= MIN_QUOTE_WORDS and has_verb

    def _neighbour_speaker(self, region: Quoted) -> Token | None:
        """The subject of the sentence before the quotation (a person or organisation),
        or of the sentence after it when that one speaks of remarks or saying."""
        sentences = list(self.doc.sents)
        index = next((n for n, s in enumerate(sentences) if s.start_char <= region.start < s.end_char), None)
        if index is None:
            return None
        first = index
        last = next((n for n, s in enumerate(sentences) if s.start_char < region.end <= s.end_char), index)
        if first > 0:
            subject = self._sentence_subject(sentences[first - 1])
            if subject is not None:
                return subject
        if last + 1 < len(sentences):
            after = sentences[last + 1]
            if any(t.lower_ in SPEECH_NOUNS or (t.lemma_ in self.cues and t.pos_ == "VERB") for t in after):
                subject = self._sentence_subject(after)
                if subject is not None:
                    return subject
                for token in after:
                    entity = self.owner.get(token.i)
                    if entity is not None and entity.type in ("PERSON", "ORG") and token.dep_ in ("pobj", "poss"):
                        return token
        return None

    def _sentence_subject(self, sentence: Span) -> Token | None:
        root = sentence.root
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subject is None:
            return None
        entity = self.owner.get(subject.i)
        if entity is not None and entity.type in ("PERSON", "ORG") or (
                subject.i in self.actor_at and self.actor_at[subject.i].sectors):
            return subject
        return None

    def _kind(self, parts: list[CharSpan]) -> str:
        inside = outside = 0
        for part in parts:
            for token in self.doc.char_span(part.start, part.end, alignment_mode="expand") or []:
                if token.is_punct or token.is_space:
                    continue
                if self._in_region(token.idx):
                    inside += 1
                else:
                    outside += 1
        if inside and not outside:
            return "direct"
        return "mixed" if inside else "indirect"
