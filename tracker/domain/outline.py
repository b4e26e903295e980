"""The filing's outline as the staff's headings describe it, until the filing itself is imported."""

from django.db import connection
from django.utils import timezone

from tracker.enums import LinkMethod
from tracker.models import Comment, Filing, Section, SectionLink
from tracker.parsing import page_refs

from .rows import insert_rows, insert_rows_returning_pks

AUTOMATIC = LinkMethod.AUTOMATIC
LINK_FIELDS = ("comment", "section", "method", "score", "passage", "created_at")
SECTION_FIELDS = (
    "filing",
    "parent",
    "order",
    "title",
    "first_page",
    "last_page",
    "text",
    "is_placeholder",
)


def outline_from_comments(filing: Filing, comments: list[Comment]) -> int:
    """Create a placeholder section per heading the letter names, and link each comment to its
    own; returns how many sections were created.

    Headings already in the outline (from an earlier letter) are reused, so links carry over.
    The sections are written from tuples, not model objects: a long letter names a heading for
    nearly every comment, and building a Section for each cost more than its insert.
    """
    placeholders = placeholder_paths(filing)
    known = {path: section.pk for path, section in placeholders}
    first = max((section.order for _, section in placeholders), default=0) + 1
    orders = {path: first + i for i, path in enumerate(new_paths(comments, known))}
    # One insert per heading level, not per heading: parents are saved before their children.
    for depth in sorted({len(path) for path in orders}):
        paths = [path for path in orders if len(path) == depth]
        level = [placeholder(filing, path, known.get(path[:-1]), orders[path]) for path in paths]
        pks = insert_rows_returning_pks(Section, SECTION_FIELDS, level)
        known.update(zip(paths, pks, strict=True))
    link_to_headings(comments, known)
    return len(orders)


def link_to_headings(comments: list[Comment], known: dict[tuple[str, ...], int]) -> None:
    """An automatic link from each comment to the placeholder (by pk) of its own headings (a
    link already there is kept)."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    rows = [
        (c.pk, known[tuple(c.headings)], AUTOMATIC, 1.0, "", now) for c in comments if c.headings
    ]
    insert_rows(SectionLink, LINK_FIELDS, rows, ignore_conflicts=True)


def new_paths(comments: list[Comment], known: dict) -> list[tuple[str, ...]]:
    """Heading paths not yet in the outline, top to bottom in the order the letter names them."""
    paths = dict.fromkeys(
        tuple(c.headings[:depth]) for c in comments for depth in range(1, len(c.headings) + 1)
    )
    return [path for path in paths if path not in known]


def placeholder(filing: Filing, path: tuple[str, ...], parent_pk: int | None, order: int) -> tuple:
    """A placeholder section's row in SECTION_FIELDS order."""
    pages = page_refs(path[-1])
    first_page, last_page = (pages[0], pages[-1]) if pages else ("", "")
    return (filing.pk, parent_pk, order, path[-1][:500], first_page, last_page, "", True)


def placeholder_paths(filing: Filing) -> list[tuple[tuple[str, ...], Section]]:
    """Each placeholder section with the path of titles from the top of the outline down to it."""
    return section_paths(filing, placeholders=True)


def section_paths(filing: Filing, *, placeholders: bool) -> list[tuple[tuple[str, ...], Section]]:
    """The filing's placeholder (or real) sections, each with its path of titles from the top."""
    sections = list(filing.sections.filter(is_placeholder=placeholders).order_by("order"))
    by_id = {section.pk: section for section in sections}
    paths = []
    for section in sections:
        path, node = [section.title], section
        while node.parent_id in by_id:
            node = by_id[node.parent_id]
            path.insert(0, node.title)
        paths.append((tuple(path), section))
    return paths
