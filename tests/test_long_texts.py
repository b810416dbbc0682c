"""Long texts are parsed in windows joined into one Doc, so that memory stays bounded: the
windows join into the text, the Doc is the text's, and a long line costs a bounded amount
of memory (a 990,000-character line took 2.9 GB when parsed whole; the benchmark at the
cap is benchmarks/long_text_bench.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from long_text_bench import long_text  # noqa: E402  (generated news sentences)


def test_long_text_windows_join_into_the_text():
    from eventwire.text.nlp import WINDOW, windows

    for text in (long_text(95_000, 1), long_text(95_000, 40), "x" * 50_000 + " end"):
        pieces = windows(text)
        assert "".join(pieces) == text and len(pieces) >= 3
        assert all(0 < len(p) <= WINDOW for p in pieces)
    one_line = windows(long_text(95_000, 1))
    assert all(p.rstrip().endswith(".") for p in one_line[:-1])  # cut after a sentence
    paragraphs = windows(long_text(95_000, 40))
    assert all(p.endswith("\n") for p in paragraphs[:-1])  # cut after a paragraph


def test_long_text_parsed_in_windows_is_the_doc_of_the_text(extractor):
    from eventwire.text.nlp import LONG, parse, windows

    text = long_text(LONG + 10_000, 30)
    short = "Gunmen attacked a checkpoint in Kano on Monday, police said."
    docs = list(parse(extractor.nlp, [short, text, short]))
    assert [d.text for d in docs] == [short, text, short]
    whole = extractor.nlp(text)
    assert [t.text for t in docs[1]] == [t.text for t in whole]
    windowed = {(e.start_char, e.end_char, e.label_) for e in docs[1].ents}
    assert windowed == {(e.start_char, e.end_char, e.label_) for e in whole.ents}
    # a window starts a sentence: at a paragraph break, where one starts anyway
    sentences = sum(1 for _ in docs[1].sents) - sum(1 for _ in whole.sents)
    assert 0 <= sentences < len(windows(text))


def test_long_text_memory_is_bounded(tmp_path):
    # the parse of a 100,000-character line in a process of its own: it took 314 MB more
    # than the loaded pipeline when parsed whole (and memory grew with the length: 2.9 GB
    # at 990,000 characters); in windows, about 130 MB at any length
    script = f"""
import json, resource, sys
sys.path.insert(0, {str(BENCHMARKS)!r})
from long_text_bench import long_text
from eventwire.ingest.article import make_article
from eventwire.pipeline import Extractor
extractor = Extractor()
article = make_article(long_text(100_000, 1), source="long")
extractor._parse([make_article("Gunmen attacked Kano.", source="warm")], 1, None)
loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
[doc] = extractor._parse([article], 16, None)
assert doc.text == article.text
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"loaded": loaded, "peak": peak}}))
"""
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=600, check=False
    )
    assert out.returncode == 0, out.stderr[-2000:]
    rss = json.loads(out.stdout.strip().splitlines()[-1])
    assert rss["peak"] - rss["loaded"] < 200, rss
