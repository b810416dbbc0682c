"""Learn the attribution cue table from PolNeAR train; measure attribution on PolNeAR dev.

PolNeAR (Newell, Margolin & Ruths, LREC 2018) annotates attributions in political news as
BRAT standoff: Source, Cue and Content spans joined by an ``E`` relation.  The train split
teaches which verbs, in which frame (with a reported clause, an infinitive, an object),
mark an attribution:

* ``attribution_cues.tsv`` lists, per lemma and frame, how often the verb (outside
  quotations) was a cue and how often it occurred; ``eventwire.knowledge.cues`` makes the
  frequent ones candidate cues beside the curated verbs of ``cues.yaml``;
* ``attribution_model.json``: a logistic regression deciding, for a candidate cue verb
  without a stance of its own, whether it is an attribution (from the table probability,
  the frame and the kind of subject: "I think" in an op-ed is not, "officials think" is).

Then the cue detector, the table of content pieces, the content-end and content-start
models and last the cue-span model (``attribution_cue_spans.json``: where each cue starts
and ends) are fitted (``train.cue_model``, ``boundaries``, ``ends``, ``starts``,
``cue_spans``), each on what the components before it give.

    eventwire train attribution            # writes both into eventwire/knowledge, scores dev

The dev figures printed are P/R/F1 of source, cue and content spans (exact and overlap)
and of whole attributions (cue, source and content all overlapping).  The test split is
held out: it is never read here.
"""

from __future__ import annotations

import json
import time
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.evaluate.offsets import raw_offsets
from eventwire.findings import Findings
from eventwire.ingest.article import make_article
from eventwire.knowledge.cues import Lexicon, features, forget_lexicon, load_lexicon
from eventwire.model import Article
from eventwire.stages import actors, statements
from eventwire.stages.statements.attribution import find
from eventwire.stages.statements.boundaries import TABLE_FILE as PIECES
from eventwire.stages.statements.boundaries import table as kept_table
from eventwire.stages.statements.cue_model import MODEL_FILE as TAGGER
from eventwire.stages.statements.cue_model import lexicon_ids
from eventwire.stages.statements.cue_model import model as detector
from eventwire.stages.statements.cue_spans import MODEL_FILE as CUE_SPANS
from eventwire.stages.statements.cue_spans import model as cue_span_model
from eventwire.stages.statements.ends import MODEL_FILE as ENDS
from eventwire.stages.statements.ends import model as end_model
from eventwire.stages.statements.quotes import quotations
from eventwire.stages.statements.starts import MODEL_FILE as STARTS
from eventwire.stages.statements.starts import model as start_model
from eventwire.text.invisible import visible
from eventwire.text.nlp import load, model_text
from eventwire.train import boundaries, cue_model, cue_spans, ends, starts

CharSpan = tuple[int, int]
FIELDS = ("source", "cue", "content")
TABLE = Path(__file__).resolve().parents[1] / "knowledge" / "attribution_cues.tsv"
MODEL = TABLE.with_name("attribution_model.json")
MIN_SEEN = 3  # table rows seen fewer times are left out
MODEL_FRAMES = {"clause", "to", "object", "quote", "describe"}


@dataclass
class GoldAttribution:
    """One PolNeAR attribution: each role a list of character fragments."""

    source: list[CharSpan] = field(default_factory=list)
    cue: list[CharSpan] = field(default_factory=list)
    content: list[CharSpan] = field(default_factory=list)


@dataclass
class GoldDoc:
    name: str
    text: str
    attributions: list[GoldAttribution]


def _fragments(offsets: str) -> list[CharSpan]:
    spans = []
    for part in offsets.split(";"):
        start, end = part.split()
        spans.append((int(start), int(end)))
    return spans


def read_ann(text: str) -> list[GoldAttribution]:
    """The attributions of one BRAT .ann file."""
    spans: dict[str, tuple[str, list[CharSpan]]] = {}
    relations: list[dict[str, str]] = []
    for line in text.splitlines():
        cells = line.split("\t")
        if len(cells) < 2:
            continue
        if cells[0].startswith("T"):
            label, _, offsets = cells[1].partition(" ")
            if offsets:
                spans[cells[0]] = (label, _fragments(offsets))
        elif cells[0].startswith("E"):
            relations.append(dict(part.split(":", 1) for part in cells[1].split()))
    found = []
    for rel in relations:
        att = GoldAttribution()
        for role in ("Source", "Cue", "Content"):
            if role in rel and rel[role] in spans:
                getattr(att, role.lower()).extend(spans[rel[role]][1])
        if att.cue:
            found.append(att)
    return found


def read_split(split: Path) -> Iterator[GoldDoc]:
    """The articles of a PolNeAR split, each with the annotation of its first annotator,
    as the pipeline reads them (``as_run_time``)."""
    for path in sorted((split / "text").glob("*.txt")):
        anns = sorted((split / "attributions").glob(f"{path.stem}_*.ann"))
        if not anns:
            continue
        text = path.read_text(encoding="utf-8")
        gold = GoldDoc(path.stem, text, read_ann(anns[0].read_text(encoding="utf-8")))
        yield as_run_time(gold)


def run_time_text(raw: str, name: str = "polnear") -> tuple[str, list[int]]:
    """The text the pipeline reads for the dataset text ``raw`` (``make_article``'s
    normalisation, then ``visible``: what ``model_text`` is applied to at run time), and
    for each of its offsets, and last its end, the offset of the same character in ``raw``.
    """
    article = make_article(raw, source=name, check_language=False)
    at = raw_offsets(raw, article.text)
    seen = visible(article.text)
    if seen is None:
        return article.text, at
    return seen.text, [at[seen.at(k)] for k in range(len(seen.text))] + [len(raw)]


def _moved(spans: list[CharSpan], raw_at: list[int]) -> list[CharSpan]:
    """Fragments of the raw text as offsets of the run-time text (empty ones dropped)."""
    moved = [(bisect_left(raw_at, s), bisect_left(raw_at, e)) for s, e in spans]
    return [(s, e) for s, e in moved if s < e]


def as_run_time(doc: GoldDoc) -> GoldDoc:
    """``doc`` with the text the pipeline parses at run time (no-break spaces made spaces,
    outer and line-end white space dropped…) and the gold offsets moved onto it, so that
    the features learned from it are those the pipeline computes."""
    text, raw_at = run_time_text(doc.text, doc.name)
    if text == doc.text:
        return doc
    atts = [
        GoldAttribution(*(_moved(getattr(a, f), raw_at) for f in FIELDS)) for a in doc.attributions
    ]
    return GoldDoc(doc.name, text, [a for a in atts if a.cue])


def _chars(doc: Doc, rng: tuple[int, int] | None) -> CharSpan | None:
    if rng is None:
        return None
    return doc[rng[0]].idx, doc[rng[1] - 1].idx + len(doc[rng[1] - 1])


def predicted(doc: Doc, text: str) -> list[GoldAttribution]:
    """Our statements on one parsed article, as PolNeAR attributions.

    Runs the actors and statements stages on the Doc (the events stage is not needed
    for spans), so that what is scored is what ``eventwire extract`` reports.
    """
    # the run-time text (``as_run_time``), which the gold offsets were moved onto
    found = Findings(article=Article(id="polnear", text=text), doc=doc)
    actors.extract(found)
    statements.extract(found)
    out = []
    for st in found.statements:
        out.append(
            GoldAttribution(
                source=[(st.speaker.span.start, st.speaker.span.end)] if st.speaker else [],
                cue=[(st.cue.start, st.cue.end)],
                content=[(st.content.start, st.content.end)] if st.content else [],
            )
        )
    return out


def _hull(spans: list[CharSpan]) -> CharSpan | None:
    return (min(s for s, _ in spans), max(e for _, e in spans)) if spans else None


def _overlap(a: list[CharSpan], b: list[CharSpan]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _clean(text: str, span: CharSpan | None) -> CharSpan | None:
    """Ignore surrounding spaces and punctuation (but quotes) when comparing exactly."""
    if span is None:
        return None
    start, end = span
    while start < end and (text[start].isspace() or text[start] in ",.;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",.;:"):
        end -= 1
    return start, end


@dataclass
class Tally:
    """Counts for P/R/F1."""

    tp_p: int = 0  # predictions that match
    tp_g: int = 0  # gold that is matched
    pred: int = 0
    gold: int = 0

    def add(self, pred_hits: int, gold_hits: int, pred: int, gold: int) -> None:
        self.tp_p += pred_hits
        self.tp_g += gold_hits
        self.pred += pred
        self.gold += gold

    def prf(self) -> tuple[float, float, float]:
        p = self.tp_p / self.pred if self.pred else 0.0
        r = self.tp_g / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(pairs: Iterable[tuple[str, list[GoldAttribution], list[GoldAttribution]]]) -> dict:
    """P/R/F1 per role (exact, overlap) and for whole attributions (all roles overlap)."""
    tallies = {f"{f} {m}": Tally() for f in FIELDS for m in ("exact", "overlap")}
    tallies["attribution overlap"] = Tally()
    for text, gold, pred in pairs:
        for f in FIELDS:
            g_spans = [getattr(a, f) for a in gold if getattr(a, f)]
            p_spans = [getattr(a, f) for a in pred if getattr(a, f)]
            g_hull = {_clean(text, _hull(s)) for s in g_spans}
            p_hull = [_clean(text, _hull(s)) for s in p_spans]
            tallies[f"{f} exact"].add(
                sum(h in g_hull for h in p_hull),
                len(g_hull & set(p_hull)),
                len(p_hull),
                len(g_hull),
            )
            tallies[f"{f} overlap"].add(
                sum(any(_overlap(p, g) for g in g_spans) for p in p_spans),
                sum(any(_overlap(p, g) for p in p_spans) for g in g_spans),
                len(p_spans),
                len(g_spans),
            )

        def same(p: GoldAttribution, g: GoldAttribution) -> bool:
            return all(
                _overlap(getattr(p, f), getattr(g, f)) or (not getattr(p, f) and not getattr(g, f))
                for f in FIELDS
            )

        tallies["attribution overlap"].add(
            sum(any(same(p, g) for g in gold) for p in pred),
            sum(any(same(p, g) for p in pred) for g in gold),
            len(pred),
            len(gold),
        )
    return {name: t.prf() for name, t in tallies.items()}


def format_scores(scores: dict) -> str:
    lines = [f"{'':22} {'P':>6} {'R':>6} {'F1':>6}"]
    for name, (p, r, f) in scores.items():
        lines.append(f"{name:22} {p:6.3f} {r:6.3f} {f:6.3f}")
    return "\n".join(lines)


def frame_of(tok) -> str | None:
    """The frame of a verb, as the cue table counts it."""
    deps = {c.dep_ for c in tok.children}
    if "ccomp" in deps or tok.dep_ == "parataxis":
        return "clause"
    if "xcomp" in deps:
        return "to"
    if "dobj" in deps:
        return "object"
    return None


def _inside(ranges: list[tuple[int, int]], i: int) -> bool:
    return any(a < i < b - 1 for a, b in ranges)


def learn_table(
    docs: Iterable[tuple[Doc, list[GoldAttribution]]],
) -> list[tuple[str, str, int, int]]:
    """(lemma, frame, times a cue, times seen) for the verbs of train outside quotations.

    Inside quotations PolNeAR annotates no attribution (nested ones are part of the
    quote), and eventwire leaves them out too: they are not counted.
    """
    seen: Counter[tuple[str, str]] = Counter()
    cue: Counter[tuple[str, str]] = Counter()
    for doc, gold in docs:
        cue_chars = [span for att in gold for span in att.cue]
        quoted = quotations(doc)
        for tok in doc:
            if tok.pos_ != "VERB" or _inside(quoted, tok.i):
                continue
            frame = frame_of(tok)
            if frame is None:
                continue
            key = (tok.lemma_.lower(), frame)
            seen[key] += 1
            if any(s <= tok.idx < e for s, e in cue_chars):
                cue[key] += 1
    rows = [(lemma, frame, cue[(lemma, frame)], n) for (lemma, frame), n in seen.items()]
    return sorted(rows, key=lambda r: (-r[2], -r[3], r[0], r[1]))


def write_table(rows: list[tuple[str, str, int, int]], path: Path) -> None:
    header = (
        "# eventwire attribution cue table, learned from PolNeAR train (Newell, Margolin &\n"
        "# Ruths, LREC 2018; CC BY-SA 4.0) by `eventwire train attribution`.  Do not edit:\n"
        "# re-run the command.  Columns: lemma (spaCy lemma of a verb), frame (clause: with\n"
        "# a reported clause; to: with an infinitive; object: with a direct object), cue\n"
        "# (times that verb in that frame, outside quotations, was an annotated attribution\n"
        "# cue), seen (times it occurred there), p (cue / seen).  Rows seen fewer than\n"
        f"# {MIN_SEEN} times are left out.\n"
        "lemma\tframe\tcue\tseen\tp\n"
    )
    body = "".join(
        f"{lemma}\t{frame}\t{c}\t{n}\t{c / n:.3f}\n" for lemma, frame, c, n in rows if n >= MIN_SEEN
    )
    path.write_text(header + body, encoding="utf-8")


def candidates(
    docs: Iterable[tuple[Doc, list[GoldAttribution]]], lex: Lexicon
) -> tuple[list[dict[str, float]], list[int]]:
    """Features and labels of the cue verbs the model decides on (no stance of their own)."""
    xs: list[dict[str, float]] = []
    ys: list[int] = []
    for doc, gold in docs:
        cue_chars = [span for att in gold for span in att.cue]
        for att in find(doc, lex, learned=False):
            if att.in_quote or att.frame not in MODEL_FRAMES:
                continue
            cue = lex.verbs.get(att.lemma)
            if cue is None or att.object_stance or (cue.stance != "other" and not att.learned):
                continue
            p = lex.probability(att.lemma, att.frame)
            xs.append(features(p, att.frame, att.subject, curated=not att.learned))
            tok = doc[att.head]
            ys.append(int(any(s <= tok.idx < e for s, e in cue_chars)))
    return xs, ys


def fit(xs: list[dict[str, float]], ys: list[int], l2: float = 1e-3) -> dict[str, float]:
    """Logistic regression by gradient descent (a handful of features: no library needed)."""
    import numpy as np

    names = sorted({k for x in xs for k in x})
    x = np.array([[row.get(n, 0.0) for n in names] for row in xs])
    y = np.array(ys, dtype=float)
    w = np.zeros(len(names))
    for _ in range(3000):
        z = 1.0 / (1.0 + np.exp(-(x @ w)))
        w -= 0.5 * ((x.T @ (z - y)) / len(y) + l2 * w)
    return {n: round(float(v), 4) for n, v in zip(names, w, strict=True)}


def write_model(weights: dict[str, float], n: int, path: Path) -> None:
    path.write_text(
        json.dumps(
            {
                "about": "eventwire attribution model: logistic regression over the features "
                "of eventwire.knowledge.cues.features (table probability, frame, kind of "
                f"subject, curated cue), fitted on {n} candidate cue verbs of PolNeAR train by "
                "`eventwire train attribution`.  Do not edit: re-run the command.",
                "weights": weights,
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )


def _card(n_examples: int, n_cues: int) -> str:
    return (
        "eventwire cue detector (stages/statements/cue_model.py): logistic regression over "
        "parse features of verbs, nouns and adjectives outside quotations (lemma, part of "
        "speech, dependencies, children, subject, neighbours, listed in the lexicon), fitted on "
        f"{n_examples} words ({n_cues} cue heads) of the PolNeAR train split (Newell, "
        "Margolin & Ruths, LREC 2018; CC BY-SA 4.0) by `eventwire train attribution` "
        f"({time.strftime('%Y-%m-%d')}); no pretrained weights.  Weights by feature "
        "template as [value, value, weight].  Do not edit: re-run the command."
    )


def parse(nlp: Language, docs: list[GoldDoc]) -> list[Doc]:
    return list(nlp.pipe((model_text(d.text) for d in docs), batch_size=16))


def evaluate(nlp: Language, split: Path) -> dict:
    """Scores of ``find`` on a PolNeAR split."""
    golds = list(read_split(split))
    docs = parse(nlp, golds)
    return score(
        (g.text, g.attributions, predicted(d, g.text)) for g, d in zip(golds, docs, strict=True)
    )


def main(data: Path, out: Path | None = None) -> str:
    """Learn the cue table and the model from ``data``/train, score ``data``/dev.

    ``out`` is the directory to write into (default: the package's knowledge directory,
    which is what eventwire loads; the dev scores are those of what is loaded).
    """
    out = out or TABLE.parent
    nlp = load()
    started = time.perf_counter()
    train = list(read_split(data / "train"))
    docs = parse(nlp, train)
    pairs = [(d, g.attributions) for d, g in zip(docs, train, strict=True)]
    rows = learn_table(pairs)
    write_table(rows, out / TABLE.name)
    xs, ys = candidates(pairs, load_lexicon(out, weights=False))
    weights = fit(xs, ys)
    write_model(weights, len(ys), out / MODEL.name)
    forget_lexicon()  # the detector reads the lexicon with the table just learned
    lexicon_ids.cache_clear()
    tagger, n_examples, n_cues = cue_model.train([(d, [a.cue for a in g]) for d, g in pairs])
    cue_model.write(tagger, _card(n_examples, n_cues), out / TAGGER)
    forget_lexicon()
    detector.cache_clear()
    pieces = boundaries.learn([(d, [(a.cue, a.content) for a in g]) for d, g in pairs])
    boundaries.write(pieces, out / PIECES)
    kept_table.cache_clear()
    golds = [(d, [(a.cue, a.content) for a in g]) for d, g in pairs]
    end_data, end_tally = ends.instances(golds)
    end_weights = ends.fit(end_data)
    end_accuracy = ends.accuracy(end_data, end_weights)
    ends.write(end_weights, len(end_data), end_accuracy, out / ENDS)
    end_model.cache_clear()
    start_report = starts.learn(golds, out / STARTS)  # on the contents the end model ends
    start_model.cache_clear()
    cue_span_report = cue_spans.learn(golds, out / CUE_SPANS)  # on the final contents
    cue_span_model.cache_clear()
    kept = sum(1 for r in rows if r[3] >= MIN_SEEN)
    report = [
        f"learned from {len(train)} PolNeAR train articles: {kept} lemma×frame rows"
        f" → {out / TABLE.name}",
        f"attribution model on {len(ys)} candidate cues ({sum(ys)} cues) → {out / MODEL.name}:",
        "  " + ", ".join(f"{k} {v:+.2f}" for k, v in weights.items()),
        f"cue detector on {n_examples} words ({n_cues} cue heads) → {out / TAGGER}",
        f"content pieces: {len(pieces)} kinds → {out / PIECES}",
        f"content ends: {len(end_data)} contents ({end_tally['rules right']} of"
        f" {end_tally['attributions']} ended right by the rules), train accuracy"
        f" {end_accuracy:.3f} → {out / ENDS}",
        start_report,
        cue_span_report,
    ]
    if out != TABLE.parent:
        report.append("(dev not scored: eventwire loads the files in the package)")
    elif (data / "dev").is_dir():
        report.append(f"PolNeAR dev ({len(list((data / 'dev' / 'text').glob('*.txt')))} articles):")
        report.append(format_scores(evaluate(nlp, data / "dev")))
    report.append(f"({time.perf_counter() - started:.0f} s)")
    return "\n".join(report)
