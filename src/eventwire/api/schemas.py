"""Request and response bodies of the REST API that are not eventwire's own models.

Reports, incidents and actors are answered as ``eventwire.model.ArticleReport`` and the
models of ``eventwire.incidents.model``: their JSON names are the contract.
"""

from __future__ import annotations

import datetime as dt
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from eventwire.incidents.model import ActorSummary, IncidentSummary

EXAMPLE_TEXT = (
    "PESHAWAR, Pakistan — A suicide bomber killed at least 12 people at a bus station in "
    "Peshawar on Monday, police said. No group claimed responsibility."
)


class ArticleIn(BaseModel):
    """An article to extract and store: its text, or a URL the server fetches."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"text": EXAMPLE_TEXT, "title": "Bus station bombing", "published": "2025-03-17"},
                {"url": "https://news.example/2025/03/17/peshawar-bombing"},
            ]
        },
    )

    text: str | None = Field(None, description="the article text (plain text)")
    url: str | None = Field(
        None,
        max_length=2000,
        pattern=r"^[hH][tT][tT][pP][sS]?://\S+$",
        description="an http(s) URL to fetch instead of text; with text, the article's address",
    )
    title: str | None = Field(None, max_length=1000)
    published: dt.date | None = Field(
        None, description="publication date (YYYY-MM-DD); relative dates resolve against it"
    )
    outlet: str | None = Field(None, max_length=200, description="e.g. northwire.example")

    @field_validator("text")
    @classmethod
    def _unicode(cls, value: str | None) -> str | None:
        """Text that UTF-8 cannot encode (a lone surrogate such as ``\\ud800``) is refused,
        as pydantic refuses it in ``title``."""
        if value is not None:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise ValueError(
                    f"not valid Unicode: a lone surrogate (U+{ord(value[exc.start]):04X}) at "
                    f"character {exc.start}"
                ) from None
        return value

    @model_validator(mode="after")
    def _text_or_url(self) -> Self:
        if self.text is None and self.url is None:
            raise ValueError("give the article's text or a url")
        return self


class Problem(BaseModel):
    """Every error: one line saying what is wrong with which input."""

    detail: str = Field(examples=["no incident 42 in the store"])
    code: str | None = Field(None, description="eventwire error number (E001…) when there is one")


class Page(BaseModel):
    """Common fields of a page of results."""

    total: int = Field(description="how many match in all")
    limit: int
    offset: int
    next: str | None = Field(None, description="URL of the next page, if any")


class IncidentPage(Page):
    items: list[IncidentSummary]


class ActorPage(Page):
    items: list[ActorSummary]


class ArticleListItem(BaseModel):
    id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: dt.date | None
    chars: int = Field(description="length of the text")


class ArticlePage(Page):
    items: list[ArticleListItem]


class Count(BaseModel):
    value: str
    label: str
    count: int


class Facets(BaseModel):
    """What the stored incidents span: for filters and the timeline."""

    incidents: int
    articles: int
    types: list[Count]
    acled: list[Count] = Field(
        default_factory=list,
        description="ACLED sub-event types (value) with their event type (label: 'Battles: "
        "Armed clash')",
    )
    countries: list[Count]
    first_day: dt.date | None
    last_day: dt.date | None


class ServerInfo(BaseModel):
    """What the web page needs to know about this server."""

    version: str
    writes: bool = Field(description="POST /articles is enabled (a token is configured)")
    public_reads: bool
    tiles: str | None
    tiles_attribution: str
