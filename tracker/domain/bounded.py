"""The limits an uploaded file is read under, from the settings (see tracker/parsing/sandbox.py).

One home for them: letter uploads and filing imports read through `letter_limits()` and
`filing_limits()`, and a filing import's lease is derived from its wall-clock limit.
"""

from django.conf import settings

from tracker.parsing.sandbox import Limits

# A busy machine shares its cores: the clock may run three times the CPU time.
WALL_PER_CPU = 3


def letter_limits() -> Limits:
    cpu = settings.PARSE_CPU_SECONDS
    return Limits(cpu, settings.PARSE_MEMORY_MB, WALL_PER_CPU * cpu, "letter")


def filing_limits() -> Limits:
    cpu = settings.FILING_PARSE_CPU_SECONDS
    return Limits(cpu, settings.FILING_PARSE_MEMORY_MB, WALL_PER_CPU * cpu, "filing")
