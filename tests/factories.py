"""Factories for real database rows; the defaults make a small, valid SEC review."""

from datetime import date

import factory
from django.contrib.auth import get_user_model

from tracker.enums import AssignmentRole, FormType, Role
from tracker.models import (
    Assignment,
    Comment,
    CommentLetter,
    Company,
    Filing,
    FilingReview,
    LibraryComment,
    LibraryDocument,
    LibraryThread,
    Membership,
    Response,
    Revision,
)
from tracker.parsing import embedding


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("pass-word-1234")


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Registrant {n}, Inc.")
    cik = factory.Sequence(lambda n: f"{n:010d}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    company = factory.SubFactory(CompanyFactory)
    role = Role.PREPARER


class FilingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Filing

    company = factory.SubFactory(CompanyFactory)
    form_type = FormType.S1
    file_number = factory.Sequence(lambda n: f"333-{100000 + n}")
    filed_on = date(2009, 11, 20)


class FilingReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FilingReview
        skip_postgeneration_save = True

    company = factory.SubFactory(CompanyFactory)
    opened_on = date(2009, 12, 17)

    @factory.post_generation
    def filings(self, create, extracted, **kwargs):
        if create:
            self.filings.add(*(extracted or [FilingFactory(company=self.company)]))


class CommentLetterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommentLetter

    review = factory.SubFactory(FilingReviewFactory)
    round = factory.Sequence(lambda n: n + 1)
    letter_date = date(2009, 12, 17)
    received_on = date(2009, 12, 17)
    response_due_on = date(2010, 1, 4)
    re_block = "Re: Registrant\nRegistration Statement on Form S-1"


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment
        skip_postgeneration_save = True

    letter = factory.SubFactory(CommentLetterFactory)
    number = factory.Sequence(lambda n: n + 1)
    headings = factory.LazyAttribute(lambda c: ["General", f"Heading {c.number}, page {c.number}"])
    pages = factory.LazyAttribute(lambda c: [str(c.number)])
    text = factory.LazyAttribute(lambda c: f"Please revise the disclosure on page {c.number}.")
    request_types = factory.LazyFunction(lambda: ["revise"])
    response = factory.RelatedFactory("tests.factories.ResponseFactory", "comment")


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    comment = factory.SubFactory(CommentFactory, response=None)


class RevisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Revision

    response = factory.SubFactory(ResponseFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "The Company has revised the disclosure."
    author = factory.SubFactory(UserFactory)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    comment = factory.SubFactory(CommentFactory)
    user = factory.SubFactory(UserFactory)
    role = AssignmentRole.DRAFTER


class LibraryThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LibraryThread

    key = factory.Sequence(lambda n: f"PUB/PUB_0000000000-18-{n:06d}")
    company_name = factory.Sequence(lambda n: f"Public Company {n}")
    ticker = "PUB"
    form_type = "10-K"
    opened_on = date(2018, 3, 1)


class LibraryDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LibraryDocument

    thread = factory.SubFactory(LibraryThreadFactory)
    accession = factory.Sequence(lambda n: f"0000000000-18-{n:06d}")
    form_type = LibraryDocument.UPLOAD
    kind = "comments"
    letter_date = date(2018, 3, 1)


def _library_vector(comment) -> bytes:
    return embedding.to_bytes(
        embedding.embed([embedding.comment_text(comment.headings, comment.text)])[0]
    )


class LibraryCommentFactory(factory.django.DjangoModelFactory):
    """A public staff comment; its company, form and date are copied from its letter, as the
    library's import does, and its vector is the comment's embedding."""

    class Meta:
        model = LibraryComment

    letter = factory.SubFactory(LibraryDocumentFactory)
    thread = factory.LazyAttribute(lambda c: c.letter.thread)
    number = factory.Sequence(lambda n: n + 1)
    headings = factory.LazyFunction(lambda: ["General"])
    text = factory.LazyAttribute(lambda c: f"Please revise the disclosure on page {c.number}.")
    request_types = factory.LazyFunction(lambda: ["revise"])
    company_name = factory.LazyAttribute(lambda c: c.letter.thread.company_name)
    form_type = factory.LazyAttribute(lambda c: c.letter.thread.form_type)
    letter_date = factory.LazyAttribute(lambda c: c.letter.letter_date)
    vector = factory.LazyAttribute(_library_vector)
