"""Reciprocal rank fusion: score = Σ w_i / (k + rank_i), ranks 1-based, ties by first appearance."""

from __future__ import annotations

import pytest

from search.fusion import reciprocal_rank_fusion


def scores(fused: list[tuple[str, float]]) -> dict[str, float]:
    return dict(fused)


class TestReciprocalRankFusion:
    def test_single_ranking_keeps_its_order_with_rrf_scores(self):
        fused = reciprocal_rank_fusion([["a", "b", "c"]])
        assert [item for item, _ in fused] == ["a", "b", "c"]
        assert scores(fused) == pytest.approx({"a": 1 / 61, "b": 1 / 62, "c": 1 / 63})

    def test_scores_add_up_across_rankings(self):
        fused = reciprocal_rank_fusion([["a", "b", "c"], ["c", "a", "d"]])
        assert scores(fused) == pytest.approx(
            {"a": 1 / 61 + 1 / 62, "b": 1 / 62, "c": 1 / 63 + 1 / 61, "d": 1 / 63}
        )
        # a (ranks 1 and 2) beats c (ranks 3 and 1); b and d appear once.
        assert [item for item, _ in fused] == ["a", "c", "b", "d"]

    def test_k_controls_how_much_the_top_rank_dominates(self):
        assert scores(reciprocal_rank_fusion([["a", "b"]], k=0)) == pytest.approx({"a": 1.0, "b": 0.5})
        assert scores(reciprocal_rank_fusion([["a", "b"]], k=10)) == pytest.approx({"a": 1 / 11, "b": 1 / 12})

    def test_weights_scale_each_ranking(self):
        fused = reciprocal_rank_fusion([["lexical"], ["vector"]], weights=[2.0, 1.0])
        assert fused == [("lexical", pytest.approx(2 / 61)), ("vector", pytest.approx(1 / 61))]
        reversed_weights = reciprocal_rank_fusion([["lexical"], ["vector"]], weights=[1.0, 3.0])
        assert [item for item, _ in reversed_weights] == ["vector", "lexical"]

    def test_ties_keep_first_appearance(self):
        assert [i for i, _ in reciprocal_rank_fusion([["a"], ["b"]])] == ["a", "b"]
        assert [i for i, _ in reciprocal_rank_fusion([["b"], ["a"]])] == ["b", "a"]

    def test_equal_sums_in_different_orders_still_tie(self):
        # Each id has ranks {1, 2, 3}, summed in a different order; naive float sums can differ in
        # the last bit, which would make the order depend on rounding instead of first appearance.
        fused = reciprocal_rank_fusion([["x", "y", "z"], ["y", "z", "x"], ["z", "x", "y"]], k=2)
        assert [item for item, _ in fused] == ["x", "y", "z"]
        assert len({score for _, score in fused}) == 1

    def test_duplicates_within_one_ranking_count_once_at_best_rank(self):
        assert scores(reciprocal_rank_fusion([["a", "b", "a"]])) == pytest.approx({"a": 1 / 61, "b": 1 / 62})

    def test_empty_input(self):
        assert reciprocal_rank_fusion([]) == []
        assert reciprocal_rank_fusion([[], []]) == []
        assert reciprocal_rank_fusion([[], ["a"]]) == [("a", pytest.approx(1 / 61))]

    def test_zero_weight_keeps_ids_but_adds_nothing(self):
        fused = reciprocal_rank_fusion([["a"], ["b"]], weights=[1.0, 0.0])
        assert fused == [("a", pytest.approx(1 / 61)), ("b", 0.0)]

    def test_invalid_arguments(self):
        with pytest.raises(ValueError, match="2 weights for 1 rankings"):
            reciprocal_rank_fusion([["a"]], weights=[1.0, 2.0])
        with pytest.raises(ValueError, match="k must not be negative"):
            reciprocal_rank_fusion([["a"]], k=-1)
