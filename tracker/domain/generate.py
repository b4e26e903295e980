"""Synthetic companies, people and staff letters in bulk, to measure the lists at scale.

`generate_comments` writes with bulk_create, company by company, so 200,000 comments take a
couple of minutes on PostgreSQL and memory stays flat. Proportions follow real reviews: a
company has a handful of preparers, reviewers and approvers; a review runs one to three rounds
of five to thirty-five comments; old letters are answered, recent ones are being worked on.
"""

import random
import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from tracker import clock
from tracker.enums import AssignmentRole, FormType, ResponseStatus, ReviewStatus, Role
from tracker.models import (
    Assignment,
    Comment,
    CommentLetter,
    Company,
    Filing,
    FilingReview,
    Membership,
    Response,
    Revision,
)

BATCH = 2_000
COMMENTS_PER_COMPANY = 2_000
FIRST_NAMES = ["Dana", "Miguel", "Priya", "Grace", "Tom", "Aisha", "Ken", "Lena", "Omar", "Ruth"]
LAST_NAMES = ["Whitfield", "Ortega", "Raman", "Lin", "Baker", "Khan", "Sato", "Novak", "Cole"]
FORM_TYPES = [FormType.S1, FormType.TEN_K, FormType.TEN_Q, FormType.DEF14A, FormType.F1]
HEADINGS = {
    "General": [],
    "Risk Factors": ["Risks Related to Our Business", "Risks Related to This Offering"],
    "Use of Proceeds": [],
    "Management's Discussion and Analysis": [
        "Results of Operations",
        "Liquidity and Capital Resources",
        "Critical Accounting Policies",
    ],
    "Business": ["Customers", "Competition", "Intellectual Property"],
    "Executive Compensation": ["Annual Cash Bonuses", "Equity Awards"],
    "Financial Statements": ["Revenue Recognition", "Stock-Based Compensation", "Segments"],
}
ASKS = {
    "revise": "Please revise your disclosure on page {page} to explain {topic}.",
    "tell_us": "Tell us how you considered {topic} in reaching this conclusion.",
    "supplemental": "Please provide us supplementally with the support for {topic}.",
    "confirm": "Please confirm that you will disclose {topic} in future filings.",
    "advisory": "We remind you that you are responsible for {topic}.",
}
TOPICS = [
    "the principal uses of the proceeds",
    "the decline in gross margin",
    "customer concentration",
]
# Letters answered long ago are approved; current ones are somewhere in the workflow.
CURRENT_STATUSES = {
    ResponseStatus.NOT_STARTED: 30,
    ResponseStatus.DRAFTING: 30,
    ResponseStatus.IN_REVIEW: 15,
    ResponseStatus.CHANGES_REQUESTED: 7,
    ResponseStatus.APPROVED: 18,
}
FIRST_ROLES = [Role.PREPARER, Role.REVIEWER, Role.APPROVER]
ROLE_MIX = [Role.PREPARER] * 4 + [Role.REVIEWER] * 3 + [Role.APPROVER] * 2 + [Role.READ_ONLY] * 2
STAFF_LISTS = {Role.PREPARER: "preparers", Role.REVIEWER: "reviewers", Role.APPROVER: "approvers"}


@dataclass
class Staff:
    """A company's members by role, to pick assignees from."""

    preparers: list = field(default_factory=list)
    reviewers: list = field(default_factory=list)
    approvers: list = field(default_factory=list)


@dataclass(frozen=True)
class Generated:
    companies: int
    users: int
    counts: Counter


def generate_comments(
    comments: int,
    *,
    users: int = 500,
    companies: int | None = None,
    today: date | None = None,
    seed: int = 2009,
) -> Generated:
    """Write `comments` staff comments with their letters, responses and assignments."""
    rng = random.Random(seed)  # noqa: S311 - made-up data, repeatable by seed; no secret
    today = today or clock.sec_today()
    companies = companies or max(1, comments // COMMENTS_PER_COMPANY)
    tag = secrets.token_hex(3)  # names stay unique when the command runs again
    counts: Counter = Counter()
    with transaction.atomic():
        company_rows = Company.objects.bulk_create(
            Company(name=f"Synthetic Registrant {tag}-{n:04d}, Inc.") for n in range(companies)
        )
        people = make_users(users, tag)
        staff = make_memberships(company_rows, people, rng)
        for company, quota in zip(company_rows, shares(comments, companies), strict=True):
            counts += fill_company(company, quota, staff[company.pk], rng, today)
    analyze()
    return Generated(companies=companies, users=users, counts=counts)


def shares(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if n < total % parts else 0) for n in range(parts)]


def make_users(count: int, tag: str) -> list:
    unusable = make_password(None)  # generated people never log in with a password
    return get_user_model().objects.bulk_create(
        get_user_model()(
            username=f"synthetic-{tag}-{n:05d}",
            first_name=FIRST_NAMES[n % len(FIRST_NAMES)],
            last_name=LAST_NAMES[n % len(LAST_NAMES)],
            email=f"synthetic-{tag}-{n:05d}@example.com",
            password=unusable,
        )
        for n in range(count)
    )


def make_memberships(companies: list[Company], people: list, rng: random.Random) -> dict:
    """Each company gets a preparer, a reviewer and an approver, then a mix; people belong to
    one company or, about a third of them, two."""
    per_company = max(3, round(len(people) * 1.3 / len(companies)))
    stride = max(1, len(people) // len(companies))
    memberships, staff = [], {}
    for c, company in enumerate(companies):
        staff[company.pk] = Staff()
        members = {people[(c * stride + j) % len(people)] for j in range(per_company)}
        for j, user in enumerate(sorted(members, key=lambda u: u.username)):
            role = FIRST_ROLES[j] if j < len(FIRST_ROLES) else rng.choice(ROLE_MIX)
            memberships.append(Membership(user=user, company=company, role=role))
            if role in STAFF_LISTS:
                getattr(staff[company.pk], STAFF_LISTS[role]).append(user)
    Membership.objects.bulk_create(memberships, batch_size=BATCH)
    return staff


def fill_company(
    company: Company, quota: int, staff: Staff, rng: random.Random, today: date
) -> Counter:
    letters = make_letters(company, quota, rng, today)
    comments = make_comments(letters, rng)
    statuses = {c.pk: comment_status(c.letter, rng, today) for c in comments}
    responses = Response.objects.bulk_create(
        (Response(comment=c, status=statuses[c.pk]) for c in comments), batch_size=BATCH
    )
    assignments = make_assignments(comments, statuses, staff, rng)
    revisions = make_revisions(responses, staff, rng)
    return Counter(
        letters=len(letters),
        comments=len(comments),
        responses=len(responses),
        assignments=len(assignments),
        revisions=len(revisions),
    )


def make_letters(
    company: Company, quota: int, rng: random.Random, today: date
) -> list[tuple[CommentLetter, int]]:
    """Reviews of one filing each, with one to three rounds, until `quota` comments."""
    plans: list[tuple[Filing, FilingReview, list[tuple[CommentLetter, int]]]] = []
    left = quota
    while left > 0:
        # Two reviews in five are current: their letters are still being answered.
        days = rng.randint(0, 45) if rng.random() < 0.4 else rng.randint(46, 730)
        opened = today - timedelta(days=days)
        filing = Filing(company=company, form_type=rng.choice(FORM_TYPES), filed_on=opened)
        title = f"Review of the {filing.form_type}"
        review = FilingReview(company=company, title=title, opened_on=opened)
        rounds = []
        for number in range(1, rng.randint(1, 3) + 1):
            letter_date = opened + timedelta(days=35 * (number - 1) + rng.randint(20, 30))
            if left <= 0 or (number > 1 and letter_date > today):
                break
            size = min(left, rng.randint(5, 35))
            left -= size
            rounds.append((new_letter(review, number, min(letter_date, today)), size))
        review.status = review_status(rounds[-1][0], today)
        plans.append((filing, review, rounds))
    return save_letters(plans)


def new_letter(review: FilingReview, number: int, letter_date: date) -> CommentLetter:
    return CommentLetter(
        review=review,
        round=number,
        letter_date=letter_date,
        received_on=letter_date,
        response_due_on=clock.response_date(letter_date, 10),
        re_block=f"Re: Synthetic Registrant\n{review.title}",
    )


def review_status(last_letter: CommentLetter, today: date) -> str:
    recent = last_letter.response_due_on >= today - timedelta(days=30)
    return ReviewStatus.OPEN if recent else ReviewStatus.COMPLETE


def save_letters(plans: list) -> list[tuple[CommentLetter, int]]:
    filings = Filing.objects.bulk_create([filing for filing, _, _ in plans], batch_size=BATCH)
    reviews = FilingReview.objects.bulk_create([r for _, r, _ in plans], batch_size=BATCH)
    FilingReview.filings.through.objects.bulk_create(
        FilingReview.filings.through(filingreview_id=review.pk, filing_id=filing.pk)
        for filing, review in zip(filings, reviews, strict=True)
    )
    # Each letter points at its review object, whose primary key bulk_create has just set.
    rounds = [planned for _, _, letters in plans for planned in letters]
    CommentLetter.objects.bulk_create([letter for letter, _ in rounds], batch_size=BATCH)
    return rounds


def make_comments(letters: list[tuple[CommentLetter, int]], rng: random.Random) -> list[Comment]:
    comments = []
    for letter, size in letters:
        outline = sorted(rng.sample(list(HEADINGS), k=min(len(HEADINGS), 1 + size // 6)))
        for number in range(1, size + 1):
            outer = outline[(number - 1) * len(outline) // size]
            inner = HEADINGS[outer]
            headings = [outer, rng.choice(inner)] if inner and rng.random() < 0.7 else [outer]
            comments.append(new_comment(letter, number, headings, rng))
    return Comment.objects.bulk_create(comments, batch_size=BATCH)


def new_comment(letter: CommentLetter, number: int, headings: list[str], rng: random.Random):
    asks = rng.sample(list(ASKS), k=rng.choice([1, 1, 1, 2, 2, 3]))
    page = rng.randint(3, 120)
    text = " ".join(ASKS[ask].format(page=page, topic=rng.choice(TOPICS)) for ask in asks)
    return Comment(
        letter=letter,
        number=number,
        headings=headings,
        pages=[str(page)],
        text=f"We note your disclosure on page {page}. {text}",
        request_types=sorted(asks),
    )


def comment_status(letter: CommentLetter, rng: random.Random, today: date) -> str:
    if letter.response_due_on < today - timedelta(days=20):
        return ResponseStatus.APPROVED if rng.random() < 0.95 else ResponseStatus.IN_REVIEW
    statuses, weights = zip(*CURRENT_STATUSES.items(), strict=True)
    return rng.choices(statuses, weights)[0]


def make_assignments(
    comments: list[Comment], statuses: dict, staff: Staff, rng: random.Random
) -> list[Assignment]:
    """A drafter for most comments; a reviewer and an approver once the work needs them."""
    reviewed = {ResponseStatus.IN_REVIEW, ResponseStatus.CHANGES_REQUESTED, ResponseStatus.APPROVED}
    rows = []
    for comment in comments:
        status = statuses[comment.pk]
        due = comment.letter.response_due_on
        wants = [
            (AssignmentRole.DRAFTER, staff.preparers, rng.random() < 0.9),
            (AssignmentRole.REVIEWER, staff.reviewers, status in reviewed or rng.random() < 0.5),
            (AssignmentRole.APPROVER, staff.approvers, status == "approved" or rng.random() < 0.3),
        ]
        for role, people, wanted in wants:
            if wanted and people:
                # An internal deadline two business days early, for about one in four.
                due_on = clock.add_business_days(due, -2) if rng.random() < 0.25 else due
                user = rng.choice(people)
                rows.append(Assignment(comment=comment, user=user, role=role, due_on=due_on))
    return Assignment.objects.bulk_create(rows, batch_size=BATCH)


def make_revisions(responses: list[Response], staff: Staff, rng: random.Random) -> list[Revision]:
    """A first draft for every response past "not started"."""
    rows = [
        Revision(
            response=response,
            number=1,
            text="The Company has revised the disclosure as requested.",
            author=rng.choice(staff.preparers),
        )
        for response in responses
        if response.status != ResponseStatus.NOT_STARTED and staff.preparers
    ]
    return Revision.objects.bulk_create(rows, batch_size=BATCH)


def analyze() -> None:
    """Fresh planner statistics, as autovacuum would gather them after such a load."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
