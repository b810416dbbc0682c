"""Stage dates: date expressions found in the text, normalised to ISO 8601.

Candidates come from the patterns of the date grammar (``eventwire.text.dates``, run on
the text the model sees, so that truecased wire copy reads "Jan", "May" like ordinary
text) and from spaCy's DATE entities that the patterns do not cover.  Each pattern match
is judged in context (``_verdict``): month names that are also words count only when
capitalised, "9 October Avenue" is a name, "at 1625" a time of day, "2000 soldiers" a
count, "for the last 10 years" a duration.  The tense of the clause (``clause_tense``)
places a bare weekday, a day of a month or a month without a year.

Without a publication date, the date of a wire-copy dateline ("SAN SALVADOR, 3 JAN 90 --")
anchors the relative expressions (``eventwire.text.datelines.dateline_date``); without
either, only absolute dates are kept, and a warning counts the relative expressions left
unresolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from eventwire.findings import Findings
from eventwire.model import When
from eventwire.text.datelines import dateline_date
from eventwire.text.dates import (
    CAPITALISED,
    DIGITS,
    DURATION_BEFORE,
    FULL_MONTH,
    FUTURE_GOVERNORS,
    FUTURE_WORDS,
    MAY_VERB_AFTER,
    MONEY_BEFORE,
    MONTH_BEFORE,
    NAME_LABELS,
    NAMED_AFTER,
    NOT_A_YEAR_AFTER,
    PATTERNS,
    REPORTING,
    TRIGGER_KIND,
    TRIGGER_WORDS,
    WINDOW,
    YEAR_BEFORE,
    Tense,
    Unresolved,
    lower_case,
    resolve,
    resolve_match,
)
from eventwire.text.truecase import is_shouting

__all__ = ["clause_tense", "extract"]


# --- finding candidates ---------------------------------------------------------------------


@dataclass
class _Candidate:
    start: int
    end: int
    name: str | None  # pattern name; None for a spaCy entity left to dateparser
    groups: dict[str, str]


def _windows(lower: str) -> list[tuple[int, int, set[str]]]:
    """Stretches of text around trigger words, merged, with the kinds of their triggers."""
    triggers = [(m.start(), m.end(), "digit") for m in DIGITS.finditer(lower)]
    for m in TRIGGER_WORDS.finditer(lower):
        triggers.append((m.start(), m.end(), TRIGGER_KIND.get(m.group(), "word")))
    triggers.sort()
    windows: list[tuple[int, int, set[str]]] = []
    for t_start, t_end, kind in triggers:
        start = lower.rfind(" ", 0, max(0, t_start - WINDOW)) + 1
        end = lower.find(" ", t_end + WINDOW)
        end = len(lower) if end < 0 else end
        if windows and start <= windows[-1][1]:
            last = windows[-1]
            windows[-1] = (last[0], max(last[1], end), last[2] | {kind})
        else:
            windows.append((start, end, {kind}))
    return windows


def _matches(lower: str) -> list[tuple[str, re.Match[str]]]:
    """Every pattern match (name, match) in the trigger windows of the lower-cased text."""
    found: dict[tuple[str, int, int], re.Match[str]] = {}
    for start, end, kinds in _windows(lower):
        for name, kind, pattern in PATTERNS:
            if kind in kinds:
                for match in pattern.finditer(lower, start, end):
                    found.setdefault((name, match.start(), match.end()), match)
    return [(name, match) for (name, _, _), match in found.items()]


def _candidates(doc: Doc, text: str) -> list[_Candidate]:
    """Date expressions in ``text`` (the Doc's text), longest first where they overlap.

    A pattern match judged NOT_DATE ("9 October Avenue", "for the last 10 years", "at
    1700") also rules out spaCy's DATE entities over its words and shorter matches inside.
    """
    found: list[_Candidate] = []
    vetoed = bytearray(len(text) + 1)
    refused: list[tuple[int, int]] = []
    for name, match in _matches(lower_case(text)):
        verdict = _verdict(name, match, doc, text)
        if verdict is DATE:
            found.append(_Candidate(match.start(), match.end(), name, match.groupdict()))
        elif verdict is NOT_DATE:
            refused.append(match.span())
            vetoed[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    found = [
        c
        for c in found
        if not any(s <= c.start and c.end <= e and e - s > c.end - c.start for s, e in refused)
    ]
    found.sort(key=lambda c: (-(c.end - c.start), c.start))
    chosen: list[_Candidate] = []
    taken = bytearray(len(text) + 1)
    for cand in found:
        if not any(taken[cand.start : cand.end]):
            chosen.append(cand)
            taken[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
    for ent in doc.ents:
        span = slice(ent.start_char, ent.end_char)
        if ent.label_ == "DATE" and not any(taken[span]) and not any(vetoed[span]):
            chosen.append(_Candidate(ent.start_char, ent.end_char, None, {}))
    chosen.sort(key=lambda c: c.start)
    return chosen


def _in_date_entity(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.ent_type_ in ("DATE", "TIME") for t in span)


def _in_name(doc: Doc, start: int, end: int) -> bool:
    """True inside a name spaCy found ("The Sunday Times", "the Good Friday Agreement")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.ent_type_ in NAME_LABELS for t in span)


DATE, NO, NOT_DATE = "date", "no", "not a date"  # verdicts on a pattern match


def _verdict(name: str, match: re.Match[str], doc: Doc, text: str) -> str:
    """DATE; NO (the pattern does not fit here); NOT_DATE (these words are not a date,
    whatever spaCy says).  Filters for patterns whose words are also ordinary words."""
    start, end = match.span()
    before = text[max(0, start - 40) : start]
    after = text[end : end + 30]
    month = text[match.start("m") : match.end("m")] if match.groupdict().get("m") else None
    if month and not month.isdigit():
        is_abbr = not re.fullmatch(FULL_MONTH, month.lower())
        word = month.lower() in ("may", "march")
        if not CAPITALISED.match(month) and (name == "month" or word):
            return NOT_DATE  # "may", "march" in lower case are words
        if month.isupper() and len(month) > 1 and not _upper_context(text, start, end):
            return NO  # "MAR", "JAN" as an acronym in mixed-case text
        bare = name == "month" and (is_abbr or word)
        # a bare "May" or "March" needs a date context: "in May", "last March"
        if bare and not (match.group("rel") or MONTH_BEFORE.search(before)):
            return NOT_DATE if word else NO
        if bare and month.lower() == "may" and MAY_VERB_AFTER.match(after):
            return NOT_DATE
    if name in ("d_m", "m_d", "d_m_y", "m_d_y") and NAMED_AFTER.match(after):
        return NOT_DATE  # "9 October Avenue", "the 19 April Movement": names, not dates
    if name == "weekday" and text[match.start("w")].islower():
        return NO
    if name in ("weekday", "month") and _in_name(doc, start, end):
        return NOT_DATE  # "The Sunday Times"
    money = MONEY_BEFORE.search(before) or re.match(r"\s*(?:%|percent)", after)
    if name in ("year", "year_range", "decade") and money:
        return NOT_DATE
    if name == "year":
        return _year_verdict(match, doc, before, after)
    if name in ("ago", "window", "this_unit") and DURATION_BEFORE.search(before):
        return NOT_DATE  # "for the last 10 years", "for the past week": durations
    return DATE


def _year_verdict(match: re.Match[str], doc: Doc, before: str, after: str) -> str:
    start, end = match.span()
    if re.search(r"[\d,.:/]$", before) or re.match(r"[,.:/]\d|\d", after):
        return NO  # "2,020", "1/5/2024": part of a longer number
    time_of_day = re.match(r"\s*(?:hours|hrs|GMT|UTC|local)\b", after, re.I)
    if re.search(r"\bat\s*$", before, re.I) or time_of_day:
        return NOT_DATE  # "at 1625", "2230 GMT": a time of day in wire copy
    if _in_date_entity(doc, start, end):
        return DATE
    if NOT_A_YEAR_AFTER.match(after):
        return NOT_DATE
    span = doc.char_span(start, end, alignment_mode="expand")
    following = doc[span.end] if span is not None and span.end < len(doc) else None
    if following is not None and following.tag_ == "NNS" and not following.is_title:
        return NOT_DATE  # "2000 soldiers"
    if YEAR_BEFORE.search(before):
        return DATE
    # "the 1979 Islamic Revolution": a year modifying a name
    if re.search(r"\bthe\s*$", before, re.I) and re.match(r"\s+[A-Z]", after):
        return DATE
    return NO


def _upper_context(text: str, start: int, end: int) -> bool:
    """True when the words around are in capitals too (a heading, an untruecased text)."""
    around = text[max(0, start - 30) : end + 30]
    letters = [c for c in around if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.8 * len(letters)


# --- tense of the clause ----------------------------------------------------------------------


def clause_tense(doc: Doc, start: int, end: int) -> Tense:
    """ "past", "future" or None for the clause of the date at characters ``start:end``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    token: Token = span.root
    for _ in range(8):
        head = token.head
        if head.i == token.i:
            break
        token = head
        if token.pos_ in ("NOUN", "PROPN") and token.i not in range(span.start, span.end):
            return None  # "the massacre of 16 November": the noun's time, not a clause's
        if token.lemma_.lower() in FUTURE_WORDS and token.tag_ in ("VBN", "JJ", "VB", "VBP", "VBZ"):
            return "future"  # "scheduled for Friday", "due on Friday", "upcoming"
        if token.pos_ in ("VERB", "AUX"):
            tense = _verb_tense(token)
            if tense is not None:
                return tense
    return None


def _verb_tense(verb: Token) -> Tense:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    for aux in auxes:
        lower = aux.lower_
        if lower in ("will", "'ll", "shall", "wo", "would", "’ll"):
            return "future"
        if aux.tag_ == "TO":
            governor = verb.head
            if governor is not verb and governor.lemma_.lower() in FUTURE_GOVERNORS:
                return "future"
            if governor is not verb and governor.tag_ in ("VBD", "VBN"):
                return "past" if governor.lemma_.lower() not in FUTURE_GOVERNORS else "future"
            return None
        if lower == "going" or (
            aux.lemma_ == "be" and aux.tag_ in ("VBZ", "VBP") and verb.tag_ == "VBG"
        ):
            return "future"  # "is going to", "are meeting on Friday"
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN":
        return (
            "past"
            if any(a.lemma_ in ("have", "be") for a in auxes) or verb.dep_ != "ROOT"
            else None
        )
    if verb.tag_ in ("VBZ", "VBP") and verb.lemma_.lower() not in REPORTING:
        return "future"  # "the summit opens on Friday", "the funeral is on Friday"
    return None


# --- the stage ------------------------------------------------------------------------------


def extract(found: Findings) -> None:
    """Add the article's dates to ``found.dates`` (ids D1, D2… in text order)."""
    anchor = found.article.published or dateline_date(found.text)
    unresolved = 0
    # the text the model saw (truecased wire copy; same length as the article)
    text = found.doc.text if is_shouting(found.text) else found.text
    for cand in _candidates(found.doc, text):
        try:
            if cand.name is None:
                resolved = resolve(text[cand.start : cand.end], anchor, _tense(found.doc, cand))
            else:
                resolved = resolve_match(cand.name, cand.groups, anchor, _tense(found.doc, cand))
        except Unresolved:
            unresolved += 1
            continue
        if resolved is None:
            continue
        found.dates.append(
            When(
                id=f"D{len(found.dates) + 1}",
                value=resolved.value,
                granularity=resolved.granularity,
                start=resolved.start,
                end=resolved.end,
                relative=resolved.relative,
                span=found.span(cand.start, cand.end),
            )
        )
    if unresolved:
        found.warnings.append(
            f"dates: {unresolved} relative date expression(s) left unresolved "
            "(no publication date; pass --published)"
        )


NEEDS_TENSE = frozenset({"m_d", "d_m", "month", "weekday", None})


def _tense(doc: Doc, cand: _Candidate) -> Tense:
    return clause_tense(doc, cand.start, cand.end) if cand.name in NEEDS_TENSE else None
