"""Stage counts: numbers of people, and what happened to them.

"nearly 100 lives" → max 100, approximate, killed; "at least 84 people were killed" →
min 84, killed; "wounded 284 people" → 284, injured; "a soldier was wounded" → 1;
"no casualties" → 0 killed and 0 injured; "dozens" → at least 24, approximate.  The
readings of vague words and modifiers are data (``knowledge/counts.yaml``).

The outcome (killed, injured, casualties, kidnapped, arrested, missing) comes from the
dependency parse: the verb whose passive subject or object the counted people are
("were killed", "killed 84"), an adjective ("84 dead", "one dead terrorist"), or a noun
("84 deaths", "death toll of 84", "claimed 100 lives").  The events stage attaches a
count to the event whose trigger is nearest to the word that gave its outcome
(``CountMention.anchor``), so that a count belongs to one event, not to every event of
its sentence.

``extract(found)`` fills ``found.counts`` (``findings.CountMention``: the count with its
outcome and anchor), which the events stage reads.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc, Token

from eventwire.findings import CountMention, Findings
from eventwire.knowledge.event_lexicon import CountLexicon, counts, is_person, nouns
from eventwire.knowledge.words import listed, verbs
from eventwire.model import Count, Span

__all__ = ["extract", "find"]

_SKIP_ENTS = {"TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+(\.\d+)?$")
_NOUNISH = {"NOUN", "PROPN", "PRON", "NUM", "ADJ"}


def extract(found: Findings) -> None:
    """Set ``found.counts``: the article's counts of people, with outcome and anchor."""
    found.counts = find(found.doc, found.text)


def find(doc: Doc, text: str) -> list[CountMention]:
    """Every count of people in ``doc``; spans index ``text`` (same length as the Doc text)."""
    lex = counts()
    found: list[CountMention] = []
    taken: set[int] = set()
    starters = _starters()
    if not len(doc):
        return found
    strings = doc.vocab.strings
    low = _lows(doc)
    # the tokens' lower-case forms from one array: Token objects only for candidates
    for i, lower_id in enumerate(doc.to_array(LOWER).tolist()):
        word = strings[lower_id]
        if i in taken or not (
            word in starters or word[:1].isdigit() or word.split("-")[0] in lex.numbers
        ):
            continue
        mention = _count_at(doc, doc[i], text, lex, low)
        if mention is not None:
            found.append(mention)
            taken.update(range(mention.first, mention.last + 1))
    return found


# ------------------------------------------------------------------ reading quantities


@cache
def _starters() -> frozenset[str]:
    """Words a count can start with (all other tokens are skipped at once)."""
    lex = counts()
    first_words = {phrase.split()[0] for phrase in lex.vague}
    return frozenset(
        first_words | set(lex.numbers) | lex.singular | {"a", "an", "no", "nobody", "none"}
    )


def _lower(token: Token) -> str:
    return token.text.lower()


def _lows(doc: Doc) -> list[str]:
    """``_lower`` of every token of ``doc``, from one array."""
    strings = doc.vocab.strings
    orths = doc.to_array(ORTH).tolist() if len(doc) else []
    return [strings[o].lower() for o in orths]


def _number_words(token: Token, lex: CountLexicon) -> list[str] | None:
    """The number words of one token ("284", "1,200", "twenty-five", "TWO"), or None."""
    return _number_words_of(_lower(token), lex)


def _number_words_of(word: str, lex: CountLexicon) -> list[str] | None:
    """``_number_words`` of a token's lower-case text."""
    if _DIGITS.match(word):
        return [word.replace(",", "")]
    if word in lex.numbers:
        return [word]
    parts = word.split("-")
    if len(parts) > 1 and all(p in lex.numbers for p in parts):
        return parts
    return None


def _value(words: list[str], lex: CountLexicon) -> int | None:
    """The value of number words: "two dozen" → 24, "one hundred and five" → 105."""
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        if word in ("a", "an"):
            current = max(current, 1)
            continue
        if word in ("and", "-"):
            continue
        if word[0].isdigit():
            current += float(word)
            seen = True
            continue
        value = lex.numbers.get(word)
        if value is None:
            return None
        seen = True
        if word in lex.multipliers:
            current = max(current, 1) * value
            if value >= 1000:
                total += current
                current = 0
        else:
            current += value
    return int(total + current) if seen else None


def _number_phrase(
    doc: Doc, i: int, lex: CountLexicon, low: list[str]
) -> tuple[int, int, int] | None:
    """(first, last, value) of the number phrase starting at token ``i``."""
    n = len(low)
    words: list[str] = []
    j = i
    if low[i] in ("a", "an") and i + 1 < n and low[i + 1] in lex.multipliers:
        words.append("a")
        j = i + 1
    last = -1
    while j < n:
        word = low[j]
        part = _number_words_of(word, lex)
        if part is not None:
            if words and words[-1][0].isdigit() and part[0][0].isdigit():
                break  # "20 30": two numbers
            words.extend(part)
            last = j
            j += 1
            continue
        # "one hundred and five", "twenty - five"
        if (
            word in ("and", "-")
            and words
            and j + 1 < n
            and _number_words_of(low[j + 1], lex) is not None
            and not low[j + 1][0].isdigit()
            and (word == "-" or words[-1] in lex.multipliers)
        ):
            words.append(word)
            j += 1
            continue
        break
    if last < 0:
        return None
    value = _value(words, lex)
    return None if value is None else (i, last, value)


def _vague_phrase(
    doc: Doc, i: int, lex: CountLexicon, low: list[str]
) -> tuple[int, int, tuple] | None:
    """(first, last, (min, max, approximate)) of a vague quantity starting at ``i``."""
    for n in (4, 3, 2, 1):
        if i + n > len(low):
            continue
        phrase = " ".join(low[i : i + n])
        if phrase in lex.vague:
            last = i + n - 1
            if low[last] == "of" and n > 1:  # "scores of", "a couple of"
                last -= 1
            return i, last, lex.vague[phrase]
    return None


def _modifier(doc: Doc, first: int, lex: CountLexicon, low: list[str]) -> tuple[int, str | None]:
    """(first token, kind) of the modifier right before token ``first`` ("at least")."""
    for n in range(lex.max_modifier_words, 0, -1):
        if first - n < 0:
            continue
        phrase = " ".join(low[first - n : first])
        if phrase in lex.modifiers:
            return first - n, lex.modifiers[phrase]
    return first, None


def _bounds(kind: str | None, value: int) -> tuple[int | None, int | None, bool]:
    if kind == "approx":
        return value, value, True
    if kind == "near":
        return None, value, True
    if kind == "min":
        return value, None, False
    if kind == "above":
        return value + 1, None, False
    if kind == "max":
        return None, value, False
    if kind == "below":
        return None, max(value - 1, 0), False
    return value, value, False


# ------------------------------------------------------------------ the counted people


def _counted(doc: Doc, first: int, last: int) -> tuple[Token, Token | None]:
    """(head, noun): the token standing for the people counted, and the counted noun."""
    token = doc[last]
    for k in range(first, last + 1):  # the phrase's root: its head lies outside the phrase
        if not first <= doc[k].head.i <= last or doc[k].head.i == k:
            token = doc[k]
            if token.dep_ in ("nummod", "quantmod", "amod"):
                break
    head = token
    while head.dep_ in ("nummod", "quantmod", "compound", "amod", "det") and head.head.i != head.i:
        if head.head.i < head.i:
            break
        head = head.head
    if head.i != token.i and head.pos_ in ("NOUN", "PROPN", "PRON", "ADJ"):
        return head, head
    # partitive: "two of its members", "dozens of people"
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return token, objects[0]
    return token, None


def _to_death(verb: Token, lex: CountLexicon) -> bool:
    """ "shot dead", "beaten to death", "burned to death"."""
    for child in verb.children:
        if child.lemma_.lower() in lex.to_death or child.lower_ in lex.to_death:
            return True
        if (
            child.dep_ == "prep"
            and child.lower_ == "to"
            and any(c.lemma_.lower() in lex.to_death for c in child.children)
        ):
            return True
    return False


def _verb_outcome(verb: Token, lex: CountLexicon) -> str | None:
    if any(c.dep_ == "neg" for c in verb.children):
        return None
    outcome = lex.verbs.get(verb.lemma_.lower()) or _prep_object_outcome(verb, lex)
    if outcome is None:
        return None
    if outcome == "injured" and _to_death(verb, lex):
        return "killed"
    return outcome


def _prep_object_outcome(verb: Token, lex: CountLexicon) -> str | None:
    """ "treated for wounds", "admitted with burns": the verb's prepositional object."""
    lemma = verb.lemma_.lower()
    for prep in verb.children:
        if prep.dep_ == "prep":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    key = (lemma, prep.lower_, obj.lemma_.lower())
                    if key in lex.prep_objects:
                        return lex.prep_objects[key]
    return None


def _adjective_outcome(token: Token, lex: CountLexicon) -> tuple[str, Token] | None:
    """ "one dead terrorist", "10 people injured", "left 12 dead"."""
    for child in token.children:
        if child.dep_ in _ADJECTIVE_DEPS:
            word = child.lower_
            if child.dep_ == "conj" and child.pos_ == "NOUN":
                continue
            outcome = lex.adjectives.get(word) or lex.adjectives.get(child.lemma_.lower())
            if outcome and not any(c.dep_ == "neg" for c in child.children):
                return outcome, child
    return None


_UNDERGO = verbs("undergo")
# outcome nouns that name people rather than the outcome itself ("3 hostages were freed")
_NOT_COUNTED_NOUNS = listed("counts", "not_counted")
_ADJECTIVE_DEPS = {"amod", "acl", "acomp", "oprd", "appos", "advcl", "xcomp", "ccomp", "conj"}


def _outcome(head: Token, noun: Token | None, lex: CountLexicon) -> tuple[str | None, Token | None]:
    """What happened to the counted people, and the word that says it."""
    # the counted noun names the outcome: "84 deaths", "no casualties", "3 hostages"
    for token in (noun, head):
        lemma = token.lemma_.lower() if token is not None else ""
        if lemma in lex.nouns and token.pos_ == "NOUN" and lemma not in _NOT_COUNTED_NOUNS:
            return lex.nouns[lemma], token
    for token in (noun, head):
        if token is not None and (found := _adjective_outcome(token, lex)):
            return found
    # the first conjunct's role: "killing 3 soldiers and 2 civilians"
    node = head
    while node.dep_ == "conj" and node.head.pos_ in _NOUNISH and node.head.i != node.i:
        node = node.head
    dep, governor = node.dep_, node.head
    if dep == "nsubjpass":
        outcome = _verb_outcome(governor, lex)
        if outcome:
            return outcome, governor
    elif dep == "nsubj":
        lemma = governor.lemma_.lower()
        perpetrator = any(
            t is not None and t.lemma_.lower() in nouns().perpetrators for t in (noun, head)
        )
        if lemma in _UNDERGO:
            return lex.verbs.get(lemma), governor
        if lemma == "be" or lemma == "remain":
            if found := _adjective_outcome(governor, lex):
                return found
        elif lemma in ("suffer", "sustain", "lose"):
            for child in governor.children:
                if child.dep_ == "dobj" and (lemma, child.lemma_.lower()) in lex.objects:
                    return lex.objects[(lemma, child.lemma_.lower())], governor
        elif (
            lemma in lex.verbs
            and not perpetrator
            and not any(c.dep_ == "dobj" for c in governor.children)
            and governor.tag_ in ("VBN", "VBD")
        ):
            outcome = _verb_outcome(governor, lex)
            if outcome:
                return outcome, governor
    if dep == "dobj":
        lemma = governor.lemma_.lower()
        for token in (noun, head):
            if token is not None and (lemma, token.lemma_.lower()) in lex.objects:
                return lex.objects[(lemma, token.lemma_.lower())], governor
        if lemma == "leave":
            if found := _adjective_outcome(governor, lex):
                return found
        elif lemma not in _UNDERGO:
            outcome = _verb_outcome(governor, lex)
            if outcome:
                return outcome, governor
    elif dep == "pobj":
        prep = governor
        owner = prep.head
        if prep.lower_ == "of" and owner.lemma_.lower() in lex.nouns and owner.pos_ == "NOUN":
            return lex.nouns[owner.lemma_.lower()], owner
        if prep.lower_ in ("to", "at") and owner.pos_ in ("VERB", "AUX"):
            for child in owner.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.lemma_.lower() == "toll":
                    return "killed", child
        if prep.lower_ == "by" and owner.lemma_.lower() in lex.verbs:
            return None, None  # "killed by 20 gunmen": the agents
    elif dep == "attr":
        for child in governor.children:
            if child.dep_ == "nsubj" and child.lemma_.lower() == "toll":
                return "killed", child
    return None, None


def _in_skipped_entity(doc: Doc, first: int, last: int) -> bool:
    """A time, an amount of money, a percentage, an ordinal or a year, not a count."""
    if first == last and doc[first].ent_type_ == "DATE" and re.fullmatch(r"\d{4}", doc[first].text):
        return True
    return any(doc[k].ent_type_ in _SKIP_ENTS for k in range(first, last + 1))


def _make(
    doc: Doc,
    text: str,
    first: int,
    last: int,
    bounds: tuple[int | None, int | None, bool],
    head: Token,
    noun: Token | None,
    outcome: str | None,
    anchor: Token | None,
) -> CountMention:
    end_token = last
    if noun is not None and noun.i > last and noun.i - last <= 4:
        end_token = noun.i
    start = doc[first].idx
    end = doc[end_token].idx + len(doc[end_token])
    low, high, approximate = bounds
    count = Count(min=low, max=high, approximate=approximate, span=Span.of(text, start, end))
    return CountMention(
        count=count,
        outcome=outcome,
        first=first,
        last=end_token,
        head=head.i,
        noun=noun.i if noun is not None else None,
        anchor=anchor.i if anchor is not None else None,
    )


def _count_at(
    doc: Doc, token: Token, text: str, lex: CountLexicon, low: list[str]
) -> CountMention | None:
    """The count of people starting at ``token``, if any."""
    i = token.i
    word = _lower(token)

    # zero: "no one", "nobody", "none", "no casualties", "no soldiers were killed"
    if word in ("nobody", "none") or (
        word == "no" and i + 1 < len(doc) and _lower(doc[i + 1]) == "one"
    ):
        last = i + 1 if word == "no" else i
        head = doc[last]
        outcome, anchor = _outcome(head, None, lex)
        if outcome:
            return _make(doc, text, i, last, (0, 0, False), head, None, outcome, anchor)
        return None
    if word == "no" and token.dep_ == "det" and token.head.i > i:
        head = token.head
        outcome, anchor = _outcome(head, head, lex)
        if outcome and (is_person(head.lemma_, head.text) or head.lemma_.lower() in lex.nouns):
            return _make(doc, text, i, head.i, (0, 0, False), head, head, outcome, anchor)
        return None

    # vague quantities: "dozens", "hundreds of", "a handful", "several"
    vague = _vague_phrase(doc, i, lex, low)
    if vague is not None:
        first, last, bounds = vague
        if any(_number_words(t, lex) for t in doc[last + 1 : last + 3]):
            return None  # "as many as 15": the number counts
        start, kind = _modifier(doc, first, lex, low)
        if bounds[0] is not None and kind in ("min", "above", "approx"):
            bounds = (bounds[0], bounds[1], True)
        head, noun = _counted(doc, first, last)
        outcome, anchor = _outcome(head, noun, lex)
        person = any(t is not None and is_person(t.lemma_, t.text) for t in (noun,))
        if word in ("many", "several", "numerous", "both") and not (noun is not None or outcome):
            return None
        if outcome or person:
            return _make(doc, text, start, last, bounds, head, noun, outcome, anchor)
        return None

    # numbers: "284", "twenty-five", "two dozen", "1,200", "between 10 and 20"
    phrase = _number_phrase(doc, i, lex, low)
    if phrase is not None:
        first, last, value = phrase
        if _in_skipped_entity(doc, first, last):
            return None
        start, kind = _modifier(doc, first, lex, low)
        bounds = _bounds(kind, value)
        # ranges: "10 to 20", "10 or 20", "between 10 and 20", "10-20"
        if last + 2 < len(doc) and _lower(doc[last + 1]) in ("to", "or", "-", "and"):
            second = _number_phrase(doc, last + 2, lex, low)
            is_between = start == first and first > 0 and _lower(doc[first - 1]) == "between"
            joined = _lower(doc[last + 1]) != "and" or is_between
            if second is not None and joined and second[2] > value:
                start = first - 1 if is_between else start
                bounds = (value, second[2], _lower(doc[last + 1]) == "or")
                last = second[1]
        head, noun = _counted(doc, first, last)
        outcome, anchor = _outcome(head, noun, lex)
        person = any(
            t is not None and t.pos_ != "NUM" and is_person(t.lemma_, t.text) for t in (noun, head)
        )
        if outcome or person:
            return _make(doc, text, start, last, bounds, head, noun, outcome, anchor)
        return None

    # indefinite singular: "a soldier was wounded" → 1
    if word in lex.singular and token.dep_ in ("det", "nummod") and token.head.i > i:
        head = token.head
        if (
            head.pos_ != "NOUN"
            or head.tag_ in ("NNS", "NNPS")
            or not is_person(head.lemma_, head.text)
        ):
            return None
        outcome, anchor = _outcome(head, head, lex)
        if outcome in ("killed", "injured", "kidnapped", "arrested", "missing"):
            return _make(doc, text, i, head.i, (1, 1, False), head, head, outcome, anchor)
    return None
