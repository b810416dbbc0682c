"""Stage statements: who said what, with which stance — and the verbal events they are.

From the attributions of the Doc (``attribution.find``) and their stances
(``stance.read``) this stage makes ``found.statements``:

* ``speaker``: the source as an actor (``actors.actor_at``; "experts, including Aaron
  Zelin" → Zelin), with its span; ``cue``, ``content``, ``direct``, ``channel``;
* ``stance``/``stances``; a speech cue whose content is the speaker's own stance
  ("Kirby stated that the United States does not dispute…", "“We condemn…,” he said")
  takes that stance, and the inner statement is not listed apart;
* ``about_event``: the event (of the events stage) a mention of which lies in the content,
  else, for a stance-bearing statement, the event mentioned last before it nearby
  ("Raisi condemned the “heinous crime”" → the bombing);
* ``target``: the actor aimed at (accused, threatened, condemned, asked, consoled).

A statement whose stance is a PLOVER verbal type (``cues.yaml`` ``plover:``: condemns,
accuses → ACCUSE; denies → REJECT; threatens → THREATEN; calls_for → REQUEST) is also an
Event of that type with the speaker as actor (``Statement.event_id``).  A
claims_responsibility statement about an event adds the speaker to ``Event.claimed_by``.

Attributions PolNeAR train rarely saw as attributions ("I think", "want to") are kept
only when they carry a stance.
"""

from eventwire.stages.statements.stage import extract

__all__ = ["extract"]
