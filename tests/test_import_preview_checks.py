"""The import preview catches a user's mistakes before they are saved: the wrong company, a
response letter instead of the staff's, a received date far from the letter's, a follow-up
letter that must join its review, and the comments the parser was unsure of."""

import re
from datetime import date

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils.html import escape

from tests.factories import CompanyFactory
from tracker.enums import Role
from tracker.models import Activity, CommentLetter, Company, FilingReview, LetterUpload
from tracker.parsing import ResponseLetter
from tracker.permissions import role_in

pytestmark = pytest.mark.django_db

FIRST_LETTER = """\
March 5, 2020

Ms. Jane Smith
Chief Financial Officer
Widget Holdings, Inc.
500 Market Street
Wilmington, DE 19801

Re: Widget Holdings, Inc.
Form 10-K for the Fiscal Year Ended December 31, 2019
Filed February 20, 2020
File No. 001-12345

Dear Ms. Smith:

We have reviewed your filing and have the following comments.

Form 10-K for the Fiscal Year Ended December 31, 2019

Results of Operations, page 34

1. Please quantify each factor you cite for the change in revenue.

2. Please tell us why the covenants of your credit facility are not material.

3. Please expand your disclosure of the impairment test for goodwill.

You may contact Anne Brown at (202) 551-3111 with any questions.

Sincerely,

Division of Corporation Finance
Office of Manufacturing
"""

# Names another filing (a 10-Q, no file number): only its opening ties it to the first letter.
FOLLOW_UP = """\
June 2, 2020

Ms. Jane Smith
Chief Financial Officer
Widget Holdings, Inc.
500 Market Street
Wilmington, DE 19801

Re: Widget Holdings, Inc.
Form 10-Q for the Quarterly Period Ended March 31, 2020
Filed May 8, 2020

Dear Ms. Smith:

We have reviewed your May 15, 2020 response to our comment letter and have the following
comments. Unless we note otherwise, our references to prior comments are to comments in our
March 5, 2020 letter.

1. We note your response to prior comment 3. Please disclose the headroom of each reporting
unit whose fair value is close to its carrying value.

2. Please tell us how you will present the new segment in your next quarterly report.

You may contact Anne Brown at (202) 551-3111 with any questions.

Sincerely,

Division of Corporation Finance
Office of Manufacturing
"""

RESPONSE = """\
June 1, 2020

VIA EDGAR

Securities and Exchange Commission
Division of Corporation Finance
Washington, D.C. 20549

Re: Widget Holdings, Inc.
Form 10-K for the Fiscal Year Ended December 31, 2019

Ladies and Gentlemen:

On behalf of Widget Holdings, Inc. (the "Company"), we respond to the comments of the Staff in
its letter dated March 5, 2020.

1. Please quantify each factor you cite for the change in revenue.

Response: The Company will quantify each factor in its next annual report.

Sincerely,

/s/ Morgan Lee
Partner, Lee & Avery LLP
"""


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(client, company, text: str, received_on: str, **extra):
    """Post the upload form and run the reading it queues; the page it leads to."""
    data = {"company": company.pk, "text": text, "received_on": received_on, **extra}
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("letter_upload"), data)
    return client.get(response.url) if response.status_code == 302 else response


def preview_url(staged: LetterUpload) -> str:
    return reverse("letter_preview", args=[staged.pk])


def unchanged(staged: LetterUpload, action: str = "save", **letter) -> dict:
    """What the preview posts back when the user changes nothing (or only `letter` fields)."""
    staged.refresh_from_db()
    parsed, comments = staged.parsed, staged.parsed["comments"]
    fields = {
        "letter_date": parsed["date"] or "",
        "received_on": staged.received_on.isoformat(),
        "response_window_business_days": parsed["response_window_business_days"] or 10,
        "registrant": parsed["registrant"],
        "prior_letter_date": parsed["prior_letter_date"] or "",
        "re_block": parsed["re_block"],
        **letter,
    }
    data = {"action": action, **{f"letter-{name}": value for name, value in fields.items()}}
    data |= {
        "comments-TOTAL_FORMS": len(comments),
        "comments-INITIAL_FORMS": len(comments),
        "comments-MIN_NUM_FORMS": 0,
        "comments-MAX_NUM_FORMS": 500,
    }
    for i, comment in enumerate(comments):
        data |= {
            f"comments-{i}-number": comment["number"],
            f"comments-{i}-headings": "\r\n".join(comment["headings"]),
            f"comments-{i}-pages": ", ".join(comment["pages"]),
            f"comments-{i}-text": comment["text"],
            f"comments-{i}-request_types": comment["request_types"],
            f"comments-{i}-prior_comments": ", ".join(map(str, comment["prior_comments"])),
            f"comments-{i}-prior_letter_date": comment["prior_letter_date"] or "",
            f"comments-{i}-doubts": "\n".join(comment["doubts"]),
        }
    return data


def import_through_pages(client, company, text: str, received_on: str) -> CommentLetter:
    upload(client, company, text, received_on)
    staged = LetterUpload.objects.latest("pk")
    response = client.post(preview_url(staged), unchanged(staged))
    assert response.status_code == 302, response.content.decode()[:3000]
    staged.refresh_from_db()
    return staged.letter


def test_response_letter_uploaded_by_mistake_is_refused_and_nothing_is_kept(member_client, company):
    response = upload(member_client, company, RESPONSE, "2020-06-01")

    assert escape(ResponseLetter().message) in response.text
    assert "Enter the comments by hand" not in response.text
    assert not LetterUpload.objects.exclude(status="failed").exists()
    assert CommentLetter.objects.count() == 0


def test_follow_up_letter_naming_another_filing_joins_the_review_of_the_letter_it_follows(
    member_client, company
):
    first = import_through_pages(member_client, company, FIRST_LETTER, "2020-03-05")

    follow_up = import_through_pages(member_client, company, FOLLOW_UP, "2020-06-02")

    assert follow_up.review == first.review
    assert (follow_up.round, FilingReview.objects.count()) == (2, 1)
    assert sorted(str(filing) for filing in first.review.filings.all()) == sorted(
        str(filing) for filing in follow_up.review.filings.all()
    )


def test_follow_up_entered_by_hand_joins_the_review_of_the_letter_the_user_names(
    member_client, company
):
    first = import_through_pages(member_client, company, FIRST_LETTER, "2020-03-05")
    text = "Widget Holdings, Inc.\n\nWe have no further comments on your quarterly report."
    upload(member_client, company, text, "2020-06-02", by_hand="1")
    staged = LetterUpload.objects.latest("pk")
    data = unchanged(staged, letter_date="2020-06-01", prior_letter_date="2020-03-05")
    data["comments-0-text"] = "Please tell us how you will present the new segment."

    response = member_client.post(preview_url(staged), data)

    staged.refresh_from_db()
    assert response.url == reverse("letter", args=[staged.letter_id])
    assert (staged.letter.review, staged.letter.round) == (first.review, 2)


def test_follow_up_comment_kept_through_corrections_is_linked_and_shown_on_its_page(
    member_client, company
):
    first = import_through_pages(member_client, company, FIRST_LETTER, "2020-03-05")
    upload(member_client, company, FOLLOW_UP, "2020-06-02")
    staged = LetterUpload.objects.latest("pk")
    page = member_client.get(preview_url(staged))
    assert 'name="comments-0-prior_comments" value="3"' in page.text
    corrected = unchanged(staged, action="update")
    corrected["comments-1-text"] += " Show us the disclosure you propose."
    member_client.post(preview_url(staged), corrected)

    letter = import_through_pages_after_corrections(member_client, staged)

    comment = letter.comments.get(number=1)
    prior = first.comments.get(number=3)
    assert list(comment.follows_up.all()) == [prior]
    page = member_client.get(reverse("comment", args=[comment.pk]))
    href = reverse("comment", args=[prior.pk])
    assert f'Follows up <a href="{href}">comment 3 of the letter of March 5, 2020</a>' in page.text


def import_through_pages_after_corrections(client, staged: LetterUpload) -> CommentLetter:
    response = client.post(preview_url(staged), unchanged(staged))
    assert response.status_code == 302
    staged.refresh_from_db()
    return staged.letter


@pytest.fixture
def widget(member):
    """Widget Holdings Inc, another of alice's companies, kept under a looser name."""
    from tests.factories import CompanyFactory, MembershipFactory

    other = CompanyFactory(name="WIDGET HOLDINGS INC", cik="")
    MembershipFactory(user=member, company=other)
    return other


def test_letter_for_another_company_is_caught_and_moved_to_the_company_it_names(
    member_client, company, widget
):
    page = upload(member_client, company, FIRST_LETTER, "2020-03-05")
    staged = LetterUpload.objects.get()

    assert "This letter is addressed to Widget Holdings, Inc., not to Calix Networks, Inc." in (
        page.text
    )
    assert f'<option value="{widget.pk}" selected>WIDGET HOLDINGS INC</option>' in page.text
    response = member_client.post(
        preview_url(staged), {"action": "move", "company": widget.pk}, follow=True
    )

    staged.refresh_from_db()
    assert staged.company == widget
    assert "This letter will be imported for WIDGET HOLDINGS INC." in response.text
    assert "This letter is addressed to" not in response.text
    letter = import_through_pages_after_corrections(member_client, staged)
    assert letter.review.company == widget


def test_letter_for_a_company_corresp_lacks_is_imported_for_it_created_by_the_importer(
    member_client, member, company
):
    page = upload(member_client, company, FIRST_LETTER, "2020-03-05")
    staged = LetterUpload.objects.get()
    assert "None of the companies you import for is Widget Holdings, Inc." in page.text
    assert 'value="Widget Holdings, Inc."' in page.text

    response = member_client.post(
        preview_url(staged),
        {"action": "create_company", "name": "Widget Holdings, Inc.", "cik": "12345"},
        follow=True,
    )

    widget = Company.objects.get(name="Widget Holdings, Inc.")
    assert (widget.cik, role_in(member, widget)) == ("0000012345", Role.ADMINISTRATOR)
    assert "Created Widget Holdings, Inc., with you as its administrator" in response.text
    assert "This letter is addressed to" not in response.text
    staged.refresh_from_db()
    assert staged.company == widget
    assert import_through_pages_after_corrections(member_client, staged).review.company == widget
    created = Activity.objects.get(company=widget, verb="team.created")
    assert (created.actor, created.summary) == (
        member,
        "alice created Widget Holdings, Inc. as its administrator",
    )


def test_a_company_name_already_taken_is_refused_and_the_upload_stays(member_client, company):
    CompanyFactory(name="WIDGET HOLDINGS, INC.")  # another firm's, alice is not in it
    upload(member_client, company, FIRST_LETTER, "2020-03-05")
    staged = LetterUpload.objects.get()

    response = member_client.post(
        preview_url(staged),
        {"action": "create_company", "name": "Widget Holdings, Inc.", "cik": ""},
        follow=True,
    )

    assert "corresp already has a company named Widget Holdings, Inc." in response.text
    staged.refresh_from_db()
    assert staged.company == company
    assert Company.objects.count() == 2


def test_a_new_company_with_a_bad_cik_is_refused_with_a_message(member_client, company):
    upload(member_client, company, FIRST_LETTER, "2020-03-05")
    staged = LetterUpload.objects.get()

    response = member_client.post(
        preview_url(staged),
        {"action": "create_company", "name": "Widget Holdings, Inc.", "cik": "12-AB"},
        follow=True,
    )

    assert "A CIK is up to ten digits." in response.text
    assert not Company.objects.filter(name="Widget Holdings, Inc.").exists()


def test_letter_whose_cik_is_another_companys_is_caught_though_the_names_agree(
    member_client, company
):
    letter = FIRST_LETTER.replace("Widget Holdings, Inc.", "Calix Networks, Inc.")
    letter = letter.replace("File No. 001-12345", "File No. 001-12345\nCIK No. 0000999999")
    page = upload(member_client, company, letter, "2020-03-05")
    staged = LetterUpload.objects.get()
    assert staged.parsed["filings"][0]["cik"].lstrip("0") == "999999"

    assert "This letter is addressed to Calix Networks, Inc. (CIK" in page.text


def test_letter_for_the_chosen_company_named_loosely_raises_no_warning(member_client, widget):
    page = upload(member_client, widget, FIRST_LETTER, "2020-03-05")

    assert page.status_code == 200
    assert "This letter is addressed to" not in page.text


@pytest.mark.parametrize(
    ("received_on", "warning"),
    [
        ("2020-04-06", "marked received on April 6, 2020, 32 days later"),
        ("2020-03-04", "after the day you say it was received (March 4, 2020)"),
        ("2020-03-26", ""),
    ],
    ids=["weeks-later", "before-the-letter", "three-weeks"],
)
def test_received_date_far_from_the_letters_date_is_warned_of_before_saving(
    member_client, company, received_on, warning
):
    page = upload(member_client, company, FIRST_LETTER, received_on)

    assert ("received-date-warning" in page.text) == bool(warning)
    assert warning in page.text
    staged = LetterUpload.objects.get()
    letter = import_through_pages_after_corrections(member_client, staged)
    assert letter.received_on == date.fromisoformat(received_on)


def test_received_date_corrected_in_the_preview_clears_the_warning(member_client, company):
    upload(member_client, company, FIRST_LETTER, "2020-05-05")
    staged = LetterUpload.objects.get()

    response = member_client.post(
        preview_url(staged), unchanged(staged, "update", received_on="2020-03-06"), follow=True
    )

    assert "received-date-warning" not in response.text
    assert "Response due <strong>Friday, March 20, 2020</strong>" in response.text


@pytest.mark.parametrize("extra_comments", [0, 25])
def test_preview_of_a_letter_for_another_company_has_a_fixed_query_count(
    member_client, company, widget, extra_comments, django_assert_num_queries
):
    more = "".join(
        f"{n}. Please tell us about item {n} of your segment disclosure.\n\n"
        for n in range(4, 4 + extra_comments)
    )
    text = FIRST_LETTER.replace("You may contact", more + "You may contact")
    upload(member_client, company, text, "2020-03-05")
    staged = LetterUpload.objects.get()
    # One of them reads the SEC's closures, which the response date shown skips.
    with django_assert_num_queries(6):
        page = member_client.get(preview_url(staged))
    assert page.text.count('class="card mb-3 comment-form"') == 3 + extra_comments
    assert "This letter is addressed to Widget Holdings, Inc." in page.text


def one_line(printed: str, header_after: str) -> str:
    """The letter as a dataset keeps it: one line, a running page header left inline."""
    header = " Ms. Jane Smith Widget Holdings, Inc. March 5, 2020 Page 2 "
    text = " ".join(printed.split())
    return text.replace(header_after, header_after + header, 1)


def test_preview_marks_the_comments_the_reader_was_unsure_of_and_lists_them_first(
    member_client, company
):
    text = one_line(FIRST_LETTER, "the covenants of your credit")
    page = upload(member_client, company, text, "2020-03-05")
    staged = LetterUpload.objects.get()
    assert [c["number"] for c in staged.parsed["comments"]] == [1, 2, 3]

    summary = page.text.index("the reader was unsure of 1 comment")
    assert summary < page.text.index('id="comments-0"')
    assert '<a href="#comments-1">Comment 2</a>: A running page header' in page.text
    assert page.text.count("doubt-badge") == 1
    assert 'id="comments-1" class="card mb-3 comment-form" data-doubts="1"' in page.text
    assert "Page 2" not in staged.parsed["comments"][1]["text"]


def test_doubts_stay_marked_after_corrections_are_kept(member_client, company):
    upload(member_client, company, one_line(FIRST_LETTER, "the covenants of your"), "2020-03-05")
    staged = LetterUpload.objects.get()
    data = unchanged(staged, "update")
    data["comments-0-text"] += " Also quantify the effect of prices."

    page = member_client.post(preview_url(staged), data, follow=True)

    assert "Your corrections are kept" in page.text
    assert page.text.count("doubt-badge") == 1
    staged.refresh_from_db()
    assert [bool(c["doubts"]) for c in staged.parsed["comments"]] == [False, True, False]


def test_preview_shows_the_whole_text_of_a_long_comment(member_client, company):
    long_comment = " ".join(["Please tell us how each of your segments earns its revenue."] * 60)
    text = FIRST_LETTER.replace("Please expand your disclosure of the impairment test.", "")
    text = text.replace("3. Please expand", f"3. {long_comment} Please expand")
    page = upload(member_client, company, text, "2020-03-05")

    area = re.search(r'<textarea name="comments-2-text"[^>]*rows="(\d+)"', page.text)
    assert int(area.group(1)) >= len(long_comment) / 80
    assert long_comment in page.text


def test_letter_cannot_be_moved_to_a_company_the_user_only_reads(member_client, company, member):
    from tests.factories import CompanyFactory, MembershipFactory
    from tracker.enums import Role

    widget = CompanyFactory(name="Widget Holdings, Inc.")
    MembershipFactory(user=member, company=widget, role=Role.READ_ONLY)
    page = upload(member_client, company, FIRST_LETTER, "2020-03-05")
    staged = LetterUpload.objects.get()
    assert "None of the companies you import for is Widget Holdings, Inc." in page.text

    response = member_client.post(
        preview_url(staged), {"action": "move", "company": widget.pk}, follow=True
    )

    assert "Choose one of the companies you import letters for." in response.text
    staged.refresh_from_db()
    assert staged.company == company
