"""Which section of the earlier filing each section of an amendment is, by title and by content.

Most sections keep their titles; the rest are matched by fuzzy title and shared words, so that a
renamed or reworded section still finds its earlier self. Pure Python, no Django.
"""

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

MIN_TITLE = 85  # rapidfuzz WRatio, out of 100
MIN_SCORE = 0.6
MIN_SAME_TEXT = 0.6  # a renamed section with this share of its words unchanged is still itself


@dataclass(frozen=True)
class VersionDoc:
    key: int
    path: tuple[str, ...]  # titles from the top of the outline down to this section
    text: str = ""


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip()


def _vocabulary(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]{3,}", text.casefold()))


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def match_versions(old: list[VersionDoc], new: list[VersionDoc]) -> dict[int, int]:
    """{new key: old key}, one to one; sections left unmatched are new (or were removed)."""
    matched = _same_paths(old, new)
    taken = set(matched.values())
    rest_old = [doc for doc in old if doc.key not in taken]
    rest_new = [doc for doc in new if doc.key not in matched]
    if rest_old and rest_new:
        matched |= _similar(rest_old, rest_new)
    return matched


def _same_paths(old: list[VersionDoc], new: list[VersionDoc]) -> dict[int, int]:
    waiting: dict[tuple[str, ...], list[int]] = {}
    for doc in old:
        waiting.setdefault(tuple(map(_norm, doc.path)), []).append(doc.key)
    matched = {}
    for doc in new:
        keys = waiting.get(tuple(map(_norm, doc.path)))
        if keys:
            matched[doc.key] = keys.pop(0)
    return matched


def _similar(old: list[VersionDoc], new: list[VersionDoc]) -> dict[int, int]:
    """Greedy, best pair first: title similarity weighs more than shared words."""
    old_titles = [doc.path[-1] for doc in old]
    titles = [
        {i: score for _, score, i in _similar_titles(doc.path[-1], old_titles)} for doc in new
    ]
    old_words = [_vocabulary(doc.text) for doc in old]
    pairs = []
    for i, doc in enumerate(new):
        vocabulary = _vocabulary(doc.text)
        for j in range(len(old)):
            title_score = titles[i].get(j, 0.0) / 100
            same_text = jaccard(vocabulary, old_words[j])
            score = 0.6 * title_score + 0.4 * same_text
            if score >= MIN_SCORE or same_text >= MIN_SAME_TEXT:
                pairs.append((score, same_text, i, j))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, _, i, j in sorted(pairs, reverse=True):
        if new[i].key not in matched and j not in used:
            matched[new[i].key] = old[j].key
            used.add(j)
    return matched


def _similar_titles(title: str, titles: list[str]) -> list[tuple[str, float, int]]:
    return process.extract(
        title,
        titles,
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        score_cutoff=MIN_TITLE,
        limit=None,
    )
