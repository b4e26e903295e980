from .activity import Activity, AppendOnlyError
from .companies import Company, Membership
from .filings import Filing, FilingReview, Section
from .letters import Comment, CommentLetter, SectionLink
from .responses import Approval, Assignment, Note, Response, Revision
from .uploads import LetterUpload

__all__ = [
    "Activity",
    "AppendOnlyError",
    "Approval",
    "Assignment",
    "Comment",
    "CommentLetter",
    "Company",
    "Filing",
    "FilingReview",
    "LetterUpload",
    "Membership",
    "Note",
    "Response",
    "Revision",
    "Section",
    "SectionLink",
]
