"""Settings of the REST API and the web page: defaults, a TOML file, the environment.

Precedence, lowest first: the defaults below, the ``[api]`` table of a TOML file
(``eventwire serve --config FILE`` or ``$EVENTWIRE_CONFIG``), environment variables
(``ENV`` names each field's variable), then ``eventwire serve`` options.  Every field is
documented in ``api/README.md`` (a test checks it).
"""

from __future__ import annotations

import ipaddress
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

from eventwire.errors import InputError
from eventwire.ingest.destinations import Destinations

ENV_CONFIG = "EVENTWIRE_CONFIG"

# field → environment variable
ENV: dict[str, str] = {
    "db": "EVENTWIRE_DB",
    "token": "EVENTWIRE_API_TOKEN",
    "public_reads": "EVENTWIRE_API_PUBLIC_READS",
    "max_body_bytes": "EVENTWIRE_API_MAX_BODY_BYTES",
    "max_text_chars": "EVENTWIRE_API_MAX_TEXT_CHARS",
    "timeout_s": "EVENTWIRE_API_TIMEOUT",
    "read_rate": "EVENTWIRE_API_READ_RATE",
    "write_rate": "EVENTWIRE_API_WRITE_RATE",
    "max_page": "EVENTWIRE_API_MAX_PAGE",
    "cache_s": "EVENTWIRE_API_CACHE",
    "max_export_rows": "EVENTWIRE_API_MAX_EXPORT_ROWS",
    "fetch_urls": "EVENTWIRE_API_FETCH_URLS",
    "fetch_allow": "EVENTWIRE_FETCH_ALLOW",
    "tiles": "EVENTWIRE_TILES",
    "tiles_attribution": "EVENTWIRE_TILES_ATTRIBUTION",
}


class Settings(BaseModel):
    """What an ``eventwire serve`` process is allowed to do, and how much."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    db: str | None = Field(
        None, description="store location (path or URL); None: $EVENTWIRE_DB or ./eventwire.db"
    )
    token: SecretStr | None = Field(
        None,
        description="API token for writes (and reads unless public_reads); None: writes refused",
    )
    public_reads: bool = Field(True, description="read endpoints answer without a token")
    max_body_bytes: int = Field(2_000_000, ge=1, description="largest request body accepted")
    max_text_chars: int = Field(
        200_000, ge=1, description="longest article text accepted by POST /articles"
    )
    timeout_s: float = Field(
        60.0,
        ge=0,
        description="seconds of extraction per posted article, checked between stages "
        "(0: no limit)",
    )
    read_rate: int = Field(
        600, ge=0, description="read requests per minute per client (0: no limit)"
    )
    write_rate: int = Field(
        30, ge=0, description="POST /articles per minute per client (0: no limit)"
    )
    max_page: int = Field(500, ge=1, le=10_000, description="largest `limit` of a list endpoint")
    max_export_rows: int = Field(100_000, ge=1, description="most incidents in one export")
    cache_s: float = Field(
        10.0,
        ge=0,
        description="seconds the whole-store aggregates (/actors, /facets) are kept; this "
        "server's writes clear them (0: not kept)",
    )
    fetch_urls: bool = Field(True, description="POST /articles may give a URL to fetch")
    fetch_allow: list[str] = Field(
        default_factory=list,
        description="CIDRs and host names a fetched URL may be on besides public addresses "
        "(an intranet: 10.0.0.0/8, news.intranet.example); comma-separated in the environment",
    )
    tiles: str | None = Field(
        None,
        description="tile URL template for the map ({z}/{x}/{y}); None: the bundled basemap",
    )
    tiles_attribution: str = Field("", description="attribution shown with the tiles")

    @field_validator("fetch_allow", mode="before")
    @classmethod
    def _comma_separated(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [item.strip() for item in value.split(",") if item.strip()]
        return value

    @field_validator("fetch_allow")
    @classmethod
    def _cidrs_or_hosts(cls, value: list[str]) -> list[str]:
        for item in value:
            if "/" in item:
                ipaddress.ip_network(item, strict=False)  # ValueError names it
        return value

    def destinations(self) -> Destinations:
        """Where a URL given to POST /articles may be fetched from."""
        return Destinations.of(self.fetch_allow)

    @model_validator(mode="after")
    def _reads_need_a_token(self) -> Settings:
        if not self.public_reads and not self.writes_enabled:
            raise ValueError("public_reads is off, so a token must be set")
        return self

    @classmethod
    def load(
        cls,
        config: str | Path | None = None,
        environ: Mapping[str, str] | None = None,
        **overrides: Any,
    ) -> Settings:
        """Defaults ← TOML file ``[api]`` ← environment ← ``overrides`` (None is skipped).

        Raises InputError naming the file or variable when a value is not valid.
        """
        environ = os.environ if environ is None else environ
        config = config or environ.get(ENV_CONFIG) or None
        from_file = _read_toml(Path(config)) if config is not None else {}
        from_env = {
            name: environ[variable].strip()
            for name, variable in ENV.items()
            if environ.get(variable, "").strip()
        }
        given = {k: v for k, v in overrides.items() if v is not None}
        try:
            return cls.model_validate({**from_file, **from_env, **given})
        except ValidationError as exc:
            first = exc.errors()[0]
            name = str(first["loc"][0]) if first["loc"] else "public_reads"
            if name in given:
                where = "eventwire serve"
            elif name in from_env:
                where = ENV[name]
            else:
                where = str(config)
            message = str(first["msg"]).removeprefix("Value error, ")
            raise InputError(where, f"setting {name}: {message}") from None

    @property
    def writes_enabled(self) -> bool:
        return self.token is not None and bool(self.token.get_secret_value())


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(str(path), f"cannot read the settings file ({exc.strerror})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"not a TOML file ({exc})") from None
    table = data.get("api", {})
    if not isinstance(table, dict):
        raise InputError(str(path), "[api] must be a table")
    unknown = sorted(set(table) - set(Settings.model_fields))
    if unknown:
        raise InputError(str(path), f"unknown setting {unknown[0]!r} in [api]")
    return table
