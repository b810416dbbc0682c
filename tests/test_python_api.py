"""The Python interface: eventwire.extract and eventwire.extract_many."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import eventwire
from eventwire.errors import InputError
from eventwire.model import ArticleReport, Failure

TEXT = "Gunmen killed three police officers at a checkpoint in Kandahar on Monday, officials said."


def test_extract_can_be_called_again_after_the_stages_are_imported():
    """The stages live in eventwire.stages: importing them must not replace the public
    function eventwire.extract with a subpackage of the same name."""
    first = eventwire.extract(TEXT, published="2024-01-04")
    importlib.import_module("eventwire.stages.events")  # what the pipeline imports anyway

    second = eventwire.extract(TEXT, published="2024-01-04")
    assert callable(eventwire.extract)
    assert first == second
    attack = next(e for e in second.events if e.type == "ASSAULT")
    assert attack.killed is not None and attack.killed.min == 3
    text = second.article.text
    assert text[attack.killed.span.start : attack.killed.span.end] == attack.killed.span.text
    assert second.article.published.isoformat() == "2024-01-04"


def test_extract_report_round_trips_through_json():
    report = eventwire.extract(TEXT, published="2024-01-04", url="https://example.org/a")
    assert report.article.outlet == "example.org"
    assert ArticleReport.model_validate_json(report.model_dump_json()) == report


def test_extract_refuses_empty_text_with_a_clear_error():
    with pytest.raises(InputError, match="empty"):
        eventwire.extract("   \n")


def test_extract_many_goes_on_after_a_bad_article():
    items = [
        TEXT,
        {"text": ""},
        {"text": TEXT.replace("Kandahar", "Herat"), "published": "2024-01-05"},
    ]
    results = list(eventwire.extract_many(items))
    assert len(results) == 3
    assert isinstance(results[0], ArticleReport)
    assert isinstance(results[1], Failure)
    assert results[1].source == "<python>:2" and "text" in results[1].error
    assert isinstance(results[2], ArticleReport)
    assert results[2].article.published.isoformat() == "2024-01-05"
    assert [p.geonames_id for p in results[2].places] == [1140026]  # Herat, Afghanistan
    assert results[2].actors == []  # "in Herat" is a place, not an organisation


def test_python_api_public_names_resolve_and_help_fits_one_page():
    code = (
        "import sys, pydoc, eventwire\n"
        "assert 'spacy' not in sys.modules, 'import eventwire loaded spaCy'\n"
        "missing = [n for n in eventwire.__all__ if getattr(eventwire, n, None) is None]\n"
        "assert not missing, missing\n"
        "print(len(pydoc.render_doc(eventwire, renderer=pydoc.plaintext).splitlines()))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) <= 70  # one page: the docstring, the modules, three functions
