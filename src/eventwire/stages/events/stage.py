"""The events stage: mentions → groups → clusters → Events."""

from __future__ import annotations

from eventwire.findings import Findings
from eventwire.knowledge.event_lexicon import nouns
from eventwire.model import Arg, Event
from eventwire.stages.events.args import Index
from eventwire.stages.events.build import _event
from eventwire.stages.events.grouping import _attach_counts, _attach_orphans, _groups, _merge
from eventwire.stages.events.learned import read_roles
from eventwire.stages.events.mentions import _mentions
from eventwire.text.markup import clean_span

_ROLES = ("actors", "targets", "victims", "instruments", "recipients")
# words of event_nouns.yaml's buildings that also name groups that can act
_GROUPS = {"newspaper", "business", "businesses", "network", "court", "ministry", "post"}


def extract(found: Findings) -> None:
    """Add the article's events (deeds and meetings) to ``found.events``."""
    index = Index(found)
    mentions = _mentions(found, index)
    groups = _groups(index, mentions)
    orphans = _attach_counts(found, groups)
    clusters = _merge(groups)
    _attach_orphans(clusters, orphans)
    first_id = len(found.events) + 1
    counted: dict[str, list[Arg]] = {}
    for k, cluster in enumerate(clusters):
        event = _event(found, index, cluster, f"E{first_id + k}")
        found.events.append(event)
        if cluster.args.counted:
            counted[event.id] = cluster.args.counted
    read_roles(found, counted)  # the trained tagger's arguments, where it is installed
    for event in found.events[first_id - 1 :]:
        for role in _ROLES:
            setattr(event, role, without_markup_args(found.article.text, getattr(event, role)))
        # "the Charleston Church Shooting": the church did not shoot
        event.actors = [a for a in event.actors if not _a_place(a)]
        event.place = [p for p in event.place if p.place_id or not _hit(event, p)]


def _hit(event: Event, site: Arg) -> bool:
    """Whether an unlisted site is also what the event hit or who did it ("the cafe")."""
    others = [*event.actors, *event.targets, *event.victims, *event.instruments]
    return any(a.span.start < site.span.end and site.span.start < a.span.end for a in others)


def _a_place(arg: Arg) -> bool:
    """An argument naming a building or a site ("Mother Emanuel Church"), not a group."""
    words = arg.span.text.lower().split()
    lexicon = nouns()
    return bool(words) and words[-1] in lexicon.physical - lexicon.institutions - _GROUPS


def without_markup_args(text: str, args: list[Arg]) -> list[Arg]:
    """The arguments less markup remnants in their words (``tweet id="…" author="@x"``);
    an argument of nothing but markup goes."""
    out = []
    for arg in args:
        span = clean_span(text, arg.span)
        if span is not None:
            out.append(arg if span is arg.span else arg.model_copy(update={"span": span}))
    return out
