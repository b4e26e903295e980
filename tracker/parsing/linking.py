"""Which sections of a filing a staff comment concerns, and the sentences it is about.

A section ranks high when the page the comment's heading names falls within its pages, when its
title matches the comment's headings, and when it shares the comment's rarer words (BM25, for
comments that name no page). Within the section, the passage is the sentence the comment quotes,
else the sentence that shares most of its words. Pure Python, no Django.
"""

import math
import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from .pages import TRAILING_PAGE_RE, page_refs
from .passages import find_passage

MAX_LINKS = 3
MIN_SCORE = 0.25
# A link is kept only if it scores at least this share of the best link of the comment.
RELATIVE_CUTOFF = 0.6
TITLE_CUTOFF = 80  # rapidfuzz WRatio, out of 100
OUTER_HEADING_WEIGHT = 0.6
WEIGHTS = {"title": 0.45, "page": 0.35, "words": 0.20}
WEIGHTS_WITHOUT_PAGES = {"title": 0.6, "page": 0.0, "words": 0.4}

_WORD_RE = re.compile(r"[a-z0-9]+")
STOPWORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "that",
        "this",
        "with",
        "from",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "not",
        "but",
        "its",
        "our",
        "your",
        "you",
        "which",
        "their",
        "they",
        "them",
        "into",
        "also",
        "such",
        "any",
        "all",
        "may",
        "will",
        "would",
        "should",
        "can",
        "could",
        "been",
        "being",
        "more",
        "than",
        "other",
        "each",
        "these",
        "those",
        "there",
        "where",
        "when",
        "what",
        "how",
        "who",
        "about",
        "please",
        "revise",
        "disclose",
        "disclosure",
        "note",
        "provide",
        "tell",
        "explain",
        "discuss",
        "page",
        "pages",
        "filing",
        "registration",
        "statement",
        "comment",
        "response",
        "we",
        "us",
        "company",
    ]
)


@dataclass(frozen=True)
class SectionDoc:
    key: int
    title: str
    first_page: str = ""
    last_page: str = ""
    text: str = ""


@dataclass(frozen=True)
class CommentDoc:
    key: int
    headings: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Match:
    section: int
    score: float
    passage: str


def words(text: str) -> list[str]:
    return [w for w in _WORD_RE.findall(text.lower()) if len(w) > 2 and w not in STOPWORDS]


def page_key(label: str) -> tuple[str, int] | None:
    """ "29" -> ("", 29), "F-37" -> ("F", 37); None for roman numerals and blanks."""
    match = re.fullmatch(r"(?:([A-Z]{1,2})-?)?(\d{1,5})", label.strip().upper())
    return (match.group(1) or "", int(match.group(2))) if match else None


def heading_title(heading: str) -> str:
    """ "Use of Proceeds, page 29" -> "Use of Proceeds"."""
    return TRAILING_PAGE_RE.sub("", heading).strip(" ,.")


class PageRange:
    """A section's pages, in the numbered series (1, 2, ...) or a lettered one (F-1, F-2, ...)."""

    def __init__(self, first: str, last: str) -> None:
        self.first, self.last = page_key(first), page_key(last or first)

    def __contains__(self, page: tuple[str, int]) -> bool:
        first, last = self.first, self.last
        if first is None or last is None:
            return False
        if first[0] == last[0]:
            return page[0] == first[0] and first[1] <= page[1] <= last[1]
        return (page[0] == first[0] and page[1] >= first[1]) or (
            page[0] == last[0] and page[1] <= last[1]
        )

    @property
    def specificity(self) -> float:
        """1 for a one-page section, less for longer ones: the narrowest section wins a page."""
        if self.first is None or self.last is None or self.first[0] != self.last[0]:
            return 0.5
        return 1 / (1 + 0.05 * max(self.last[1] - self.first[1], 0))


class Bm25:
    """Okapi BM25 over the sections' words, with postings so a query touches only its terms."""

    def __init__(self, documents: list[list[str]], k1: float = 1.5, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.lengths = [len(doc) for doc in documents]
        self.average = (sum(self.lengths) / len(documents)) if documents else 0.0
        self.postings: dict[str, list[tuple[int, int]]] = {}
        for index, doc in enumerate(documents):
            for term, count in Counter(doc).items():
                self.postings.setdefault(term, []).append((index, count))
        total = len(documents)
        self.idf = {
            term: math.log(1 + (total - len(p) + 0.5) / (len(p) + 0.5))
            for term, p in self.postings.items()
        }

    def scores(self, query: list[str]) -> dict[int, float]:
        found: dict[int, float] = {}
        for term in set(query):
            for index, tf in self.postings.get(term, ()):
                norm = self.k1 * (1 - self.b + self.b * self.lengths[index] / (self.average or 1))
                gain = self.idf[term] * tf * (self.k1 + 1) / (tf + norm)
                found[index] = found.get(index, 0.0) + gain
        return found


class SectionIndex:
    """A filing's sections, ready to rank against any number of comments."""

    def __init__(self, sections: list[SectionDoc]) -> None:
        self.sections = sections
        self.titles = [section.title for section in sections]
        self.ranges = [PageRange(s.first_page, s.last_page) for s in sections]
        self.bm25 = Bm25([words(f"{s.title} {s.title} {s.text}") for s in sections])

    def rank(self, comment: CommentDoc, limit: int = MAX_LINKS) -> list[Match]:
        """The sections the comment most likely concerns, best first, each with its passage."""
        if not self.sections:
            return []
        heading_pages, text_pages = comment_pages(comment)
        weights = WEIGHTS if heading_pages or text_pages else WEIGHTS_WITHOUT_PAGES
        titles = self.title_scores(comment.headings)
        pages = self.page_scores(heading_pages, text_pages)
        # The headings are matched against titles; "General" would only add noise here.
        found = self.bm25.scores(words(comment.text))
        best_words = max(found.values(), default=0.0) or 1.0
        totals = [
            weights["title"] * titles[i]
            + weights["page"] * pages[i]
            + weights["words"] * found.get(i, 0.0) / best_words
            for i in range(len(self.sections))
        ]
        return self.best(comment, totals, limit)

    def best(self, comment: CommentDoc, totals: list[float], limit: int) -> list[Match]:
        order = sorted(range(len(totals)), key=lambda i: (-totals[i], i))
        top = totals[order[0]]
        kept = [i for i in order[:limit] if totals[i] >= max(MIN_SCORE, RELATIVE_CUTOFF * top)]
        return [
            Match(
                self.sections[i].key,
                round(totals[i], 4),
                find_passage(comment.text, self.sections[i].text),
            )
            for i in kept
        ]

    def title_scores(self, headings: tuple[str, ...]) -> list[float]:
        """How well each title matches the headings; the innermost heading counts most."""
        scores = [0.0] * len(self.sections)
        cleaned = [heading_title(heading) for heading in headings]
        if not cleaned:
            return scores
        for depth, heading in enumerate(reversed(cleaned)):
            weight = OUTER_HEADING_WEIGHT**depth
            for _, similarity, i in process.extract(
                heading,
                self.titles,
                scorer=fuzz.WRatio,
                processor=utils.default_process,
                score_cutoff=TITLE_CUTOFF,
                limit=None,
            ):
                scores[i] = max(scores[i], weight * similarity / 100)
        return scores

    def page_scores(self, heading_pages: list, text_pages: list) -> list[float]:
        scores = []
        for page_range in self.ranges:
            score = 0.0
            if any(page in page_range for page in heading_pages):
                score = 1.0
            elif any(page in page_range for page in text_pages):
                score = 0.7
            scores.append(score * page_range.specificity)
        return scores


def comment_pages(comment: CommentDoc) -> tuple[list, list]:
    """The pages of the innermost heading that names any, and the other pages the text names."""
    heading_pages: list = []
    for heading in reversed(comment.headings):
        heading_pages = [k for page in page_refs(heading) if (k := page_key(page))]
        if heading_pages:
            break
    text_pages = [k for page in page_refs(comment.text) if (k := page_key(page))]
    return heading_pages, [page for page in text_pages if page not in heading_pages]
