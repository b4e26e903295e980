"""Links between staff comments and the sections of the filing they concern.

The automatic links are recomputed at will; a link a person set or confirmed (method "manual") is
never touched by a re-run, and a link a person removed is not suggested again.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction

from tracker import permissions
from tracker.enums import LinkMethod
from tracker.models import Activity, Comment, Filing, Section, SectionLink
from tracker.parsing.linking import CommentDoc, SectionDoc, SectionIndex
from tracker.parsing.passages import find_passage

from .activity import record_activity

REMOVED = "section_link.removed"


def section_index(filing: Filing) -> SectionIndex:
    sections = filing.sections.filter(is_placeholder=False).order_by("order")
    return SectionIndex(
        [
            SectionDoc(s.pk, s.title, s.first_page, s.last_page, s.text)
            for s in sections.only("title", "first_page", "last_page", "text")
        ]
    )


@transaction.atomic
def link_comments(comments: list[Comment], filing: Filing) -> int:
    """Replace the automatic links of these comments to the filing's sections; returns how many
    links were written. Comments whose filing has no imported sections yet are left alone."""
    index = section_index(filing)
    if not index.sections or not comments:
        return 0
    existing = SectionLink.objects.filter(comment__in=comments, section__filing=filing)
    kept = set(existing.filter(method=LinkMethod.MANUAL).values_list("comment_id", "section_id"))
    kept |= removed_by_hand(comments)
    existing.filter(method=LinkMethod.AUTOMATIC).delete()
    links = [
        SectionLink(
            comment=comment,
            section_id=match.section,
            method=LinkMethod.AUTOMATIC,
            score=match.score,
            passage=match.passage,
        )
        for comment in comments
        for match in index.rank(CommentDoc(comment.pk, tuple(comment.headings), comment.text))
        if (comment.pk, match.section) not in kept
    ]
    SectionLink.objects.bulk_create(links)
    return len(links)


def removed_by_hand(comments: list[Comment]) -> set[tuple[int, int]]:
    """(comment, section) pairs a person unlinked: the activity log remembers them."""
    removals = Activity.objects.filter(
        verb=REMOVED,
        target_type=ContentType.objects.get_for_model(Comment),
        target_id__in=[comment.pk for comment in comments],
    ).values_list("target_id", "detail")
    return {(comment_id, detail.get("section")) for comment_id, detail in removals}


def require_linker(actor: AbstractBaseUser, comment: Comment, section: Section) -> None:
    company = comment.letter.review.company
    if section.filing.company_id != company.pk:
        raise PermissionDenied("That section belongs to another company's filing.")
    if not permissions.can_link_sections(permissions.role_in(actor, company)):
        raise PermissionDenied("Read-only members cannot change which sections a comment concerns.")


def describe(comment: Comment, section: Section) -> str:
    pages = f" ({section.pages})" if section.pages else ""
    return f"comment {comment.number} and {section.title}{pages}"


@transaction.atomic
def add_link(comment: Comment, section: Section, *, actor: AbstractBaseUser) -> SectionLink:
    """Link the comment to the section by hand (or confirm the automatic link already there)."""
    require_linker(actor, comment, section)
    link, _ = SectionLink.objects.select_for_update().update_or_create(
        comment=comment,
        section=section,
        defaults={"method": LinkMethod.MANUAL},
        create_defaults={
            "method": LinkMethod.MANUAL,
            "score": 1.0,
            "passage": find_passage(comment.text, section.text),
        },
    )
    summary = f"Linked {describe(comment, section)}"
    record_activity(
        comment.letter.review.company,
        actor,
        "section_link.added",
        comment,
        summary,
        section=section.pk,
    )
    return link


@transaction.atomic
def confirm_link(link: SectionLink, *, actor: AbstractBaseUser) -> SectionLink:
    """A person agrees with an automatic link: it becomes manual, so re-runs keep it."""
    require_linker(actor, link.comment, link.section)
    if link.method != LinkMethod.MANUAL:
        link.method = LinkMethod.MANUAL
        link.save(update_fields=["method"])
        summary = f"Confirmed the link between {describe(link.comment, link.section)}"
        record_activity(
            link.comment.letter.review.company,
            actor,
            "section_link.confirmed",
            link.comment,
            summary,
            section=link.section_id,
        )
    return link


@transaction.atomic
def remove_link(link: SectionLink, *, actor: AbstractBaseUser) -> None:
    require_linker(actor, link.comment, link.section)
    comment, section = link.comment, link.section
    link.delete()
    summary = f"Unlinked {describe(comment, section)}"
    record_activity(
        comment.letter.review.company, actor, REMOVED, comment, summary, section=section.pk
    )
