"""The demo: the SEC staff's December 17, 2009 letter on Calix Networks' S-1, ready to work on,
and a note from the company's 10-K for 2015 as a filing to browse.

Idempotent: running it again changes nothing.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from tracker.enums import AssignmentRole, FormType, ResponseStatus, Role
from tracker.models import (
    Assignment,
    Comment,
    CommentLetter,
    Company,
    Filing,
    Membership,
    ResponseLetter,
    Revision,
)
from tracker.parsing import parse_letter
from tracker.parsing.filing_document import parse_filing_file

from .activity import record_activity
from .filings import AlreadyImported, import_filing
from .letters import DuplicateLetter, import_letter

DEMO_DATA = Path(__file__).resolve().parent.parent / "demo_data"
DEMO_LETTER = DEMO_DATA / "sec-staff-letter_calix_s-1_2009-12-17.txt"
DEMO_10K_NOTE = DEMO_DATA / "calix_10-k_2015_note_stockholders-equity.txt"
DEMO_CIK = "0001406666"
DEMO_PASSWORD = "corresp-demo"  # noqa: S105 - printed for the demo on purpose


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str
    title: str


DEMO_USERS = [
    DemoUser("counsel", "Dana", "Whitfield", Role.PREPARER, "Outside counsel"),
    DemoUser("controller", "Miguel", "Ortega", Role.PREPARER, "Corporate Controller"),
    DemoUser("reviewer", "Priya", "Raman", Role.REVIEWER, "General Counsel"),
    DemoUser("approver", "Grace", "Lin", Role.APPROVER, "Chief Financial Officer"),
]

# Who drafts which comments in the demo: counsel the disclosure, the controller the accounting.
DEMO_DRAFTERS = {"counsel": [5, 6, 7, 14, 15], "controller": [4, 20, 21, 22]}

DRAFT_RESPONSE_7 = (
    "The Company has revised the disclosure on page 29 of Amendment No. 1 to identify and quantify "
    "the principal intended uses of the net proceeds, to the extent currently known.\n\n"
    "The Company advises the Staff that it does not currently have specific plans for the "
    'remaining proceeds, and has expanded the discussion of "other general corporate purposes" '
    "to describe working capital, capital expenditures and possible acquisitions of "
    "complementary businesses."
)


@transaction.atomic
def seed_demo() -> CommentLetter:
    """Load (or find) the demo letter, users, memberships, assignments and one drafted response."""
    text = DEMO_LETTER.read_text(encoding="utf-8")
    try:
        letter = import_letter(parse_letter(text), received_on=date(2009, 12, 17))
    except DuplicateLetter as duplicate:
        letter = duplicate.letter
    company = letter.review.company
    if not company.cik:
        company.cik = DEMO_CIK
        company.save(update_fields=["cik"])
    demo_admin()
    users = {spec.username: demo_user(company, spec) for spec in DEMO_USERS}
    assign_demo_work(letter, users)
    draft_demo_response(letter, users["counsel"])
    demo_response_letter(letter)
    demo_annual_report(company)
    return letter


def demo_annual_report(company: Company) -> Filing:
    """The 10-K's stockholders' equity note, imported as the filing's one section."""
    parsed = parse_filing_file(DEMO_10K_NOTE.read_bytes())
    try:
        filing = import_filing(parsed, company=company, form_type=FormType.TEN_K)
    except AlreadyImported as imported:
        filing = imported.filing
    if not filing.description:
        filing.description = "Annual Report for the fiscal year ended December 31, 2015"
        filing.save(update_fields=["description"])
    return filing


def demo_admin() -> None:
    admin, created = get_user_model().objects.get_or_create(
        username="admin", defaults={"is_staff": True, "is_superuser": True}
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save(update_fields=["password"])


def demo_user(company: Company, spec: DemoUser):
    user, created = get_user_model().objects.get_or_create(
        username=spec.username,
        defaults={
            "first_name": spec.first_name,
            "last_name": spec.last_name,
            "email": f"{spec.username}@example.com",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(
        user=user, company=company, defaults={"role": spec.role, "title": spec.title}
    )
    return user


def assign_demo_work(letter: CommentLetter, users: dict) -> None:
    comments = {c.number: c for c in letter.comments.all()}
    for username, numbers in DEMO_DRAFTERS.items():
        for number in numbers:
            comment = comments[number]
            for user, role in [
                (users[username], AssignmentRole.DRAFTER),
                (users["reviewer"], AssignmentRole.REVIEWER),
                (users["approver"], AssignmentRole.APPROVER),
            ]:
                Assignment.objects.get_or_create(
                    comment=comment,
                    user=user,
                    role=role,
                    defaults={"due_on": letter.response_due_on, "assigned_by": users["counsel"]},
                )


# The demo's outside counsel: a made-up firm, so the demo letter has a letterhead and a signer.
DEMO_LETTERHEAD = "Whitfield & Park LLP\n400 University Avenue\nPalo Alto, California 94301"


def demo_response_letter(letter: CommentLetter) -> None:
    ResponseLetter.objects.get_or_create(
        letter=letter,
        defaults={
            "letterhead": DEMO_LETTERHEAD,
            "amendment_name": "Amendment No. 1",
            "page_reference_document": "Amendment No. 1",
            "signer_name": "Dana Whitfield",
            "signer_title": "Outside counsel",
            "signer_firm": "Whitfield & Park LLP",
            "page_code_prefix": "CALX",
        },
    )


def draft_demo_response(letter: CommentLetter, author) -> None:
    comment: Comment = letter.comments.select_related("response").get(number=7)
    response = comment.response
    if response.revisions.exists():
        return
    revision = Revision.objects.create(
        response=response, number=1, text=DRAFT_RESPONSE_7, author=author
    )
    response.status = ResponseStatus.DRAFTING
    response.save(update_fields=["status", "updated_at"])
    company = letter.review.company
    record_activity(
        company, author, "revision.saved", revision, "Drafted the response to comment 7"
    )
