"""Parsing tests: importable helpers, and no dependence on Django."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(autouse=True)
def fast_password_hashing():
    """The parser is pure Python: these tests need no Django settings at all."""
