"""Articles written for the API, export and web tests, and a store filled from them by the
real pipeline (no outlet's text: the incidents are fictional, the places and groups real)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

ARTICLES: list[dict[str, Any]] = [
    {
        "title": "Bomb blast at Quetta bus terminal kills at least 21",
        "published": "2025-06-02",
        "url": "https://frontiertimes.example/2025/06/02/quetta-blast",
        "text": (
            "QUETTA, Pakistan — A bomb hidden in a parked motorcycle exploded at a crowded bus "
            "terminal in Quetta on Monday, killing at least 21 people and wounding 40 others, "
            "police said.\n\n"
            "The blast tore through a row of ticket booths as passengers boarded buses for "
            "Karachi, said Abdul Rauf, a senior police official in the city. Most of the dead "
            "were travellers and vendors.\n\n"
            "No group immediately claimed responsibility for the attack. The provincial "
            "government condemned the bombing and announced compensation for the families of "
            "the victims."
        ),
    },
    {
        "title": "Quetta bombing toll rises to 26; Baloch separatists claim attack",
        "published": "2025-06-03",
        "url": "https://dailyledger.example/2025/06/03/quetta-toll",
        "text": (
            "QUETTA, Pakistan — The death toll from Monday's bombing at a bus terminal in Quetta "
            "rose to 26 after five of the wounded died in hospital, officials said on Tuesday.\n\n"
            "The Balochistan Liberation Army claimed responsibility for the attack in a "
            "statement sent to reporters. The group said the bombing targeted security "
            "personnel travelling on the buses.\n\n"
            "Pakistan's interior minister condemned the attack and said the government would "
            "not bow to terrorism."
        ),
    },
    {
        "title": "Rockets hit vegetable market in Mosul",
        "published": "2025-06-04",
        "url": "https://rivernews.example/2025/06/04/mosul-rockets",
        "text": (
            "MOSUL, Iraq — Three civilians were killed and eight injured when rockets struck a "
            "vegetable market in western Mosul on Wednesday, Iraqi security officials said.\n\n"
            "The officials said the rockets were fired from farmland south of the city. No "
            "group said it had carried out the attack."
        ),
    },
    {
        "title": "Thousands march in Nairobi over fuel prices",
        "published": "2025-06-05",
        "url": "https://eastwire.example/2025/06/05/nairobi-march",
        "text": (
            "NAIROBI, Kenya — Thousands of people protested in central Nairobi on Thursday "
            "against a rise in fuel prices, marching to parliament and chanting slogans "
            "against the finance minister.\n\n"
            "Police fired tear gas to disperse the crowd near parliament, and at least 12 "
            "protesters were injured, a rights group said."
        ),
    },
]

# untrusted article text: markup that must show as text on the page and never run
HOSTILE = {
    "title": 'Checkpoint attack <img src=x onerror="window.__pwned=1"> near Kandahar',
    "published": "2025-06-06",
    "url": "javascript:window.__pwned=3",
    "text": (
        "KANDAHAR, Afghanistan — Gunmen attacked a police checkpoint outside Kandahar on "
        "Friday, killing four police officers, provincial officials said. "
        "<script>window.__pwned = 2</script>\n\n"
        'A witness posted online: <img src=x onerror="window.__pwned=4"> and said the '
        "attackers fled on motorcycles toward the border."
    ),
}


ALL = [*ARTICLES, HOSTILE]
_BUILT: dict[tuple[int, str], Path] = {}


def built_store(
    tmp_path_factory: Any, extractor: Any, name: str = "shared", articles: list[dict] = ALL
) -> Path:
    """A store filled with ``articles`` (default: all of them), built once per test session
    and ``name``; tests read it and never write to it."""
    key = (id(tmp_path_factory), name)
    if key not in _BUILT:
        path = tmp_path_factory.mktemp(name) / "eventwire.db"
        fill_store(path, extractor, articles)
        _BUILT[key] = path
    return _BUILT[key]


def fill_store(path: Path, extractor: Any, articles: list[dict[str, Any]]) -> list[Any]:
    """Extract ``articles`` with the real pipeline, store them in the SQLite file ``path``
    and cluster incidents; returns the reports."""
    from eventwire.incidents.cluster import update_incidents
    from eventwire.ingest.article import make_article
    from eventwire.store import open_store

    reports = []
    for item in articles:
        article = make_article(
            item["text"],
            source=item["title"],
            published=item["published"],
            url=item["url"],
            title=item["title"],
        )
        report = extractor.extract(article)
        report.check_spans()
        reports.append(report)
    with open_store(path) as store:
        store.save_many(reports)
        update_incidents(store)
    return reports
