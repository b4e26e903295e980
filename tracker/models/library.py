"""The public library: staff letters (EDGAR form UPLOAD) and companies' responses (CORRESP).

Kept apart from the firm's own work. Nothing here belongs to a company of corresp; no member's
permission reaches it or changes because of it; only the library's import writes it, and
nothing of the firm's own (responses, notes, drafts) is ever copied into it.
"""

from django.conf import settings
from django.db import models


class LibraryThread(models.Model):
    """One public review: the staff's letters and the company's answers, in accession order."""

    key = models.CharField(max_length=120, unique=True, help_text="The review's folder or key")
    company_name = models.CharField(max_length=200, blank=True)
    ticker = models.CharField(max_length=12, blank=True, db_index=True)
    cik = models.CharField(max_length=10, blank=True, db_index=True)
    form_type = models.CharField(
        max_length=20, blank=True, help_text="The form reviewed (10-K, S-1), as the letters name it"
    )
    opened_on = models.DateField(null=True, blank=True, help_text="The first staff letter's date")
    closed_on = models.DateField(null=True, blank=True, help_text="The closing letter's date")

    class Meta:
        ordering = ["company_name", "opened_on", "key"]

    def __str__(self) -> str:
        return f"{self.company_name or self.ticker} ({self.form_type or 'review'})"


class LibraryDocument(models.Model):
    """One EDGAR document of a thread: a staff letter (UPLOAD) or a letter to the staff
    (CORRESP)."""

    UPLOAD = "UPLOAD"
    CORRESP = "CORRESP"
    FORM_TYPES = [(UPLOAD, "UPLOAD (staff letter)"), (CORRESP, "CORRESP (letter to the staff)")]

    thread = models.ForeignKey(LibraryThread, on_delete=models.CASCADE, related_name="documents")
    accession = models.CharField(max_length=25, unique=True, help_text="0000000000-17-044885")
    form_type = models.CharField(max_length=10, choices=FORM_TYPES)
    kind = models.CharField(
        max_length=30,
        help_text="comments, review_complete, keyed_response, acceleration_request, "
        "cover_letter, rule_83_request, other",
    )
    letter_date = models.DateField(null=True, blank=True)
    source_name = models.CharField(max_length=255, blank=True)
    source_sha256 = models.CharField(max_length=64, blank=True)
    text = models.TextField(blank=True, help_text="The letter's text as read")
    note = models.TextField(blank=True, help_text="What the reader could not make of it")
    reading = models.JSONField(
        default=dict,
        blank=True,
        help_text="What pairing needs (tracker.parsing.threads.DocumentFacts), kept so that a "
        "thread that gains documents is paired again without reading its files again",
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["thread", "accession"]

    def __str__(self) -> str:
        return f"{self.form_type} {self.accession}"


class LibraryComment(models.Model):
    """A public staff comment, paired with the company's answer to it and what followed."""

    CLOSED = "closed"
    FOLLOWED_UP = "followed_up"
    UNKNOWN = "unknown"
    OUTCOMES = [
        (CLOSED, "Review closed after it"),
        (FOLLOWED_UP, "The staff came back to it"),
        (UNKNOWN, "Not known"),
    ]

    letter = models.ForeignKey(LibraryDocument, on_delete=models.CASCADE, related_name="comments")
    thread = models.ForeignKey(LibraryThread, on_delete=models.CASCADE, related_name="comments")
    number = models.PositiveSmallIntegerField()
    headings = models.JSONField(default=list, blank=True, help_text="Outermost first")
    text = models.TextField()
    request_types = models.JSONField(default=list, blank=True)
    # Copied from the thread and letter so the search filters read one table.
    company_name = models.CharField(max_length=200, blank=True)
    form_type = models.CharField(max_length=20, blank=True, db_index=True)
    letter_date = models.DateField(null=True, blank=True, db_index=True)
    answer = models.TextField(blank=True, help_text="The company's keyed response to it")
    answer_document = models.ForeignKey(
        LibraryDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="answers"
    )
    outcome = models.CharField(max_length=20, choices=OUTCOMES, default=UNKNOWN)
    followed_up_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="follows_up"
    )
    vector = models.BinaryField(blank=True, default=b"", help_text="Sentence embedding (float16)")

    class Meta:
        ordering = ["letter", "number"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "number"], name="one_library_comment"),
        ]

    def __str__(self) -> str:
        return f"{self.company_name}, comment {self.number}"

    @property
    def heading(self) -> str:
        return self.headings[-1] if self.headings else ""


class LibraryImport(models.Model):
    """One run of import_correspondence or fetch_correspondence, for its progress page."""

    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    STATUSES = [(RUNNING, "Running"), (DONE, "Done"), (FAILED, "Failed")]

    source = models.CharField(max_length=255, help_text="A folder's name, or CIK/ticker on EDGAR")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20, choices=STATUSES, default=RUNNING)
    threads_total = models.PositiveIntegerField(default=0)
    threads_done = models.PositiveIntegerField(default=0)
    threads_failed = models.PositiveIntegerField(default=0)
    documents_imported = models.PositiveIntegerField(default=0)
    documents_skipped = models.PositiveIntegerField(
        default=0, help_text="Accessions the library already held"
    )
    messages = models.JSONField(default=list, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"Library import of {self.source}"
