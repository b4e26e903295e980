"""Read-only pages: the dashboard, a staff letter, a comment."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tracker import queries


def dashboard(request: HttpRequest) -> HttpResponse:
    reviews = queries.dashboard_reviews(request.user)
    return render(request, "tracker/dashboard.html", {"reviews": reviews})


def letter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    letter = queries.letter_for(request.user, pk)
    comments = queries.letter_comments(letter)
    context = {"letter": letter, "groups": queries.group_by_headings(comments)}
    return render(request, "tracker/letter/detail.html", context)


def comment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    comment = queries.comment_for(request.user, pk)
    revisions = list(comment.response.revisions.all()) if hasattr(comment, "response") else []
    context = {"comment": comment, "revision": revisions[0] if revisions else None}
    return render(request, "tracker/comment/detail.html", context)
