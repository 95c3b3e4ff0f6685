"""Whether a trigger is news, and whose clause it is: is it asserted (not the setting
of the news), is it political (not a storm or a football match), which verbs govern
it ("threatened to ban"), and who is the subject of its clause.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...knowledge.events import CONFLICTUAL, Pattern
from ...nlp.syntax import sentence_of
from .context import EventContext, is_nominal


def asserted(ctx: EventContext, trigger: Token, pattern: Pattern | None = None) -> bool:
    """False for an event that sets the scene: in a relative clause, a temporal or
    causal clause, or a phrase such as "after the killing of ..."."""
    background = ctx.words.background_marks
    node = trigger
    while node.head.i != node.i:
        if node.dep_ in ("relcl", "acl"):
            # "residents protesting against power cuts", "activists who blocked the port": what
            # the people in the news were doing is news too; the clause of those people decides.
            doing = node.dep_ == "acl" and node.tag_ == "VBG"  # "residents protesting"
            if node is trigger and pattern is not None and (pattern.type == "PROTEST" or doing) \
                    and ctx.is_actor(node.head):
                node = node.head
                continue
            return False
        if node.dep_ in ("advcl", "pcomp") and any(c.dep_ == "mark" and c.lower_ in background for c in node.children):
            return False
        if node.dep_ == "pobj" and node.head.lower_ in background:
            return False
        if node.dep_ == "advcl" and node.lower_ in background:
            return False
        node = node.head
    return True


def not_political(ctx: EventContext, trigger: Token, pattern: Pattern) -> bool:
    """An earthquake that struck, a typhoon that slammed into a coast, a team that
    beat another: the words of violence and criticism outside politics."""
    nature = ctx.words.nature
    subjects = [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and not is_nominal(trigger):
        # "an earthquake struck ..., killing 50,000": the subject of the clause it hangs on
        subjects = subject_of(ctx, trigger)[0]
    words = {w for s in subjects for w in (s.lemma_.lower(), s.lower_)} | {
        w for s in subjects for c in s.children if c.dep_ in ("compound", "amod") for w in (c.lemma_.lower(), c.lower_)}
    if words & nature:  # "Typhoon Haiyan slammed into ..."
        return True
    # "Japanese shares retreated", "a bus plunged ..., killing 20" (the head itself: a car bomb
    # is a bomb), "fans stormed the pitch", "the cricket board banned ..."
    heads = {w for s in subjects for w in (s.lemma_.lower(), s.lower_)}
    if heads & (ctx.words.markets | ctx.words.transport) or words & ctx.words.sport_people:
        return True
    if is_nominal(trigger) and trigger.head.lemma_.lower() in nature:
        return True
    if is_nominal(trigger) and pattern.type == "ASSAULT" and trigger.ent_type_ == "EVENT" and trigger.is_title:
        return True  # "a film about the Falklands War": the name of a past war, not a new attack
    # A fight against an ill is no act against anyone; a talk about one still is a talk.
    ills = nature | ctx.words.concepts if pattern.type in CONFLICTUAL else nature
    objects = [c for c in trigger.children if c.dep_ == "dobj"]
    if objects and all({o.lemma_.lower(), o.lower_} & ills for o in objects):
        return True  # "to help fight the coronavirus outbreak", "to fight inflation"
    targets = [o for p in trigger.children if p.dep_ == "prep" and p.lower_ in ("on", "against")
               for o in p.children if o.dep_ == "pobj"]
    if is_nominal(trigger) and targets and all({o.lemma_.lower(), o.lower_} & ills for o in targets):
        return True  # "declared war on inflation"
    # "fined the Argentine football federation", "banned a cricketer": sport's own discipline
    if any(({o.lower_} | {c.lower_ for c in o.children if c.dep_ in ("compound", "amod")}) & ctx.words.sport_people
           for o in objects):
        return True
    if pattern.type in ("ASSAULT", "ACCUSE", "REJECT"):
        sentence = sentence_of(ctx.doc, trigger.i)
        words = {t.lower_ for t in sentence}
        if words & ctx.words.sport or any(t.like_num and "-" in t.text for t in sentence):
            return True
    return False


def not_an_act(ctx: EventContext, trigger: Token, pattern: Pattern) -> bool:
    """Words of an act that here do no act: "declined to comment" (no refusal of anyone),
    "asked whether India would join" (a question, no request), "experts warn that tensions
    could escalate" (a forecast, no threat: what could happen is no one's act)."""
    words = ctx.words
    if pattern.type == "REJECT":
        comp = next((c for c in trigger.children if c.dep_ == "xcomp"), None)
        if comp is not None and comp.lemma_.lower() in words.no_comment:
            return True
    if pattern.type == "REQUEST" and trigger.lemma_.lower() in ("ask", "inquire", "enquire", "wonder"):
        for clause in (c for c in trigger.children if c.dep_ == "ccomp"):
            if any(t.lower_ in words.question_words and t.i < clause.i for t in clause.subtree):
                return True
    if pattern.type == "THREATEN" and not any(c.dep_ in ("dobj", "dative") for c in trigger.children):
        for clause in (c for c in trigger.children if c.dep_ == "ccomp"):
            subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            possible = any(c.dep_ == "aux" and c.lower_ in words.possible for c in clause.children)
            if possible and subjects and not ctx.is_actor(subjects[0]):
                return True
    return False


def governors(ctx: EventContext, trigger: Token) -> list[Token]:
    """The chain of verbs and adjectives a trigger hangs from by to-complements
    ("threatened to ban", "is willing to withdraw", "may be on track to declare")."""
    chain = []
    node = trigger
    for _ in range(5):
        if node.dep_ in ("xcomp", "conj") or (node.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)):
            node = node.head
            chain.append(node)
            continue
        if node.dep_ == "pobj" and node.head.dep_ == "prep":
            # "on track to declare": climb through the preposition
            node = node.head.head
            chain.append(node)
            continue
        if node.dep_ == "acomp" or (node.dep_ in ("dobj", "attr") and is_nominal(node)
                                    and node.head.lemma_ in ctx.words.light_verbs):
            node = node.head
            chain.append(node)
            continue
        break
    return chain


def subject_of(ctx: EventContext, token: Token) -> tuple[list[Token], str | None]:
    """Subject heads of the clause a trigger belongs to, climbing complements, with a
    note when they were found in the reporting clause."""
    attitudes = ctx.words.intended | ctx.words.planned
    node = token
    for _ in range(6):
        agent = next((c for c in node.children if c.dep_ == "agent"), None)
        if agent is not None:
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return ctx.coordinated(pobj), None
        subjects = [c for c in node.children if c.dep_ == "nsubj"]
        if not subjects and node.lemma_.lower() in attitudes:
            # "Vietnam is committed to ...": the passive subject of an attitude is its holder
            subjects = [c for c in node.children if c.dep_ == "nsubjpass"]
        if subjects:
            subject = subjects[-1]
            if subject.lower_ in ("who", "which", "that") and node.dep_ == "relcl":
                return ctx.coordinated(node.head), None
            if subject.pos_ == "PRON" and subject.i not in ctx.entity_at:
                matrix = matrix_subject(ctx, node, subject)
                if matrix is not None:
                    return ctx.coordinated(matrix), "the subject of the reporting clause"
            return ctx.coordinated(subject), None
        if any(c.dep_ == "nsubjpass" for c in node.children):
            return [], None  # passive with no agent: the doer is not stated
        if node.dep_ == "acl" and node.tag_ == "VBG" and node.head.pos_ in ("NOUN", "PROPN"):
            return ctx.coordinated(node.head), None  # "residents protesting ...": the residents
        if node.dep_ in ("xcomp", "conj", "advcl", "acomp"):
            node = node.head
            continue
        if node.dep_ in ("pobj", "pcomp") and node.head.dep_ in ("prep", "agent"):
            node = node.head.head
            continue
        break
    return [], None


def matrix_subject(ctx: EventContext, verb: Token, pronoun: Token) -> Token | None:
    """ "Syria says it is willing ...", "The rebels said they will ...": a pronoun
    subject of a reported clause is the reporter, when number agrees."""
    entity_at, actor_at = ctx.entity_at, ctx.actor_at
    node = verb
    while node.dep_ in ("conj", "xcomp") and node.head.i != node.i:
        node = node.head
    if node.dep_ != "ccomp":
        return None
    reporter = next((c for c in node.head.children if c.dep_ == "nsubj"), None)
    if reporter is None or reporter.pos_ == "PRON":
        return None
    plural = reporter.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in reporter.children)
    word = pronoun.lower_
    reporter_entity = entity_at.get(reporter.i)
    if word in ("it",) and not plural and reporter_entity is not None and reporter_entity.type in ("GPE", "ORG"):
        return reporter
    if word in ("it",) and not plural and reporter.i in actor_at and actor_at[reporter.i].entity is None \
            and reporter.lower_ not in ("he", "she"):
        return reporter
    if word in ("they", "we") and (plural or (reporter_entity is not None and reporter_entity.type in ("GPE", "ORG"))):
        return reporter
    if word in ("he", "she") and reporter_entity is not None and reporter_entity.type == "PERSON":
        return reporter
    return None
