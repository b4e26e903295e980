"""Reads of the library's import runs, for their progress pages."""

from django.db.models import QuerySet

from tracker.models import LibraryImport

RECENT_RUNS = 20


def recent_library_imports() -> QuerySet[LibraryImport]:
    return LibraryImport.objects.select_related("started_by")[:RECENT_RUNS]
