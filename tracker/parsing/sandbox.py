"""Reading an uploaded file in a child process with a CPU-time, memory and wall-clock limit.

A file can be built to exhaust a reader: a PDF of many thousands of tiny text objects, a
compression bomb, a Word table cell spanning a billion columns. Read in the child, such a file
costs at most the limits, and the web or Celery process that asked only waits for the answer.

    bounded(parse_filing_file, data, limits=Limits(cpu_seconds=20, memory_mb=1024))

The child is a fresh interpreter (subprocess), not a multiprocessing.Process: a Celery prefork
worker is daemonic, and multiprocessing forbids daemonic processes to have children; a fresh
interpreter also inherits none of gunicorn's or Celery's threads, sockets and signal handlers.
It imports only the parsing package, not Django or Celery. The function and its arguments go
to the child as a pickle on stdin; its result or exception comes back the same way on stdout.
Pure Python, no Django.
"""

import os
import pickle
import resource
import select
import signal
import struct
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ParseError

ROOT = Path(__file__).resolve().parent.parent.parent
# The child lowers its own priority so that pages keep answering while it reads.
NICENESS = 10
# Exit code of a child that ran out of memory before it could report it.
EXIT_MEMORY = 86
# How long a batch child may take to start (interpreter, imports) before its first item: not
# counted against that item's wall-clock limit, since on a busy machine a niced child can take
# seconds to start and the file it is about to read is not to blame.
START_SECONDS = 60
_RETRY = "Try another copy of the file (the PDF printed again, or the text pasted in)."


@dataclass(frozen=True)
class Limits:
    """What one read may cost. `document` names the file in messages ("letter", "filing")."""

    cpu_seconds: int = 20
    memory_mb: int = 1024
    wall_seconds: int = 60
    document: str = "letter"


class TookTooLong(ParseError):
    """The read used up its CPU time (RLIMIT_CPU) or its wall-clock time."""

    def __init__(self, seconds: int) -> None:
        super().__init__(
            f"This file took too long to read (over {seconds} seconds): it may be damaged, "
            f"or built to overload the reader. {_RETRY}"
        )


class NeedsTooMuchMemory(ParseError):
    """The read needed more address space than RLIMIT_AS allowed."""

    def __init__(self, megabytes: int, document: str = "letter") -> None:
        super().__init__(
            f"This file needs more memory than a {document} should (over {megabytes} MB) "
            f"to be read: it may be damaged, or built to overload the reader. "
            f"{_RETRY}"
        )


class ReaderStopped(ParseError):
    """The child died of a signal other than its limits' (a crash inside a C library)."""

    default_message = f"The reader stopped while reading this file; it may be damaged. {_RETRY}"


class ChildFailed(Exception):
    """The function raised something other than a ParseError: a bug, not a bad file.

    `str(error)` holds the child's traceback, for the log; never show it to a user."""


def bounded[T](function: Callable[..., T], *args: Any, limits: Limits) -> T:
    """`function(*args)` run in a limited child process; its result, or its exception.

    `function` must be importable by its module and name. Raises the function's own ParseError,
    TookTooLong, NeedsTooMuchMemory, ReaderStopped, or ChildFailed for any other exception."""
    target = f"{function.__module__}:{function.__qualname__}"
    payload = pickle.dumps((target, args, limits), protocol=pickle.HIGHEST_PROTOCOL)
    command = [sys.executable, "-I", "-c", _BOOTSTRAP, str(ROOT)]
    try:
        done = subprocess.run(  # noqa: S603 - our own interpreter and bootstrap
            command, input=payload, capture_output=True, timeout=limits.wall_seconds, check=False
        )
    except subprocess.TimeoutExpired as error:  # run() has killed the child
        raise TookTooLong(limits.wall_seconds) from error
    return _answer(done, limits)


def _answer(done: subprocess.CompletedProcess, limits: Limits) -> Any:
    if done.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise TookTooLong(limits.cpu_seconds)
    if done.returncode == EXIT_MEMORY:
        raise NeedsTooMuchMemory(limits.memory_mb, limits.document)
    if done.returncode < 0:
        raise ReaderStopped()
    if done.returncode != 0 or not done.stdout:  # the child could not even start: a bug
        raise ChildFailed(done.stderr.decode(errors="replace")[-4000:])
    outcome, value = pickle.loads(done.stdout)  # noqa: S301 - written by our own child
    if outcome == "ok":
        return value
    if outcome == "memory":
        raise NeedsTooMuchMemory(limits.memory_mb, limits.document)
    if isinstance(value, ParseError):
        raise value
    raise ChildFailed(value)


def bounded_each(function: Callable[..., Any], items: list, limits: Limits) -> list:
    """`function(item)` for each item, read by as few children as can: one per batch, not one
    per file (starting an interpreter costs about 0.4 s, more than reading most letters).

    Each item keeps its own limits: the CPU time of one call is capped by the child's soft
    RLIMIT_CPU, raised by `limits.cpu_seconds` before each item; its wall-clock time by the
    parent's wait for that item's answer; its memory by RLIMIT_AS, as for `bounded`. A child
    stopped by an item's limits blames that item (TookTooLong, NeedsTooMuchMemory,
    ReaderStopped) and a fresh child reads the items after it.

    Returns one entry per item, in order: the function's result, or the ParseError the item
    raised. Raises ChildFailed for any other exception (a bug, not a bad file)."""
    target = f"{function.__module__}:{function.__qualname__}"
    outcomes: list = []
    while len(outcomes) < len(items):
        outcomes += _batch(target, items[len(outcomes) :], limits)
    return outcomes


def _batch(target: str, items: list, limits: Limits) -> list:
    """Outcomes of the items a child read before it ended, then the stopped item's error."""
    payload = pickle.dumps((target, items, limits), protocol=pickle.HIGHEST_PROTOCOL)
    command = [sys.executable, "-I", "-c", _BOOTSTRAP, str(ROOT), "each"]
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(  # noqa: S603 - our own interpreter and bootstrap
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors
        )
        try:
            outcomes = _read_outcomes(child, payload, len(items), limits)
        finally:
            if child.poll() is None:
                child.kill()
            child.wait()
            child.stdout.close()
        if len(outcomes) < len(items) and not (outcomes and outcomes[-1] is _WALL):
            errors.seek(0)
            outcomes.append(_stopped(child.returncode, errors.read(), limits))
    return [
        TookTooLong(limits.wall_seconds) if outcome is _WALL else outcome for outcome in outcomes
    ]


_WALL = object()  # an item whose answer did not come within the wall-clock limit


def _read_outcomes(child: subprocess.Popen, payload: bytes, count: int, limits: Limits) -> list:
    try:
        child.stdin.write(payload)
        child.stdin.close()
    except BrokenPipeError:
        return []
    started = _frame(child.stdout, time.monotonic() + max(START_SECONDS, limits.wall_seconds))
    if started is None or started is _WALL:
        return [] if started is None else [_WALL]
    outcomes: list = []
    while len(outcomes) < count:
        frame = _frame(child.stdout, time.monotonic() + limits.wall_seconds)
        if frame is _WALL:
            return [*outcomes, _WALL]
        if frame is None:
            return outcomes
        outcomes.append(_item_outcome(pickle.loads(frame), limits))  # noqa: S301 - our child
    return outcomes


def _frame(stream, deadline: float):
    """One length-prefixed pickle from the child; None when it ended, _WALL past `deadline`."""
    header = _read_exactly(stream, 8, deadline)
    if header is None or header is _WALL:
        return header
    return _read_exactly(stream, struct.unpack(">Q", header)[0], deadline)


def _read_exactly(stream, size: int, deadline: float):
    chunks, wanted = [], size
    while wanted:
        ready, _, _ = select.select([stream], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            return _WALL
        chunk = os.read(stream.fileno(), min(wanted, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        wanted -= len(chunk)
    return b"".join(chunks)


def _item_outcome(outcome: tuple[str, Any], limits: Limits) -> Any:
    kind, value = outcome
    if kind == "ok":
        return value
    if kind == "memory":
        return NeedsTooMuchMemory(limits.memory_mb, limits.document)
    if isinstance(value, ParseError):
        return value
    raise ChildFailed(value)


def _stopped(returncode: int, stderr: bytes, limits: Limits) -> ParseError:
    if returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return TookTooLong(limits.cpu_seconds)
    if returncode == EXIT_MEMORY:
        return NeedsTooMuchMemory(limits.memory_mb, limits.document)
    if returncode < 0:
        return ReaderStopped()
    raise ChildFailed(stderr.decode(errors="replace")[-4000:])


# The child starts from `python -I -c`: with an empty `tracker` package of its own, so that
# importing the parsing modules does not run tracker/__init__.py (which loads Celery).
_BOOTSTRAP = """
import sys, types
sys.path.insert(0, sys.argv[1])
package = types.ModuleType("tracker")
package.__path__ = [sys.argv[1] + "/tracker"]
sys.modules["tracker"] = package
from tracker.parsing.sandbox import child_each_main, child_main
child_each_main() if sys.argv[2:] == ["each"] else child_main()
"""


def child_main() -> None:
    """In the child: limit this process, run the function, write its outcome to stdout."""
    result = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything a library prints goes to stderr, not into the result
    sys.stdout = sys.stderr
    target, args, limits = pickle.loads(sys.stdin.buffer.read())  # noqa: S301 - from the parent
    _limit(limits)
    try:
        outcome = ("ok", _call(target, args))
    except BaseException as error:  # noqa: BLE001 - every failure is reported to the parent
        outcome = _failure(error)
    try:
        result.write(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))
        result.flush()
    except MemoryError:
        os._exit(EXIT_MEMORY)


def child_each_main() -> None:
    """In a batch child: each item read under its own CPU time; each outcome written as soon
    as it is known, so that the parent keeps them if a later item stops the child."""
    result = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    target, items, limits = pickle.loads(sys.stdin.buffer.read())  # noqa: S301 - from the parent
    _limit(limits, hard_cpu=(limits.cpu_seconds + 1) * len(items) + 2)
    function = _resolve(target)
    _write_frame(result, b"")  # started: each item's wall clock runs from here
    for item in items:
        used = resource.getrusage(resource.RUSAGE_SELF)
        spent = int(used.ru_utime + used.ru_stime) + 1
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        resource.setrlimit(resource.RLIMIT_CPU, (min(spent + limits.cpu_seconds, hard), hard))
        try:
            outcome = ("ok", function(item))
        except BaseException as error:  # noqa: BLE001 - every failure is reported to the parent
            outcome = _failure(error)
        try:
            _write_frame(result, pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))
        except MemoryError:
            os._exit(EXIT_MEMORY)


def _write_frame(result, frame: bytes) -> None:
    result.write(struct.pack(">Q", len(frame)) + frame)
    result.flush()


def _limit(limits: Limits, hard_cpu: int | None = None) -> None:
    # At the soft CPU limit the kernel sends SIGXCPU (which ends the process), one second later
    # SIGKILL. RLIMIT_AS bounds the address space: an allocation past it raises MemoryError.
    hard = hard_cpu or limits.cpu_seconds + 1
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, hard))
    memory = limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    os.nice(NICENESS)


def _call(target: str, args: tuple) -> Any:
    return _resolve(target)(*args)


def _resolve(target: str) -> Callable[..., Any]:
    module_name, _, name = target.partition(":")
    function: Any = __import__(module_name, fromlist=["_"])
    for part in name.split("."):
        function = getattr(function, part)
    return function


def _failure(error: BaseException) -> tuple[str, Any]:
    """("memory", None) if MemoryError caused it (readers wrap it in their own errors)."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, MemoryError):
            return ("memory", None)
        cause = cause.__cause__ or cause.__context__
    if isinstance(error, ParseError):
        try:
            pickle.dumps(error)
            return ("error", error)
        except Exception:  # noqa: BLE001 - an attribute that does not pickle: keep the message
            return ("error", ParseError(str(error)))
    return ("error", "".join(traceback.format_exception(error)))
