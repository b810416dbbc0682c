"""``eventwire bench CORPUS_DIR``: eventwire's speed and memory against bare spaCy, in one run.

Three measurements, each in a fresh subprocess so that one does not pollute another's
memory figures:

1. bare spaCy: the same pipeline eventwire loads, ``nlp.pipe`` over the texts;
2. eventwire: ``make_article`` + ``Extractor.extract_many`` over the same texts;
3. cold start: the wall time of a fresh ``eventwire extract`` on one short file (after
   one unmeasured run, so that one-time work such as building the gazetteer index or
   compiling the modules' bytecode is done).

Measurements 1 and 2 alternate for ``rounds`` rounds (spaCy, eventwire, spaCy, …) so that
a change in the machine's load hits both alike; the figures shown are each pipeline's
median round, and the ratio is the median of the rounds' ratios (each round's is listed).
Throughput counts only the loop over the texts (loading and one warm-up text excluded,
reported apart); peak RSS is the worker's own maximum resident set (getrusage), loading
included, the highest over the rounds.  Targets: ratio ≥ 0.8, peak RSS ≤ 600 MB, cold
start ≤ 3 s.
This module is also the worker: ``python -m eventwire.commands.bench worker …``.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Annotated, Any

import typer

TARGETS = {"ratio": 0.8, "peak_rss_mb": 600.0, "cold_start_s": 3.0}
BATCH_SIZE = 16
COLD_TEXT = (
    "Gunmen attacked a police checkpoint outside Kano on Tuesday, killing four officers "
    "and wounding two others, a police spokesman said. No group has claimed the attack.\n"
)


def corpus_texts(corpus: Path, limit: int | None) -> list[str]:
    """The texts of the corpus (*.txt, sorted by name), at most ``limit``."""
    paths = sorted(p for p in corpus.iterdir() if p.is_file() and p.suffix == ".txt")
    if limit:
        paths = paths[:limit]
    return [p.read_text(encoding="utf-8", errors="replace") for p in paths]


def peak_rss_mb() -> float:
    """This process's peak resident set size in MB (ru_maxrss: kB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak / 1024


def run_worker(which: str, corpus: Path, limit: int | None) -> dict[str, Any]:
    """Measure one pipeline in this process (called in a fresh subprocess)."""
    texts = corpus_texts(corpus, limit)
    if not texts:
        raise SystemExit(f"{corpus}: no .txt files")
    words = sum(len(t.split()) for t in texts)
    start = time.perf_counter()
    failed = 0
    if which == "spacy":
        from eventwire.text import nlp as nlp_module

        nlp = nlp_module.load()
        nlp(texts[0])  # warm-up
        loaded = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=BATCH_SIZE):
            pass
        pipeline = nlp_module.describe(nlp)
    else:
        from eventwire.ingest.article import make_article
        from eventwire.model import Failure
        from eventwire.pipeline import Extractor

        extractor = Extractor()
        extractor.extract(make_article(texts[0], source="warm-up", check_language=False))
        loaded = time.perf_counter()
        for result in extractor.extract_many(_articles(texts), batch_size=BATCH_SIZE):
            failed += isinstance(result, Failure)
        pipeline = extractor.name
    seconds = time.perf_counter() - loaded
    return {
        "pipeline": pipeline,
        "docs": len(texts),
        "words": words,
        "failed": failed,
        "load_s": round(loaded - start, 3),
        "seconds": round(seconds, 3),
        "docs_per_s": round(len(texts) / seconds, 2),
        "words_per_s": round(words / seconds, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def _articles(texts: list[str]) -> Any:
    """Articles of the texts; an unreadable text becomes a Failure (counted, not fatal)."""
    from eventwire.errors import EventwireError
    from eventwire.ingest.article import make_article
    from eventwire.model import Failure

    for i, text in enumerate(texts):
        try:
            yield make_article(text, source=f"text {i}")
        except EventwireError as exc:
            yield Failure(f"text {i}", str(exc))


def _run(
    command: list[str], what: str, timeout_s: float, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            command, capture_output=True, text=True, check=False, timeout=timeout_s, env=env
        )
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"{what} did not finish within {timeout_s:g} s") from None


def _subprocess(which: str, corpus: Path, limit: int | None, timeout_s: float) -> dict[str, Any]:
    command = [sys.executable, "-m", "eventwire.commands.bench", "worker", which, str(corpus)]
    command += [str(limit or 0)]
    done = _run(command, f"the {which} worker", timeout_s)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise RuntimeError(f"the {which} worker failed: " + " | ".join(tail))
    return json.loads(done.stdout.strip().splitlines()[-1])


def _extract_command() -> list[str]:
    script = Path(sys.executable).with_name("eventwire")
    return [str(script)] if script.exists() else [sys.executable, "-m", "eventwire"]


def cold_start(runs: int, timeout_s: float = 120.0) -> dict[str, Any]:
    """Wall time of fresh ``eventwire extract`` processes on one short file.

    Bytecode is cached as in an installed package (in a temporary PYTHONPYCACHEPREFIX,
    even where PYTHONDONTWRITEBYTECODE is set): compiling eventwire's modules is one-time
    work, like building the gazetteer index, done by the unmeasured first run.
    """
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "short.txt"
        path.write_text(COLD_TEXT, encoding="utf-8")
        command = [*_extract_command(), "extract", str(path), "--published", "2024-03-05"]
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        times = []
        for _ in range(runs + 1):  # the first run is not measured (index build, bytecode)
            start = time.perf_counter()
            done = _run(command, "eventwire extract (cold start)", timeout_s, env)
            times.append(time.perf_counter() - start)
            if done.returncode != 0:
                tail = done.stderr.strip().splitlines()[-3:]
                raise RuntimeError("eventwire extract failed: " + " | ".join(tail))
    measured = times[1:]
    return {
        "first_s": round(times[0], 2),
        "median_s": round(statistics.median(measured), 2),
        "min_s": round(min(measured), 2),
        "runs": len(measured),
    }


def _median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run of median throughput (the lower middle one of an even number), with the
    highest peak RSS of all runs."""
    ordered = sorted(runs, key=lambda r: r["docs_per_s"])
    return {**ordered[(len(ordered) - 1) // 2], "peak_rss_mb": max(r["peak_rss_mb"] for r in runs)}


def measure(
    corpus: Path, limit: int | None, cold_runs: int, timeout_s: float = 3600.0, rounds: int = 3
) -> dict[str, Any]:
    """All figures of one bench run (each worker stopped after ``timeout_s``)."""
    spacy_runs, eventwire_runs = [], []
    for _ in range(rounds):
        spacy_runs.append(_subprocess("spacy", corpus, limit, timeout_s))
        eventwire_runs.append(_subprocess("eventwire", corpus, limit, timeout_s))
    ratios = [
        e["docs_per_s"] / s["docs_per_s"] for s, e in zip(spacy_runs, eventwire_runs, strict=True)
    ]
    ratio = statistics.median(ratios)
    eventwire_figures = _median_run(eventwire_runs)
    result: dict[str, Any] = {
        "corpus": str(corpus),
        "limit": limit,
        "spacy": _median_run(spacy_runs),
        "eventwire": eventwire_figures,
        "ratio": round(ratio, 3),
        "round_ratios": [round(r, 3) for r in ratios],
        "cold_start": cold_start(cold_runs) if cold_runs > 0 else None,
        "cpu_count": os.cpu_count(),
    }
    result["targets"] = {
        "ratio": {"target": f">= {TARGETS['ratio']}", "met": ratio >= TARGETS["ratio"]},
        "peak_rss_mb": {
            "target": f"<= {TARGETS['peak_rss_mb']:g}",
            "met": eventwire_figures["peak_rss_mb"] <= TARGETS["peak_rss_mb"],
        },
    }
    if result["cold_start"]:
        result["targets"]["cold_start_s"] = {
            "target": f"<= {TARGETS['cold_start_s']:g}",
            "met": result["cold_start"]["median_s"] <= TARGETS["cold_start_s"],
        }
    return result


def _print(result: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    out = Console(highlight=False)
    table = Table(title=f"eventwire bench · {result['corpus']}", title_justify="left")
    for column in ("pipeline", "docs", "words", "docs/s", "words/s", "load s", "peak RSS MB"):
        table.add_column(column, justify="left" if column == "pipeline" else "right")
    for key in ("spacy", "eventwire"):
        f = result[key]
        label = "bare spaCy (nlp.pipe)" if key == "spacy" else "eventwire (extract_many)"
        table.add_row(
            label,
            str(f["docs"]),
            str(f["words"]),
            f"{f['docs_per_s']:.1f}",
            f"{f['words_per_s']:,.0f}",
            f"{f['load_s']:.2f}",
            f"{f['peak_rss_mb']:.0f}",
        )
    out.print(table)
    out.print(
        f"pipelines: {result['eventwire']['pipeline']}; batch size {BATCH_SIZE}; "
        f"{result['cpu_count']} CPUs; median of {len(result['round_ratios'])} alternating rounds"
    )
    if result["eventwire"]["failed"]:
        out.print(f"eventwire refused {result['eventwire']['failed']} texts (not counted apart)")
    cold = result["cold_start"]
    each = ", ".join(f"{r:.2f}" for r in result["round_ratios"])
    lines = [f"ratio eventwire/spaCy (docs/s): {result['ratio']:.2f} (median; rounds: {each})"]
    if cold:
        lines.append(
            f"cold start of `eventwire extract` on one short file: {cold['median_s']:.2f} s "
            f"(median of {cold['runs']}, min {cold['min_s']:.2f} s; "
            f"unmeasured first run {cold['first_s']:.2f} s)"
        )
    for line in lines:
        out.print(line)
    for name, target in result["targets"].items():
        mark = "[green]met[/green]" if target["met"] else "[red]missed[/red]"
        out.print(f"target {name} {target['target']}: {mark}")


def bench(
    corpus: Annotated[
        Path,
        typer.Argument(
            metavar="CORPUS_DIR",
            help="A directory of .txt articles (e.g. ../shared/data/polnear/train/text).",
        ),
    ],
    limit: Annotated[int | None, typer.Option(min=1, help="Use the first N texts only.")] = None,
    rounds: Annotated[
        int, typer.Option(min=1, help="Alternating rounds of the two pipelines (median shown).")
    ] = 3,
    cold_runs: Annotated[
        int, typer.Option(min=0, help="Measured cold starts (0 skips the measurement).")
    ] = 3,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    timeout: Annotated[
        float, typer.Option(min=1, help="Seconds after which a worker is stopped.")
    ] = 3600.0,
    check: Annotated[
        bool, typer.Option("--check", help="Exit with status 1 when a target is missed.")
    ] = False,
) -> None:
    """Speed and memory of eventwire against the bare spaCy pipeline on the same texts."""
    if not corpus.is_dir():
        raise typer.BadParameter(f"{corpus} is not a directory")
    if not any(p.suffix == ".txt" for p in corpus.iterdir()):
        raise typer.BadParameter(f"{corpus} holds no .txt files")
    try:
        result = measure(corpus, limit, cold_runs, timeout, rounds)
    except RuntimeError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
    else:
        _print(result)
    if check and not all(t["met"] for t in result["targets"].values()):
        raise typer.Exit(1)


def _worker_main(argv: list[str]) -> None:
    which, corpus, limit = argv
    if which not in ("spacy", "eventwire"):
        raise SystemExit(f"unknown worker {which!r}")
    print(json.dumps(run_worker(which, Path(corpus), int(limit) or None)))


if __name__ == "__main__":
    if sys.argv[1:2] == ["worker"]:
        _worker_main(sys.argv[2:])
    else:
        raise SystemExit("usage: python -m eventwire.commands.bench worker spacy|eventwire DIR N")
