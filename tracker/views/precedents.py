"""Precedents: the Similar comments panel of a comment's page, Start from this answer, a public
library comment's page, and the Search page.

The panel is loaded from its own URL after the comment's page, so that page's queries do not
grow with the ranking's. Everyone logged in may read the public library; our own reviews only
those of the companies the user may see (the queries decide which).
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_POST

from tracker import permissions, queries
from tracker.domain.precedents import start_from_precedent
from tracker.domain.responses import ActionRefused, DraftOfAnother
from tracker.forms import SearchForm, StartFromForm
from tracker.models import LibraryComment
from tracker.queries.precedents import SearchPage, search, similar_to

from .comment_page import RESPONSE_SWAP, render_comment
from .responses import acting_on, form_errors, succeeded


@require_GET
def similar_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """The five staff comments most like this one, with their answers and how they ended."""
    comment = queries.visible_comment(request.user, pk)  # with the user's role, read with it
    context = {
        "comment": comment,
        "precedents": similar_to(comment, request.user, limit=5),
        "may_start": permissions.can_draft(comment.user_role),
    }
    return render(request, "tracker/precedents/_similar.html", context)


@require_POST
def start_from_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Copy a precedent's answer into a new revision of this comment's response."""
    comment = acting_on(request, pk)
    form = StartFromForm(request.POST)
    try:
        if not form.is_valid():
            raise ActionRefused(f"Choose a precedent to start from. {form_errors(form)}")
        data = form.cleaned_data
        revision = start_from_precedent(
            comment.response,
            data["source"],
            data["pk"],
            actor=request.user,
            replacing=data["replacing"],
        )
    except DraftOfAnother as refusal:
        start = {"source": data["source"], "pk": data["pk"]}
        context = {"replace_draft": refusal, "replace_start_from": start}
        return render_comment(request, pk, RESPONSE_SWAP, 409, **context)
    except ActionRefused as refusal:
        return render_comment(request, pk, RESPONSE_SWAP, 400, error=str(refusal))
    message = (
        f"Revision {revision.number} starts from {revision.source}."
        if revision.source
        else ("The latest revision already holds that answer.")
    )
    return succeeded(request, pk, message, RESPONSE_SWAP)


@require_GET
def library_comment(request: HttpRequest, pk: int) -> HttpResponse:
    """A public staff comment, read-only: its thread, the answer, what it followed up and the
    follow-up that came back to it."""
    row = get_object_or_404(
        LibraryComment.objects.select_related(
            "letter", "thread", "answer_document", "followed_up_by__letter"
        ),
        pk=pk,
    )
    context = {
        "row": row,
        "follows": list(row.follows_up.select_related("letter")),
        "documents": list(row.thread.documents.defer("text", "note")),
    }
    return render(request, "tracker/precedents/library_comment.html", context)


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    """Comments and responses, ours and the library's, matching the criteria; 20 to a page."""
    form = SearchForm(request.GET or None)
    results: SearchPage | None = None
    if form.is_bound and form.is_valid() and form.asks_anything():
        results = search(request.user, form.criteria(), form.cleaned_data["page"] or 1)
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "results": results}
    return render(request, "tracker/precedents/search.html", context, status=status)
