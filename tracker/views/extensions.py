"""Recording that the staff granted more time to answer a letter."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from tracker import permissions, queries
from tracker.domain.extensions import record_extension
from tracker.domain.responses import ActionRefused
from tracker.forms import ExtensionForm


@require_http_methods(["GET", "POST"])
def letter_extension(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the form; POST: record the extension and go back to the letter, or show why not
    (status 400, nothing saved, the form as filled in)."""
    letter = queries.letter_for(request.user, pk)
    if not permissions.can_record_extension(
        permissions.role_in(request.user, letter.review.company)
    ):
        raise PermissionDenied("Only a preparer, reviewer or approver can record an extension.")
    form = ExtensionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            record_extension(letter, **form.cleaned_data, actor=request.user)
        except ActionRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            new = form.cleaned_data["new_due_on"]
            messages.success(request, f"The response is now due on {new:%A, %B %-d, %Y}.")
            return redirect("letter", pk=letter.pk)
    status = 400 if request.method == "POST" else 200
    context = {"letter": letter, "form": form}
    return render(request, "tracker/letter/extension.html", context, status=status)
