"""Readers for the MUC-3/4 distribution: raw wire messages and raw answer-key templates.

Message files hold messages that each start with an id line ("DEV-MUC3-0001 (NOSC)"),
then a dateline ("SAN SALVADOR, 3 JAN 90 -- [TEXT] ..."), in ALL CAPS with hard line
breaks.  Key files hold one template per message and incident, separated by blank lines;
each line is "N.  SLOT NAME   value", a slot's further fillers on indented continuation
lines, ";"-lines are comments.  Fillers (MUC-4 template documentation):

- ``*`` the slot does not apply, ``-`` no filler;
- ``"STRING"`` a string from the text, ``"A" / "B"`` alternative strings of one filler;
- ``? "STRING"`` an uncertain filler;
- ``SET: "STRING"`` a set-fill value cross-referenced to a string filler of another slot
  (``DEATH: "PEASANTS"``), ``"DESCR": "NAME"`` a string cross-referenced to another;
- dates "30 DEC 89", "- 08 JAN 90" (on or before), "26 DEC 89 - 28 DEC 89" (between),
  alternatives joined by "/" and wrapped in parentheses;
- locations "COUNTRY: PLACE (TYPE): PLACE (TYPE)", most general first.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.errors import InputError

# slot numbers of the MUC-4 template
MESSAGE_ID, TEMPLATE_ID, DATE, LOCATION, TYPE, STAGE = 0, 1, 2, 3, 4, 5
INSTRUMENT_ID, INSTRUMENT_TYPE, CATEGORY = 6, 7, 8
PERP_INDIVIDUAL, PERP_ORGANIZATION, PERP_CONFIDENCE = 9, 10, 11
PHYS_TGT_ID, PHYS_TGT_TYPE, PHYS_TGT_NUMBER, PHYS_TGT_NATION, PHYS_TGT_EFFECT = 12, 13, 14, 15, 16
HUM_TGT_NAME, HUM_TGT_DESCRIPTION, HUM_TGT_TYPE, HUM_TGT_NUMBER = 18, 19, 20, 21
HUM_TGT_NATION, HUM_TGT_EFFECT = 22, 23

# GRIT/GTT's five roles and the key slots they come from
ROLE_SLOTS = {
    "PerpInd": PERP_INDIVIDUAL,
    "PerpOrg": PERP_ORGANIZATION,
    "Target": PHYS_TGT_ID,
    "Victim": HUM_TGT_NAME,
    "Weapon": INSTRUMENT_ID,
}
ROLES = tuple(ROLE_SLOTS)

MONTHS = {
    m: i
    for i, m in enumerate(
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1
    )
}


@dataclass
class Filler:
    """One filler of a slot: alternatives, and the alternatives of the string it refers to."""

    values: list[str]
    ref: list[str] = field(default_factory=list)
    uncertain: bool = False


@dataclass
class KeyTemplate:
    """One answer-key template: slot number → its fillers (raw lines kept for dates/places)."""

    message_id: str
    template_id: str
    optional: bool
    slots: dict[int, list[Filler]]
    raw: dict[int, list[str]]

    def strings(self, slot: int) -> list[list[str]]:
        """String fillers of a slot: one list of alternatives per filler."""
        return [f.values for f in self.slots.get(slot, []) if f.values]

    @property
    def incident_type(self) -> str:
        fillers = self.slots.get(TYPE, [])
        return " / ".join(fillers[0].values).lower() if fillers else ""


@dataclass
class Message:
    """One raw message: id, text from the dateline on, publication date from the dateline."""

    id: str
    text: str
    published: dt.date | None


# --------------------------------------------------------------------------------------
# fillers

_TOKEN = re.compile(r'"((?:\\.|[^"\\])*)"|(/)|(:)|(\?)|([^"/:?]+)')


def parse_filler(text: str) -> Filler:
    """One filler line: ``? "A" / "B"``, ``DEATH: "A" / "B"``, ``"DESCR": "NAME"``."""
    groups: list[list[str]] = [[]]
    uncertain = False
    for m in _TOKEN.finditer(text.strip()):
        quoted, slash, colon, question, bare = m.groups()
        if quoted is not None:
            groups[-1].append(quoted.replace('\\"', '"').replace("\\\\", "\\"))
        elif colon:
            groups.append([])
        elif question:
            uncertain = True
        elif bare and bare.strip():
            groups[-1].append(bare.strip())
        del slash  # alternatives separator: the items of a group are the alternatives
    groups = [g for g in groups if g]
    if not groups or groups[0] in (["*"], ["-"]):
        return Filler(values=[], uncertain=uncertain)
    values = [v for v in groups[0] if v != "-"]
    ref = [v for v in groups[1] if v != "-"] if len(groups) > 1 else []
    return Filler(values=values, ref=ref, uncertain=uncertain)


_SLOT_LINE = re.compile(r"^(\d{1,2})\.\s+([A-Z][A-Z .:/-]*?[A-Z])(?:\s{2,}(.*))?\s*$")


def parse_keys(text: str, source: str = "<keys>") -> list[KeyTemplate]:
    """Every template of a key file, in file order (including "*" templates)."""
    templates: list[KeyTemplate] = []
    raw: dict[int, list[str]] = {}
    slot = None

    def flush() -> None:
        nonlocal raw, slot
        if raw:
            if MESSAGE_ID not in raw:
                raise InputError(source, f"template without a message id near {raw}")
            ident = raw[MESSAGE_ID][0].split()[0]
            template_id = (raw.get(TEMPLATE_ID) or ["*"])[0]
            slots = {n: [parse_filler(line) for line in lines] for n, lines in raw.items()}
            templates.append(
                KeyTemplate(
                    message_id=ident,
                    template_id=template_id.replace("(OPTIONAL)", "").strip(),
                    optional="OPTIONAL" in template_id,
                    slots={n: [f for f in fs if f.values] for n, fs in slots.items()},
                    raw=raw,
                )
            )
        raw, slot = {}, None

    for line in text.splitlines():
        if line.startswith(";"):
            continue
        if not line.strip():
            flush()
            continue
        m = _SLOT_LINE.match(line)
        if m and not line[0].isspace():
            slot = int(m.group(1))
            if slot == MESSAGE_ID and raw:
                flush()
                slot = MESSAGE_ID
            raw.setdefault(slot, []).append((m.group(3) or "").strip())
        elif slot is not None:
            raw[slot].append(line.strip())
    flush()
    return templates


# --------------------------------------------------------------------------------------
# dates and places

_DATE = re.compile(
    r"(\d{1,2})\s+([A-Z]{3})[A-Z]*\.?(?:\s+(\d{2,4}))?|([A-Z]{3})[A-Z]*\s+(\d{1,2})(?:\s+(\d{2}))?"
)


def parse_day(text: str, year_hint: int | None = None) -> dt.date | None:
    """ "30 DEC 89", "03 MARCH 90", "JUNE 11 89", "11 NOV" (year from the hint)."""
    m = _DATE.search(text.upper())
    if not m:
        return None
    if m.group(1):
        day, month, year = m.group(1), m.group(2), m.group(3)
    else:
        month, day, year = m.group(4), m.group(5), m.group(6)
    if month not in MONTHS:
        return None
    if year is None:
        if year_hint is None:
            return None
        y = year_hint
    else:
        y = int(year)
        y = y + 1900 if y < 100 else y
    try:
        return dt.date(y, MONTHS[month], int(day))
    except ValueError:
        return None


Interval = tuple[dt.date | None, dt.date | None]


def _split_top(text: str, sep: str) -> list[str]:
    """Split on ``sep`` outside parentheses."""
    parts, depth, cur = [], 0, []
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if ch == sep and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return [p.strip() for p in parts if p.strip()]


def _unwrap(text: str) -> str:
    text = text.strip()
    while text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]):
        text = text[1:-1].strip()
    return text


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if depth < 0:
            return False
    return depth == 0


def parse_date_slot(lines: list[str], year_hint: int | None = None) -> list[Interval]:
    """Alternatives of an incident date: (start, end), None where open."""
    text = " ".join(lines).strip()
    if text in ("", "*", "-"):
        return []
    out: list[Interval] = []
    for alt in _split_top(text, "/"):
        alt = _unwrap(alt)
        if alt.startswith("-"):
            end = parse_day(alt[1:], year_hint)
            if end:
                out.append((None, end))
            continue
        ends = [parse_day(p, year_hint) for p in re.split(r"\s+-\s+", alt)]
        ends = [d for d in ends if d]
        if len(ends) == 1:
            out.append((ends[0], ends[0]))
        elif len(ends) >= 2:
            out.append((min(ends), max(ends)))
    return out


@dataclass
class KeyPlace:
    """One alternative of an incident location: its country, then (name, type) pairs."""

    country: str
    levels: list[tuple[str, str]]

    @property
    def most_specific(self) -> str:
        return self.levels[-1][0] if self.levels else self.country


_LEVEL = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")


def parse_location_slot(lines: list[str]) -> list[KeyPlace]:
    """Alternatives of an incident location."""
    text = " ".join(lines).strip()
    if text in ("", "*", "-"):
        return []
    out: list[KeyPlace] = []
    for alt in _split_top(text, "/"):
        parts = [p.strip() for p in _unwrap(alt).split(":") if p.strip()]
        if not parts:
            continue
        levels = []
        for part in parts:
            m = _LEVEL.match(part)
            levels.append((m.group(1).strip(), m.group(2).strip()) if m else (part, ""))
        # no country first ("SOYAPANGO (CITY)"): the previous alternative's country
        country = (out[-1].country if out else "") if levels[0][1] else levels.pop(0)[0]
        out.append(KeyPlace(country=country, levels=levels))
    return out


def effects(template: KeyTemplate) -> set[str]:
    """Human-target effects named in the template: "DEATH", "INJURY", "NO INJURY"…"""
    found: set[str] = set()
    for filler in template.slots.get(HUM_TGT_EFFECT, []):
        found.update(v.upper() for v in filler.values)
    return found


# --------------------------------------------------------------------------------------
# messages

_MESSAGE_ID = re.compile(r"^((?:DEV|TST\d)-MUC\d-\d{4})\b[^\n]*$", re.M)
_DATELINE = re.compile(r"^[^\n]*?,\s*(.*?)--", re.S)


def unwrap_lines(text: str) -> str:
    """Join the hard-wrapped lines of each paragraph; paragraphs stay apart (blank line)."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines()) for p in paragraphs)


def parse_messages(text: str, source: str = "<messages>") -> list[Message]:
    """Messages of a raw text file; the dateline's date is the publication date.

    A dateline without a year ("11 NOV") takes the year of the message before it.
    """
    matches = list(_MESSAGE_ID.finditer(text))
    if not matches:
        raise InputError(source, "no MUC message id line (e.g. 'DEV-MUC3-0001 (NOSC)') found")
    out: list[Message] = []
    year: int | None = None
    for k, m in enumerate(matches):
        end = matches[k + 1].start() if k + 1 < len(matches) else len(text)
        body = unwrap_lines(text[m.end() : end])
        published = None
        d = _DATELINE.match(body[:300])
        if d:
            published = parse_day(d.group(1).split("(")[0], year)
        if published:
            year = published.year
        out.append(Message(id=m.group(1), text=body, published=published))
    return out


def read_messages(paths: list[Path]) -> list[Message]:
    out: list[Message] = []
    for path in paths:
        out.extend(parse_messages(path.read_text(encoding="latin-1"), str(path)))
    return out


def read_keys(paths: list[Path]) -> dict[str, list[KeyTemplate]]:
    """Message id → its templates ("*" templates of irrelevant messages dropped)."""
    out: dict[str, list[KeyTemplate]] = {}
    for path in paths:
        for t in parse_keys(path.read_text(encoding="latin-1"), str(path)):
            out.setdefault(t.message_id, [])
            if t.template_id != "*":
                out[t.message_id].append(t)
    return out
