"""A word-level redline between two texts: what a reviewer reads to see what changed.

Pure Python, no Django: text in, (op, text) chunks out; the template escapes and marks them up.
"""

import re
from difflib import SequenceMatcher
from typing import Literal

Op = Literal["equal", "insert", "delete"]

# A word with the spaces after it, or spaces at the very start; joined, they give the text back.
_TOKEN_RE = re.compile(r"\S+\s*|\s+")


def words(text: str) -> list[str]:
    return _TOKEN_RE.findall(text)


def redline(old: str, new: str) -> list[tuple[Op, str]]:
    """The chunks that turn `old` into `new`: equal, deleted and inserted runs of words.

    A replaced run comes out as its deletion followed by its insertion, as a printed redline
    shows it.
    """
    before, after = words(old), words(new)
    chunks: list[tuple[Op, str]] = []
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in {"equal", "delete", "replace"}:
            _append(chunks, "equal" if tag == "equal" else "delete", before[i1:i2])
        if tag in {"insert", "replace"}:
            _append(chunks, "insert", after[j1:j2])
    return chunks


def _append(chunks: list[tuple[Op, str]], op: Op, tokens: list[str]) -> None:
    text = "".join(tokens)
    if not text:
        return
    if chunks and chunks[-1][0] == op:
        chunks[-1] = (op, chunks[-1][1] + text)
    else:
        chunks.append((op, text))
