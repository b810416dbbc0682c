"""Attribution: who said (or thinks) what, read from the dependency parse.

``find(doc)`` returns every attribution of a spaCy Doc as token ranges: the *source*
(who), the *cue* (the words that mark it: "stated", "asserted responsibility",
"according to") and the *content* (what was said: a clause, a quote, an object).  It
knows nothing of stances or actors; ``stance.py`` reads the stance and ``statements.py``
turns attributions into Statements.

The constructions tried for a cue verb of ``cues.yaml``, in this order:

* object cues: the verb with a listed object is the cue ("took responsibility for X",
  "offered condolences to X"); the content is what follows;
* ``clause``: a reported clause ("said that…", "“…,” he said", "said: “…”",
  "X, he said, …", "as Politico reported, …");
* ``to``: an infinitive ("vowed to retaliate");
* ``object``: a direct object ("condemned the attack", "denied involvement");
* ``describe``: an object and its description ("called the attack cowardly");
* prepositions ("called for protests", "warned of consequences", "called on X to…");
* ``quote``: a quotation next to a speech verb ("“Okay,” I said").

Contents follow PolNeAR's spans, compared by their hull: a cue between two parts of what
was said leaves the content whole ("The attack, he said, was cowardly"), and a quotation
the speaker resumes right after the cue continues it ("“A,” he said. “B.”").

Besides verbs: "according to X", "in a poll/statement…", a headline "Source: content", a
quotation signed with a dash ("“…” ― Maria Lopez"), and nominal cues with a possessive
source ("Islamic State's claim of responsibility for the attack").  The source of a verb
without a subject comes from the verb it is coordinated with or depends on ("…, saying
that", "responded by saying"); in a relative clause it is the pronoun ("X, who said"),
its antecedent kept apart.  Sources keep their relative clauses ("the experts I asked"),
and the cue runs from the verb that has the subject ("keeps saying").

Each attribution carries a ``confidence``: for a verb without a stance of its own, the
attribution model trained on PolNeAR train (``Lexicon.confidence``: how often the lemma
in that frame was a cue, the frame, the kind of subject).
"""

from __future__ import annotations

from bisect import bisect_right

import numpy as np
from spacy.attrs import IS_SPACE, LEMMA, LOWER, ORTH, POS
from spacy.strings import get_string_id
from spacy.symbols import AUX, NOUN, VERB
from spacy.tokens import Doc

from eventwire.knowledge.cues import Lexicon, lexicon
from eventwire.stages.statements import boundaries, cue_model, cue_spans, ends, starts
from eventwire.stages.statements.frames import (
    _according,
    _headline,
    _in_document,
    _noun_cue,
    _signed,
    _verb_cue,
)
from eventwire.stages.statements.quotes import (
    _COLON_ID,
    _DASH_IDS,
    _OTHER_IDS,
    _QUOTE_IDS,
    DASHES,
    STANCE_CONFIDENCE,
    Attribution,
    Range,
    _quotations,
    _Text,
)
from eventwire.stages.statements.spans import _trim
from eventwire.stages.statements.tagged import VERB_FRAMES, tagged
from eventwire.syntax import SUBJECTS

# the frames of a lexicon verb without a stance of its own whose confidence is the mean of
# the lexicon model's and the cue detector's, when the detector is installed
RESCORED = {"clause", "to", "object", "quote", "describe"}
# the frames whose contents the table of pieces adjusts (not quotations, headlines…)
ADJUSTED = frozenset(
    {"clause", "to", "object", "describe", "according", "in", "tagged", *VERB_FRAMES} - {"quote"}
)
_IDS: dict[int, tuple[Lexicon, np.ndarray, np.ndarray]] = {}


def _ids(lex: Lexicon) -> tuple[np.ndarray, np.ndarray]:
    """String ids of the cue verbs and nouns (sorted, unique), to pick candidate tokens
    from Doc arrays."""
    if id(lex) not in _IDS:
        verbs = [get_string_id(w) for w in lex.verbs]
        verbs += [get_string_id(w.title()) for w in lex.verbs]
        nouns = [get_string_id(w) for w in lex.nouns]
        nouns += [get_string_id(w + "s") for w in lex.nouns]
        ids = np.unique(np.array(verbs, dtype=np.uint64)), np.unique(np.array(nouns, np.uint64))
        _IDS[id(lex)] = (lex, *ids)
    return _IDS[id(lex)][1:]


def find(
    doc: Doc,
    lex: Lexicon | None = None,
    learned: bool = True,
    adjust: bool = True,
    move_starts: bool = True,
    move_cues: bool = True,
) -> list[Attribution]:
    """Every attribution in ``doc``, in text order (nested ones included).

    Candidates are picked from the Doc's attribute arrays (cue lemmas, "according",
    "in", ":"), so that Token objects are made only for them.  Then the learned cue
    detector (``cue_model``; ``learned=False`` or no model file: not) adds the cues the
    lexicon lacks (``tagged``), and the table of content pieces (``boundaries``;
    ``adjust=False``: not) or the content-end model (``ends``) moves where contents end,
    the content-start model (``starts``; ``move_starts=False``: not) where they start,
    and last the cue-span model (``cue_spans``; ``move_cues=False``: not) where cues
    start and end.
    """
    lex = lex or lexicon()
    if not len(doc):
        return []
    cols = doc.to_array([LEMMA, LOWER, ORTH, POS, IS_SPACE])
    lemma, lower, orth, pos, space = (cols[:, k] for k in range(5))
    verb_ids, noun_ids = _ids(lex)
    verbal = ((pos == VERB) | (pos == AUX)) & cue_model.member(lemma, verb_ids)
    nominal = (pos == NOUN) & cue_model.member(lemma, noun_ids)
    other = np.isin(lower, _OTHER_IDS) | (orth == _COLON_ID) | np.isin(orth, _DASH_IDS)
    marks = np.flatnonzero(np.isin(orth, _QUOTE_IDS)).tolist()
    t = _Text(doc, lex, _quotations(doc, orth, space), marks)
    breaks = [i for i in np.flatnonzero(space).tolist() if "\n" in doc[i].text]
    found: list[Attribution] = []
    for i in np.flatnonzero(verbal | nominal | other).tolist():
        tok = doc[i]
        att: Attribution | None = None
        if tok.lower_ == "according":
            att = _according(t, tok)
        elif verbal[i] and (tok.pos != AUX or tok.dep_ != "aux"):
            cue = lex.verbs.get(tok.lemma_.lower())
            if cue is not None:
                att = _verb_cue(t, tok, cue)
        elif nominal[i]:
            cue = lex.nouns.get(tok.lemma_.lower())
            if cue is not None:
                att = _noun_cue(t, tok, cue)
        elif tok.lower_ == "in" and tok.dep_ == "prep":
            att = _in_document(t, tok)
        elif tok.text == ":":
            att = _headline(t, tok)
        elif tok.text in DASHES:
            att = _signed(t, tok)
        if att is not None:
            found.append(_in_paragraph(doc, att, breaks, t.sentence(att.head)))
    detector = cue_model.model() if learned else None
    if detector is not None:
        for att in _detected(t, detector, found):
            found.append(_in_paragraph(doc, att, breaks, t.sentence(att.head)))
        found.sort(key=lambda a: a.head)
    end_model = ends.model() if learned and adjust else None
    columns = None
    if end_model is not None:
        _split_sequels(doc, found)
        columns = ends.Tokens(doc) if any(ends.eligible(a) for a in found) else None
        ends.apply(doc, found, end_model, t.starts, t.ends, breaks, tokens=columns)
        start_model = starts.model() if move_starts else None
        if start_model is not None:
            starts.apply(doc, found, start_model, tokens=columns)
    else:
        kept = boundaries.table() if learned and adjust else None
        for att in found if kept else []:
            if att.content is None or att.direct or att.in_quote or att.frame not in ADJUSTED:
                continue
            stop = att.sentence[1] if att.sentence else len(doc)
            moved = boundaries.adjust(doc, att.content, stop, kept)
            att.content = _trim(doc, moved) or att.content
        _split_sequels(doc, found)
    span_model = cue_spans.model() if learned and move_cues else None
    if span_model is not None and found:
        cue_spans.apply(doc, found, span_model, tokens=columns)
    return found


def _detected(
    t: _Text, detector: cue_model.CueModel, found: list[Attribution]
) -> list[Attribution]:
    """The attributions of the words the cue detector finds that no rule made a cue; the
    detector's probability as the confidence of the lexicon's speech verbs."""
    doc = t.doc
    probs = detector.probabilities(doc, cue_model.quoted(len(doc), t.quotes))
    taken = np.zeros(len(doc), dtype=bool)
    for att in found:
        rescored = att.frame in RESCORED and not att.in_quote
        if rescored and att.confidence != STANCE_CONFIDENCE:
            att.confidence = (att.confidence + float(probs[att.head])) / 2
        taken[att.cue[0] : att.cue[1]] = True
        taken[att.head] = True
    out = []
    for i in np.flatnonzero((probs >= detector.threshold) & ~taken).tolist():
        att = tagged(t, doc[i], float(probs[i]))
        if att is not None:
            out.append(att)
    return out


def _split_sequels(doc: Doc, found: list[Attribution]) -> None:
    """ "China said it was opposed to the test and warned Pyongyang…", "…, saying that…":
    a cue verb without a subject of its own, joined to the end of another attribution's
    content (by "and" or a comma; the same tense, or a participle), goes on with the same
    speaker: a statement of its own (as PolNeAR annotates it), where the first one's
    content ends.  The parse hangs it inside the content, a conjunct of its verb."""
    for outer in found:
        if outer.content is None or outer.content[0] <= outer.head or outer.frame == "quote":
            continue
        a, b = outer.content
        for inner in found:
            verb = doc[inner.head]
            if inner is outer or verb.pos_ != "VERB" or inner.in_quote != outer.in_quote:
                continue
            if not a < inner.cue[0] < b:
                continue
            if verb.dep_ not in ("conj", "advcl") or any(c.dep_ in SUBJECTS for c in verb.children):
                continue
            if doc[inner.cue[0] - 1].lower_ not in (",", "and", "--", "—", "–"):
                continue
            if verb.tag_ != "VBG" and verb.tag_ != doc[outer.head].tag_:
                continue
            content = _trim(doc, (a, inner.cue[0]))
            if content is None:
                continue
            outer.content = content
            inner.source, inner.subject, inner.no_source = outer.source, outer.subject, False
            break


def _in_paragraph(
    doc: Doc, att: Attribution, breaks: list[int], sentence: Range | None = None
) -> Attribution:
    """Source, content and sentence stay in the cue's paragraph (a title line is one).

    ``sentence``: the bounds of the cue's sentence when the caller knows them.
    """
    k = bisect_right(breaks, att.head)
    lo = breaks[k - 1] + 1 if k > 0 else 0
    hi = breaks[k] if k < len(breaks) else len(doc)
    if sentence is None:
        sent = doc[att.head].sent
        sentence = sent.start, sent.end
    a, b = max(sentence[0], lo), min(sentence[1], hi)
    while a < b and doc[a].is_space:
        a += 1
    while b > a and doc[b - 1].is_space:
        b -= 1
    att.sentence = (a, b) if a < b else (att.head, att.head + 1)
    for name in ("source", "content"):
        if name == "content" and att.frame == "signed":
            continue  # the quotation a line signs may be the paragraph before it
        rng = getattr(att, name)
        if rng is not None and (rng[0] < lo or rng[1] > hi):
            clipped = (max(rng[0], lo), min(rng[1], hi))
            setattr(att, name, _trim(doc, clipped) if clipped[0] < clipped[1] else None)
    return att
