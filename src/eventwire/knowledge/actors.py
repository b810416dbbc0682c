"""The actor dictionary: entries, their aliases, and a matcher compiled once per process.

The data is ``actors.yaml`` beside this module (format and sources in its header), plus one
set of entries generated for every row of ``countries.tsv``: the state ("IRN"), its
government ("IRN.gov"), military ("IRN.mil"), police ("IRN.pol"), head of state or
government ("IRN.head"), state media ("IRN.media") and people ("IRN.civ").

    >>> dictionary().get("iskp").parent
    'isis'
    >>> dictionary().get("IRN.gov").name
    'Government of Iran'

``matcher()`` finds every alias in a list of lower-cased spaCy tokens (a token trie: one
dict lookup per token of the text); the actors stage then applies the case rules of the
YAML header with ``Pattern.case_ok``.  The compiled form (entries, patterns tokenised by
spaCy's English tokenizer, word tables) is cached as JSON in the user cache directory,
keyed by a digest of the inputs: parsing and tokenising cost seconds at every start.
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from eventwire.knowledge.countries import Country, all_countries
from eventwire.knowledge.files import read_bytes
from eventwire.knowledge.words import titles

__all__ = [
    "KINDS",
    "ActorMatcher",
    "Dictionary",
    "Entry",
    "Pattern",
    "all_names",
    "dictionary",
    "matcher",
]

KINDS = (
    "state",
    "government",
    "military",
    "police",
    "armed_group",
    "igo",
    "ngo",
    "media",
    "person",
    "civilians",
    "other",
)

# How a pattern names its entry.
NAME = "name"  # a name or alias of the entry
METONYM = "metonym"  # a place standing for the entry when it acts ("Tehran", "the Kremlin")
DEMONYM = "demonym"  # "Iranian": names the country only together with other words
PEOPLE = "people"  # "Iranians": the people of a country
BLOCK = "block"  # never an actor ("Central American", "Telegram"): blocks other matches


@dataclass(frozen=True, slots=True)
class Entry:
    """One actor of the dictionary."""

    ref: str
    name: str
    kind: str
    country: str | None = None
    parent: str | None = None
    affiliation: str | None = None
    aliases: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()

    @property
    def generated(self) -> bool:
        """True for the entries generated from countries.tsv."""
        return self.ref[:3].isupper()


@dataclass(slots=True)
class Pattern:
    """One alias as matched: the entry it names and how the text must be cased."""

    text: str
    ref: str
    how: str = NAME
    tokens: tuple[str, ...] = ()  # lower-cased spaCy tokens
    caps: tuple[int, ...] = ()  # per token: 0 free, 1 capitalised, 2 capitals, 3 exact
    common: bool = False  # an ordinary word when lower-cased: not matched in ALL-CAPS text
    rank: int = 0  # precedence: lower wins where two entries share an alias
    written: tuple[str, ...] = ()  # the tokens as written in the alias

    def case_ok(self, words: list[str], shouting: bool) -> bool:
        """Whether the words of the text (as written) satisfy the alias's case."""
        if shouting:
            return not self.common and 3 not in self.caps
        first_cap = True
        for need, word, form in zip(self.caps, words, self.written, strict=False):
            if need == 3:
                if word != form:
                    return False
            elif need == 2:
                if not (word.isupper() or not any(c.isalpha() for c in word)):
                    return False
            elif need == 1 and first_cap:
                if not word[:1].isupper():
                    return False
                first_cap = False
        return True


@dataclass
class Dictionary:
    """Every entry, by ref, and the word lists of the YAML file."""

    entries: dict[str, Entry]
    patterns: list[Pattern]
    country_nouns: dict[tuple[str, ...], str]
    of_nouns: dict[tuple[str, ...], str]
    roles: dict[tuple[str, ...], str]
    role_modifiers: frozenset[str]
    honorifics: dict[tuple[str, ...], str]
    group_nouns: frozenset[str]
    group_plurals: frozenset[str]
    org_keywords: list[tuple[tuple[str, ...], str]]
    not_actors: frozenset[str]
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    institutions: dict[tuple[str, ...], str] = field(default_factory=dict)
    by_country: dict[str, Country] = field(default_factory=dict)

    def get(self, ref: str | None) -> Entry | None:
        """The entry with this ref, or None."""
        return self.entries.get(ref) if ref else None

    def country_entry(self, iso3: str, suffix: str) -> Entry | None:
        """ "IRN", "gov" → the entry IRN.gov; suffix "" or "state" → the state."""
        ref = iso3 if suffix in ("", "state") else f"{iso3}.{suffix}"
        return self.entries.get(ref)


# ---- the compiled form, cached as JSON ---------------------------------------------------------

COMPILED_VERSION = 1
# The compiler itself, as loaded (a process that imported an older version must not write
# its output under the digest of a newer one).
_CODE = Path(__file__).read_bytes()


def _cache_dir() -> Path:
    env = os.environ.get("EVENTWIRE_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("eventwire", appauthor=False))


def _sources() -> tuple[str, bytes]:
    """The YAML text and a digest of every input of the compiled form."""
    import spacy

    data = read_bytes("actors.yaml")
    countries = read_bytes("countries.tsv")
    digest = hashlib.sha1(data + countries + read_bytes("titles.tsv") + _CODE)
    digest.update(f"{COMPILED_VERSION} {spacy.__version__}".encode())
    return digest.hexdigest()[:16], data


@cache
def compiled() -> dict:
    """The dictionary compiled to plain data (cached on disk: YAML parsing and tokenising
    four thousand aliases cost a second or more at every start otherwise)."""
    digest, data = _sources()
    path = _cache_dir() / f"actors-{digest}.json"
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        pass
    result = _compile(data.decode("utf-8"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(result, ensure_ascii=False), "utf-8")
        tmp.replace(path)
    except OSError:
        pass  # a read-only cache only costs time
    return result


# ---- aliases and their variants ---------------------------------------------------------------


def fold(text: str) -> str:
    """Without diacritics: "Martí" → "Marti"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def variants(alias: str) -> list[str]:
    """The alias and its spelling variants (diacritics, hyphens, apostrophes, "the")."""
    out = [alias]
    if alias.lower().startswith("the ") and len(alias.split()) > 2:
        out.append(alias[4:])
    for form in list(out):
        out.append(fold(form))
        if "-" in form and not form.replace("-", "").isupper():
            out.append(form.replace("-", " "))
        if "'" in form:
            out.append(form.replace("'", "’"))
            out.append(form.replace("'", ""))
    seen: list[str] = []
    for form in out:
        form = " ".join(form.split())
        if form and form not in seen:
            seen.append(form)
    return seen


def _caps(words: list[str]) -> list[int]:
    marks = []
    for word in words:
        letters = [c for c in word if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            marks.append(2)
        elif any(c.isupper() for c in letters[1:]) and any(c.islower() for c in letters):
            marks.append(3)  # "LeT", "DoD", "al-Qaeda"'s "Qaeda" is not: see case_ok
        elif letters and word[:1].isupper():
            marks.append(1)
        else:
            marks.append(0)
    return marks


def _demonym_plural(word: str) -> str | None:
    """ "Iranian" → "Iranians", "Iraqi" → "Iraqis"; None where the plural is the word itself
    ("Chinese", "Swiss") or not formed with -s."""
    if not word[-1:].isalpha() or word.endswith(("ese", "s", "sh", "ch", "x", "z")):
        return None
    return word + "s"


def _the(name: str) -> str:
    """ "United States" → "the United States" inside a phrase ("Government of the …")."""
    first = name.split()[0]
    plural = name.endswith("s") and name not in (
        "Barbados",
        "Belarus",
        "Cyprus",
        "Honduras",
        "Laos",
        "Mauritius",
        "Kiribati",
    )
    if first in ("United", "Republic", "Democratic", "Central", "Czech", "Dominican") or plural:
        return "the " + name
    return "the Gambia" if name == "Gambia" else name


def _compile(yaml_text: str) -> dict:
    """Read the YAML and countries.tsv into plain data: entries, patterns, word tables."""
    import spacy
    import yaml
    from spacy.lang.en.stop_words import STOP_WORDS

    tokenizer = spacy.blank("en").tokenizer
    memo: dict[str, list[str]] = {}

    def tokens(text: str) -> list[str]:
        if text not in memo:
            memo[text] = [t.text for t in tokenizer(text)]
        return memo[text]

    raw = yaml.load(yaml_text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    common = {w.lower() for w in raw.get("common_words", [])} | set(STOP_WORDS)
    entries: dict[str, dict] = {}
    patterns: list[dict] = []
    taken: set[str] = set()

    def add_pattern(alias: str, ref: str, how: str) -> None:
        for form in variants(str(alias)):
            key = f"{form}\t{how}"
            if key in taken:
                continue
            taken.add(key)
            words = tokens(form)
            patterns.append(
                {
                    "text": form,
                    "ref": ref,
                    "how": how,
                    "tokens": [w.lower() for w in words],
                    "written": words,
                    "caps": _caps(words),
                    "common": len(words) == 1 and form.lower() in common,
                }
            )

    def add_entry(entry: dict) -> None:
        if entry["ref"] in entries:
            raise ValueError(f"actors.yaml: duplicate ref {entry['ref']!r}")
        if entry["kind"] not in KINDS:
            raise ValueError(f"actors.yaml: {entry['ref']}: unknown kind {entry['kind']!r}")
        entries[entry["ref"]] = entry

    # Curated entries first: they win over country names for a shared alias.
    for item in raw.get("actors", []):
        entry = {
            "ref": str(item["ref"]),
            "name": str(item["name"]),
            "kind": str(item["kind"]),
            "country": item.get("country"),
            "parent": item.get("parent"),
            "affiliation": item.get("affiliation"),
            "aliases": [str(a) for a in item.get("aliases") or []],
            "metonyms": [str(a) for a in item.get("metonyms") or []],
        }
        add_entry(entry)
        for alias in (entry["name"], *entry["aliases"]):
            add_pattern(alias, entry["ref"], NAME)
        for alias in entry["metonyms"]:
            add_pattern(alias, entry["ref"], METONYM)

    extras = raw.get("countries", {}) or {}
    countries = all_countries()
    for country in countries:
        more = extras.get(country.iso3, {}) or {}
        for template in raw.get("country_entries", []):
            suffix = template["suffix"]
            lists = more.get(suffix or "state") or {}
            add_entry(
                {
                    "ref": f"{country.iso3}.{suffix}" if suffix else country.iso3,
                    "name": template["name"].format(name=country.name, the_name=_the(country.name)),
                    "kind": template["kind"],
                    "country": country.iso3,
                    "parent": country.iso3 if suffix else None,
                    "affiliation": None,
                    "aliases": [str(a) for a in lists.get("aliases") or []],
                    "metonyms": [str(a) for a in lists.get("metonyms") or []],
                }
            )
    # Country extras (seats, capitals, institutions) before the plain country names.
    for country in countries:
        for key, lists in (extras.get(country.iso3, {}) or {}).items():
            ref = country.iso3 if key == "state" else f"{country.iso3}.{key}"
            if ref not in entries:
                raise ValueError(f"actors.yaml: countries: {country.iso3}: unknown entry {key!r}")
            for alias in (lists or {}).get("aliases") or []:
                add_pattern(alias, ref, NAME)
            for alias in (lists or {}).get("metonyms") or []:
                add_pattern(alias, ref, METONYM)
    for country in countries:
        for name in country.names:
            add_pattern(name, country.iso3, NAME)
    for country in countries:
        for demonym in country.demonyms:
            add_pattern(demonym, country.iso3, DEMONYM)
            plural = _demonym_plural(demonym)
            if plural:
                add_pattern(plural, f"{country.iso3}.civ", PEOPLE)

    for name in raw.get("not_actors", []):
        add_pattern(name, "", BLOCK)

    for entry in entries.values():
        for ref in (entry["parent"], entry["affiliation"]):
            if ref and ref not in entries:
                raise ValueError(f"actors.yaml: {entry['ref']}: unknown ref {ref!r}")

    def phrases(words: list[str], label: str) -> list[list[str]]:
        return [[*(w.lower() for w in tokens(str(word))), label] for word in words]

    nouns = raw.get("country_nouns", {})
    roles = raw.get("roles", {})
    groups = raw.get("group_nouns", {})
    return {
        "entries": entries,
        "patterns": patterns,
        "country_nouns": [
            p for suffix, words in nouns.items() if suffix != "of" for p in phrases(words, suffix)
        ],
        "of_nouns": [
            p for suffix, words in (nouns.get("of") or {}).items() for p in phrases(words, suffix)
        ],
        "roles": [
            p
            for cls in ("gov", "mil", "pol", "office", "any")
            for p in phrases(roles.get(cls, []), cls)
        ],
        "role_modifiers": [w.lower() for w in roles.get("modifiers", [])],
        "honorifics": phrases(sorted(titles("honorific")), "honorific"),
        "group_nouns": [w.split()[-1].lower() for w in groups.get("singular", [])],
        "group_plurals": [w.lower() for w in groups.get("plural", [])],
        "org_keywords": [
            p for kind, words in raw.get("org_keywords", {}).items() for p in phrases(words, kind)
        ],
        "not_actors": [w.lower() for w in raw.get("not_actors", [])],
        "words": {
            name: [str(w).lower() for w in words]
            for name, words in (raw.get("words") or {}).items()
            if name != "institutions"
        },
        "institutions": [
            [*(w.lower() for w in tokens(str(noun))), suffix]
            for noun, suffix in ((raw.get("words") or {}).get("institutions") or {}).items()
        ],
    }


def _table(rows: list[list[str]]) -> dict[tuple[str, ...], str]:
    table: dict[tuple[str, ...], str] = {}
    for row in rows:
        table.setdefault(tuple(row[:-1]), row[-1])
    return table


@cache
def dictionary() -> Dictionary:
    """The dictionary, compiled once per process."""
    data = compiled()
    entries = {
        ref: Entry(
            ref=e["ref"],
            name=e["name"],
            kind=e["kind"],
            country=e["country"],
            parent=e["parent"],
            affiliation=e["affiliation"],
            aliases=tuple(e["aliases"]),
            metonyms=tuple(e["metonyms"]),
        )
        for ref, e in data["entries"].items()
    }
    patterns = [
        Pattern(
            text=p["text"],
            ref=p["ref"],
            how=p["how"],
            tokens=tuple(p["tokens"]),
            written=tuple(p["written"]),
            caps=tuple(p["caps"]),
            common=p["common"],
            rank=rank,
        )
        for rank, p in enumerate(data["patterns"])
    ]
    return Dictionary(
        entries=entries,
        patterns=patterns,
        country_nouns=_table(data["country_nouns"]),
        of_nouns=_table(data["of_nouns"]),
        roles=_table(data["roles"]),
        role_modifiers=frozenset(data["role_modifiers"]),
        honorifics=_table(data["honorifics"]),
        group_nouns=frozenset(data["group_nouns"]),
        group_plurals=frozenset(data["group_plurals"]),
        org_keywords=[(tuple(row[:-1]), row[-1]) for row in data["org_keywords"]],
        not_actors=frozenset(data["not_actors"]),
        words={name: frozenset(words) for name, words in data["words"].items()},
        institutions=_table(data["institutions"]),
        by_country={c.iso3: c for c in all_countries()},
    )


def all_names() -> list[str]:
    """Every alias and metonym (with variants), e.g. for a truecasing table."""
    return [p.text for p in dictionary().patterns]


# ---- the matcher ---------------------------------------------------------------------------------


class ActorMatcher:
    """A token trie over every pattern, on lower-cased spaCy tokens (patterns were tokenised
    by spaCy's English tokenizer, so they split where the text does)."""

    def __init__(self, patterns: list[Pattern]):
        self.root: dict = {}
        self.longest = 1
        for pattern in patterns:
            node = self.root
            for token in pattern.tokens:
                node = node.setdefault(token, {})
            node.setdefault(_END, []).append(pattern)
            self.longest = max(self.longest, len(pattern.tokens))

    def __call__(self, words: list[str]) -> list[tuple[int, int, list[Pattern]]]:
        """(start, end, patterns) for every alias found in ``words`` (lower-cased tokens),
        overlapping ones included."""
        found = []
        root = self.root
        n = len(words)
        for i in range(n):
            node = root.get(words[i])
            j = i + 1
            while node is not None:
                if _END in node:
                    found.append((i, j, node[_END]))
                if j >= n:
                    break
                node = node.get(words[j])
                j += 1
        return found


_END = "\x00"


@cache
def matcher() -> ActorMatcher:
    """The matcher over the whole dictionary, built once per process."""
    return ActorMatcher(dictionary().patterns)
