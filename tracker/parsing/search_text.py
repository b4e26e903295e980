"""What a person types into the precedent search, read as words, "quoted phrases" and -excluded
words (the syntax of PostgreSQL's websearch_to_tsquery), and the marking of matches in a text.

Pure Python. Matching here is by a crude English stem (a word's plural, -ed and -ing forms match
it), close enough to the databases' own stemmers for marking snippets and for ranking the firm's
own comments, whose number is small.
"""

import html
import re
from dataclasses import dataclass, field

# A word: letters and digits of any script ("caféine", "Société"), with inner apostrophes and
# hyphens.
WORD = re.compile(r"[^\W_][\w'’-]*")
TOKEN = re.compile(r'-?"[^"]*"?|\S+')
SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "s", "ly")
_STOPWORDS = """a about above after again all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further
    had has have having he her here hers him his how i if in into is it its itself me more most
    my no nor not of off on once only or other our ours out over own same she should so some such
    than that the their theirs them then there these they this those through to too under until
    up very was we were what when where which while who whom why will with would you your yours
    us"""
STOPWORDS = frozenset(_STOPWORDS.split())
# The words a staff comment always uses ("please revise", "tell us"): useless for telling one
# comment from another, so they are dropped from a comment used as a query (not from a search).
_FORMULAE = "please tell note provide revise disclose comment response"
STAFF_FORMULAE = frozenset(_FORMULAE.split())
SNIPPET_CHARS = 240


@dataclass
class SearchText:
    words: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    # `a or b "c d"`: groups of which one alternative (a word or a phrase's words) must match.
    either: list[list[list[str]]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.words or self.phrases or self.either)

    def marked_stems(self) -> set[str]:
        """The stems a snippet marks: every word and phrase word searched for."""
        alternatives = [w for group in self.either for words in group for w in words]
        return {stem(w) for w in self.words + [w for p in self.phrases for w in p] + alternatives}


def stem(word: str) -> str:
    """A crude English stem: lower case, a common suffix and a final e taken off (never below
    3 letters)."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def words_of(text: str) -> list[str]:
    return WORD.findall(text)


def parse_search(text: str) -> SearchText:
    """Words, "phrases", -words and `a or b` alternatives of a search, as PostgreSQL's
    websearch_to_tsquery reads them; stop words and punctuation are not searched for."""
    terms: list[list[str] | str] = []  # each a term's words, or "or" between two terms
    excluded: list[str] = []
    for token in TOKEN.findall(text or ""):
        negative = token.startswith("-")
        body = token.lstrip("-")
        if body.lower() == "or" and not negative:
            terms.append("or")
            continue
        found = words_of(body)
        if not negative and not body.startswith('"'):
            found = [word for word in found if word.lower() not in STOPWORDS]
        if negative:
            excluded.extend(found)
        elif body.startswith('"') and len(found) > 1:
            terms.append(found)
        else:
            terms.extend([word] for word in found)
    parsed = SearchText(excluded=excluded)
    for group in _or_groups(terms):
        if len(group) > 1:
            parsed.either.append(group)
        elif len(group[0]) > 1:
            parsed.phrases.append(group[0])
        else:
            parsed.words.extend(group[0])
    return parsed


def _or_groups(terms: list[list[str] | str]) -> list[list[list[str]]]:
    """Terms joined by "or" into one group; an "or" with nothing on a side is ignored."""
    groups: list[list[list[str]]] = []
    joined = False
    for term in terms:
        if term == "or":
            joined = bool(groups)
            continue
        if joined:
            groups[-1].append(term)
        else:
            groups.append([term])
        joined = False
    return groups


def fts5_expression(parsed: SearchText) -> str:
    """The same search as an SQLite FTS5 MATCH expression: every word and phrase, none of the
    excluded words. Each is quoted, so nothing typed is read as FTS5 syntax."""
    parts = [f'"{w}"' for w in parsed.words] + [f'"{" ".join(p)}"' for p in parsed.phrases]
    parts += [
        "(" + " OR ".join(f'"{" ".join(words)}"' for words in group) + ")"
        for group in parsed.either
    ]
    expression = " AND ".join(parts)
    for word in parsed.excluded:
        expression += f' NOT "{word}"'
    return expression


def fts5_any(words: list[str]) -> str:
    """An FTS5 expression matching any of `words` (ranked by bm25, so rarer words weigh more)."""
    return " OR ".join(f'"{word}"' for word in words)


def content_words(text: str, limit: int = 64) -> list[str]:
    """The distinct words of `text` worth searching for: no stop words or staff formulae, no
    one- or two-letter words, in order of first appearance (at most `limit`)."""
    seen: dict[str, str] = {}
    for word in words_of(text):
        lowered = word.lower()
        if len(lowered) > 2 and lowered not in STOPWORDS | STAFF_FORMULAE and not lowered.isdigit():
            seen.setdefault(stem(lowered), lowered)
    return list(seen.values())[:limit]


def matches(parsed: SearchText, text: str) -> bool:
    """Whether `text` holds every word and phrase of the search and none of its excluded words."""
    stems = [stem(word) for word in words_of(text)]
    present = set(stems)
    if any(stem(word) in present for word in parsed.excluded):
        return False
    if not all(stem(word) in present for word in parsed.words):
        return False
    if not all(_holds_phrase(stems, [stem(w) for w in phrase]) for phrase in parsed.phrases):
        return False
    return all(
        any(_holds_phrase(stems, [stem(w) for w in words]) for words in group)
        for group in parsed.either
    )


def _holds_phrase(stems: list[str], phrase: list[str]) -> bool:
    size = len(phrase)
    return any(stems[i : i + size] == phrase for i in range(len(stems) - size + 1))


def snippet(text: str, stems: set[str], chars: int = SNIPPET_CHARS) -> str:
    """HTML: about `chars` characters of `text` around its first match, escaped, each matching
    word in <mark>. Without a match, the text's opening; "" for an empty text."""
    found = [m for m in WORD.finditer(text) if stem(m.group()) in stems]
    start = max(0, found[0].start() - chars // 3) if found else 0
    if start:
        start = text.find(" ", start) + 1 or start
    end = min(len(text), start + chars)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    pieces, at = [], start
    for match in found:
        if match.start() < start or match.end() > end:
            continue
        pieces += [
            html.escape(text[at : match.start()]),
            f"<mark>{html.escape(match.group())}</mark>",
        ]
        at = match.end()
    pieces.append(html.escape(text[at:end]))
    return ("…" if start else "") + "".join(pieces) + ("…" if end < len(text) else "")
