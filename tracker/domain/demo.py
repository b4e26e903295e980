"""The demo: the SEC staff's December 17, 2009 letter on Calix Networks' S-1, ready to work on,
and a second review, of the company's 10-K for 2015: a staff letter of April 12, 2016 written
for the demo (a periodic report: the response speaks of future filings, and the letter asks for
the acknowledgment statement), with the 10-K's stockholders' equity note as the filing.

The public library gets six reviews of fictional companies, written for the demo in the shape
of EDGAR's correspondence on topics of the Calix letter's comments, so that its comments have
similar comments to show.

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
from .library import import_thread, thread_folders
from .library.folders import thread_files
from .responses import save_revision

DEMO_DATA = Path(__file__).resolve().parent.parent / "demo_data"
DEMO_LETTER = DEMO_DATA / "sec-staff-letter_calix_s-1_2009-12-17.txt"
DEMO_10K_NOTE = DEMO_DATA / "calix_10-k_2015_note_stockholders-equity.txt"
DEMO_10K_LETTER = DEMO_DATA / "sec-staff-letter_calix_10-k_2016-04-12.txt"
DEMO_LIBRARY = DEMO_DATA / "library"  # TICKER/THREAD/ACCESSION_upload.flat.txt, _corresp.htm
DEMO_10K_FILE_NUMBER = "001-34674"
DEMO_10K_FILED_ON = date(2016, 2, 29)
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
    # The company's administrator: she approves, and runs the team from its Team page.
    DemoUser("approver", "Grace", "Lin", Role.ADMINISTRATOR, "Chief Financial Officer"),
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


# Drafts of the 10-K review's responses: by whom, and what they say.
DEMO_10K_DRAFTS = {
    1: (
        "controller",
        "The decrease in gross margin from 2014 to 2015 reflected customer and product mix, "
        "which reduced gross margin by approximately 1.2 percentage points, and costs of the "
        "transition to the new contract manufacturer, which reduced it by approximately 0.8 "
        "percentage points. The Company expects the transition costs to end in the second half "
        "of 2016.\n\n"
        "In future filings, beginning with its Quarterly Report on Form 10-Q for the quarter "
        "ending June 30, 2016, the Company will quantify each factor it cites for a change in "
        "gross margin and discuss whether it expects transition costs to continue.",
    ),
    3: (
        "counsel",
        "The Company will revise its discussion of liquidity in future filings to describe the "
        "effect of the stock repurchase program on its liquidity and the sources from which it "
        "expects to fund further repurchases, substantially as follows:\n\n"
        "*Stock Repurchase Program.* In April 2015, the Board of Directors authorized the "
        "repurchase of up to $40 million of our common stock. We fund repurchases from cash on "
        "hand, and we do not expect them to affect our ability to meet our operating needs.",
    ),
    5: (
        "controller",
        "In future filings the Company will disclose, for each period in which performance "
        "restricted stock units were granted, the significant assumptions used in the Monte "
        "Carlo simulation: the expected volatility of the Company's stock and of the peer group, "
        "the correlation between them, the risk-free interest rate and the expected dividend "
        "yield.",
    ),
}


@transaction.atomic
def seed_demo() -> CommentLetter:
    """Load (or find) the demo letters, users, memberships, assignments and drafted responses;
    returns the S-1 letter."""
    letter = demo_letter(DEMO_LETTER, date(2009, 12, 17))
    company = letter.review.company
    if not company.cik:
        company.cik = DEMO_CIK
        company.save(update_fields=["cik"])
    demo_admin()
    users = {spec.username: demo_user(company, spec) for spec in DEMO_USERS}
    assign_demo_work(letter, users)
    draft_demo_response(letter, users["counsel"])
    demo_response_letter(letter)
    demo_annual_review(company, users)
    demo_library()
    return letter


def demo_library() -> int:
    """The demo's public reviews, imported as import_correspondence imports a folder (each
    accession once); returns the number of documents newly imported."""
    imported = 0
    for folder in thread_folders(DEMO_LIBRARY):
        outcome = import_thread(folder.name, thread_files(folder), ticker=folder.parent.name)
        imported += outcome.imported
    return imported


def demo_letter(path: Path, received_on: date, company: Company | None = None) -> CommentLetter:
    """The staff letter of the file, imported, or the one imported from it before."""
    try:
        return import_letter(
            parse_letter(path.read_text(encoding="utf-8")), received_on=received_on, company=company
        )
    except DuplicateLetter as duplicate:
        return duplicate.letter


def demo_annual_review(company: Company, users: dict) -> CommentLetter:
    """The staff's letter on the 10-K, the 10-K's note it comments on, and drafts of three
    responses (a periodic report's: what the company will disclose in future filings)."""
    adopt_earlier_annual_report(company)
    letter = demo_letter(DEMO_10K_LETTER, date(2016, 4, 12), company)
    demo_annual_report(company)
    for number, (username, text) in DEMO_10K_DRAFTS.items():
        draft_once(letter.comments.get(number=number).response, text, users[username])
    ResponseLetter.objects.get_or_create(letter=letter, defaults=demo_letter_settings())
    return letter


def adopt_earlier_annual_report(company: Company) -> None:
    """A demo loaded before the 10-K's letter had the note's filing without its file number:
    give it the number, so the letter goes with it rather than with a second 10-K."""
    Filing.objects.filter(company=company, form_type=FormType.TEN_K, file_number="").update(
        file_number=DEMO_10K_FILE_NUMBER, filed_on=DEMO_10K_FILED_ON
    )


def demo_annual_report(company: Company) -> Filing:
    """The 10-K's stockholders' equity note, imported as the filing's one section (into the
    filing the staff's letter named, whose outline it replaces)."""
    parsed = parse_filing_file(DEMO_10K_NOTE.read_bytes())
    try:
        return import_filing(
            parsed,
            company=company,
            form_type=FormType.TEN_K,
            file_number=DEMO_10K_FILE_NUMBER,
            filed_on=DEMO_10K_FILED_ON,
        )
    except AlreadyImported as imported:
        return imported.filing


def draft_once(response, text: str, author) -> None:
    """The response's first draft, saved as a preparer saves it; nothing if it has one."""
    if not response.revisions.exists():
        save_revision(response, text, author=author, based_on=None)


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


def demo_letter_settings() -> dict:
    """Who writes and signs the demo's response letters."""
    return {
        "letterhead": DEMO_LETTERHEAD,
        "signer_name": "Dana Whitfield",
        "signer_title": "Outside counsel",
        "signer_firm": "Whitfield & Park LLP",
        "page_code_prefix": "CALX",
    }


def demo_response_letter(letter: CommentLetter) -> None:
    ResponseLetter.objects.get_or_create(
        letter=letter,
        defaults={
            **demo_letter_settings(),
            "amendment_name": "Amendment No. 1",
            "page_reference_document": "Amendment No. 1",
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
