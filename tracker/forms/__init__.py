"""Forms, by page: importing a letter, working on responses, importing a filing, exporting."""

from .base import StyledForm, removed_notice
from .exports import ExportForm, LetterStyleForm, ResponseLetterForm
from .filings import FilingUploadForm
from .letters import (
    BaseCommentFormSet,
    CommentForm,
    ExtensionForm,
    UploadForm,
    edited_letter,
    over_the_limit,
    preview_forms,
    removed_characters,
)
from .precedents import SearchForm, StartFromForm
from .work import (
    AssignForm,
    DecisionForm,
    MemberChoiceField,
    NoteForm,
    NotificationPreferencesForm,
    ResponseForm,
)

__all__ = [
    "AssignForm",
    "BaseCommentFormSet",
    "CommentForm",
    "DecisionForm",
    "ExportForm",
    "ExtensionForm",
    "FilingUploadForm",
    "LetterStyleForm",
    "MemberChoiceField",
    "NoteForm",
    "NotificationPreferencesForm",
    "ResponseForm",
    "ResponseLetterForm",
    "SearchForm",
    "StartFromForm",
    "StyledForm",
    "removed_characters",
    "removed_notice",
    "UploadForm",
    "edited_letter",
    "over_the_limit",
    "preview_forms",
]
