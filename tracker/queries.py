"""Reads shared by views, tasks and exports: scoped, annotated and prefetched querysets.

Every page's query count is fixed whatever the number of rows; tests pin the counts.
"""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from tracker.enums import AssignmentRole, ResponseStatus, Role
from tracker.exporters.context import (
    ResponseLetterContext,
    build_context,
    default_settings,
    section_for,
)
from tracker.models import (
    Activity,
    Approval,
    Assignment,
    Comment,
    CommentLetter,
    Company,
    Filing,
    FilingImport,
    FilingReview,
    Membership,
    Note,
    Response,
    ResponseLetter,
    Revision,
    Section,
    SectionLink,
)
from tracker.permissions import importing_companies, visible_companies


def assignments_in_role_order() -> QuerySet[Assignment]:
    """Drafter first, then reviewers, then approvers: the order the work flows."""
    rank = Case(
        *(When(role=role, then=Value(i)) for i, role in enumerate(AssignmentRole.values)),
        output_field=IntegerField(),
    )
    return Assignment.objects.select_related("user").order_by(rank, "user__username")


def letters_with_progress() -> QuerySet[CommentLetter]:
    approved = Q(comments__response__status=ResponseStatus.APPROVED)
    return CommentLetter.objects.annotate(
        comment_count=Count("comments", distinct=True),
        approved_count=Count("comments", filter=approved, distinct=True),
    ).order_by("round")


def dashboard_reviews(user: AbstractBaseUser) -> QuerySet[FilingReview]:
    """The user's reviews, newest first, each with its filings and its letters' progress."""
    return (
        FilingReview.objects.filter(company__in=visible_companies(user))
        .select_related("company")
        .prefetch_related("filings", Prefetch("letters", queryset=letters_with_progress()))
        .order_by("status", "-opened_on", "pk")
    )


def letter_for(user: AbstractBaseUser, pk: int) -> CommentLetter:
    """The letter, if the user may see it; a 404 otherwise, even if it exists."""
    letters = letters_with_progress().select_related("review__company")
    return get_object_or_404(letters.filter(review__company__in=visible_companies(user)), pk=pk)


def letter_comments(letter: CommentLetter) -> list[Comment]:
    return list(
        letter.comments.select_related("response")
        .prefetch_related(Prefetch("assignments", queryset=assignments_in_role_order()))
        .order_by("number")
    )


def due_on_expression(to_comment: str = "") -> Coalesce:
    """A comment's due date: the earliest among its assignments, else the letter's due date.
    `to_comment` leads from the model queried to the comment, e.g. "comment__"."""
    earliest = (
        Assignment.objects.filter(comment=OuterRef(f"{to_comment}pk"), due_on__isnull=False)
        .order_by("due_on")
        .values("due_on")[:1]
    )
    return Coalesce(Subquery(earliest), F(f"{to_comment}letter__response_due_on"))


def letter_comment_rows(letter: CommentLetter) -> QuerySet[Comment]:
    """The letter's comments for its page: due date, response and assignees, in letter order."""
    return (
        letter.comments.annotate(due_on=due_on_expression())
        .select_related("response")
        .prefetch_related(Prefetch("assignments", queryset=assignments_in_role_order()))
        .order_by("number")
    )


def comments_with_due() -> QuerySet[Comment]:
    """Comments with their due date, company, letter and response, as the lists show them."""
    return Comment.objects.annotate(due_on=due_on_expression()).select_related(
        "letter__review__company", "response"
    )


def comments_of_letters(letter_ids: list[int]) -> QuerySet[Comment]:
    """The comments of these letters. Given as a list of ids, not a subquery: PostgreSQL then
    knows how few comments they are, reads them by index and computes only their due dates;
    scoped by a join instead, it may compute the due date of every comment in the database."""
    return comments_with_due().filter(letter_id__in=letter_ids)


def visible_comments(user: AbstractBaseUser) -> QuerySet[Comment]:
    """Every comment the user may see (one query now, for his letters' ids)."""
    return comments_of_letters(list(visible_letters(user).values_list("pk", flat=True)))


def visible_letter_rows(user: AbstractBaseUser) -> list[tuple[int, str, date]]:
    """(pk, company name, letter date) of every letter the user may see, company by company."""
    return list(visible_letters(user).values_list("pk", "review__company__name", "letter_date"))


def comment_table_rows(comments: QuerySet[Comment]) -> QuerySet[Comment]:
    """Comments as the All comments table lists them: letter by letter, with their assignees."""
    return comments.prefetch_related(
        Prefetch("assignments", queryset=assignments_in_role_order())
    ).order_by("letter_id", "number")


def members_of(companies: QuerySet[Company]) -> QuerySet[AbstractBaseUser]:
    """The people who belong to any of these companies, by name."""
    members = get_user_model().objects.filter(
        Exists(Membership.objects.filter(user=OuterRef("pk"), company__in=companies))
    )
    return members.order_by("first_name", "last_name", "username")


def assignable_members(company: Company) -> QuerySet[AbstractBaseUser]:
    """Members who may hold some assignment: everyone but the read-only."""
    members = get_user_model().objects.filter(
        Exists(
            Membership.objects.filter(user=OuterRef("pk"), company=company).exclude(
                role=Role.READ_ONLY
            )
        )
    )
    return members.order_by("first_name", "last_name", "username")


def visible_filings(user: AbstractBaseUser) -> QuerySet[Filing]:
    return (
        Filing.objects.filter(company__in=visible_companies(user))
        .select_related("company")
        .order_by("company__name", "-filed_on", "pk")
    )


def visible_letters(user: AbstractBaseUser) -> QuerySet[CommentLetter]:
    return (
        CommentLetter.objects.filter(review__company__in=visible_companies(user))
        .select_related("review__company")
        .order_by("review__company__name", "-letter_date", "pk")
    )


MY_WORK_ROWS = 20
REVIEWING = {AssignmentRole.REVIEWER, AssignmentRole.APPROVER}


@dataclass(frozen=True)
class MyWork:
    """The four lists of the home page; each holds at most MY_WORK_ROWS comments."""

    drafting: list[Comment]
    to_review: list[Comment]
    due_soon: list[Comment]
    overdue: list[Comment]


def open_assignments(user: AbstractBaseUser) -> list:
    """The user's assignments on comments not approved yet, in his companies: small rows."""
    return list(
        Assignment.objects.filter(
            user=user, comment__letter__review__company__in=visible_companies(user)
        )
        .exclude(comment__response__status=ResponseStatus.APPROVED)
        .annotate(
            due=due_on_expression("comment__"),
            status=F("comment__response__status"),
            letter_id=F("comment__letter_id"),
            number=F("comment__number"),
        )
        .values_list("comment_id", "role", "status", "due", "letter_id", "number", named=True)
        .order_by()  # sorted in Python; the default order would join up to the company
    )


def my_work(user: AbstractBaseUser, *, today: date, soon: date) -> MyWork:
    """What waits for the user across all his companies; `soon` is the last day of "due soon".

    The user's open assignments are sorted into the lists here, then the first comments of
    each list are read in one query: two queries, whatever the number of assignments."""
    rows = open_assignments(user)
    lists = {
        "drafting": {r.comment_id for r in rows if r.role == AssignmentRole.DRAFTER},
        "to_review": {
            r.comment_id
            for r in rows
            if r.role in REVIEWING and r.status == ResponseStatus.IN_REVIEW
        },
        "due_soon": {r.comment_id for r in rows if r.due and today <= r.due <= soon},
        "overdue": {r.comment_id for r in rows if r.due and r.due < today},
    }
    order = {r.comment_id: (r.due or date.max, r.letter_id, r.number) for r in rows}
    first = {name: sorted(ids, key=order.__getitem__)[:MY_WORK_ROWS] for name, ids in lists.items()}
    comments = comments_with_due().in_bulk(set().union(*first.values()))
    return MyWork(**{name: [comments[pk] for pk in ids] for name, ids in first.items()})


def comment_for(user: AbstractBaseUser, pk: int) -> Comment:
    """The comment with all its page needs, if the user may see it; a 404 otherwise."""
    comments = Comment.objects.select_related(
        "letter__review__company", "response"
    ).prefetch_related(
        Prefetch("section_links", queryset=SectionLink.objects.select_related("section")),
        Prefetch("follows_up", queryset=Comment.objects.select_related("letter")),
        Prefetch("assignments", queryset=assignments_in_role_order()),
        Prefetch(
            "response__revisions",
            queryset=Revision.objects.select_related("author").order_by("-number"),
        ),
        Prefetch(
            "response__revisions__approvals",
            queryset=Approval.objects.select_related("approver").order_by("decided_at", "pk"),
        ),
        Prefetch("notes", queryset=Note.objects.select_related("author").order_by("created_at")),
        "letter__review__filings",
    )
    return get_object_or_404(
        comments.filter(letter__review__company__in=visible_companies(user)), pk=pk
    )


def visible_comment(user: AbstractBaseUser, pk: int) -> Comment:
    """The comment and its response, if the user may see it; a 404 otherwise. For posts."""
    comments = Comment.objects.select_related("letter__review__company", "response")
    return get_object_or_404(
        comments.filter(letter__review__company__in=visible_companies(user)), pk=pk
    )


def comment_activity(comment: Comment) -> list[Activity]:
    """What happened to the comment, its response, revisions and approvals, newest first:
    one query, however long the history."""
    responses = Response.objects.filter(comment=comment).values("pk")
    revisions = Revision.objects.filter(response__comment=comment).values("pk")
    approvals = Approval.objects.filter(revision__response__comment=comment).values("pk")
    targets = (
        Q(target_type__model="comment", target_id=comment.pk)
        | Q(target_type__model="response", target_id__in=responses)
        | Q(target_type__model="revision", target_id__in=revisions)
        | Q(target_type__model="approval", target_id__in=approvals)
    )
    return list(
        Activity.objects.filter(targets, target_type__app_label="tracker")
        .select_related("actor")
        .order_by("-created_at", "-pk")
    )


@dataclass(frozen=True)
class HeadingGroup:
    """Comments under one heading path; `new_headings` are the levels that changed."""

    headings: tuple[str, ...]
    new_headings: list[tuple[int, str]]
    comments: list[Comment]


def group_by_headings(comments: list[Comment]) -> list[HeadingGroup]:
    """Group comments as the letter prints them: each heading once, where it changes."""
    groups: list[HeadingGroup] = []
    previous: tuple[str, ...] = ()
    for comment in comments:
        headings = tuple(comment.headings)
        if groups and headings == previous:
            groups[-1].comments.append(comment)
            continue
        common = 0
        while common < min(len(headings), len(previous)) and headings[common] == previous[common]:
            common += 1
        changed = [(level, headings[level]) for level in range(common, len(headings))]
        groups.append(HeadingGroup(headings, changed, [comment]))
        previous = headings
    return groups


def response_letter_settings(
    letter: CommentLetter, filings: list[Filing] | None = None
) -> ResponseLetter:
    """The letter's saved response-letter settings, or unsaved ones filled with the defaults
    (reading never writes)."""
    saved = ResponseLetter.objects.filter(letter=letter).first()
    if saved is not None:
        return saved
    filings = filings if filings is not None else list(letter.review.filings.all())
    defaults = default_settings(letter, filings, timezone.localdate())
    defaults["dated"] = None  # unsaved: the day of each export
    return ResponseLetter(letter=letter, **defaults)


def response_letter_context(
    letter: CommentLetter, *, version: str, draft: bool | None = None
) -> ResponseLetterContext:
    """Everything the keyed response letter says, for one version, in four queries whatever
    the number of comments. `draft` defaults to "some response is not approved yet"."""
    letter = CommentLetter.objects.select_related("review__company").get(pk=letter.pk)
    filings = list(letter.review.filings.order_by("filed_on", "pk"))
    settings = response_letter_settings(letter, filings)
    latest = Revision.objects.filter(response__comment=OuterRef("pk")).order_by("-number")
    comments = list(
        letter.comments.annotate(
            latest_text=Subquery(latest.values("text")[:1]),
            response_status=F("response__status"),
        ).order_by("number")
    )
    sections = [
        section_for(
            comment.number,
            group.new_headings if i == 0 else [],
            comment.text,
            _response_state(comment),
            version,
        )
        for group in group_by_headings(comments)
        for i, comment in enumerate(group.comments)
    ]
    if draft is None:
        draft = any(section.state != "approved" for section in sections)
    return build_context(
        letter,
        settings,
        filings,
        sections,
        version=version,
        draft=draft,
        today=timezone.localdate(),
    )


def _response_state(comment: Comment) -> tuple[str, str | None]:
    """("approved" | "draft" | "missing", the latest revision's text)."""
    if not comment.latest_text:
        return "missing", None
    approved = comment.response_status == ResponseStatus.APPROVED
    return ("approved" if approved else "draft"), comment.latest_text


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


def letter_has_confidential_passages(letter: CommentLetter) -> bool:
    """Whether the latest revision of any response holds a [[ ]] mark (one query)."""
    latest = Revision.objects.filter(response=OuterRef("response")).order_by("-number")
    texts = letter.comments.annotate(latest_text=Subquery(latest.values("text")[:1]))
    return texts.filter(latest_text__contains="[[").exists()
