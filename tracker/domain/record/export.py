"""Writing the record of one review: its rows as JSON, its stored files, signed."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.storage import default_storage
from django.db import models

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

from .archive import RECORD_FORMAT, write_record

# What the record says of each person: who he is, never what he may do or his password.
EXPORTED_USER_FIELDS = ["username", "first_name", "last_name", "email"]


def export_review(review: FilingReview) -> bytes:
    """The review's whole record as zip bytes, signed with RECORD_SIGNING_KEY (see archive)."""
    groups = review_objects(review)
    objects = [obj for group in groups for obj in group]
    users = serializers.serialize(
        "json", people(groups), fields=EXPORTED_USER_FIELDS, use_natural_primary_keys=True
    )
    members = {
        "users.json": users.encode(),
        "objects.json": serializers.serialize(
            "json", objects, use_natural_foreign_keys=True, indent=1
        ).encode(),
    }
    for path in stored_files(objects):
        with default_storage.open(path, "rb") as handle:
            members[f"files/{path}"] = handle.read()
    manifest = {
        "format": RECORD_FORMAT,
        "review": review.pk,
        "company": review.company.name,
        "objects": len(objects),
    }
    return write_record(manifest, members)


def review_objects(review: FilingReview) -> list[list[models.Model]]:
    """Every object of the review, model by model, each model's rows by id: the same review
    writes the same record on any database, and a restored review the record it came from."""
    letters = CommentLetter.objects.filter(review=review)
    comments = Comment.objects.filter(letter__in=letters)
    responses = Response.objects.filter(comment__in=comments)
    revisions = Revision.objects.filter(response__in=responses)
    company = review.company
    filings = filings_with_amended(review)
    querysets = [
        Membership.objects.filter(company=company),
        Section.objects.filter(filing__in=[filing.pk for filing in filings]),
        letters,
        ResponseLetter.objects.filter(letter__in=letters),
        comments,
        SectionLink.objects.filter(comment__in=comments),
        responses,
        revisions,
        Approval.objects.filter(revision__in=revisions),
        Assignment.objects.filter(comment__in=comments),
        Note.objects.filter(comment__in=comments),
        Export.objects.filter(letter__in=letters),
    ]
    by_id = [list(queryset.order_by("pk")) for queryset in querysets]
    groups = [[company], by_id[0], filings, by_id[1], [review], *by_id[2:]]
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


def stored_files(objects: list[models.Model]) -> list[str]:
    paths = []
    for obj in objects:
        for field in obj._meta.concrete_fields:
            if isinstance(field, models.FileField):
                name = getattr(obj, field.attname).name
                if name and default_storage.exists(name):
                    paths.append(name)
    return paths
