"""A PDF export pauses the garbage collector only while WeasyPrint works."""

import gc

from tracker.exporters import weasy

PAGE = "<!doctype html><html><body><p>One page.</p></body></html>"


def test_collector_runs_again_after_a_pdf():
    assert weasy.pdf(PAGE).startswith(b"%PDF")
    assert gc.isenabled()


def test_collector_paused_by_the_caller_stays_paused():
    gc.disable()
    try:
        weasy.pdf(PAGE)
        assert not gc.isenabled()
    finally:
        gc.enable()
