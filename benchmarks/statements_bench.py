"""Cost of the statements stage against the bare spaCy pipeline, on the same texts, one run.

    .venv/bin/python benchmarks/statements_bench.py ../shared/data/polnear/dev/text [--limit N]

Prints words/s of spaCy (the baseline), of ``attribution.find`` and of the whole statements
stage (attribution, stance, actors looked up, verbal events), and the stage's time as a
share of spaCy's.  The actors stage runs first (the statements stage needs it) untimed.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from eventwire.findings import Findings
from eventwire.model import Article
from eventwire.stages import actors, statements
from eventwire.stages.statements import attribution
from eventwire.text.nlp import load, model_text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a directory of .txt articles")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*.txt"))]
    texts = texts[: args.limit]
    nlp = load()

    started = time.perf_counter()
    docs = list(nlp.pipe((model_text(t) for t in texts), batch_size=16))
    spacy_s = time.perf_counter() - started
    words = sum(1 for d in docs for t in d if not (t.is_space or t.is_punct))

    found = []
    for text, doc in zip(texts, docs, strict=True):
        f = Findings(article=Article(id="bench", text=text), doc=doc)
        actors.extract(f)
        found.append(f)
    statements.extract(found[0])  # load the lexicon outside the timing
    found[0].statements.clear()

    started = time.perf_counter()
    for doc in docs:
        attribution.find(doc)
    find_s = time.perf_counter() - started
    started = time.perf_counter()
    for f in found:
        statements.extract(f)
    stage_s = time.perf_counter() - started

    n = sum(len(f.statements) for f in found)
    print(f"{len(texts)} articles, {words} words, {n} statements")
    print(f"spaCy (baseline)      {words / spacy_s:10.0f} words/s")
    print(f"attribution.find      {words / find_s:10.0f} words/s")
    print(f"statements stage      {words / stage_s:10.0f} words/s")
    print(f"stage / spaCy time    {stage_s / spacy_s:10.1%}")


if __name__ == "__main__":
    main()
