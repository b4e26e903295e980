"""Small public review threads written for the library's tests, in the layout EDGAR serves:
ACCESSION_upload.flat.txt (a staff letter), ACCESSION_corresp.htm or .txt (a response)."""

from pathlib import Path

COMPANY = "Harbor Lights Corp"

STAFF_HEAD = """\
{date}

Ms. Dana Whitfield
Chief Financial Officer
Harbor Lights Corp
40 Quay Street
Boston, MA 02110

Re: Harbor Lights Corp
Form 10-K for the Fiscal Year Ended December 31, 2020
Filed February 26, 2021
File No. 001-77777

Dear Ms. Whitfield:

"""

STAFF_FOOT = """
Please contact Lee Grant at (202) 555-0100 if you have questions.

Sincerely,

Division of Corporation Finance
Office of Trade & Services
"""

FIRST_LETTER = (
    STAFF_HEAD.format(date="March 1, 2021")
    + """\
We have reviewed your filing and have the following comments.

Please respond to this letter within ten business days by providing the requested information.

Form 10-K for the Fiscal Year Ended December 31, 2020

Revenue Recognition, page 51

1. Please tell us how you determine the standalone selling price of each installation service \
you bundle with a lighting system, and revise your disclosure to describe it.

Segment Reporting, page 60

2. Please tell us why you aggregate your marine and harbor operating segments into one \
reportable segment, given their different gross margins.
"""
    + STAFF_FOOT
)

FOLLOW_UP = (
    STAFF_HEAD.format(date="April 2, 2021")
    + """\
We have reviewed your March 15, 2021 response to our comment letter and have the following \
comment. In our comment, we refer to our March 1, 2021 letter.

Segment Reporting, page 60

1. We note your response to prior comment 2. Please provide us with the gross margins of each \
operating segment for the last five years so that we may evaluate their economic similarity.
"""
    + STAFF_FOOT
)

CLOSING = (
    STAFF_HEAD.format(date="April 30, 2021")
    + """\
We have completed our review of your filing. We remind you that the company and its management \
are responsible for the accuracy and adequacy of their disclosures, notwithstanding any review, \
comments, action or absence of action by the staff.
"""
    + STAFF_FOOT
)

RESPONSE_HEAD = """\
Harbor Lights Corp
40 Quay Street, Boston, MA 02110

{date}

VIA EDGAR

United States Securities and Exchange Commission
Division of Corporation Finance
100 F Street, N.E.
Washington, D.C. 20549

Re: Harbor Lights Corp
Form 10-K for the Fiscal Year Ended December 31, 2020
File No. 001-77777

Ladies and Gentlemen:

Harbor Lights Corp (the "Company") responds to the comments of the staff of the Division of \
Corporation Finance set forth in your letter dated {answers}. Each comment is recited below, \
followed by the Company's response.

"""

RESPONSE_FOOT = """
Sincerely,

/s/ Dana Whitfield
Dana Whitfield
Chief Financial Officer
"""

FIRST_RESPONSE = (
    RESPONSE_HEAD.format(date="March 15, 2021", answers="March 1, 2021")
    + """\
1. Please tell us how you determine the standalone selling price of each installation service.

Response: The Company estimates the standalone selling price of installation from the hours \
its crews record and the rates it charges when it sells installation alone.

2. Please tell us why you aggregate your marine and harbor operating segments.

Response: The Company respectfully advises the Staff that the two segments share customers, \
products and a production process, and their long-term margins converge.
"""
    + RESPONSE_FOOT
)

SECOND_RESPONSE = (
    RESPONSE_HEAD.format(date="April 16, 2021", answers="April 2, 2021")
    + """\
1. Please provide us with the gross margins of each operating segment for the last five years.

Response: The Company provides the gross margins supplementally in the table attached to this \
letter.
"""
    + RESPONSE_FOOT
)

# (accession, file name suffix, text), in the order the review went.
HARBOR_REVIEW = [
    ("0000000000-21-000101", "upload.flat.txt", FIRST_LETTER),
    ("0001234567-21-000005", "corresp.txt", FIRST_RESPONSE),
    ("0000000000-21-000202", "upload.flat.txt", FOLLOW_UP),
    ("0001234567-21-000009", "corresp.txt", SECOND_RESPONSE),
    ("0000000000-21-000303", "upload.flat.txt", CLOSING),
]
HARBOR_THREAD = "HLC_0000000000-21-000101"


def write_thread(root: Path, ticker: str, thread: str, documents: list) -> Path:
    """Write `documents` (accession, suffix, text or bytes) as root/TICKER/THREAD/ files."""
    folder = root / ticker / thread
    folder.mkdir(parents=True, exist_ok=True)
    for accession, suffix, content in documents:
        path = folder / f"{accession}_{suffix}"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder
