"""Characters the language model should not see, and the way back to the article's offsets.

Text pasted from the web carries characters that show nothing but split words for spaCy:
zero-width spaces and joiners, bidi marks, soft hyphens, variation selectors (Unicode's
format characters, category Cf, and their kin), and emoji glued to a word ("Kano🙂").
``visible(text)`` gives the text the pipeline reads: invisible characters removed, and each
emoji (pictographs, flags, skin tones) removed too, or made a space where it stands between
two words: "Kon\\u200bduga" reads as "Konduga", "Kano🙂 on" as "Kano on", "Kano🙂police"
as "Kano police".  ``Visible.to_article(start, end)`` maps offsets of that text back onto
the article's, so that evidence spans still index the text as given ("Kon\\u200bduga",
invisible characters included).  Text without such characters is read as it is
(``visible`` returns None).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# Unicode 14 category Cf (format), variation selectors and the combining grapheme joiner:
# removed; tests/test_invisible.py checks the list against unicodedata
_INVISIBLE = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f"
    "\u034f\u180b-\u180d\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef"
)
# emoji: pictographs, dingbats, symbols and flags (regional indicators), skin tones
_EMOJI = "\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff"
_ODD = re.compile(f"[{_INVISIBLE}{_EMOJI}]")
_INVISIBLE_CHAR = re.compile(f"[{_INVISIBLE}]")
_SPACES = ("", " ", "\n", "\t")


@dataclass(frozen=True)
class Visible:
    """The text the pipeline reads, and how its offsets map onto the article's: from
    ``starts[k]`` on, an offset of ``text`` is that of the article plus ``shifts[k]``."""

    text: str
    starts: tuple[int, ...]  # offsets of ``text`` where a run of kept characters begins
    shifts: tuple[int, ...]  # article offset minus ``text`` offset within that run

    def at(self, offset: int) -> int:
        """The article offset of ``text[offset]``."""
        return offset + self.shifts[bisect_right(self.starts, offset) - 1]

    def to_article(self, start: int, end: int) -> tuple[int, int]:
        """The article's offsets of ``text[start:end]`` (the characters removed inside it
        included)."""
        if end <= start:
            return self.at(start), self.at(start)
        return self.at(start), self.at(end - 1) + 1


def visible(text: str) -> Visible | None:
    """The visible text of ``text`` (see the module docstring); None when it is the text."""
    if not _ODD.search(text):
        return None
    parts: list[str] = []
    starts, shifts = [0], [0]
    kept = 0  # length of the visible text so far
    last = 0  # article offset after the last odd character
    for match in _ODD.finditer(text):
        parts.append(text[last : match.start()])
        kept += match.start() - last
        last = match.end()
        glued = text[last : last + 1] not in _SPACES and kept and parts[-1][-1:] not in _SPACES
        if _INVISIBLE_CHAR.match(match.group()) or not glued:
            starts.append(kept)  # removed: what follows shifts by one more
            shifts.append(last - kept)
        else:  # an emoji between two words: a space in its place
            parts.append(" ")
            kept += 1
    parts.append(text[last:])
    return Visible("".join(parts), tuple(starts), tuple(shifts))
