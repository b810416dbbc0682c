"""The statements stage: attributions and their stances made Statements (and verbal
Events); what it does is described in the package docstring (``stages/statements``)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from eventwire.findings import Findings
from eventwire.knowledge.cues import Lexicon, lexicon
from eventwire.knowledge.words import listed, pronouns
from eventwire.model import Actor, ActorKind, Arg, Event, EventType, PlaceFeature, Span, Statement
from eventwire.stages.recipients import Recipient
from eventwire.stages.recipients import find as find_recipients
from eventwire.stages.recipients import named as named_recipients
from eventwire.stages.statements import attribution, stance
from eventwire.stages.statements.quotes import Attribution, Range
from eventwire.text.markup import clean_span

__all__ = ["MIN_CONFIDENCE", "extract"]

MIN_CONFIDENCE = 0.5  # below it, an attribution without a stance is left out
NEARBY_SENTENCES = 2  # how far back an event may be mentioned for an implicit about_event
PRONOUNS = pronouns("speaker")
STATES = {ActorKind.STATE, ActorKind.GOVERNMENT}
# "the Islamic State branch": the head names a part, the compound its parent
BRANCHES = listed("statements", "branches")


@dataclass
class _Item:
    """An attribution on its way to a Statement."""

    att: Attribution
    reading: stance.Reading
    speaker: Actor | None
    drop: bool = False


def _chars(doc: Doc, rng: Range) -> tuple[int, int]:
    return doc[rng[0]].idx, doc[rng[1] - 1].idx + len(doc[rng[1] - 1])


def _span(found: Findings, rng: Range | None) -> Span | None:
    return None if rng is None else found.span(*_chars(found.doc, rng))


def _actor_in(found: Findings, rng: Range) -> Actor | None:
    """The actor a noun phrase names: its head first, then "including X", appositions."""
    return _actor_and_words(found, rng)[0]


def _actor_and_words(found: Findings, rng: Range) -> tuple[Actor | None, Range]:
    """The actor a noun phrase names, and the words that name it."""
    doc = found.doc
    span = doc[rng[0] : rng[1]]
    head = span.root
    tries: list[Range] = []
    for child in head.children:  # "the Islamic State branch known as ISIS-Khorasan"
        if child.dep_ == "acl" and child.lemma_ in ("know", "call", "name", "dub"):
            obj = next((g for g in child.subtree if g.dep_ in ("pobj", "oprd")), None)
            if obj is not None:
                tries.append((obj.left_edge.i, obj.right_edge.i + 1))
    left = min(
        (c.i for c in head.lefts if c.dep_ in ("compound", "amod", "det", "poss")), default=head.i
    )
    if head.lemma_.lower() not in BRANCHES:
        tries.append((left, head.i + 1))
    for child in head.children:
        if child.dep_ == "appos":
            tries.append((child.left_edge.i, child.right_edge.i + 1))
        if child.dep_ == "prep" and child.lower_ in ("including", "like"):  # "experts, including X"
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None:
                tries.append((obj.left_edge.i, obj.right_edge.i + 1))
    if head.lower_ in PRONOUNS or len(tries) <= 1:
        tries.append(rng)
    for a, b in tries:
        actor = found.index.actor_at(*_chars(doc, (a, b)))
        if actor is not None:
            return actor, (a, b)
    return None, rng


def _same_side(found: Findings, speaker: Actor | None, rng: Range) -> bool:
    """Whether the words in ``rng`` name the speaker or whom the speaker speaks for."""
    doc = found.doc
    if rng[1] - rng[0] == 1 and doc[rng[0]].lower_ in PRONOUNS:
        return True
    if speaker is None:
        return False
    other = _actor_in(found, rng)
    if other is None:
        return False
    if other.id in (speaker.id, speaker.affiliation):
        return True
    affiliation = next((a for a in found.actors if a.id == speaker.affiliation), None)
    side = affiliation or speaker
    return other.kind in STATES and side.kind in STATES and side.country == other.country


def _event_mentions(found: Findings) -> list[tuple[int, int, Event]]:
    """(start, end, event) of every trigger and mention of the events found so far."""
    rows = []
    for event in found.events:
        for span in [event.trigger, *event.mentions]:
            rows.append((span.start, span.end, event))
    return sorted(rows, key=lambda r: r[0])


def _about(
    found: Findings,
    item: _Item,
    mentions: list[tuple[int, int, Event]],
    starts: list[int],
    sentences: list[int],
) -> Event | None:
    """The event a statement is about: named in its content, or just before it.

    ``mentions`` are sorted by start (``starts``: their starts), ``sentences`` are the
    sentences' first characters.
    """
    doc = found.doc
    att = item.att
    cue_start, cue_end = _chars(doc, att.cue)
    if att.content is not None:
        start, end = _chars(doc, att.content)
        for s, t, e in mentions[bisect_left(starts, start) : bisect_right(starts, end)]:
            if t <= end and (s, t) != (cue_start, cue_end):
                return e
    if item.reading.stance == "other":
        return None
    sent = bisect_right(sentences, cue_start) - 1
    floor = sentences[max(0, sent - NEARBY_SENTENCES)]
    lo, hi = bisect_left(starts, floor), bisect_right(starts, cue_start)
    for _, t, e in reversed(mentions[lo:hi]):
        if t <= cue_start:
            return e
    return None


def _sentence(found: Findings, i: int) -> Span:
    sent = found.doc[i].sent
    return found.span_of(sent)


def _claim_span(found: Findings, att: Attribution) -> Span:
    """The words of a claim: from the speaker through the content ("X has asserted…")."""
    doc = found.doc
    parts = [r for r in (att.source, att.cue, att.content) if r is not None]
    start, end = min(a for a, _ in parts), max(b for _, b in parts)
    sent_start, sent_end = doc[att.head].sent.start, doc[att.head].sent.end
    if start < sent_start or end > sent_end:
        start, end = att.cue
    return _span(found, (start, end))


def _adopt_inner(items: list[_Item], found: Findings) -> None:
    """An outer speech statement takes the stance of the speaker's own inner statement."""
    said = _SaidIn(items)
    for outer in items:
        att = outer.att
        if outer.drop or att.content is None or outer.reading.stance not in ("other", "confirms"):
            continue
        for inner in said(outer):
            if inner.drop:
                continue
            if inner.reading.stance == "other":
                continue
            src = inner.att.source
            if src is not None and not _same_side(found, outer.speaker, src):
                continue
            reading = outer.reading
            rest = [s for s in reading.stances if s not in inner.reading.stances and s != "other"]
            reading.stance = inner.reading.stance
            reading.stances = [*inner.reading.stances, *rest]
            reading.target = inner.reading.target
            reading.violent = inner.reading.violent
            inner.drop = True
            break


def _said_in(att: Attribution, i: int) -> bool:
    """Whether token ``i`` is in the content of ``att``, not in the words between its
    quotations ("“A,” he said, referring to X. “B.”")."""
    if att.content is None or not att.content[0] <= i < att.content[1]:
        return False
    return att.gap is None or not att.gap[0] <= i < att.gap[1]


class _SaidIn:
    """The statements said in another's content, found by their heads' positions."""

    def __init__(self, items: list[_Item]) -> None:
        self.items = items
        self.order = sorted(range(len(items)), key=lambda k: items[k].att.head)
        self.heads = [items[k].att.head for k in self.order]

    def __call__(self, outer: _Item) -> list[_Item]:
        """The other items whose head is in ``outer``'s content, in the items' order."""
        content = outer.att.content
        if content is None:
            return []
        lo, hi = bisect_left(self.heads, content[0]), bisect_left(self.heads, content[1])
        found = sorted(self.order[lo:hi])
        return [
            self.items[k]
            for k in found
            if self.items[k] is not outer and _said_in(outer.att, self.items[k].att.head)
        ]


def _drop_nested(items: list[_Item], doc: Doc) -> None:
    """A cue inside the content of the same speaker's statement is part of it.

    "declined to say whether…", "said he would urge…": one statement, not two.  Inside
    another's content, a statement without a stance or a known speaker is left out too,
    and so is one not made ("demanded that the government explain…", "will say").
    """
    said = _SaidIn(items)
    for outer in items:
        if outer.drop or outer.att.content is None:
            continue
        for inner in said(outer):
            if inner.drop:
                continue
            src = inner.att.source
            if src is None or src == outer.att.source:
                inner.drop = True  # the same speaker: one statement
            elif _irrealis(doc[inner.att.head]):
                inner.drop = True  # "demanded that the government explain…": not said yet
            elif inner.reading.stance == "other" and inner.speaker is None:
                inner.drop = True  # "denounced the attacks as a cowardly act aiming to…"


def _irrealis(verb: Token) -> bool:
    """A base-form cue not made by "do": "will say", "to say", "that they explain"."""
    return verb.tag_ == "VB" and not any(
        c.dep_ == "aux" and c.lemma_.lower() == "do" for c in verb.children
    )


class _Places:
    """What kind of place a token names: "country", "town" (anything smaller) or None;
    the table is made when first asked."""

    def __init__(self, found: Findings) -> None:
        self.found = found
        self._kinds: dict[int, str] | None = None

    def __call__(self, token: Token) -> str | None:
        if self._kinds is None:
            doc, self._kinds = self.found.doc, {}
            for place in self.found.places:
                kind = "country" if place.feature == PlaceFeature.COUNTRY else "town"
                for m in place.mentions:
                    if m.kind == "demonym":
                        continue  # "Iranian officials": no place named as a recipient
                    span = doc.char_span(m.start, m.end, alignment_mode="expand")
                    if span is not None:
                        for k in range(span.start, span.end):
                            self._kinds[k] = kind
        return self._kinds.get(token.i)


def _obliged(doc: Doc, att: Attribution) -> Token | None:
    """The subject of a content that says what someone must do ("the minister said that
    Libya must hand over the suspects" → Libya): a demand made in a statement."""
    if att.content is None or att.frame in ("according", "quote"):
        return None
    root = doc[att.content[0] : att.content[1]].root
    if root.pos_ not in ("VERB", "AUX") or not any(
        c.dep_ == "aux" and c.lower_ == "must" for c in root.children
    ):
        return None
    return next((c for c in root.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)


def _own_stance(lex: Lexicon, item: _Item) -> bool:
    """Whether the cue states the stance itself ("accused", "demanded", "took
    responsibility"), not a speech cue whose stance was read from its content ("said
    that X was behind…"): the latter is less sure."""
    att = item.att
    cue = lex.nouns.get(att.lemma) if att.frame == "noun" else lex.verbs.get(att.lemma)
    stance_ = item.reading.stance
    return att.object_stance == stance_ or (cue is not None and cue.stance == stance_)


def _recipients(found: Findings, lex: Lexicon, item: _Item, places: _Places) -> list[Arg]:
    """To whom a verbal event is directed when the stance found no target: the object or
    listed prepositional object of the cue's own word ("rejected a U.S. request",
    "demanded that the US cancel…", "lodged a protest with Albania";
    ``stages.recipients``).  Not for a speech cue whose stance comes from its content
    ("said"): whom one speaks to is not whom one accuses."""
    att, stance_ = item.att, item.reading.stance
    plover = lex.plover.get(stance_)
    if plover is None:
        return []
    if not _own_stance(lex, item):
        return []
    exclude = {item.speaker.id} if item.speaker is not None else set()
    doc = found.doc
    source = set(range(*att.source)) if att.source is not None else set()

    actor_at = found.index.actor_at
    if att.addressee is not None:  # "called on the rebels to…"
        head = doc[att.addressee[0] : att.addressee[1]].root
        found_ = named_recipients(head, plover[0], actor_at, places, exclude)
    else:
        found_ = find_recipients(doc[att.head], plover[0], actor_at, places, exclude)
    return _as_args(found, [r for r in found_ if not source & set(range(r.first, r.last + 1))])


def _as_args(found: Findings, recipients: list[Recipient]) -> list[Arg]:
    """Recipients as event arguments, with their words as evidence."""
    return [
        Arg(actor_id=r.actor.id if r.actor else None, span=_span(found, (r.first, r.last + 1)))
        for r in recipients
    ]


def _next_event_id(found: Findings) -> int:
    numbers = [int(e.id[1:]) for e in found.events if e.id[1:].isdigit()]
    return max(numbers, default=0) + 1


def _verbal_event(
    found: Findings, lex: Lexicon, st: Statement, item: _Item, about: Event | None, number: int
) -> Event | None:
    plover = lex.plover.get(st.stance)
    if plover is None:
        return None
    kind, mode = plover
    if kind == "THREATEN" and item.reading.violent:
        mode = "violence"
    event = Event(
        id=f"E{number}",
        type=EventType(kind),
        mode=[mode] if mode else [],
        context=list(about.context) if about is not None else [],
        trigger=st.cue,
        sentence=st.sentence,
        actors=[st.speaker] if st.speaker is not None else [],
        confidence=min(1.0, item.att.confidence) * (1.0 if _own_stance(lex, item) else 0.6),
    )
    if st.target is not None:  # PLOVER's recipient: the accused, the threatened, the asked
        event.recipients.append(st.target)
    event.date = _date_of(found, item.att.head)
    return event


def _replace_read_twice(found: Findings, event: Event) -> set[str]:
    """Drop the deed events whose trigger is the verbal event's cue ("Khamenei promised
    revenge": AGREE from the verb alone, THREATEN once its content is read); the verbal
    event keeps their place and date when it has none.  The ids of the dropped events."""
    cue = event.trigger
    twice = [
        e
        for e in found.events
        if e.trigger.start < cue.end
        and cue.start < e.trigger.end
        and e.killed is None
        and e.injured is None
    ]
    for deed in twice:
        event.place = event.place or deed.place
        event.date = event.date or deed.date
        found.events.remove(deed)
    return {e.id for e in twice}


def _date_of(found: Findings, head: int) -> str | None:
    """The date attached to the cue verb: "On Friday, the council condemned…"."""
    doc = found.doc
    for when in found.dates:
        span = doc.char_span(when.span.start, when.span.end, alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        if tok.head.i == head or tok.head.head.i == head:
            return when.id
    return None


def extract(found: Findings) -> None:
    """Add the statements of the article, their verbal events and claims."""
    doc, lex = found.doc, lexicon()
    items: list[_Item] = []
    for att in attribution.find(doc, lex):
        named = att.antecedent or att.source  # "the senator, who said": the senator
        speaker = _actor_in(found, named) if named is not None else None
        reading = stance.read(
            att, doc, lex, same_side=lambda rng, who=speaker: _same_side(found, who, rng)
        )
        if reading is None:
            continue
        items.append(_Item(att, reading, speaker))
    _adopt_inner(items, found)
    _drop_nested(items, doc)

    places = _Places(found)
    mentions = _event_mentions(found)
    starts = [m[0] for m in mentions]
    sentences = [s.start_char for s in doc.sents]
    number = _next_event_id(found)
    by_id = {e.id: e for e in found.events}
    for item in items:
        att, reading = item.att, item.reading
        if item.drop or att.in_quote:
            continue
        if reading.stance == "other" and att.confidence < MIN_CONFIDENCE and not att.detected:
            continue  # the cue detector's own threshold decided the detected ones
        obliged = _obliged(doc, att) if reading.stance == "other" else None
        if obliged is not None:  # "said that China must drop its barriers": a demand
            reading.stance, reading.stances = "calls_for", ["calls_for"]
        # "the senator, who said": the source is the pronoun (PolNeAR's), but where the
        # antecedent names no known actor its words are the speaker's evidence, not "who"
        unnamed = item.speaker is None and att.antecedent is not None
        source = _span(found, att.antecedent if unnamed else att.source)
        if source is not None:  # no markup remnant speaks: 'tweet id="…" author="@x"'
            source = clean_span(found.article.text, source)
        speaker = (
            Arg(actor_id=item.speaker.id if item.speaker else None, span=source) if source else None
        )
        target = None
        if reading.target is not None:
            who, words = _actor_and_words(found, reading.target)
            if who is not None and (item.speaker is None or who.id != item.speaker.id):
                target = Arg(actor_id=who.id, span=_span(found, words))
        more: list[Arg] = []
        if obliged is not None:
            exclude = {item.speaker.id} if item.speaker is not None else set()
            asked = named_recipients(obliged, "REQUEST", found.index.actor_at, places, exclude)
            target, *more = _as_args(found, asked) or [None]
        elif target is None:
            target, *more = _recipients(found, lex, item, places) or [None]
        about = _about(found, item, mentions, starts, sentences)
        st = Statement(
            id=f"S{len(found.statements) + 1}",
            speaker=speaker,
            cue=_span(found, att.cue),
            content=_span(found, att.content),
            direct=att.direct,
            stance=reading.stance,
            stances=reading.stances,
            about_event=about.id if about is not None else None,
            target=target,
            channel=_span(found, att.channel),
            sentence=_span(found, att.sentence) or _sentence(found, att.head),
        )
        event = _verbal_event(found, lex, st, item, about, number)
        if event is not None:
            event.recipients.extend(more)  # "threatened Congo and Costa Rica"
            dropped = _replace_read_twice(found, event)
            if dropped:
                mentions = [m for m in mentions if m[2].id not in dropped]
                starts = [m[0] for m in mentions]
                for other in found.statements:
                    if other.about_event in dropped:
                        other.about_event = None
            found.events.append(event)
            by_id[event.id] = event
            st.event_id = event.id
            number += 1
        claimer = speaker.actor_id if speaker is not None else None
        if st.stance == "claims_responsibility" and about is not None and claimer is not None:
            claimed = by_id[about.id]
            if not any(c.actor_id == claimer for c in claimed.claimed_by):
                claimed.claimed_by.append(Arg(actor_id=claimer, span=_claim_span(found, att)))
        found.statements.append(st)
