from .activity import Activity, AppendOnlyError
from .calendars import CalendarFeed
from .closures import SecClosure
from .companies import Company, Membership
from .exports import Export, ResponseLetter
from .filings import Filing, FilingReview, Section, filing_label
from .imports import FilingImport
from .letters import (
    Comment,
    CommentLetter,
    CommentVector,
    Extension,
    SectionLink,
    letter_title,
)
from .library import LibraryComment, LibraryDocument, LibraryImport, LibraryThread
from .notifications import Notification, NotificationPreference
from .responses import Approval, Assignment, Note, Response, Revision
from .styles import LetterStyle
from .uploads import LetterUpload

__all__ = [
    "Activity",
    "AppendOnlyError",
    "Approval",
    "Assignment",
    "CalendarFeed",
    "Comment",
    "CommentLetter",
    "CommentVector",
    "Company",
    "Export",
    "Extension",
    "Filing",
    "FilingImport",
    "FilingReview",
    "LetterStyle",
    "LetterUpload",
    "LibraryComment",
    "LibraryDocument",
    "LibraryImport",
    "LibraryThread",
    "Membership",
    "Note",
    "Notification",
    "NotificationPreference",
    "Response",
    "ResponseLetter",
    "Revision",
    "SecClosure",
    "Section",
    "SectionLink",
    "filing_label",
    "letter_title",
]
