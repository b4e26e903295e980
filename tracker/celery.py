"""Celery wired to Django: tasks run eagerly in-process unless CELERY_BROKER_URL is set."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

app = Celery("corresp")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
