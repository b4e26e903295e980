"""Previous / next on the comment page: in the order of the list the user came from (All
comments as he filtered it, or My work), else in the order of the letter.

The list travels in the `from` parameter as its name and its filters ("all_comments?status=
in_review"). Only the two lists' names are accepted and only their own filters are kept, after
the list's filter form has checked them as the list does; the link back to the list is
reversed here, never taken from the parameter, so `from` cannot send anyone elsewhere.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest, QueryDict
from django.urls import reverse

from tracker.filters import AllCommentsFilter
from tracker.models import Comment
from tracker.queries.walk import Step, in_letter_order, in_list_order, in_my_work_order

MAX_FROM_CHARS = 2_000


@dataclass(frozen=True)
class Walk:
    """Where previous and next lead; `carry` ("?from=...") goes on their links so the walk
    stays in the list, `back` is the list's address ("" in the order of the letter)."""

    previous: Step | None
    next: Step | None
    order: str
    carry: str = ""
    back: str = ""


def walk_for(request: HttpRequest, comment: Comment) -> Walk:
    origin = request.GET.get("from", "")[:MAX_FROM_CHARS]
    name, _, query = origin.partition("?")
    walk = None
    if name == "all_comments":
        walk = all_comments_walk(request, comment, QueryDict(query))
    elif name == "my_work":
        steps = in_my_work_order(request.user, comment)
        if steps:
            walk = Walk(*steps, "My work", list_link("my_work"), reverse("my_work"))
    return walk or Walk(*in_letter_order(comment), "the letter")


def all_comments_walk(request: HttpRequest, comment: Comment, asked: QueryDict) -> Walk | None:
    """The walk through All comments filtered as `asked`, if its filter form accepts it."""
    filters = AllCommentsFilter(asked, user=request.user)
    if not filters.is_valid():
        return None
    kept = QueryDict(mutable=True)
    for field in filters.form.fields:
        kept.setlist(field, [value for value in asked.getlist(field) if value])
    query = kept.urlencode()
    back = reverse("all_comments") + (f"?{query}" if query else "")
    steps = in_list_order(filters.qs, comment)
    order = "All comments, as filtered" if query else "All comments"
    return Walk(*steps, order, list_link("all_comments", query), back)


def list_link(name: str, query: str = "") -> str:
    """The query string a list puts on its comment links: "?from=all_comments%3Fstatus..."."""
    return "?" + urlencode({"from": f"{name}?{query}" if query else name})
