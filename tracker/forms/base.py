"""What every form shares: Bootstrap styling, and the day as the SEC counts it."""

import contextlib
import datetime as dt
from html import escape

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import SafeString, mark_safe

from tracker.clock import sec_today
from tracker.parsing.characters import printable_counted

# EDGAR took its first electronic filings in 1993; no staff letter corresp reads is older.
EARLIEST_LETTER = dt.date(1993, 1, 1)


class QuickSelect(forms.Select):
    """A select whose options are written out in Python. Django renders each option through
    its own template, which costs about a millisecond apiece on a list of hundreds of letters
    or members. The HTML is Django's (attributes in the same order), but for the line breaks
    between options."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        chosen = {str(v) for v in self.format_value(value)}
        pairs = [(str(key), str(label)) for key, label in self.choices]
        keys = escaped_all([key for key, _ in pairs])
        labels = escaped_all([label for _, label in pairs])
        options = "".join(
            f'<option value="{key}"{" selected" if raw in chosen else ""}>{label}</option>'
            for key, label, (raw, _) in zip(keys, labels, pairs, strict=True)
        )
        attributes = html_attributes(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{escape(name)}"{attributes}>{options}</select>')  # noqa: S308 - every part escaped above


class ReadChoices(BaseChoiceIterator):
    """(value, label) choices read for one request, shared by the form's fields and widgets
    instead of copied: each form deep-copies its fields, and a copy of hundreds of options
    (with Django normalizing each one) costs more than writing them. Never changed once made."""

    def __init__(self, choices: list[tuple[object, str]]):
        self.choices = choices

    def __iter__(self):
        return iter(self.choices)

    def __len__(self) -> int:
        return len(self.choices)

    def __deepcopy__(self, memo) -> "ReadChoices":
        return self


def escaped_all(texts: list[str]) -> list[str]:
    """Each text escaped as `html.escape` does, in one call over them all joined: a select of
    hundreds of options then costs five replacements, not five per option. A text holding the
    separator (a NUL, which no form text keeps) is escaped on its own."""
    joined = "\0".join(texts)
    if joined.count("\0") != max(len(texts) - 1, 0):
        return [escape(text) for text in texts]
    return escape(joined).split("\0") if texts else []


def html_attributes(attrs: dict) -> str:
    """Attributes as Django's widget template writes them: in order, True as a bare name,
    False left out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


class ReceivedDateField(forms.DateField):
    """The day a staff letter was received: from 1993 to tomorrow in New York (a letter cannot
    arrive later than that, and the due date is counted from it)."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def validate(self, value):
        super().validate(value)
        latest = sec_today() + dt.timedelta(days=1)
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


class PrintableForm(StyledForm):
    """A form whose typed or pasted text is cleaned of the characters no letter holds
    (`parsing.characters.printable`: Word's Shift+Enter, bidirectional overrides, ...) before it
    is validated, so what is checked is what is saved and printed. `removed_characters` counts
    them, for telling the user (`removed_notice`); the rest of the text is kept as typed."""

    removed_characters = 0
    _printed = False

    def full_clean(self):
        if self.is_bound and not self._printed:
            self._printed = True
            changed = {}
            for name in self.fields:
                key = self.add_prefix(name)
                values, removed = self._printable_values(key)
                if removed:
                    changed[key] = values
                    self.removed_characters += removed
            if changed:
                self.data = _writable(self.data)
                for key, values in changed.items():
                    if hasattr(self.data, "setlist"):
                        self.data.setlist(key, values)
                    else:
                        self.data[key] = values[0]
        super().full_clean()

    def _printable_values(self, key: str) -> tuple[list, int]:
        """The posted value(s) of one field, cleaned, and how many characters went."""
        getlist = getattr(self.data, "getlist", None)
        values = getlist(key) if getlist else ([self.data[key]] if key in self.data else [])
        cleaned = [printable_counted(v) if isinstance(v, str) else (v, 0) for v in values]
        return [value for value, _ in cleaned], sum(count for _, count in cleaned)


def _writable(data):
    """A copy of the posted data that can be changed, made once per request and shared by
    every form bound to it: a preview of 1,200 comment forms copies it once, not 1,200 times."""
    shared = getattr(data, "_printable_copy", None)
    if shared is None:
        shared = data.copy()
        # A plain dict (posted by a test or a script) takes no attribute: it is not shared.
        with contextlib.suppress(AttributeError):
            data._printable_copy = shared
    return shared


def removed_notice(count: int) -> str:
    """What the user is told when `PrintableForm` removed characters ("" when none were)."""
    if not count:
        return ""
    were = "character was" if count == 1 else "characters were"
    return (
        f" {count} invisible control {were} removed from your text (they come from pasting "
        "from Word)."
    )
