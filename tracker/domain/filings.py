"""Saving an imported filing: its section tree in one transaction, in place of the placeholder
sections the staff's headings gave it, each amendment section tied to its earlier version, and the
comments of its reviews linked to the sections they concern."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet

from tracker.enums import FormType, LinkMethod, ReviewStatus
from tracker.models import Comment, Company, Filing, FilingReview, Section, SectionLink
from tracker.parsing.filing_document import ParsedFiling
from tracker.parsing.linking import CommentDoc, SectionDoc, SectionIndex
from tracker.parsing.passages import find_passage
from tracker.parsing.versions import VersionDoc, match_versions

from .activity import record_activity
from .linking import link_comments
from .outline import placeholder_paths, section_paths


class AlreadyImported(Exception):
    """The filing's sections were imported before; `filing` is the one already saved."""

    def __init__(self, filing: Filing):
        self.filing = filing
        super().__init__(f"{filing} was already imported (filing #{filing.pk}).")


@transaction.atomic
def import_filing(
    parsed: ParsedFiling,
    *,
    company: Company,
    form_type: str,
    file_number: str = "",
    filed_on: date | None = None,
    amends: Filing | None = None,
    actor: AbstractBaseUser | None = None,
) -> Filing:
    """Save the filing's sections, all of them or none; returns the filing."""
    amends = amends or earlier_filing(company, form_type, file_number)
    filing = filing_to_fill(company, form_type, file_number, filed_on, amends)
    carried = placeholder_links(filing)
    filing.sections.all().delete()
    paths = save_sections(filing, parsed)
    carry_links(carried, paths)
    if filing.amends_id:
        match_previous_versions(paths, filing.amends)
    join_open_reviews(filing)
    linked = link_comments(list(comments_on(filing)), filing)
    summary = f"Imported {filing}: {len(paths)} sections, {linked} comment links found"
    record_activity(company, actor, "filing.imported", filing, summary)
    return filing


def earlier_filing(company: Company, form_type: str, file_number: str) -> Filing | None:
    """What an amendment ("S-1/A") amends when not told: the latest version with its number."""
    if not form_type.endswith("/A") or not file_number:
        return None
    versions = Filing.objects.filter(company=company, file_number=file_number)
    return versions.filter(sections__is_placeholder=False).order_by("-amendment_number").first()


def filing_to_fill(
    company: Company, form_type: str, file_number: str, filed_on: date | None, amends
) -> Filing:
    """The filing the letters already named (holding placeholders only), else a new one."""
    number = amends.amendment_number + 1 if amends else 0
    lookup = {"file_number": file_number} if file_number else {"filed_on": filed_on}
    filing = (
        Filing.objects.select_for_update()
        .filter(company=company, form_type=form_type, amendment_number=number, **lookup)
        .first()
    )
    if filing is None:
        form = form_type if form_type in FormType.values else FormType.OTHER
        return Filing.objects.create(
            company=company,
            form_type=form,
            file_number=file_number,
            filed_on=filed_on,
            amendment_number=number,
            amends=amends,
        )
    if filing.sections.filter(is_placeholder=False).exists():
        raise AlreadyImported(filing)
    filing.filed_on = filing.filed_on or filed_on
    filing.amends = filing.amends or amends
    filing.save(update_fields=["filed_on", "amends"])
    return filing


def save_sections(filing: Filing, parsed: ParsedFiling) -> list[tuple[tuple[str, ...], Section]]:
    """Every section with its path of titles, top to bottom; one insert per level of the tree."""
    entries, depth_of = [], {}
    for order, (item, parent) in enumerate(parsed.walk(), start=1):
        depth_of[id(item)] = depth_of[id(parent)] + 1 if parent is not None else 0
        section = Section(
            filing=filing,
            order=order,
            title=item.title[:500],
            first_page=item.first_page[:20],
            last_page=item.last_page[:20],
            text=item.text,
        )
        entries.append((item, parent, section))
    saved: dict[int, tuple[tuple[str, ...], Section]] = {}
    for depth in sorted(set(depth_of.values())):
        level = [entry for entry in entries if depth_of[id(entry[0])] == depth]
        for item, parent, section in level:
            above, section.parent = saved[id(parent)] if parent is not None else ((), None)
            saved[id(item)] = ((*above, section.title), section)
        Section.objects.bulk_create([section for _, _, section in level])
    return [saved[id(item)] for item, _, _ in entries]


Carried = list[tuple[tuple[str, ...], Section, list[SectionLink]]]


def placeholder_links(filing: Filing) -> Carried:
    """Each placeholder with its heading path and its links, read before they are replaced."""
    links: dict[int, list[SectionLink]] = {}
    placeholder_links = SectionLink.objects.filter(
        section__filing=filing, section__is_placeholder=True
    ).select_related("comment")
    for link in placeholder_links:
        links.setdefault(link.section_id, []).append(link)
    return [
        (path, section, links.get(section.pk, [])) for path, section in placeholder_paths(filing)
    ]


def carry_links(carried: Carried, paths: list[tuple[tuple[str, ...], Section]]) -> None:
    """Move each placeholder's links to the real section its headings and pages point at;
    a link set by hand wins over an automatic one to the same section."""
    index = SectionIndex(
        [
            SectionDoc(i, s.title, s.first_page, s.last_page, s.text)
            for i, (_, s) in enumerate(paths)
        ]
    )
    moved: dict[tuple[int, int], SectionLink] = {}
    for path, placeholder, links in carried:
        best = index.rank(CommentDoc(placeholder.pk, path, ""), limit=1)
        if not best or not links:
            continue
        section = paths[best[0].section][1]
        for link in sorted(links, key=lambda link: link.method == LinkMethod.MANUAL):
            moved[(link.comment_id, section.pk)] = SectionLink(
                comment_id=link.comment_id,
                section=section,
                method=link.method,
                score=link.score,
                passage=find_passage(link.comment.text, section.text),
            )
    SectionLink.objects.bulk_create(moved.values())


def match_previous_versions(paths: list[tuple[tuple[str, ...], Section]], earlier: Filing) -> None:
    """Tie each section of an amendment to the same section of the filing it amends."""
    old = [
        VersionDoc(section.pk, path, section.text)
        for path, section in section_paths(earlier, placeholders=False)
    ]
    new = [VersionDoc(i, path, section.text) for i, (path, section) in enumerate(paths)]
    matched = match_versions(old, new)
    for i, old_pk in matched.items():
        paths[i][1].previous_version_id = old_pk
    Section.objects.bulk_update([paths[i][1] for i in matched], ["previous_version"])


def open_reviews_naming(filing: Filing) -> QuerySet[FilingReview]:
    if not filing.file_number:
        return FilingReview.objects.none()
    return FilingReview.objects.filter(
        company=filing.company_id,
        status=ReviewStatus.OPEN,
        filings__file_number=filing.file_number,
    ).distinct()


def join_open_reviews(filing: Filing) -> None:
    """An amendment belongs to the open review of the registration statement it amends."""
    for review in open_reviews_naming(filing).exclude(filings=filing):
        review.filings.add(filing)


def comments_on(filing: Filing) -> QuerySet[Comment]:
    """The comments of the reviews of this filing (which include the open reviews naming its
    file number, once join_open_reviews has run)."""
    return Comment.objects.filter(letter__review__filings=filing).distinct().order_by("pk")
