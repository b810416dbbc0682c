"""Stance: what a statement does — claims, denies, condemns, threatens, accuses, suspects…

``read(att, doc)`` reads the stance of one attribution (from ``attribution.find``) from its
cue, the cue's negation and its content, with the word classes of ``cues.yaml``:

* the cue's own stance: "condemned" → condemns, "asserted responsibility" → claims;
* negation turns it: "does not dispute" → does_not_dispute, "did not condemn" → other,
  "has not claimed responsibility" → no statement at all;
* a speech cue ("said", "declared") takes its stance from the content:
  - the speaker's own people doing violence ("two of its members detonated…") → claims;
  - someone else behind it ("X was behind", "the involvement of X") → accuses, or
    suspects when hedged ("possible", "may", a tentative cue such as "suggest"); ordinary
    news attribution of a deed ("militants carried out the attack, police reported",
    "according to media reports") is no accusation;
  - the speaker not involved ("it had nothing to do with") → denies;
  - violence promised ("will mete out severe consequences", "vowed revenge") → threatens.

It also finds the *target* (the actor the statement is aimed at: the accused, the
threatened, the addressee of a call) as a token range; ``statements.py`` resolves actors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Token

from eventwire.knowledge.cues import Lexicon, lexicon
from eventwire.stages.statements.quotes import Attribution, Range
from eventwire.syntax import child_with, subtree_range

__all__ = ["Reading", "read"]

FUTURE = {"will", "shall", "would", "'ll", "wo", "going", "gon"}
NEGATORS = {"not", "n't", "never", "no", "nothing", "none", "neither", "nor"}
SUBJECTS = {"nsubj", "nsubjpass"}
OBJECTS = {"dobj", "xcomp", "ccomp", "prep", "pobj", "attr", "conj"}  # a threat's words
TURN_NEGATED = {
    "denies": "does_not_dispute",
    "claims_responsibility": None,  # "has not claimed responsibility": no statement
}

SameSide = Callable[[Range], bool]


@dataclass(slots=True)
class Reading:
    """The stance of one attribution."""

    stance: str
    stances: list[str] = field(default_factory=list)
    target: Range | None = None
    violent: bool = False  # a threat of violence (PLOVER THREATEN mode "violence")


def _root(doc: Doc, rng: Range) -> Token | None:
    """The head of a range (spaCy's: the token nearest the root of the parse)."""
    a, b = rng
    return doc[a:b].root if b > a else None


def _negated(tok: Token) -> bool:
    """ "not involved", "had no role", "had nothing to do with"."""
    for child in tok.children:
        if child.dep_ == "neg" or child.lower_ in ("never", "nothing"):
            return True
        if child.dep_ in ("dobj", "attr") and (
            child.lower_ in ("nothing", "none")
            or any(g.dep_ == "det" and g.lower_ in ("no", "neither") for g in child.children)
        ):
            return True
    return False


class _Content:
    """The words of a content, read through the lexicon's word classes."""

    def __init__(self, doc: Doc, rng: Range, lex: Lexicon) -> None:
        self.doc, self.rng, self.lex = doc, rng, lex
        self.tokens = doc[rng[0] : rng[1]]
        self.root = _root(doc, rng)

    @cached_property
    def lemmas(self) -> set[str]:
        return {t.lemma_.lower() for t in self.tokens} | {t.lower_ for t in self.tokens}

    def has(self, kind: str) -> bool:
        return not self.lemmas.isdisjoint(self.lex.word(kind))

    def future(self) -> bool:
        root = self.root
        if root is None:
            return False
        return any(c.lower_ in FUTURE for c in root.children if c.dep_ == "aux")

    def hostile(self, promised: bool) -> bool:
        """A hostile word near the content's head: "revenge", "severe consequences".

        Words such as "response" or "price" count when strong ("a heavy price") or when
        ``promised`` (the cue is a promise or a threat: "vowed a response").
        """
        root = self.root
        if root is None:
            return False
        near, frontier = [root], [root]
        for _ in range(3):  # the head and its objects: "pay a heavy price", not "destroyed homes"
            frontier = [c for t in frontier for c in t.children if c.dep_ in OBJECTS]
            near += frontier
        always, strong = self.lex.word("hostile"), self.lex.word("hostile_if_strong")
        intensifiers = self.lex.word("strong")
        for tok in near:
            lemma = tok.lemma_.lower()
            if lemma in always or tok.lower_ in always:
                return True
            named = lemma in strong or tok.lower_ in strong
            if named and (promised or any(c.lower_ in intensifiers for c in tok.children)):
                return True
        return False


def _is_self(doc: Doc, subject: Token, lex: Lexicon, same_side: SameSide | None) -> bool:
    """The subject is the speaker itself: "we", "it", "its members", "two of its fighters"."""
    words = lex.word("self")
    if subject.lower_ in words:
        return True
    if any(t.lower_ in words and t.dep_ == "poss" for t in subject.subtree):
        return True
    return same_side is not None and same_side(subtree_range(subject))


def _blame(
    doc: Doc, content: _Content, lex: Lexicon, same_side: SameSide | None
) -> tuple[str, Range | None] | None:
    """What a content says of who did it: (claims | accuses | denies, the one blamed)."""
    root = content.root
    if root is None:
        return None
    lemma = root.lemma_.lower()
    subject = child_with(root, *SUBJECTS)
    attack = lex.word("attack")
    blame_adj = lex.word("blame_adjectives")
    negated = _negated(root)
    deed = (
        lemma in attack
        or lemma in lex.word("blame_verbs")
        or any(
            c.dep_ in ("acomp", "prep", "attr", "advmod") and c.lower_ in blame_adj
            for c in root.children
        )
    )
    if lemma in blame_adj or root.lower_ in blame_adj:  # "it was not involved"
        deed = True
    if not deed and lemma == "have":  # "had nothing to do with", "had no role in"
        obj = child_with(root, "dobj")
        deed = obj is not None and (
            obj.lemma_.lower() in lex.word("blame_nouns") or obj.lower_ == "nothing"
        )
    if lemma in lex.word("blame_verbs") and lemma not in attack and not _deed_object(root):
        deed = False  # "plans to visit": no deed planned, carried out or ordered
    if deed and subject is not None:
        if _is_self(doc, subject, lex, same_side):
            return ("denies" if negated else "claims_responsibility"), None
        blames = lemma in lex.word("blame_verbs") or lemma in blame_adj or lemma == "be"
        if not negated and blames:  # "X was behind it", "X carried out the attack"
            return "accuses", subtree_range(subject)
        return None
    # "the (possible) involvement of X", "X's role in the attack"
    nouns = lex.word("blame_nouns")
    for tok in content.tokens:
        if tok.lemma_.lower() not in nouns:
            continue
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "to")), None)
        who = child_with(of, "pobj") if of is not None else child_with(tok, "poss")
        if of is None and not any(c.dep_ == "prep" for c in tok.children):
            continue  # "something in his hand": a hand in nothing
        if who is None:
            who = next((c for c in tok.children if c.dep_ == "amod" and c.pos_ == "ADJ"), None)
            if who is None or who.ent_type_ not in ("NORP", "GPE", "ORG"):
                continue
        return "accuses", subtree_range(who)
    return None


def _deed_object(verb: Token) -> bool:
    """Whether a blame verb has a deed as object: "carried out the attack", "ordered it"
    (an object or passive subject), not "plans to visit"."""
    return any(
        c.dep_ in ("dobj", "nsubjpass") or (c.dep_ == "prt" and child_with(verb, "dobj"))
        for c in verb.children
    )


def _hedged(content: _Content, cue_hedge: bool) -> bool:
    return cue_hedge or content.has("hedge")


def read(
    att: Attribution,
    doc: Doc,
    lex: Lexicon | None = None,
    same_side: SameSide | None = None,
) -> Reading | None:
    """The stance of ``att``; None when it is no statement ("no group has claimed…").

    ``same_side(range)`` tells whether the words in ``range`` name the speaker (or whom the
    speaker speaks for); without it only pronouns ("we", "its members") count.
    """
    lex = lex or lexicon()
    if att.no_source:
        return None
    cue = lex.nouns.get(att.lemma) if att.frame == "noun" else lex.verbs.get(att.lemma)
    own = "other"
    if att.object_stance:
        own = att.object_stance
    elif cue is not None and not att.learned and att.frame != "describe":
        own = cue.stance
    hedge = bool(cue and cue.hedge)
    promise = bool(cue and cue.promise)
    content = _Content(doc, att.content, lex) if att.content is not None else None
    reading = Reading(stance=own)

    if att.negated:
        if own in TURN_NEGATED:
            turned = TURN_NEGATED[own]
            if turned is None:
                return None
            reading.stance = turned
        else:
            reading.stance = "other"
        reading.stances = [reading.stance]
        return reading

    stances: list[str] = []
    if content is not None:
        if own in ("other", "confirms", "suspects", "accuses", "denies"):
            blame = _blame(doc, content, lex, same_side)
            if (
                blame is not None
                and blame[0] == "accuses"
                and att.lemma in lex.word("reporting")
                and content.root is not None
                and content.root.lemma_.lower() in lex.word("blame_verbs")
            ):
                blame = None  # "militants carried out the attack, police reported": the news
            if blame is not None:
                kind, target = blame
                if own == "denies" and kind in ("accuses", "claims_responsibility"):
                    kind, target = "denies", None  # "denied that it was behind…": its own
                elif kind == "accuses" and (own == "suspects" or _hedged(content, hedge)):
                    kind = "suspects"
                stances.append(kind)
                reading.target = reading.target or target
        threat = promise or own == "threatens" or content.future()
        if own in ("other", "threatens", "confirms") and threat and content.hostile(promise):
            stances.append("threatens")
            reading.violent = content.has("violent")
    if own == "accuses" and content is not None and content.has("hedge"):
        own = "suspects"  # "attributing the blasts to an attack consistent with past actions by X"
    if own == "threatens" and content is not None:
        reading.violent = content.has("violent")
    if own != "other":
        stances.insert(0, own)
    elif not stances:
        stances.append("other")
    if own == "confirms" and len(stances) > 1:
        stances.remove("confirms")  # "admitted it carried out the attack": a claim
        stances.append("confirms")
    reading.stances = list(dict.fromkeys(stances))
    reading.stance = reading.stances[0]
    if reading.target is None:
        reading.target = _target(doc, att, reading.stance)
    return reading


def _target(doc: Doc, att: Attribution, stance: str) -> Range | None:
    """The actor aimed at: the accused, the threatened, the addressee of a call."""
    if stance in ("calls_for", "expresses_condolences") and att.addressee is not None:
        return att.addressee
    if stance not in ("accuses", "suspects", "threatens", "condemns") or att.content is None:
        return None
    head = doc[att.head]
    if stance in ("accuses", "suspects"):
        word = {"blame": "on", "attribute": "to"}.get(att.lemma)  # "blamed X on Y"
        obj = child_with(head, "dobj")
        for holder in (head, obj):
            if word is None or holder is None:
                continue
            prep = next((c for c in holder.children if c.dep_ == "prep" and c.lower_ == word), None)
            if prep is not None and (who := child_with(prep, "pobj")) is not None:
                return subtree_range(who)
    obj = child_with(head, "dobj")
    if obj is not None and obj.i >= att.content[0]:
        return subtree_range(obj) if obj.pos_ in ("PROPN", "PRON") or obj.ent_type_ else None
    against = next((t for t in doc[att.content[0] : att.content[1]] if t.lower_ == "against"), None)
    if against is not None and (who := child_with(against, "pobj")) is not None:
        return subtree_range(who)
    return None
