"""Training data of the argument-role tagger: MUC-4 filler strings found in the raw text,
overlaps resolved, word pieces labelled BIO (eventwire.train.roles_data, span_tagger)."""

from __future__ import annotations

import pytest

from conftest import DATA, need_shared
from eventwire.train import roles_data as rd


def test_train_roles_strings_found_case_and_brackets_aside():
    text = "TERRORISTS OF THE FARABUNDO MARTI NATIONAL LIBERATION FRONT [FMLN] ATTACKED.\n"
    assert rd.occurrences(text, "fmln") == [(61, 65)]
    assert rd.occurrences(text, "(fmln)") == [(60, 66)]  # the processed text's brackets
    assert rd.occurrences(text, "farabundo marti   national liberation front") == [(18, 59)]
    assert rd.occurrences(text, "terrorist") == []  # whole words only
    assert rd.occurrences(text, "") == []


def test_train_roles_overlaps_longer_span_wins():
    spans = [(0, 4, "ACTOR_ORG"), (0, 20, "TARGET"), (25, 30, "PLACE"), (25, 30, "VICTIM")]
    assert rd.resolve_overlaps(spans) == [(0, 20, "TARGET"), (25, 30, "VICTIM")]


def test_train_roles_word_pieces_labelled_bio():
    from tokenizers import Tokenizer

    from eventwire.knowledge.tagger import MODELS
    from eventwire.train.pieces import encode, tag_names

    tokenizer = Tokenizer.from_file(str(MODELS / "roles" / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    tags = tag_names(rd.LABELS)
    text = "Guerrillas dynamited the Kandara bridge."
    [enc] = encode(tokenizer, text, [(0, 10, "ACTOR_IND"), (25, 39, "TARGET")], tags, 128)
    pairs = zip(enc.offsets, enc.labels, strict=True)
    named = [(text[s:e], tags[k] if k >= 0 else None) for (s, e), k in pairs]
    assert named[0] == ("", None) and named[-1] == ("", None)  # [CLS], [SEP]: no loss
    labels = [tag for _, tag in named[1:-1]]
    assert labels[0] == "B-ACTOR_IND" and "O" in labels
    assert labels.count("B-TARGET") == 1 and labels[-2] == "I-TARGET"  # "bridge", then "."
    assert labels[-1] == "O"
    long = encode(tokenizer, " ".join(["word"] * 300), [], tags, 128)
    assert len(long) == 3 and all(len(e.ids) <= 128 for e in long)


@pytest.mark.shared
def test_train_roles_muc4_train_aligned_to_the_raw_copy():
    from eventwire.evaluate import muc4

    [doc] = muc4.load(need_shared(DATA / "muc4"), "train")[:1]
    labelled = rd.label_doc(doc)
    found = {(labelled.text[s:e], label) for s, e, label in labelled.spans}
    assert ("FARABUNDO MARTI NATIONAL LIBERATION FRONT", "ACTOR_ORG") in found
    assert ("LAS CANAS BRIDGE", "TARGET") in found
    assert ("TERRORISTS", "ACTOR_IND") in found
    assert ("SAN LUIS DE LA REINA", "PLACE") in found
    assert labelled.unfound == []
    assert not labelled.text.startswith("DEV-MUC3")  # the message from its dateline on
    with pytest.raises(Exception, match="held out"):
        muc4.load(DATA / "muc4", "test")
