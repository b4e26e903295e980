"""Saving parsed staff letters: threads, rounds, follow-ups, closing letters, nothing half-saved."""

import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tracker.domain import letters as letters_domain
from tracker.domain.demo import DEMO_10K_LETTER, DEMO_10K_NOTE
from tracker.domain.filings import import_filing
from tracker.domain.letters import DuplicateLetter, import_letter
from tracker.enums import LinkMethod, ResponseStatus, ReviewStatus
from tracker.models import (
    Activity,
    Comment,
    CommentLetter,
    Company,
    Filing,
    FilingReview,
    Response,
    Section,
    SectionLink,
)
from tracker.parsing import parse_letter, synthetic_letter
from tracker.parsing.filing_document import parse_filing_file

pytestmark = pytest.mark.django_db

SEED = Path(__file__).parent / "data" / "sec-staff-letter_calix_s-1_2009-12-17.txt"

FOLLOW_UP = """January 15, 2010

Mr. Carl Russo
President and Chief Executive Officer
Calix Networks, Inc.
1035 N. McDowell Blvd.
Petaluma, CA 94954

Re: Calix Networks, Inc.
Amendment No. 1 to Registration Statement on Form S-1
Filed January 5, 2010
File No. 333-163252

Dear Mr. Russo:

We have reviewed your amended registration statement and your response letter and have the
following comments.

General

1. We note your response to prior comment 4. Please tell us how you considered the losses
expected through 2027 in your disclosure.

Use of Proceeds, page 29

2. We note your revised disclosure in response to comment 7 of our letter dated December 17,
2009. The disclosure remains general, and we therefore reissue the comment.

Please contact Jay Knight, Staff Attorney, at (202) 551-3370 with any questions.

Sincerely,

Larry Spirgel
Assistant Director
"""

COMPLETE = """February 2, 2010

Mr. Carl Russo
Calix Networks, Inc.
1035 N. McDowell Blvd.
Petaluma, CA 94954

Re: Calix Networks, Inc.
Amendment No. 2 to Registration Statement on Form S-1
Filed January 29, 2010
File No. 333-163252

Dear Mr. Russo:

We have completed our review of your registration statement. We remind you that the company
and its management are responsible for the accuracy and adequacy of their disclosures.

Sincerely,

Larry Spirgel
Assistant Director
"""


def import_seed() -> CommentLetter:
    return import_letter(
        parse_letter(SEED.read_text(encoding="utf-8")), received_on=date(2009, 12, 17)
    )


def row_counts() -> dict[str, int]:
    models = [Company, Filing, FilingReview, CommentLetter, Comment, Section, Activity]
    return {model.__name__: model.objects.count() for model in models}


def test_import_saves_every_comment_with_a_response_not_started():
    letter = import_seed()
    assert letter.comments.count() == 26
    statuses = set(letter.comments.values_list("response__status", flat=True))
    assert statuses == {ResponseStatus.NOT_STARTED}
    assert letter.response_due_on == date(2010, 1, 4)
    assert letter.staff_signatory == "Larry Spirgel"
    assert Activity.objects.get().verb == "letter.imported"


def test_import_counts_the_stated_window_from_the_received_date():
    text = synthetic_letter(2)  # "within ten business days"; March 2021 has no holiday
    letter = import_letter(parse_letter(text), received_on=date(2021, 3, 5))
    assert letter.response_window_business_days == 10
    assert letter.response_due_on == date(2021, 3, 19)


def test_follow_up_letter_joins_the_review_and_points_back_to_prior_comments():
    first = import_seed()
    second = import_letter(parse_letter(FOLLOW_UP), received_on=date(2010, 1, 15))
    assert second.review == first.review
    assert second.round == 2
    follow_ups = {
        c.number: [prior.number for prior in c.follows_up.all()] for c in second.comments.all()
    }
    assert follow_ups == {1: [4], 2: [7]}
    assert list(first.comments.get(number=4).followed_up_by.all()) == [
        second.comments.get(number=1)
    ]


def test_amendment_filing_is_linked_to_the_filing_it_amends():
    first = import_seed()
    second = import_letter(parse_letter(FOLLOW_UP), received_on=date(2010, 1, 15))
    amendment = second.review.filings.get(amendment_number=1)
    assert amendment.amends == first.review.filings.get(amendment_number=0)


def test_completion_letter_closes_the_review():
    first = import_seed()
    closing = import_letter(parse_letter(COMPLETE), received_on=date(2010, 2, 2))
    first.review.refresh_from_db()
    assert closing.review == first.review
    assert closing.comments.count() == 0
    assert first.review.status == ReviewStatus.COMPLETE
    assert first.review.completed_on == date(2010, 2, 2)


def test_same_letter_twice_is_refused_and_nothing_is_added():
    first = import_seed()
    before = row_counts()
    with pytest.raises(DuplicateLetter) as refused:
        import_seed()
    assert refused.value.letter == first
    assert row_counts() == before


def test_same_letter_at_another_company_is_imported_there_too():
    parsed = parse_letter(SEED.read_text(encoding="utf-8"))
    source = SEED.read_bytes()
    first = import_letter(parsed, company=Company.objects.create(name="Calix"), source=source)
    other = Company.objects.create(name="Other Holdings, Inc.")

    second = import_letter(parsed, company=other, source=source)

    assert second.review.company == other
    assert (first.source_sha256, second.comments.count()) == (second.source_sha256, 26)


def test_failed_import_saves_nothing(monkeypatch):
    def broken_outline(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(letters_domain, "outline_from_comments", broken_outline)
    before = row_counts()
    with pytest.raises(RuntimeError):
        import_seed()
    assert row_counts() == before


def test_second_letter_gives_only_its_own_comments_a_response_stamped_when_imported():
    import_seed()
    before = timezone.now()
    follow_up = import_letter(parse_letter(FOLLOW_UP), received_on=date(2010, 1, 16))
    after = timezone.now()
    assert Response.objects.count() == Comment.objects.count() == 28
    stamps = list(Response.objects.filter(comment__letter=follow_up).values_list("updated_at"))
    assert len(stamps) == 2
    assert all(before <= stamp <= after for (stamp,) in stamps)


def test_import_query_count_does_not_grow_with_comments():
    counts = []
    for size in (5, 60):
        parsed = parse_letter(synthetic_letter(size))
        company = Company.objects.create(name=f"Registrant with {size} comments")
        with CaptureQueriesContext(connection) as captured:
            import_letter(parsed, received_on=date(2021, 3, 5), company=company)
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_import_builds_the_outline_from_the_headings():
    letter = import_seed()
    filing = letter.review.filings.get()
    mdna = filing.sections.get(title="Management's Discussion and Analysis..., page 36")
    child_titles = list(mdna.children.values_list("title", flat=True))
    assert (
        "Significant Factors, Assumptions and Methodologies Used in Determining Fair Value, page 41"
        in child_titles
    )
    assert letter.comments.get(number=9).sections.get().parent == mdna


def test_import_links_every_comment_to_its_own_heading_once_stamped_when_imported():
    before = timezone.now()
    letter = import_seed()
    after = timezone.now()

    links = SectionLink.objects.filter(comment__letter=letter)
    headed = letter.comments.exclude(headings=[])
    assert sorted((link.comment.number, link.section.title) for link in links) == sorted(
        (comment.number, comment.headings[-1][:500]) for comment in headed
    )
    assert {(link.method, link.score, link.passage) for link in links} == {
        (LinkMethod.AUTOMATIC, 1.0, "")
    }
    assert all(before <= link.created_at <= after for link in links)


def test_command_dry_run_prints_json_and_saves_nothing():
    out = StringIO()
    call_command("import_letter", str(SEED), "--dry-run", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert [c["number"] for c in data["comments"]] == list(range(1, 27))
    assert data["comments"][3]["pages"] == ["F-37"]
    assert data["filings"][0]["file_number"] == "333-163252"
    assert CommentLetter.objects.count() == 0


def test_command_saves_the_letter_with_the_received_date():
    out = StringIO()
    call_command("import_letter", str(SEED), "--received", "2009-12-18", stdout=out)
    letter = CommentLetter.objects.get()
    assert letter.received_on == date(2009, 12, 18)
    assert letter.source_file.read() == SEED.read_bytes()
    assert "26 comments, response due 2010-01-05" in out.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The document is empty."),
        (b"Lunch on Friday? Bring the slides.", "No numbered staff comments were found"),
        (b"%PDF-1.4 garbage", "damaged or incomplete"),
    ],
)
def test_command_refuses_bad_files_with_one_line(tmp_path, content, message):
    path = tmp_path / "letter.pdf"
    path.write_bytes(content)
    with pytest.raises(CommandError) as refused:
        call_command("import_letter", str(path))
    assert message in str(refused.value)
    assert "\n" not in str(refused.value)
    assert CommentLetter.objects.count() == 0


def test_command_refuses_a_missing_file_and_a_bad_date(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_letter", str(tmp_path / "nothing.pdf"))
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("import_letter", str(SEED), "--received", "17/12/2009")


def test_letter_on_a_filing_imported_first_links_its_comments_to_its_sections():
    company = Company.objects.create(name="Calix Networks, Inc.")
    note = parse_filing_file(DEMO_10K_NOTE.read_bytes())
    annual = import_filing(note, company=company, form_type="10-K", file_number="001-34674")

    letter = import_letter(parse_letter(DEMO_10K_LETTER.read_text()), company=company)

    assert list(letter.review.filings.all()) == [annual]
    assert not annual.sections.filter(is_placeholder=True).exists()
    linked = annual.sections.get().comments.values_list("number", flat=True)
    assert sorted(linked) == [5, 6]


def test_a_later_letters_headings_reuse_the_outline_and_new_ones_follow_it():
    from tests.factories import CommentFactory, FilingFactory
    from tracker.domain.outline import outline_from_comments

    filing = FilingFactory()
    first = CommentFactory(headings=["MD&A", "Liquidity, page 40"])
    later = CommentFactory(headings=["MD&A", "Results of Operations, pages 36-38"])
    again = CommentFactory(headings=["MD&A", "Liquidity, page 40"])

    created = [
        outline_from_comments(filing, [first]),
        outline_from_comments(filing, [later, again]),
    ]

    sections = filing.sections.order_by("order")
    outline = [(s.order, s.parent and s.parent.title, s.title, s.pages) for s in sections]
    assert (created, outline) == (
        [2, 1],
        [
            (1, None, "MD&A", ""),
            (2, "MD&A", "Liquidity, page 40", "page 40"),
            (3, "MD&A", "Results of Operations, pages 36-38", "pages 36-38"),
        ],
    )
    linked = {c.pk: c.sections.get().title for c in (first, later, again)}
    assert linked == {
        first.pk: "Liquidity, page 40",
        later.pk: "Results of Operations, pages 36-38",
        again.pk: "Liquidity, page 40",
    }
