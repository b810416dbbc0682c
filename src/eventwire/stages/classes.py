"""The classes stage: every event's ACLED event type and sub-event type.

One data table decides them, ``knowledge/acled_classes.yaml`` (read by
``eventwire.knowledge.acled``), from the event's PLOVER type, modes, contexts, target
kinds, trigger and the kinds of the actors on each side.  It runs after the statements
stage, which may add claimants and verbal events.
"""

from __future__ import annotations

from eventwire.findings import Findings
from eventwire.knowledge.acled import classify_events


def extract(found: Findings) -> None:
    """Fill ``acled_event_type`` and ``acled_sub_event_type`` of every event."""
    classify_events(found.events, found.actors)
