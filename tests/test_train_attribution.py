"""PolNeAR training reads the text the pipeline parses at run time, gold offsets moved."""

from __future__ import annotations

from eventwire.ingest.article import make_article
from eventwire.pipeline import model_input
from eventwire.text.nlp import model_text
from eventwire.train.attribution import GoldAttribution, GoldDoc, as_run_time


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def _doc(raw: str) -> GoldDoc:
    gold = GoldAttribution(
        source=[_span(raw, "The harbour\u00a0master")],
        cue=[_span(raw, "said")],
        content=[_span(raw, "the ferry to Kon\u200bduga would sail again")],
    )
    return GoldDoc("sample", raw, [gold])


RAW = (
    "  The harbour\u00a0master said\u00a0on Tuesday that the ferry to Kon\u200bduga would sail "
    "again.   \r\nPassengers\u00a0cheered.\r\n"
)


def test_training_text_is_the_run_time_text_with_no_break_spaces():
    doc = as_run_time(_doc(RAW))
    run_time = model_input(make_article(RAW, source="sample", check_language=False))
    assert model_text(doc.text) == run_time
    assert "\u00a0" not in doc.text and len(doc.text) != len(RAW)


def test_gold_offsets_point_at_the_same_words_in_the_run_time_text():
    (att,) = as_run_time(_doc(RAW)).attributions
    text = as_run_time(_doc(RAW)).text
    assert [text[s:e] for s, e in att.source] == ["The harbour master"]
    assert [text[s:e] for s, e in att.cue] == ["said"]
    assert [text[s:e] for s, e in att.content] == ["the ferry to Konduga would sail again"]


def test_a_text_the_pipeline_reads_unchanged_keeps_its_offsets():
    raw = "The harbour master said the ferry would sail again."
    doc = GoldDoc("plain", raw, [GoldAttribution(cue=[_span(raw, "said")])])
    assert as_run_time(doc) is doc


def test_content_end_ranking_learns_which_end_is_gold(extractor):
    """On two sentences written here, the gold content of the first runs into the next
    sentence, of the second it stops at its own: the fitted ranking gets both."""
    from eventwire.train import ends

    nlp = extractor.nlp
    texts = [
        ("The pilot said the engine “just stopped. We had no power.”", "We had no power"),
        ("The pilot said the engine stopped. The crew landed the plane.", "the engine stopped"),
    ]
    pairs = []
    for text, content in texts:
        doc = nlp(text)
        cue, words = _span(text, "said"), _span(text, content)
        gold_content = (text.index("the engine"), words[1])
        pairs.append((doc, [([cue], [gold_content])]))
    data, tally = ends.instances(pairs)
    assert tally["attributions"] == 2 and len(data) == 2
    weights = ends.fit(data, epochs=100)
    assert ends.accuracy(data, weights) == 1.0
