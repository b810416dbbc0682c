"""Arguments of an event mention, read from the dependency parse.

Who did it (``actors``: individuals such as "gunmen" or "two of its members" kept apart
from organisations), to whom (``victims``: people; ``targets``: buildings, vehicles,
bridges; ``recipients``: the actors an event is directed at, the one met, aided, accused
or sanctioned, found by ``stages.recipients`` for every type but attacks), with what
(``instruments``: "explosive belts", "a car bomb", "a drone"), where (``places``) and when
(``date``).

Roles follow the syntax of the trigger:

- verb triggers: the active subject and the passive agent ("by …") act; the object and
  the passive subject undergo; "with …" gives the instrument;
- noun triggers: a possessive or compound acts ("the Taliban crackdown", "U.S. drone
  assassination") except on nouns of what was done to someone ("Soleimani's
  assassination"); "by …" acts; "of …", "on …", "against …" undergo; a noun trigger
  that is the subject of a verb lends it its objects ("the blasts wounded 284 people");
- weapons are instruments wherever they stand; people undergo as victims, things as
  targets; a relative pronoun stands for its antecedent.

Actors, places and dates are looked up in what the earlier stages found (by span); a
pronoun ("two of its members") is resolved to the organisation it stands for.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass, field

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

from eventwire.findings import Findings
from eventwire.knowledge.event_lexicon import Trigger, Weapon, counts, is_person, nouns
from eventwire.model import Actor, ActorKind, Arg, Place, PlaceFeature, Span, When
from eventwire.stages.recipients import find as find_recipients
from eventwire.stages.recipients import lexicon as recipient_words
from eventwire.stages.recipients import own_forces

__all__ = ["Args", "Index", "arguments"]

_ORG_KINDS = {
    ActorKind.STATE,
    ActorKind.GOVERNMENT,
    ActorKind.MILITARY,
    ActorKind.POLICE,
    ActorKind.ARMED_GROUP,
    ActorKind.IGO,
    ActorKind.NGO,
    ActorKind.MEDIA,
}
_PRONOUNS = {"it", "its", "they", "their", "them"}
_REFLEXIVE = {"himself", "herself", "itself", "themselves", "oneself"}
_RELATIVE = {"who", "whom", "which", "that", "whose"}
# nouns of what is done to someone: their possessive is the victim ("Soleimani's killing")
_DONE_TO = {
    "assassination",
    "killing",
    "murder",
    "death",
    "execution",
    "kidnapping",
    "abduction",
    "arrest",
    "detention",
    "release",
    "deportation",
    "beheading",
    "slaying",
    "torture",
    "rescue",
    "capture",
    "expulsion",
}
_LEFT_KEEP = {"compound", "amod", "nmod", "punct", "poss", "case", "hmod", "hyph"}
_SUBJECT_DEPS = {"nsubj", "csubj"}
_OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "oprd"}
_LOCATIVE = {"in", "at", "near", "outside", "inside", "into", "on", "against"}
_NAMED = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
# verbs whose subject can be an event that lends them its objects ("the blasts wounded 284")
_LENDING_VERBS = {
    "kill",
    "wound",
    "injure",
    "hurt",
    "destroy",
    "damage",
    "hit",
    "target",
    "strike",
    "claim",
    "leave",
    "cause",
    "rock",
    "shake",
    "devastate",
    "level",
    "raze",
    "gut",
    "wreck",
    "cost",
    "affect",
}
# verbs that only carry a noun event: "launched an investigation", "lodged a protest"
_LIGHT_VERBS = {
    "hold",
    "stage",
    "launch",
    "open",
    "begin",
    "start",
    "conduct",
    "declare",
    "issue",
    "lodge",
    "undertake",
    "make",
    "sign",
    "reach",
    "impose",
    "announce",
}
_FIRE_VERBS = {"fire", "open", "shoot", "march", "rain", "impose"}
# heads whose "of" phrase says who they are ("a group of subversives", "members of the army")
_COLLECTIVE = {
    "group",
    "band",
    "column",
    "squad",
    "unit",
    "member",
    "team",
    "gang",
    "cell",
    "detachment",
    "commando",
    "contingent",
    "platoon",
    "number",
}
# physical heads named by their owner: "offices of labor unions", "houses of opposition members"
_OF_PHYSICAL = {"office", "house", "home", "headquarters", "building", "facility", "residence"}
# titles before a person's name, left out of the name ("Judge Mariela Espinosa Arango")
_TITLES = {
    "dr",
    "dr.",
    "doctor",
    "judge",
    "soldier",
    "general",
    "gen",
    "gen.",
    "colonel",
    "col",
    "col.",
    "captain",
    "capt",
    "capt.",
    "lieutenant",
    "lt",
    "lt.",
    "major",
    "maj",
    "father",
    "monsignor",
    "msgr",
    "msgr.",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "senator",
    "deputy",
    "president",
    "minister",
    "mayor",
    "governor",
    "priest",
    "reverend",
    "rev",
    "rev.",
    "bishop",
    "archbishop",
    "sergeant",
    "sgt",
    "sgt.",
    "professor",
    "prof",
    "attorney",
    "engineer",
    "councilman",
    "commander",
    "cardinal",
    "brother",
    "sister",
    "former",
    "candidate",
    "presidential",
    "journalist",
    "mayor-elect",
    "ambassador",
}
_QUANTITY_WORDS = {"numerous", "several", "many", "few", "some", "various", "dozens", "hundreds"}


@dataclass
class Args:
    """The arguments of one mention (or of several merged mentions)."""

    actors: list[Arg] = field(default_factory=list)
    victims: list[Arg] = field(default_factory=list)
    targets: list[Arg] = field(default_factory=list)
    instruments: list[Arg] = field(default_factory=list)
    recipients: list[Arg] = field(default_factory=list)
    places: list[Arg] = field(default_factory=list)
    place_objects: list[Place] = field(default_factory=list)
    date: When | None = None
    modes: set[str] = field(default_factory=set)
    suicide: bool = False
    natural: bool = False  # "killed by a flood": no attack
    victim_words: list[str] = field(default_factory=list)  # lemmas of victims and targets

    def merge(self, other: Args) -> None:
        for name in ("actors", "victims", "targets", "instruments", "recipients", "places"):
            mine: list[Arg] = getattr(self, name)
            keys = {_key(a): k for k, a in enumerate(mine)}
            for arg in getattr(other, name):
                k = keys.get(_key(arg))
                if k is None:
                    keys[_key(arg)] = len(mine)
                    mine.append(arg)
                elif arg.actor_id and len(arg.span.text) > len(mine[k].span.text):
                    mine[k] = arg  # the fullest name of an actor: "Hector Oqueli Colindres"
        ids = {p.id for p in self.place_objects}
        self.place_objects.extend(p for p in other.place_objects if p.id not in ids)
        if self.date is None:
            self.date = other.date
        self.modes |= other.modes
        self.suicide = self.suicide or other.suicide
        self.natural = self.natural or other.natural
        self.victim_words.extend(other.victim_words)

    def actor_ids(self, *roles: str) -> set[str]:
        return {a.actor_id for r in roles for a in getattr(self, r) if a.actor_id}


def _key(arg: Arg) -> tuple:
    if arg.actor_id:
        return ("actor", arg.actor_id, arg.individual)
    if arg.place_id:
        return ("place", arg.place_id)
    return ("text", " ".join(arg.span.text.lower().split()), arg.individual)


class Index:
    """Per-article lookups from tokens to the actors, places and dates found so far."""

    def __init__(self, found: Findings) -> None:
        self.found = found
        self.doc: Doc = found.doc
        self.actors = {a.id: a for a in found.actors}
        self._actor_spans = sorted(
            ((m.start, m.end, a) for a in found.actors for m in a.mentions),
            key=lambda x: (x[0], x[1]),
        )
        self._actor_starts = [x[0] for x in self._actor_spans]
        self.place_at: dict[int, tuple[Place, Span]] = {}
        for place in found.places:
            for mention in place.mentions:
                for k in self._tokens(mention.start, mention.end):
                    self.place_at[k] = (place, mention)
        self.date_at: dict[int, When] = {}
        for when in found.dates:
            for k in self._tokens(when.span.start, when.span.end):
                self.date_at[k] = when
        self.ent_at: dict[int, tuple[int, int, str]] = {}
        for ent in self.doc.ents:
            for k in range(ent.start, ent.end):
                self.ent_at[k] = (ent.start, ent.end, ent.label_)
        self.trigger_tokens: set[int] = set()
        # per-token tables for fast scans: lemma and lower-case ids, sentence number
        table = self.doc.to_array([LEMMA, LOWER]).tolist() if len(self.doc) else []
        self.lemma_ids: list[int] = [row[0] for row in table]
        self.lower_ids: list[int] = [row[1] for row in table]
        self.sentence_of: list[int] = [0] * len(self.doc)
        for number, sent in enumerate(self.doc.sents):
            self.sentence_of[sent.start : sent.end] = [number] * (sent.end - sent.start)

    def _tokens(self, start: int, end: int) -> range:
        doc = self.doc
        first = doc.char_span(start, end, alignment_mode="expand")
        return range(first.start, first.end) if first is not None else range(0)

    def actor_at(self, start: int, end: int) -> Actor | None:
        """The actor with the mention overlapping characters ``start:end`` most."""
        best: Actor | None = None
        best_overlap = 0
        first = bisect.bisect_left(self._actor_starts, start - 200)
        for m_start, m_end, actor in self._actor_spans[first:]:
            if m_start >= end:
                break
            overlap = min(end, m_end) - max(start, m_start)
            if overlap > best_overlap:
                best, best_overlap = actor, overlap
        return best

    def actor_of_token(self, token: Token) -> Actor | None:
        return self.actor_at(token.idx, token.idx + len(token))

    def span(self, first: int, last: int) -> Span:
        doc = self.doc
        return self.found.span(doc[first].idx, doc[last].idx + len(doc[last]))


# ------------------------------------------------------------------ noun phrases


def weapon_at(doc: Doc, head: Token) -> tuple[Weapon, int] | None:
    """The weapon named by the phrase ending at ``head`` and the phrase's first token."""
    candidates = nouns().weapons.get(head.lemma_.lower()) or nouns().weapons.get(head.lower_)
    if not candidates:
        return None
    for weapon in candidates:
        n = len(weapon.phrase)
        first = head.i - n + 1
        if first < 0:
            continue
        words = doc[first : head.i + 1]
        if all(
            t.lower_ == w or t.lemma_.lower() == w
            for t, w in zip(words, weapon.phrase, strict=True)
        ):
            return weapon, first
    return None


def np_span(index: Index, head: Token, numbers: bool = False) -> Span:
    """The words of the noun phrase headed by ``head``, without determiners, brackets at
    its end or left open ("… Liberation Front (FMLN)" → "… Liberation Front")."""
    start, last = _np_tokens(index, head, numbers)
    return index.span(*_without_brackets(index.doc, start, last, head.i))


_OPEN, _CLOSE = "([{", ")]}"


def _without_brackets(doc: Doc, start: int, last: int, head: int) -> tuple[int, int]:
    """start..last cut before a bracket that is left open or that closes the phrase, unless
    the head is inside it."""
    opened: list[int] = []
    for k in range(start, last + 1):
        if doc[k].text in _OPEN:
            opened.append(k)
        elif doc[k].text in _CLOSE and opened:
            at = opened.pop()
            if k == last and at > start and not at < head < k:
                opened.append(at)  # "(FMLN)" closing the phrase goes too
    cut = min(opened, default=last + 1)
    if cut <= head:
        return start, last
    last = cut - 1
    while last > head and (doc[last].is_punct or doc[last].pos_ in ("DET", "ADP", "CCONJ")):
        last -= 1  # "offices of all the [words indistinct]" → "offices"
    return start, last


def _np_tokens(index: Index, head: Token, numbers: bool = False) -> tuple[int, int]:
    """The first and last token of the noun phrase headed by ``head``, without determiners.

    "the Las Canas bridge" → "Las Canas bridge"; "two of its members" → "two of its
    members"; "a group of subversives" → "group of subversives"; a name → the whole name.
    Numbers are kept with ``numbers`` ("five soldiers", "four explosive charges"), else
    dropped ("about 50 peasants" → "peasants").
    """
    doc = index.doc
    if (
        head.pos_ == "NUM"
        or head.lower_
        in ("one", "some", "several", "many", "dozens", "hundreds", "thousands", "tens", "millions")
        or head.lemma_.lower() in _COLLECTIVE
        or (head.lemma_.lower() in _OF_PHYSICAL)
    ):
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    start = head.i
                    if head.pos_ != "NUM":
                        start = np_span_start(index, head, numbers)
                    return (
                        start,
                        objects[0].right_edge.i
                        if objects[0].right_edge.i - objects[0].i < 4
                        else objects[0].i,
                    )
    if head.i in index.ent_at and head.pos_ == "PROPN":
        start, end, label = index.ent_at[head.i]
        last = max(end - 1, head.i)
        while start < head.i and (
            doc[start].pos_ == "DET" or (label == "PERSON" and doc[start].lower_ in _TITLES)
        ):
            start += 1  # "the FMLN", "Judge Mariela Espinosa" → the name
        for k in range(head.i + 1, last + 1):
            if doc[k].pos_ in ("VERB", "AUX"):
                last = k - 1  # '"La Eminencia" Farm located near…': the name ends
                break
        while last > head.i and (doc[last].tag_ == "POS" or doc[last].is_punct):
            last -= 1  # "Jaramillo's"
        return start, last
    return np_span_start(index, head, numbers), head.i


def np_span_start(index: Index, head: Token, numbers: bool = False) -> int:
    """The first token of the noun phrase of ``head`` (see ``np_span``)."""
    doc = index.doc
    keep = _LEFT_KEEP | {"nummod"} if numbers else _LEFT_KEEP
    first = head.i
    for child in reversed(list(head.lefts)):
        if child.i != first - 1 and doc[first - 1].dep_ not in ("punct",):
            break
        if child.dep_ not in keep or (child.dep_ == "poss" and child.pos_ == "PRON"):
            break
        if child.lower_ in _QUANTITY_WORDS or child.ent_type_ in ("GPE", "NORP"):
            break  # "numerous individuals", "a U.S. drone"
        left = child.left_edge.i
        if any(
            doc[k].dep_ in ("det", "quantmod")
            or (doc[k].dep_ == "advmod" and doc[k].head.pos_ == "NUM")
            or (doc[k].dep_ == "nummod" and not numbers)
            for k in range(left, child.i)
        ):
            left = child.i
        first = left
    while first < head.i and (doc[first].is_punct or doc[first].dep_ == "case"):
        if doc[first].text in _QUOTES and any(
            doc[k].text in _QUOTES for k in range(first + 1, head.i)
        ):
            break  # '"La Eminencia" farm': the quotation is part of the name
        first += 1
    return first


_QUOTES = {'"', "“", "”", "'", "‘", "’"}


def mention_span(index: Index, head: Token) -> Span:
    """The span of an event mention: the noun phrase with its determiner ("the twin
    blasts"), or the verb."""
    doc = index.doc
    if head.pos_ not in ("NOUN", "PROPN"):
        return index.span(head.i, head.i)
    first = head.i
    for child in reversed(list(head.lefts)):
        if child.dep_ in (
            "det",
            "amod",
            "compound",
            "nmod",
            "poss",
            "nummod",
            "punct",
            "quantmod",
            "case",
            "advmod",
        ):
            first = min(first, child.left_edge.i)
        else:
            break
    while first < head.i and doc[first].is_punct:
        first += 1
    last = head.i
    opened = sum(1 for k in range(first, head.i) if doc[k].text in ("“", '"', "‘"))
    if opened and head.i + 1 < len(doc) and doc[head.i + 1].text in ("”", '"', "’"):
        last = head.i + 1
    return index.span(first, last)


# ------------------------------------------------------------------ classifying arguments


def _conjuncts(token: Token) -> list[Token]:
    """The token and its conjuncts ("mortar and rifle fire" → mortar, fire)."""
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out.extend(_conjuncts(child))
    return out


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
        for m_start, m_end, actor in index._actor_spans
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
    args.actors.append(Arg(actor_id=actor.id if actor else None, individual=individual, span=span))
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


def _coordinated_demonyms(head: Token) -> list[Token]:
    """The coordinated nationality words before a noun: "Hungarian and Romanian" of
    "Hungarian and Romanian officials" (empty unless two or more)."""
    out: list[Token] = []
    for child in head.lefts:
        if child.dep_ in ("amod", "compound", "nmod") and child.ent_type_ in ("NORP", "GPE"):
            out.extend(
                t for t in _conjuncts(child) if t.ent_type_ in ("NORP", "GPE") and t.i < head.i
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


def _physical(token: Token) -> bool:
    """A building, vehicle or installation: "the Las Canas bridge", "electric towers"."""
    if token.ent_type_ == "FAC":
        return True
    physical = nouns().physical
    return token.lemma_.lower() in physical or token.lower_ in physical


def _patient_args(index: Index, head: Token, args: Args, event_type: str) -> None:
    """Add who or what underwent the event: victims, targets, recipients, instruments."""
    head = _antecedent(head)
    if head.lower_ in _RELATIVE or head.i in index.trigger_tokens:
        return
    for token in _conjuncts(head):
        if token.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT") or token.lower_ in _REFLEXIVE:
            continue
        if (weapon := weapon_at(index.doc, token)) is not None:
            _instrument(index, token, weapon, args)
            continue
        if token.lower_ in _PRONOUNS:
            actor = _resolve_pronoun(index, token)
            if actor is not None:
                args.recipients.append(Arg(actor_id=actor.id, span=index.span(token.i, token.i)))
            continue
        if event_type == "ASSAULT" and token.lemma_.lower() in _PARTS:
            token = _beside(token)  # "damaged the windows of the consulate"
        span = np_span(index, token)
        own = index.span(np_span_start(index, token), token.i)  # without an "of" phrase
        actor = index.actor_at(own.start, own.end)
        if (
            actor is not None
            and actor.kind == ActorKind.PERSON
            and _physical(token)
            and index.actor_of_token(token) is None
        ):
            actor = None  # 'the "Santo Tomas" farm': a place named after someone
        if token.i in index.place_at and actor is None:
            place, mention = index.place_at[token.i]
            if event_type != "ASSAULT" and place.feature == PlaceFeature.COUNTRY:
                # "sanctions on Russia": the country, named as a place
                args.recipients.append(Arg(place_id=place.id, span=mention))
            continue
        if (
            actor is not None
            and event_type not in ("ASSAULT", "COERCE")
            and index.actor_of_token(token) is None
        ):
            continue  # "Turkey's efforts": the owner is a recipient (``_recipients``)
        # "transformers", "newspaper": a building or machine, whatever its suffix says
        person = _is_person_np(index, token, actor) and not (actor is None and _physical(token))
        if event_type not in ("ASSAULT", "COERCE") and own_forces(token):
            continue  # "withdrew its troops": what moves, not to whom
        if token.pos_ == "NUM" and not any(c.dep_ == "prep" for c in token.children):
            continue  # "killed 12": the count says it
        if token.i in index.place_at and actor is None:
            continue  # "attacked Kerman": the place
        arg = Arg(actor_id=actor.id if actor else None, span=span)
        args.victim_words.append(token.lemma_.lower())
        if event_type == "ASSAULT" and (actor is None or actor.kind != ActorKind.PERSON):
            names = _named_by_apposition(index, token)
            if len(names) == 1:  # "the mayor's driver, Pedro Salas": the driver is him
                arg = Arg(actor_id=names[0].actor_id, span=span)
                person = True
            elif names:  # "two of his guards, Juan Diaz and Luis Mora": each of them
                args.victims.extend(names)
                continue
        if person:
            if event_type in ("ASSAULT", "COERCE"):
                args.victims.append(arg)
            else:
                args.recipients.append(arg)
            # "284 people, including children"
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("including", "among"):
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            _patient_args(index, obj, args, event_type)
        elif actor is not None and actor.kind in _ORG_KINDS:
            if event_type == "ASSAULT" and actor.kind in (ActorKind.MILITARY, ActorKind.POLICE):
                args.victims.append(arg)
            else:
                args.recipients.append(arg)
        elif event_type == "ASSAULT" and _physical(token):
            args.targets.append(arg)
            # "three vehicles -- an ambulance, a fuel truck and a station wagon": each
            for appos in (c for c in token.children if c.dep_ == "appos" and c.i > token.i):
                for part in _conjuncts(appos):
                    if _physical(part) and part.i not in index.trigger_tokens:
                        args.targets.append(Arg(span=np_span(index, part)))


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
            for token in _conjuncts(appos):
                actor = index.actor_of_token(token)
                if actor is not None and actor.kind == ActorKind.PERSON:
                    out.append(Arg(actor_id=actor.id, span=np_span(index, token)))
    return out


def _instrument(index: Index, token: Token, found: tuple[Weapon, int], args: Args) -> None:
    weapon, start = found
    start = min(start, np_span_start(index, token, numbers=True))  # "four explosive charges"
    doc = index.doc
    for k in range(start, token.i):
        if doc[k].text in _CLOSE:
            start = k + 1  # "(0415 GMT) incendiary bombs": a bracket closed before
    while start < token.i and (doc[start].ent_type_ in ("DATE", "TIME") or doc[start].is_punct):
        start += 1  # "last year dynamite was placed"
    arg = Arg(span=index.span(start, token.i))
    if _key(arg) not in {_key(a) for a in args.instruments}:
        args.instruments.append(arg)
    args.modes.update(weapon.mode)
    if weapon.suicide:
        args.suicide = True


def _placer(index: Index, weapon: Token, args: Args) -> None:
    """Who placed the weapon that went off: "a bomb, planted by unidentified men, exploded",
    "the grenade thrown by a youth": the agent of a participle after the weapon acts."""
    for child in weapon.children:
        if child.dep_ != "acl" or child.tag_ != "VBN":
            continue
        for agent in (c for c in child.children if c.dep_ == "agent"):
            for obj in (c for c in agent.children if c.dep_ == "pobj"):
                _agent_or_instrument(index, obj, args)


def _agent_or_instrument(index: Index, head: Token, args: Args, sides: bool = False) -> None:
    head = _antecedent(head)
    for token in _conjuncts(head):
        if token.i in index.trigger_tokens:
            continue
        if token.pos_ == "NUM" or token.lower_ in ("some", "several", "many"):
            # "one of the explosive devices went off": the devices
            token = next(
                (
                    o
                    for c in token.children
                    if c.dep_ == "prep" and c.lower_ == "of"
                    for o in c.children
                    if o.dep_ == "pobj" and weapon_at(index.doc, o) is not None
                ),
                token,
            )
        if (weapon := weapon_at(index.doc, token)) is not None:
            _instrument(index, token, weapon, args)
            # "a U.S. drone": the owner acts
            for child in token.children:
                if child.dep_ in ("compound", "amod", "poss", "nmod") and child.i < weapon[1]:
                    actor = index.actor_of_token(child)
                    if actor is not None and actor.kind != ActorKind.PERSON:
                        args.actors.append(Arg(actor_id=actor.id, span=np_span(index, child)))
            _placer(index, token, args)
            continue
        lemma = token.lemma_.lower()
        if lemma in nouns().natural or token.lower_ in nouns().natural:
            args.natural = True
            continue
        _actor_args(index, token, args, sides)


def _modifiers(index: Index, trigger: Token, args: Args, event_type: str) -> None:
    """Compounds, adjectives and possessives of a noun trigger."""
    doc = index.doc
    done_to = trigger.lemma_.lower() in _DONE_TO
    for child in trigger.children:
        if (
            child.dep_ not in ("compound", "amod", "poss", "nmod", "npadvmod")
            or child.i > trigger.i
        ):
            continue
        if child.lower_ in nouns().suicide or child.lemma_.lower() in nouns().suicide:
            args.suicide = True
            args.modes.add("suicide-attack")
            continue
        if (weapon := weapon_at(doc, child)) is not None:
            _instrument(index, child, weapon, args)
            for sub in child.children:
                if sub.dep_ in ("compound", "amod", "nmod") and sub.i < child.i:
                    actor = index.actor_of_token(sub)
                    if actor is not None and actor.kind != ActorKind.PERSON:
                        args.actors.append(Arg(actor_id=actor.id, span=np_span(index, sub)))
            continue
        actor = index.actor_of_token(child) if child.lower_ not in _PRONOUNS else None
        if child.lower_ in _PRONOUNS and child.dep_ == "poss":
            actor = _resolve_pronoun(index, child)
        if actor is None:
            if child.dep_ == "poss" and done_to:
                _patient_args(index, child, args, event_type)
            continue
        if done_to and (actor.kind == ActorKind.PERSON or child.dep_ == "poss"):
            _patient_args(index, child, args, event_type)
        else:
            span = (
                np_span(index, child)
                if child.lower_ not in _PRONOUNS
                else index.span(child.i, child.i)
            )
            args.actors.append(
                Arg(actor_id=actor.id, individual=actor.kind == ActorKind.PERSON, span=span)
            )


def _prep_args(index: Index, owner: Token, args: Args, event_type: str, noun_trigger: bool) -> None:
    """Prepositional arguments of a trigger (or of the verb a noun trigger is subject of)."""
    done_to = owner.lemma_.lower() in _DONE_TO
    for child in owner.children:
        if child.dep_ not in ("prep", "agent"):
            continue
        word = child.lower_
        for obj in (c for c in child.children if c.dep_ == "pobj"):
            if child.dep_ == "agent" or word == "by":
                _agent_or_instrument(index, obj, args)
            elif word in ("with", "using"):
                # "talks with Iran": a recipient (``recipients``), not a second actor
                for token in _conjuncts(obj):
                    if (weapon := weapon_at(index.doc, token)) is not None:
                        _instrument(index, token, weapon, args)
            elif (
                (word == "of" and noun_trigger)
                or (
                    word == "to"
                    and owner.lemma_.lower() in ("fire", "set")
                    and event_type == "ASSAULT"
                )
                or (
                    word in ("on", "against", "upon", "targeting")
                    and event_type in ("ASSAULT", "PROTEST", "SANCTION", "COERCE")
                    and (noun_trigger or word == "against" or owner.lemma_.lower() in _FIRE_VERBS)
                )
            ):
                _patient_args(index, obj, args, event_type)
            elif (
                word in ("between", "among")
                and event_type in ("ASSAULT", "CONSULT", "AGREE", "COOPERATE")
                and word not in recipient_words().preps(event_type, owner.lemma_.lower())
            ):
                # "talks between X and Y": both act; "mediation between X and Y": recipients
                for token in _conjuncts(obj):
                    _actor_args(index, token, args)
            elif word in _LOCATIVE and event_type == "ASSAULT" and not done_to:
                # "a bomb exploded at the embassy": a facility is the target
                obj = _beside(obj)  # "in front of the ministry"
                for token in _conjuncts(obj):
                    if (
                        _physical(token)
                        and not is_person(token.lemma_, token.text)
                        and token.i not in index.place_at
                        and token.i not in index.trigger_tokens
                        and token.lemma_.lower()
                        not in ("memorial", "cemetery", "funeral", "wedding", "gathering", "crowd")
                    ):
                        args.targets.append(Arg(span=np_span(index, token)))
                        args.victim_words.append(token.lemma_.lower())


_BESIDE = {"front", "back", "rear", "vicinity", "entrance", "door", "doors", "gate", "gates"}
# parts of a building an attack damages: the building is the target
_PARTS = _BESIDE | {"window", "windows", "facade", "facing", "wall", "walls", "roof", "shelves",
                    "glass", "glasses", "masonry", "floor", "fence", "side"}  # fmt: skip


def _beside(obj: Token) -> Token:
    """The building of "in front of the ministry", "at the entrance of the bank", "the
    windows of the consulate"."""
    if obj.lemma_.lower() not in _PARTS:
        return obj
    for child in obj.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "to"):
            return next((c for c in child.children if c.dep_ == "pobj"), obj)
    return obj


def _subject(verb: Token) -> Token | None:
    """The subject of a verb, or of the verb it is coordinated with or complement of."""
    node = verb
    for _ in range(3):
        for child in node.children:
            if child.dep_ in _SUBJECT_DEPS:
                return child
        if node.dep_ in ("conj", "xcomp") and node.head.pos_ in ("VERB", "AUX"):
            node = node.head
            continue
        if node.dep_ == "xcomp" and node.head.pos_ == "ADJ" and node.head.dep_ == "acomp":
            node = node.head.head  # "Syria is willing to withdraw": the copula's subject
            continue
        break
    return None


_LOCATIVE_PLACE = {
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "across",
    "throughout",
    "around",
    "from",
    "into",
    "on",
}


def _is_locative(index: Index, k: int, event_type: str) -> bool:
    """A place mention that says where: "in Kerman", "the Kerman bombing", "Iraq's capital"."""
    token = index.doc[k]
    node = token
    # climb a multi-word name to its head ("in San Miguel department")
    while (
        node.dep_ in ("compound", "flat", "nmod", "amod", "appos", "conj") and node.head.i != node.i
    ):
        if node.dep_ in ("compound", "amod", "nmod") and node.head.i in index.trigger_tokens:
            return index.actor_of_token(node) is None  # "the Kerman bombing", not "U.S. drone"
        node = node.head
    if node.dep_ == "pobj":
        word = node.head.lower_
        return word in _LOCATIVE_PLACE and (word != "on" or event_type == "ASSAULT")
    return node.dep_ == "npadvmod"


def _dates_the_event(index: Index, k: int, when: When, trigger: Token) -> bool:
    """Whether the date at token ``k`` can date the trigger's event: not when it modifies
    another noun ("the deadliest since the 1979 Islamic Revolution")."""
    tokens = index._tokens(when.span.start, when.span.end)
    node = index.doc[k]
    while node.head.i in tokens and node.head.i != node.i:
        node = node.head
    head = node.head
    if head.i == trigger.i or head.i == node.i:
        return True
    modifier = node.dep_ in ("nummod", "compound", "amod", "poss", "nmod")
    return not (modifier and head.pos_ in ("NOUN", "PROPN") and head.i not in index.trigger_tokens)


def _speaker_tokens(clause: Token, trigger: Token) -> set[int]:
    """Tokens of the subject or agent of the clause that governs a noun trigger, unless
    the trigger is in it: "the embassy in Islamabad condemned the bombing" places the
    embassy, not the bombing."""
    out: set[int] = set()
    for child in clause.children:
        if child.dep_ in ("nsubj", "csubj", "agent"):
            if child.left_edge.i <= trigger.i <= child.right_edge.i:
                continue
            out.update(range(child.left_edge.i, child.right_edge.i + 1))
    return out


def _places_and_date(index: Index, trigger: Token, args: Args, event_type: str) -> None:
    """Places ("in Kerman") and date attached to the trigger: its phrase, else its clause."""
    sent = trigger.sent
    scopes: list[Token] = [trigger]
    clause = trigger
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    if clause is not trigger:
        scopes.append(clause)
    seen_places: set[str] = set()
    for scope in scopes:
        speaker = _speaker_tokens(scope, trigger) if scope is not trigger else set()
        for k in range(scope.left_edge.i, scope.right_edge.i + 1):
            if k in speaker:
                continue
            if k in index.place_at and _is_locative(index, k, event_type):
                place, mention = index.place_at[k]
                if place.id not in seen_places:
                    seen_places.add(place.id)
                    args.places.append(Arg(place_id=place.id, span=mention))
                    args.place_objects.append(place)
        if args.places:
            break
    if not args.places and not index.place_at:
        # no gazetteer at all: named locations of spaCy said to be where it happened
        for k in range(trigger.left_edge.i, trigger.right_edge.i + 1):
            ent = index.ent_at.get(k)
            if (
                ent
                and ent[2] in ("GPE", "LOC", "FAC")
                and ent[0] == k
                and _is_locative(index, ent[1] - 1, event_type)
            ):
                args.places.append(Arg(span=index.span(ent[0], ent[1] - 1)))
    best: tuple[int, When] | None = None
    for scope in scopes:
        for k in range(max(scope.left_edge.i, sent.start), min(scope.right_edge.i + 1, sent.end)):
            when = index.date_at.get(k)
            if when is not None and _dates_the_event(index, k, when, trigger):
                distance = abs(k - trigger.i)
                if best is None or distance < best[0]:
                    best = (distance, when)
        if best is not None:
            break
    if best is not None:
        args.date = best[1]


_UNDERGO = {"die", "perish", "drown", "disappear"}


def elliptical_passive(verb: Token, subject: Token) -> bool:
    """ "more than 150 wounded", "dozens killed", "the minister died": a subject that
    underwent the verb."""
    if verb.lemma_.lower() in _UNDERGO:
        return True
    if verb.lemma_.lower() not in counts().verbs or any(c.dep_ == "dobj" for c in verb.children):
        return False
    if verb.tag_ != "VBN" and not (verb.tag_ == "VBD" and subject.pos_ == "NUM"):
        return False
    return (
        subject.pos_ == "NUM"
        or subject.lower_ in _QUANTITY_WORDS
        or (
            is_person(subject.lemma_, subject.text)
            and subject.lemma_.lower() not in nouns().perpetrators
        )
    )


def arguments(index: Index, trigger: Token, entry: Trigger) -> Args:
    """The arguments of the mention whose trigger is ``trigger``."""
    args = Args(modes=set(entry.mode))
    event_type = entry.type
    noun_trigger = trigger.pos_ in ("NOUN", "PROPN")
    if noun_trigger:
        _modifiers(index, trigger, args, event_type)
        _prep_args(index, trigger, args, event_type, noun_trigger=True)
        if trigger.dep_ == "nsubj" and trigger.head.lemma_.lower() in _LENDING_VERBS:
            verb = trigger.head
            for child in verb.children:
                if child.dep_ in ("dobj",):
                    _patient_args(index, child, args, event_type)
            _prep_args(index, verb, args, event_type, noun_trigger=False)
        if event_type == "ASSAULT":
            _doers(index, trigger, args)
            _aimed_at(index, trigger, args)
        if trigger.dep_ == "dobj" and (
            event_type in ("PROTEST", "CONSULT", "AGREE", "MOBILIZE", "COERCE", "SANCTION", "AID")
            or (event_type != "ASSAULT" and trigger.head.lemma_.lower() in _LIGHT_VERBS)
        ):
            # "staged a protest", "held talks", "imposed a curfew": the verb's subject acts
            subject = _subject(trigger.head)
            if subject is not None:
                _agent_or_instrument(index, subject, args, sides=True)
    else:
        subject = None
        for child in trigger.children:
            if child.dep_ in _SUBJECT_DEPS:
                subject = child
        if subject is None and trigger.dep_ in ("conj", "xcomp"):
            subject = _subject(trigger)
        if subject is None and trigger.dep_ == "acl" and trigger.tag_ == "VBG":
            subject = trigger.head  # "crowds chanting slogans"
        if subject is not None and elliptical_passive(trigger, subject):
            _patient_args(index, subject, args, event_type)  # "284 injured"
        elif subject is not None:
            _agent_or_instrument(index, subject, args, sides=event_type != "ASSAULT")
        for child in trigger.children:
            if child.dep_ in _OBJECT_DEPS:
                _patient_args(index, child, args, event_type)
            if child.dep_ == "dobj" and child.lower_ == "fire" and event_type == "ASSAULT":
                _prep_args(index, child, args, event_type, noun_trigger=True)  # "set fire to"
            elif child.dep_ == "prt":
                for grand in child.children:
                    if grand.dep_ == "dobj":
                        _patient_args(index, grand, args, event_type)
        _prep_args(index, trigger, args, event_type, noun_trigger=False)
        # "blew himself up"
        reflexive = any(
            c.dep_ == "dobj" and c.lower_ in ("himself", "herself", "themselves")
            for c in trigger.children
        )
        if reflexive and trigger.lemma_.lower() in ("blow", "detonate", "explode"):
            args.suicide = True
            args.modes.add("suicide-attack")
    if event_type != "ASSAULT":
        _recipients(index, trigger, args, event_type)
    # a suicide bomber, "suicide attackers"
    for arg in args.actors:
        if any(w in nouns().suicide for w in arg.span.text.lower().split()):
            args.suicide = True
            args.modes.add("suicide-attack")
    if args.suicide:
        args.modes.add("suicide-attack")
    if event_type == "ASSAULT":
        _sweep_weapons(index, trigger, args)
    _places_and_date(index, trigger, args, event_type)
    return args


def _place_kind(index: Index, token: Token) -> str | None:
    """ "country" for a country's name, "town" for a smaller place ("Paris", "Darfur")."""
    found = index.place_at.get(token.i)
    if found is None:
        return None
    return "country" if found[0].feature == PlaceFeature.COUNTRY else "town"


def _recipients(index: Index, trigger: Token, args: Args, event_type: str) -> None:
    """Add to whom the event is directed (``stages.recipients``): "met the envoy", "aid to
    Mozambique", "agreed to provide aid for Romania"; not the event's own actors."""
    exclude = args.actor_ids("actors")
    taken = [
        (a.span.start, a.span.end)
        for a in [*args.recipients, *args.actors, *args.victims, *args.targets]
    ]
    keys = {_key(a) for a in args.recipients}
    for found in find_recipients(
        trigger, event_type, index.actor_at, lambda t: _place_kind(index, t), exclude
    ):
        span = index.span(found.first, found.last)
        arg = Arg(actor_id=found.actor.id if found.actor else None, span=span)
        place = index.place_at.get(found.last)
        if found.actor is None and place is not None:
            arg = Arg(place_id=place[0].id, span=place[1])  # a country named as a place
        if _key(arg) in keys or any(a < span.end and span.start < b for a, b in taken):
            continue
        keys.add(_key(arg))
        taken.append((span.start, span.end))
        args.recipients.append(arg)


def _doer_of(word: Token) -> Token | None:
    """Who the doer word is said of: the subject of "was responsible", the noun of "the
    officers involved", the object of "held the army responsible"."""
    if word.dep_ == "acl":
        return word.head  # "the soldiers involved in the massacre"
    if word.pos_ == "NOUN" and word.dep_ == "nsubj" and word.head.lemma_ == "be":
        # "the authors of the murder are sectors who…": what the copula says they are
        return next((c for c in word.head.children if c.dep_ == "attr"), None)
    for child in word.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    if word.dep_ in ("acomp", "attr", "oprd", "xcomp", "ccomp", "advcl") or word.pos_ == "ADP":
        verb = word.head
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.i < word.i]
        if objects and word.dep_ in ("oprd", "xcomp", "ccomp"):
            return objects[0]  # "held the army responsible for"
        return _subject(verb) or next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if word.pos_ in ("VERB", "AUX"):
        return _subject(word) or next((c for c in word.children if c.dep_ == "nsubjpass"), None)
    return None


_SERIES = {"series", "wave", "spate", "string", "rash", "chain", "campaign", "succession", "round"}


_AIM_NOUNS = {"target", "targets", "objective", "objectives", "object"}


def _aimed_at(index: Index, trigger: Token, args: Args) -> None:
    """What a copula says an attack was aimed at: "the embassy was the target of the
    attack", "the targets of the attacks were two banks"."""
    if trigger.dep_ != "pobj" or trigger.head.lower_ != "of":
        return
    noun = trigger.head.head
    if noun.lemma_.lower() not in _AIM_NOUNS or noun.head.lemma_ != "be":
        return
    copula = noun.head
    wanted = "nsubj" if noun.dep_ == "attr" else "attr" if noun.dep_ == "nsubj" else None
    for child in copula.children:
        if child.dep_ == wanted:
            _patient_args(index, child, args, "ASSAULT")


def _doers(index: Index, trigger: Token, args: Args) -> None:
    """Who carried out an attack named by a noun: "the rebels carried out an attack", "the
    bombing was perpetrated by commandos", "three soldiers were involved in the massacre",
    "the gang was responsible for the murder" (``doer_verbs``, ``doer_words``)."""
    lexicon = nouns()
    node = trigger
    if (
        trigger.dep_ == "pobj"
        and trigger.head.lower_ == "of"
        and trigger.head.head.lemma_.lower() in _SERIES
    ):
        node = trigger.head.head  # "began a series of attacks"
    head = node.head
    if head.lemma_.lower() in lexicon.doer_verbs and head.pos_ == "VERB":
        if node.dep_ == "dobj":
            subject = _subject(head)
            if subject is not None:
                _agent_or_instrument(index, subject, args)
        elif node.dep_ == "nsubjpass":
            for child in head.children:
                if child.dep_ == "agent":
                    for obj in (c for c in child.children if c.dep_ == "pobj"):
                        _agent_or_instrument(index, obj, args)
        return
    if trigger.dep_ != "pobj":
        return
    prep = head
    word = prep.head
    if word.lemma_.lower() == "take" and any(c.lower_ == "part" for c in word.children):
        wanted = lexicon.doer_words.get("part")  # "took part in the murder"
    elif word.lower_ == "part":
        wanted, word = lexicon.doer_words.get("part"), word.head
        if word.lemma_.lower() != "take":
            return
    else:
        wanted = lexicon.doer_words.get(word.lemma_.lower()) or lexicon.doer_words.get(word.lower_)
    if wanted != prep.lower_:
        return
    doer = _doer_of(word)
    if doer is not None and doer.i != trigger.i:
        _agent_or_instrument(index, doer, args)


def _sweep_weapons(index: Index, trigger: Token, args: Args) -> None:
    """Weapons anywhere in the trigger's phrase or clause ("attacked with rifles and
    grenades", "the clash involved mortar and rifle fire")."""
    scope = trigger
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("nsubj", "nsubjpass"):
        scope = trigger.head
    for k in range(scope.left_edge.i, scope.right_edge.i + 1):
        token = index.doc[k]
        if token.pos_ not in ("NOUN", "PROPN", "ADJ") or (
            k in index.trigger_tokens and k != trigger.i
        ):
            continue
        weapon = weapon_at(index.doc, token)
        if weapon is None:
            continue
        # the longest weapon phrase only: "car bomb", not also "bomb"
        if k + 1 < len(index.doc) and weapon_at(index.doc, index.doc[k + 1]) is not None:
            longer = weapon_at(index.doc, index.doc[k + 1])
            if longer and longer[1] <= k:
                continue
        _instrument(index, token, weapon, args)
