"""Scorers on small hand-made cases; every expected figure is computed by hand here."""

from __future__ import annotations

import itertools
import math
import random

import pytest

from eventwire.evaluate.metrics import (
    MAX_ERROR_KM,
    PRF,
    assign,
    ceaf_ree,
    distance_km,
    entity_match,
    error_auc,
    error_stats,
    match_spans,
    match_templates,
    normalize_string,
    normalize_template,
    total,
)

ROLES = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")


def test_evaluate_prf_counts_and_empty_sides():
    s = PRF.of(2, 3, 4)
    assert (s.p, s.r) == (2 / 3, 2 / 4)
    assert s.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))  # = 4/7
    assert s.f1 == pytest.approx(4 / 7)
    empty = PRF.of(0, 0, 0)
    assert (empty.p, empty.r, empty.f1) == (0.0, 0.0, 0.0)
    assert total([PRF.of(1, 2, 3), PRF.of(1, 1, 1)]).as_dict()["f1"] == pytest.approx(
        2 * 2 / (3 + 4)
    )


def test_evaluate_normalize_string_like_grit():
    assert normalize_string("The  FMLN's  Guerrillas.") == "fmlns guerrillas"
    assert normalize_string("A car-bomb") == "carbomb"
    assert normalize_string("an") == ""


def test_evaluate_assign_prefers_optimal_over_greedy():
    # greedy takes (0,0)=3 and is left with (1,1)=0: total 3; optimal (0,1)+(1,0) = 2+2 = 4
    weights = [[3.0, 2.0], [2.0, 0.0]]
    pairs = assign(weights)
    assert pairs == [(0, 1), (1, 0)]
    assert sum(weights[i][j] for i, j in pairs) == 4.0


def test_evaluate_assign_rectangular_and_empty():
    assert assign([]) == []
    assert assign([[], []]) == []
    assert assign([[1.0], [5.0], [2.0]]) == [(1, 0)]
    assert assign([[1.0, 5.0, 2.0]]) == [(0, 1)]


def test_evaluate_assign_matches_brute_force_on_random_matrices():
    rng = random.Random(7)
    for _ in range(200):
        rows, cols = rng.randint(1, 5), rng.randint(1, 5)
        w = [[rng.choice([0.0, 1.0, 2.0, rng.random()]) for _ in range(cols)] for _ in range(rows)]
        got = sum(w[i][j] for i, j in assign(w))
        if rows <= cols:
            best = max(
                sum(w[i][p[i]] for i in range(rows))
                for p in itertools.permutations(range(cols), rows)
            )
        else:
            best = max(
                sum(w[p[j]][j] for j in range(cols))
                for p in itertools.permutations(range(rows), cols)
            )
        assert got == pytest.approx(best)


# --------------------------------------------------------------------------------------
# CEAF-REE


def test_evaluate_ceaf_empty_predictions_and_empty_gold():
    none = ceaf_ree([], [["fmln"], ["army"]])
    assert none.score.as_dict()["p_den"] == 0 and none.score.r_den == 2
    assert (none.score.p, none.score.r, none.missed) == (0.0, 0.0, [0, 1])
    spurious = ceaf_ree([["fmln"]], [])
    assert (spurious.score.p_den, spurious.score.r_den, spurious.spurious) == (1, 0, [0])
    both = ceaf_ree([], [])
    assert both.score.as_dict()["f1"] == 0.0 and both.pairs == []


def test_evaluate_ceaf_alternative_strings_and_normalisation():
    gold = [["Farabundo Marti National Liberation Front", "FMLN"], ["the army"]]
    # "the FMLN" normalises to "fmln", one of the first entity's alternatives
    al = ceaf_ree([["THE FMLN"], ["ARMY"]], gold)
    assert al.score.p_num == 2 and al.score.p == 1.0 and al.score.r == 1.0


def test_evaluate_ceaf_duplicate_predictions_match_once():
    # two predictions of the same gold entity: one matches, the other is spurious
    al = ceaf_ree(
        [["FMLN"], ["Farabundo Marti National Liberation Front"]],
        [["fmln", "farabundo marti national liberation front"]],
    )
    assert (al.score.p_num, al.score.p_den, al.score.r_den) == (1, 2, 1)
    assert al.score.p == 0.5 and al.score.r == 1.0
    assert al.score.f1 == pytest.approx(2 * 0.5 * 1 / 1.5)  # 2/3
    assert len(al.spurious) == 1


def test_evaluate_ceaf_alignment_is_optimal_not_greedy():
    # pred 0 matches gold 0 and 1; pred 1 matches only gold 0.  Greedy pairs (0,0) and
    # leaves pred 1 unmatched (1 match); the optimum pairs (0,1) and (1,0): 2 matches.
    gold = [["guerrillas", "rebels"], ["rebels", "gunmen"]]
    pred = [["rebels"], ["guerrillas"]]
    al = ceaf_ree(pred, gold)
    assert al.score.p_num == 2 and sorted(al.pairs) == [(0, 1), (1, 0)]


def test_evaluate_entity_match_rules():
    gold = ("fmln", "farabundo marti national liberation front")
    assert entity_match(gold, ("fmln",), "all")
    assert not entity_match(gold, ("fmln", "the rebels"), "all")  # GRIT's phi_strict
    assert entity_match(gold, ("fmln", "the rebels"), "any")
    assert not entity_match(gold, (), "any")


# --------------------------------------------------------------------------------------
# templates (GTT)


def template(kind: str, **roles: list[list[str]]) -> dict:
    return normalize_template({"incident_type": kind, **roles}, ROLES)


def test_evaluate_templates_matched_by_type_with_optimal_mapping():
    gold = [
        template("bombing", PerpOrg=[["fmln"]], Target=[["bridge"]]),
        template("kidnapping", Victim=[["juan perez"]]),
    ]
    pred = [
        template("kidnapping", Victim=[["juan perez"]], PerpInd=[["gunmen"]]),
        template("bombing", PerpOrg=[["fmln"]], Target=[["bridge"], ["road"]]),
    ]
    al = match_templates(pred, gold, ROLES)
    assert al.pairs == [(0, 1), (1, 0)] and al.exact
    s = al.scores
    assert (s["incident_type"].p_num, s["incident_type"].p_den) == (2, 2)
    assert (s["PerpInd"].p_num, s["PerpInd"].p_den, s["PerpInd"].r_den) == (0, 1, 0)
    assert (s["Target"].p_num, s["Target"].p_den, s["Target"].r_num, s["Target"].r_den) == (
        1,
        2,
        1,
        1,
    )
    micro = total(list(s.values()))
    # p: type 2 + PerpOrg 1 + Target 1 + Victim 1 = 5 of 2+1+1+2+1 = 7; r: 5 of 2+1+1+1 = 5
    assert (micro.p_num, micro.p_den, micro.r_num, micro.r_den) == (5, 7, 5, 5)


def test_evaluate_templates_wrong_type_is_unmatched_and_counts_everywhere():
    gold = [template("bombing", PerpOrg=[["fmln"]])]
    pred = [template("arson", PerpOrg=[["fmln"]])]
    al = match_templates(pred, gold, ROLES)
    assert al.pairs == []
    micro = total(list(al.scores.values()))
    assert (micro.p_num, micro.p_den, micro.r_num, micro.r_den) == (0, 2, 0, 2)


def test_evaluate_templates_alternative_gold_type():
    # "bombing / attack": an attack template may be mapped onto it (GTT's substring rule)
    gold = [template("bombing / attack", Weapon=[["bomb"]])]
    al = match_templates([template("attack", Weapon=[["bomb"]])], gold, ROLES)
    assert al.pairs == [(0, 0)] and al.scores["Weapon"].p_num == 1


def test_evaluate_templates_duplicate_fillers_count_as_right_in_precision():
    # GTT: a predicted filler is right if it matches any gold filler (not one-to-one)
    gold = [template("attack", PerpInd=[["guerrillas", "urban guerrillas"]])]
    pred = [template("attack", PerpInd=[["guerrillas"], ["urban guerrillas"]])]
    s = match_templates(pred, gold, ROLES).scores["PerpInd"]
    assert (s.p_num, s.p_den, s.r_num, s.r_den) == (2, 2, 1, 1)


def test_evaluate_templates_best_document_f1_not_first_mapping():
    # two attack templates; pred 0 fits gold 1 better.  Mapping (0→0, 1→1) finds 0 fillers;
    # (0→1, 1→0) finds all 3
    gold = [
        template("attack", Victim=[["ana"]]),
        template("attack", Victim=[["luis"]], Target=[["bus"]]),
    ]
    pred = [
        template("attack", Victim=[["luis"]], Target=[["bus"]]),
        template("attack", Victim=[["ana"]]),
    ]
    al = match_templates(pred, gold, ROLES)
    assert al.pairs == [(0, 1), (1, 0)]
    micro = total(list(al.scores.values()))
    assert (micro.p_num, micro.p_den, micro.r_num, micro.r_den) == (5, 5, 5, 5)


def test_evaluate_templates_empty_sides():
    gold = [template("attack", Victim=[["ana"]])]
    none = total(list(match_templates([], gold, ROLES).scores.values()))
    assert (none.p_den, none.r_den, none.r_num) == (0, 2, 0)
    extra = total(list(match_templates(gold, [], ROLES).scores.values()))
    assert (extra.p_den, extra.p_num, extra.r_den) == (2, 0, 0)


def test_evaluate_templates_search_limit_keeps_the_most_matches():
    # both predictions fit gold 0 best; only one can have it.  The search has to look
    # past its bound; stopped after 2 nodes it keeps the mapping with most matches:
    # one pair with type + victim (2, 2), the other with the type only (1, 1)
    gold = [template("attack", Victim=[["v0"]]), template("attack", Victim=[["v1"]])]
    pred = [template("attack", Victim=[["v0"]]), template("attack", Victim=[["v0"]])]
    stopped = match_templates(pred, gold, ROLES, search_limit=2)
    assert not stopped.exact
    micro = total(list(stopped.scores.values()))
    assert (micro.p_num, micro.p_den, micro.r_num, micro.r_den) == (3, 4, 3, 4)
    full = match_templates(pred, gold, ROLES)
    assert full.exact and total(list(full.scores.values())).p_num == 3


# --------------------------------------------------------------------------------------
# spans


def test_evaluate_spans_exact_and_overlap_one_to_one():
    gold = [(0, 5), (10, 20)]
    pred = [(0, 5), (11, 19), (14, 25)]
    exact = match_spans(pred, gold, "exact").score
    assert (exact.p_num, exact.p_den, exact.r_den) == (1, 3, 2)
    overlap = match_spans(pred, gold, "overlap")
    # (11,19) and (14,25) both overlap (10,20): one is paired, the better Jaccard (0.8 > 0.4)
    assert overlap.score.p_num == 2 and overlap.pairs == [(0, 0), (1, 1)]
    assert overlap.spurious == [2]
    assert match_spans(pred, gold, "overlap", same=lambda i, j: j == 0).score.p_num == 1


def test_evaluate_spans_touching_is_not_overlapping():
    assert match_spans([(0, 5)], [(5, 9)], "overlap").score.p_num == 0


# --------------------------------------------------------------------------------------
# geocoding error


def test_evaluate_distance_km():
    # one degree of latitude on a sphere of radius 6371.0088 km: 2πR/360
    assert distance_km(0, 0, 1, 0) == pytest.approx(2 * math.pi * 6371.0088 / 360)
    assert distance_km(35.68, 51.39, 35.68, 51.39) == 0.0


def test_evaluate_auc_by_hand():
    # errors e²−1 and e⁴−1 km and 0 km → sorted log errors 0, 2, 4; trapezoids
    # (0+2)/2 + (2+4)/2 = 4; AUC = 4 / (ln 20039 × 2)
    errors = [math.e**4 - 1, 0.0, math.e**2 - 1]
    assert error_auc(errors) == pytest.approx(4 / (math.log(20039) * 2))
    assert error_auc([0.0, 0.0]) == 0.0
    assert error_auc([MAX_ERROR_KM, MAX_ERROR_KM]) == pytest.approx(
        math.log(20040) / math.log(20039)
    )
    assert error_auc([math.e - 1]) == pytest.approx(1 / math.log(20039))
    assert error_auc([]) == 0.0


def test_evaluate_error_stats_by_hand():
    stats = error_stats([0.0, 100.0, 161.0, 500.0])
    assert stats["acc_161"] == 0.75  # 161 km itself is within
    assert stats["mean_km"] == pytest.approx(761 / 4)
    assert stats["median_km"] == pytest.approx((100 + 161) / 2)
    assert stats["n"] == 4
    assert error_stats([])["n"] == 0


def test_evaluate_templates_branch_and_bound_finds_gtt_optimum():
    # GTT enumerates every mapping (pred → gold or none, gold used once) and keeps the best
    # document F1; the pruned search must reach the same F1 on random small documents
    rng = random.Random(3)
    names = [["ana"], ["luis"], ["bus"], ["fmln"]]
    for _ in range(150):

        def random_template() -> dict:
            roles = {role: rng.sample(names, rng.randint(0, 2)) for role in ("Victim", "Target")}
            return template(rng.choice(["attack", "bombing"]), **roles)

        gold = [random_template() for _ in range(rng.randint(0, 3))]
        pred = [random_template() for _ in range(rng.randint(0, 4))]
        best = 0.0
        for choice in itertools.product([*range(len(gold)), None], repeat=len(pred)):
            used = [j for j in choice if j is not None]
            if len(used) != len(set(used)):
                continue
            pairs = [(i, j) for i, j in enumerate(choice) if j is not None]
            pairs = [
                (i, j) for i, j in pairs if pred[i]["incident_type"] == gold[j]["incident_type"]
            ]
            pn = rn = len(pairs)  # the incident types of mapped pairs
            for i, j in pairs:
                for role in ROLES:
                    p, g = pred[i][role], gold[j][role]
                    pn += sum(1 for e in p if any(entity_match(x, e) for x in g))
                    rn += sum(1 for x in g if any(entity_match(x, e) for e in p))
            pd = len(pred) + sum(len(t[r]) for t in pred for r in ROLES)
            rd = len(gold) + sum(len(t[r]) for t in gold for r in ROLES)
            best = max(best, PRF(pn, pd, rn, rd).f1)
        found = total(list(match_templates(pred, gold, ROLES).scores.values())).f1
        assert found == pytest.approx(best)
