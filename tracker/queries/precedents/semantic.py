"""The library's comment vectors as one in-process matrix, and the nearest comments to a vector.

The matrix is loaded once per process and reloaded when the library changes; whether it did is
one cheap query per call (library_key). Comments stored without a vector are
embedded while loading, so the matrix always covers the whole library.

The matrix keeps the first SIZE of the stored dimensions (embedding.truncate; see there why
128). Memory: comments x SIZE x 4 bytes (float32) + 8 bytes of id: 200,000 comments take 104 MB.
"""

import threading
from dataclasses import dataclass

import numpy as np
from django.db import connection

from tracker.models import LibraryComment
from tracker.parsing import embedding

CHUNK = 5_000
VERSION_SQL = (
    "SELECT (SELECT MAX(id) FROM tracker_librarycomment), "
    "(SELECT COUNT(*) FROM tracker_librarythread)"
)
SIZE = 128


@dataclass(frozen=True)
class Matrix:
    key: tuple[int, int]
    ids: np.ndarray  # int64, the LibraryComment pks, in row order
    vectors: np.ndarray  # float32 (len(ids), DIMENSIONS), unit rows

    @property
    def megabytes(self) -> float:
        return round((self.ids.nbytes + self.vectors.nbytes) / 1_000_000, 1)


_matrix: Matrix | None = None
_lock = threading.Lock()


def library_key() -> tuple[int, int]:
    """(highest comment id, number of threads): one query, read from two indexes. The library
    grows only by its import (new ids; a thread paired again gets new comment ids) and shrinks
    only by a thread removed whole. Counting the comments instead took 100 ms at 200,000."""
    with connection.cursor() as cursor:
        cursor.execute(VERSION_SQL)
        top, threads = cursor.fetchone()
    return (top or 0, threads)


def library_matrix() -> Matrix:
    """The current library matrix, reloaded when the library changed since it was loaded."""
    global _matrix
    key = library_key()
    if _matrix is None or _matrix.key != key:
        with _lock:
            if _matrix is None or _matrix.key != key:
                _matrix = load_matrix(key, SIZE)
    return _matrix


def load_matrix(key: tuple[int, int], size: int) -> Matrix:
    """All the library's vectors, cut to `size` dimensions."""
    ids, rows, missing = [], [], []
    query = LibraryComment.objects.order_by("id").values_list("id", "vector")
    for pk, stored in query.iterator(chunk_size=CHUNK):
        vector = embedding.from_bytes(stored)
        if vector.shape != (embedding.DIMENSIONS,):
            missing.append(len(ids))
            vector = np.zeros(embedding.DIMENSIONS, dtype=np.float32)
        ids.append(pk)
        rows.append(vector)
    vectors = np.vstack(rows) if rows else np.zeros((0, embedding.DIMENSIONS), np.float32)
    if missing:
        texts = dict(
            LibraryComment.objects.filter(id__in=[ids[i] for i in missing]).values_list(
                "id", "text"
            )
        )
        vectors[missing] = embedding.embed([texts.get(ids[i], "") for i in missing])
    return Matrix(key, np.array(ids, dtype=np.int64), embedding.truncate(vectors, size))


def nearest(
    matrix: Matrix, vector: np.ndarray, limit: int, exclude: frozenset[int] = frozenset()
) -> list[tuple[int, float]]:
    """The library comments nearest `vector` by cosine: [(pk, similarity)], best first."""
    if not len(matrix.ids):
        return []
    scores = matrix.vectors @ query_vector(matrix, vector)
    wanted = min(len(scores), limit + len(exclude))
    top = np.argpartition(-scores, wanted - 1)[:wanted]
    top = top[np.argsort(-scores[top])]
    found = [(int(matrix.ids[i]), float(scores[i])) for i in top]
    return [(pk, score) for pk, score in found if pk not in exclude][:limit]


def scores_for(matrix: Matrix, vector: np.ndarray, pks: list[int]) -> dict[int, float]:
    """The cosine of `vector` with each of the library comments `pks` (those in the matrix)."""
    rows = np.searchsorted(matrix.ids, pks)
    found = {}
    for pk, row in zip(pks, rows, strict=True):
        if row < len(matrix.ids) and matrix.ids[row] == pk:
            found[pk] = float(matrix.vectors[row] @ query_vector(matrix, vector))
    return found


def query_vector(matrix: Matrix, vector: np.ndarray) -> np.ndarray:
    """A full embedding cut to the matrix's dimensions."""
    return embedding.truncate(vector.astype(np.float32)[None, :], matrix.vectors.shape[1])[0]


def forget() -> None:
    """Drop the loaded matrix (tests whose rolled-back rows may reuse ids)."""
    global _matrix
    _matrix = None
