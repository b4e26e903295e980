"""The keyed response letter's context and settings."""

from django.db.models import (
    F,
    OuterRef,
    Subquery,
)
from django.utils import timezone

from tracker.enums import ResponseStatus
from tracker.exporters.context import (
    ResponseLetterContext,
    build_context,
    default_settings,
    response_blocks,
    section_for,
)
from tracker.models import (
    Comment,
    CommentLetter,
    Filing,
    ResponseLetter,
    Revision,
)
from tracker.parsing.markup import has_confidential

from .letters import group_by_headings


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


def letter_has_confidential_passages(letter: CommentLetter) -> bool:
    """Whether the latest revision of any response holds a confidential passage, read as the
    export reads it (`response_blocks`), so that the versions the page offers are those the
    export allows: a "[[" left unclosed marks nothing (one query)."""
    latest = Revision.objects.filter(response=OuterRef("response")).order_by("-number")
    texts = letter.comments.annotate(latest_text=Subquery(latest.values("text")[:1]))
    marked = texts.filter(latest_text__contains="[[").values_list("latest_text", flat=True)
    return any(has_confidential(response_blocks(text)) for text in marked)
