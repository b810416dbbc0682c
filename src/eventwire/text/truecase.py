"""Truecasing of ALL-CAPS wire copy, so that the statistical model sees ordinary case.

Old agency feeds (MUC-4: "SAN SALVADOR, 3 JAN 90 -- [TEXT] THE ARCE BATTALION…") are all
capitals; spaCy's tagger, parser and NER were trained on mixed case and fail on them.
``truecase`` gives every word its most likely case and changes nothing else: the result
has exactly the same length and differs only in the case of letters, so token offsets of
the truecased text index the original article.

How a word is cased, in order:

1. Editorial tags of wire copy ("[TEXT]", "[BEGIN RECORDING]") and letters followed by
   digits ("M-16", "AK-47", "MUC3") stay as written.
2. Words of the casing table (``knowledge/casing.tsv.xz``): the surface form most often
   seen in mixed-case news outside sentence starts and titles ("fbi" → "FBI", "nato" →
   "NATO").  Words seen in several forms ("states", "may", "bill") are decided by a small
   naive-Bayes model on the neighbouring words and their case ("united states", "may 5").
3. Names from eventwire's knowledge (countries, demonyms, actors of
   ``knowledge/actors.yaml``, GeoNames cities) are capitalised, multi-word names as a
   whole ("LA CEIBA" → "La Ceiba"); words seen only in lower case in the news text, and
   other English words (WordNet lemmas, inflections stripped), stay lower case, except a
   WordNet-only word inside a run of names ("Helmut Kohl", "Farabundo Marti").
4. Unknown words: short words without vowels and short unknown words in brackets are
   acronyms ("FMLN", "(FUTH)"); an acronym explained in brackets keeps its letters upper
   case and its explanation capitalised ("MRTA [Tupac Amaru Revolutionary Movement]");
   anything else unknown is most likely a name and is capitalised ("Cristiani").
5. Sentence starts are capitalised (after . ! ? : a blank line, an editorial tag, or the
   "--" of a dateline); month words next to a number are capitalised ("3 Jan 90").

Measured (``evaluate`` below; PolNeAR dev, 84 articles upper-cased): token case accuracy
0.975 (lower case with sentence starts: 0.878); spaCy NER F1 against the entities found
on the original text 0.935 (sentence case: 0.799, left upper case: 0.457).

The table is built reproducibly from PolNeAR's training articles (US news, 2016; public
research corpus) and the package's own knowledge files::

    python -m eventwire.train.casing build [--polnear ../shared/data/polnear/train/text]
    python -m eventwire.train.casing evaluate ../shared/data/polnear/dev/text [--ner]

``evaluate`` upper-cases mixed-case articles, truecases them and reports token case
accuracy and (with ``--ner``) the agreement of spaCy's entities with those found on the
original text.  The builder lives in ``eventwire.train.casing`` (nothing at run time imports it).
"""

from __future__ import annotations

import lzma
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache

from eventwire.knowledge.files import data_file

__all__ = ["CasingTable", "is_shouting", "load_table", "truecase"]

TABLE_FILE = "casing.tsv.xz"

# A word: letters with inner apostrophes ("don't", "o'neill"), or a dotted acronym ("u.s.").
WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:['’][^\W\d_]+)*")
# The gap before a word that makes it a sentence start (closing quotes/brackets allowed).
SENTENCE_GAP = re.compile(r"(?:[.!?:]|--)[\"'”’)\]]*\s+[\"“'‘(\[]*$|\n[ \t]*\n\s*[\"“'‘(\[]*$")
# Wire-copy editorial tags, kept upper case; the word after one starts a sentence.
TAG = re.compile(r"\[([A-Z][A-Z ,]*)\]")
EDITORIAL_TAGS = frozenset(
    [
        "TEXT",
        "SUMMARY",
        "EXCERPT",
        "EXCERPTS",
        "STATEMENT",
        "SPEECH",
        "EDITORIAL",
        "REPORT",
        "ARTICLE",
        "COMMENTARY",
        "COMMUNIQUE",
        "BULLETIN",
        "CONTINUED",
        "REPORTER",
        "MODERATOR",
        "SIGNED",
        "APPLAUSE",
        "INTERVIEW",
    ]
)
EDITORIAL_PHRASES = re.compile(
    r"(?:EDITORIAL REPORT|STATION COMMENTARY|BEGIN RECORDING|END RECORDING|PASSAGE OMITTED|"
    r"(?:WORDS?|PASSAGE|QUESTION|SENTENCE|NAME) INDISTINCT|CHANGES THOUGHT|AS HEARD|"
    r"UNIDENTIFIED SPEAKER|NOT FURTHER IDENTIFIED|QUOTES?|UNQUOTE|FIRST WORD INDISTINCT)"
)
VOWELS = frozenset("aeiouy")
MONTHS = frozenset(
    """january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec""".split()  # noqa: SIM905
)
UNSEEN_NEIGHBOURS = 5000  # Witten-Bell: how many words an unseen neighbour could be
CLITICS = frozenset({"s", "t", "ll", "re", "ve", "d", "m"})
# Inflection suffixes stripped to find an unknown word's lemma in the word list.
SUFFIXES = (
    ("ies", "y"), ("ied", "y"), ("iest", "y"), ("ier", "y"), ("ily", "y"), ("ves", "f"),
    ("es", ""), ("es", "e"), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"),
    ("er", ""), ("er", "e"), ("est", ""), ("ly", ""), ("ness", ""), ("ment", ""),
    ("men", "man"), ("ists", "ism"), ("ist", "ism"),
)  # fmt: skip
SUFFIXES_BY_LAST: dict[str, list[tuple[str, str]]] = {}
for _suffix, _replacement in SUFFIXES:
    SUFFIXES_BY_LAST.setdefault(_suffix[-1], []).append((_suffix, _replacement))


def starts_sentence(gap: str, prev_end: int, dateline: bool = False) -> bool:
    """True when a word after ``gap`` (the text since the previous word) starts a sentence.

    "--" ends a sentence only in a dateline ("SAN SALVADOR, 3 JAN 90 -- THE ARMY"):
    ``dateline`` says that ``gap`` holds the text's first "--".
    """
    if prev_end == 0:
        return True
    found = SENTENCE_GAP.search(gap)
    return found is not None and (dateline or not found.group().startswith("--"))


@lru_cache(maxsize=8)  # asked by the pipeline and by several stages of one article
def is_shouting(text: str) -> bool:
    """True when most letters are upper case (old agency wire copy)."""
    sample = text[:5000]
    n_letters = sum(map(str.isalpha, sample))
    n_upper = sum(map(str.isalpha, filter(str.isupper, sample)))  # not "Ⅻ", "Ⓐ"
    return n_letters >= 20 and n_upper / n_letters > 0.8


@dataclass
class CasingTable:
    """Surface forms of words seen in mixed-case text, and a list of known lower-case words.

    ``forms[key]``: [(form, count), …] most frequent first (key = form lower-cased);
    ``context[key][form]``: counts of neighbour features ("<w" previous word w, ">w" next
    word w, "<^"/"<_" previous word capitalised or not, ">^"/">_" the same for the next
    word, "<*"/">*" how many distinct previous/next words) for words seen in several forms;
    ``lower``: English words known in lower case (seen so in news, or WordNet lemmas);
    ``unseen``: those of them never seen in the news text (rare words, some of them names);
    ``starters``: words that mostly begin a name when capitalised ("david", "colonel");
    ``phrases``: multi-word names by their first two words, lower case → cased word tuples,
    longest first (("la", "ceiba") → [("La", "Ceiba")]).
    """

    forms: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    context: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    lower: frozenset[str] = frozenset()
    unseen: frozenset[str] = frozenset()
    starters: frozenset[str] = frozenset()
    phrases: dict[tuple[str, str], list[tuple[str, ...]]] = field(default_factory=dict)

    def best(
        self, key: str, prev: str, prev_cap: bool, nxt: str, next_cap: bool = False
    ) -> str | None:
        """The most likely form of ``key`` between the words ``prev`` and ``nxt``."""
        forms = self.forms.get(key)
        if not forms:
            return None
        if len(forms) == 1 or key not in self.context:
            return forms[0][0]
        contexts = self.context[key]
        total = sum(n for _, n in forms)
        best_form, best_score = forms[0][0], -math.inf
        binary = ("<^" if prev_cap else "<_", ">^" if next_cap else ">_")
        for form, count in forms:
            ctx = contexts.get(form, {})
            score = math.log((count + 1.0) / (total + 2.0))
            for feature in binary:
                score += math.log((ctx.get(feature, 0) + 0.5) / (count + 1.0))
            # neighbouring words, Witten-Bell smoothed: "<*"/">*" count distinct neighbours
            for feature, types in ((f"<{prev}", "<*"), (f">{nxt}", ">*")):
                seen, distinct = ctx.get(feature, 0), max(ctx.get(types, 1), 1)
                if seen:
                    score += math.log(seen / (count + distinct))
                else:
                    score += math.log(distinct / (count + distinct) / UNSEEN_NEIGHBOURS)
            if score > best_score:
                best_form, best_score = form, score
        return best_form

    def known_lower(self, key: str) -> bool:
        """True when ``key`` or its lemma (inflection stripped) is a known English word."""
        if key in self.lower:
            return True
        for suffix, replacement in SUFFIXES_BY_LAST.get(key[-1:], ()):
            if key.endswith(suffix) and len(key) - len(suffix) >= 3:
                stem = key[: len(key) - len(suffix)] + replacement
                if stem in self.lower or self._forms_lower(stem):
                    return True
                doubled = not replacement and len(stem) > 3 and stem[-1] == stem[-2]
                if doubled and (stem[:-1] in self.lower or self._forms_lower(stem[:-1])):
                    return True  # "expelled" → "expel"
        return False

    def _forms_lower(self, key: str) -> bool:
        forms = self.forms.get(key)
        return bool(forms) and forms[0][0].islower()


def parse_table(lines: Iterator[str]) -> CasingTable:
    """Read the table format written by ``eventwire.train.casing``.

    One record a line, tab-separated, ``#`` starts a comment:
    ``f  form count [form count …]`` surface forms of one word, most frequent first;
    ``c  form feature count [feature count …]`` neighbour counts of one form;
    ``w  word word …`` words seen only in lower case in the news text;
    ``l  word word …`` other English words (WordNet lemmas);
    ``n  word word …`` words that mostly begin a name when capitalised;
    ``p  phrase phrase …`` multi-word names, their words separated by single spaces.
    """
    table = CasingTable()
    lower: set[str] = set()
    unseen: set[str] = set()
    starters: set[str] = set()
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.rstrip("\n").split("\t")
        kind = cells[0]
        try:
            if kind == "f":
                pairs = [(cells[i], int(cells[i + 1])) for i in range(1, len(cells) - 1, 2)]
                table.forms[pairs[0][0].lower()] = pairs
            elif kind == "c":
                form = cells[1]
                counts = {cells[i]: int(cells[i + 1]) for i in range(2, len(cells) - 1, 2)}
                table.context.setdefault(form.lower(), {})[form] = counts
            elif kind == "w":
                lower.update(cells[1:])
            elif kind == "l":
                lower.update(cells[1:])
                unseen.update(cells[1:])
            elif kind == "n":
                starters.update(cells[1:])
            elif kind == "p":
                for phrase in cells[1:]:
                    words = tuple(phrase.split(" "))
                    first = (words[0].lower(), words[1].lower())
                    table.phrases.setdefault(first, []).append(words)
            else:
                raise ValueError(f"unknown record kind {kind!r}")
        except (IndexError, ValueError) as exc:
            raise ValueError(f"{TABLE_FILE}:{number}: {exc}") from exc
    table.lower = frozenset(lower)
    table.unseen = frozenset(unseen)
    table.starters = frozenset(starters)
    for phrases in table.phrases.values():
        phrases.sort(key=len, reverse=True)
    return table


@cache
def load_table() -> CasingTable:
    """The casing table shipped in the package, loaded once per process."""
    path = data_file(TABLE_FILE)
    with path.open("rb") as raw, lzma.open(raw, "rt", encoding="utf-8") as lines:
        return parse_table(lines)


def _editorial_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of wire-copy editorial tags ("[TEXT]", "[WORDS INDISTINCT]")."""
    spans = []
    for match in TAG.finditer(text):
        inner = match.group(1).strip()
        if inner in EDITORIAL_TAGS or EDITORIAL_PHRASES.fullmatch(inner):
            spans.append((match.start(), match.end()))
    return spans


BRACKETED = re.compile(r"[\[(]([^\[\]()]{2,80})[\])]")
SHORT_WORD = re.compile(r"[^\W\d_]{2,6}")


CONNECTORS = frozenset(["of", "and", "the", "for", "de", "del", "la", "las", "los", "y", "e"])
NAME_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _bracketed_acronyms(text: str, table: CasingTable) -> tuple[set[str], set[int]]:
    """Acronyms written "NAME [ACR]" or "ACR [NAME]" whose letters are initials of the
    name, and the start offsets of the name's words (capitalised: "Tupac Amaru
    Revolutionary Movement")."""
    acronyms: set[str] = set()
    starts: set[int] = set()
    for match in BRACKETED.finditer(text):
        inner = match.group(1).strip()
        if SHORT_WORD.fullmatch(inner):  # "FARABUNDO MARTI … FRONT [FMLN]"
            acronym = inner
            key = acronym.lower()
            if len(key) <= 4 and key not in table.forms and not table.known_lower(key):
                acronyms.add(key)  # "(FUTH)", "[IRI]": a short unknown word in brackets
            offset = max(0, match.start() - 100)
            candidates = list(NAME_WORD.finditer(text, offset, match.start()))
            letters = set(acronym.lower())
            name: list[re.Match[str]] = []
            for word in reversed(candidates):
                lower = word.group().lower()
                initial = lower[0] in letters and lower not in CONNECTORS
                inner = lower in CONNECTORS and lower != "the" and bool(name)
                if not (initial or inner):
                    break
                name.insert(0, word)
        else:  # "MRTA [TUPAC AMARU REVOLUTIONARY MOVEMENT]"
            before = re.search(
                r"([^\W\d_]{2,6})\s*$", text[max(0, match.start() - 8) : match.start()]
            )
            if not before:
                continue
            acronym = before.group(1)
            name = list(NAME_WORD.finditer(text, match.start(1), match.end(1)))
        while name and name[0].group().lower() in CONNECTORS:
            name.pop(0)
        letters = set(acronym.lower())
        initials = {w.group()[0].lower() for w in name if w.group().lower() not in CONNECTORS}
        if len(letters) >= 2 and letters <= initials:
            key = acronym.lower()
            if key not in table.forms or table.forms[key][0][0].isupper():
                acronyms.add(key)
            starts.update(w.start() for w in name if w.group().lower() not in CONNECTORS)
    return acronyms, starts


def _unknown_form(word: str, key: str, table: CasingTable, acronyms: set[str]) -> str:
    """Form of a word the table does not know."""
    if key in acronyms:
        return word.upper()
    if key in table.lower:
        return key
    for quote in ("'", "’"):
        if quote in key:  # "soleimani's", "o'neill"
            head, _, tail = key.partition(quote)
            head_form = _word_form(head, head, table, acronyms)
            tail_form = tail if tail in CLITICS else tail.capitalize()
            return f"{head_form}{quote}{tail_form}"
    if table.known_lower(key):
        return key
    letters = key.replace(".", "")
    if "." in key or (len(letters) <= 5 and not VOWELS.intersection(letters)):
        return word.upper()
    return key.capitalize()


def _word_form(word: str, key: str, table: CasingTable, acronyms: set[str]) -> str:
    forms = table.forms.get(key)
    if forms:
        return forms[0][0]
    return _unknown_form(word, key, table, acronyms)


def truecase(text: str, table: CasingTable | None = None, passes: int = 2) -> str:
    """Best-guess mixed case of an ALL-CAPS text, with exactly the same length."""
    table = table or load_table()
    words = _words(text)
    acronyms, name_starts = _bracketed_acronyms(text, table)
    # first guess: each word alone; then each pass decides with its neighbours' guesses
    forms = [_word_form(w.text, w.key, table, acronyms) for w in words]
    for _ in range(passes):
        forms = _decide(words, forms, table)
    for i, word in enumerate(words):
        if word.start in name_starts and forms[i].islower():
            forms[i] = forms[i].capitalize()  # "[Tupac Amaru Revolutionary Movement]"
    _apply_phrases(words, forms, table)
    out = list(text)
    for word, form in zip(words, forms, strict=True):
        if not word.keep:
            _apply(out, word.start, word.text, form)
    result = "".join(out)
    return result if len(result) == len(text) else text


def _apply_phrases(words: list[_Word], forms: list[str], table: CasingTable) -> None:
    """Give multi-word names of the table their case ("LA CEIBA" → "La Ceiba")."""
    i = 0
    while i < len(words) - 1:
        step = 1
        candidates = table.phrases.get((words[i].key, words[i + 1].key)) if words[i].glued else None
        for phrase in candidates or ():
            n = len(phrase)
            span = words[i : i + n]
            if (
                len(span) == n
                and all(w.key == p.lower() for w, p in zip(span[2:], phrase[2:], strict=True))
                and all(w.glued for w in span[:-1])
                and not any(w.keep for w in span)
            ):
                for k, (word, form) in enumerate(zip(span, phrase, strict=True)):
                    if word.initial and form[:1].islower():
                        form = form[:1].upper() + form[1:]
                    forms[i + k] = form
                step = n
                break
        i += step


@dataclass(slots=True)
class _Word:
    text: str
    key: str
    start: int
    keep: bool  # an editorial tag or a code: stays as written
    initial: bool  # starts a sentence
    prev: str  # previous word (lower case) or the punctuation before this word
    next: str  # next word (lower case) or the punctuation after this word
    glued: bool  # only spaces between this word and the next


def _words(text: str) -> list[_Word]:
    """The words of ``text`` with what the casing decision needs to know about them."""
    keep = _editorial_spans(text)
    tag_ends = {end for _, end in keep}
    matches = list(WORD.finditer(text))
    dash = text.find("--")  # a dateline's "--" ends its "sentence"; later ones do not
    words: list[_Word] = []
    prev_end, k = 0, 0
    for i, match in enumerate(matches):
        start, end = match.span()
        while k < len(keep) and keep[k][1] <= start:
            k += 1
        in_tag = k < len(keep) and keep[k][0] <= start < keep[k][1]
        gap = text[prev_end:start]
        after = text[end : matches[i + 1].start()] if i + 1 < len(matches) else "."
        key = match.group().lower()
        words.append(
            _Word(
                text=match.group(),
                key=key,
                start=start,
                keep=in_tag or _in_code(text, start, end),
                initial=starts_sentence(gap, prev_end, prev_end <= dash < start)
                or prev_end in tag_ends,
                prev=(words[-1].key if words and not gap.strip() else gap.strip()[-1:]),
                next=(matches[i + 1].group().lower() if not after.strip() else after.strip()[0]),
                glued=not after.strip(),
            )
        )
        prev_end = keep[k][1] if in_tag else end
    return words


def _decide(words: list[_Word], guesses: list[str], table: CasingTable) -> list[str]:
    """One left-to-right pass: each word's form given its neighbours' current guesses."""
    forms: list[str] = []
    prev_cap = prev_starter = False
    for i, word in enumerate(words):
        if word.keep:
            forms.append(word.text)
            prev_cap = prev_starter = False
            continue
        next_cap = (
            word.glued
            and i + 1 < len(words)
            and not words[i + 1].initial
            and guesses[i + 1][:1].isupper()
        )
        form = table.best(word.key, word.prev, prev_cap, word.next, next_cap)
        if word.key in MONTHS and (word.prev.isdigit() or word.next.isdigit()):
            form = word.key.capitalize()  # "3 JAN 90", "MAY 5"
        known = form is not None
        if form is None:
            form = guesses[i] if guesses[i].lower() == word.key else word.key
            # a word-list entry inside a name: "Farabundo Marti …", "Helmut Kohl"
            inside = (next_cap or prev_starter) and word.key in table.unseen
            if form.islower() and prev_cap and inside:
                form = form.capitalize()
        if word.initial and form[:1].islower():
            form = form[:1].upper() + form[1:]
        forms.append(form)
        capitalised = form[:1].isupper()
        prev_cap = not word.initial and capitalised
        # a first name or title ("David", "Colonel") or an unknown capitalised word
        prev_starter = capitalised and (
            word.key in table.starters or (not known and not table.known_lower(word.key))
        )
    return forms


def _in_code(text: str, start: int, end: int) -> bool:
    """True when the word at ``start:end`` is followed by digits ("M-16", "MUC3", "AK-47")."""
    after = text[end : end + 2]
    return after[:1].isdigit() or (after[:1] == "-" and after[1:].isdigit())


def _apply(out: list[str], start: int, word: str, form: str) -> None:
    """Give ``word`` (at ``start``) the case of ``form``, one character at a time."""
    if len(form) != len(word):
        return
    if form.lower() == word.lower() and form.upper() == word.upper():
        out[start : start + len(word)] = form
        return
    for offset, (char, model) in enumerate(zip(word, form, strict=True)):
        cased = char.upper() if model.isupper() else char.lower()
        if len(cased) == 1:
            out[start + offset] = cased
