"""The response letter's opening and closing follow the review: what is filed with it, and the
acknowledgment statement when the staff's letter asks for it. Letters of our own."""

from datetime import date

import pytest
from django.urls import reverse

from tests.exports_helpers import docx_paragraphs, flat
from tests.factories import MembershipFactory
from tracker import queries
from tracker.domain.demo import DEMO_10K_NOTE, DEMO_LETTER, demo_letter, seed_demo
from tracker.domain.exports import save_response_letter
from tracker.domain.filings import import_filing
from tracker.domain.letters import import_letter
from tracker.enums import ExportFormat, ExportVersion, FormType, Role
from tracker.exporters import exporter_for
from tracker.exporters.context import (
    DEFAULT_ACKNOWLEDGMENT,
    DEFAULT_CLOSING,
    OPENING_FUTURE_FILINGS,
    opening_template,
)
from tracker.models import CommentLetter, Company, Filing, ResponseLetter
from tracker.parsing import parse_letter
from tracker.parsing.filing_document import parse_filing_file
from tracker.parsing.forms import PERIODIC, REGISTRATION

pytestmark = pytest.mark.django_db

TANDY = """In responding to our comments, please provide a written statement from the company
acknowledging that:

- the company is responsible for the adequacy and accuracy of the disclosure in the filing;
- staff comments or changes to disclosure in response to staff comments do not foreclose the
Commission from taking any action with respect to the filing; and
- the company may not assert staff comments as a defense in any proceeding initiated by the
Commission or any person under the federal securities laws of the United States."""

S1 = "Registration Statement on Form S-1\nFiled June 1, 2012\nFile No. 333-180001"
S1_AMENDED = (
    "Amendment No. 2 to Registration Statement on Form S-1\nFiled August 3, 2012\n"
    "File No. 333-180001"
)
DRS = "Draft Registration Statement on Form S-1\nSubmitted May 4, 2015\nCIK No. 0001600001"
TEN_K = (
    "Form 10-K for the Fiscal Year Ended December 31, 2011\nFiled March 1, 2012\nFile No. 001-33210"
)
EIGHT_K = "Form 8-K\nFiled February 9, 2012\nFile No. 001-33210"
PROXY = "Preliminary Proxy Statement on Schedule 14A\nFiled March 3, 2014\nFile No. 001-33210"


def staff_letter(filings: str, closing: str = "") -> str:
    return f"""July 2, 2012

Ms. Lena Ford
Chief Executive Officer
Harbor Labs, Inc.
10 Pier Road
Boston, Massachusetts 02110

Re: Harbor Labs, Inc.
{filings}

Dear Ms. Ford:

We have reviewed your filing and have the following comments.

General

1. Please revise the disclosure on page 12 to describe your backlog.

2. Please tell us how you recognize revenue on multiple-element arrangements.

{closing}

You may contact Jo Reyes, Staff Attorney, at (202) 551-3302 with any questions.

Sincerely,

Mark Owens
Legal Branch Chief
"""


def imported(filings: str, closing: str = ""):
    return import_letter(
        parse_letter(staff_letter(filings, closing)),
        received_on=date(2012, 7, 2),
        company=Company.objects.get_or_create(name="Harbor Labs, Inc.")[0],
    )


def context(letter):
    return queries.response_letter_context(letter, version=ExportVersion.STANDARD)


def save(letter, **values) -> ResponseLetter:
    actor = MembershipFactory(company=letter.review.company, role=Role.PREPARER).user
    return save_response_letter(letter, values, actor=actor)


def test_s1_opening_files_the_next_amendment():
    opening = context(imported(S1)).opening
    assert "regarding the Company\u2019s Registration Statement on Form S-1 (File No. " in opening
    assert "333-180001) filed June 1, 2012. Concurrently with this letter, the Company " in opening
    assert "is filing Amendment No. 1 (the \u201cAmendment\u201d)." in opening
    assert opening.endswith("page references in the responses are to Amendment No. 1.")
    assert "future filings" not in opening


def test_amended_s1_opening_files_the_amendment_after_the_one_reviewed():
    assert "the Company is filing Amendment No. 3 (" in context(imported(S1_AMENDED)).opening


def test_draft_registration_statement_is_submitted_confidentially():
    letter = imported(DRS)
    opening = context(letter).opening
    assert "Draft Registration Statement on Form S-1 submitted May 4, 2015." in opening
    assert (
        "the Company is confidentially submitting Amendment No. 1 to the Draft Registration "
        "Statement (the \u201cAmendment\u201d)." in opening
    )
    assert " filed " not in opening
    assert str(letter.review.filings.get()) == "DRS submitted May 4, 2015"


def test_10k_opening_files_nothing_and_speaks_of_future_filings():
    opening = context(imported(TEN_K)).opening
    assert "Concurrently" not in opening
    assert "Form 10-K for the Fiscal Year Ended December 31, 2011 (File No. 001-33210) filed" in (
        opening
    )
    assert OPENING_FUTURE_FILINGS in opening
    assert opening.endswith("page references in the responses are to the Form 10-K.")


def test_10k_with_8k_is_a_periodic_review():
    opening = context(imported(f"{TEN_K}\n{EIGHT_K}")).opening
    assert "Concurrently" not in opening
    assert OPENING_FUTURE_FILINGS in opening
    assert "Form 8-K (File No. 001-33210) filed February 9, 2012" in opening
    assert "Form 10-K for the Fiscal Year Ended December 31, 2011 (File No. 001-33210)" in opening
    assert opening.endswith("are to the Form 10-K and the Form 8-K.")


def test_proxy_opening_files_a_revised_preliminary_proxy():
    opening = context(imported(PROXY)).opening
    assert (
        "Concurrently with this letter, the Company is filing a revised preliminary proxy "
        "statement on Schedule 14A (the \u201cRevised Proxy Statement\u201d)." in opening
    )
    assert opening.endswith("are to the Revised Proxy Statement.")


def test_proxy_with_nothing_filed_speaks_of_future_filings():
    letter = imported(PROXY)
    save(letter, amendment_filed=False)
    opening = context(letter).opening
    assert "Concurrently" not in opening
    assert OPENING_FUTURE_FILINGS in opening
    assert opening.endswith("are to the Preliminary Proxy Statement.")


def test_10k_with_an_amendment_filed_says_so():
    letter = imported(TEN_K)
    save(letter, amendment_filed=True)
    opening = context(letter).opening
    assert (
        "the Company is filing Amendment No. 1 to the Form 10-K (the \u201cAmendment\u201d)."
        in opening
    )
    assert OPENING_FUTURE_FILINGS not in opening


def test_s1_with_no_amendment_filed_files_nothing():
    letter = imported(S1)
    save(letter, amendment_filed=False)
    opening = context(letter).opening
    assert "Concurrently" not in opening
    assert opening.endswith("are to the Form S-1.")


def test_the_default_wording_saved_from_the_page_keeps_following_the_review():
    letter = imported(TEN_K)
    shown = opening_template(PERIODIC, False).replace(". ", ".\r\n", 1)  # as a browser sends it
    settings = save(letter, opening=shown, amendment_name="Amendment No. 1 to the Form 10-K")
    assert (settings.opening, settings.amendment_name) == ("", "")
    save(letter, opening=opening_template(REGISTRATION, True), amendment_filed=True)
    assert "the Company is filing Amendment No. 1 to the Form 10-K" in context(letter).opening


def test_an_edited_opening_is_printed_as_written():
    letter = imported(TEN_K)
    save(letter, opening="We write for {company} about its {filing}; see below.")
    assert context(letter).opening == (
        "We write for Harbor Labs, Inc. about its Form 10-K for the Fiscal Year Ended December "
        "31, 2011 (File No. 001-33210) filed March 1, 2012; see below."
    )


def test_acknowledgment_included_when_the_staff_ask_for_it():
    letter = imported(TEN_K, TANDY)
    assert letter.asks_acknowledgment is True
    assert context(letter).closing == [DEFAULT_ACKNOWLEDGMENT, DEFAULT_CLOSING]


def test_no_acknowledgment_when_the_staff_do_not_ask():
    letter = imported(TEN_K)
    assert letter.asks_acknowledgment is False
    assert context(letter).closing == [DEFAULT_CLOSING]


def test_acknowledgment_left_out_or_added_by_the_letter_setting():
    asked, not_asked = imported(TEN_K, TANDY), imported(S1)
    save(asked, include_acknowledgment=False)
    save(not_asked, include_acknowledgment=True)
    assert context(asked).closing == [DEFAULT_CLOSING]
    assert context(not_asked).closing == [DEFAULT_ACKNOWLEDGMENT, DEFAULT_CLOSING]


def test_edited_acknowledgment_prints_its_paragraphs_with_placeholders_filled():
    letter = imported(TEN_K, TANDY)
    save(letter, acknowledgment="{company} acknowledges that:\n\n(i) it is responsible.")
    assert context(letter).closing == [
        "Harbor Labs, Inc. acknowledges that:",
        "(i) it is responsible.",
        DEFAULT_CLOSING,
    ]


def test_10k_with_8k_and_an_amendment_amends_the_10k():
    letter = imported(f"{EIGHT_K}\n{TEN_K}")
    save(letter, amendment_filed=True)
    assert "the Company is filing Amendment No. 1 to the Form 10-K (" in context(letter).opening


def test_export_page_shows_the_review_wording_and_saves_the_choices(client):
    letter = imported(TEN_K, TANDY)
    client.force_login(MembershipFactory(company=letter.review.company, role=Role.PREPARER).user)
    url = reverse("letter_export", args=[letter.pk])

    page = client.get(url).text
    assert "Where the Staff asked for revised disclosure" in page
    assert "the Company acknowledges that (i) the Company is responsible" in page
    assert "(this one does)" in page

    data = {"action": "settings", "amendment_filed": "true", "include_acknowledgment": "false"}
    assert client.post(url, data).status_code == 302
    settings = ResponseLetter.objects.get(letter=letter)
    assert (settings.amendment_filed, settings.include_acknowledgment) == (True, False)
    page = client.get(url).text
    assert "Concurrently with this letter, the Company is filing {amendment} (" in page
    assert 'value="Amendment No. 1 to the Form 10-K"' in page


def exported_text(letter, format: str = ExportFormat.TXT) -> str:
    data = exporter_for(format, ExportVersion.STANDARD).render(context(letter)).data
    return flat(docx_text(data) if format == ExportFormat.DOCX else data.decode("ascii"))


def docx_text(data: bytes) -> str:
    return " ".join(text for _, text in docx_paragraphs(data))


def test_demo_s1_review_exports_the_amendment_wording():
    s1 = seed_demo()
    for format in (ExportFormat.TXT, ExportFormat.DOCX):
        text = exported_text(s1, format)
        assert "the Company is filing Amendment No. 1" in text
        assert "future filings" not in text
        assert "acknowledges that (i)" not in text


def test_demo_10k_review_exports_the_periodic_report_wording_and_the_acknowledgment():
    seed_demo()
    annual = CommentLetter.objects.get(letter_date=date(2016, 4, 12))
    for format in (ExportFormat.TXT, ExportFormat.DOCX):
        text = exported_text(annual, format)
        assert "Concurrently" not in text
        assert "Form 10-K for the Fiscal Year Ended December 31, 2015 (File No. 001-34674)" in text
        assert "the Company will include it in its future filings" in text
        assert "page references in the responses are to the Form 10-K." in text
        assert "the Company acknowledges that (i) the Company is responsible for the" in text
        assert "Dana Whitfield" in text


def test_demo_loaded_before_the_10k_letter_gets_no_second_10k():
    s1 = demo_letter(DEMO_LETTER, date(2009, 12, 17))
    parsed = parse_filing_file(DEMO_10K_NOTE.read_bytes())
    earlier = import_filing(parsed, company=s1.review.company, form_type=FormType.TEN_K)

    seed_demo()

    annual = CommentLetter.objects.get(letter_date=date(2016, 4, 12))
    assert list(Filing.objects.filter(form_type=FormType.TEN_K)) == [earlier]
    assert list(annual.review.filings.all()) == [earlier]


def test_an_earlier_letter_names_only_the_filings_it_commented_on(settings, tmp_path):
    from tests.test_import_letter import FOLLOW_UP
    from tracker.parsing import parse_letter

    settings.MEDIA_ROOT = tmp_path / "media"
    first = seed_demo()
    import_letter(parse_letter(FOLLOW_UP), received_on=date(2010, 1, 15))

    opening = queries.response_letter_context(first, version=ExportVersion.STANDARD).opening

    assert "filing Amendment No. 1 " in opening
    assert "filed January 5, 2010" not in opening


def test_a_follow_up_round_is_answered_on_the_same_paper(settings, tmp_path):
    from tests.test_import_letter import FOLLOW_UP
    from tracker.parsing import parse_letter

    settings.MEDIA_ROOT = tmp_path / "media"
    first = seed_demo()
    counsel = first.review.company.memberships.get(user__username="counsel").user
    house = {"signer_name": "Dana Whitfield", "page_code_prefix": "CALX", "cc": "Grace Lin"}
    save_response_letter(first, house, actor=counsel)
    second = import_letter(parse_letter(FOLLOW_UP), received_on=date(2010, 1, 15))

    context = queries.response_letter_context(second, version=ExportVersion.STANDARD)

    assert context.signer_name == "Dana Whitfield"
    assert context.page_code_prefix == "CALX"
    assert "Grace Lin" in context.cc
    assert "January 15, 2010" in context.opening  # the letter's own words stay its own
