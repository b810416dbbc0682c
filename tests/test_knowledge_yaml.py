"""The lexicons in knowledge/*.yaml: every listed word is a string (YAML 1.1 reads a bare
on, off, no or yes as a boolean, and a word read as True never matches a token)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

KNOWLEDGE = Path(__file__).parents[1] / "src" / "eventwire" / "knowledge"


def _booleans(node: object, path: str) -> list[str]:
    if isinstance(node, dict):
        return [b for k, v in node.items() for b in _booleans(v, f"{path}.{k}")]
    if isinstance(node, list):
        found = [f"{path}: {v}" for v in node if isinstance(v, bool)]
        return found + [b for v in node for b in _booleans(v, path)]
    return []


@pytest.mark.parametrize("path", sorted(KNOWLEDGE.glob("*.yaml")), ids=lambda p: p.name)
def test_knowledge_yaml_lists_hold_no_booleans(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert _booleans(data, path.stem) == []


def test_recipient_after_on(extractor):
    """ "sanctions on Russia": "on" is read as a word, so it introduces the recipient."""
    from eventwire.ingest.article import make_article

    text = "The European Union imposed new sanctions on Russia on Monday."
    report = extractor.extract(make_article(text, source="test", check_language=False))
    report.check_spans()
    sanction = next(e for e in report.events if e.type == "SANCTION")
    assert "Russia" in [r.span.text for r in sanction.recipients]
