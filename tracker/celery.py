"""Celery wired to Django: tasks run eagerly in-process unless CELERY_BROKER_URL is set."""

import gc
import os

from celery import Celery
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

app = Celery("corresp")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
def freeze_loaded_objects(**kwargs) -> None:
    """A pool process starts with the app loaded: its objects live as long as the process, so
    gc.freeze() keeps every full collection (a long letter's import triggers one) from walking
    them again. The same is done in gunicorn's workers (tracker/gunicorn.py)."""
    gc.freeze()
