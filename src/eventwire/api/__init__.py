"""The REST API and the web page (FastAPI), served by ``eventwire serve``.

    from eventwire.api import Settings, create_app

Endpoints, settings and security: api/README.md.
"""

from __future__ import annotations

from eventwire.api.app import create_app
from eventwire.api.settings import Settings

__all__ = ["Settings", "create_app"]
