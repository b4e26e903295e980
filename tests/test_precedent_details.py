"""What a lawyer reading precedents must be able to trust: whose review a comment belongs to,
whether our answer was approved, what a search means, and clear words when input is wrong."""

import json
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from tests.factories import CommentFactory, LibraryCommentFactory, MembershipFactory, UserFactory
from tests.library_letters import FIRST_LETTER, write_thread
from tests.test_edgar_fetch import CIK, HARBOR, edgar, index, publish  # noqa: F401
from tracker.domain import library
from tracker.domain.library.edgar import fetch_company
from tracker.domain.responses import save_revision
from tracker.enums import Role
from tracker.models import LibraryComment, LibraryThread
from tracker.parsing.errors import ParseError
from tracker.parsing.response_letters import read_response_file
from tracker.queries.precedents import LIBRARY, OURS, semantic

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_matrix():
    semantic.forget()
    yield
    semantic.forget()


@pytest.fixture
def drafter(company, client):
    user = UserFactory(username="drafter")
    MembershipFactory(user=user, company=company, role=Role.PREPARER)
    client.force_login(user)
    return user


def search(client, **query):
    return client.get(reverse("search"), query)


# Whose review


def test_two_companies_folders_of_the_same_name_stay_two_reviews(
    tmp_path, django_capture_on_commit_callbacks
):
    other = FIRST_LETTER.replace("Harbor Lights Corp", "Beacon Gadgets Corp.")
    write_thread(
        tmp_path, "HLC", "review-2021", [("0000000000-21-000101", "upload.txt", FIRST_LETTER)]
    )
    write_thread(tmp_path, "BGC", "review-2021", [("0000000000-21-000909", "upload.txt", other)])
    with django_capture_on_commit_callbacks(execute=True):
        library.import_folder(tmp_path)
    threads = dict(LibraryThread.objects.values_list("key", "company_name"))
    assert threads == {
        "HLC/review-2021": "Harbor Lights Corp",
        "BGC/review-2021": "Beacon Gadgets Corp.",
    }
    beacon = LibraryComment.objects.filter(letter__accession="0000000000-21-000909")
    assert {c.company_name for c in beacon} == {"Beacon Gadgets Corp."}


# Our answers: approved or a draft


def test_our_draft_is_shown_as_a_draft_never_as_the_response(client, drafter, company):
    earlier = CommentFactory(
        letter__review__company=company, text="Please expand your warranty reserve discussion."
    )
    save_revision(earlier.response, "We accrue warranty costs.", author=drafter, based_on=None)
    page = search(client, q="warranty", source=OURS).text
    assert "Our draft, not approved (drafting)" in page
    assert "The response filed" not in page


def test_a_library_answer_is_the_response_filed(client, drafter):
    LibraryCommentFactory(text="Please expand your warranty reserve discussion.", answer="Done.")
    page = search(client, q="warranty", source=LIBRARY).text
    assert "The response filed" in page


# What a search means


def test_a_search_of_only_left_out_words_asks_for_a_word(client, drafter):
    LibraryCommentFactory(text="Please expand your revenue discussion.")
    for text in ["-revenue", '-"deferred revenue"', "the and", "((((", "*"]:
        response = search(client, q=text)
        assert response.status_code == 400, text
        assert "Add a word to search for" in response.text


def test_or_finds_either_word(client, drafter):
    LibraryCommentFactory(number=1, text="Tell us about the warranty reserve.")
    LibraryCommentFactory(number=2, text="Tell us about the goodwill impairment.")
    LibraryCommentFactory(number=3, text="Tell us about the pension plan.")
    page = search(client, q="warranty or goodwill", source=LIBRARY).text
    assert page.count('class="search-hit card') == 2
    assert "pension" not in page


def test_words_with_accents_are_found(client, drafter):
    LibraryCommentFactory(text="Expliquez la provision pour la caféine de la Société.")
    page = search(client, q="caféine", source=LIBRARY).text
    assert page.count('class="search-hit card') == 1


def test_a_page_past_the_last_says_so(client, drafter):
    LibraryCommentFactory(text="Tell us about the warranty reserve.")
    page = search(client, q="warranty", page=2).text
    assert "No more results: page 2 is past the last." in page


# Clear words for bad input


def test_an_empty_folder_is_refused_with_what_the_import_looks_for(tmp_path):
    with pytest.raises(CommandError, match="holds no EDGAR documents"):
        call_command("import_correspondence", str(tmp_path))


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--ticker", "HLC", "--since", "2021-13-01"], "must be a date as YYYY-MM-DD"),
        (["--cik", ""], "--cik must be a number"),
        (["--ticker", " "], "--ticker must name a ticker"),
    ],
)
def test_fetch_refuses_bad_arguments_with_a_message(edgar, arguments, message):  # noqa: F811
    with pytest.raises(CommandError, match=message):
        call_command("fetch_correspondence", *arguments)


def test_fetch_reads_the_older_pages_of_edgars_index(edgar):  # noqa: F811
    publish(edgar, HARBOR[1:])
    older = json.loads(index([(a, s, f) for a, s, _, f in HARBOR[:1]]))["filings"]["recent"]
    older["filingDate"] = ["03/01/2021" if d == "2021-03-01" else d for d in older["filingDate"]]
    page = f"CIK{int(CIK):010d}-submissions-001.json"
    listing = json.loads(index([(a, s, f) for a, s, _, f in HARBOR[1:]]))
    listing["filings"]["files"] = [
        {"name": page, "filingFrom": "2021-01-01", "filingTo": "2021-03-01"}
    ]
    edgar.serve(f"/submissions/CIK{int(CIK):010d}.json", json.dumps(listing).encode())
    edgar.serve(f"/submissions/{page}", json.dumps(older).encode())
    edgar.serve(
        f"/Archives/edgar/data/{CIK}/{HARBOR[0][0].replace('-', '')}/{HARBOR[0][0]}.txt",
        HARBOR[0][2].encode(),
    )
    run = fetch_company(cik=CIK, since=date(2020, 1, 1))
    assert run.documents_imported == 5
    assert LibraryComment.objects.filter(letter__accession=HARBOR[0][0]).exists()


def test_a_response_nested_past_the_readers_depth_says_so():
    data = (
        b"<html><body>" + b"<div>" * 5000 + b"Response: yes" + b"</div>" * 5000 + b"</body></html>"
    )
    with pytest.raises(ParseError, match="nested too deeply"):
        read_response_file(data)


def test_control_and_direction_marks_never_reach_an_answer(
    tmp_path, django_capture_on_commit_callbacks
):
    from tests.library_letters import HARBOR_REVIEW, HARBOR_THREAD

    documents = list(HARBOR_REVIEW[:2])
    accession, suffix, text = documents[1]
    documents[1] = (
        accession,
        suffix,
        text.replace("The Company estimates", "The \u202eCompany\x07 estimates"),
    )
    write_thread(tmp_path, "HLC", HARBOR_THREAD, documents)
    with django_capture_on_commit_callbacks(execute=True):
        library.import_folder(tmp_path)
    answer = LibraryComment.objects.get(letter__accession="0000000000-21-000101", number=1).answer
    assert answer.startswith("The Company estimates")
