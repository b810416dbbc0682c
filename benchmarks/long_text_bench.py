"""Memory and time of the longest text eventwire accepts, against bare spaCy on the same text.

    .venv/bin/python benchmarks/long_text_bench.py [--chars 990000] [--lines 1] [--json]

The text is generated at run time (nothing is committed as data): news sentences about
attacks, statements and protests in real places, with changing numbers and names, on one
line (``--lines 1``, the hardest case: no paragraph to cut at) or in ``--lines``
paragraphs, up to ``--chars`` characters (the cap is 1,000,000).

Each measurement runs in a fresh subprocess, so that its peak RSS is its own:

1. ``spacy``: the baseline, bare spaCy (``text.nlp.load()``) parsing the text in the
   windows eventwire cuts it into (``text.nlp.windows``);
2. ``eventwire``: ``make_article`` and ``Extractor.extract`` with no time limit: the
   windowed parse joined into one Doc, then every stage.

Printed: seconds and peak RSS of each, their ratios, and what the report holds.  Target:
peak RSS <= 1 GB per worker for any accepted input (a 990,000-character line took 2.9 GB
before texts were parsed in windows).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time

SENTENCES = [
    "Gunmen attacked a police checkpoint in {place} on {day}, killing {n} officers, a "
    "spokesman for the provincial government said.",
    "A car bomb exploded near a market in {place} on {day}, killing at least {n} people and "
    "wounding {m} others, officials said.",
    "{group} claimed responsibility for the attack in a statement, but the claim could not "
    "be verified.",
    "The {office} condemned the bombing and promised to bring those responsible to justice.",
    "Thousands of people marched in {place} on {day} to protest against rising fuel prices.",
    "Police arrested {n} suspects after the raid on a compound outside {place}, the interior "
    "ministry said on {day}.",
    "Residents said the fighting had forced hundreds of families to flee their homes.",
]
PLACES = ["Kano", "Maiduguri", "Mosul", "Kirkuk", "Peshawar", "Quetta", "Kabul", "Mogadishu"]
GROUPS = ["Boko Haram", "al-Shabaab", "Islamic State", "the Taliban", "the Pakistani Taliban"]
OFFICES = ["United Nations", "interior minister", "European Union", "prime minister"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def long_text(chars: int, lines: int, seed: int = 5) -> str:
    """A text of ``chars`` characters in ``lines`` paragraphs, of generated news sentences."""
    rng = random.Random(seed)
    per_line = chars // lines
    paragraphs = []
    for _ in range(lines):
        words: list[str] = []
        size = 0
        while size < per_line:
            sentence = rng.choice(SENTENCES).format(
                place=rng.choice(PLACES),
                day=rng.choice(DAYS),
                n=rng.randint(2, 90),
                m=rng.randint(2, 200),
                group=rng.choice(GROUPS),
                office=rng.choice(OFFICES),
            )
            words.append(sentence)
            size += len(sentence) + 1
        paragraphs.append(" ".join(words)[:per_line].rsplit(" ", 1)[0])
    return "\n".join(paragraphs)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(kind: str, chars: int, lines: int) -> dict:
    text = long_text(chars, lines)
    from eventwire.text.nlp import load, windows

    nlp = load()
    loaded = _rss_mb()
    start = time.perf_counter()
    if kind == "spacy":
        tokens = sum(len(doc) for doc in nlp.pipe(windows(text), batch_size=2))
        facts: dict = {"tokens": tokens}
    else:
        from eventwire.ingest.article import make_article
        from eventwire.pipeline import Extractor

        report = Extractor(nlp=nlp).extract(make_article(text, source="long"))
        report.check_spans()
        facts = {
            "actors": len(report.actors),
            "places": len(report.places),
            "events": len(report.events),
            "statements": len(report.statements),
            "warnings": report.warnings[:3],
        }
    return {
        "kind": kind,
        "chars": len(text),
        "seconds": time.perf_counter() - start,
        "peak_rss_mb": _rss_mb(),
        "loaded_rss_mb": loaded,
        **facts,
    }


def _child(kind: str, chars: int, lines: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "worker", kind, str(chars), str(lines)],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"{kind} worker failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=990_000)
    parser.add_argument("--lines", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    spacy_run = _child("spacy", args.chars, args.lines)
    ours = _child("eventwire", args.chars, args.lines)
    result = {
        "spacy": spacy_run,
        "eventwire": ours,
        "time_ratio": ours["seconds"] / spacy_run["seconds"],
        "rss_ratio": ours["peak_rss_mb"] / spacy_run["peak_rss_mb"],
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"text: {ours['chars']:,} characters in {args.lines} line(s)")
    for name, run in (("bare spaCy (windows)", spacy_run), ("eventwire", ours)):
        print(
            f"{name}: {run['seconds']:.1f} s, peak RSS {run['peak_rss_mb']:.0f} MB "
            f"(after loading {run['loaded_rss_mb']:.0f} MB)"
        )
    print(
        f"eventwire / spaCy: time x{result['time_ratio']:.2f}, RSS x{result['rss_ratio']:.2f}; "
        f"target: peak RSS <= 1024 MB"
    )
    print(
        f"report: {ours['actors']} actors, {ours['places']} places, {ours['events']} events, "
        f"{ours['statements']} statements"
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["worker"]:
        kind, chars, lines = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
        print(json.dumps(worker(kind, chars, lines)))
    else:
        main()
