"""Precedents: the search page's matches and filters, and the staff comments offered as like a
given one, from the public library and from the firm's own reviews a user may see."""

import socket

import pytest

from tests.factories import (
    CommentFactory,
    LibraryCommentFactory,
    LibraryDocumentFactory,
    LibraryThreadFactory,
    MembershipFactory,
    RevisionFactory,
)
from tracker.domain.vectors import backfill_vectors
from tracker.models import CommentVector
from tracker.parsing import embedding
from tracker.queries.precedents import (
    LIBRARY,
    OURS,
    SearchCriteria,
    search,
    semantic,
    similar_to,
    similar_to_text,
)
from tracker.tasks import embed_letter_task

pytestmark = pytest.mark.django_db

AUDIT = "Please expand your disclosure of the critical audit matters the auditor communicated."
SCRAMBLED = "Tell us which matters were critical to your audit committee's review of segments."
GOODWILL = "Explain why no reporting unit failed step one of the goodwill impairment test."
REVENUE = "Tell us how you recognize revenue on multiple-element software arrangements."


@pytest.fixture(autouse=True)
def fresh_matrix():
    """Each test's library is its own: rolled-back rows may come back with the same ids."""
    semantic.forget()
    yield
    semantic.forget()


def texts(page) -> list[str]:
    return [hit.precedent.text for hit in page.hits]


def test_search_phrase_matches_the_words_in_that_order_only(member):
    LibraryCommentFactory(text=AUDIT)
    LibraryCommentFactory(text=SCRAMBLED)

    page = search(member, SearchCriteria(text='"critical audit matters"'))

    assert texts(page) == [AUDIT]
    assert (
        "<mark>critical</mark> <mark>audit</mark> <mark>matters</mark>" in page.hits[0].text_snippet
    )


def test_search_finds_a_phrase_that_only_the_answer_holds(member):
    LibraryCommentFactory(
        text=REVENUE, answer="We performed a quantitative goodwill impairment test."
    )
    LibraryCommentFactory(text=AUDIT)

    page = search(member, SearchCriteria(text='"quantitative goodwill"'))

    assert texts(page) == [REVENUE]
    assert "<mark>quantitative</mark> <mark>goodwill</mark>" in page.hits[0].answer_snippet


def test_search_snippet_escapes_the_letter_text(member):
    LibraryCommentFactory(text="Revise the <b>segment</b> table & notes.")

    page = search(member, SearchCriteria(text="segment"))

    assert (
        page.hits[0].text_snippet
        == "Revise the &lt;b&gt;<mark>segment</mark>&lt;/b&gt; table &amp; notes."
    )


def test_search_filters_by_form_year_company_heading_and_request_type(member):
    s1 = LibraryDocumentFactory(thread=LibraryThreadFactory(form_type="S-1", company_name="Acme"))
    wanted = LibraryCommentFactory(
        letter=s1, text=REVENUE, headings=["Revenue Recognition"], request_types=["tell_us"]
    )
    LibraryCommentFactory(text=REVENUE, headings=["Revenue Recognition"], request_types=["tell_us"])
    later = LibraryDocumentFactory(thread=s1.thread, letter_date=s1.letter_date.replace(year=2019))
    LibraryCommentFactory(letter=later, text=REVENUE, request_types=["tell_us"])
    LibraryCommentFactory(letter=s1, text=REVENUE, headings=["Segments"], request_types=["tell_us"])
    LibraryCommentFactory(letter=s1, text=REVENUE, headings=["Revenue"], request_types=["revise"])

    criteria = SearchCriteria(
        text="revenue",
        form_type="s-1",
        year=2018,
        company="acme",
        heading="recognition",
        request_type="tell_us",
    )
    page = search(member, criteria)

    assert [hit.precedent.pk for hit in page.hits] == [wanted.pk]


def test_search_by_source_keeps_ours_and_the_library_apart(member, letter):
    CommentFactory(letter=letter, text=GOODWILL)
    library = LibraryCommentFactory(text=GOODWILL)

    ours_only = search(member, SearchCriteria(text="goodwill", source=OURS))
    library_only = search(member, SearchCriteria(text="goodwill", source=LIBRARY))
    both = search(member, SearchCriteria(text="goodwill"))

    assert [hit.precedent.source for hit in ours_only.hits] == [OURS]
    assert [hit.precedent.pk for hit in library_only.hits] == [library.pk]
    assert sorted(hit.precedent.source for hit in both.hits) == [LIBRARY, OURS]


def test_search_never_shows_another_companys_comments(member, outsider):
    theirs = CommentFactory(text=GOODWILL)  # a review of a company alice is not a member of
    MembershipFactory(user=outsider, company=theirs.letter.review.company)

    assert search(member, SearchCriteria(text="goodwill")).hits == []
    assert [h.precedent.pk for h in search(outsider, SearchCriteria(text="goodwill")).hits] == [
        theirs.pk
    ]


def test_search_pages_hold_twenty_and_say_what_follows(member):
    for n in range(23):
        LibraryCommentFactory(text=f"{GOODWILL} Reporting unit {n}.")

    first = search(member, SearchCriteria(text="goodwill"))
    second = search(member, SearchCriteria(text="goodwill"), page=2)

    assert (len(first.hits), first.has_previous, first.has_next) == (20, False, True)
    assert (len(second.hits), second.has_previous, second.has_next) == (3, True, False)


@pytest.mark.parametrize("count", [1, 3])
def test_search_page_costs_the_same_queries_whatever_it_holds(
    member, letter, count, django_assert_num_queries
):
    for _ in range(count):
        LibraryCommentFactory(text=GOODWILL)
        CommentFactory(letter=letter, text=GOODWILL)
    semantic.library_matrix()  # loading the matrix is once per process, not per page

    with django_assert_num_queries(4):
        page = search(member, SearchCriteria(text="goodwill"))

    assert len(page.hits) == 2 * count


def test_similar_to_puts_the_comment_on_the_same_topic_first(member, letter):
    comment = CommentFactory(letter=letter, text=GOODWILL, headings=["Goodwill"])
    LibraryCommentFactory(text=AUDIT)
    same_topic = LibraryCommentFactory(
        text="Tell us how you performed the goodwill impairment test for each reporting unit.",
        headings=["Goodwill"],
    )
    LibraryCommentFactory(text=REVENUE)
    backfill_vectors()

    found = similar_to(comment, member)

    assert found[0].pk == same_topic.pk
    assert found[0].source == LIBRARY
    assert found[0].accession == same_topic.letter.accession


def test_similar_to_leaves_out_the_comment_and_its_letter(member, company):
    comment = CommentFactory(letter__review__company=company, text=GOODWILL)
    CommentFactory(letter=comment.letter, text=GOODWILL)
    earlier = CommentFactory(letter__review__company=company, text=GOODWILL)
    backfill_vectors()

    found = similar_to(comment, member)

    assert [(p.source, p.pk) for p in found] == [(OURS, earlier.pk)]


def test_similar_to_gives_our_answer_and_whether_the_staff_came_back(member, company):
    comment = CommentFactory(letter__review__company=company, text=REVENUE)
    earlier = CommentFactory(letter__review__company=company, text=REVENUE)
    RevisionFactory(response=earlier.response, number=1, text="First draft.")
    RevisionFactory(response=earlier.response, number=2, text="We recognize revenue ratably.")
    follow_up = CommentFactory(letter__review=earlier.letter.review, text="We note your response.")
    follow_up.follows_up.add(earlier)
    backfill_vectors()

    found = {p.pk: p for p in similar_to(comment, member)}

    assert found[earlier.pk].answer == "We recognize revenue ratably."
    assert (found[earlier.pk].outcome_label, found[earlier.pk].follow_up_pk) == (
        "The staff came back to it",
        follow_up.pk,
    )


def test_similar_to_never_offers_another_companys_comments(member, letter):
    comment = CommentFactory(letter=letter, text=GOODWILL)
    CommentFactory(text=GOODWILL)  # another company's review
    backfill_vectors()

    assert similar_to(comment, member) == []


def test_similar_to_text_without_a_user_offers_the_library_only(letter):
    CommentFactory(letter=letter, text=GOODWILL)
    library = LibraryCommentFactory(text=GOODWILL)
    backfill_vectors()

    assert [(p.source, p.pk) for p in similar_to_text(GOODWILL)] == [(LIBRARY, library.pk)]


def test_imported_letter_comments_get_their_vectors_once_the_import_commits(
    company, django_capture_on_commit_callbacks
):
    from tracker.domain.letters import import_letter
    from tracker.parsing import parse_letter, synthetic_letter

    with django_capture_on_commit_callbacks() as queued:
        letter = import_letter(parse_letter(synthetic_letter(3)), company=company)
        assert not CommentVector.objects.filter(comment__letter=letter).exists()
    for callback in queued:
        callback()

    stored = [embedding.from_bytes(c.vector.vector) for c in letter.comments.all()]
    assert [v.shape for v in stored] == [(embedding.DIMENSIONS,)] * 3


def test_imported_letter_vectors_are_each_comments_own_embedding_bit_for_bit(
    company, django_capture_on_commit_callbacks
):
    from tracker.domain.letters import import_letter
    from tracker.parsing import parse_letter, synthetic_letter

    # More comments than one embedding batch holds.
    with django_capture_on_commit_callbacks(execute=True):
        letter = import_letter(parse_letter(synthetic_letter(70)), company=company)

    comments = list(letter.comments.select_related("vector").order_by("number"))
    expected = embedding.embed([embedding.comment_text(c.headings, c.text) for c in comments])
    assert [bytes(c.vector.vector) for c in comments] == [embedding.to_bytes(v) for v in expected]


def test_imported_letter_comments_match_by_words_until_embedded_then_by_meaning(
    member, company, django_capture_on_commit_callbacks
):
    from tracker.domain.letters import import_letter
    from tracker.parsing import parse_letter, synthetic_letter

    asking = CommentFactory(letter__review__company=company, text=GOODWILL, headings=[])
    backfill_vectors()
    with django_capture_on_commit_callbacks() as queued:
        letter = import_letter(parse_letter(synthetic_letter(3)), company=company)
    imported = set(letter.comments.values_list("pk", flat=True))

    # No word of theirs is in the asking comment: before their vectors, nothing matches them.
    before = {p.pk for p in similar_to(asking, member)}
    for callback in queued:
        callback()
    after = {p.pk for p in similar_to(asking, member)}

    assert (before & imported, after & imported) == (set(), imported)


def test_embedding_an_imported_letter_again_embeds_nothing(
    company, django_capture_on_commit_callbacks
):
    from tracker.domain.letters import import_letter
    from tracker.parsing import parse_letter, synthetic_letter

    with django_capture_on_commit_callbacks(execute=True):
        letter = import_letter(parse_letter(synthetic_letter(3)), company=company)
    first = list(CommentVector.objects.filter(comment__letter=letter).values_list("pk", "vector"))

    assert embed_letter_task.delay(letter.pk).get() == 0
    assert (
        list(CommentVector.objects.filter(comment__letter=letter).values_list("pk", "vector"))
        == first
    )


def test_embedding_gives_wordllamas_own_vectors_bit_for_bit():
    import numpy as np
    from tokenizers import Tokenizer

    ours = embedding.model()
    from wordllama.inference import WordLlamaInference  # after the model: it sets up logging

    plain = WordLlamaInference(ours.embedding, Tokenizer.from_str(ours.tokenizer.to_str()))
    texts = [GOODWILL, REVENUE, "", "Revise the “Risk Factors” on pages 12–14 — état, Ünïcode."]

    assert np.array_equal(
        ours.embed(texts, norm=False, batch_size=32), plain.embed(texts, norm=False, batch_size=32)
    )


def test_embedding_loads_with_the_network_off(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network is off")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(embedding, "_model", None)

    vectors = embedding.embed(["Revise the goodwill note.", "Tell us about goodwill."])

    assert vectors.shape == (2, embedding.DIMENSIONS)
    assert round(float(vectors[0] @ vectors[0]), 3) == 1.0


@pytest.mark.postgres
def test_search_on_postgresql_matches_other_forms_of_a_word_and_either_of_or(member):
    recognized = LibraryCommentFactory(text="Tell us when the Company recognized the impairments.")
    leases = LibraryCommentFactory(text="Describe the terms of your leasing arrangements.")
    LibraryCommentFactory(text=AUDIT)

    page = search(member, SearchCriteria(text="recognizes impairment or leases"))

    assert sorted(hit.precedent.pk for hit in page.hits) == [recognized.pk, leases.pk]


@pytest.mark.postgres
def test_similar_on_postgresql_searches_a_comments_rarest_words_within_the_row_budget(
    member, monkeypatch
):
    from tracker.queries.precedents import lexical

    for _ in range(3):
        LibraryCommentFactory(text="Please revise the disclosure of revenue.")
    rare = LibraryCommentFactory(text="Tell us about the cobalt royalty streams.")
    monkeypatch.setattr(lexical, "ROW_BUDGET", 2)
    key = semantic.library_key()

    found = lexical.similar("Revise revenue disclosure for cobalt royalties.", 5, key)

    assert [pk for pk, _ in found] == [rare.pk]
