"""Lists of comments across letters: the user's own work, and every comment he may see."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tracker import queries
from tracker.filters import AllCommentsFilter
from tracker.forms import today_in_new_york
from tracker.parsing import add_business_days

from .walk import list_link

COMMENTS_PER_PAGE = 50
DUE_SOON_BUSINESS_DAYS = 2


def my_work(request: HttpRequest) -> HttpResponse:
    """The home page: what waits for the user today, in every company he belongs to."""
    today = today_in_new_york()
    soon = add_business_days(today, DUE_SOON_BUSINESS_DAYS)
    work = queries.my_work(request.user, today=today, soon=soon)
    context = {"work": work, "today": today, "soon": soon, "limit": queries.MY_WORK_ROWS}
    context["walk_carry"] = list_link("my_work")
    return render(request, "tracker/lists/my_work.html", context)


def all_comments(request: HttpRequest) -> HttpResponse:
    filters = AllCommentsFilter(request.GET or None, user=request.user)
    comments = filters.qs.order_by("letter_id", "number")
    page = queries.comment_page(comments, request.GET.get("page"), COMMENTS_PER_PAGE)
    page_numbers = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    context = {"filter": filters, "page": page, "page_numbers": page_numbers}
    context["today"] = today_in_new_york()
    filtered = request.GET.copy()
    filtered.pop("page", None)
    context["walk_carry"] = list_link("all_comments", filtered.urlencode())
    return render(request, "tracker/lists/all_comments.html", context)
