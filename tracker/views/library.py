"""The precedent library's imports: their progress, for the installation's administrators."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from tracker.models import LibraryImport
from tracker.permissions import can_follow_library_imports
from tracker.queries.library import recent_library_imports


def _staff_only(request: HttpRequest) -> None:
    # Others get the answer an unknown page gets: the runs are not theirs to know of.
    if not can_follow_library_imports(request.user):
        raise Http404


def library_imports(request: HttpRequest) -> HttpResponse:
    _staff_only(request)
    return render(request, "tracker/library/imports.html", {"runs": recent_library_imports()})


def library_import(request: HttpRequest, pk: int) -> HttpResponse:
    """One run's progress; htmx polls it every two seconds while it runs."""
    _staff_only(request)
    run = get_object_or_404(LibraryImport, pk=pk)
    context = {"run": run, "running": run.status == LibraryImport.RUNNING}
    if request.htmx:
        return render(request, "tracker/library/_progress.html", context)
    return render(request, "tracker/library/import.html", context)
