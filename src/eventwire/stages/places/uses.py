"""How a place is named: demonyms as place mentions of their own kind, and metonymic uses.

Demonyms
    "Iranian officials", "the Syrian army", "a South African court": the adjective names
    its country (or, for "Texan", "Kashmiri", its division or region).  Such a mention is
    a place mention of kind ``demonym``: it says the article is about that country, but it
    is no location of an event ("Iranian officials met in Geneva" happened in Geneva).
    Nationality nouns in the plural ("Iranians protested") are demonym mentions too (LGL
    annotates them; GeoWebNews does not: its scorer leaves them out, ``is_people_noun``);
    a language is not ("in English", "Arabic-language").

Metonymy
    "Tehran said", "Washington imposed sanctions", "Moscow's decision": the place stands
    for its government (or team, or people).  The mention is flagged ``metonymic``: it is
    still the place, but no location either.  Rule: the name is the subject of a verb of
    saying, deciding or acting as an agent, or the possessor of such a noun.
"""

from __future__ import annotations

from collections.abc import Callable

from eventwire.knowledge import countries
from eventwire.knowledge.files import load_yaml

__all__ = ["demonym_spans", "is_metonymic", "is_people_noun"]

_USES = load_yaml("place_uses.yaml")
AGENT_VERBS = frozenset(_USES["agent_verbs"])  # "Tehran said": a metonymic subject
AGENT_NOUNS = frozenset(_USES["agent_nouns"])  # "Moscow's decision": a metonymic possessor
# Words around a demonym that make it a language.
_LANGUAGE_BEFORE = {"in", "speak", "speaks", "spoke", "speaking", "spoken", "translated"}
_LANGUAGE_AFTER = {"language", "languages", "speaker", "speakers", "translation", "-language"}


def _demonym_place(word: str, place_demonym: Callable[[str], object | None]):
    """The country (or region) a demonym names ("Iranian", "Iranians"), else None."""
    for form in (word, word[:-1] if is_people_noun(word) else None):
        if form:
            found = countries.by_demonym(form) or place_demonym(form)
            if found is not None:
                return found
    return None


def is_people_noun(word: str) -> bool:
    """A demonym in the plural, naming people ("Palestinians", "Russians")."""
    return word.endswith("s") and countries.by_demonym(word[:-1]) is not None


def demonym_spans(doc, place_demonym: Callable[[str], object | None] = lambda w: None):
    """(start, end) character spans of the demonyms of ``doc`` that name a place:
    capitalised adjectives or singular nouns ("Iranian", "South African", "Saudi"), one or
    two tokens, not a country's own name, not a language."""
    out: list[tuple[int, int]] = []
    i, tokens = 0, list(doc)
    while i < len(tokens):
        tok = tokens[i]
        if not tok.text[:1].isupper() or tok.is_stop or (tok.text.isupper() and len(tok) > 3):
            i += 1
            continue
        found = None
        if i + 1 < len(tokens) and tokens[i + 1].text[:1].isupper():
            two = doc[i : i + 2].text
            if _demonym_place(two, place_demonym) is not None:
                found = (i, i + 2)
        if found is None and _demonym_place(tok.text, place_demonym) is not None:
            found = (i, i + 1)
        if found is None:
            i += 1
            continue
        start, end = found
        span = doc[start:end]
        before = tokens[start - 1].lower_ if start > 0 else ""
        after = tokens[end].lower_ if end < len(tokens) else ""
        if countries.by_name(span.text) is not None:  # a name, found as such elsewhere
            i = end
            continue
        if before in _LANGUAGE_BEFORE or after in _LANGUAGE_AFTER:
            i = end
            continue
        out.append((span.start_char, span.end_char))
        i = end
    return out


def is_metonymic(doc, start: int, end: int) -> bool:
    """Whether the place named at characters ``start:end`` of ``doc`` stands for an agent:
    the subject of a verb of saying or deciding ("Tehran said", "Iran has vowed"), or the
    possessor of such a noun ("Moscow's decision")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    head = span.root
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
        verb = head.head
        if verb.lemma_.lower() in AGENT_VERBS:
            return True
        # "Iran has vowed", "Washington is expected to announce"
        for child in verb.children:
            if child.dep_ == "xcomp" and child.lemma_.lower() in AGENT_VERBS:
                return True
        return False
    return head.dep_ == "poss" and head.head.lemma_.lower() in AGENT_NOUNS
