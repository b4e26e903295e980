"""Reading many files in one bounded child: each file keeps its own limits, and a file that is
stopped costs only itself."""

import time

import pytest

from tests import sandbox_targets as targets
from tracker.parsing import CorruptDocument
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


def test_bounded_each_reads_a_batch_in_one_child_faster_than_one_child_per_file():
    start = time.perf_counter()
    bounded_each(targets.act, list(range(20)), limits=Limits())
    # Twenty children would take about 20 x 0.1 s to start, at the very least.
    assert time.perf_counter() - start < 1.5


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
