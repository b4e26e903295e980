"""A word-level redline between two texts: what a reviewer reads to see what changed.

Pure Python, no Django: text in, (op, text) chunks out; the template escapes and marks them up.

A word diff costs time in the square of the words (difflib matches every word against each of
its repeats), so a long response is compared sentence by sentence first, and only the changed
stretches of up to WORD_DIFF_MAX words are compared word by word; a longer changed stretch is
shown struck out and rewritten whole. That keeps the time roughly linear in the text.
"""

import re
from difflib import SequenceMatcher
from typing import Literal

Op = Literal["equal", "insert", "delete"]
Opcode = tuple[str, int, int, int, int]  # difflib's (tag, i1, i2, j1, j2) over tokens

# Tokens (words, spaces, punctuation) of both texts together that are compared word by word.
WORD_DIFF_MAX = 2_000

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
    return token_redline(words(old), words(new))


def token_redline(before: list[str], after: list[str]) -> list[tuple[Op, str]]:
    """`redline` over texts already split into tokens (see `words`): a token is compared
    whole, and a chunk's text is its tokens joined."""
    opcodes = _merged(_opcodes(before, after))
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


def _opcodes(before: list[str], after: list[str]) -> list[Opcode]:
    """Token opcodes: word by word when short, else by sentences refined where they differ."""
    if len(before) + len(after) <= WORD_DIFF_MAX:
        return SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    return _by_sentences(before, after)


def _by_sentences(a: list[str], b: list[str]) -> list[Opcode]:
    """Match whole sentences, then diff word by word each changed stretch short enough; in a
    longer one, the sentences are paired in order and each pair diffed word by word.

    autojunk lets difflib ignore a sentence repeated all through the text (which would bring
    back the square); such a sentence then shows as changed, never as lost.
    """
    a_starts, b_starts = _sentence_starts(a), _sentence_starts(b)
    matcher = SequenceMatcher(None, _sentences(a, a_starts), _sentences(b, b_starts), autojunk=True)
    opcodes: list[Opcode] = []
    for tag, s1, s2, t1, t2 in matcher.get_opcodes():
        i1, i2, j1, j2 = a_starts[s1], a_starts[s2], b_starts[t1], b_starts[t2]
        if tag == "equal":
            opcodes.append((tag, i1, i2, j1, j2))
        elif (i2 - i1) + (j2 - j1) <= WORD_DIFF_MAX:
            opcodes += _word_opcodes(a, b, i1, i2, j1, j2)
        else:
            for k in range(max(s2 - s1, t2 - t1)):
                x1, x2 = a_starts[min(s1 + k, s2)], a_starts[min(s1 + k + 1, s2)]
                y1, y2 = b_starts[min(t1 + k, t2)], b_starts[min(t1 + k + 1, t2)]
                opcodes += _word_opcodes(a, b, x1, x2, y1, y2)
    return opcodes


def _word_opcodes(a: list[str], b: list[str], i1: int, i2: int, j1: int, j2: int) -> list[Opcode]:
    """a[i1:i2] against b[j1:j2] word by word, or as one change if that is too long."""
    if (i2 - i1) + (j2 - j1) > WORD_DIFF_MAX:
        return [("replace", i1, i2, j1, j2)]
    matcher = SequenceMatcher(None, a[i1:i2], b[j1:j2], autojunk=False)
    return [
        (op, x1 + i1, x2 + i1, y1 + j1, y2 + j1) for op, x1, x2, y1, y2 in matcher.get_opcodes()
    ]


_SENTENCE_END = {".", "?", "!", ";", ":"}


def _sentence_starts(tokens: list[str]) -> list[int]:
    """Where each sentence starts, and the end: a sentence runs to the space after its stop
    or to a line break."""
    starts = [0]
    for index, token in enumerate(tokens):
        if token.isspace() and ("\n" in token or (index and tokens[index - 1] in _SENTENCE_END)):
            starts.append(index + 1)
    if starts[-1] != len(tokens):
        starts.append(len(tokens))
    return starts


def _sentences(tokens: list[str], starts: list[int]) -> list[str]:
    return ["".join(tokens[i:j]) for i, j in zip(starts, starts[1:], strict=False)]


def _merged(opcodes: list[Opcode]) -> list[Opcode]:
    """Neighbouring equal runs as one: the chunking below reads a run between two changes."""
    merged: list[Opcode] = []
    for opcode in opcodes:
        if opcode[1] == opcode[2] and opcode[3] == opcode[4]:
            continue
        if merged and opcode[0] == merged[-1][0] == "equal":
            tag, i1, _, j1, _ = merged[-1]
            merged[-1] = (tag, i1, opcode[2], j1, opcode[4])
        else:
            merged.append(opcode)
    return merged
