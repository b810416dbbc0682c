"""The REST API fuzzed from its own OpenAPI document (schemathesis): for every operation,
requests that follow the schema and requests that break it (wrong types, huge numbers,
odd strings, missing fields), with the token and the rate limits off, against a real
SQLite store filled by the real pipeline.  No generated request may get a 5xx answer.

Derandomised and bounded (``EVENTWIRE_FUZZ_API_EXAMPLES`` per operation, default 150) so
that it takes a minute or two in ``make test``.  (The schema is loaded when the module is
collected, over a store that a fixture fills before the first request: schemathesis's
``from_fixture`` does not run under pytest 9.)
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from api_support import ALL, fill_store
from eventwire.api import Settings, create_app
from eventwire.store import open_store

TOKEN = "fuzz-token-5c1e"
EXAMPLES = int(os.environ.get("EVENTWIRE_FUZZ_API_EXAMPLES", "150"))
FOLDER = tempfile.TemporaryDirectory(prefix="eventwire-fuzz-")
DB = Path(FOLDER.name) / "fuzz.db"
STORE = open_store(DB)
APP = create_app(Settings(token=TOKEN, read_rate=0, write_rate=0, timeout_s=5), STORE)

schema = schemathesis.openapi.from_asgi("/openapi.json", APP)
schema.config.generation.update(
    modes=["positive", "negative"], max_examples=EXAMPLES, deterministic=True, database="none"
)


@pytest.fixture(scope="module", autouse=True)
def filled_store(extractor):
    """The articles of the API tests, extracted and clustered into the app's store."""
    fill_store(DB, extractor, ALL)
    yield
    STORE.close()
    FOLDER.cleanup()


@schema.parametrize()
@settings(deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_fuzz_api_no_server_error_for_any_request(case):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {TOKEN}"}, checks=[not_a_server_error]
    )
