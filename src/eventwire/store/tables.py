"""The tables of the store (SQLAlchemy Core), portable between SQLite and PostgreSQL.

Keys.  An article is keyed by its content hash ``articles.id``.  Everything found in it
is keyed by ``(article_id, id)`` where ``id`` is the report-local id ("A1", "P2", "D3",
"E1", "S4"), so references inside a report become composite foreign keys and a whole
report is written with plain multi-row INSERTs (no ids to read back).  Cross-article
identity lives in ``actors.ref`` (actor dictionary key) and ``places.geonames_id``.

Evidence.  Every value keeps its span as three columns ``<name>_start``, ``<name>_end``,
``<name>_text`` (offsets into ``articles.text``).  Lists of spans (the mentions of an actor,
a place or an event) are rows of ``mentions``; event and statement arguments (each with
its span) are rows of ``arguments``.  ``position`` columns keep list order.

Portability.  Only generic types (String, Text, Integer, Float, Boolean, Date, DateTime,
JSON → JSONB on PostgreSQL); enums are stored as their string values (no database enum
types to migrate); no dialect-specific SQL.

Denormalised for queries (not part of the report): ``articles.url_key`` (hash of the URL,
bounded length for an index), ``events.first_day/last_day`` (the covered days of the
event's date) and ``events.country`` (country of the first place argument that has one).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import JSONB

SCHEMA_VERSION = 1
"""Bump with every schema change, together with a migration (see store/README.md)."""

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# Surrogate keys: BIGINT on PostgreSQL, INTEGER (the rowid alias) on SQLite.
RowId = BigInteger().with_variant(Integer(), "sqlite")
Json = JSON().with_variant(JSONB(), "postgresql")
LocalId = String(32)
Country = String(3)


def span(name: str, nullable: bool = False) -> list[Column]:
    """The three columns of an evidence span: ``name_start``, ``name_end``, ``name_text``."""
    return [
        Column(f"{name}_start", Integer, nullable=nullable),
        Column(f"{name}_end", Integer, nullable=nullable),
        Column(f"{name}_text", Text, nullable=nullable),
    ]


def article_fk() -> Column:
    """``article_id``: the owning article; deleting the article deletes its rows."""
    return Column(
        "article_id",
        String(64),
        ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    )


def local_fk(columns: tuple[str, str], table: str, owner: bool = False) -> ForeignKeyConstraint:
    """Composite foreign key ``(article_id, X)`` → ``table(article_id, id)``.

    ``owner``: the row belongs to the referenced one and is deleted with it (a mention of an
    actor); otherwise it only refers to it (an argument naming an actor) and the referenced
    row cannot be deleted alone.  Deleting an article deletes all of its rows either way.
    """
    return ForeignKeyConstraint(
        list(columns),
        [f"{table}.article_id", f"{table}.id"],
        ondelete="CASCADE" if owner else None,
    )


def one_of(*columns: str) -> str:
    """CHECK expression: exactly one of ``columns`` is not NULL (portable SQL)."""
    terms = " + ".join(f"CASE WHEN {c} IS NULL THEN 0 ELSE 1 END" for c in columns)
    return f"{terms} = 1"


schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("seq", RowId, primary_key=True, autoincrement=True),  # storage order
    Column("id", String(64), nullable=False, unique=True),  # content hash
    Column("url", Text),
    Column("url_key", String(32), index=True),  # sha256(url)[:32]: bounded index key
    Column("title", Text),
    Column("outlet", Text, index=True),
    Column("published", Date, index=True),
    Column("language", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("pipeline", Text, nullable=False),
    Column("warnings", Json, nullable=False),
    Column("stored_at", DateTime(timezone=True), nullable=False),
)

actors = Table(
    "actors",
    metadata,
    article_fk(),
    Column("id", LocalId, primary_key=True),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("country", Country),
    Column("ref", String(128), index=True),
    Column("parent", String(128)),
    Column("role", Text),
    Column("affiliation", LocalId),  # local id of another actor (checked on write)
    Index(None, "country", "kind"),
)

places = Table(
    "places",
    metadata,
    article_fk(),
    Column("id", LocalId, primary_key=True),
    Column("position", Integer, nullable=False),
    Column("geonames_id", BigInteger, index=True),
    Column("name", Text, nullable=False),
    Column("country", Country, index=True),
    Column("admin1", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("feature", String(16), nullable=False),
    Column("confidence", Float, nullable=False),
)

dates = Table(
    "dates",
    metadata,
    article_fk(),
    Column("id", LocalId, primary_key=True),
    Column("position", Integer, nullable=False),
    Column("value", String(32), nullable=False),
    Column("granularity", String(8), nullable=False),
    Column("first_day", Date, nullable=False),  # When.start
    Column("last_day", Date, nullable=False),  # When.end
    Column("relative", Boolean, nullable=False),
    *span("span"),
)

events = Table(
    "events",
    metadata,
    article_fk(),
    Column("id", LocalId, primary_key=True),
    Column("position", Integer, nullable=False),
    Column("type", String(16), nullable=False),
    Column("mode", Json, nullable=False),
    Column("context", Json, nullable=False),
    Column("modality", String(16), nullable=False, index=True),
    *span("trigger"),
    *span("sentence"),
    Column("date_id", LocalId),
    Column("first_day", Date),  # denormalised from the date: filters by date
    Column("last_day", Date),
    Column("country", Country),  # denormalised from the first place argument
    Column("killed_min", Integer),
    Column("killed_max", Integer),
    Column("killed_approximate", Boolean),
    *span("killed", nullable=True),
    Column("injured_min", Integer),
    Column("injured_max", Integer),
    Column("injured_approximate", Boolean),
    *span("injured", nullable=True),
    Column("suicide", Boolean),
    Column("attack_kind", String(64)),
    Column("target_kind", Json, nullable=False),
    Column("confidence", Float, nullable=False),
    local_fk(("article_id", "date_id"), "dates"),
    Index(None, "type", "first_day"),
    Index(None, "country", "first_day"),
    Index(None, "first_day"),
)

statements = Table(
    "statements",
    metadata,
    article_fk(),
    Column("id", LocalId, primary_key=True),
    Column("position", Integer, nullable=False),
    *span("cue"),
    *span("content", nullable=True),
    Column("direct", Boolean, nullable=False),
    Column("stance", String(32), nullable=False, index=True),
    Column("stances", Json, nullable=False),
    Column("about_event", LocalId),
    *span("channel", nullable=True),
    Column("event_id", LocalId),  # the verbal event this statement also is
    *span("sentence"),
    local_fk(("article_id", "about_event"), "events"),
    local_fk(("article_id", "event_id"), "events"),
)

ARG_ROLES = (
    "actor",
    "target",
    "victim",
    "instrument",
    "recipient",
    "place",
    "claimed_by",
    "speaker",
)
"""Roles of ``arguments`` rows: Event.actors → "actor", … Statement.speaker → "speaker";
Statement.target is "target" on a statement row."""

arguments = Table(
    "arguments",
    metadata,
    Column("seq", RowId, primary_key=True, autoincrement=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("event_id", LocalId),  # owner: an event …
    Column("statement_id", LocalId),  # … or a statement
    Column("role", String(16), nullable=False),
    Column("position", Integer, nullable=False),
    Column("actor_id", LocalId),
    Column("place_id", LocalId),
    Column("individual", Boolean, nullable=False),
    *span("span"),
    local_fk(("article_id", "event_id"), "events", owner=True),
    local_fk(("article_id", "statement_id"), "statements", owner=True),
    local_fk(("article_id", "actor_id"), "actors"),
    local_fk(("article_id", "place_id"), "places"),
    CheckConstraint(one_of("event_id", "statement_id"), name="owner"),
    Index(None, "article_id", "event_id"),
    Index(None, "article_id", "statement_id"),
    Index(None, "article_id", "actor_id"),
    Index(None, "article_id", "place_id"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("seq", RowId, primary_key=True, autoincrement=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("actor_id", LocalId),  # owner: an actor, a place or an event
    Column("place_id", LocalId),
    Column("event_id", LocalId),
    Column("position", Integer, nullable=False),
    *span("span"),
    local_fk(("article_id", "actor_id"), "actors", owner=True),
    local_fk(("article_id", "place_id"), "places", owner=True),
    local_fk(("article_id", "event_id"), "events", owner=True),
    CheckConstraint(one_of("actor_id", "place_id", "event_id"), name="owner"),
    Index(None, "article_id", "actor_id"),
    Index(None, "article_id", "place_id"),
    Index(None, "article_id", "event_id"),
)

place_uses = Table(
    "place_uses",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("place_id", LocalId, nullable=False),
    Column("position", Integer, nullable=False),  # of the mention among the place's mentions
    Column("kind", String(16), nullable=False),  # PlaceMentionKind
    Column("metonymic", Boolean, nullable=False),
    PrimaryKeyConstraint("article_id", "place_id", "position"),
    local_fk(("article_id", "place_id"), "places", owner=True),
)
"""How a place mention names its place, for the mentions that are not plain literal names
(a demonym, a metonymic use); added to schema v1 as a new table (a store written before
it reads every place mention as a literal name, which it was)."""

DATA_TABLES = (
    articles,
    actors,
    places,
    dates,
    events,
    statements,
    arguments,
    mentions,
    place_uses,
)
"""Tables holding report data, in insert order (parents before children)."""

# --- incidents (eventwire.incidents) and ingest bookkeeping ------------------------------
# Added to schema v1 as new tables only: ``create_all`` adds them to an existing v1 file on
# open.  Derived data: every row here can be rebuilt from the report tables
# (``eventwire incidents --rebuild``), so none of it is evidence of its own.

incidents = Table(
    "incidents",
    metadata,
    Column("id", RowId, primary_key=True, autoincrement=True),
    Column("type", String(16), nullable=False),
    Column("mode", Json, nullable=False),
    Column("label", Text, nullable=False),
    Column("country", Country),
    Column("geonames_id", BigInteger),
    Column("place", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("first_day", Date),  # reconciled date range
    Column("last_day", Date),
    Column("killed_min", Integer),
    Column("killed_max", Integer),
    Column("injured_min", Integer),
    Column("injured_max", Integer),
    Column("actors", Json, nullable=False),  # names of the perpetrators, for lists
    Column("article_count", Integer, nullable=False),
    Column("report_count", Integer, nullable=False),
    Column("first_published", Date),
    Column("last_published", Date),
    Column("search", Text, nullable=False),  # lower-cased words for ?q= (label, actors, titles)
    Column("profile", Json, nullable=False),  # what clustering compares (incidents/cluster.py)
    Column("detail", Json, nullable=False),  # the reconciled Incident, as JSON
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index(None, "type", "first_day"),
    Index(None, "country", "first_day"),
    Index(None, "first_day"),
    Index(None, "lat", "lon"),
)

incident_events = Table(
    "incident_events",
    metadata,
    Column("article_id", String(64), primary_key=True),
    Column("event_id", LocalId, primary_key=True),
    Column(
        "incident_id",
        RowId,
        ForeignKey("incidents.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("score", Float, nullable=False),
    Column("facts", Json, nullable=False),  # the event's contribution (incidents/facts.py)
    local_fk(("article_id", "event_id"), "events", owner=True),
)

incident_actors = Table(
    "incident_actors",
    metadata,
    Column(
        "incident_id",
        RowId,
        ForeignKey("incidents.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("key", String(128), primary_key=True),  # actor ref, or folded name
    Column("role", String(16), primary_key=True),  # actor, claimed_by, target, victim, speaker
    Column("name", Text, nullable=False),
    Index(None, "key"),
)

clustered_articles = Table(
    "clustered_articles",
    metadata,
    Column(
        "article_id",
        String(64),
        ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("clustered_at", DateTime(timezone=True), nullable=False),
)

feed_items = Table(
    "feed_items",
    metadata,
    Column("feed_key", String(32), primary_key=True),  # sha256(feed URL)[:32]
    Column("item_key", String(32), primary_key=True),  # sha256(guid or link)[:32]
    Column("feed", Text, nullable=False),
    Column("link", Text),
    Column("article_id", String(64)),  # None when the item could not be read
    Column("status", String(16), nullable=False),  # stored, known, failed
    Column("error", Text),
    Column("seen_at", DateTime(timezone=True), nullable=False),
)

# --- the clustering step's queue and blocking index (store/clustering.py) ----------------
# New tables of schema v1 as well: ``prepare`` fills them for a store written before them.

cluster_queue = Table(
    "cluster_queue",
    metadata,
    Column("seq", RowId, primary_key=True, autoincrement=False),  # the article's storage order
    Column(
        "article_id",
        String(64),
        ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    ),
)
"""Articles stored and not clustered yet: a row is added in the transaction that stores
the article and removed in the one that clusters it, so that finding the next articles to
cluster costs the same in a store of ten thousand articles or ten million."""

incident_blocks = Table(
    "incident_blocks",
    metadata,
    Column("type", String(16), primary_key=True),
    Column("bucket", Integer, primary_key=True),  # day ordinal // BUCKET_DAYS; -1: a wide range
    Column("country", String(3), primary_key=True),  # "" for an incident without a country
    Column(
        "incident_id",
        RowId,
        ForeignKey("incidents.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Index(None, "incident_id"),
)
"""The blocking index of clustering, week level: an incident whose reconciled date range
is narrow (under ``WIDE_BUCKETS`` buckets) under each (type, date bucket, country) it
covers, so that the candidates of a new event are read by equality on a few keys (its
type, the buckets of its date window, its country).  A wide range is not filed here."""

incident_years = Table(
    "incident_years",
    metadata,
    Column("type", String(16), primary_key=True),
    Column("year", Integer, primary_key=True),  # 0: a range over MAX_YEARS years
    Column("country", String(3), primary_key=True),  # "" for an incident without a country
    Column("wide", Boolean, primary_key=True),  # False: the range is in incident_blocks too
    Column(
        "incident_id",
        RowId,
        ForeignKey("incidents.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Index(None, "incident_id"),
)
"""The blocking index of clustering, year level: every dated incident under each (type,
year, country) its date range covers, marked ``wide`` when it is not in the week level.
An event whose window covers most of a year reads that year's keys; a narrow window reads
its weeks and the wide incidents of its years only (store/clustering.py: ``candidates``)."""

incident_places = Table(
    "incident_places",
    metadata,
    Column("type", String(16), primary_key=True),
    Column("country", String(3), primary_key=True),  # "" for an incident without a country
    Column("key", String(64), primary_key=True),  # store/places.py: incident_keys
    Column("year", Integer, primary_key=True),  # as incident_years
    Column("wide", Boolean, primary_key=True),  # as incident_years
    Column(
        "incident_id",
        RowId,
        ForeignKey("incidents.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Index(None, "incident_id"),
)
"""The blocking index of clustering, year level by place: the rows of ``incident_years``
once per place key of the incident's profile (store/places.py), so that an event dated
only by a year reads the incidents of that year whose places can fit its own, not every
incident of its country."""

POSTGRESQL_INDEXES = {
    "ix_incidents_latest": "incidents (first_day DESC NULLS LAST, id DESC)",
    "ix_incidents_type_latest": "incidents (type, first_day DESC NULLS LAST, id DESC)",
    "ix_incidents_country_latest": "incidents (country, first_day DESC NULLS LAST, id DESC)",
}
"""PostgreSQL only: the order of ``store.incidents`` (latest first, undated last) as
indexes, so the first page is read from an index, not sorted (a backward scan of
``first_day`` gives NULLs first on PostgreSQL; on SQLite it gives them last, as wanted,
so the indexes above serve there).  Created on open when missing (``IF NOT EXISTS``)."""

INCIDENT_TABLES = (
    incidents,
    incident_events,
    incident_actors,
    incident_blocks,
    incident_years,
    incident_places,
    clustered_articles,
)
"""Derived tables of incidents, in insert order."""
