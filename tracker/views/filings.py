"""The filing under review: import it, browse its sections, and see what an amendment changed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tracker import permissions, queries
from tracker.domain import filing_imports
from tracker.domain.filings import comments_on
from tracker.domain.linking import link_comments
from tracker.enums import ImportStatus
from tracker.forms import FilingUploadForm
from tracker.models import Filing, Section
from tracker.parsing import ParseError
from tracker.parsing.passages import highlight
from tracker.parsing.redline import redline

FINISHED = {ImportStatus.DONE, ImportStatus.FAILED}
FILINGS_PER_PAGE = 50


def filing_list(request: HttpRequest) -> HttpResponse:
    """Every filing of the user's companies, whether or not a staff letter reviews it."""
    rows = queries.filings_with_counts(request.user)
    page = Paginator(rows, FILINGS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "can_import": permissions.importing_companies(request.user).exists()}
    return render(request, "tracker/filings/list.html", context)


def filing_upload(request: HttpRequest) -> HttpResponse:
    companies = permissions.importing_companies(request.user)
    if not companies.exists():
        raise PermissionDenied("Only preparers and approvers import filings.")
    form = FilingUploadForm(request.POST or None, request.FILES or None, companies=companies)
    if request.method == "POST" and form.is_valid():
        try:
            record = stage(request, form)
        except ParseError as error:
            form.add_error("source_file", error.message)
        else:
            return redirect("filing_import", record.pk)
    context = {"form": form, "imports": queries.recent_filing_imports(request.user)}
    status = 400 if request.method == "POST" else 200
    return render(request, "tracker/filings/upload.html", context, status=status)


def stage(request: HttpRequest, form: FilingUploadForm):
    data = form.cleaned_data
    upload = data["source_file"]
    return filing_imports.start_import(
        company=data["company"],
        user=request.user,
        # One byte past the limit is enough to refuse the file without reading all of it.
        data=upload.read(filing_imports.documents.MAX_FILING_BYTES + 1),
        filename=upload.name,
        form_type=data["form_type"],
        file_number=data["file_number"].strip(),
        filed_on=data["filed_on"],
        amends=data["amends"],
    )


def filing_import(request: HttpRequest, pk: int) -> HttpResponse:
    """The import's progress; htmx polls the bar every second until the import has finished.
    An import whose worker died is queued again from here (the lease on its claim ran out)."""
    record = filing_imports.retake_if_stalled(queries.visible_filing_import(request.user, pk))
    context = {"record": record, "finished": record.status in FINISHED}
    if request.htmx:
        return render(request, "tracker/filings/_progress.html", context)
    return render(request, "tracker/filings/import.html", context)


def filing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    filing = queries.visible_filing(request.user, pk)
    context = {
        "filing": filing,
        "rows": queries.filing_outline(filing),
        "amendments": list(filing.amendments.all()),
        "can_link": can_link(request, filing),
    }
    return render(request, "tracker/filings/detail.html", context)


def can_link(request: HttpRequest, filing: Filing) -> bool:
    return permissions.can_link_sections(permissions.role_in(request.user, filing.company))


def section_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The section's text with each commented passage marked, and the comments beside it."""
    section = queries.visible_section(request.user, pk)
    links = list(section.comment_links.all())
    passages = [(link.passage, link.comment.number) for link in links if link.passage]
    context = {
        "section": section,
        "filing": section.filing,
        "links": links,
        "chunks": highlight(section.text, passages),
        "can_link": can_link(request, section.filing),
    }
    return render(request, "tracker/filings/section.html", context)


def filing_redline(request: HttpRequest, pk: int) -> HttpResponse:
    """Per section, what the amendment changed since the filing it amends."""
    filing = queries.visible_filing(request.user, pk)
    rows = [redline_row(section) for section in queries.redline_sections(filing)]
    context = {
        "filing": filing,
        "rows": rows,
        "changed": sum(1 for row in rows if row["changed"]),
        "removed": queries.removed_sections(filing),
    }
    return render(request, "tracker/filings/redline.html", context)


def redline_row(section: Section) -> dict:
    earlier = section.previous_version
    chunks = redline(earlier.text if earlier else "", section.text)
    links = list(section.comment_links.all())
    if earlier is not None:
        seen = {link.comment_id for link in links}
        links += [link for link in earlier.comment_links.all() if link.comment_id not in seen]
    return {
        "section": section,
        "earlier": earlier,
        "chunks": chunks,
        "changed": earlier is None or any(op != "equal" for op, _ in chunks),
        "links": links,
    }


@require_POST
def filing_relink(request: HttpRequest, pk: int) -> HttpResponse:
    """Find the sections of every comment again; links set by hand stay as they are."""
    filing = queries.visible_filing(request.user, pk)
    if not can_link(request, filing):
        raise PermissionDenied("Read-only members cannot change which sections comments concern.")
    count = link_comments(list(comments_on(filing)), filing)
    messages.success(request, f"Found {count} links; links set by hand were kept.")
    return redirect("filing", filing.pk)
