"""The Search page's criteria, and the Start from this answer button's post."""

from django import forms

from tracker.enums import FormType, RequestType
from tracker.parsing.search_text import parse_search
from tracker.queries.precedents import LIBRARY, OURS, SearchCriteria

from .base import EARLIEST_LETTER, StyledForm

SOURCES = [("", "Ours and the public library"), (OURS, "Our reviews"), (LIBRARY, "Public library")]
MAX_PAGE = 1_000


class SearchForm(StyledForm):
    """What the Search page looks for. Every field may be left empty."""

    q = forms.CharField(
        label="Words",
        required=False,
        max_length=500,
        help_text='Words match their forms (revenue, revenues). Put a phrase in "quotes" to '
        "find it as written, -word to leave out what holds a word, or between two words for "
        "either.",
    )
    form_type = forms.ChoiceField(
        label="Form", required=False, choices=[("", "Any form"), *FormType.choices]
    )
    year = forms.IntegerField(
        label="Year of the staff letter",
        required=False,
        min_value=EARLIEST_LETTER.year,
        max_value=2100,
        error_messages={"min_value": "EDGAR holds no staff letter before 1993."},
    )
    company = forms.CharField(label="Company", required=False, max_length=200)
    heading = forms.CharField(label="Heading words", required=False, max_length=200)
    request_type = forms.ChoiceField(
        label="The staff ask to",
        required=False,
        choices=[("", "Anything"), *RequestType.choices],
    )
    source = forms.ChoiceField(label="Where", required=False, choices=SOURCES)
    page = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE, widget=forms.HiddenInput
    )

    def clean_q(self) -> str:
        text = self.cleaned_data["q"]
        if text.strip() and parse_search(text).empty:
            raise forms.ValidationError(
                "Add a word to search for: a search made only of words to leave out (-word), "
                "of words too common to be indexed (the, and, not) or of signs finds nothing "
                "to rank."
            )
        return text

    def criteria(self) -> SearchCriteria:
        """The cleaned criteria; call after is_valid()."""
        data = self.cleaned_data
        return SearchCriteria(
            text=data["q"].strip(),
            form_type=data["form_type"],
            year=data["year"],
            company=data["company"].strip(),
            heading=data["heading"].strip(),
            request_type=data["request_type"],
            source=data["source"],
        )

    def asks_anything(self) -> bool:
        return any(value for name, value in self.cleaned_data.items() if name != "page")


class StartFromForm(forms.Form):
    """Start from this answer: which precedent (its source and its comment's pk)."""

    source = forms.ChoiceField(choices=[(OURS, OURS), (LIBRARY, LIBRARY)])
    pk = forms.IntegerField(min_value=1)
    # The revision of another assigned drafter the user confirmed saving over.
    replacing = forms.IntegerField(required=False, min_value=1)
