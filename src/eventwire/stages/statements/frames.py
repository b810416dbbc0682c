"""The constructions of a cue: object cues, clauses, quotations, prepositions, "according
to", documents, headlines, signed quotations and nominal cues.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.knowledge.cues import Cue
from eventwire.stages.statements.quotes import (
    CIRCUMSTANCES,
    DEFAULT_CONFIDENCE,
    DOCUMENTS,
    FIRST_PERSON,
    NEGATIVE_DETS,
    NEGATIVE_SUBJECTS,
    OPEN_QUOTES,
    QUOTES,
    SPEAKER_ENTS,
    STANCE_CONFIDENCE,
    WH_ADVERBS,
    Attribution,
    Range,
    _Text,
)
from eventwire.stages.statements.spans import (
    _around,
    _channel,
    _cue_start,
    _is_channel,
    _is_date,
    _larger_side,
    _negated,
    _noun_phrase,
    _own_words,
    _pobj,
    _prep,
    _quote_balance,
    _relative,
    _resumed,
    _tail,
    _trim,
)
from eventwire.syntax import child_with, speaker_of, subtree_range


@dataclass(slots=True)
class _Frame:
    name: str
    content: Range | None = None
    cue_end: int | None = None
    addressee: Range | None = None
    object_stance: str | None = None
    learned: bool = False


def _object_cue(t: _Text, tok: Token, cue: Cue, dobj: Token | None) -> _Frame | None:
    """ "asserted responsibility for the bombings", "offered condolences to the families"."""
    if dobj is None or not cue.objects:
        return None
    stance = cue.objects.get(dobj.lemma_.lower()) or cue.objects.get(dobj.lower_)
    if not stance:
        return None
    if dobj.i < tok.i:  # passive: "the bombing was claimed by X"
        return _Frame("object-cue", subtree_range(dobj), object_stance=stance)
    frame = _Frame("object-cue", cue_end=dobj.i + 1, object_stance=stance)
    rest = [c for c in dobj.rights if c.dep_ in ("prep", "acl")]
    rest += [c for c in tok.rights if c.i > dobj.i and c.dep_ in ("prep", "dative")]
    rest = [c for c in rest if not _is_channel(c, t.lex) and not _is_date(c)]
    if rest:
        first = min(rest, key=lambda c: c.i)
        what = _pobj(first) if first.dep_ in ("prep", "dative") else first
        frame.content = ((what or first).left_edge.i, max(c.right_edge.i for c in rest) + 1)
        if first.lower_ == "to" and stance == "expresses_condolences":
            frame.addressee = subtree_range(what or first)
    return frame


def _clause(t: _Text, tok: Token, stance: bool) -> _Frame | None:
    """A reported clause of ``tok`` (``stance``: the verb has a stance of its own)."""
    comps = [c for c in tok.children if c.dep_ == "ccomp"]
    # a clause before the verb and one after it ("Moments earlier, X said Y", "…; Iran
    # insists Y"): the one after (PolNeAR train, rules alone: 129 contents after, 37 before)
    comp = next((c for c in comps if c.i > tok.i), comps[0] if comps else None)
    if stance and comp is not None and comp.i < tok.i and child_with(tok, "dobj") is not None:
        comp = None  # "X claims the bombing; Y deny role": the object, not a clause before
    if comp is not None:
        a, b = subtree_range(comp)
        if comp.i > tok.i:  # "said (that) …": the clause starts after the cue
            a = max(a, tok.i + 1)
        return _Frame("clause", (a, b))
    head = tok.head
    if head.i == tok.i:
        return None
    if tok.dep_ == "parataxis":  # "The attack, he said, was cowardly."
        return _Frame("clause", _around(t.doc, subtree_range(head), _own_words(tok)))
    if tok.dep_ == "advcl" and any(c.lower_ == "as" and c.dep_ == "mark" for c in tok.children):
        if own := _own_object(t, tok):  # "…, as he laments a culture of waste": its object
            return _Frame("clause", own)
        return _Frame(
            "clause", _larger_side(subtree_range(head), subtree_range(tok))
        )  # "As X said, …"
    return None


def _own_object(t: _Text, tok: Token) -> Range | None:
    """What verb ``tok`` says after it, its object or infinitive (and the prepositions
    around them, but those of its circumstances, medium or date); None without one."""
    rights = [c for c in tok.rights if c.dep_ in ("dobj", "xcomp", "prep", "dative")]
    rights = [
        c
        for c in rights
        if c.dep_ != "prep"
        or not (c.lower_ in CIRCUMSTANCES or _is_channel(c, t.lex) or _is_date(c))
    ]
    if not any(c.dep_ in ("dobj", "xcomp") for c in rights):
        return None
    return rights[0].left_edge.i, max(c.right_edge.i for c in rights) + 1


def _quote(t: _Text, tok: Token, subject: Token | None) -> _Frame | None:
    """ "“Okay,” I said" / "he said: “…”": a quotation next to the speech verb."""
    left = min(tok.i, subject.left_edge.i if subject is not None else tok.i)
    before = t.quotation_ending(left)
    if before is not None:
        return _Frame("quote", before)
    right = max(tok.i, subject.right_edge.i if subject is not None else tok.i) + 1
    after = t.quotation_starting(right)
    if after is not None:
        return _Frame("quote", after)
    if right < len(t.doc) and t.doc[right].text == ":":
        return _Frame("quote", (right + 1, t.sentence(right)[1]))
    return None


def _frame(t: _Text, tok: Token, cue: Cue, subject: Token | None) -> _Frame | None:
    """The first frame of ``cue`` that verb ``tok`` shows: curated frames, then learned."""
    dobj = child_with(tok, "dobj")
    passive = child_with(tok, "nsubjpass")
    if dobj is None and passive is not None and passive.pos_ != "PRON":
        dobj = passive  # "the attack was condemned by the EU": the object is the subject
    if (frame := _object_cue(t, tok, cue, dobj)) is not None:
        return frame
    frame = _frame_in(t, tok, cue, subject, dobj, cue.frames)
    if frame is None and cue.learned_frames:
        frame = _frame_in(t, tok, cue, subject, dobj, cue.learned_frames)
        if frame is not None:
            frame.learned = True
    return frame


def _frame_in(
    t: _Text, tok: Token, cue: Cue, subject: Token | None, dobj: Token | None, frames: frozenset
) -> _Frame | None:
    """The first of ``frames`` that verb ``tok`` shows."""
    hi = t.sentence(tok.i)[1]
    own = cue.stance != "other"
    if "clause" in frames and (frame := _clause(t, tok, own)) is not None:
        return frame
    xcomp = child_with(tok, "xcomp")
    preps = frames - {"clause", "to", "object", "quote"}
    prep = _prep(tok, preps) if preps else None
    if prep is not None and (pobj := _pobj(prep)) is not None:
        frame = _Frame(prep.lower_, cue_end=prep.i + 1 if prep.i == tok.i + 1 else None)
        if prep.lower_ in ("on", "upon") and xcomp is not None:  # "called on X to …"
            frame.addressee = subtree_range(pobj)
            frame.content = (pobj.left_edge.i, subtree_range(xcomp)[1])  # whom and what
        else:
            frame.content = (pobj.left_edge.i, _tail(t, tok, pobj.right_edge.i + 1, hi))
            if dobj is not None and tok.i < dobj.i < prep.i:  # "criticized X for Y": both
                frame.content = (dobj.left_edge.i, frame.content[1])
        return frame
    if "to" in frames and xcomp is not None and xcomp.pos_ in ("VERB", "AUX"):
        a, b = subtree_range(xcomp)
        if dobj is not None and tok.i < dobj.i < xcomp.i:  # "told her husband to come out"
            a = dobj.left_edge.i
        return _Frame("to", (a, b))
    describe = dobj is not None and (
        child_with(tok, "oprd") is not None or (xcomp is not None and xcomp.pos_ != "VERB")
    )
    if describe and ("object" in frames or cue.lemma == "call"):  # "called it a crime"
        what = child_with(tok, "oprd") or xcomp
        end = what.right_edge.i + 1 if what is not None and what.i > dobj.i else None
        end = _tail(t, tok, end or dobj.right_edge.i + 1, hi)
        return _Frame("describe", (dobj.left_edge.i, end), learned=True)
    if "object" in frames and dobj is not None:
        if dobj.i < tok.i:  # passive
            return _Frame("object", subtree_range(dobj))
        frame = _Frame("object", (dobj.left_edge.i, _tail(t, tok, dobj.right_edge.i + 1, hi)))
        if cue.lemma in ("urge", "implore", "ask") and xcomp is not None:
            # "urged Pyongyang to resume talks": whom and what, PolNeAR's content
            frame.addressee = subtree_range(dobj)
            frame.content = (dobj.left_edge.i, subtree_range(xcomp)[1])
        return frame
    if "quote" in frames and (frame := _quote(t, tok, subject)) is not None:
        return frame
    return None


def _opened(t: _Text, tok: Token, subject: Token | None, content: Range) -> Range | None:
    """ "“If the dam holds,” the mayor said, “we will be fine.”": the quotation that ends
    with a comma right before the speaker and cue, when what they say after is a
    quotation too, is the start of the same one (returned)."""
    doc = t.doc
    if doc[content[0]].text not in QUOTES:
        return None
    left = min(tok.i, subject.left_edge.i if subject is not None else tok.i)
    before = t.quotation_ending(left)
    if before is None or before[1] - before[0] < 3 or doc[before[1] - 2].text != ",":
        return None
    return before


def _with_passive_subject(tok: Token, content: Range) -> Range:
    """ "Trump is expected to attend", "which is expected to draw a crowd": a passive cue
    without an agent, its subject before it, says the subject with what follows (PolNeAR's
    content runs from the subject over the cue)."""
    passive = child_with(tok, "nsubjpass")
    if passive is None or passive.i > tok.i:
        return content
    return passive.left_edge.i, content[1]


def subject_kind(subject: Token | None) -> str:
    """The kind of a cue verb's subject, a feature of the attribution model."""
    if subject is None:
        return "none"
    if subject.lower_ in FIRST_PERSON:
        return "first"
    return "pronoun" if subject.pos_ == "PRON" else "noun"


def _no_source(subject: Token | None) -> bool:
    """ "No group has claimed…", "nobody said…": the statement was not made."""
    if subject is None:
        return False
    if subject.lower_ in NEGATIVE_SUBJECTS:
        return True
    if any(c.dep_ == "det" and c.lower_ in NEGATIVE_DETS for c in subject.children):
        return True
    return subject.lower_ == "one" and subject.i > 0 and subject.nbor(-1).lower_ == "no"


def _verb_cue(t: _Text, tok: Token, cue: Cue) -> Attribution | None:
    """An attribution with the verb ``tok`` as cue, if one of its frames is present."""
    doc = t.doc
    subject = speaker_of(tok)
    frame = _frame(t, tok, cue, subject)
    if frame is None:
        return None
    cue_end = frame.cue_end or tok.i + 1
    particle = child_with(tok, "prt")
    if particle is not None and particle.i == tok.i + 1:
        cue_end = max(cue_end, tok.i + 2)
    for child in tok.rights:  # "said explicitly", "fired back forcefully"
        if child.i != cue_end or child.dep_ not in ("advmod", "prt") or child.pos_ != "ADV":
            break
        inside = frame.content is not None and child.i >= frame.content[0]
        if inside or child.lower_ in WH_ADVERBS:
            break
        cue_end = child.i + 1
    content, direct, gap = None, False, None
    if frame.content is not None and (trimmed := _trim(doc, frame.content)) is not None:
        if frame.name == "quote":
            content, direct = trimmed, True
        else:
            content, direct = _quote_balance(doc, trimmed, t.sentence(tok.i), t.quote_marks)
            widened = t.widen_to_quotation(content, tok.i)
            if widened != content:
                content, direct = widened, True
        if direct and content[1] <= tok.i and (resumed := _resumed(t, tok, subject, content)):
            gap, content = (content[1], resumed[0]), (content[0], resumed[1])
        elif direct and content[0] > tok.i and (opened := _opened(t, tok, subject, content)):
            gap, content = (opened[1], content[0]), (opened[0], content[1])
    if content is not None and subject is None and content[0] > tok.i:
        content = _with_passive_subject(tok, content)
    dobj = child_with(tok, "dobj", "dative")
    channel = _channel(tok, t.lex)
    addressee = frame.addressee
    if cue.lemma == "tell" and dobj is not None:
        if channel is None and _is_channel(dobj, t.lex):
            channel = subtree_range(dobj)  # "told state TV"
        elif addressee is None:
            addressee = subtree_range(dobj)
    kind = subject_kind(subject)
    source = _noun_phrase(doc, subject, tok.i) if subject is not None else None
    antecedent = None
    if source is not None and (pronoun := _relative(tok)) is not None:
        source, antecedent = (pronoun.i, pronoun.i + 1), source
    if frame.object_stance or (cue.stance != "other" and not frame.learned):
        confidence = STANCE_CONFIDENCE
    else:
        confidence = t.lex.confidence(cue.lemma, frame.name, kind, curated=not frame.learned)
    return Attribution(
        cue=(_cue_start(tok, source), cue_end),
        head=tok.i,
        source=source,
        antecedent=antecedent,
        gap=gap,
        content=content,
        frame=frame.name,
        lemma=cue.lemma,
        confidence=confidence,
        learned=frame.learned,
        subject=kind,
        object_stance=frame.object_stance,
        negated=_negated(tok),
        no_source=_no_source(subject),
        direct=direct,
        in_quote=t.quotation(tok.i) is not None,
        channel=channel,
        addressee=addressee,
    )


def _clause_of(tok: Token) -> Token:
    """The clause a modifier hangs from."""
    clause = tok.head
    while clause.dep_ not in ("ROOT", "ccomp", "conj") and clause.head.i != clause.i:
        clause = clause.head
    return clause


def _prepositional(t: _Text, tok: Token, pobj: Token, cue: Range, frame: str) -> Attribution:
    """ "…, according to X" / "In a poll released Monday, …": content is the clause."""
    lo, hi = t.sentence(tok.i)
    clause = _clause_of(tok)
    a, b = subtree_range(clause)
    hole = (min(cue[0], tok.i), max(cue[1], pobj.right_edge.i + 1))
    content = _trim(t.doc, _larger_side((max(a, lo), min(b, hi)), hole))
    direct = False
    if content is not None:
        content, direct = _quote_balance(t.doc, content, (lo, hi), t.quote_marks)
    return Attribution(
        cue=cue,
        head=tok.i,
        source=_noun_phrase(t.doc, pobj, tok.i),
        content=content,
        frame=frame,
        lemma=t.doc[cue[0] : cue[1]].text.lower(),
        confidence=STANCE_CONFIDENCE,
        direct=direct,
        in_quote=t.quotation(tok.i) is not None,
    )


def _according(t: _Text, tok: Token) -> Attribution | None:
    if tok.i + 1 >= len(t.doc) or tok.nbor(1).lower_ != "to":
        return None
    pobj = _pobj(tok.nbor(1)) or child_with(tok, "pobj")
    if pobj is None:
        return None
    return _prepositional(t, tok, pobj, (tok.i, tok.i + 2), "according")


def _in_document(t: _Text, tok: Token) -> Attribution | None:
    """ "In a poll released Monday, 50 percent…" (not the channel of a speech verb)."""
    pobj = _pobj(tok)
    if pobj is None or pobj.lemma_.lower() not in DOCUMENTS or tok.head.i == tok.i:
        return None
    head = tok.head
    if head.pos_ != "VERB" or head.lemma_.lower() in t.lex.verbs:
        return None
    after = pobj.right_edge.i + 1
    if tok.i > head.i or after >= len(t.doc) or t.doc[after].text != ",":
        return None  # "In a poll released Monday, …" opens the clause, set off by a comma
    return _prepositional(t, tok, pobj, (tok.i, tok.i + 1), "in")


def _headline(t: _Text, colon: Token) -> Attribution | None:
    """ "Clinton camp: Trump's rhetoric threatens security", "Poll: …", a transcript's
    "SMITH: …" or "Q: …": a name (words with capitals) before a colon at the start of a
    line (or of a quotation opening it)."""
    doc = t.doc
    start = colon.i
    while start > 0 and "\n" not in doc[start - 1].text + doc[start - 1].whitespace_:
        start -= 1
    if start < colon.i and doc[start].text in OPEN_QUOTES | {'"', "''"}:
        start += 1  # a transcript quoted paragraph by paragraph: '"SMITH: Well, …'
    source = doc[start : colon.i]
    if not 0 < len(source) <= 5:
        return None
    if any(w.like_num or w.is_punct or w.pos_ in ("VERB", "AUX", "ADP") for w in source):
        return None
    if source.text.lower() in t.lex.word("not_speakers"):
        return None
    named = any(w.ent_type_ in SPEAKER_ENTS for w in source)
    if not named and any(not w.text[:1].isupper() for w in source):
        return None
    end = colon.i + 1
    while end < len(doc) and "\n" not in doc[end - 1].whitespace_ and "\n" not in doc[end].text:
        end += 1
    content = _trim(doc, (colon.i + 1, end))
    if content is None or not any(w.pos_ in ("VERB", "AUX") for w in doc[content[0] : content[1]]):
        return None  # "Clinton: 1,769.", "Iowa: Tim Albrecht, Brad Anderson"
    return Attribution(
        cue=(colon.i, colon.i + 1),
        head=colon.i,
        source=(start, colon.i),
        content=content,
        frame="headline",
        lemma=":",
        confidence=DEFAULT_CONFIDENCE,
    )


def _signed(t: _Text, dash: Token) -> Attribution | None:
    """ "“We will rebuild.” ― Maria Lopez" (or on the next line, "- Maria Lopez, Ohio."):
    a quotation signed with a dash and a name that ends the line."""
    doc = t.doc
    quote = t.quotation_ending(dash.i)
    if quote is None:
        return None
    end = dash.i + 1
    while end < len(doc) and not doc[end].is_space and "\n" not in doc[end - 1].whitespace_:
        end += 1
    stop = next((k for k in range(dash.i + 1, end) if doc[k].text in (",", "(")), end)
    source = _trim(doc, (dash.i + 1, stop))
    if source is None or source[1] - source[0] > 5:
        return None
    words = doc[source[0] : source[1]]
    if any(not w.text[:1].isupper() and not w.is_punct for w in words):
        return None
    if not any(w.pos_ == "PROPN" or w.ent_type_ in SPEAKER_ENTS for w in words):
        return None
    content = _trim(doc, quote)
    if content is None:
        return None
    return Attribution(
        cue=(dash.i, dash.i + 1),
        head=dash.i,
        source=source,
        content=content,
        frame="signed",
        lemma=dash.text,
        confidence=STANCE_CONFIDENCE,
        direct=True,
    )


def _noun_cue(t: _Text, tok: Token, cue: Cue) -> Attribution | None:
    """ "Islamic State's claim of responsibility for the attack": a possessive source."""
    poss = child_with(tok, "poss")
    if poss is None or poss.pos_ == "PRON":
        return None
    stance = cue.stance
    cue_end = tok.i + 1
    content: Range | None = None
    of = _prep(tok, {"of"})
    obj = _pobj(of) if of is not None else None
    if obj is not None and cue.objects.get(obj.lemma_.lower()):
        stance = cue.objects[obj.lemma_.lower()]
        cue_end = obj.i + 1
        follow = _prep(obj, {"for", "over", "in"})
        if follow is not None and (what := _pobj(follow)) is not None:
            content = subtree_range(what)
    else:
        follow = _prep(tok, {"for", "of", "against", "to", "over", "on"})
        if follow is not None and (what := _pobj(follow)) is not None:
            content = subtree_range(what)
        clause = child_with(tok, "acl", "ccomp")
        if content is None and clause is not None:
            content = subtree_range(clause)
    if stance == "other" or content is None:
        return None
    a, b = subtree_range(poss)
    if t.doc[b - 1].dep_ == "case":
        b -= 1
    return Attribution(
        cue=(tok.i, cue_end),
        head=tok.i,
        source=_trim(t.doc, (a, b)) or (poss.i, poss.i + 1),
        content=content,
        frame="noun",
        lemma=cue.lemma,
        confidence=STANCE_CONFIDENCE,
        object_stance=stance,
        in_quote=t.quotation(tok.i) is not None,
    )
