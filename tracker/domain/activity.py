from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import models

from tracker.models import Activity, Company


def record_activity(
    company: Company,
    actor: AbstractBaseUser | None,
    verb: str,
    target: models.Model,
    summary: str,
    **detail: Any,
) -> Activity:
    """Append one row to the activity log. The only way rows get into it."""
    return Activity.objects.create(
        company=company,
        actor=actor,
        verb=verb,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        summary=summary[:500],
        detail=detail,
    )
