"""Reading many files in one bounded child: each file keeps its own limits, and a file that is
stopped costs only itself."""

import os

import pytest

from tests import sandbox_targets as targets
from tracker.parsing import CorruptDocument, sandbox
from tracker.parsing.sandbox import (
    ChildFailed,
    Limits,
    NeedsTooMuchMemory,
    ReaderStopped,
    TookTooLong,
    bounded_each,
)


def test_bounded_each_returns_every_result_in_order():
    assert bounded_each(targets.act, [1, 2, 3], limits=Limits()) == [2, 4, 6]


def test_bounded_each_reads_a_batch_in_one_child_not_one_child_per_file():
    readers = bounded_each(targets.act, ["pid"] * 20, limits=Limits())
    assert len(set(readers)) == 1 and readers[0] != os.getpid()


def test_a_file_after_a_stopped_one_is_not_blamed_for_the_new_childs_start(monkeypatch):
    # A fresh child, niced on a busy machine, can take longer to start than a file may take to
    # read; the file's own clock starts once the child is ready.
    monkeypatch.setattr(
        sandbox, "_BOOTSTRAP", "import time; time.sleep(1.5)\n" + sandbox._BOOTSTRAP
    )
    outcomes = bounded_each(targets.act, [2, 3], limits=Limits(wall_seconds=1))
    assert outcomes == [4, 6]


def test_bounded_each_gives_a_files_own_error_and_reads_the_others():
    outcomes = bounded_each(targets.act, [1, "refuse", 3], limits=Limits())
    assert outcomes[0] == 2 and outcomes[2] == 6
    assert isinstance(outcomes[1], CorruptDocument)


def test_bounded_each_stops_a_file_past_its_cpu_time_and_reads_the_files_after_it():
    outcomes = bounded_each(targets.act, [1, "spin", 3], limits=Limits(cpu_seconds=1))
    assert outcomes[0] == 2 and outcomes[2] == 6
    assert isinstance(outcomes[1], TookTooLong)


def test_bounded_each_stops_a_file_past_its_wall_clock_time():
    outcomes = bounded_each(targets.act, ["sleep", 5], limits=Limits(wall_seconds=1))
    assert isinstance(outcomes[0], TookTooLong)
    assert outcomes[1] == 10


def test_bounded_each_blames_a_file_that_needs_too_much_memory():
    outcomes = bounded_each(targets.act, ["hog", 2], limits=Limits(memory_mb=512))
    assert isinstance(outcomes[0], NeedsTooMuchMemory)
    assert outcomes[1] == 4


def test_bounded_each_blames_a_file_that_crashes_the_reader():
    outcomes = bounded_each(targets.act, [1, "segfault", 2], limits=Limits())
    assert outcomes[0] == 2 and outcomes[2] == 4
    assert isinstance(outcomes[1], ReaderStopped)


def test_bounded_each_raises_a_bug_as_child_failed():
    with pytest.raises(ChildFailed, match="a bug"):
        bounded_each(targets.act, ["crash"], limits=Limits())
