"""Assigning several comments of a letter at once, from the letter page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tracker import permissions, queries
from tracker.domain.assignments import assign
from tracker.domain.responses import ActionRefused
from tracker.enums import AssignmentRole
from tracker.forms import AssignForm

from .pages import letter_context


@require_POST
def letter_assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Assign the selected comments; htmx gets the refreshed table, a plain post a redirect."""
    letter = queries.letter_for(request.user, pk)
    company = letter.review.company
    if not permissions.can_assign(permissions.role_in(request.user, company), company):
        raise PermissionDenied(permissions.assign_refusal(company))
    form = AssignForm(request.POST, letter=letter, members=queries.assignable_members(company))
    if form.is_valid():
        assign_selected(request, form)
    else:
        messages.error(request, first_error(form))
    filter_data = QueryDict(request.POST.get("filters", ""))
    if request.htmx:
        context = letter_context(request, letter, filter_data)
        return render(request, "tracker/letter/_comments.html", context)
    query = filter_data.urlencode()
    return redirect(reverse("letter", args=[letter.pk]) + (f"?{query}" if query else ""))


def assign_selected(request: HttpRequest, form: AssignForm) -> None:
    data = form.cleaned_data
    comments = list(data["comments"])
    try:
        created = assign(
            comments, data["user"], data["role"], actor=request.user, due_on=data["due_on"]
        )
    except ActionRefused as refusal:
        messages.error(request, str(refusal))
        return
    name = data["user"].get_full_name() or data["user"].get_username()
    role = AssignmentRole(data["role"]).label.lower()
    held = len(comments) - len(created)
    summary = f"{name} assigned as {role} to {len(created)} of {len(comments)} selected comments."
    if held:
        summary += f" {held} already had {name} as {role}."
    messages.success(request, summary)


def first_error(form: AssignForm) -> str:
    """The first thing wrong with the post, worded for the user."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        return f"{label}: {errors[0]}" if label and field != "comments" else errors[0]
    return "The assignment could not be made."
