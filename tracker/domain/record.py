"""The complete record of one SEC review, as a zip of JSON and files, and its restoration.

The record holds the review's company and members, its filings and their outlines, every letter
with its source file, every comment, response, revision, approval, assignment, note and export
with its file, and the activity log. Users travel by username and content types by name, so the
record restores into another database whatever its ids.
"""

import io
import json
import zipfile
from pathlib import PurePosixPath

from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction

from tracker.models import (
    Activity,
    Approval,
    Assignment,
    Comment,
    CommentLetter,
    Company,
    Export,
    Filing,
    FilingReview,
    Membership,
    Note,
    Response,
    ResponseLetter,
    Revision,
    Section,
    SectionLink,
)

RECORD_FORMAT = "corresp-review-record/1"


class RecordError(Exception):
    """The record cannot be restored; the message says why."""


def review_objects(review: FilingReview) -> list[list[models.Model]]:
    """Every object of the review, in an order in which they can be saved back."""
    letters = CommentLetter.objects.filter(review=review)
    comments = Comment.objects.filter(letter__in=letters)
    responses = Response.objects.filter(comment__in=comments)
    revisions = Revision.objects.filter(response__in=responses)
    filings = filings_with_amended(review)
    sections = Section.objects.filter(filing__in=filings).order_by("order")
    company = review.company
    memberships = Membership.objects.filter(company=company)
    groups = [
        [company],
        list(memberships),
        list(filings),
        list(sections),
        [review],
        list(letters),
        list(ResponseLetter.objects.filter(letter__in=letters)),
        list(comments),
        list(SectionLink.objects.filter(comment__in=comments)),
        list(responses),
        list(revisions.order_by("number")),
        list(Approval.objects.filter(revision__in=revisions)),
        list(Assignment.objects.filter(comment__in=comments)),
        list(Note.objects.filter(comment__in=comments)),
        list(Export.objects.filter(letter__in=letters)),
    ]
    groups.append(activities_of(company, [obj for group in groups for obj in group]))
    return groups


def filings_with_amended(review: FilingReview) -> list[Filing]:
    filings = {filing.pk: filing for filing in review.filings.all()}
    pending = [f.amends_id for f in filings.values() if f.amends_id]
    while pending:
        for filing in Filing.objects.filter(pk__in=pending).exclude(pk__in=filings):
            filings[filing.pk] = filing
        pending = [
            f.amends_id for f in filings.values() if f.amends_id and f.amends_id not in filings
        ]
    return sorted(filings.values(), key=lambda filing: (filing.amendment_number, filing.pk))


def activities_of(company: Company, objects: list[models.Model]) -> list[Activity]:
    from django.contrib.contenttypes.models import ContentType

    keys = {(ContentType.objects.get_for_model(obj).pk, obj.pk) for obj in objects}
    rows = Activity.objects.filter(company=company).order_by("id")
    return [row for row in rows if (row.target_type_id, row.target_id) in keys]


def people(groups: list[list[models.Model]]) -> list[models.Model]:
    """Every user the record names: members, authors, approvers, assignees, actors."""
    user_fields = [
        field.attname
        for group in groups
        for obj in group[:1]
        for field in obj._meta.concrete_fields
        if field.is_relation and field.related_model is get_user_model()
    ]
    ids = {
        getattr(obj, name, None) for group in groups for obj in group for name in user_fields
    } - {None}
    return list(get_user_model().objects.filter(pk__in=ids).order_by("username"))


def export_review(review: FilingReview) -> bytes:
    """The review's whole record as zip bytes."""
    groups = review_objects(review)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        users = serializers.serialize(
            "json",
            people(groups),
            fields=["username", "first_name", "last_name", "email", "is_active"],
            use_natural_primary_keys=True,
        )
        archive.writestr("users.json", users)
        objects = [obj for group in groups for obj in group]
        archive.writestr(
            "objects.json",
            serializers.serialize("json", objects, use_natural_foreign_keys=True, indent=1),
        )
        for path in stored_files(objects):
            with default_storage.open(path, "rb") as handle:
                archive.writestr(f"files/{path}", handle.read())
        manifest = {"format": RECORD_FORMAT, "review": review.pk, "objects": len(objects)}
        archive.writestr("manifest.json", json.dumps(manifest))
    return buffer.getvalue()


def stored_files(objects: list[models.Model]) -> list[str]:
    paths = []
    for obj in objects:
        for field in obj._meta.concrete_fields:
            if isinstance(field, models.FileField):
                name = getattr(obj, field.attname).name
                if name and default_storage.exists(name):
                    paths.append(name)
    return paths


@transaction.atomic
def import_review(data: bytes) -> FilingReview:
    """Restore a record made by export_review; all of it is restored, or nothing is."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        manifest = json.loads(archive.read("manifest.json"))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise RecordError("This is not a corresp review record.") from error
    if manifest.get("format") != RECORD_FORMAT:
        raise RecordError(f"Unknown record format {manifest.get('format')!r}.")
    if FilingReview.objects.filter(pk=manifest["review"]).exists():
        raise RecordError(
            "This database already holds a review with that id; restore into an empty one."
        )
    for user in serializers.deserialize("json", archive.read("users.json")):
        user.save()
    restored = list(serializers.deserialize("json", archive.read("objects.json")))
    # Saving forgets an object's many-to-many data, and those links may point forward in the
    # list (a comment following up a later one), so they are set once every object exists.
    links = [(item.object, item.m2m_data or {}) for item in restored]
    for item in restored:
        item.save(save_m2m=False)
    for obj, m2m in links:
        for name, values in m2m.items():
            getattr(obj, name).set(values)
    restore_files(archive)
    return FilingReview.objects.get(pk=manifest["review"])


def restore_files(archive: zipfile.ZipFile) -> None:
    for name in archive.namelist():
        if not name.startswith("files/") or name.endswith("/"):
            continue
        path = str(PurePosixPath(name).relative_to("files"))
        if ".." in PurePosixPath(path).parts:
            raise RecordError(f"Refusing a file outside the storage: {path}")
        if not default_storage.exists(path):
            saved = default_storage.save(path, ContentFile(archive.read(name)))
            if saved != path:
                raise RecordError(f"Could not restore {path} under its own name.")
