"""Training data for the argument-role tagger: MUC-4 train aligned to the raw wire copy.

MUC-4's processed release (GTT) gives, per message, templates whose role fillers are
lists of alternative strings, lower-cased and found somewhere in the text; eventwire reads
the raw ALL-CAPS message (``evaluate.muc4``: from the dateline on, lines joined).  Each
alternative string is looked up in that text (case-insensitive, any white space between
its words, "(" for "[" as in the processed text), and every occurrence becomes a labelled
span:

    PerpInd → ACTOR_IND (individuals: "terrorists", "two gunmen")
    PerpOrg → ACTOR_ORG (organisations: "FMLN")
    Target  → TARGET    (physical targets: "the Las Canas bridge")
    Victim  → VICTIM    (people, by name)
    Weapon  → INSTRUMENT

and the most specific place of the raw key's LOCATION slot → PLACE.  With
``described_victims`` the raw key's HUM TGT: DESCRIPTION strings ("PEASANTS": people
attacked, described rather than named, which GRIT's Victim leaves out) are VICTIM too;
the shipped model was trained without them.  Where spans
overlap, the longer wins (then the role listed first).  Only the train split (the 1,300
DEV messages) is read here: the dev split (TST1+TST2) is for measuring and the test split
(TST3+TST4) is held out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.evaluate import muc4
from eventwire.evaluate import muc4_keys as keys
from eventwire.ingest.article import make_article

ROLE_LABELS = {
    "PerpInd": "ACTOR_IND",
    "PerpOrg": "ACTOR_ORG",
    "Target": "TARGET",
    "Victim": "VICTIM",
    "Weapon": "INSTRUMENT",
}
LABELS = ("ACTOR_IND", "ACTOR_ORG", "TARGET", "VICTIM", "INSTRUMENT", "PLACE")
LabelledSpan = tuple[int, int, str]


@dataclass
class TrainDoc:
    """A message as eventwire reads it, with the labelled spans of its role fillers."""

    id: str
    text: str
    published: str | None
    spans: list[LabelledSpan] = field(default_factory=list)
    unfound: list[str] = field(default_factory=list)  # strings not in the text


def pattern(string: str) -> re.Pattern[str] | None:
    """A case-insensitive pattern for the words of ``string`` at word boundaries."""
    words = string.split()
    if not words:
        return None
    parts = []
    for word in words:
        escaped = re.escape(word)
        escaped = escaped.replace(r"\(", r"[(\[]").replace(r"\)", r"[)\]]")
        parts.append(escaped)
    body = r"\s+".join(parts)
    return re.compile(rf"(?<![\w]){body}(?![\w])", re.IGNORECASE)


def occurrences(text: str, string: str) -> list[tuple[int, int]]:
    """Every place ``string`` occurs in ``text`` (see ``pattern``)."""
    rx = pattern(string)
    return [(m.start(), m.end()) for m in rx.finditer(text)] if rx else []


def resolve_overlaps(spans: Iterable[LabelledSpan]) -> list[LabelledSpan]:
    """Spans without overlaps: longer first, then the order of ``LABELS``."""
    ranked = sorted(set(spans), key=lambda s: (-(s[1] - s[0]), LABELS.index(s[2]), s[0]))
    kept: list[LabelledSpan] = []
    for span in ranked:
        if all(span[1] <= k[0] or k[1] <= span[0] for k in kept):
            kept.append(span)
    return sorted(kept)


def label_doc(doc: muc4.Doc, described_victims: bool = False) -> TrainDoc:
    """The labelled spans of one MUC-4 message (article text as eventwire reads it)."""
    article = make_article(
        doc.message.text, source=doc.id, published=doc.message.published, check_language=False
    )
    text = article.text
    out = TrainDoc(doc.id, text, str(doc.message.published or "") or None)
    found: list[LabelledSpan] = []
    for template in doc.gold:
        for role, label in ROLE_LABELS.items():
            for entity in template.get(role, []):
                for string in entity:
                    hits = occurrences(text, string)
                    if not hits:
                        out.unfound.append(f"{role}: {string}")
                    found.extend((s, e, label) for s, e in hits)
    for template in doc.key_templates:
        described = template.strings(keys.HUM_TGT_DESCRIPTION) if described_victims else []
        for alternatives in described:
            for string in alternatives:
                found.extend((s, e, "VICTIM") for s, e in occurrences(text, string))
        for place in keys.parse_location_slot(template.raw.get(keys.LOCATION, [])):
            name = place.most_specific
            if name:
                found.extend((s, e, "PLACE") for s, e in occurrences(text, name))
    out.spans = resolve_overlaps(found)
    return out


def muc4_train(root: Path, limit: int | None = None) -> list[TrainDoc]:
    """The 1,300 MUC-4 train messages, labelled."""
    docs = muc4.load(root, "train")
    if limit is not None:
        docs = docs[:limit]
    return [label_doc(d) for d in docs]


def summary(docs: Sequence[TrainDoc]) -> dict[str, int]:
    """Counts of labelled spans per label, and of strings not found."""
    out = {label: 0 for label in LABELS}
    for d in docs:
        for _, _, label in d.spans:
            out[label] += 1
    out["documents"] = len(docs)
    out["with_spans"] = sum(1 for d in docs if d.spans)
    out["unfound"] = sum(len(d.unfound) for d in docs)
    return out


@dataclass
class Sentence:
    """One sentence of a training document, with the labelled spans inside it."""

    doc_id: str
    start: int  # offset of the sentence in the document text
    text: str
    spans: list[LabelledSpan]  # offsets inside ``text``


def sentences(docs: Sequence[TrainDoc], nlp: object, batch_size: int = 32) -> list[Sentence]:
    """The documents cut into sentences by eventwire's spaCy pipeline (truecased as at run
    time); a span crossing a sentence boundary is left out."""
    from eventwire.text.nlp import model_text

    out: list[Sentence] = []
    texts = (model_text(d.text) for d in docs)
    for d, parsed in zip(docs, nlp.pipe(texts, batch_size=batch_size), strict=True):  # type: ignore[attr-defined]
        for sent in parsed.sents:
            s, e = sent.start_char, sent.end_char
            if not d.text[s:e].strip():
                continue
            inside = [(a - s, b - s, lab) for a, b, lab in d.spans if s <= a and b <= e]
            out.append(Sentence(d.id, s, d.text[s:e], inside))
    return out
