"""Who the actor and the recipient of an event are: the heads that fill each role, and
the `Role` they make (entities, countries, sectors), with the country a role of no stated
country takes from where it is, whom it faces, or whose homeland it names.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...document.article import CharSpan
from ...document.layers import Event, Role
from ...knowledge.events import STATE_SECTORS, Pattern
from .clauses import subject_of
from .context import FIRST_PERSON, LOCATIVE_PREPOSITIONS, EventContext
from .recipient_sources import recipient_heads


def role_of(ctx: EventContext, heads: list[Token]) -> Role:
    """The role the heads fill, coded from their actor phrases or entities."""
    if not heads:
        return Role([], None)
    heads = [ctx.partitive(h) for h in heads]
    role = Role([h.i for h in heads], None)
    starts, ends = [], []
    for head in heads:
        actor = ctx.actor_at.get(head.i)
        entity = ctx.entity_at.get(head.i)
        if head.lower_ in FIRST_PERSON and head.pos_ == "PRON" and head.i in ctx.quote_of:
            # "come to meet me": in a quotation, I and we are the speaker
            quote = ctx.quote_of[head.i]
            if quote.speaker_head is not None:
                actor = ctx.actor_at.get(quote.speaker_head)
                entity = quote.entity or entity
        group = ctx.group_reference(head) if actor is None and entity is None else None
        if group:
            for country in group:
                if country not in role.countries:
                    role.countries.append(country)
            role.note = "the countries the article has been about"
            starts.append(head.left_edge.idx)
            ends.append(head.idx + len(head.text))
            continue
        country, sectors, span = None, [], CharSpan.of(head)
        if actor is not None:
            country, sectors, span = actor.country, list(actor.sectors), actor.span
            entity = actor.entity or entity
        elif entity is not None:
            country, sectors = entity.country, list(entity.sectors)
            if entity.nation is None and entity.type in ("GPE", "LOC", "FAC") and entity.place is None:
                country = None
        if entity is not None and entity not in role.entities:
            role.entities.append(entity)
        if country and country not in role.countries:
            role.countries.append(country)
        # "U.S. and Russian negotiators", "Senior Hungarian and Romanian officials"
        for extra in ctx.coordinated_countries(head):
            if extra not in role.countries:
                role.countries.append(extra)
        for sector in sectors:
            if sector not in role.sectors:
                role.sectors.append(sector)
        starts.append(span.start)
        ends.append(span.end)
    role.span = CharSpan(min(starts), max(ends))
    return role


def noun_actor(ctx: EventContext, noun: Token) -> tuple[list[Token], str | None]:
    """Who does what an event noun names: its possessive, "by X", a nationality word or
    compound, or the subject of the light verb that carries it ("held talks")."""
    for child in noun.children:
        if child.dep_ == "poss" and ctx.is_actor(child) and (child.pos_ != "PRON" or child.i in ctx.entity_at):
            return ctx.coordinated(child), None
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and ctx.is_actor(pobj):
                return ctx.coordinated(pobj), None
    for child in noun.lefts:
        if child.dep_ in ("amod", "compound", "nmod") and (child.i in ctx.entity_at or child.i in ctx.actor_at):
            entity = ctx.entity_at.get(child.i)
            if entity is None or entity.type in ("GPE", "ORG", "NORP", "PERSON"):
                return [child], None
    # "held talks", "imposed sanctions": the light verb's subject
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_.lower() in ctx.words.light_verbs:
        return subject_of(ctx, noun.head)
    # "returned to Geneva for talks"
    if noun.dep_ == "pobj" and noun.head.lower_ in ("for", "to", "on") and \
            noun.head.head.lemma_.lower() in ctx.words.motion_verbs:
        return subject_of(ctx, noun.head.head)
    for child in noun.children:
        if child.dep_ == "poss" and ctx.is_actor(child):
            return ctx.coordinated(child), None
    return [], None


def between(ctx: EventContext, noun: Token) -> list[Token]:
    """ "talks between A and B": the parties named after between or among."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("between", "among", "amongst"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return ctx.coordinated(pobj)
    return []


def recipient(ctx: EventContext, trigger: Token, pattern: Pattern, actor: Role | None) -> Role | None:
    """The first of the pattern's recipient sources that names someone other than the
    actor, preferring one with a country."""
    actor_heads = set(actor.heads) if actor else set()
    fallback = None
    for source in pattern.recipient:
        for head in recipient_heads(ctx, trigger, source):
            if head.i in actor_heads:
                continue
            country = homeland(ctx, head)
            if country is not None:
                return country
            head = ctx.partitive(head)
            owner = head if (head.i in ctx.actor_at or head.i in ctx.entity_at or head.pos_ == "PRON"
                             or ctx.group_reference(head) is not None) else ctx.owner_of(head)
            if owner is not None and owner.i not in actor_heads:
                role = role_of(ctx, ctx.coordinated(owner))
                if role is not None and not role.empty and (role.countries or role.sectors or role.entities):
                    if not role.countries:
                        # "76 hostages from a hideout in Zamfara state", "24 hostages,
                        # including 13 Israelis": people of no stated country, placed
                        place_role(ctx, role, owner)
                    if role.countries or source == "complement":
                        return role  # the subject of what was said is who it is said of
                    # no country: a later source may name one ("... if the United States")
                    fallback = fallback or role
    return fallback


def homeland(ctx: EventContext, head: Token) -> Role | None:
    """ "his country", "their homeland": the country of whoever the possessive is."""
    if head.lemma_.lower() not in ("country", "nation", "homeland", "motherland", "territory"):
        return None
    poss = next((c for c in head.children if c.dep_ == "poss"), None)
    entity = ctx.entity_at.get(poss.i) if poss is not None else None
    if entity is None or not entity.country:
        return None
    country = ctx.doc._.layers.entities and next(
        (e for e in ctx.doc._.layers.entities if e.nation is not None and e.country == entity.country), None)
    role = Role([head.i], CharSpan(poss.idx, head.idx + len(head.text)), countries=[entity.country])
    if country:
        role.entities.append(country)
    role.note = f"the country of {entity.name}"
    return role


def place_role(ctx: EventContext, role: Role, head: Token) -> None:
    """Give a role of people with no stated country the country they are in or from."""
    owner = ctx.owner_of(head)
    if owner is not None:
        other = role_of(ctx, [owner])
        if other is not None and other.countries:
            role.countries = list(other.countries)
            role.note = "the country they belong to or are in"
            return
    for token in head.subtree:
        if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPOSITIONS | {"from"}:
            country = ctx.place_country(token)
            if country:
                role.countries = [country]
                role.note = "the country they are in"
                return


def location(ctx: EventContext, trigger: Token, skip: set[int]) -> Role | None:
    """Where the event happens, from an "in"/"at"/"near" phrase of its own clause:
    "blew themselves up in Tel Aviv", "blocked roads in Algiers"."""
    root = trigger
    while root.dep_ in ("advcl", "xcomp", "conj", "acl") and root.head.i != root.i:
        root = root.head  # "a car bomb ripped through a market in Baghdad, killing dozens"
    for token in root.subtree:
        if token.i in skip or token.dep_ != "pobj" or token.head.lower_ not in LOCATIVE_PREPOSITIONS:
            continue
        country = ctx.place_country(token)
        if country:
            entity = ctx.entity_at.get(token.i)
            role = Role([token.i], CharSpan(token.idx, token.idx + len(token.text)), countries=[country])
            if entity is not None and entity.nation is not None:
                role.entities.append(entity)
            role.note = "the country where it happened"
            return role
    return None


def domestic(event: Event) -> None:
    """ "Kenyan activists criticised the government", "police detained Egyptian
    protesters": a state body of no stated country, facing the people of one country,
    is that country's; and people of no stated country facing one state's body are its
    people ("rebels attacked Malian troops"). Only people, not a country itself:
    "Russia criticised the government" says nothing of whose."""
    def state(role: Role) -> bool:
        return bool(role.sectors) and set(role.sectors) <= STATE_SECTORS

    def people(role: Role) -> bool:
        return bool(role.sectors) and not set(role.sectors) & STATE_SECTORS

    for one, other in ((event.recipient, event.actor), (event.actor, event.recipient)):
        if one is None or other is None or one.empty or other.empty or one.countries \
                or len(set(other.countries)) != 1:
            continue
        if state(one) and people(other):
            one.countries, one.note = [other.countries[0]], "the state of the people it faces"
        elif people(one) and state(other):
            one.countries, one.note = [other.countries[0]], "the people of the state they face"
