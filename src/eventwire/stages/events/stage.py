"""The events stage: mentions → groups → clusters → Events."""

from __future__ import annotations

from eventwire.findings import Findings
from eventwire.stages.events.args import Index
from eventwire.stages.events.build import _event
from eventwire.stages.events.grouping import _attach_counts, _attach_orphans, _groups, _merge
from eventwire.stages.events.learned import read_roles
from eventwire.stages.events.mentions import _mentions


def extract(found: Findings) -> None:
    """Add the article's events (deeds and meetings) to ``found.events``."""
    index = Index(found)
    mentions = _mentions(found, index)
    groups = _groups(index, mentions)
    orphans = _attach_counts(found, groups)
    clusters = _merge(groups)
    _attach_orphans(clusters, orphans)
    first_id = len(found.events) + 1
    for k, cluster in enumerate(clusters):
        found.events.append(_event(found, index, cluster, f"E{first_id + k}"))
    read_roles(found)  # the trained tagger's arguments, where it is installed
