"""Stage events: the deeds an article reports, each with its evidence.

Every event of the article, not only the main one: type (PLOVER), modes, contexts,
modality, actors (individuals apart from organisations), victims, targets, instruments,
place, date, killed and injured counts, and for ASSAULT the GTD-style attributes
(suicide, attack kind, target kind).  Verbal events (ACCUSE, THREATEN, REJECT,
REQUEST…) are made from statements by the statements stage, which runs after this one
and also fills ``claimed_by``.

How:

1. Triggers: words of ``knowledge/triggers.yaml`` with their constraints ("open fire",
   "release hostages", "drone strike"); mentions inside "a history of …" are generic
   and dropped.
2. Each mention gets its modality (``extract.modality``) and arguments
   (``extract.event_args``).
3. In a sentence, a casualty word ("killed", "wounded") joins the nearest stronger
   trigger of its type, and two triggers that are arguments of one verb ("attributing the
   blasts to a terrorist attack") are one mention group.
4. Counts (``extract.counts``) go to the group nearest in the parse to the word that gave
   their outcome.
5. Across the article, groups are merged into events: a definite description ("the
   attack", "the twin blasts") joins the most salient compatible event; other groups join
   an event they share actors, victims, places, dates or modes with.  Groups never
   merge across a conflict (different dates, places in different countries, different
   named victims, different organisations acting, a different modality class), and
   "another attack" is always a new event: background events stay separate.
6. Where the trained argument-role classifier is installed (``knowledge/models/roles``,
   ``eventwire train roles``), it fills the roles of each attack that the rules left
   empty from the candidate spans of its sentences (``learned.py``, ``candidates.py``);
   the rules' arguments stay, and alone they are the fallback (``EVENTWIRE_MODELS=0``,
   or no model file).
"""

from eventwire.stages.events.stage import extract

__all__ = ["extract"]
