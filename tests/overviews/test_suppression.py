"""Small-count suppression: counts of 1 and 2 never show, and a table's total never lets a hidden
small count be worked out by subtraction."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from overviews.suppression import (
    HIDDEN_TEXT,
    SMALL_TEXT,
    Cell,
    column_suppress,
    count,
    median_text,
    partition_suppress,
    share,
)


def possible_values(texts: list[str], total: int) -> list[set[int]]:
    """What a reader who knows the rules can work out about each cell from the shown cells and the
    total: "<3" is 1 or 2; "skjult" is 3 or more next to a "<3" (a complementary cell), otherwise
    anything; the hidden cells add up to the total minus the shown ones."""
    hidden_sum = total - sum(int(t) for t in texts if t.isdigit())
    has_small = SMALL_TEXT in texts
    ranges = []
    for text in texts:
        if text == SMALL_TEXT:
            ranges.append(range(1, 3))
        elif text == HIDDEN_TEXT:
            ranges.append(range(3 if has_small else 0, hidden_sum + 1))
        else:
            ranges.append(range(int(text), int(text) + 1))
    seen: list[set[int]] = [set() for _ in texts]
    for combination in itertools.product(*ranges):
        if sum(combination) == total:
            for i, value in enumerate(combination):
                seen[i].add(value)
    return seen


def assert_no_small_count_recoverable(values: list[int]) -> None:
    cells = partition_suppress(dict(enumerate(values)))
    texts = [cells[i].text for i in range(len(values))]
    for value, text in zip(values, texts, strict=True):
        assert text not in {"1", "2"}
        if text.isdigit():
            assert int(text) == value
    total = sum(values)
    if total < 3:
        return  # the total itself is shown as "<3"
    possible = possible_values(texts, total)
    for value, options in zip(values, possible, strict=True):
        assert value in options  # the reader's reasoning is consistent with the truth
        if 0 < value < 3:
            assert len(options) > 1, (values, texts)


class TestPartition:
    def test_nothing_hidden_without_small_counts(self):
        cells = partition_suppress({"a": 0, "b": 5, "c": 12})
        assert [str(c) for c in cells.values()] == ["0", "5", "12"]

    def test_one_small_count_takes_a_complementary_cell_with_it(self):
        cells = partition_suppress({"a": 1, "b": 5, "c": 12})
        assert [str(c) for c in cells.values()] == [SMALL_TEXT, HIDDEN_TEXT, "12"]

    def test_complementary_cell_is_large_enough_to_keep_the_small_one_open(self):
        # 1 + 3 = 4 would pin the "<3" to 1 (the other hidden cell must be at least 3), so 5 is taken.
        cells = partition_suppress({"a": 1, "b": 3, "c": 5, "d": 9})
        assert [str(c) for c in cells.values()] == [SMALL_TEXT, "3", HIDDEN_TEXT, "9"]
        assert_no_small_count_recoverable([1, 3, 5, 9])

    def test_two_small_counts_that_could_be_told_apart_need_no_more(self):
        cells = partition_suppress({"a": 1, "b": 2, "c": 7})
        assert [str(c) for c in cells.values()] == [SMALL_TEXT, SMALL_TEXT, "7"]

    def test_all_hidden_when_nothing_else_can_protect_them(self):
        cells = partition_suppress({"a": 1, "b": 1, "c": 1, "d": 0})
        assert {str(c) for c in cells.values()} == {HIDDEN_TEXT}

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.integers(min_value=0, max_value=9), min_size=2, max_size=6))
    def test_no_small_count_can_be_recomputed(self, values):
        assert_no_small_count_recoverable(values)


def test_column_with_a_hidden_total_hides_every_non_zero_cell():
    cells = column_suppress({"a": 4, "b": 0, "c": 7}, total=Cell(None, HIDDEN_TEXT))
    assert [str(c) for c in cells.values()] == [HIDDEN_TEXT, "0", HIDDEN_TEXT]
    assert [str(c) for c in column_suppress({"a": 4, "b": 7}, total=count(11)).values()] == ["4", "7"]


def test_single_counts():
    assert [str(count(v)) for v in (0, 1, 2, 3, 40)] == ["0", SMALL_TEXT, SMALL_TEXT, "3", "40"]
    assert count(2).number is None  # the true value is not kept


def test_share_hides_what_would_reveal_a_small_count():
    assert share(count(5), count(10)) == "50 %"
    assert share(count(0), count(10)) == "0 %"
    assert share(count(10), count(10)) == "100 %"
    assert share(count(8), count(10)) == HIDDEN_TEXT  # 2 not agreed
    assert share(count(2), count(10)) == HIDDEN_TEXT
    assert share(Cell(None, HIDDEN_TEXT), count(10)) == HIDDEN_TEXT
    assert share(count(0), count(0)) == "–"


def test_median_needs_three_values():
    assert median_text([1.0, 2.0]) == "–"
    assert median_text([1.0, 2.0, 10.0]) == "2,0 dager"
    assert median_text([1.0, 2.0, 3.0, 10.0]) == "2,5 dager"
