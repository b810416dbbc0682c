"""Scorers shared by the datasets: counts and P/R/F1, optimal one-to-one alignment,
CEAF-REE (GRIT), template matching (GTT / IterX), span matching, geocoding error.

Everything here is plain Python on plain data (strings, offsets, kilometres), so each
scorer can be checked by hand on a small case (tests/test_evaluate_metrics.py).

References:
- Du, Rush, Cardie 2021, "GRIT: Generative Role-filler Transformers for Document-level
  Event Entity Extraction" (EACL): CEAF-REE, its string normalisation and phi_strict.
- Du, Rush, Cardie 2021, "Template Filling with Generative Transformers" (NAACL), and
  Chen et al. 2023, "Iterative Document-level Information Extraction via Imitation
  Learning" (EACL): the template-level metric (the same scorer in both).
- Gritta, Pilehvar, Collier 2018, "What's missing in geographical parsing?" (LRE):
  accuracy within 161 km and the AUC of the log error curve.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

# --------------------------------------------------------------------------------------
# counts


@dataclass
class PRF:
    """Precision/recall counts; ``p = p_num / p_den``, ``r = r_num / r_den``.

    For one-to-one scores ``p_num == r_num`` (the matches); the template metric of GTT
    counts them separately (a prediction is right if it matches any gold filler).
    """

    p_num: float = 0.0
    p_den: float = 0.0
    r_num: float = 0.0
    r_den: float = 0.0

    @classmethod
    def of(cls, matched: float, predicted: float, gold: float) -> PRF:
        return cls(matched, predicted, matched, gold)

    @property
    def p(self) -> float:
        return self.p_num / self.p_den if self.p_den else 0.0

    @property
    def r(self) -> float:
        return self.r_num / self.r_den if self.r_den else 0.0

    @property
    def f1(self) -> float:
        p, r = self.p, self.r
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(
            self.p_num + other.p_num,
            self.p_den + other.p_den,
            self.r_num + other.r_num,
            self.r_den + other.r_den,
        )

    def as_dict(self) -> dict[str, float]:
        return {
            "p": self.p,
            "r": self.r,
            "f1": self.f1,
            "p_num": self.p_num,
            "p_den": self.p_den,
            "r_num": self.r_num,
            "r_den": self.r_den,
        }


def total(scores: Sequence[PRF]) -> PRF:
    """The micro average: counts summed."""
    out = PRF()
    for score in scores:
        out = out + score
    return out


# --------------------------------------------------------------------------------------
# normalisation

_ARTICLES = re.compile(r"\b(a|an|the)\b", re.UNICODE)
_PUNCTUATION = set(string.punctuation)


def normalize_string(text: str) -> str:
    """GRIT's normalisation: lower case, drop ASCII punctuation, articles, extra spaces."""
    text = "".join(ch for ch in text.lower() if ch not in _PUNCTUATION)
    return " ".join(_ARTICLES.sub(" ", text).split())


# --------------------------------------------------------------------------------------
# optimal one-to-one alignment (Kuhn–Munkres)


def assign(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Rows and columns paired one-to-one so that the summed weight is maximal.

    ``weights[i][j]`` is the gain of pairing row i with column j; the matrix may be
    rectangular and either side may be empty.  Returns ``(i, j)`` pairs, all of
    min(rows, columns) of them, including pairs of weight 0 (callers keep the positive
    ones).  Hungarian method with potentials (shortest augmenting paths), O(n²m).
    """
    rows = len(weights)
    cols = len(weights[0]) if rows else 0
    if rows == 0 or cols == 0:
        return []
    transposed = rows > cols
    if transposed:
        weights = [[weights[i][j] for i in range(rows)] for j in range(cols)]
        rows, cols = cols, rows
    top = max(max(row) for row in weights)
    cost = [[top - w for w in row] for row in weights]  # minimise cost ⇔ maximise weight
    inf = math.inf
    u = [0.0] * (rows + 1)
    v = [0.0] * (cols + 1)
    owner = [0] * (cols + 1)  # owner[j]: row (1-based) assigned to column j; 0 = free
    way = [0] * (cols + 1)
    for i in range(1, rows + 1):
        owner[0] = i
        j0 = 0
        minv = [inf] * (cols + 1)
        used = [False] * (cols + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], inf, 0
            for j in range(1, cols + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(cols + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    pairs = [(owner[j] - 1, j - 1) for j in range(1, cols + 1) if owner[j]]
    if transposed:
        pairs = [(j, i) for i, j in pairs]
    return sorted(pairs)


# --------------------------------------------------------------------------------------
# CEAF-REE: document-level role-filler entities (GRIT)

Entity = Sequence[str]  # one entity: its strings (gold: the alternatives; predicted: mentions)
MatchRule = Literal["all", "any"]


def entity_match(gold: Entity, pred: Entity, rule: MatchRule = "all") -> bool:
    """Does the predicted entity match the gold one (strings already normalised)?

    "all" is GRIT's phi_strict: every predicted string is one of the gold alternatives.
    "any": at least one predicted string is.  They agree on one-string predictions,
    which is what eventwire's mapping produces.
    """
    if not pred:
        return False
    found = [m in gold for m in pred]
    return all(found) if rule == "all" else any(found)


def normalize_entities(entities: Sequence[Entity]) -> list[tuple[str, ...]]:
    """Normalised strings of each entity; entities without strings are dropped."""
    return [tuple(normalize_string(m) for m in e) for e in entities if e]


@dataclass
class Alignment:
    """A one-to-one alignment of predicted and gold items."""

    score: PRF
    pairs: list[tuple[int, int]]  # (pred index, gold index) of the matches
    missed: list[int]  # gold indices left unmatched
    spurious: list[int]  # predicted indices left unmatched


def ceaf_ree(pred: Sequence[Entity], gold: Sequence[Entity], rule: MatchRule = "all") -> Alignment:
    """CEAF-REE for one role of one document: optimal one-to-one entity alignment.

    Similarity is 1 for matching entities, 0 otherwise (GRIT); P = matches / predicted
    entities, R = matches / gold entities.  A duplicate prediction can match only once.
    """
    p = normalize_entities(pred)
    g = normalize_entities(gold)
    weights = [[1.0 if entity_match(ge, pe, rule) else 0.0 for ge in g] for pe in p]
    pairs = [(i, j) for i, j in assign(weights) if weights[i][j] > 0]
    return _alignment(pairs, len(p), len(g))


def _alignment(pairs: list[tuple[int, int]], n_pred: int, n_gold: int) -> Alignment:
    matched_p = {i for i, _ in pairs}
    matched_g = {j for _, j in pairs}
    return Alignment(
        score=PRF.of(len(pairs), n_pred, n_gold),
        pairs=pairs,
        missed=[j for j in range(n_gold) if j not in matched_g],
        spurious=[i for i in range(n_pred) if i not in matched_p],
    )


# --------------------------------------------------------------------------------------
# template matching (GTT / IterX)

Template = dict[str, Any]  # {"incident_type": "attack", "PerpInd": [entity, ...], ...}


@dataclass
class TemplateAlignment:
    """The best template mapping of one document and its counts per field."""

    scores: dict[str, PRF]  # "incident_type" and each role
    pairs: list[tuple[int, int]]  # (pred template, gold template)
    exact: bool  # False when the search fell back to the summed-count optimum


def _types(value: str) -> set[str]:
    return {part.strip().lower() for part in value.split("/") if part.strip()}


def _pair_counts(pred: Template, gold: Template, roles: Sequence[str], rule: MatchRule):
    """(p_num, r_num) per role when pred is mapped onto gold (GTT's `score`)."""
    counts: dict[str, tuple[int, int]] = {"incident_type": (1, 1)}
    for role in roles:
        pe, ge = pred.get(role, []), gold.get(role, [])
        p_num = sum(1 for e in pe if any(entity_match(g, e, rule) for g in ge))
        r_num = sum(1 for g in ge if any(entity_match(g, e, rule) for e in pe))
        counts[role] = (p_num, r_num)
    return counts


def _sizes(templates: Sequence[Template], roles: Sequence[str]) -> dict[str, int]:
    out = {"incident_type": len(templates)}
    for role in roles:
        out[role] = sum(len(t.get(role, [])) for t in templates)
    return out


def normalize_template(template: Template, roles: Sequence[str]) -> Template:
    out: Template = {"incident_type": str(template.get("incident_type") or "attack").lower()}
    for role in roles:
        out[role] = normalize_entities(template.get(role, []))
    return out


def dedupe_templates(templates: Sequence[Template]) -> list[Template]:
    """Identical templates kept once (GTT drops duplicate gold templates)."""
    out: list[Template] = []
    for t in templates:
        if t not in out:
            out.append(t)
    return out


def match_templates(
    pred: Sequence[Template],
    gold: Sequence[Template],
    roles: Sequence[str],
    rule: MatchRule = "all",
    search_limit: int = 200_000,
) -> TemplateAlignment:
    """GTT's template-level score for one document.

    A predicted template can be mapped onto at most one gold template whose incident
    type it names ("attack" maps onto "bombing / attack"); the mapping chosen is the one
    with the best document micro F1 over incident type and roles (exhaustive search, as
    GTT, pruned by branch and bound; ties go to the most matches).  In a mapped pair the
    incident type counts as right, a predicted filler is right when it matches any gold
    filler of the role, and a gold filler is found when any predicted filler matches it;
    everything in an unmapped template counts in the denominators only.  Strings must be
    normalised already (``normalize_template``).  Past ``search_limit`` nodes the search
    stops with the best mapping found so far, at least the one with the most matches
    (Kuhn–Munkres), and flags ``exact=False``.
    """
    fields = ["incident_type", *roles]
    p_sizes, g_sizes = _sizes(pred, roles), _sizes(gold, roles)
    gains: dict[tuple[int, int], dict[str, tuple[int, int]]] = {}
    for i, pt in enumerate(pred):
        for j, gt in enumerate(gold):
            if pt["incident_type"] in _types(gt["incident_type"]):
                gains[(i, j)] = _pair_counts(pt, gt, roles, rule)

    def scores_of(pairs: list[tuple[int, int]]) -> dict[str, PRF]:
        out = {f: PRF(0, p_sizes[f], 0, g_sizes[f]) for f in fields}
        for pair in pairs:
            for f, (pn, rn) in gains[pair].items():
                out[f].p_num += pn
                out[f].r_num += rn
        return out

    # the search works on the sums over fields: F1 rises with both, so the best remaining
    # gains bound what a partial mapping can still reach (branch and bound)
    p_total, r_total = sum(p_sizes.values()), sum(g_sizes.values())
    gain = {pair: tuple(map(sum, zip(*g.values(), strict=True))) for pair, g in gains.items()}

    def f1(pn: float, rn: float) -> float:
        p = pn / p_total if p_total else 0.0
        r = rn / r_total if r_total else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def key(pairs: list[tuple[int, int]]) -> tuple[float, float]:
        pn = sum(gain[pair][0] for pair in pairs)
        rn = sum(gain[pair][1] for pair in pairs)
        return (f1(pn, rn), pn + rn)

    options = {i: [j for j in range(len(gold)) if (i, j) in gains] for i in range(len(pred))}
    rest_p = [0] * (len(pred) + 1)  # best gains still available from pred i on
    rest_r = [0] * (len(pred) + 1)
    for i in reversed(range(len(pred))):
        rest_p[i] = rest_p[i + 1] + max((gain[(i, j)][0] for j in options[i]), default=0)
        rest_r[i] = rest_r[i + 1] + max((gain[(i, j)][1] for j in options[i]), default=0)

    weights = [
        [sum(gain[(i, j)]) if (i, j) in gains else 0.0 for j in range(len(gold))]
        for i in range(len(pred))
    ]
    best = [(i, j) for i, j in assign(weights) if (i, j) in gains]  # a good first bound
    best_key = key(best)
    nodes = 0
    exact = True

    def search(i: int, used: frozenset[int], chosen: list[tuple[int, int]], pn: int, rn: int):
        nonlocal best, best_key, nodes, exact
        nodes += 1
        if nodes > search_limit:
            exact = False
            return
        bound = (f1(pn + rest_p[i], rn + rest_r[i]), pn + rn + rest_p[i] + rest_r[i])
        if bound <= best_key:
            return  # cannot beat the best mapping found
        if i == len(pred):
            k = (f1(pn, rn), pn + rn)
            if k > best_key:
                best, best_key = list(chosen), k
            return
        for j in options[i]:
            if j not in used:
                chosen.append((i, j))
                search(i + 1, used | {j}, chosen, pn + gain[(i, j)][0], rn + gain[(i, j)][1])
                chosen.pop()
        search(i + 1, used, chosen, pn, rn)

    if gains:
        search(0, frozenset(), [], 0, 0)
    return TemplateAlignment(scores=scores_of(best), pairs=sorted(best), exact=exact)


# --------------------------------------------------------------------------------------
# spans

SpanMode = Literal["exact", "overlap"]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Do the half-open character ranges share at least one character?"""
    return a[0] < b[1] and b[0] < a[1]


def match_spans(
    pred: Sequence[tuple[int, int]],
    gold: Sequence[tuple[int, int]],
    mode: SpanMode = "exact",
    same: Callable[[int, int], bool] | None = None,
) -> Alignment:
    """One-to-one matching of character spans (exact offsets, or any overlap).

    With overlaps the alignment maximises the number of matches, then the summed
    overlap (Jaccard); ``same(i, j)``, when given, must also hold for a pair to match.
    """
    weights: list[list[float]] = []
    for i, p in enumerate(pred):
        row = []
        for j, g in enumerate(gold):
            ok = (p == g) if mode == "exact" else overlaps(p, g)
            if ok and same is not None:
                ok = same(i, j)
            if not ok:
                row.append(0.0)
                continue
            inter = min(p[1], g[1]) - max(p[0], g[0])
            union = max(p[1], g[1]) - min(p[0], g[0])
            row.append(1.0 + 1e-3 * (inter / union if union else 1.0))
        weights.append(row)
    pairs = [(i, j) for i, j in assign(weights) if weights[i][j] > 0]
    return _alignment(pairs, len(pred), len(gold))


# --------------------------------------------------------------------------------------
# geocoding error

EARTH_RADIUS_KM = 6371.0088
MAX_ERROR_KM = 20039.0  # half the Earth's circumference: Gritta et al.'s ceiling


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def error_auc(errors_km: Sequence[float]) -> float:
    """AUC of the log error curve (Gritta et al. 2018): 0 is perfect, 1 the worst.

    The errors are sorted, scaled by ln(error + 1), integrated by the trapezoidal rule
    with unit spacing and divided by ln(20039) × (n − 1); one error alone gives
    ln(error + 1) / ln(20039).
    """
    if not errors_km:
        return 0.0
    ys = sorted(math.log(min(e, MAX_ERROR_KM) + 1) for e in errors_km)
    if len(ys) == 1:
        return ys[0] / math.log(MAX_ERROR_KM)
    area = sum((a + b) / 2 for a, b in itertools.pairwise(ys))
    return area / (math.log(MAX_ERROR_KM) * (len(ys) - 1))


def error_stats(errors_km: Sequence[float], within_km: float = 161.0) -> dict[str, float]:
    """Accuracy within ``within_km`` (≤), mean and median error, AUC; n = len(errors)."""
    n = len(errors_km)
    if n == 0:
        return {"n": 0, "acc_161": 0.0, "mean_km": 0.0, "median_km": 0.0, "auc": 0.0}
    return {
        "n": n,
        "acc_161": sum(1 for e in errors_km if e <= within_km) / n,
        "mean_km": statistics.fmean(errors_km),
        "median_km": statistics.median(errors_km),
        "auc": error_auc(errors_km),
    }
