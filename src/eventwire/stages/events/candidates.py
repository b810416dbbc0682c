"""Candidate argument spans of an attack event and their features, for the learned role
classifier (``learned.py``; trained by ``eventwire train roles``).

Candidates: in each sentence holding the event's trigger or one of its mentions, the
noun chunks, the named entities, the actors' mentions and the weapon phrases; and,
wherever they are, the arguments the rules gave the event.  Each candidate is described
by sparse features (name → value) relative to the nearest anchor (trigger or mention
token) of the event:

- the role the rules gave it (the rules as features), or the role of a rule argument
  it overlaps;
- its syntax: the dependency relation of its head, the preposition governing it, the
  dependency path to the anchor, the side of the anchor and the distance in tokens;
- its words, casing aside: head lemma, entity label, person / weapon / building /
  title lexicons, number, length, pronoun, kind of actor it names and how often that
  actor is mentioned;
- the anchor: trigger lemma and part of speech, the event's modes; the sentence's place
  in the article.

Features are computed the same way at training and at run time (``features_of``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventwire.findings import Findings
from eventwire.knowledge.event_lexicon import is_person, nouns
from eventwire.knowledge.words import titles
from eventwire.model import Arg, Event
from eventwire.stages.events.phrases import names_weapon, weapon_at

# the rules' roles: the event's field (and individual or not for actors) → role name
RULE_ROLES = ("actor_ind", "actor_org", "target", "victim", "instrument")
_MAX_PATH = 4


@dataclass
class Candidate:
    """A span that may be an argument of one event, with its features."""

    start: int  # characters of the article text
    end: int
    head: int  # token index of the span's head
    features: dict[str, float] = field(default_factory=dict)
    rule: str | None = None  # the role the rules gave exactly this span


def rule_role(field_name: str, arg: Arg) -> str:
    """The role name of a rule argument in field ``field_name`` of an event."""
    if field_name == "actors":
        return "actor_ind" if arg.individual else "actor_org"
    return {"targets": "target", "victims": "victim", "instruments": "instrument"}[field_name]


def rule_args(event: Event) -> Iterator[tuple[str, Arg]]:
    """(role, argument) of the rules' actors, targets, victims and instruments."""
    for name in ("actors", "targets", "victims", "instruments"):
        for arg in getattr(event, name):
            yield rule_role(name, arg), arg


def anchors(doc: Doc, event: Event) -> list[Token]:
    """The tokens of the event's trigger and mentions (the last token of each)."""
    out: list[Token] = []
    for span in (event.trigger, *event.mentions):
        tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
        if tokens is not None and len(tokens):
            out.append(tokens.root)
    return out


def _chunk_bounds(doc: Doc) -> list[tuple[int, int]]:
    """The token bounds of the document's noun chunks, found once per document (a
    sentence's own ``noun_chunks`` runs over the whole document each time)."""
    key = "eventwire.noun_chunks"
    if key not in doc.user_data:
        doc.user_data[key] = [(c.start, c.end) for c in doc.noun_chunks]
    return doc.user_data[key]


def _spans(doc: Doc, sent: SpacySpan) -> Iterator[SpacySpan]:
    """The candidate token spans of one sentence."""
    for start, end in _chunk_bounds(doc):
        if sent.start <= start and end <= sent.end:
            yield doc[start:end]
    yield from sent.ents
    for tok in sent:
        if tok.pos_ in ("NOUN", "PROPN"):
            hit = weapon_at(doc, tok)
            if hit is not None:
                yield doc[hit[1] : tok.i + 1]


def candidates(found: Findings, event: Event) -> list[Candidate]:
    """The candidate argument spans of ``event`` with their features."""
    doc = found.doc
    points = anchors(doc, event)
    if not points:
        return []
    sents = {tok.sent.start: tok.sent for tok in points}
    spans: dict[tuple[int, int], SpacySpan] = {}
    for sent in sents.values():
        for s in _spans(doc, sent):
            s = _trim(s)
            if s is not None:
                spans.setdefault((s.start_char, s.end_char), s)
        for actor in found.index.actors_in(sent.start_char, sent.end_char):
            for m in actor.mentions:
                if sent.start_char <= m.start and m.end <= sent.end_char:
                    s = doc.char_span(m.start, m.end, alignment_mode="expand")
                    if s is not None and len(s):
                        spans.setdefault((m.start, m.end), s)
    rules: dict[tuple[int, int], str] = {}
    for role, arg in rule_args(event):
        key = (arg.span.start, arg.span.end)
        rules.setdefault(key, role)
        if key not in spans:
            s = doc.char_span(*key, alignment_mode="expand")
            if s is not None and len(s):
                spans[key] = s
    trigger_chars = {(p.idx, p.idx + len(p)) for p in points}
    out = []
    for (start, end), s in sorted(spans.items()):
        if (start, end) in trigger_chars:
            continue  # the trigger word itself
        cand = Candidate(start, end, s.root.i, rule=rules.get((start, end)))
        cand.features = features_of(found, event, s, points, rules)
        out.append(cand)
    return out


def _trim(s: SpacySpan) -> SpacySpan | None:
    """The span less leading and trailing punctuation and spaces."""
    first, last = s.start, s.end
    doc = s.doc
    while first < last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last > first and (doc[last - 1].is_punct or doc[last - 1].is_space):
        last -= 1
    return doc[first:last] if last > first else None


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


def _path(a: Token, b: Token) -> str | None:
    """The dependency path from ``a`` up to the common ancestor and down to ``b``."""
    up = [a, *a.ancestors]
    down = [b, *b.ancestors]
    ids = {t.i: k for k, t in enumerate(down)}
    for k, tok in enumerate(up):
        if tok.i in ids:
            j = ids[tok.i]
            if k + j > _MAX_PATH:
                return None
            parts = [f"^{t.dep_}" for t in up[:k]] + [f"v{t.dep_}" for t in reversed(down[:j])]
            return "".join(parts) or "="
    return None


def features_of(
    found: Findings,
    event: Event,
    s: SpacySpan,
    points: list[Token],
    rules: dict[tuple[int, int], str],
) -> dict[str, float]:
    """The features of span ``s`` as an argument of ``event`` (see the module's doc)."""
    f: dict[str, float] = {"bias": 1.0}
    head = s.root
    start, end = s.start_char, s.end_char
    same = [p for p in points if p.sent.start == head.sent.start]
    anchor = min(same or points, key=lambda p: abs(p.i - head.i))
    f["same_sentence" if same else "other_sentence"] = 1.0
    # the rules
    rule = rules.get((start, end))
    if rule:
        f[f"rule={rule}"] = 1.0
    else:
        near = {r for (a, b), r in rules.items() if a < end and start < b}
        for r in near:
            f[f"rule_overlap={r}"] = 1.0
        if not near:
            f["rule=none"] = 1.0
    # syntax
    trig_pos = "verb" if anchor.pos_ in ("VERB", "AUX") else "noun"
    f[f"trigger_pos={trig_pos}"] = 1.0
    f[f"dep={head.dep_}"] = 1.0
    prep = head.head if head.dep_ == "pobj" and head.head.dep_ in ("prep", "agent") else None
    if prep is not None:
        f[f"prep={prep.lower_}"] = 1.0
        f[f"prep={prep.lower_}|{trig_pos}"] = 1.0
        if prep.head.i == anchor.i:
            f[f"prep_of_trigger={prep.lower_}"] = 1.0
    if head.head.i == anchor.i and head.i != anchor.i:
        f[f"child={head.dep_}|{trig_pos}"] = 1.0
    path = _path(head, anchor) if head.sent.start == anchor.sent.start else None
    f[f"path={path}" if path else "path=none"] = 1.0
    if path:
        f[f"path_steps={path.count('^') + path.count('v')}"] = 1.0
    inside = s.start <= anchor.i < s.end
    side = "inside" if inside else ("left" if head.i < anchor.i else "right")
    f[f"side={side}"] = 1.0
    f[f"side={side}|{trig_pos}"] = 1.0
    f[f"dep={head.dep_}|{side}"] = 1.0
    if rule:
        f[f"rule={rule}|{trig_pos}"] = 1.0
    distance = min(abs(t.i - anchor.i) for t in s)
    f[f"distance={_bucket(distance, (1, 2, 4, 8, 16))}"] = 1.0
    # words
    lemma = head.lemma_.lower()
    f[f"lemma={lemma}"] = 1.0
    f[f"ent={head.ent_type_ or 'none'}"] = 1.0
    if head.pos_ == "PRON":
        f["pronoun"] = 1.0
    if head.pos_ == "PROPN":
        f["proper"] = 1.0
    if head.tag_ in ("NNS", "NNPS"):
        f["plural"] = 1.0
    if any(t.like_num for t in s):
        f["number"] = 1.0
    f[f"length={_bucket(len(s), (1, 2, 3, 5))}"] = 1.0
    if is_person(lemma, head.lower_):
        f["lex=person"] = 1.0
    if names_weapon(found.doc, head):  # "bombs", "a dynamite charge", "7 kg of dynamite"
        f["lex=weapon"] = 1.0
    lexicon = nouns()
    if lemma in lexicon.physical:
        f["lex=building"] = 1.0
    if lemma in lexicon.institutions:
        f["lex=institution"] = 1.0
    if any(t.lower_ in titles("person_cue") for t in s):
        f["lex=title"] = 1.0
    actor = found.index.actor_at(start, end, prefer="overlap")
    if actor is not None:
        f[f"actor={actor.kind.value}"] = 1.0
        f[f"actor_mentions={_bucket(len(actor.mentions), (1, 2, 4))}"] = 1.0
    else:
        f["actor=none"] = 1.0
    # the event
    f[f"trigger={anchor.lemma_.lower()}"] = 1.0
    for mode in event.mode:
        f[f"mode={mode}"] = 1.0
    sentence = found.index.sentence_of[head.i]
    f[f"sentence={_bucket(sentence, (0, 1, 3, 6))}"] = 1.0
    return f
