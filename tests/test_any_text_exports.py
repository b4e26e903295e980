"""Any text the forms accept exports in every format and version offered for it.

Responses go in through the response form and `save_revision`, the letter's settings through
the settings form and `save_response_letter`, as a user's do; then every (version, format) the
export page offers this letter (`permissions.allowed_exports`) is exported through
`export_letter`. None may fail, the EDGAR HTML must pass EDGAR's allow-list, the ASCII text
must be ASCII within 80 columns. The PDF formats, slow to render, have a test of fewer examples.
"""

import io

import docx
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from tests.exports_helpers import edgar_problems
from tests.factories import CommentFactory, CommentLetterFactory, MembershipFactory
from tracker import permissions, queries
from tracker.domain.exports import export_letter, save_response_letter
from tracker.domain.responses import ActionRefused, save_revision
from tracker.enums import ExportFormat, Role
from tracker.forms import ResponseForm, ResponseLetterForm
from tracker.models import Revision

pytestmark = pytest.mark.django_db

# What users paste: Word's line breaks and other controls, bidirectional marks, right-to-left
# scripts, emoji (joined ones too), typographic signs EDGAR's ASCII lacks, a word longer than a
# line, markup marks alone or unbalanced, and text that looks like HTML or XML.
PASTED = [
    "\x0b", "\x0c", "\x00", "\x07", "\x1b", "\x7f", "\x85", "\r\n", "\t",
    "\u202e", "\u2066", "\u200f", "\u200b", "\ufeff", "\u00ad",
    "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627", "\U0001f600",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\u20ac150", "\u00bd", "\u2265", "\u00d7",
    "\u00b0", "\u00a7", "\u4e2d\u56fd", "W" * 300, "[[", "]]", "**", "*", "- ", "\n", "\n\n",
    "<b>", "&amp;", "]]>", "</w:t>", "{company}", "{nothing}",
]  # fmt: skip
typed = st.lists(
    st.one_of(
        st.sampled_from(PASTED),
        st.text(st.characters(exclude_categories=("Cs",)), max_size=15),
    ),
    min_size=1,
    max_size=8,
).map("".join)
SETTINGS = ["letterhead", "delivery_line", "attention", "opening", "closing", "signer_name", "cc"]
SLOW = {ExportFormat.PDF}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def setup(company):
    """A letter of two comments and a preparer of its company."""
    author = MembershipFactory(company=company, role=Role.PREPARER).user
    letter = CommentLetterFactory(review__company=company)
    for number in (1, 2):
        CommentFactory(letter=letter, number=number)
    return letter, author


def respond(letter, author, texts: list[str]) -> None:
    """Each text saved as the comment's next revision, if the response form accepts it."""
    for comment, text in zip(letter.comments.order_by("number"), texts, strict=True):
        form = ResponseForm({"text": text})
        assume(form.is_valid())
        latest = Revision.objects.filter(response=comment.response).order_by("-number").first()
        try:
            save_revision(
                comment.response,
                form.cleaned_data["text"],
                author=author,
                based_on=latest.number if latest else None,
            )
        except ActionRefused:
            assume(False)  # refused with a message (an empty response): nothing to export


def set_letter(letter, author, value: str) -> None:
    form = ResponseLetterForm(dict.fromkeys(SETTINGS, value))
    assume(form.is_valid())
    save_response_letter(letter, form.cleaned_data, actor=author)


def offered(letter, slow: bool) -> list[tuple[str, str]]:
    confidential = queries.letter_has_confidential_passages(letter)
    return [
        (version, format)
        for version, formats in permissions.allowed_exports(confidential).items()
        for format in formats
        if (format in SLOW) == slow
    ]


def export_everything_offered(letter, author, slow: bool) -> None:
    for version, format in offered(letter, slow):
        export = export_letter(letter, format, version=version, actor=author)
        data = export.file.read()
        assert len(export.filename) <= 32
        if format == ExportFormat.HTML:
            assert edgar_problems(data) == [], version
        elif format == ExportFormat.TXT:
            assert max(map(len, data.decode("ascii").splitlines())) <= 80, version
        elif format == ExportFormat.DOCX:
            assert docx.Document(io.BytesIO(data)).paragraphs
        else:
            assert PdfReader(io.BytesIO(data)).pages


CHECKS = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@settings(max_examples=40, deadline=None, suppress_health_check=CHECKS)
@given(first=typed, second=typed, setting=typed)
def test_any_accepted_text_exports_in_word_html_and_text(setup, first, second, setting):
    letter, author = setup
    respond(letter, author, [first, second])
    set_letter(letter, author, setting)
    export_everything_offered(letter, author, slow=False)


@settings(max_examples=20, deadline=None, suppress_health_check=CHECKS)
@given(first=typed, second=typed, setting=typed)
def test_any_accepted_text_exports_as_pdf(setup, first, second, setting):
    letter, author = setup
    respond(letter, author, [first, second])
    set_letter(letter, author, setting)
    export_everything_offered(letter, author, slow=True)


def test_an_empty_confidential_mark_offers_the_plain_letter_and_it_exports(setup):
    letter, author = setup
    for comment, text in zip(letter.comments.all(), ["Yes [[]] indeed.", "[["], strict=True):
        save_revision(comment.response, text, author=author, based_on=None)
    assert offered(letter, slow=False)[0] == ("standard", ExportFormat.DOCX)
    export_everything_offered(letter, author, slow=False)
