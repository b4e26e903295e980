"""Filings, their section outlines, imports and the sections a comment may link to."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.shortcuts import get_object_or_404

from tracker.models import (
    Comment,
    Filing,
    FilingImport,
    Section,
    SectionLink,
)
from tracker.permissions import importing_companies, visible_companies

# --- Filings and their sections -------------------------------------------------------------


@dataclass(frozen=True)
class SectionRow:
    """A section in its filing's outline: how deep it sits, and the comments linked to it."""

    section: Section
    depth: int
    links: list[SectionLink]


def links_with_comments() -> QuerySet[SectionLink]:
    return SectionLink.objects.select_related("comment__letter").order_by(
        "comment__letter__letter_date", "comment__number"
    )


def outline_rows(sections: list[Section]) -> list[SectionRow]:
    """Sections in filing order, each with its depth (parents come before their children)."""
    depth: dict[int, int] = {}
    rows = []
    for section in sections:
        depth[section.pk] = depth[section.parent_id] + 1 if section.parent_id in depth else 0
        rows.append(SectionRow(section, depth[section.pk], list(section.comment_links.all())))
    return rows


def filings_with_counts(user: AbstractBaseUser) -> QuerySet[Filing]:
    """The filings of the user's companies, each with how many sections were imported, how
    many the staff's headings gave it, and the comments linked to them."""
    return (
        Filing.objects.filter(company__in=visible_companies(user))
        .select_related("company")
        .annotate(
            imported_sections=Count(
                "sections", filter=Q(sections__is_placeholder=False), distinct=True
            ),
            heading_sections=Count(
                "sections", filter=Q(sections__is_placeholder=True), distinct=True
            ),
            linked_comments=Count("sections__comment_links__comment", distinct=True),
        )
        .order_by("company__name", "-filed_on", "form_type", "amendment_number", "pk")
    )


def visible_filing(user: AbstractBaseUser, pk: int) -> Filing:
    filings = Filing.objects.filter(company__in=visible_companies(user))
    return get_object_or_404(filings.select_related("company", "amends"), pk=pk)


def filing_outline(filing: Filing) -> list[SectionRow]:
    """The section tree with the comments of every letter linked to each section."""
    sections = (
        filing.sections.defer("text")
        .prefetch_related(Prefetch("comment_links", queryset=links_with_comments()))
        .order_by("order")
    )
    return outline_rows(list(sections))


def visible_section(user: AbstractBaseUser, pk: int) -> Section:
    """The section with its text, subsections and linked comments; a 404 for outsiders."""
    sections = (
        Section.objects.filter(filing__company__in=visible_companies(user))
        .select_related("filing__company", "parent", "previous_version__filing")
        .prefetch_related(
            Prefetch("comment_links", queryset=links_with_comments()),
            Prefetch("children", queryset=Section.objects.defer("text").order_by("order")),
        )
    )
    return get_object_or_404(sections, pk=pk)


def redline_sections(filing: Filing) -> list[Section]:
    """The amendment's sections with their earlier versions and the comments on either."""
    links = Prefetch("comment_links", queryset=links_with_comments())
    earlier_links = Prefetch("previous_version__comment_links", queryset=links_with_comments())
    sections = filing.sections.select_related("previous_version").prefetch_related(
        links, earlier_links
    )
    return list(sections.order_by("order"))


def removed_sections(filing: Filing) -> list[Section]:
    """Sections of the amended filing that no section of this amendment continues."""
    if filing.amends_id is None:
        return []
    continued = Section.objects.filter(filing=filing, previous_version=OuterRef("pk"))
    earlier = Section.objects.filter(filing_id=filing.amends_id, is_placeholder=False)
    return list(earlier.filter(~Exists(continued)).order_by("order"))


def visible_filing_import(user: AbstractBaseUser, pk: int) -> FilingImport:
    imports = FilingImport.objects.filter(company__in=visible_companies(user))
    return get_object_or_404(imports.select_related("company", "filing"), pk=pk)


def recent_filing_imports(user: AbstractBaseUser, limit: int = 10) -> list[FilingImport]:
    imports = FilingImport.objects.filter(company__in=importing_companies(user))
    return list(imports.select_related("company", "filing").order_by("-created_at", "-pk")[:limit])


def sections_to_link(comment: Comment) -> list[SectionRow]:
    """Every section of the filings the comment's review covers, for linking by hand."""
    sections = (
        Section.objects.filter(filing__reviews__letters__comments=comment)
        .select_related("filing")
        .defer("text")
        .prefetch_related(
            Prefetch("comment_links", queryset=SectionLink.objects.filter(comment=comment))
        )
        .order_by("filing__filed_on", "filing_id", "order")
        .distinct()
    )
    return outline_rows(list(sections))
