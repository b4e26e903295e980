"""Functions the bounded-reading tests run in the child: importable by module and name."""

import os
import signal
import time

from tracker.parsing import CorruptDocument


def spin() -> None:
    while True:
        pass


def hog() -> bytes:
    return b"x" * (4 * 1024 * 1024 * 1024)


def sleep() -> None:
    time.sleep(60)


def pid() -> int:
    return os.getpid()


def refuse() -> None:
    raise CorruptDocument()


def crash() -> None:
    raise KeyError("a bug")


def double(value: int) -> int:
    return 2 * value


def segfault() -> None:
    os.kill(os.getpid(), signal.SIGSEGV)


def vanish() -> None:
    os._exit(3)


def act(what: str | int):
    """One item of a batch: a number is doubled, a name runs the target of that name."""
    return double(what) if isinstance(what, int) else globals()[what]()
