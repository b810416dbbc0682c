"""Event mentions: the triggers of the lexicon found in the parse (``Mention``), and the
records the stage builds from them (``Group``: mentions of one event in a sentence,
``Cluster``: groups reporting one event).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventwire.findings import CountMention, Findings
from eventwire.knowledge.event_lexicon import (
    Trigger,
    everyday,
    nouns,
    triggers,
)
from eventwire.knowledge.words import listed
from eventwire.model import (
    ActorKind,
    Modality,
)
from eventwire.stages.events import modality as modality_stage
from eventwire.stages.events.args import Args, Index
from eventwire.stages.events.arguments import arguments, elliptical_passive
from eventwire.stages.events.figurative import bare_reference, figurative
from eventwire.stages.events.generic import generic, war_as_whole
from eventwire.stages.events.matching import matches
from eventwire.stages.events.phrases import weapon_at

_SKIP_ENTS = {"DATE", "TIME", "PERSON", "WORK_OF_ART", "LAW", "MONEY", "PERCENT"}


_DEFINITE = {"the", "this", "these", "those", "that", "such"}


_ATTEMPTS = listed("events", "attempts")
_NAMED_BACK = listed("events", "named_back")


_FACTUAL = {Modality.OCCURRED, Modality.CLAIMED, Modality.ALLEGED, Modality.DENIED}


_FACT_ORDER = [Modality.OCCURRED, Modality.CLAIMED, Modality.ALLEGED, Modality.DENIED]


_KIND_ORDER = [
    "hijacking",
    "kidnapping",
    "assassination",
    "bombing/explosion",
    "facility attack",
    "armed assault",
    "unarmed assault",
]


_MODE_KINDS = {
    "explosives": "bombing/explosion",
    "suicide-attack": "bombing/explosion",
    "heavy-weapons": "bombing/explosion",
    "aerial": "bombing/explosion",
    "drone": "bombing/explosion",
    "firearms": "armed assault",
    "primitive": "armed assault",
    "abduct": "kidnapping",
    "beat": "unarmed assault",
}


_ACTOR_TARGET_KINDS = {
    ActorKind.MILITARY: "military",
    ActorKind.POLICE: "police",
    ActorKind.GOVERNMENT: "government",
    ActorKind.STATE: "government",
    ActorKind.MEDIA: "journalists",
    ActorKind.NGO: "ngo",
    ActorKind.ARMED_GROUP: "terrorists/non-state militia",
    ActorKind.CIVILIANS: "private citizens",
}


_STATE_KINDS = {ActorKind.STATE, ActorKind.GOVERNMENT, ActorKind.MILITARY}


# types whose events count the killed and injured: attacks, and eventwire's disasters and
# crimes ("66 people died in the floods")
_HARMFUL = {"ASSAULT", "DISASTER", "CRIME"}


@dataclass
class Mention:
    """One trigger of an event in the text."""

    entry: Trigger
    head: Token
    first: int
    last: int
    reading: modality_stage.Reading
    args: Args
    definite: bool
    other: bool

    @property
    def type(self) -> str:
        return self.entry.type

    @property
    def weak(self) -> bool:
        return self.entry.weak


@dataclass
class Group:
    """Mentions of one event in one sentence."""

    mentions: list[Mention]
    sent: SpacySpan
    number: int  # the sentence's number in the article
    counts: list[CountMention] = field(default_factory=list)

    @property
    def type(self) -> str:
        return self.mentions[0].type

    @property
    def strong(self) -> list[Mention]:
        return [m for m in self.mentions if not m.weak] or self.mentions

    @property
    def weak(self) -> bool:
        return all(m.weak for m in self.mentions)

    @property
    def join_only(self) -> bool:
        return all(m.entry.join_only for m in self.mentions)

    @property
    def definite(self) -> bool:
        return any(m.definite for m in self.strong) and not self.weak

    @property
    def other(self) -> bool:
        return any(m.other for m in self.strong)

    @property
    def modality(self) -> Modality:
        return self.strong[0].reading.modality

    def args(self) -> Args:
        merged = Args()
        for mention in sorted(self.mentions, key=lambda m: m.weak):
            merged.merge(mention.args)
        return merged


@dataclass
class Cluster:
    """Groups that report one event: the event of the article in the making."""

    groups: list[Group]
    args: Args
    modality: Modality

    @property
    def type(self) -> str:
        return self.groups[0].type

    @property
    def sentence(self) -> int:
        return self.groups[-1].sent.start

    def salience(self) -> int:
        return len(self.groups) + (1 if any(g.counts for g in self.groups) else 0)


# ------------------------------------------------------------------ 1-2 triggers and mentions


@cache
def _promises() -> frozenset[str]:
    """Verbs of commitment: "promised to rebuild the homes" is an AGREE still to be kept."""
    return everyday()["commitments"]["promises"]


@cache
def _trigger_ids() -> frozenset[int]:
    """Ids of the first words of all triggers, for a fast scan of the Doc."""
    return frozenset(get_string_id(w) for w in triggers().by_lemma)


def _generic(token: Token) -> bool:
    """ "a history of attacks", "this kind of attack": no particular event."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "of":
        return head.head.lemma_.lower() in nouns().generic
    if token.dep_ == "pcomp" or (token.dep_ == "dobj" and head.dep_ == "pcomp"):
        prep = head if token.dep_ == "pcomp" else head.head
        return prep.lower_ == "of" and prep.head.lemma_.lower() in nouns().generic
    return False


_PERSON_PRONOUNS = {"he", "she", "i", "you"}


def _by_a_person(index: Index, trigger: Token, args: Args) -> bool:
    """Whether the doer of a deed is one person: named, or "he", "she"."""
    if any(c.dep_ == "nsubj" and c.lower_ in _PERSON_PRONOUNS for c in trigger.children):
        return True
    for arg in args.actors:
        actor = index.actors.get(arg.actor_id) if arg.actor_id else None
        if actor is not None and actor.kind == ActorKind.PERSON:
            return True
    return False


def _said_of_a_person(trigger: Token) -> bool:
    """A disaster word said of a person is a figure of speech: "the physician who briefly
    caught fire in the campaign", "she crashed"."""
    verb = trigger.head if trigger.dep_ in ("dobj", "pobj", "attr") else trigger
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    if subject.lower_ == "who":  # "the physician who caught fire": who is a person
        return True
    return subject.ent_type_ == "PERSON" or subject.lower_ in _PERSON_PRONOUNS


def _armed(doc: Doc, trigger: Token) -> bool:
    """A man-made disaster is an accident: a weapon in its sentence makes the collapse or
    the fire an attack's effect ("the bomb caused part of the ceiling to collapse")."""
    for token in trigger.sent:
        found = weapon_at(doc, token)
        if found is not None and set(found[0].mode) != {"unconventional"}:
            return True  # (a toxic gas may leak: a chemical is no sign of an attack)
    return False


def _plural_name(token: Token) -> int:
    """The string id of the singular of a capitalised plural the parser took for a proper
    noun and left unlemmatised ("Shootings in Belfast had continued"), else 0."""
    text = token.text
    if token.pos_ != "PROPN" or len(text) < 5 or not text.istitle() or text[-1] != "s":
        return 0
    return get_string_id(text[:-1].lower())


def _in_name(index: Index, token: Token) -> bool:
    """A proper noun inside a longer name of an actor: "Asia-Pacific Economic
    Cooperation", "Amnesty International", "Ceasefire Violations Committee"."""
    if token.pos_ != "PROPN":
        return False
    actor = index.actor_of_token(token)
    if actor is None:
        return False
    start, end = token.idx, token.idx + len(token)
    return any(
        m.start <= start and end <= m.end and m.end - m.start > end - start for m in actor.mentions
    )


def _natural_cause(trigger: Token, attacked: set[int]) -> bool:
    """A casualty participle with no doer of its own in a sentence with no attack word, whose
    clause names a disease or disaster: "introducing cholera to Haiti, killing more than
    10,000"."""
    if trigger.sent.start in attacked or trigger.tag_ != "VBG" or _has_subject(trigger):
        return False
    natural = nouns().natural
    own = {t.i for t in trigger.subtree}
    return any(
        t.i not in own
        and t.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj")
        and (t.lemma_.lower() in natural or t.lower_ in natural)
        for t in trigger.head.subtree
    )


# how many sentences back a bare "the attacks" may refer to a figure of speech (a quoted
# paragraph may stand between them)
_ECHO = 6
_STARTS = "eventwire_sentence_starts"


def _sentence_number(token: Token) -> int:
    """The number of the token's sentence in its Doc."""
    doc = token.doc
    starts = doc.user_data.get(_STARTS)
    if starts is None:
        starts = doc.user_data[_STARTS] = [s.start for s in doc.sents]
    return bisect_right(starts, token.i) - 1


def _mentions(found: Findings, index: Index) -> list[Mention]:
    doc = found.doc
    lexicon = triggers().by_lemma
    hits: list[tuple[Token, int, int, Trigger]] = []
    taken: set[int] = set()
    ids = _trigger_ids()
    # words of the people the article names: "Lynch" of "Loretta Lynch" is no lynching
    names = {t.text for e in doc.ents if e.label_ == "PERSON" for t in e if t.pos_ == "PROPN"}
    candidates = [
        k
        for k, (lemma, lower) in enumerate(zip(index.lemma_ids, index.lower_ids, strict=True))
        if lemma in ids or lower in ids or _plural_name(doc[k]) in ids
    ]
    for k in candidates:
        token = doc[k]
        if token.i in taken or token.ent_type_ in _SKIP_ENTS or _in_name(index, token):
            continue
        if token.pos_ == "PROPN" and token.text.istitle() and token.text in names:
            continue
        entries = (
            lexicon.get(token.lemma_.lower())
            or lexicon.get(token.lower_)
            or lexicon.get(token.lower_[:-1] if _plural_name(token) else "")
        )
        if not entries:
            continue
        for entry in entries:
            span = matches(doc, token, entry)
            if span is not None:
                first, last = span
                head = (
                    doc[last]
                    if entry.words and doc[last].head.i not in range(first, last + 1)
                    else token
                )
                if entry.words:
                    head = next(
                        (
                            doc[k]
                            for k in range(first, last + 1)
                            if not first <= doc[k].head.i <= last
                        ),
                        token,
                    )
                hits.append((head, first, last, entry))
                taken.update(range(first, last + 1))
                break
    index.trigger_tokens = {head.i for head, _, _, entry in hits if not entry.weak}
    index.deed_tokens = {
        head.i for head, _, _, entry in hits if entry.type in ("ASSAULT", "COERCE")
    }
    out: list[Mention] = []
    other_words = nouns().other_event
    figure: int | None = None  # the sentence of the last attack word, if it was a figure
    attacked = {h.sent.start for h, _, _, e in hits if e.type == "ASSAULT" and not e.weak}
    for head, first, last, entry in hits:
        figure_of_speech = figurative(head, entry)
        if entry.type == "ASSAULT" and not entry.weak:
            sentence = _sentence_number(head)
            echo = figure is not None and sentence - figure <= _ECHO and bare_reference(head)
            figure = sentence if figure_of_speech or echo else None
            if echo:
                continue  # "she would stand up to the attacks" after attacks in tweets
        if figure_of_speech or _generic(head) or war_as_whole(head):
            continue
        if "man-made" in entry.mode and (_armed(doc, head) or _said_of_a_person(head)):
            continue
        args = arguments(index, head, entry)
        if args.natural and (entry.weak or entry.type == "ASSAULT"):
            continue
        if entry.weak and entry.type == "ASSAULT" and _natural_cause(head, attacked):
            continue  # "introducing cholera to Haiti, killing more than 10,000"
        if "territory" in entry.mode and _by_a_person(index, head, args):
            continue  # "Trump captured Florida": an election won, no place taken
        reading = modality_stage.read(head, entry.type)
        if reading.modality in (Modality.OCCURRED, Modality.ALLEGED) and generic(head):
            reading = modality_stage.Reading(Modality.GENERIC, None, reading.speaker)
        elif reading.modality is Modality.OCCURRED and head.lemma_.lower() in _promises():
            reading = modality_stage.Reading(Modality.PLANNED, head, reading.speaker)
        # "the failed assassination attempt": the determiner of the noun the deed names
        noun = head.head if head.dep_ == "compound" and head.head.lower_ in _ATTEMPTS else head
        determiners = {c.lower_ for c in noun.children if c.dep_ in ("det", "poss", "predet")}
        modifiers = {c.lower_ for c in head.children if c.dep_ in ("det", "amod")}
        out.append(
            Mention(
                entry=entry,
                head=head,
                first=first,
                last=last,
                reading=reading,
                args=args,
                definite=bool(determiners & _DEFINITE)
                or any(c.dep_ == "poss" for c in noun.children),
                other=bool(modifiers & other_words),
            )
        )
    return out


# ------------------------------------------------------------------ 3 groups in a sentence


def _path(a: Token, b: Token) -> list[Token] | None:
    """Tokens on the dependency path from ``a`` to ``b`` (both excluded)."""
    up_a = [a, *a.ancestors]
    index_a = {t.i: k for k, t in enumerate(up_a)}
    climb: list[Token] = []
    node = b
    while node.i not in index_a:
        climb.append(node)
        if node.head.i == node.i:
            return None
        node = node.head
    meet = index_a[node.i]
    middle = up_a[1 : meet + 1] + list(reversed(climb[1:]))
    return [t for t in middle if t.i not in (a.i, b.i)]


def _distance(a: Token, b: Token) -> int:
    path = _path(a, b)
    return 99 if path is None else len(path) + 1


def _argument_siblings(a: Token, b: Token) -> bool:
    """Two triggers that are one verb's arguments, or one the other's head ("attributing
    the blasts to a terrorist attack", "bombings and shootings")."""
    path = _path(a, b)
    if path is None or len(path) > 2:
        return False
    return all(t.pos_ not in ("NOUN", "PROPN") or t.dep_ == "conj" for t in path)


def _named_as(a: Token, b: Token) -> bool:
    """One trigger is the name given to the other ("a bomb exploded, in what officials
    called an attack", "called the explosion an attack", "described it as a massacre")."""
    for name, deed in ((a, b), (b, a)):
        if name.dep_ == "oprd":
            verb = name.head
        elif name.dep_ == "pobj" and name.head.lower_ == "as" and name.head.dep_ == "prep":
            verb = name.head.head
        else:
            continue
        if verb.pos_ != "VERB":
            continue
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if any(o.i == deed.i for o in objects):
            return True
        if any(o.lower_ in _NAMED_BACK for o in objects) and any(
            t.i == deed.i for t in verb.ancestors
        ):
            return True
    return False


def _has_subject(token: Token) -> bool:
    """Whether a verb has an agent of its own ("a car bomb killed…", not "150 wounded")."""
    return any(
        c.dep_ in ("agent", "csubj") or (c.dep_ == "nsubj" and not elliptical_passive(token, c))
        for c in token.children
    )


def _joins(weak: Token, group: Group) -> bool:
    """Whether a casualty word belongs to a stronger trigger of its sentence: it has no
    subject of its own ("…, claiming 100 lives"), or the trigger governs it ("a bomb
    exploded, killing 5", "the attack that killed 5"), or the trigger is its subject or
    the object of its preposition ("the blasts wounded 284", "killed in the attack")."""
    if not _has_subject(weak):
        return True
    for mention in group.strong:
        head = mention.head
        if any(a.i == head.i for a in list(weak.ancestors)[:3]):
            return True
        if head.head.i == weak.i and head.dep_ in ("nsubj", "agent"):
            return True
        if head.dep_ == "pobj" and head.head.head.i == weak.i:
            return True
        if head.dep_ == "conj" and head.head.i == weak.i and not _has_subject(head):
            return True  # one doer, two verbs: "killed 19 villagers and abducted 30 women"
    return False


def _own_subjects(mention: Mention, group: Group) -> bool:
    """Whether a casualty verb and those of a group each have a doer of their own: two
    deeds ("troops killed 12 fighters, days after militants killed 19 villagers")."""
    mine = _doer(mention.head)
    return mine is not None and any(
        (theirs := _doer(m.head)) is not None and theirs.lemma_.lower() != mine.lemma_.lower()
        for m in group.mentions
    )


def _doer(verb: Token) -> Token | None:
    """The named subject of a verb that has one (not a pronoun, not an undergoer)."""
    if not _has_subject(verb):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject if subject is not None and subject.pos_ != "PRON" else None
