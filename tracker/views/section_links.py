"""Correcting by hand which sections a comment concerns: confirm, remove or add a link."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tracker import permissions, queries
from tracker.domain import linking
from tracker.models import Section, SectionLink

from .next_page import redirect_next


def back(request: HttpRequest, comment_pk: int) -> HttpResponse:
    """To the page the form was on (the comment or a section), else the comment's page."""
    return redirect_next(request, reverse("comment", args=[comment_pk]))


def visible_link(request: HttpRequest, pk: int) -> SectionLink:
    companies = permissions.visible_companies(request.user)
    links = SectionLink.objects.filter(comment__letter__review__company__in=companies)
    return get_object_or_404(
        links.select_related("comment__letter__review__company", "section__filing"), pk=pk
    )


@require_POST
def link_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    link = linking.confirm_link(visible_link(request, pk), actor=request.user)
    messages.success(request, f"Comment {link.comment.number} concerns {link.section.title}.")
    return back(request, link.comment_id)


@require_POST
def link_remove(request: HttpRequest, pk: int) -> HttpResponse:
    link = visible_link(request, pk)
    linking.remove_link(link, actor=request.user)
    messages.success(request, f"Unlinked comment {link.comment.number} and {link.section.title}.")
    return back(request, link.comment_id)


def comment_sections(request: HttpRequest, pk: int) -> HttpResponse:
    """The sections of the comment's filings, each with a button to link it by hand."""
    comment = queries.visible_comment(request.user, pk)
    company = comment.letter.review.company
    may_link = permissions.can_link_sections(permissions.role_in(request.user, company))
    if request.method == "POST":
        sections = Section.objects.filter(filing__company=company).select_related("filing")
        chosen = request.POST.get("section", "")
        section = get_object_or_404(sections, pk=int(chosen) if chosen.isdigit() else 0)
        linking.add_link(comment, section, actor=request.user)
        messages.success(request, f"Comment {comment.number} concerns {section.title}.")
        return back(request, comment.pk)
    context = {"comment": comment, "rows": queries.sections_to_link(comment), "can_link": may_link}
    return render(request, "tracker/filings/link_sections.html", context)
