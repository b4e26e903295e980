"""Lists of comments across letters: the user's own work, and every comment he may see."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tracker import queries
from tracker.clock import Days
from tracker.filters import AllCommentsFilter

from .walk import list_link

COMMENTS_PER_PAGE = 50


def my_work(request: HttpRequest) -> HttpResponse:
    """The home page: what waits for the user today, in every company he belongs to, each
    company's work counted in its own days."""
    days = Days()
    work = queries.my_work(request.user, days=days)
    context = {"work": work, "days": days, "limit": queries.MY_WORK_ROWS}
    context["walk_carry"] = list_link("my_work")
    return render(request, "tracker/lists/my_work.html", context)


def all_comments(request: HttpRequest) -> HttpResponse:
    filters = AllCommentsFilter(request.GET or None, user=request.user)
    comments = filters.qs.order_by("letter_id", "number")
    page = queries.comment_page(comments, request.GET.get("page"), COMMENTS_PER_PAGE)
    page_numbers = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    context = {"filter": filters, "page": page, "page_numbers": page_numbers, "days": Days()}
    filtered = request.GET.copy()
    filtered.pop("page", None)
    context["walk_carry"] = list_link("all_comments", filtered.urlencode())
    return render(request, "tracker/lists/all_comments.html", context)
