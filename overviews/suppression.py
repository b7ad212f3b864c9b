"""Small-count suppression for every figure the dashboards show (HTML, CSV and charts alike).

Needs are few per region and a count of 1 or 2 can point to one municipality. The rules:

1. **Primary**: a count of 1 or 2 is shown as "<3". Zero is shown (it tells nothing about anyone).
2. **Complementary (secondary)**: in a table whose cells add up to a total that is shown — a
   *partition*, such as needs by status or by month, whose total is the number of published needs —
   the hidden cells could be recomputed by subtraction. So more cells are hidden ("skjult"): the
   smallest single cell that is enough, else the smallest cells until the hidden cells' sum no longer
   pins down any "<3" cell: with n primary cells (each 1
   or 2) and m secondary cells (each 3 or more) whose hidden sum is H, the primary part can take more
   than one value only when H − 3m ≥ n + 1 (and, with m = 0, when n < H < 2n). If even hiding every
   non-zero cell is not enough, every cell (zeros too) is shown as "skjult", so neither which cells
   are small nor which are empty can be read.
3. **Columns whose total comes from another table**: when that total is itself hidden, every non-zero
   cell of the column is hidden too (``column_suppress``), so the column cannot be summed back.
4. **Shares and medians** are computed from the cells as shown: a share is hidden when its numerator
   cell is hidden or when the complement is 1 or 2; a median needs at least 3 values.

Cells never keep the true value of a hidden count, so no template, CSV or chart can leak it.
Multi-label distributions (needs by theme: one need can have several themes) have no total that adds
up, so only the primary rule applies. Combining *different* tables on one page is limited by building
shares from the same cells and by keeping each page to a few tables, but not ruled out: a
statistician should review the tables before they are used outside the embete.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass

MIN_COUNT = 3
SMALL_TEXT = "<3"
HIDDEN_TEXT = "skjult"


@dataclass(frozen=True)
class Cell:
    """A count as it may be shown. ``number`` is None when the count is hidden."""

    number: int | None
    text: str

    def __str__(self) -> str:
        return self.text

    @property
    def hidden(self) -> bool:
        return self.number is None

    @classmethod
    def of(cls, value: int) -> Cell:
        return cls(value, str(value)) if value == 0 or value >= MIN_COUNT else SMALL


SMALL = Cell(None, SMALL_TEXT)
HIDDEN = Cell(None, HIDDEN_TEXT)


def count(value: int) -> Cell:
    """One count on its own (rule 1)."""
    return Cell.of(value)


def _ambiguous(values: list[int], primary: list[int], secondary: list[int]) -> bool:
    n, m = len(primary), len(secondary)
    hidden_sum = sum(values[i] for i in primary) + sum(values[i] for i in secondary)
    if m == 0:
        return n < hidden_sum < 2 * n
    return hidden_sum - MIN_COUNT * m >= n + 1


def partition_suppress(values: Mapping[Hashable, int]) -> dict[Hashable, Cell]:
    """Cells of a table whose total is shown (rules 1 and 2)."""
    keys = list(values)
    numbers = [values[k] for k in keys]
    primary = [i for i, v in enumerate(numbers) if 0 < v < MIN_COUNT]
    if not primary:
        return {k: Cell.of(v) for k, v in zip(keys, numbers, strict=True)}
    candidates = sorted((v, i) for i, v in enumerate(numbers) if v >= MIN_COUNT)
    secondary: list[int] = []
    if not _ambiguous(numbers, primary, secondary):
        # One complementary cell if one is enough (the smallest that is), else the smallest ones.
        single = next((i for _, i in candidates if _ambiguous(numbers, primary, [i])), None)
        if single is not None:
            secondary = [single]
        while not _ambiguous(numbers, primary, secondary) and candidates:
            secondary.append(candidates.pop(0)[1])
    if not _ambiguous(numbers, primary, secondary):
        # Too few and too small to show any split: hide every cell, zeros too, so that not even which
        # cells are empty can be read.
        return dict.fromkeys(keys, HIDDEN)
    cells = {k: Cell.of(v) for k, v in zip(keys, numbers, strict=True)}
    for i in secondary:
        cells[keys[i]] = HIDDEN
    return cells


def column_suppress(values: Mapping[Hashable, int], *, total: Cell) -> dict[Hashable, Cell]:
    """Cells of a column whose total is shown elsewhere as ``total`` (rules 1–3)."""
    if total.hidden:
        return {k: (HIDDEN if v else Cell.of(0)) for k, v in values.items()}
    return partition_suppress(values)


def share(numerator: Cell, denominator: Cell) -> str:
    """A percentage from two shown cells, or why it is not shown (rule 4)."""
    if denominator.hidden or numerator.hidden:
        return HIDDEN_TEXT
    if not denominator.number:
        return "–"
    complement = denominator.number - numerator.number
    if 0 < complement < MIN_COUNT:
        return HIDDEN_TEXT
    return f"{round(100 * numerator.number / denominator.number)} %"


def median_text(values: list[float], *, unit: str = "dager") -> str:
    """The median of ``values`` with a unit, or a dash when there are fewer than three values."""
    if len(values) < MIN_COUNT:
        return "–"
    ordered = sorted(values)
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return f"{median:.1f} {unit}".replace(".", ",")
