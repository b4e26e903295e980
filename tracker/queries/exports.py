"""The keyed response letter's context and settings."""

from django.db.models import (
    F,
    OuterRef,
    Q,
    Subquery,
)

from tracker.clock import company_today
from tracker.enums import ResponseStatus
from tracker.exporters.context import (
    ResponseLetterContext,
    build_context,
    default_settings,
    follows_the_review,
    letter_salutation,
    response_blocks,
    section_for,
)
from tracker.exporters.style import Style, resolve
from tracker.models import (
    Comment,
    CommentLetter,
    Company,
    Filing,
    LetterStyle,
    ResponseLetter,
    Revision,
)
from tracker.parsing.markup import has_confidential
from tracker.parsing.staff import from_line

from .letters import group_by_headings


def letter_styles(company: Company) -> tuple[LetterStyle | None, LetterStyle | None]:
    """The installation's default letter style and the company's (None where not set)."""
    styles = {
        style.company_id: style
        for style in LetterStyle.objects.filter(Q(company__isnull=True) | Q(company=company))
    }
    return styles.get(None), styles.get(company.pk)


def letter_style(
    company: Company, settings: ResponseLetter | None = None, *, letterhead: bool = False
) -> Style:
    """The style one letter is dressed in: installation, company, then the letter's own
    settings. With `letterhead`, the Word letterhead of the nearest style that has one is read
    (its bytes, for the Word export)."""
    installation, own = letter_styles(company)
    data = b""
    if letterhead:
        source = next((s for s in (own, installation) if s and s.letterhead_docx), None)
        data = read_letterhead(source) if source else b""
    return resolve(installation, own, settings, letterhead=data)


def read_letterhead(style: LetterStyle) -> bytes:
    """The stored letterhead's bytes ("" if the file has gone from storage)."""
    try:
        with style.letterhead_docx.open("rb") as stored:
            return stored.read()
    except OSError:
        return b""


# What a response letter says of the firm rather than of the staff's letter.
CARRIED_TO_THE_NEXT_ROUND = [
    "letterhead",
    "delivery_line",
    "on_behalf_of",
    "signer_name",
    "signer_title",
    "signer_firm",
    "cc",
    "page_code_prefix",
]


def reviewed_filings(letter: CommentLetter) -> list[Filing]:
    """The review's filings the staff could have read for this letter: those filed (or
    submitted) by its date. A later round's amendment or another report that joined the review
    is not what an earlier letter commented on."""
    filings = list(letter.review.filings.order_by("filed_on", "pk"))
    on_time = [f for f in filings if f.filed_on is None or f.filed_on <= letter.letter_date]
    return on_time or filings  # dates typed wrong: better every filing than none


def response_letter_settings(
    letter: CommentLetter, filings: list[Filing] | None = None, style: Style | None = None
) -> ResponseLetter:
    """The letter's saved response-letter settings, or unsaved ones filled with the defaults
    and with what the review's previous response said of the firm (letterhead, signer, cc,
    page codes): a follow-up round is answered on the same paper (reading never writes)."""
    latest = (
        ResponseLetter.objects.filter(letter__review_id=letter.review_id)
        .filter(letter__round__lte=letter.round)
        .order_by("-letter__round")
        .first()
    )
    if latest is not None and latest.letter_id == letter.pk:
        return latest
    filings = filings if filings is not None else reviewed_filings(letter)
    style = style or letter_style(letter.review.company)
    defaults = default_settings(letter, filings, company_today(letter.review.company), style=style)
    # Unsaved: the day of each export, and the choices the review and the staff letter suggest.
    defaults.update(dated=None, amendment_filed=None, include_acknowledgment=None)
    if latest is not None:
        defaults |= {name: getattr(latest, name) for name in CARRIED_TO_THE_NEXT_ROUND}
    return ResponseLetter(letter=letter, **defaults)


def letter_style_asks(letter: CommentLetter) -> list[str]:
    """What the letter style cannot settle alone for this letter (a Mr. or Ms. it needs), for
    the export page; the salutation is worked out as the export will."""
    saved = ResponseLetter.objects.filter(letter=letter).first()
    style = letter_style(letter.review.company, saved)
    settings = saved or response_letter_settings(letter, style=style)
    attention = (
        settings.attention
        or default_settings(letter, [], company_today(letter.review.company))["attention"]
    )
    people = [from_line(line) for line in attention]
    ask = letter_salutation(letter, settings, style, people)[1]
    return [ask] if ask else []


def response_letter_defaults(letter: CommentLetter, settings: ResponseLetter) -> dict:
    """What each setting says when left blank, given the letter's saved choices."""
    filings = reviewed_filings(letter)
    return default_settings(
        letter, filings, company_today(letter.review.company), settings.amendment_filed
    )


def wordings_that_follow_the_review(letter: CommentLetter) -> dict[str, set[str]]:
    """Every default the settings that follow the review may take (`follows_the_review`)."""
    filings = reviewed_filings(letter)
    return follows_the_review(letter, filings, company_today(letter.review.company))


def response_letter_context(
    letter: CommentLetter, *, version: str, draft: bool | None = None
) -> ResponseLetterContext:
    """Everything the keyed response letter says, for one version, in four queries whatever
    the number of comments. `draft` defaults to "some response is not approved yet"."""
    letter = CommentLetter.objects.select_related("review__company").get(pk=letter.pk)
    filings = reviewed_filings(letter)
    saved = ResponseLetter.objects.filter(letter=letter).first()
    style = letter_style(letter.review.company, saved, letterhead=True)
    settings = saved or response_letter_settings(letter, filings, style)
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
        today=company_today(letter.review.company),
        style=style,
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
