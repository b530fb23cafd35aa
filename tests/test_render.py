"""render.Cell: the overview's measure in words, the same meaning for every school of a topic."""

from __future__ import annotations

import pytest

from policy_compare.render import LEVEL_ICONS, Cell


@pytest.mark.parametrize(
    ("cell", "level", "words", "extra"),
    [
        (Cell(shared=9, of=9, own=0, clauses=9), "all", "all 9 shared rows", ""),
        (Cell(shared=5, of=9, own=2, clauses=8), "most", "5 of the 9 shared rows", "+ 2 clauses of its own"),
        (Cell(shared=2, of=9, own=1, clauses=3), "some", "2 of the 9 shared rows", "+ 1 clause of its own"),
        (Cell(shared=0, of=9, own=3, clauses=3), "none", "none of the 9 shared rows", "+ 3 clauses of its own"),
        (Cell(shared=1, of=1, own=0, clauses=1), "all", "has the 1 shared row", ""),
        (Cell(shared=0, of=1, own=0, clauses=0), "none", "lacks the 1 shared row", ""),
        # a topic no two schools share: no "0 of 0", and one school's clause is not "fully covered"
        (Cell(shared=0, of=0, own=1, clauses=1), "own", "1 clause no other school has", ""),
        (Cell(shared=0, of=0, own=0, clauses=0), "absent", "no clause", ""),
        # off-topic content is counted, never scored
        (Cell(shared=0, of=0, own=30, clauses=30, off_topic=True), "neutral", "30 clauses", ""),
        (Cell(shared=0, of=0, own=0, clauses=0, off_topic=True), "neutral", "no clause", ""),
    ],
)
def test_cell_says_what_it_counts(cell: Cell, level: str, words: str, extra: str) -> None:
    assert (cell.level, cell.words, cell.extra) == (level, words, extra)
    assert "0 of 0" not in cell.words
    assert (LEVEL_ICONS[cell.level] == "") == cell.off_topic
