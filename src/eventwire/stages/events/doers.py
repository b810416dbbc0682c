"""Who acts: the actor a phrase names (a pronoun resolved to the organisation it stands
for, a relative pronoun to its antecedent), coordinated sides, named owners.
"""

from __future__ import annotations

import unicodedata

from spacy.tokens import Token

from eventwire.knowledge.event_lexicon import is_person, nouns
from eventwire.knowledge.words import listed
from eventwire.model import Actor, ActorKind, Arg, Span
from eventwire.stages.events.args import (
    _COLLECTIVE,
    _DONE_TO,
    _LOCATIVE,
    _NAMED,
    _ORG_KINDS,
    _PRONOUNS,
    _RELATIVE,
    Args,
    Index,
)
from eventwire.stages.events.phrases import np_span
from eventwire.syntax import conjuncts

# ------------------------------------------------------------------ classifying arguments


def _antecedent(token: Token) -> Token:
    """The noun a relative pronoun stands for ("Soleimani's death, who was…" → Soleimani)."""
    if token.lower_ not in _RELATIVE:
        return token
    clause = token.head
    while clause.dep_ != "relcl" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "relcl":
        return token
    noun = clause.head
    if noun.lemma_.lower() in _DONE_TO:
        for child in noun.children:
            if child.dep_ == "poss":
                return child
    return _placed_noun(noun)


def _placed_noun(noun: Token) -> Token:
    """For a place name that ends a noun's locative phrase, the noun: in "the bombing in
    Peshawar, Pakistan, which killed 73", "which" is the bombing, not the city."""
    if noun.ent_type_ not in ("GPE", "LOC"):
        return noun
    node = noun
    while node.dep_ in ("appos", "conj", "compound") and node.head.i != node.i:
        node = node.head
    prep = node.head
    if node.dep_ == "pobj" and prep.lower_ in _LOCATIVE and prep.head.pos_ in ("NOUN", "PROPN"):
        return prep.head
    return noun


def _is_person_np(index: Index, head: Token, actor: Actor | None) -> bool:
    if actor is not None and actor.kind in (ActorKind.PERSON, ActorKind.CIVILIANS):
        return True
    if head.ent_type_ in ("PERSON", "NORP") and head.pos_ == "PROPN":
        return True
    return head.pos_ != "PROPN" and is_person(head.lemma_, head.text)


def _resolve_pronoun(index: Index, token: Token) -> Actor | None:
    """The organisation "its"/"their" stands for."""
    actor = index.actor_of_token(token)
    if actor is not None:
        return actor
    # a pronoun in reported speech stands for the speaker: "the group said its members…"
    node = token
    while node.head.i != node.i:  # spaCy makes a new Token per access: `is` never holds
        node = node.head
        subjects = [c for c in node.children if c.dep_ == "nsubj" and c.i < token.i]
        for subject in subjects:
            found = index.actor_at(subject.left_edge.idx, subject.idx + len(subject))
            if found is not None and found.kind in _ORG_KINDS:
                return found
    # else the nearest organisation named before it in this or the two previous sentences,
    # an armed group first
    sent = token.sent
    window_start = sent.start
    for _ in range(2):
        if window_start > 0:
            window_start = index.doc[window_start - 1].sent.start
    start_char = index.doc[window_start].idx
    candidates = [
        (m_end, actor)
        for m_start, m_end, actor in index.actor_mentions
        if start_char <= m_start and m_end <= token.idx and actor.kind in _ORG_KINDS
    ]
    for wanted in (ActorKind.ARMED_GROUP, None):
        pool = [c for c in candidates if wanted is None or c[1].kind == wanted]
        if pool:
            return max(pool, key=lambda c: c[0])[1]
    return None


def _actor_args(index: Index, head: Token, args: Args, sides: bool = False) -> None:
    """Add the actor named by the phrase headed by ``head`` (and its organisation);
    ``sides`` (not for an attack, whose doers are one force): coordinated nationalities
    are each an actor ("Hungarian and Romanian officials agreed"), and a noun named by
    the name before it is that name's actor ("the APEC forum agreed")."""
    head = _antecedent(head)
    if head.lower_ in _RELATIVE:
        return
    if head.lower_ in _PRONOUNS:
        actor = _resolve_pronoun(index, head)
        if actor is not None:
            span = index.span(head.i, head.i)
            args.actors.append(
                Arg(actor_id=actor.id, individual=actor.kind == ActorKind.PERSON, span=span)
            )
        return
    if head.pos_ == "NUM" and not any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
        return  # "at 0200", "one": a number alone is no actor
    of_people = any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)
    if (
        head.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL")
        and head.pos_ != "NUM"
        and not (head.ent_type_ == "CARDINAL" and of_people)  # but "thousands of Kurds"
    ):
        return
    demonyms = _coordinated_demonyms(head) if sides else []
    if demonyms:
        # "Hungarian and Romanian officials", "U.S. and Russian negotiators": each side acts
        for token in demonyms:
            side = index.span(token.i, token.i)
            actor = index.actor_at(side.start, side.end)
            args.actors.append(Arg(actor_id=actor.id if actor else None, span=side))
        return
    span = np_span(index, head, numbers=True)
    actor = index.actor_at(span.start, span.end)
    if head.pos_ == "NOUN" and (actor is None or actor.kind != ActorKind.PERSON):
        names = _named_by_apposition(index, head)
        if len(names) == 1:  # "the chief of the gang, Pablo Ruiz, ordered…": he acts
            args.actors.append(Arg(actor_id=names[0].actor_id, individual=True, span=span))
            return
    lemma = head.lemma_.lower()
    perpetrator_noun = lemma in nouns().perpetrators or head.lower_ in nouns().perpetrators
    if lemma in _COLLECTIVE and not perpetrator_noun:
        # "a band of rebels", "a group of armed men": individuals as their members are
        members = [
            o
            for c in head.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for o in c.children
            if o.dep_ == "pobj"
        ]
        perpetrator_noun = any(
            o.lemma_.lower() in nouns().perpetrators or o.lower_ in nouns().perpetrators
            for o in members
        )
    individual = (
        head.pos_ == "NUM"
        or perpetrator_noun
        or _those_who(head)
        or (actor is not None and actor.kind == ActorKind.PERSON)
        or (actor is None and _is_person_np(index, head, None))
    )
    if (
        actor is not None
        and individual
        and actor.kind != ActorKind.PERSON
        and not perpetrator_noun
        and head.pos_ != "NUM"
    ):
        individual = False
    institution = lemma in nouns().institutions or head.lower_ in nouns().institutions
    if (
        actor is not None
        and actor.kind in _ORG_KINDS
        and head.pos_ == "NOUN"
        and head.tag_ == "NNS"
        and not institution
        and is_person(lemma, head.text)
    ):
        individual = True  # "army troops", "FMLN soldiers": people of the organisation
    if institution and not perpetrator_noun and head.pos_ == "NOUN":
        # "urban commando units", "an FMLN guerrilla unit": a band of fighters
        perpetrators = nouns().perpetrators
        perpetrator_noun = any(
            c.dep_ in ("compound", "amod")
            and (c.lower_ in perpetrators or c.lemma_.lower() in perpetrators)
            for c in head.lefts
        )
        individual = individual or perpetrator_noun
    if institution and not perpetrator_noun:
        individual = False
    if sides and actor is None and not individual and head.pos_ == "NOUN":
        # "the Asia-Pacific Economic Cooperation (APEC) forum": the name before the noun
        for child in head.lefts:
            if child.dep_ in ("nmod", "compound", "poss") and child.pos_ == "PROPN":
                named = index.actor_of_token(child)
                if named is not None and named.kind != ActorKind.PERSON:
                    args.actors.append(Arg(actor_id=named.id, span=np_span(index, child)))
                    return
    if (
        actor is None
        and not individual
        and not institution
        and head.pos_ not in ("PROPN",)
        and head.ent_type_ not in _NAMED
    ):
        return  # "the explosion", "the government's decision": not an actor
    if individual and head.pos_ == "NOUN":
        span = _after_quoted_name(index, head, span)
    args.actors.append(Arg(actor_id=actor.id if actor else None, individual=individual, span=span))
    if not individual:
        _members_after_name(index, head, args)
    if individual and head.pos_ != "NUM":
        _named_owner(index, head, args)
    if individual:
        # the organisation of individuals: "two of its members", "terrorists of the FMLN"
        owner = head
        if head.pos_ == "NUM":
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    owner = next((c for c in child.children if c.dep_ == "pobj"), head)
        for child in owner.children:
            if child.dep_ == "poss":
                org = (
                    _resolve_pronoun(index, child)
                    if child.lower_ in _PRONOUNS
                    else index.actor_of_token(child)
                )
                if org is not None and org.kind in _ORG_KINDS:
                    args.actors.append(
                        Arg(
                            actor_id=org.id,
                            span=np_span(index, child)
                            if child.lower_ not in _PRONOUNS
                            else index.span(child.i, child.i),
                        )
                    )
            elif child.dep_ == "prep" and child.lower_ in ("of", "from"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        org_span = np_span(index, obj)
                        org = index.actor_at(org_span.start, org_span.end)
                        if org is not None and org.kind in _ORG_KINDS:
                            args.actors.append(Arg(actor_id=org.id, span=org_span))
                        elif obj.pos_ == "PROPN":
                            args.actors.append(Arg(span=org_span))


def _after_quoted_name(index: Index, head: Token, span: Span) -> Span:
    """The individuals without the name in brackets or quotes before them: "the Farabundo
    Marti National Liberation Front (FMLN) guerrillas", 'Maoist "Shining Path" guerrillas'
    → "guerrillas" (the organisation is an actor of its own, ``_named_owner``).  MUC-4
    train: of the individuals after such a name, the keys spell them without it."""
    doc = index.doc
    cut = None
    for k in range(head.i - 1, -1, -1):
        if doc[k].idx < span.start:
            break
        if doc[k].text in _CLOSING:
            cut = k
            break
    if cut is None:
        return span
    first = cut + 1
    while first < head.i and doc[first].is_punct:
        first += 1
    return index.found.span(doc[first].idx, span.end)


def _members_after_name(index: Index, head: Token, args: Args) -> None:
    """The individuals the parser hangs on the organisation's name after its abbreviation:
    "by the Red Dawn Front (RDF) gunmen" (the name, "gunmen" its apposition) → "gunmen"."""
    perpetrators = nouns().perpetrators
    for child in head.children:
        if (
            child.dep_ == "appos"
            and child.pos_ == "NOUN"
            and child.i > 0
            and index.doc[child.i - 1].text in _CLOSING
            and (child.lower_ in perpetrators or child.lemma_.lower() in perpetrators)
        ):
            args.actors.append(Arg(individual=True, span=index.span(child.i, child.i)))


_CLOSING = {")", "]", "}", '"', "”", "’"}


_THOSE = listed("events", "those")


def _those_who(head: Token) -> bool:
    """People named by what is said of them: "those responsible", "those who carried out
    the bombing" (``those`` of words.yaml with an adjective or a clause of its own)."""
    return head.lower_ in _THOSE and any(
        c.dep_ in ("amod", "acl", "relcl") and c.i > head.i for c in head.children
    )


def _coordinated_demonyms(head: Token) -> list[Token]:
    """The coordinated nationality words before a noun: "Hungarian and Romanian" of
    "Hungarian and Romanian officials" (empty unless two or more)."""
    out: list[Token] = []
    for child in head.lefts:
        if child.dep_ in ("amod", "compound", "nmod") and child.ent_type_ in ("NORP", "GPE"):
            out.extend(
                t for t in conjuncts(child) if t.ent_type_ in ("NORP", "GPE") and t.i < head.i
            )
    return out if len(out) >= 2 else []


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if c.isalnum())


def _named_owner(index: Index, head: Token, args: Args) -> None:
    """The organisation named before individuals: "Shining Path guerrillas", "alleged FMLN
    members" → Shining Path, FMLN (the individuals stay an actor of their own).  The
    organisation's words are its name where the phrase spells it, else the proper nouns
    before the head."""
    doc = index.doc
    modifiers = [c for c in head.lefts if c.dep_ in ("compound", "nmod", "amod", "appos")]
    institutions = nouns().institutions
    if not any(
        c.pos_ == "PROPN" or c.ent_type_ in ("ORG", "NORP") or c.lemma_.lower() in institutions
        for c in modifiers
    ):
        return
    first, last = min(c.left_edge.i for c in modifiers), head.i - 1
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    org = index.actor_at(start, end)
    if org is None or org.kind not in _ORG_KINDS:
        return
    inside = [m for m in org.mentions if start <= m.start and m.end <= end]
    if inside:  # "Guatemalan army troops": the organisation's mention
        args.actors.append(Arg(actor_id=org.id, span=inside[0]))
        return
    words = [_fold(w) for w in org.name.split()]
    folded = [_fold(doc[k].text) for k in range(first, last + 1)]
    for k in range(len(folded) - len(words) + 1):
        if folded[k : k + len(words)] == words:
            first, last = first + k, first + k + len(words) - 1
            break
    else:
        while first <= last and (
            doc[first].pos_ != "PROPN" or doc[first].ent_type_ == "NORP" or doc[first].is_punct
        ):
            first += 1  # "alleged", "Maoist" before the name
        while last >= first and (doc[last].is_punct or doc[last].pos_ not in ("PROPN", "NUM")):
            last -= 1
    if first <= last:
        args.actors.append(Arg(actor_id=org.id, span=index.span(first, last)))


def _named_by_apposition(index: Index, noun: Token) -> list[Arg]:
    """The persons an apposition names: "the ambassador's daughter, Nadine Kamel, was
    wounded", "two of her bodyguards, Juan Diaz and Luis Mora, were killed" (the
    apposition of the noun, or of its "of" object); a single one is the noun's actor."""
    owners = [noun]
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            owners.extend(c for c in child.children if c.dep_ == "pobj")
    out = []
    for owner in owners:
        for appos in (c for c in owner.children if c.dep_ == "appos" and c.i > noun.i):
            for token in conjuncts(appos):
                actor = index.actor_of_token(token)
                if actor is not None and actor.kind == ActorKind.PERSON:
                    out.append(Arg(actor_id=actor.id, span=np_span(index, token)))
    return out
