"""Staff comments like a given comment or text: the library's and, for a user, the firm's own."""

import numpy as np
from django.contrib.auth.models import AbstractBaseUser

from tracker.models import Comment
from tracker.parsing import embedding

from . import LIBRARY, OURS, Precedent, lexical, ours, semantic
from .build import precedents
from .fusion import LEXICAL_WEIGHT, SEMANTIC_WEIGHT, fuse, interleave

# How deep each ranking is read before fusing: fusion can lift an item from this far down.
CANDIDATES = 100


def similar_to(comment: Comment, user: AbstractBaseUser, limit: int = 5) -> list[Precedent]:
    """The staff comments most like `comment`, best first (at most `limit`): the library's and
    those of companies `user` may see, never `comment` itself nor its letter's comments."""
    stored = getattr(comment, "vector", None)
    vector = embedding.from_bytes(stored.vector) if stored is not None else None
    candidates = ours.rows(ours.our_comments(user).exclude(letter_id=comment.letter_id))
    text = embedding.comment_text(comment.headings, comment.text)
    return rank(text, candidates, limit, vector=vector)


def similar_to_text(
    text: str, user: AbstractBaseUser | None = None, limit: int = 5
) -> list[Precedent]:
    """The staff comments most like `text`: the library's, and with a user those of the
    companies the user may see."""
    candidates = ours.rows(ours.our_comments(user)) if user is not None else []
    return rank(text, candidates, limit)


def rank(
    text: str,
    candidates: list[ours.OurRow],
    limit: int,
    *,
    vector: np.ndarray | None = None,
    exclude: frozenset[int] = frozenset(),
    weights: tuple[float, float] = (LEXICAL_WEIGHT, SEMANTIC_WEIGHT),
) -> list[Precedent]:
    """Fused lexical and semantic rankings of the library (less the pks `exclude`) and of our
    `candidates`; `vector` is the text's embedding when already known."""
    if vector is None or vector.shape != (embedding.DIMENSIONS,):
        vector = embedding.embed([text])[0]
    lexical_list, semantic_list = rankings(text, vector, candidates, exclude)
    best = fuse([lexical_list, semantic_list], weights)[:limit]
    return precedents(best, {row.comment.pk: row for row in candidates})


def rankings(
    text: str, vector: np.ndarray, candidates: list[ours.OurRow], exclude: frozenset[int]
) -> tuple[list, list]:
    """The lexical and the semantic ranking, as (source, pk) keys, best first."""
    matrix = semantic.library_matrix()
    library_lexical = [
        (LIBRARY, pk) for pk, _ in lexical.similar(text, CANDIDATES, matrix.key, exclude)
    ]
    ours_lexical = [(OURS, row.comment.pk) for row, _ in ours.lexical_ranking(text, candidates)]
    library_semantic = semantic.nearest(matrix, vector, CANDIDATES, exclude)
    ours_semantic = [
        (row.comment.pk, s) for row, s in ours.semantic_ranking(vector, candidates, semantic.SIZE)
    ]
    semantic_list = sorted(
        [((LIBRARY, pk), s) for pk, s in library_semantic]
        + [((OURS, pk), s) for pk, s in ours_semantic],
        key=lambda pair: -pair[1],
    )
    lexical_list = interleave(library_lexical[:CANDIDATES], ours_lexical[:CANDIDATES])
    return lexical_list, [key for key, _ in semantic_list[:CANDIDATES]]
