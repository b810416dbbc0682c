"""Shared fixtures: the loaded pipeline (once per session) and paths to ../shared."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("EVENTWIRE_STRICT", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
KERMAN = SHARED / "examples" / "kerman.txt"


def need_shared(path: Path) -> Path:
    """Skip the test, with a reason, when ../shared (public gold data) is absent."""
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared (public gold data) is not beside this clone")
    return path


@pytest.fixture(scope="session")
def extractor():
    from eventwire.pipeline import default_extractor

    return default_extractor()


@pytest.fixture(scope="session")
def kerman(extractor):
    """The report on ../shared/examples/kerman.txt, published 2024-01-04."""
    from eventwire.ingest.article import make_article

    text = need_shared(KERMAN).read_text(encoding="utf-8")
    report = extractor.extract(make_article(text, source=str(KERMAN), published="2024-01-04"))
    report.check_spans()
    return report
