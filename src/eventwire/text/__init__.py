"""The text layer: what spaCy is given and how it is loaded, and the grammar of dates.

- ``nlp``: ``load`` (the spaCy pipeline, once per process, with eventwire's lemma fixes)
  and ``model_text`` (the text the model sees: truecased ALL-CAPS wire copy, the
  dateline ended like a sentence, square brackets inside a sentence made round — always
  the article's length, so that token offsets index the article);
- ``truecase``: truecasing of ALL-CAPS wire copy (table built by ``train/casing.py``);
- ``datelines``: the place, date and outlet that open a wire story;
- ``dates``: the date grammar (patterns and their resolution to ISO 8601).
"""
