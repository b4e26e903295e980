"""gunicorn's settings for corresp's web service (`gunicorn -c python:tracker.gunicorn`)."""

import gc


def post_worker_init(worker) -> None:
    """Once a worker has loaded the app, move every object alive then (Django, the URL
    patterns, the models' metadata) out of the collector's reach with gc.freeze(). They live
    as long as the worker, yet each full collection would walk them all again: importing a
    long staff letter triggers one, which then costs more than the import's own writes."""
    gc.freeze()
