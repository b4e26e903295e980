from .activity import Activity, AppendOnlyError
from .companies import Company, Membership
from .exports import Export, ResponseLetter
from .filings import Filing, FilingReview, Section
from .imports import FilingImport
from .letters import Comment, CommentLetter, SectionLink
from .notifications import Notification, NotificationPreference
from .responses import Approval, Assignment, Note, Response, Revision
from .styles import LetterStyle
from .uploads import LetterUpload

__all__ = [
    "Activity",
    "AppendOnlyError",
    "Approval",
    "Assignment",
    "Comment",
    "CommentLetter",
    "Company",
    "Export",
    "Filing",
    "FilingImport",
    "FilingReview",
    "LetterStyle",
    "LetterUpload",
    "Membership",
    "Note",
    "Notification",
    "NotificationPreference",
    "Response",
    "ResponseLetter",
    "Revision",
    "Section",
    "SectionLink",
]
