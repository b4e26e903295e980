"""Every status and kind in corresp, and the allowed moves of a response, on one screen."""

from django.db import models

from tracker.parsing.response_style import NO_SIGN_OFF, SIGN_OFFS


class Role(models.TextChoices):
    """What a member may do within one company (see permissions.py). An administrator does all
    an approver does, and runs the company's team and its settings."""

    PREPARER = "preparer", "Preparer"
    REVIEWER = "reviewer", "Reviewer"
    APPROVER = "approver", "Approver"
    ADMINISTRATOR = "administrator", "Administrator"
    READ_ONLY = "read_only", "Read-only"


class FormType(models.TextChoices):
    S1 = "S-1", "S-1"
    S1A = "S-1/A", "S-1/A"
    DRS = "DRS", "DRS (draft registration statement)"
    DRSA = "DRS/A", "DRS/A"
    F1 = "F-1", "F-1"
    F1A = "F-1/A", "F-1/A"
    S3 = "S-3", "S-3"
    S4 = "S-4", "S-4"
    S11 = "S-11", "S-11"
    F3 = "F-3", "F-3"
    F4 = "F-4", "F-4"
    FORM_10_12B = "10-12B", "Form 10 (10-12B)"
    FORM_10_12G = "10-12G", "Form 10 (10-12G)"
    TEN_K = "10-K", "10-K"
    TEN_KA = "10-K/A", "10-K/A"
    TEN_Q = "10-Q", "10-Q"
    EIGHT_K = "8-K", "8-K"
    SIX_K = "6-K", "6-K"
    DEF14A = "DEF 14A", "DEF 14A"
    PRE14A = "PRE 14A", "PRE 14A"
    TWENTY_F = "20-F", "20-F"
    FORTY_F = "40-F", "40-F"
    OTHER = "other", "Other"


class ReviewStatus(models.TextChoices):
    OPEN = "open", "Open"
    COMPLETE = "complete", "Review complete"


class LetterKind(models.TextChoices):
    COMMENTS = "comments", "Comments"
    REVIEW_COMPLETE = "review_complete", "Review complete"
    NO_REVIEW = "no_review", "No review"
    OTHER = "other", "Other"


class RequestType(models.TextChoices):
    """What the staff ask for in a comment; a comment may ask several things."""

    REVISE = "revise", "Revise disclosure"
    TELL_US = "tell_us", "Tell us / explain"
    SUPPLEMENTAL = "supplemental", "Provide supplementally"
    CONFIRM = "confirm", "Confirm"
    ADVISORY = "advisory", "Advisory"


class ResponseStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    DRAFTING = "drafting", "Drafting"
    IN_REVIEW = "in_review", "In review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"


# The only moves a response may make; transition_response() refuses any other.
# Editing an approved response starts a new revision and sends it back to review.
TRANSITIONS: dict[str, set[str]] = {
    ResponseStatus.NOT_STARTED: {ResponseStatus.DRAFTING},
    ResponseStatus.DRAFTING: {ResponseStatus.IN_REVIEW},
    ResponseStatus.IN_REVIEW: {ResponseStatus.CHANGES_REQUESTED, ResponseStatus.APPROVED},
    ResponseStatus.CHANGES_REQUESTED: {ResponseStatus.DRAFTING},
    ResponseStatus.APPROVED: {ResponseStatus.IN_REVIEW},
}


class SignOff(models.TextChoices):
    """Whose sign-off an approver gives; a letter may require several (legal and finance)."""

    LEGAL = "legal", "Legal"
    FINANCE = "finance", "Finance"


# A letter's required sign-offs may also name a reviewer's: a "reviewed, no changes" of the
# latest revision gives it (domain.responses.sign_offs_given). It never replaces an approval.
REVIEWER_SIGN_OFF = "reviewer"


class AssignmentRole(models.TextChoices):
    DRAFTER = "drafter", "Drafter"
    REVIEWER = "reviewer", "Reviewer"
    APPROVER = "approver", "Approver"


class Decision(models.TextChoices):
    """A decision on one revision. "Reviewed" records that a reviewer read it and wants no
    change: it leaves the response in review, and counts as the reviewer's sign-off."""

    APPROVED = "approved", "Approved"
    REVIEWED = "reviewed", "Reviewed, no changes"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"


class LinkMethod(models.TextChoices):
    AUTOMATIC = "automatic", "Found automatically"
    MANUAL = "manual", "Set by hand"


class UploadStatus(models.TextChoices):
    """A staged staff letter: read in the background, then its preview waits to be checked, and
    it is saved or thrown away. A file that cannot be read ends failed, with its message."""

    PARSING = "parsing", "Being read"
    FAILED = "failed", "Could not be read"
    PENDING = "pending", "Waiting for review"
    SAVED = "saved", "Saved"
    DISCARDED = "discarded", "Discarded"


# The only moves an upload makes; nothing moves it back once read, saved or thrown away.
UPLOAD_TRANSITIONS: dict[str, set[str]] = {
    UploadStatus.PARSING: {UploadStatus.PENDING, UploadStatus.FAILED},
    UploadStatus.PENDING: {UploadStatus.SAVED, UploadStatus.DISCARDED},
}


class ExportFormat(models.TextChoices):
    DOCX = "docx", "Word (.docx)"
    PDF = "pdf", "PDF"
    HTML = "html", "EDGAR HTML"
    TXT = "txt", "Text"


class ExportVersion(models.TextChoices):
    """Rule 83: the full letter for the staff, the redacted one for EDGAR, and the FOIA request."""

    STANDARD = "standard", "Letter"
    CONFIDENTIAL = "confidential", "Confidential version (for the staff)"
    PUBLIC = "public", "Public version (for EDGAR)"
    FOIA_REQUEST = "foia_request", "Rule 83 request to the Office of FOIA Services"


class NotificationKind(models.TextChoices):
    DIGEST = "digest", "Daily digest"
    ASSIGNED = "assigned", "Assigned to you"
    REVIEW_REQUESTED = "review_requested", "Waiting for your review"
    DECIDED = "decided", "Decision on your response"
    DEADLINE_NEAR = "deadline_near", "Response date near"
    DEADLINE_PASSED = "deadline_passed", "Response date passed"


class DeliveryStatus(models.TextChoices):
    """A notification is claimed before it is sent, so it is never sent twice. A notice of an
    event first gathers the events that follow it within its window, then is claimed."""

    GATHERING = "gathering", "Gathering"
    CLAIMED = "claimed", "Claimed"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class ImportStatus(models.TextChoices):
    """A filing being imported in the background, with a progress bar on its page."""

    QUEUED = "queued", "Queued"
    RUNNING = "running", "Importing"
    DONE = "done", "Imported"
    FAILED = "failed", "Failed"


# How the response letter is dressed (models.LetterStyle; exporters/style.py gives the text).
class SalutationRule(models.TextChoices):
    SIGNATORY = "signatory", "Dear ... (the staff member who signed: “Dear Mr. Spirgel:”)"
    ATTENTION = (
        "attention",
        "Dear ... (those in the Attention block: “Dear Ms. Jones and Mr. Lee:”)",
    )
    FORMAL = "formal", "Ladies and Gentlemen:"


class RecitalEmphasis(models.TextChoices):
    BOLD_ITALIC = "bold_italic", "Bold italics"
    BOLD = "bold", "Bold"
    ITALIC = "italic", "Italics"
    PLAIN = "plain", "Plain"


class ResponseLabel(models.TextChoices):
    """The words are parsing.response_style.RESPONSE_LABELS, by value."""

    RESPONSE = "response", "Response:"
    UPPER = "upper", "RESPONSE:"
    COMPANY = "company", "Company Response:"
    BARE = "bare", "Response (no colon)"
    UPPER_BARE = "upper_bare", "RESPONSE (no colon)"
    NONE = "none", "No label"


class AttentionRule(models.TextChoices):
    RANKED = "ranked", "Names with titles, most senior first"
    NAMES = "names", "Names only, most senior first"
    NONE = "none", "No Attention block"


class ClosingContact(models.TextChoices):
    NONE = "none", "Neither"
    PHONE = "phone", "Telephone"
    EMAIL = "email", "E-mail"
    BOTH = "both", "Telephone and e-mail"


# The letter style's sign-offs: the phrases real letters use, or none above the signature.
SIGN_OFF_CHOICES = [(phrase, phrase) for phrase in SIGN_OFFS] + [
    (NO_SIGN_OFF, "No complimentary close")
]
