"""Shared helpers for the parsing tests: where the test letters live."""

from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = DATA / "sec-staff-letter_calix_s-1_2009-12-17.txt"


def letter_text(name: str) -> str:
    return (DATA / "letters" / name).read_text(encoding="utf-8")


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
