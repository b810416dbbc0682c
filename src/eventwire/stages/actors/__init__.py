"""Stage actors: who acts in the article, every mention of each merged into one actor.

What counts as an actor:
- Entries of the actor dictionary (``knowledge/actors.yaml`` and the per-country entries):
  "Islamic State", "IS", "Daesh" → one actor (ref ``isis``); "ISIS-K" is another (``iskp``,
  parent ``isis``).  Country names are the state when they act ("Iran has vowed"), not when
  they are where something happens ("bombings in Iran": the places stage has those).
  Capitals and seats of government are the government only when acting or speaking
  ("Tehran has accused…", "the White House said"); demonyms name an entry together with a
  noun ("Iranian authorities" → IRN.gov, "Iranian state TV" → IRN.media, "Iranians" →
  IRN.civ); "the government", "the army" alone are those of the article's main country.
- People (spaCy PERSON, and the dictionary's few public figures), with the role and
  affiliation the text gives them: "White House spokesman John Kirby" → person John Kirby,
  role "spokesman", affiliation the US government; "First Vice President Mohammad Mokhber"
  with no country in the words takes the country named around him.  Later surnames
  ("Raisi") are the same person, whatever spaCy tagged them as.
- Organisations spaCy finds that the dictionary lacks (kind guessed from their name; an
  acronym in brackets after the name names it too), and named communities written as
  nouns ("Shiites", "Kurds": kind civilians).
- Definite descriptions referring back to an organisation: "the group", "the extremist
  Sunni Muslim group" → the nearest organisation named before; "the militants", "the
  terrorists" → the nearest armed group.

Not actors: generic groups of people ("gunmen", "children", "worshippers", "two of its
members").  The events stage keeps them as argument spans without an actor (``Arg`` with
``individual=True`` for perpetrators): they name nobody that other articles could share.

Mentions are names as written, without a leading "the"; descriptions ("The group", "The
government of Pakistan") keep their determiner.  Actor ids follow the first mention; an
actor only referred to as a person's affiliation (no mention) comes where that person is.

Modules: ``article`` (the working state), ``names`` (dictionary matches, cleaned names),
``persons``, ``groups`` (organisations, communities, institutions, references), ``stage``.
Later stages find the actor at some characters with ``found.index.actor_at(start, end)``
and ``found.index.actors_in(start, end)`` (``findings.ArticleIndex``).
"""

from eventwire.stages.actors.stage import extract

__all__ = ["extract"]
