"""The complete record of one SEC review, as a signed zip of JSON and files, and its restoration.

The record holds the review's company and members, its filings and their outlines, every letter
with its source file, every comment, response, revision, approval, assignment, note and export
with its file, and the activity log. Users travel by username and content types by name; the
restore gives every row a new id (see restore), so it goes into any database, beside what is
there.
"""

from .archive import RECORD_FORMAT, RecordError
from .export import export_review
from .restore import import_review

__all__ = ["RECORD_FORMAT", "RecordError", "export_review", "import_review"]
