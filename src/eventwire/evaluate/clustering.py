"""Scores of a clustering against a gold one: pairwise and B-cubed precision and recall.

Both take the same items (event mentions) labelled twice, ``gold[item]`` and
``predicted[item]``; an item the system left out must be given a label of its own
(a singleton).

- **Pairwise**: over all pairs of items, precision = pairs together in both / pairs
  together in the prediction, recall = pairs together in both / pairs together in gold.
- **B-cubed** (Bagga & Baldwin 1998): for each item, precision = |its predicted cluster ∩
  its gold cluster| / |its predicted cluster|, recall = the same / |its gold cluster|,
  averaged over the items.

Scores are ``eventwire.evaluate.metrics.PRF`` (p, r, f1, and the counts behind them).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping

from eventwire.evaluate.metrics import PRF


def _check(gold: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable]) -> None:
    if set(gold) != set(predicted):
        missing = set(gold) ^ set(predicted)
        raise ValueError(f"gold and predicted label different items: {sorted(map(str, missing))}")


def _pairs(sizes: Counter) -> int:
    return sum(n * (n - 1) // 2 for n in sizes.values())


def pairwise(gold: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable]) -> PRF:
    """Pairwise precision/recall of ``predicted`` against ``gold``."""
    _check(gold, predicted)
    both = Counter((gold[i], predicted[i]) for i in gold)
    together = _pairs(both)
    return PRF(
        p_num=together,
        p_den=_pairs(Counter(predicted.values())),
        r_num=together,
        r_den=_pairs(Counter(gold.values())),
    )


def bcubed(gold: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable]) -> PRF:
    """B-cubed precision/recall of ``predicted`` against ``gold`` (averaged over items)."""
    _check(gold, predicted)
    both = Counter((gold[i], predicted[i]) for i in gold)
    gold_sizes = Counter(gold.values())
    predicted_sizes = Counter(predicted.values())
    precision = recall = 0.0
    for item in gold:
        shared = both[(gold[item], predicted[item])]
        precision += shared / predicted_sizes[predicted[item]]
        recall += shared / gold_sizes[gold[item]]
    n = len(gold)
    return PRF(p_num=precision, p_den=n, r_num=recall, r_den=n)
