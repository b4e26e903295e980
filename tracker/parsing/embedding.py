"""Sentence embeddings for staff comments: text in, unit vectors out. Pure Python and numpy.

The model is WordLlama's small "l2_supercat" model: a table of token vectors averaged over a
text (no neural network at run time, a few milliseconds a comment on one core). Its weights and
tokenizer ship inside the installed `wordllama` wheel and are read from there; nothing is ever
fetched (`WordLlama.load()` would try to download, so it is not used).

The model was trained so that a vector's leading dimensions are a usable smaller embedding
(Matryoshka training). All 256 are stored (DIMENSIONS); the ranking compares the first 128
(`truncate`), which found as many cited comments as 256 on the corpus measure
(`make precedents-eval`) for half the memory and time (64 found fewer).

Vectors are stored as float16 bytes (`to_bytes`, `from_bytes`): DIMENSIONS * 2 bytes each.
"""

import logging
import threading
from pathlib import Path

import numpy as np

DIMENSIONS = 256
WEIGHTS = "weights/l2_supercat_256.safetensors"
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
# Token vectors are averaged, so a very long comment gains nothing from its tail but time.
MAX_CHARS = 20_000

_model = None
_lock = threading.Lock()


def _package_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("wordllama")
    if spec is None or spec.origin is None:
        raise RuntimeError("The wordllama package is not installed (see requirements.txt)")
    return Path(spec.origin).parent


def _load():
    """The inference object over the wheel's own files. Importing wordllama configures the root
    logger (logging.basicConfig at INFO); that is undone so the host's logging stays its own."""
    from safetensors import safe_open
    from tokenizers import Tokenizer

    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    from wordllama.inference import WordLlamaInference

    root.handlers[:] = handlers
    root.setLevel(level)
    package = _package_dir()
    with safe_open(str(package / WEIGHTS), framework="np") as weights:
        matrix = weights.get_tensor("embedding.weight")
    tokenizer = Tokenizer.from_file(str(package / TOKENIZER))

    class IdsOnly(WordLlamaInference):
        """Tokenizes with encode_batch_fast: the same token ids, padding and masks, without the
        character offsets that pooling never reads (about a quarter of a letter's embedding)."""

        def tokenize(self, texts: list[str]) -> list:
            return self.tokenizer.encode_batch_fast(texts, add_special_tokens=False)

    return IdsOnly(matrix[:, :DIMENSIONS], tokenizer)


def model():
    """The process-wide model, loaded on first use (about 40 MB of float32 token vectors)."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = _load()
    return _model


def embed(texts: list[str]) -> np.ndarray:
    """Unit vectors for `texts`: shape (len(texts), DIMENSIONS), float32, L2 norm 1 (a text with
    no known token gives a zero vector, which matches nothing)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    clipped = [text[:MAX_CHARS] for text in texts]
    vectors = model().embed(clipped, norm=False, batch_size=32).astype(np.float32)
    return normalise(vectors)


def comment_text(headings: list[str], text: str) -> str:
    """What a staff comment is embedded as: its headings (outermost first), then its text."""
    return " ".join([*headings, text])


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length; rows of zeros stay zero."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms == 0, 1, norms)).astype(np.float32)


def truncate(vectors: np.ndarray, size: int) -> np.ndarray:
    """The first `size` dimensions of each row (of a 2-D array), scaled back to unit length."""
    return normalise(np.ascontiguousarray(vectors[:, :size]))


def to_bytes(vector: np.ndarray) -> bytes:
    """One vector as float16 bytes (DIMENSIONS * 2 bytes), as stored in the database."""
    return np.asarray(vector, dtype=np.float16).tobytes()


def rows_to_bytes(vectors: np.ndarray) -> list[bytes]:
    """Each row of a 2-D array (n, d) as `to_bytes` gives it (d * 2 bytes), converted to float16
    in one go: n byte strings, no array per row."""
    data = np.ascontiguousarray(vectors, dtype=np.float16).tobytes()
    width = vectors.shape[1] * 2
    return [data[start : start + width] for start in range(0, vectors.shape[0] * width, width)]


def from_bytes(data: bytes) -> np.ndarray:
    """A stored vector back as float32 (empty bytes give an empty array)."""
    return np.frombuffer(bytes(data), dtype=np.float16).astype(np.float32)
