"""Reciprocal rank fusion: several rankings of the same items made into one.

score(item) = sum over rankings of weight / (K + rank), rank counted from 1; an item a ranking
lacks gains nothing from it. K = 60 is the constant of Cormack, Clarke and Buettcher (SIGIR 2009),
"Reciprocal rank fusion outperforms Condorcet and individual rank learning methods"; the weights
were tuned on the corpus measure (`make precedents-eval`).
"""

from collections.abc import Hashable, Sequence

K = 60
LEXICAL_WEIGHT = 1.0
SEMANTIC_WEIGHT = 1.0


def fuse(
    rankings: Sequence[Sequence[Hashable]], weights: Sequence[float] | None = None
) -> list[tuple[Hashable, float]]:
    """[(item, fused score)], best first; ties keep the order of first appearance."""
    weights = weights or [1.0] * len(rankings)
    scores: dict[Hashable, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (K + rank)
    return sorted(scores.items(), key=lambda pair: -pair[1])


def interleave(*rankings: Sequence[Hashable]) -> list[Hashable]:
    """One ranking from rankings whose scores cannot be compared (the library's ts_rank and our
    comments' bm25): first of each, then second of each, and so on."""
    merged: list[Hashable] = []
    for depth in range(max((len(r) for r in rankings), default=0)):
        merged += [ranking[depth] for ranking in rankings if depth < len(ranking)]
    return merged
