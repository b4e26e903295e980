from datetime import date

from django.conf import settings
from django.db import models

from tracker.enums import LetterKind, LinkMethod

from .filings import FilingReview, Section


class CommentLetter(models.Model):
    """One letter from the SEC staff: a round of comments, or the letter closing the review."""

    review = models.ForeignKey(FilingReview, on_delete=models.CASCADE, related_name="letters")
    round = models.PositiveSmallIntegerField(default=1)
    kind = models.CharField(max_length=20, choices=LetterKind.choices, default=LetterKind.COMMENTS)
    letter_date = models.DateField()
    received_on = models.DateField()
    response_window_business_days = models.PositiveSmallIntegerField(default=10)
    response_due_on = models.DateField(null=True, blank=True, db_index=True)
    addressee = models.TextField(blank=True, help_text="As printed: name, title, company, address")
    salutation = models.CharField(max_length=200, blank=True)
    re_block = models.TextField("Re: block", blank=True, help_text="As printed in the letter")
    closing_text = models.TextField(blank=True)
    staff_signatory = models.CharField(max_length=200, blank=True)
    staff_signatory_title = models.CharField(max_length=200, blank=True)
    staff_contacts = models.JSONField(
        default=list, blank=True, help_text='[{"name": ..., "title": ..., "phone": ...}]'
    )
    cc = models.JSONField(default=list, blank=True)
    asks_acknowledgment = models.BooleanField(
        "asks for the acknowledgment statement",
        default=False,
        help_text="The staff ask the company to acknowledge, in its response, that it is "
        "responsible for the adequacy and accuracy of the disclosure (letters up to 2016)",
    )
    required_sign_offs = models.JSONField(
        default=list,
        blank=True,
        help_text='Sign-offs each response needs, e.g. ["legal", "finance"], or "reviewer" for a '
        'reviewer\'s "reviewed, no changes" beside the approval; empty: one approver',
    )
    source_file = models.FileField(upload_to="letters/%Y/", blank=True)
    source_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    extracted_text = models.TextField(blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["review", "round"]
        constraints = [
            models.UniqueConstraint(fields=["review", "round"], name="one_letter_per_round"),
        ]

    def __str__(self) -> str:
        return letter_title(self.letter_date)


def letter_title(letter_date: date) -> str:
    """ "Staff letter of December 17, 2009": `str(letter)` from its date alone."""
    return f"Staff letter of {letter_date:%B %-d, %Y}"


def innermost_heading(headings: list[str]) -> str:
    """The innermost heading, the one a response letter repeats right above the comment."""
    return headings[-1] if headings else ""


class Comment(models.Model):
    """One numbered comment of the staff. (What we write back is a Response.)"""

    # No index of its own: the unique (letter, number) below serves lookups by letter, and in
    # letter order, so a page of a letter-by-letter list is read without sorting them all.
    letter = models.ForeignKey(
        CommentLetter, on_delete=models.CASCADE, related_name="comments", db_index=False
    )
    number = models.PositiveSmallIntegerField()
    headings = models.JSONField(default=list, blank=True, help_text="Outermost first")
    pages = models.JSONField(default=list, blank=True, help_text='As printed: ["29", "F-37"]')
    text = models.TextField()
    request_types = models.JSONField(default=list, blank=True)
    follows_up = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="followed_up_by"
    )
    sections = models.ManyToManyField(Section, through="SectionLink", related_name="comments")

    class Meta:
        ordering = ["letter", "number"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "number"], name="one_comment_per_number"),
        ]

    def __str__(self) -> str:
        return f"Comment {self.number}"

    @property
    def heading(self) -> str:
        return innermost_heading(self.headings)


class SectionLink(models.Model):
    """Ties a comment to a section of the filing it concerns."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="section_links")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="comment_links")
    method = models.CharField(max_length=20, choices=LinkMethod.choices)
    score = models.FloatField(default=0.0)
    passage = models.TextField(blank=True, help_text="The sentences the comment concerns")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["comment", "-score"]
        constraints = [
            models.UniqueConstraint(fields=["comment", "section"], name="one_link_per_section"),
        ]

    def __str__(self) -> str:
        return f"{self.comment} -> {self.section}"


class CommentVector(models.Model):
    """A comment's sentence embedding (float16), kept off the comment so lists never load it."""

    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="vector")
    vector = models.BinaryField()

    def __str__(self) -> str:
        return f"Embedding of comment {self.comment_id}"


class Extension(models.Model):
    """More time the staff granted to answer one letter ("we expect to respond by ...").

    The letter's `response_due_on` is the date in force; each extension keeps the date it
    replaced, so the first one's `previous_due_on` is the letter's original response date."""

    letter = models.ForeignKey(CommentLetter, on_delete=models.CASCADE, related_name="extensions")
    asked_on = models.DateField("asked on", null=True, blank=True)
    granted_on = models.DateField("granted on")
    granted_by = models.CharField("granted by", max_length=200, help_text="Who on the staff")
    previous_due_on = models.DateField("response date before")
    new_due_on = models.DateField("new response date")
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["letter", "recorded_at", "pk"]

    def __str__(self) -> str:
        return f"Extension of {self.letter} to {self.new_due_on:%B %-d, %Y}"
