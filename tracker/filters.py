"""Filters of the comment lists: one letter's comments, and every comment a user may see.

The querysets they filter come from tracker.queries and carry a `due_on` annotation: the
earliest due date among a comment's assignments, else its letter's response due date.
"""

from collections import defaultdict

import django_filters
from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.db.models import QuerySet

from tracker import queries
from tracker.enums import RequestType, ResponseStatus
from tracker.forms import MemberChoiceField, StyledForm, today_in_new_york
from tracker.models import Assignment, Comment, CommentLetter, Company, Filing, FilingReview
from tracker.permissions import visible_companies


class CheckboxFilter(django_filters.BooleanFilter):
    """A checkbox: ticked narrows the list, unticked leaves it whole."""

    field_class = forms.BooleanField


class MemberFilter(django_filters.ModelChoiceFilter):
    field_class = MemberChoiceField


class DateInput(forms.DateInput):
    input_type = "date"


def with_request_type(comments: QuerySet[Comment], code: str) -> QuerySet[Comment]:
    """Comments whose staff ask for `code` among their request types.

    PostgreSQL matches the JSON list itself (and can use an index); SQLite has no JSON
    containment, so there the quoted code is looked for in the list's text.
    """
    if connection.vendor == "postgresql":
        return comments.filter(request_types__contains=[code])
    return comments.filter(request_types__icontains=f'"{code}"')


class CommentFilterBase(django_filters.FilterSet):
    """What both lists filter on: the response's status, an assignee, a request type."""

    status = django_filters.ChoiceFilter(
        field_name="response__status",
        choices=ResponseStatus.choices,
        label="Status",
        empty_label="Any status",
    )
    assignee = MemberFilter(
        queryset=Comment.objects.none(),
        method="filter_assignee",
        label="Assigned to",
        empty_label="Anyone",
    )
    request_type = django_filters.ChoiceFilter(
        choices=RequestType.choices,
        method="filter_request_type",
        label="The staff ask to",
        empty_label="Anything",
    )

    class Meta:
        model = Comment
        fields: list[str] = []
        form = StyledForm

    def filter_assignee(self, comments: QuerySet, name: str, user: AbstractBaseUser) -> QuerySet:
        return comments.filter(pk__in=Assignment.objects.filter(user=user).values("comment_id"))

    def filter_request_type(self, comments: QuerySet, name: str, code: str) -> QuerySet:
        return with_request_type(comments, code)


class LetterCommentFilter(CommentFilterBase):
    """One letter's comments; headings to choose from are the letter's innermost ones."""

    heading = django_filters.ChoiceFilter(
        method="filter_heading", label="Heading", empty_label="All headings"
    )
    overdue = CheckboxFilter(method="filter_overdue", label="Overdue only")

    def __init__(self, data=None, *, letter: CommentLetter, **kwargs):
        super().__init__(data, queryset=queries.letter_comment_rows(letter), **kwargs)
        self.comments_by_heading: dict[str, list[int]] = defaultdict(list)
        for pk, headings in letter.comments.order_by("number").values_list("pk", "headings"):
            if headings:
                self.comments_by_heading[headings[-1]].append(pk)
        self.filters["heading"].extra["choices"] = [(h, h) for h in self.comments_by_heading]
        company = Company.objects.filter(pk=letter.review.company_id)
        self.filters["assignee"].queryset = queries.members_of(company)

    def filter_heading(self, comments: QuerySet, name: str, heading: str) -> QuerySet:
        return comments.filter(pk__in=self.comments_by_heading.get(heading, []))

    def filter_overdue(self, comments: QuerySet, name: str, overdue: bool) -> QuerySet:
        if not overdue:
            return comments
        return comments.filter(due_on__lt=today_in_new_york()).exclude(
            response__status=ResponseStatus.APPROVED
        )


class FilingFilter(django_filters.ModelChoiceFilter):
    class field_class(forms.ModelChoiceField):  # noqa: N801 - django-filter's attribute name
        def label_from_instance(self, obj: Filing) -> str:
            return f"{obj.company.name}: {obj}"


class LetterFilter(django_filters.ModelChoiceFilter):
    class field_class(forms.ModelChoiceField):  # noqa: N801 - django-filter's attribute name
        def label_from_instance(self, obj: CommentLetter) -> str:
            return f"{obj.review.company.name}: {obj}"


class AllCommentsFilter(CommentFilterBase):
    """Every comment the user may see; every choice offered is among his own companies."""

    company = django_filters.ModelChoiceFilter(
        field_name="letter__review__company",
        queryset=Company.objects.none(),
        label="Company",
        empty_label="All companies",
    )
    filing = FilingFilter(
        queryset=Filing.objects.none(),
        method="filter_filing",
        label="Filing",
        empty_label="All filings",
    )
    letter = LetterFilter(
        queryset=CommentLetter.objects.none(), label="Staff letter", empty_label="All letters"
    )
    due_after = django_filters.DateFilter(
        field_name="due_on", lookup_expr="gte", label="Due on or after", widget=DateInput
    )
    due_before = django_filters.DateFilter(
        field_name="due_on", lookup_expr="lte", label="Due on or before", widget=DateInput
    )
    text = django_filters.CharFilter(
        field_name="text", lookup_expr="icontains", label="Text contains"
    )

    def __init__(self, data=None, *, user: AbstractBaseUser, **kwargs):
        super().__init__(data, queryset=queries.visible_comments(user), **kwargs)
        companies = visible_companies(user)
        self.filters["company"].queryset = companies.order_by("name")
        self.filters["filing"].queryset = queries.visible_filings(user)
        self.filters["letter"].queryset = queries.visible_letters(user)
        self.filters["assignee"].queryset = queries.members_of(companies)

    def filter_filing(self, comments: QuerySet, name: str, filing: Filing) -> QuerySet:
        return comments.filter(letter__review__in=FilingReview.objects.filter(filings=filing))
