"""Reading in a bounded child: a file that costs too much CPU, memory or time is stopped with a
message a user can read, and the process that asked goes on."""

import pytest

from tests import sandbox_targets as targets
from tracker.parsing import CorruptDocument, NotALetter, TooLarge, read_upload
from tracker.parsing.samples import bomb_pdf, slow_pdf, wide_docx
from tracker.parsing.sandbox import (
    ChildFailed,
    Limits,
    NeedsTooMuchMemory,
    ReaderStopped,
    TookTooLong,
    bounded,
)


def test_bounded_returns_the_functions_result():
    assert bounded(targets.double, 21, limits=Limits()) == 42


def test_bounded_stops_a_function_past_its_cpu_time_with_a_clear_message():
    with pytest.raises(TookTooLong) as stopped:
        bounded(targets.spin, limits=Limits(cpu_seconds=1, wall_seconds=30))
    assert stopped.value.message.startswith("This file took too long to read (over 1 seconds)")


def test_bounded_stops_a_function_past_its_wall_clock_time():
    with pytest.raises(TookTooLong) as stopped:
        bounded(targets.sleep, limits=Limits(wall_seconds=1))
    assert "over 1 seconds" in stopped.value.message


def test_bounded_stops_a_function_past_its_memory_with_a_clear_message():
    with pytest.raises(NeedsTooMuchMemory) as stopped:
        bounded(targets.hog, limits=Limits(memory_mb=200, document="filing"))
    assert stopped.value.message.startswith(
        "This file needs more memory than a filing should (over 200 MB)"
    )


def test_bounded_passes_a_parse_error_through_with_its_message():
    with pytest.raises(CorruptDocument) as refused:
        bounded(targets.refuse, limits=Limits())
    assert refused.value.message == CorruptDocument().message


def test_bounded_reports_a_bug_with_the_childs_traceback_for_the_log():
    with pytest.raises(ChildFailed) as failed:
        bounded(targets.crash, limits=Limits())
    assert "KeyError: 'a bug'" in str(failed.value)


def test_bounded_reports_a_crashed_reader_as_an_unreadable_file():
    with pytest.raises(ReaderStopped):
        bounded(targets.segfault, limits=Limits())


def test_bounded_reports_a_child_that_ends_without_an_answer_as_a_bug():
    with pytest.raises(ChildFailed):
        bounded(targets.vanish, limits=Limits())


def test_word_file_with_a_cell_spanning_a_billion_columns_reads_well_within_the_memory_limit():
    # The Word reader never builds the grid a gridSpan describes, so the file is simply read:
    # it holds no numbered comments.
    with pytest.raises(NotALetter):
        bounded(read_upload, wide_docx(), limits=Limits(memory_mb=300))


def test_pdf_of_many_tiny_text_objects_is_stopped_at_the_cpu_limit():
    with pytest.raises(TookTooLong):
        bounded(read_upload, slow_pdf(40_000), limits=Limits(cpu_seconds=2))


def test_pdf_compression_bomb_is_refused_unread_within_the_memory_limit():
    with pytest.raises(TooLarge, match="compression bomb"):
        bounded(read_upload, bomb_pdf(512), limits=Limits(memory_mb=300))
