"""Filters of the comment lists: one letter's comments, and every comment a user may see.

The querysets they filter come from tracker.queries and carry a `due_on` annotation: the
earliest due date among a comment's assignments, else its letter's response due date.
"""

from collections import defaultdict
from datetime import date

import django_filters
from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from tracker import queries
from tracker.clock import company_today, late
from tracker.enums import RequestType, ResponseStatus
from tracker.forms import StyledForm
from tracker.forms.base import QuickSelect, ReadChoices
from tracker.models import (
    Assignment,
    Comment,
    CommentLetter,
    FilingReview,
    filing_label,
    letter_title,
)
from tracker.permissions import visible_companies
from tracker.queries.lists import Member, with_request_type, with_status


class CheckboxFilter(django_filters.BooleanFilter):
    """A checkbox: ticked narrows the list, unticked leaves it whole."""

    field_class = forms.BooleanField


class DateInput(forms.DateInput):
    input_type = "date"


# What a forged or stale company, filing, letter or colleague in the address is told, as a
# model choice field would tell it.
NOT_AMONG_YOURS = {
    "invalid_choice": "Select a valid choice. That choice is not one of the available choices."
}


def own_choice_filter(label: str, empty_label: str, **kwargs) -> django_filters.ChoiceFilter:
    """A select among the user's own companies, filings, letters or colleagues. Its choices
    are given per request as (pk, label) values read in one query each (or none); they also
    check what is asked for, so no model row is read or queryset built to offer or check them."""
    return django_filters.ChoiceFilter(
        label=label,
        empty_label=empty_label,
        widget=QuickSelect,
        error_messages=NOT_AMONG_YOURS,
        **kwargs,
    )


class CommentFilterBase(django_filters.FilterSet):
    """What both lists filter on: the response's status, an assignee, a request type."""

    status = django_filters.ChoiceFilter(
        method="filter_status",
        choices=ResponseStatus.choices,
        label="Status",
        empty_label="Any status",
        widget=QuickSelect,
    )
    assignee = own_choice_filter("Assigned to", "Anyone", method="filter_assignee")
    request_type = django_filters.ChoiceFilter(
        choices=RequestType.choices,
        method="filter_request_type",
        label="The staff ask to",
        empty_label="Anything",
        widget=QuickSelect,
    )

    class Meta:
        model = Comment
        fields: list[str] = []
        form = StyledForm

    def filter_assignee(self, comments: QuerySet, name: str, user_id: str) -> QuerySet:
        return comments.filter(pk__in=Assignment.objects.filter(user=user_id).values("comment_id"))

    def filter_status(self, comments: QuerySet, name: str, status: str) -> QuerySet:
        return with_status(comments, status)

    def filter_request_type(self, comments: QuerySet, name: str, code: str) -> QuerySet:
        return with_request_type(comments, code)


class LetterCommentFilter(CommentFilterBase):
    """One letter's comments; headings to choose from are the letter's innermost ones."""

    heading = django_filters.ChoiceFilter(
        method="filter_heading", label="Heading", empty_label="All headings", widget=QuickSelect
    )
    overdue = CheckboxFilter(method="filter_overdue", label="Overdue only")

    def __init__(self, data=None, *, letter: CommentLetter, members: list[Member], **kwargs):
        super().__init__(data, queryset=queries.letter_comment_rows(letter), **kwargs)
        self.letter = letter
        self.comments_by_heading: dict[str, list[int]] = defaultdict(list)
        for pk, headings in letter.comments.order_by("number").values_list("pk", "headings"):
            if headings:
                self.comments_by_heading[headings[-1]].append(pk)
        self.filters["heading"].extra["choices"] = [(h, h) for h in self.comments_by_heading]
        members = ReadChoices([(member.pk, member.name) for member in members])
        self.filters["assignee"].extra["choices"] = members

    def filter_heading(self, comments: QuerySet, name: str, heading: str) -> QuerySet:
        return comments.filter(pk__in=self.comments_by_heading.get(heading, []))

    def filter_overdue(self, comments: QuerySet, name: str, overdue: bool) -> QuerySet:
        if not overdue:
            return comments
        return comments.filter(late(company_today(self.letter.review.company)))


def filing_choices(user: AbstractBaseUser) -> list[tuple[int, str]]:
    """The user's filings as (pk, label). Read as plain values, not model rows: the select
    may list hundreds, and each row would otherwise bring its company along."""
    rows = queries.visible_filings(user).values_list(
        "pk", "company__name", "form_type", "amendment_number", "filed_on"
    )
    return [
        (pk, f"{company}: {filing_label(form, number, filed)}")
        for pk, company, form, number, filed in rows
    ]


def letter_choices(rows: list[tuple[int, str, date]]) -> list[tuple[int, str]]:
    return [(pk, f"{company}: {letter_title(day)}") for pk, company, day in rows]


class AllCommentsFilter(CommentFilterBase):
    """Every comment the user may see; every choice offered is among his own companies."""

    company = own_choice_filter("Company", "All companies", field_name="letter__review__company")
    filing = own_choice_filter("Filing", "All filings", method="filter_filing")
    letter = own_choice_filter("Staff letter", "All letters")
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
        letters = queries.visible_letter_rows(user)
        comments = queries.comments_of_letters([pk for pk, _, _ in letters])
        super().__init__(data, queryset=comments, **kwargs)
        companies = visible_companies(user)
        choices = {
            "company": list(companies.order_by("name").values_list("pk", "name")),
            "filing": filing_choices(user),
            "letter": letter_choices(letters),
            "assignee": queries.member_names(queries.members_of(companies)),
        }
        for name, offered in choices.items():
            self.filters[name].extra["choices"] = ReadChoices(offered)
        self.form.order_fields(["company", "filing", "letter", "status", "assignee"])

    def filter_filing(self, comments: QuerySet, name: str, filing: str) -> QuerySet:
        return comments.filter(letter__review__in=FilingReview.objects.filter(filings=filing))
