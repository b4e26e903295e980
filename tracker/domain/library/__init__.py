"""The precedent library fills itself: public review threads imported from a folder laid out
as EDGAR serves them, or fetched from EDGAR. The only code that writes the library's rows.

It never writes a Company, Membership or permission row, and nothing of the firm's own work
(letters, responses, notes) enters it: it reads only the files it is given.
"""

from .folders import import_folder, run_folder_thread, thread_folders
from .runs import start_run
from .threads import SourceFile, ThreadOutcome, import_thread

__all__ = [
    "SourceFile",
    "ThreadOutcome",
    "import_folder",
    "import_thread",
    "run_folder_thread",
    "start_run",
    "thread_folders",
]
