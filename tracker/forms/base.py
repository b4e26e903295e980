"""What every form shares: Bootstrap styling, and the day as the SEC counts it."""

from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone


def today_in_new_york():
    """The SEC counts days in Washington, whatever the server's clock says."""
    return timezone.localdate(timezone=ZoneInfo("America/New_York"))


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
