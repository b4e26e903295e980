"""Saving a parsed staff letter: company, filings, review thread, letter, comments, in one go."""

import hashlib
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import connection, models, transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from tracker import clock
from tracker.enums import FormType, LetterKind, ResponseStatus, ReviewStatus
from tracker.models import Comment, CommentLetter, Company, Filing, FilingReview, Response
from tracker.parsing import FilingRef, ParsedLetter

from .activity import record_activity
from .files import stored_name
from .linking import link_comments
from .outline import outline_from_comments
from .vectors import queue_letter_vectors

DEFAULT_WINDOW = 10
# After these letters the staff expect nothing more: the review thread is closed.
CLOSING_KINDS = {LetterKind.REVIEW_COMPLETE, LetterKind.NO_REVIEW}


class DuplicateLetter(Exception):
    """The company imported the same file before; `letter` is the one already saved."""

    def __init__(self, letter: CommentLetter):
        self.letter = letter
        super().__init__(f"This letter was already imported as {letter} (letter #{letter.pk}).")


def content_hash(parsed: ParsedLetter, source: bytes | None) -> str:
    """SHA-256 of the file as uploaded, else of the text read from it (hex)."""
    return source_hash(source if source is not None else parsed.source_text.encode())


def source_hash(source: bytes) -> str:
    return hashlib.sha256(source).hexdigest()


def imported_before(company: Company, digest: str) -> CommentLetter | None:
    """The company's letter with this content hash, if it has one.

    A duplicate is one only within a company: the same staff letter may reach two companies
    (a merger, a shared counsel's test copy), and another company's letter must never be named
    to this one's members, nor stop their import."""
    letters = CommentLetter.objects.filter(review__company=company, source_sha256=digest)
    return letters.select_related("review__company").first()


@transaction.atomic
def import_letter(
    parsed: ParsedLetter,
    *,
    received_on: date | None = None,
    company: Company | None = None,
    source: bytes | None = None,
    actor: AbstractBaseUser | None = None,
) -> CommentLetter:
    """Save the letter and its comments; all of it is saved, or nothing is.

    Raises DuplicateLetter when the company imported the same content before."""
    digest = content_hash(parsed, source)
    company = company or company_for(parsed)
    existing = imported_before(company, digest)
    if existing:
        raise DuplicateLetter(existing)
    filings = [filing_for(company, ref) for ref in parsed.filings]
    review = review_for(company, filings, parsed)
    letter = create_letter(review, parsed, received_on or parsed.date or clock.sec_today(), digest)
    if source is not None:
        letter.source_file.save(stored_name(source), ContentFile(source))
    comments = create_comments(letter, parsed)
    queue_letter_vectors(letter)
    link_follow_ups(letter, comments, parsed)
    if filings and comments:
        place_comments(filings[0], comments)
    if parsed.kind in CLOSING_KINDS:
        review.status, review.completed_on = ReviewStatus.COMPLETE, letter.letter_date
        review.save(update_fields=["status", "completed_on"])
    summary = (
        f"Imported the staff letter of {letter.letter_date:%B %-d, %Y} ({len(comments)} comments)"
    )
    record_activity(company, actor, "letter.imported", letter, summary, sha256=digest)
    return letter


def place_comments(filing: Filing, comments: list[Comment]) -> None:
    """Link the comments to the filing's sections when it was imported before the letter (a 10-K
    imported first, a later round on an imported amendment); else outline the filing from the
    staff's headings until it is (placeholders numbered after the real sections would collide
    with them)."""
    if filing.sections.filter(is_placeholder=False).exists():
        link_comments(comments, filing)
    else:
        outline_from_comments(filing, comments)


def company_for(parsed: ParsedLetter) -> Company:
    name = parsed.registrant or parsed.addressee.company or "Unknown registrant"
    cik = next((ref.cik for ref in parsed.filings if ref.cik), "")
    company, _ = Company.objects.get_or_create(name=name, defaults={"cik": cik})
    return company


def filing_for(company: Company, ref: FilingRef) -> Filing:
    form = ref.form if ref.form in FormType.values else FormType.OTHER
    when = ref.filed or ref.submitted
    number = clipped(Filing, "file_number", ref.file_number)
    lookup = {"file_number": number} if number else {"filed_on": when}
    same = {"company": company, "form_type": form, "amendment_number": ref.amendment_number or 0}
    # The earliest of the same filing: a restored review brings its own copy of a filing the
    # company may already have, and the letter then goes with the first one.
    filing = Filing.objects.filter(**same, **lookup).order_by("pk").first()
    if filing is not None:
        return filing
    description = clipped(Filing, "description", ref.description)
    filing = Filing.objects.create(
        **{**same, **lookup, "filed_on": when, "description": description}
    )
    if filing.amendment_number and filing.file_number:
        filing.amends = (
            Filing.objects.filter(company=company, file_number=filing.file_number)
            .filter(amendment_number__lt=filing.amendment_number)
            .order_by("-amendment_number")
            .first()
        )
        filing.save(update_fields=["amends"])
    return filing


def review_for(company: Company, filings: list[Filing], parsed: ParsedLetter) -> FilingReview:
    """The open review this letter continues, or a new one: follow-up letters join their thread.

    A letter that names the letter it follows up ("our letter dated May 5, 2020", in its opening
    or a comment) joins the open review whose latest letter is that one, whatever filings it
    names; otherwise the open review of the same filings. An amendment carries its
    registration statement's file number, so it finds the same thread.
    """
    open_reviews = FilingReview.objects.filter(company=company, status=ReviewStatus.OPEN)
    review = followed_review(open_reviews, parsed) or same_filing_review(open_reviews, filings)
    if review is None:
        title = "; ".join(ref.description or ref.form for ref in parsed.filings)
        review = FilingReview.objects.create(
            company=company, title=title[:300], opened_on=parsed.date
        )
    review.filings.add(*filings)
    return review


def followed_letter_dates(parsed: ParsedLetter) -> set[date]:
    """The dates of the staff letters this one follows up, as its opening and comments name them."""
    dates = {comment.prior_letter_date for comment in parsed.comments}
    return {when for when in dates | {parsed.prior_letter_date} if when}


def followed_review(
    open_reviews: QuerySet[FilingReview], parsed: ParsedLetter
) -> FilingReview | None:
    """The open review whose latest letter is one this letter follows up."""
    dates = followed_letter_dates(parsed)
    if not dates:
        return None
    latest = CommentLetter.objects.filter(review=OuterRef("pk")).order_by("-letter_date", "-round")
    reviews = open_reviews.annotate(latest_letter_on=Subquery(latest.values("letter_date")[:1]))
    return reviews.filter(latest_letter_on__in=dates).order_by("-opened_on", "-pk").first()


def same_filing_review(
    open_reviews: QuerySet[FilingReview], filings: list[Filing]
) -> FilingReview | None:
    numbers = [filing.file_number for filing in filings if filing.file_number]
    same_filing = Q(filings__in=filings) | Q(filings__file_number__in=numbers)
    return open_reviews.filter(same_filing).distinct().order_by("-opened_on", "-pk").first()


def create_letter(
    review: FilingReview, parsed: ParsedLetter, received_on: date, digest: str
) -> CommentLetter:
    window = parsed.response_window_business_days or DEFAULT_WINDOW
    signatory = parsed.signatory
    return CommentLetter.objects.create(
        review=review,
        round=review.letters.count() + 1,
        kind=parsed.kind,
        letter_date=parsed.date or received_on,
        received_on=received_on,
        response_window_business_days=window,
        response_due_on=clock.response_date(received_on, window),
        addressee=addressee_text(parsed),
        salutation=clipped(CommentLetter, "salutation", parsed.salutation),
        re_block=parsed.re_block,
        closing_text=parsed.closing,
        staff_signatory=clipped(
            CommentLetter, "staff_signatory", signatory.name if signatory else ""
        ),
        staff_signatory_title=clipped(
            CommentLetter, "staff_signatory_title", signatory.title if signatory else ""
        ),
        staff_contacts=[vars(contact) for contact in parsed.contacts],
        cc=list(parsed.cc),
        asks_acknowledgment=parsed.asks_acknowledgment,
        source_sha256=digest,
        extracted_text=parsed.source_text,
    )


def clipped(model: type[models.Model], name: str, value: str) -> str:
    """The parser's text cut to the column it goes in: a letter built to overflow a field is
    saved (SQLite would keep the excess, PostgreSQL would refuse the row)."""
    return value[: model._meta.get_field(name).max_length]


def addressee_text(parsed: ParsedLetter) -> str:
    person = parsed.addressee
    lines = [person.name, person.title, person.company, *person.address_lines]
    return "\n".join(line for line in lines if line)


def create_comments(letter: CommentLetter, parsed: ParsedLetter) -> list[Comment]:
    comments = Comment.objects.bulk_create(
        Comment(
            letter=letter,
            number=item.number,
            headings=list(item.headings),
            pages=list(item.pages),
            text=item.text,
            request_types=list(item.request_types),
        )
        for item in parsed.comments
    )
    create_responses(letter)
    return comments


def create_responses(letter: CommentLetter) -> None:
    """An empty response to each comment of ``letter``, in one INSERT ... SELECT: a long letter's
    responses are written without building a row object for each."""
    names = [
        connection.ops.quote_name(Response._meta.db_table),
        _column(Response, "comment"),
        _column(Response, "status"),
        _column(Response, "updated_at"),
        _column(Comment, "id"),
        connection.ops.quote_name(Comment._meta.db_table),
        _column(Comment, "letter"),
    ]
    insert = "INSERT INTO {} ({}, {}, {}) SELECT {}, %s, %s FROM {} WHERE {} = %s"
    # Only our own models' table and column names go in the text; values are parameters.
    sql = insert.format(*names)  # noqa: S608
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(sql, [ResponseStatus.NOT_STARTED, now, letter.pk])


def _column(model: type[models.Model], name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


def link_follow_ups(letter: CommentLetter, comments: list[Comment], parsed: ParsedLetter) -> None:
    """Point each "prior comment N" at comment N of the letter it names, else the previous one."""
    earlier = list(
        Comment.objects.filter(letter__review=letter.review, letter__round__lt=letter.round)
        .select_related("letter")
        .only("number", "letter__letter_date", "letter__round")
    )
    Through = Comment.follows_up.through
    Through.objects.bulk_create(
        Through(from_comment=comment, to_comment=prior)
        for comment, item in zip(comments, parsed.comments, strict=True)
        for number in item.prior_comments
        if (prior := find_prior(earlier, number, item.prior_letter_date, letter.round - 1))
    )


def find_prior(
    earlier: list[Comment], number: int, letter_date: date | None, previous_round: int
) -> Comment | None:
    """Comment `number` of the letter dated `letter_date`, or of the previous round's letter."""
    for candidate in earlier:
        same_letter = (
            candidate.letter.letter_date == letter_date
            if letter_date
            else candidate.letter.round == previous_round
        )
        if candidate.number == number and same_letter:
            return candidate
    return None
