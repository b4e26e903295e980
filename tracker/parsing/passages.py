"""The sentences of a section that a staff comment is about, and marking them in the text.

The staff quote the filing ("We note your statement that you are 'a leading provider of...'");
a quoted phrase found in the section gives its sentence. Otherwise the sentence sharing most of the
comment's words is the passage, if it shares enough. Pure Python, no Django.
"""

import re
from dataclasses import dataclass

MAX_SENTENCES = 3
MIN_SHARED_WORDS = 3

_QUOTE_RE = re.compile(r"[“\"]([^”\"]{8,}?)[”\"]")
_ELLIPSIS_RE = re.compile(r"\s*(?:\.{3}|…)\s*")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
_SENTENCE_END_RE = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“(]?[A-Z0-9$])|\n+")
_ABBREVIATIONS = {"inc", "no", "mr", "mrs", "ms", "dr", "co", "corp", "ltd", "jr", "sr", "st"}
_ABBREVIATIONS |= {"u.s", "e.g", "i.e", "vs", "nos", "sec", "approx", "fig"}
_CONTENT_RE = re.compile(r"[a-z][a-z0-9'-]{3,}")
_COMMON = frozenset(
    [
        "that",
        "this",
        "with",
        "from",
        "have",
        "your",
        "which",
        "their",
        "they",
        "these",
        "those",
        "there",
        "been",
        "being",
        "would",
        "should",
        "could",
        "please",
        "revise",
        "disclose",
        "disclosure",
        "note",
        "also",
        "provide",
        "tell",
        "explain",
        "discuss",
        "whether",
        "page",
        "pages",
        "such",
        "other",
        "more",
        "than",
        "into",
        "about",
    ]
)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a line break always ends one (table rows, paragraphs)."""
    spans, start = [], 0
    for match in _SENTENCE_END_RE.finditer(text):
        if match.group().startswith((".", "!", "?")) and _ends_in_abbreviation(text, match.start()):
            continue
        end = match.start() + (0 if match.group().startswith("\n") else 1)
        end += len(re.match(r"[\"”’)]*", text[end:]).group())
        if text[start:end].strip():
            spans.append(_trimmed(text, start, end))
        start = match.end()
    if text[start:].strip():
        spans.append(_trimmed(text, start, len(text)))
    return spans


def _ends_in_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"([A-Za-z.]+)$", text[max(0, dot - 12) : dot])
    return bool(word) and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def quoted_fragments(comment: str) -> list[str]:
    """The phrases the comment quotes, cut at ellipses, each at least two words long."""
    fragments = []
    for quote in _QUOTE_RE.findall(comment.translate(_QUOTES)):
        for fragment in _ELLIPSIS_RE.split(quote):
            fragment = fragment.strip(" .,;:'")
            if len(fragment.split()) >= 2:
                fragments.append(fragment)
    return fragments


def find_passage(comment: str, section_text: str) -> str:
    """The sentences of the section the comment concerns, one per line; "" if none stands out."""
    spans = sentences(section_text)
    chosen = _quoted_sentences(comment, section_text, spans) or _overlapping(comment, section_text)
    return "\n".join(section_text[start:end] for start, end in chosen[:MAX_SENTENCES])


def _quoted_sentences(comment: str, text: str, spans: list) -> list[tuple[int, int]]:
    plain = text.translate(_QUOTES)
    chosen: list[tuple[int, int]] = []
    for fragment in quoted_fragments(comment):
        pattern = r"\s+".join(re.escape(word) for word in fragment.translate(_QUOTES).split())
        match = re.search(pattern, plain, re.IGNORECASE)
        if match is None:
            continue
        for span in spans:
            if span[0] <= match.start() < span[1] and span not in chosen:
                chosen.append(span)
    return sorted(chosen)


def _content_words(text: str) -> set[str]:
    return {w for w in _CONTENT_RE.findall(text.lower()) if w not in _COMMON}


def _overlapping(comment: str, text: str) -> list[tuple[int, int]]:
    wanted = _content_words(comment)
    best, best_shared = None, MIN_SHARED_WORDS - 1
    for span in sentences(text):
        shared = len(wanted & _content_words(text[span[0] : span[1]]))
        if shared > best_shared:
            best, best_shared = span, shared
    return [best] if best else []


@dataclass(frozen=True)
class Chunk:
    """A run of the section's text and the keys (comment numbers) whose passage covers it."""

    text: str
    keys: tuple[int, ...] = ()


def highlight(text: str, passages: list[tuple[str, int]]) -> list[Chunk]:
    """The text cut into runs, each marked with the keys of the passages that cover it.
    A passage is sentences one per line, each found verbatim in the text."""
    marks = []
    for passage, key in passages:
        for sentence in filter(None, (line.strip() for line in passage.splitlines())):
            start = text.find(sentence)
            if start >= 0:
                marks.append((start, start + len(sentence), key))
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    chunks = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        keys = tuple(sorted({key for s, e, key in marks if s <= start and end <= e}))
        chunks.append(Chunk(text[start:end], keys))
    return chunks
