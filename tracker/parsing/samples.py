"""Synthetic staff letters of any length, for benchmarks and tests."""

_SECTIONS = [
    "Risk Factors",
    "Use of Proceeds",
    "Management's Discussion and Analysis of Financial Condition and Results of Operations",
    "Business",
    "Executive Compensation",
    "Notes to Consolidated Financial Statements",
]
_REQUESTS = [
    "Please revise your disclosure to quantify the effect of these changes on page {page}.",
    "Please tell us how you considered ASC 606-10-50-5 in reaching this conclusion.",
    "Please supplementally provide us with copies of the studies you cite on page {page}.",
    "Please confirm that you will file the agreement as an exhibit.",
    "We note your disclosure on page {page} regarding your liquidity.",
]


def synthetic_letter(n: int) -> str:
    """The text of a realistic staff letter on a Form S-1 with ``n`` numbered comments."""
    parts = [
        "March 3, 2021",
        "Jane Doe\nChief Executive Officer\nExample Corp.\n100 Main Street\nSpringfield, IL 62701",
        "Re: Example Corp.\nRegistration Statement on Form S-1\nFiled February 1, 2021\n"
        "File No. 333-250001",
        "Dear Ms. Doe:",
        "We have reviewed your registration statement and have the following comments. "
        "Please respond to this letter within ten business days by amending your registration "
        "statement and providing the requested information.",
    ]
    for number in range(1, n + 1):
        page = 10 + number
        if number % 3 == 1:
            parts.append(f"{_SECTIONS[(number // 3) % len(_SECTIONS)]}, page {page}")
        request = _REQUESTS[number % len(_REQUESTS)].format(page=page)
        parts.append(f"{number}. We note the discussion of segment results. {request}")
    parts += [
        "We remind you that the company and its management are responsible for the accuracy "
        "and adequacy of their disclosures, notwithstanding any review, comments, action or "
        "absence of action by the staff.",
        "Please contact John Roe, Staff Attorney, at (202) 551-3000 with any questions.",
        "Sincerely,",
        "Division of Corporation Finance\nOffice of Manufacturing",
    ]
    return "\n\n".join(parts) + "\n"
