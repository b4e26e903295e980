"""Sentence embeddings for staff comments: texts in, unit vectors out. Pure Python, no Django.

The model is wordllama's 256-dimension "l2_supercat" embedding: a token embedding matrix
averaged over a text's tokens. Its weights and tokenizer ship inside the installed wheel, so
nothing is fetched at run time. `WordLlama.load()` would try to download them (its packaging
looks for them elsewhere), so the model is built here from the files in the wheel.
"""

import threading
from pathlib import Path

import numpy as np

_LOCK = threading.Lock()
_MODEL = None
DIMENSIONS = 256


def _load():
    import wordllama
    from safetensors import safe_open
    from tokenizers import Tokenizer
    from wordllama.inference import WordLlamaInference

    package = Path(wordllama.__file__).resolve().parent
    weights = package / "weights" / f"l2_supercat_{DIMENSIONS}.safetensors"
    with safe_open(str(weights), framework="np") as stored:
        matrix = stored.get_tensor("embedding.weight")
    tokenizer = Tokenizer.from_file(
        str(package / "tokenizers" / "l2_supercat_tokenizer_config.json")
    )
    return WordLlamaInference(matrix, tokenizer)


def _model():
    global _MODEL
    with _LOCK:
        if _MODEL is None:
            _MODEL = _load()
    return _MODEL


def embed(texts: list[str]) -> np.ndarray:
    """The texts' embeddings: an array of shape (len(texts), 256), float32, each row of
    length 1 (a text with no known token gives a row of zeros)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = np.asarray(_model().embed(list(texts)), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)
