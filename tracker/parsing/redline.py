"""A word-level redline between two texts: what a reviewer reads to see what changed.

Pure Python, no Django: text in, (op, text) chunks out; the template escapes and marks them up.
"""

import re
from difflib import SequenceMatcher
from typing import Literal

Op = Literal["equal", "insert", "delete"]

# Words, runs of spaces and single punctuation marks; joined, they give the text back.
_TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]")


def words(text: str) -> list[str]:
    return _TOKEN_RE.findall(text)


def redline(old: str, new: str) -> list[tuple[Op, str]]:
    """The chunks that turn `old` into `new`: equal, deleted and inserted runs of words.

    A changed run comes out as its deletion followed by its insertion, as a printed redline
    shows it; the spaces between two changed words belong to the change, so that replacing
    a phrase reads as one struck phrase and one new phrase, not word by word.
    """
    before, after = words(old), words(new)
    opcodes = SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    chunks: list[tuple[Op, str]] = []
    deleted: list[str] = []
    inserted: list[str] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        between_changes = 0 < index < len(opcodes) - 1 and "".join(before[i1:i2]).isspace()
        if tag == "equal" and not between_changes:
            _flush(chunks, deleted, inserted)
            chunks.append(("equal", "".join(before[i1:i2])))
        else:
            deleted += before[i1:i2]
            inserted += after[j1:j2]
    _flush(chunks, deleted, inserted)
    return chunks


def _flush(chunks: list[tuple[Op, str]], deleted: list[str], inserted: list[str]) -> None:
    if deleted:
        chunks.append(("delete", "".join(deleted)))
    if inserted:
        chunks.append(("insert", "".join(inserted)))
    deleted.clear()
    inserted.clear()
