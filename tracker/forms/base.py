"""What every form shares: Bootstrap styling, and the day as the SEC counts it."""

import datetime as dt
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone


def today_in_new_york():
    """The SEC counts days in Washington, whatever the server's clock says."""
    return timezone.localdate(timezone=ZoneInfo("America/New_York"))


# EDGAR took its first electronic filings in 1993; no staff letter corresp reads is older.
EARLIEST_LETTER = dt.date(1993, 1, 1)


class ReceivedDateField(forms.DateField):
    """The day a staff letter was received: from 1993 to tomorrow in New York (a letter cannot
    arrive later than that, and the due date is counted from it)."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def validate(self, value):
        super().validate(value)
        latest = today_in_new_york() + dt.timedelta(days=1)
        if value and not EARLIEST_LETTER <= value <= latest:
            raise forms.ValidationError(
                f"A letter is received between {EARLIEST_LETTER:%B %-d, %Y} and tomorrow; "
                f"check the date {value:%B %-d, %Y}.",
                code="out_of_range",
            )


class StyledForm(forms.Form):
    """Bootstrap classes on every control, and `is-invalid` on those with an error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
                css = "form-check-input"
            else:
                css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs["class"] = css

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["class"] += " is-invalid"
