"""Read-only pages: the dashboard, a staff letter, a comment; and the site's icon."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_GET

from tracker import permissions, queries
from tracker.clock import company_today
from tracker.filters import LetterCommentFilter
from tracker.forms import AssignForm
from tracker.models import CommentLetter

from .comment_page import render_comment


def dashboard(request: HttpRequest) -> HttpResponse:
    reviews = queries.dashboard_reviews(request.user)
    return render(request, "tracker/dashboard.html", {"reviews": reviews})


def letter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    letter = queries.letter_for(request.user, pk)
    context = letter_context(request, letter, request.GET)
    return render(request, "tracker/letter/detail.html", context)


def letter_context(request: HttpRequest, letter: CommentLetter, filter_data: QueryDict) -> dict:
    """The letter page's comment table, filtered as asked, with the assign form for those
    the company lets assign (permissions.can_assign)."""
    company = letter.review.company
    role = permissions.role_in(request.user, company)
    may_assign = permissions.can_assign(role, company)
    members = queries.company_members(company)
    filters = LetterCommentFilter(filter_data or None, letter=letter, members=members)
    assign_form = None
    if may_assign:
        assign_form = AssignForm(letter=letter, members=queries.assignable_members(company))
        assign_form.offer([member for member in members if member.may_be_assigned])
    comments = queries.comment_rows(queries.comment_values(filters.qs.order_by("number")))
    return {
        "letter": letter,
        "filter": filters,
        "groups": queries.group_by_headings(comments),
        "shown": len(comments),
        "filter_query": filter_data.urlencode(),
        "assign_form": assign_form,
        "may_review": permissions.can_act_on_comments(role),
        "today": company_today(company),
        "may_record_extension": permissions.can_record_extension(role),
    }


def comment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The staff comment beside our response, with its notes, revisions and activity."""
    return render_comment(request, pk)


@login_not_required
@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page links to: send them to the icon in the
    static files, rather than let each page's console report a 404."""
    return redirect(static("img/favicon.svg"), permanent=True)
