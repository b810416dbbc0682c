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


class _UniqueKeys(yaml.SafeLoader):
    """A loader that refuses a key given twice in one mapping (YAML keeps the last)."""


def _unique_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False):
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    twice = sorted({str(k) for k in keys if keys.count(k) > 1})
    if twice:
        raise yaml.constructor.ConstructorError(None, None, f"keys given twice: {twice}")
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_UniqueKeys.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


@pytest.mark.parametrize("path", sorted(KNOWLEDGE.glob("*.yaml")), ids=lambda p: p.name)
def test_knowledge_yaml_keys_are_unique(path):
    """A word listed twice under one type (two `capture:` entries) would lose the first."""
    yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeys)
